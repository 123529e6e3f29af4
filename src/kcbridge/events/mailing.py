"""The schedule mail: its text in the reader's language, and the job that sends it with the bilingual PDF
and the ICS file attached (made in the job, so sending to hundreds of participants returns at once)."""

from __future__ import annotations

from kcbridge.accounts.models import User
from kcbridge.events import repository as repo
from kcbridge.events.ics import calendar
from kcbridge.events.itinerary import Item, display_name, itinerary
from kcbridge.events.models import Event
from kcbridge.events.pdf import schedule_pdf
from kcbridge.events.service import event_service
from kcbridge.events.timefmt import zone_name
from kcbridge.kit.db import unit_of_work
from kcbridge.kit.i18n import DEFAULT_LOCALE, LANG_OF_LOCALE, normalize_locale, translations
from kcbridge.kit.jobs import job
from kcbridge.kit.mail import attachment, send_mail

LOCALE_OF_LANG = {"ko": "ko", "zh": "zh_Hans", "en": "en"}


def reminder(
    event: Event, participant_id: int, items: list[Item], lang: str, base_url: str
) -> dict[str, str]:
    """Subject and plain-text body of the schedule mail in `lang`, times in the event's zone (its city)."""
    locale = LOCALE_OF_LANG[lang]
    t = translations(locale)
    zone = zone_name(event.timezone, locale)
    lines = [t.gettext("Your meetings at {event} ({zone}):").format(event=event.title(lang), zone=zone), ""]
    for item in items:
        start, end = item.local(event.timezone)
        who = item.with_names.get(lang) or item.with_names["en"]
        place = f"{t.gettext('Online')}: {item.online_url}" if item.online and item.online_url else item.table
        lines.append(f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}  {who}  ({place})")
    link = f"{base_url.rstrip('/')}/events/participants/{participant_id}"
    lines += [
        "",
        t.gettext("The printable schedule (PDF) and the calendar file (ICS) are attached."),
        t.gettext("Your schedule, PDF and calendar file: {link}").format(link=link),
    ]
    subject = t.gettext("Your meeting schedule: {event}").format(event=event.title(lang))
    return {"subject": subject, "body": "\n".join(lines)}


@job
def mail_schedule(participant_id: int, user_id: int, base_url: str) -> None:
    """Mails one reader a participant's published schedule in the reader's language, with the bilingual
    PDF and the ICS file attached."""

    with unit_of_work(write=False) as db:
        participant, reader = repo.participant(db, participant_id), db.get(User, user_id)
        if participant is None or reader is None or not reader.is_active or not participant.mail_consent:
            return
        event = event_service.get(db, participant.event_id)
        org = repo.organisations(db, [participant.organisation_id]).get(participant.organisation_id)
        items = itinerary(db, event, participant)
        if not items:
            return
        lang = LANG_OF_LOCALE[normalize_locale(reader.locale) or DEFAULT_LOCALE]
        who = {x: display_name(participant, org, x) for x in ("ko", "zh", "en")}
        mail = reminder(event, participant.id, items, lang, base_url)
        name = f"schedule-{event.id}-{participant.id}"
        files = [
            attachment(f"{name}.pdf", "application/pdf", schedule_pdf(event, who, items, lang)),
            attachment(
                f"{name}.ics",
                "text/calendar",
                calendar(event, items, lang=lang, participant_id=participant.id),
            ),
        ]
        to = reader.email
    send_mail(to=to, subject=mail["subject"], body=mail["body"], attachments=files)
