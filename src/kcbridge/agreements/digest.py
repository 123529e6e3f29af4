"""The weekly digest: each owner organisation's members hear of its overdue and at-risk commitments,
each in their own language, at most once per ISO week."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.agreements import repository as repo
from kcbridge.agreements import vocab
from kcbridge.agreements.models import DigestSent
from kcbridge.kit import i18n
from kcbridge.kit.config import get_settings
from kcbridge.kit.i18n import N_, _
from kcbridge.kit.mail import send_mail
from kcbridge.notifications import service as notify

KIND = "commitment_digest"
LISTED = 25
notify.TEXTS[KIND] = N_("{count} commitments of {org} are overdue or at risk.")


def week_of(day: date) -> str:
    year, week, _day = day.isocalendar()
    return f"{year}-W{week:02d}"


def send_digests(db: Session, *, today: date) -> int:
    """One digest per owner organisation with overdue or at-risk commitments not yet told this week;
    returns how many organisations were told."""
    week = week_of(today)
    flagged = repo.flagged_for_digest(db, today)
    if not flagged:
        return 0
    done = set(
        db.scalars(
            select(DigestSent.organisation_id).where(
                DigestSent.week == week, DigestSent.organisation_id.in_(list(flagged))
            )
        )
    )
    orgs = repo.organisations(db, list(flagged))
    base = get_settings().base_url.rstrip("/")
    told = 0
    before = i18n.get_locale()
    try:
        for org_id, items in flagged.items():
            org = orgs.get(org_id)
            if org_id in done or org is None or org.deleted_at is not None:
                continue
            user_ids = repo.member_user_ids(db, org_id)
            users = db.scalars(select(User).where(User.id.in_(user_ids), User.is_active.is_(True))).all()
            for user in users:
                i18n.set_locale(user.locale or i18n.DEFAULT_LOCALE)
                lang = i18n.get_lang()
                payload = {
                    "organisation_id": org_id,
                    "org": org.names(),
                    "count": len(items),
                    "link": f"/my/commitments?org={org_id}",
                }
                notify.notify(db, [user.id], KIND, payload, mail=False)
                lines = [notify.text(KIND, payload), ""]
                for c, a in items[:LISTED]:
                    flag = (
                        _("overdue")
                        if vocab.is_overdue(c.due_on, c.status, today)
                        else vocab.label(c.status, lang)
                    )
                    due = c.due_on.isoformat() if c.due_on else "—"
                    lines += [
                        f"- {c.what(lang)} ({flag}, {_('due')} {due})",
                        f"  {a.title(lang)}",
                        f"  {base}/agreements/{a.id}/commitments/{c.id}",
                    ]
                if len(items) > LISTED:
                    lines.append(_("…and {n} more.").format(n=len(items) - LISTED))
                lines += [
                    "",
                    _("Every open commitment of your organisation:"),
                    f"{base}/my/commitments?org={org_id}",
                ]
                subject = "kcbridge: " + _("Commitments to follow up ({org})").format(org=org.name(lang))
                send_mail.defer(db, to=user.email, subject=subject, body="\n".join(lines))
            db.add(DigestSent(organisation_id=org_id, week=week, count=len(items)))
            told += 1
    finally:
        i18n.set_locale(before)
    db.flush()
    return told
