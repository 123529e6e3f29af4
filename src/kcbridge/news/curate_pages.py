"""HTML pages of ingestion and curation: the upload page (files, feeds, recent jobs), a job's progress
(polled by HTMX), indicator imports and accepted figures, and the candidates an administrator turns
into directory entries or aliases."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError
from starlette.datastructures import UploadFile

from kcbridge.accounts.auth import CurrentUser
from kcbridge.directory import repository as directory_repo
from kcbridge.directory.search import directory_search
from kcbridge.kit.errors import DomainError, NotFound
from kcbridge.kit.i18n import _
from kcbridge.kit.web.deps import DbSession, Form
from kcbridge.kit.web.forms import field_errors
from kcbridge.kit.web.templating import render
from kcbridge.news import repository as repo
from kcbridge.news.curation import curation_service, default_names, suggestions
from kcbridge.news.indicators import MAX_CSV_BYTES, indicator_service
from kcbridge.news.ingest import MAX_BYTES
from kcbridge.news.schemas import AcceptStatisticIn, CandidateAliasIn, CandidateEntryIn, FeedIn
from kcbridge.news.service import news_service, require_ingester

router = APIRouter()


def _ingest_page(
    request: Request,
    db: DbSession,
    user: Any,
    status_code: int = 200,
    errors: dict | None = None,
    url: str = "",
) -> HTMLResponse:
    return render(
        request,
        "news/ingest.html",
        status_code=status_code,
        feeds=repo.feeds(db),
        jobs=repo.recent_jobs(db, user),
        errors=errors or {},
        url=url,
    )


@router.get("/news/ingest", response_class=HTMLResponse)
def ingest_page(request: Request, db: DbSession, user: CurrentUser) -> HTMLResponse:
    require_ingester(user)
    return _ingest_page(request, db, user)


@router.post("/news/ingest", response_class=HTMLResponse, response_model=None)
def upload(request: Request, db: DbSession, user: CurrentUser, form: Form) -> Response:
    """Files go to a background job; the browser follows its progress."""
    require_ingester(user)
    files = [
        (f.filename or "", f.file.read(MAX_BYTES + 1))
        for f in form.getlist("files")
        if isinstance(f, UploadFile) and (f.filename or f.size)
    ]
    try:
        job = news_service.upload(db, user=user, files=files)
    except DomainError as exc:
        if not exc.fields:
            raise
        db.rollback()
        return _ingest_page(request, db, user, 422, {"files": exc.message})
    return RedirectResponse(f"/news/jobs/{job.id}", status_code=303)


@router.get("/news/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, job_id: int, db: DbSession, user: CurrentUser) -> HTMLResponse:
    return render(request, "news/job.html", job=news_service.job(db, user=user, job_id=job_id))


@router.get("/news/jobs/{job_id}/progress", response_class=HTMLResponse)
def job_progress(request: Request, job_id: int, db: DbSession, user: CurrentUser) -> HTMLResponse:
    """The progress box, polled every second until the job ends."""
    return render(request, "news/_job.html", job=news_service.job(db, user=user, job_id=job_id))


@router.post("/news/feeds", response_class=HTMLResponse, response_model=None)
def add_feed(request: Request, db: DbSession, user: CurrentUser, form: Form) -> Response:
    require_ingester(user)
    url = str(form.get("url") or "").strip()
    try:
        feed = news_service.add_feed(db, user=user, data=FeedIn(url=url))
        job = news_service.poll_now(db, user=user, feed_id=feed.id)
    except (ValidationError, DomainError) as exc:
        if isinstance(exc, DomainError) and not exc.fields:
            raise
        db.rollback()
        errs = field_errors(exc)
        return _ingest_page(request, db, user, 422, {"url": errs.get("url") or errs.get("body.url", "")}, url)
    return RedirectResponse(f"/news/jobs/{job.id}", status_code=303)


@router.post("/news/feeds/{feed_id}/poll", response_model=None)
def poll_feed(feed_id: int, db: DbSession, user: CurrentUser) -> Response:
    job = news_service.poll_now(db, user=user, feed_id=feed_id)
    return RedirectResponse(f"/news/jobs/{job.id}", status_code=303)


# Indicators -------------------------------------------------------------------------------------


@router.post("/news/indicators/import", response_class=HTMLResponse, response_model=None)
def import_indicators(request: Request, db: DbSession, user: CurrentUser, form: Form) -> Response:
    """A CSV of indicator values: all rows or none, each bad line named."""
    require_ingester(user)
    upload = form.get("file")
    data = upload.file.read(MAX_CSV_BYTES + 1) if isinstance(upload, UploadFile) else b""
    name = (upload.filename or "") if isinstance(upload, UploadFile) else ""
    try:
        indicator_service.import_csv(db, user=user, data=data, name=name)
    except DomainError as exc:
        if not exc.fields:
            raise
        db.rollback()
        problems = [exc.message] if len(exc.fields) > 1 else []
        return _indicators_page(request, db, user, problems + [_problem(loc, msg) for loc, msg in exc.fields])
    return RedirectResponse("/news/indicators?imported=1", status_code=303)


def _indicators_page(request: Request, db: DbSession, user: Any, errors: list[str]) -> HTMLResponse:
    return render(
        request,
        "news/indicators.html",
        status_code=422,
        series=indicator_service.series(db, user=user),
        pending=repo.open_statistics(db, user),
        errors=errors,
    )


def _problem(loc: tuple[str | int, ...], msg: str) -> str:
    """ "line 3, year: …" for a line of the file; the message alone for the file as a whole."""
    rest = [p for p in loc if p not in ("body", "file")]
    if rest and isinstance(rest[0], int):
        where = _("line {n}").format(n=rest[0]) + (f", {rest[1]}" if len(rest) > 1 else "")
        return f"{where}: {msg}"
    return msg


@router.post("/news/statistics/{stat_id}/accept", response_class=HTMLResponse, response_model=None)
def accept_statistic(
    request: Request, stat_id: int, db: DbSession, user: CurrentUser, form: Form
) -> Response:
    """A figure of an article into an indicator series (the country and year it is for)."""
    require_ingester(user)
    try:
        data = AcceptStatisticIn.model_validate(
            {k: str(form.get(k) or "").strip() or None for k in ("indicator", "country", "year")}
        )
        indicator_service.accept(db, user=user, statistic_id=stat_id, data=data)
    except ValidationError as exc:
        db.rollback()
        labels = {"indicator": _("Indicator"), "country": _("Country"), "year": _("Year")}
        errs = [f"{labels.get(k, k)}: {v}" for k, v in field_errors(exc).items()]
        return _indicators_page(request, db, user, errs)
    return RedirectResponse("/news/indicators?accepted=1", status_code=303)


# Candidates -------------------------------------------------------------------------------------


@router.get("/news/candidates", response_class=HTMLResponse)
def candidates_page(request: Request, db: DbSession, user: CurrentUser) -> HTMLResponse:
    return render(request, "news/candidates.html", items=curation_service.candidates(db, user=user))


def _candidate_page(
    request: Request,
    db: DbSession,
    user: Any,
    candidate_id: int,
    status_code: int = 200,
    errors: dict | None = None,
    org_q: str = "",
) -> HTMLResponse:
    c = repo.candidate(db, candidate_id, user)
    if c is None:
        raise NotFound(_("This candidate does not exist."))
    curator = repo.can_curate(user)
    org_q = org_q.strip()[:100]
    if curator and c.status == "open" and org_q:  # the curator looks the organisation up by name
        suggested = directory_repo.get_many(db, directory_search.search(db, org_q, limit=8).ids)
    else:
        suggested = suggestions(db, c) if curator and c.status == "open" else []
    return render(
        request,
        "news/candidate.html",
        status_code=status_code,
        cand=c,
        names=default_names(c),
        articles=repo.candidate_articles(db, c.id, user),
        suggested=suggested,
        org_q=org_q,
        resolved=repo.organisations(db, [c.organisation_id]).get(c.organisation_id)
        if c.organisation_id
        else None,
        errors=errors or {},
    )


@router.get("/news/candidates/{candidate_id}", response_class=HTMLResponse)
def candidate_page(
    request: Request, candidate_id: int, db: DbSession, user: CurrentUser, org_q: str = ""
) -> HTMLResponse:
    return _candidate_page(request, db, user, candidate_id, org_q=org_q)


@router.post("/news/candidates/{candidate_id}/create", response_class=HTMLResponse, response_model=None)
def create_entry(
    request: Request, candidate_id: int, db: DbSession, user: CurrentUser, form: Form
) -> Response:
    """One click: the candidate becomes a directory organisation."""
    values = {
        k: str(form.get(k) or "").strip() or None
        for k in ("org_type", "country", "name_ko", "name_zh", "name_en")
    }
    try:
        org = curation_service.create_entry(
            db, user=user, candidate_id=candidate_id, data=CandidateEntryIn.model_validate(values)
        )
    except (ValidationError, DomainError) as exc:
        if isinstance(exc, DomainError) and not exc.fields:
            raise
        db.rollback()
        errs = {k.removeprefix("body."): v for k, v in field_errors(exc).items()}
        curation_service.get(db, user=user, candidate_id=candidate_id)  # 403/404 before showing a form
        return _candidate_page(request, db, user, candidate_id, 422, errs)
    return RedirectResponse(f"/organisations/{org.id}", status_code=303)


@router.post("/news/candidates/{candidate_id}/alias", response_class=HTMLResponse, response_model=None)
def make_alias(request: Request, candidate_id: int, db: DbSession, user: CurrentUser, form: Form) -> Response:
    """One click: the candidate's names become aliases of an existing organisation."""
    raw = str(form.get("organisation_id") or "").strip()
    try:
        org_id = curation_service.make_alias(
            db,
            user=user,
            candidate_id=candidate_id,
            data=CandidateAliasIn.model_validate({"organisation_id": raw or None}),
        )
    except (ValidationError, DomainError) as exc:
        if isinstance(exc, DomainError) and not exc.fields:
            raise
        db.rollback()
        errs = {k.removeprefix("body."): v for k, v in field_errors(exc).items()}
        curation_service.get(db, user=user, candidate_id=candidate_id)
        return _candidate_page(request, db, user, candidate_id, 422, errs)
    return RedirectResponse(f"/organisations/{org_id}", status_code=303)


@router.post("/news/candidates/{candidate_id}/dismiss", response_model=None)
def dismiss(candidate_id: int, db: DbSession, user: CurrentUser) -> Response:
    curation_service.dismiss(db, user=user, candidate_id=candidate_id)
    return RedirectResponse("/news/candidates", status_code=303)
