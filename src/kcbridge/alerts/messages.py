"""The alert of a saved search: one in-app notification and one mail, in the owner's language."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.alerts.models import SavedSearch
from kcbridge.alerts.results import Result
from kcbridge.kit.config import get_settings
from kcbridge.kit.i18n import N_, _
from kcbridge.kit.mail import send_mail
from kcbridge.notifications import service as notify

KIND = "saved_search_alert"
LISTED = 20  # a mail lists this many new results, then says how many more
notify.TEXTS[KIND] = N_("New results for your saved search “{title}”: {count}")


def send_alert(db: Session, user: User, search: SavedSearch, fresh: Sequence[Result]) -> None:
    """Notifies `user` of `fresh` results; call with the owner's locale set (the mail is worded now)."""
    payload = {
        "search_id": search.id,
        "title": search.name,
        "count": len(fresh),
        "link": "/searches",
        "results": [{"kind": r.kind, "id": r.id, "title": r.title, "url": r.url} for r in fresh[:LISTED]],
    }
    notify.notify(db, [user.id], KIND, payload, mail=False)
    base = get_settings().base_url.rstrip("/")
    lines = [_(notify.TEXTS[KIND]).format(title=search.name, count=len(fresh)), ""]
    for r in fresh[:LISTED]:
        lines += [f"- {r.title}", f"  {base}{r.url}"]
    if len(fresh) > LISTED:
        lines.append(_("…and {n} more.").format(n=len(fresh) - LISTED))
    lines += ["", _("Manage your saved searches and their alerts:"), f"{base}/searches"]
    subject = "kcbridge: " + _("New results for “{name}”").format(name=search.name)
    send_mail.defer(db, to=user.email, subject=subject, body="\n".join(lines))
