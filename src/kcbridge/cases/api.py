"""JSON routes of the voice of business: cases, their thread and files, sharing, routing rules, round
tables and statistics. Every read goes through the repository's readable statement."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Query, Response, UploadFile, status

from kcbridge.accounts.auth import AdminUser, CurrentUser
from kcbridge.cases import export, repository, stats, vocab
from kcbridge.cases.auth import CaseUser, StatsUser
from kcbridge.cases.files import MAX_BYTES, attachment_service
from kcbridge.cases.present import present_case, present_detail, present_message, present_route
from kcbridge.cases.roundtable import round_table_service
from kcbridge.cases.rules import route_service
from kcbridge.cases.schemas import (
    AttachmentOut,
    CaseDetail,
    CaseIn,
    CasePage,
    CasePatch,
    MessageIn,
    MessageOut,
    OrgRef,
    RatingIn,
    ReassignIn,
    ReassignOut,
    RoundTableIn,
    RoundTableOut,
    RouteIn,
    RouteOut,
    ShareIn,
    StatCell,
    StatsOut,
    StatSummary,
    StatusIn,
)
from kcbridge.cases.service import case_service
from kcbridge.cases.sharing import share_service
from kcbridge.kit.i18n import get_lang, normalize_locale
from kcbridge.kit.web.deps import DbSession, csrf_protect

router = APIRouter(tags=["cases"], dependencies=[Depends(csrf_protect)])
Lang = Annotated[str | None, Query(description="ko, zh or en: language of labels")]
Status = Annotated[str | None, Query(pattern="^(" + "|".join(sorted(vocab.STATUS_CODES)) + ")$")]
Category = Annotated[str | None, Query(pattern="^(" + "|".join(sorted(vocab.CATEGORY_CODES)) + ")$")]
Narrower = Annotated[
    str | None, Query(description="Refused: statistics are narrowed by country or year only")
]


def _lang(lang: str | None) -> str:
    loc = normalize_locale(lang)
    return {"ko": "ko", "zh_Hans": "zh", "en": "en"}[loc] if loc else get_lang()


def _detail(db: DbSession, case_id: int, user: CurrentUser, lang: str | None) -> CaseDetail:
    db.expire_all()
    return present_detail(db, case_service.get(db, case_id, user), _lang(lang))


@router.get("/cases", response_model=CasePage)
def list_cases(
    db: DbSession,
    user: CaseUser,
    q: Annotated[str | None, Query(max_length=200, description="Words in the subject or texts")] = None,
    status: Status = None,
    category: Category = None,
    breached: Annotated[bool, Query(description="Only cases past an SLA deadline")] = False,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 20,
    lang: Lang = None,
) -> CasePage:
    """Cases you may read: your firms' cases, your institution's queue (support agents), or all
    (administrators). Government officers and analysts: 403 (statistics and shared cases instead)."""
    items, total = case_service.listing(
        db,
        user=user,
        q=q,
        status=status,
        category=category,
        breached=breached,
        offset=(page - 1) * per_page,
        limit=per_page,
    )
    language = _lang(lang)
    return CasePage(
        items=[present_case(c, language) for c in items], total=total, page=page, per_page=per_page
    )


@router.post("/cases", response_model=CaseDetail, status_code=status.HTTP_201_CREATED)
def create_case(data: CaseIn, db: DbSession, user: CaseUser, lang: Lang = None) -> CaseDetail:
    """File a case for one of your firms; it is routed at once to the responsible institution."""
    case = case_service.create(db, user=user, data=data)
    return _detail(db, case.id, user, lang)


@router.get("/cases/shared", response_model=CasePage)
def shared_cases(
    db: DbSession,
    user: CurrentUser,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 50,
    lang: Lang = None,
) -> CasePage:
    """Cases firms shared with you by name (government officers)."""
    items, total = case_service.shared(db, user=user, offset=(page - 1) * per_page, limit=per_page)
    language = _lang(lang)
    return CasePage(
        items=[present_case(c, language) for c in items], total=total, page=page, per_page=per_page
    )


@router.get("/cases/stats", response_model=StatsOut)
def case_statistics(
    db: DbSession,
    user: StatsUser,
    by: Annotated[str, Query(description="category, sector, region, status or month")] = "category",
    country: Annotated[str | None, Query(description="KR or CN")] = None,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
    category: Narrower = None,
    sector: Narrower = None,
    region: Narrower = None,
    status: Narrower = None,
    month: Narrower = None,
    lang: Lang = None,
) -> StatsOut:
    """Counts of cases by one dimension, for one country or one year at most; `count` and `total` are
    null where a count below 5 (or one that would give it away) is withheld. No text, no firm."""
    narrower = {"category": category, "sector": sector, "region": region, "status": status, "month": month}
    stats.check_query(by, country, year, narrower)
    found = stats.case_stats(db, by=by, country=country, year=year, lang=_lang(lang))
    s = found.summary
    return StatsOut(
        by=found.by,
        filters=found.filters,
        total=found.total,
        threshold=stats.suppression.THRESHOLD,
        cells=[StatCell(**vars(c)) for c in found.cells],
        summary=StatSummary(
            first_reply_days=s.first_reply_days,
            resolution_days=s.resolution_days,
            first_reply_sla_pct=s.first_reply_sla_pct,
            resolution_sla_pct=s.resolution_sla_pct,
            suppressed=sum(c.count is None for c in found.cells),
        ),
    )


FILE_CONTENT = {
    kind: {"schema": {"type": "string", "format": "binary"}} for kind in ("application/*", "text/*")
}


@router.get(
    "/cases/export",
    responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}, "application/json": {}}}},
)
def export_cases(
    db: DbSession,
    user: CaseUser,
    format: Annotated[str, Query(pattern="^(csv|json)$")] = "csv",
    lang: Lang = None,
) -> Response:
    """Every case you may read (at most 10,000), as CSV or JSON: the same rule as the list."""
    body, media = export.export(db, user=user, fmt=format, lang=_lang(lang))
    name = f"kcbridge-cases.{format}"
    return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/cases/routes", response_model=list[RouteOut])
def list_routes(db: DbSession, user: AdminUser, lang: Lang = None) -> list[RouteOut]:
    """Routing rules (administrators)."""
    language = _lang(lang)
    return [present_route(r, language) for r in repository.rules(db)]


@router.post("/cases/routes", response_model=RouteOut, status_code=status.HTTP_201_CREATED)
def create_route(data: RouteIn, db: DbSession, user: AdminUser, lang: Lang = None) -> RouteOut:
    """Add a rule: cases of these (category, country or region, sector) go to this institution."""
    rule = route_service.create(db, user=user, data=data)
    db.expire_all()
    found = repository.rule(db, rule.id)
    assert found is not None
    return present_route(found, _lang(lang))


@router.delete("/cases/routes/{rule_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_route(rule_id: int, db: DbSession, user: AdminUser) -> Response:
    route_service.delete(db, user=user, rule_id=rule_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/cases/round-tables/{event_id}", response_model=RoundTableOut, status_code=status.HTTP_201_CREATED
)
def record_round_table(event_id: int, data: RoundTableIn, db: DbSession, user: CurrentUser) -> RoundTableOut:
    """Record several firms' difficulties at a round table you organise (all rows or none)."""
    cases = round_table_service.record(db, user=user, event_id=event_id, rows=data.cases)
    return RoundTableOut(
        event_id=event_id, recorded=round_table_service.recorded(db, event_id), case_ids=[c.id for c in cases]
    )


@router.get("/cases/{case_id}", response_model=CaseDetail)
def get_case(case_id: int, db: DbSession, user: CurrentUser, lang: Lang = None) -> CaseDetail:
    """A case with its thread and files: for the firm, the assigned institution's agents, administrators
    and officers the firm shared it with."""
    return present_detail(db, case_service.get(db, case_id, user), _lang(lang))


@router.patch("/cases/{case_id}", response_model=CaseDetail)
def update_case(
    case_id: int, data: CasePatch, db: DbSession, user: CurrentUser, lang: Lang = None
) -> CaseDetail:
    """The firm corrects its open case (`confirm` confirms one recorded at a round table)."""
    case_service.update(db, user=user, case_id=case_id, data=data)
    return _detail(db, case_id, user, lang)


@router.post("/cases/{case_id}/messages", response_model=MessageOut, status_code=status.HTTP_201_CREATED)
def post_message(case_id: int, data: MessageIn, db: DbSession, user: CurrentUser) -> MessageOut:
    """Write in the thread; an institution's `question` waits for the firm (its SLA pauses)."""
    msg = case_service.post_message(db, user=user, case_id=case_id, data=data)
    return present_message(msg, {user.id: user})


@router.post("/cases/{case_id}/status", response_model=CaseDetail)
def change_status(
    case_id: int, data: StatusIn, db: DbSession, user: CurrentUser, lang: Lang = None
) -> CaseDetail:
    """Accept (in_progress), resolve or refuse, with reasons; 409 when the current status does not allow it."""
    case_service.change_status(db, user=user, case_id=case_id, data=data)
    return _detail(db, case_id, user, lang)


@router.post("/cases/{case_id}/reassign", response_model=ReassignOut)
def reassign(
    case_id: int, data: ReassignIn, db: DbSession, user: CurrentUser, lang: Lang = None
) -> ReassignOut:
    """Pass the case to another institution with a reason (never back to one that passed it on); the
    agents who passed it on no longer read it."""
    case = case_service.reassign(db, user=user, case_id=case_id, data=data)
    target = repository.organisations(db, [data.institution_id])[data.institution_id]
    return ReassignOut(
        case_id=case.id, status=case.status, institution=OrgRef(id=target.id, name=target.name(_lang(lang)))
    )


@router.post("/cases/{case_id}/rating", response_model=CaseDetail)
def rate(case_id: int, data: RatingIn, db: DbSession, user: CurrentUser, lang: Lang = None) -> CaseDetail:
    """The firm rates the resolution (1 to 5)."""
    case_service.rate(db, user=user, case_id=case_id, data=data)
    return _detail(db, case_id, user, lang)


@router.post("/cases/{case_id}/shares", response_model=CaseDetail, status_code=status.HTTP_201_CREATED)
def share(case_id: int, data: ShareIn, db: DbSession, user: CurrentUser, lang: Lang = None) -> CaseDetail:
    """Let a named government officer read this case (owners of the firm)."""
    share_service.share(db, user=user, case_id=case_id, email=data.email)
    return _detail(db, case_id, user, lang)


@router.delete("/cases/{case_id}/shares/{user_id}", status_code=status.HTTP_204_NO_CONTENT)
def unshare(case_id: int, user_id: int, db: DbSession, user: CurrentUser) -> Response:
    share_service.unshare(db, user=user, case_id=case_id, user_id=user_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/cases/{case_id}/attachments", response_model=AttachmentOut, status_code=status.HTTP_201_CREATED
)
def attach(
    case_id: int, db: DbSession, user: CurrentUser, file: Annotated[UploadFile, File()]
) -> AttachmentOut:
    """Attach a document (PDF, Office, HWP, OpenDocument, text; at most 5 MB)."""
    data = file.file.read(MAX_BYTES + 1)
    row = attachment_service.add(db, user=user, case_id=case_id, filename=file.filename or "", data=data)
    return AttachmentOut(
        id=row.id,
        filename=row.filename,
        content_type=row.content_type,
        size=row.size,
        url=f"/api/v1/cases/{case_id}/attachments/{row.id}",
        created_at=row.created_at,
    )


@router.get(
    "/cases/{case_id}/attachments/{attachment_id}",
    response_class=Response,
    responses={200: {"description": "The document as it was attached", "content": FILE_CONTENT}},
)
def download(case_id: int, attachment_id: int, db: DbSession, user: CurrentUser) -> Response:
    row = attachment_service.get(db, user=user, case_id=case_id, attachment_id=attachment_id)
    return export.file_response(row)
