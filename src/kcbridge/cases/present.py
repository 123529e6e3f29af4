"""Cases as the API shows them (labels in the reader's language)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.cases import repository as repo
from kcbridge.cases import vocab
from kcbridge.cases.models import Case, CaseMessage, CaseRoute
from kcbridge.cases.schemas import AttachmentOut, CaseDetail, CaseOut, MessageOut, OrgRef, RouteOut
from kcbridge.directory.models import Organisation


def _ref(org: Organisation | None, lang: str) -> OrgRef | None:
    return OrgRef(id=org.id, name=org.name(lang)) if org is not None else None


def _fields(c: Case, lang: str) -> dict[str, object]:
    org = _ref(c.organisation, lang)
    assert org is not None
    return dict(
        id=c.id,
        organisation=org,
        institution=_ref(c.institution, lang),
        category=c.category,
        category_label=vocab.label(c.category, lang),
        sector=c.sector,
        region=c.region,
        country=c.country,
        lang=c.lang,
        subject=c.subject,
        description=c.description,
        desired_outcome=c.desired_outcome,
        status=c.status,
        status_label=vocab.label(c.status, lang),
        origin=c.origin,
        event_id=c.event_id,
        confirmed=c.confirmed_at is not None,
        submitted_at=c.submitted_at,
        first_reply_at=c.first_reply_at,
        closed_at=c.closed_at,
        first_reply_due_at=c.first_reply_due_at,
        resolution_due_at=c.resolution_due_at,
        waiting_for_firm=c.paused_since is not None,
        first_reply_breached=c.first_reply_breached_at is not None,
        resolution_breached=c.resolution_breached_at is not None,
        rating=c.rating,
        rating_comment=c.rating_comment,
    )


def present_case(c: Case, lang: str) -> CaseOut:
    return CaseOut.model_validate(_fields(c, lang))


def author_name(m: CaseMessage, users: dict[int, User]) -> str:
    author = users.get(m.author_id) if m.author_id else None
    return author.display_name if author else "kcbridge"


def present_message(m: CaseMessage, users: dict[int, User]) -> MessageOut:
    return MessageOut(
        id=m.id, side=m.side, kind=m.kind, body=m.body, author=author_name(m, users), created_at=m.created_at
    )


def present_detail(db: Session, c: Case, lang: str) -> CaseDetail:
    thread = repo.messages(db, c.id)
    users = repo.users(db, [m.author_id for m in thread if m.author_id])
    return CaseDetail.model_validate(
        {
            **_fields(c, lang),
            "messages": [present_message(m, users) for m in thread],
            "attachments": [
                AttachmentOut(
                    id=a.id,
                    filename=a.filename,
                    content_type=a.content_type,
                    size=a.size,
                    url=f"/api/v1/cases/{c.id}/attachments/{a.id}",
                    created_at=a.created_at,
                )
                for a in repo.attachments(db, c.id)
            ],
            "shared_with": [u.display_name for _s, u in repo.shares(db, c.id)],
        }
    )


def present_route(r: CaseRoute, lang: str) -> RouteOut:
    ref = _ref(r.institution, lang)
    assert ref is not None
    return RouteOut(
        id=r.id, category=r.category, country=r.country, region=r.region, sector=r.sector, institution=ref
    )
