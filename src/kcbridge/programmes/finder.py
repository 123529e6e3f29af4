"""The programme finder: browsing with filters, and the eligibility mode for one firm.

Candidates come from SQL as plain rows; the pure rule in eligibility.py decides per criterion;
only the page of programmes shown is loaded as ORM objects. Eligible programmes are ranked by the
matching engine's fit when the firm's profile has vectors, else by nearest deadline.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.directory import places
from kcbridge.directory import repository as directory_repo
from kcbridge.directory.models import Organisation
from kcbridge.kit.db import utcnow
from kcbridge.kit.errors import Forbidden, NotFound, Unauthorized
from kcbridge.kit.i18n import N_, _, ngettext
from kcbridge.programmes import repository as repo
from kcbridge.programmes import vocab
from kcbridge.programmes.eligibility import Applicant, Check, Verdict, evaluate, local_today, rank
from kcbridge.programmes.models import Programme

FitScorer = Callable[[Session, Organisation], dict[int, float]]
_fit: FitScorer | None = None


def use_fit(scorer: FitScorer | None) -> None:
    """The app plugs in the matching engine's fit; without one, eligible programmes rank by deadline."""
    global _fit
    _fit = scorer


def _sort_key(rules: Any, open_: bool) -> tuple[int, int, int]:
    """Open programmes first by nearest deadline (rolling ones after), then closed ones, latest first."""
    if open_:
        return (0, rules.deadline.toordinal() if rules.deadline else date.max.toordinal(), -rules.id)
    return (1, -(rules.deadline.toordinal() if rules.deadline else 0), -rules.id)


def browse(
    db: Session,
    *,
    prog_types: Sequence[str] = (),
    sectors: Sequence[str] = (),
    stage: str | None = None,
    nationality: str | None = None,
    country: str | None = None,
    city: str | None = None,
    q: str | None = None,
    open_now: bool = False,
    organisation_id: int | None = None,
    offset: int = 0,
    limit: int = 20,
    now: datetime | None = None,
) -> tuple[list[Programme], int]:
    """Published programmes. Sector, stage and nationality keep the programmes that accept them (an
    open list accepts everything); `open_now` keeps those whose deadline is today or later where they run."""
    now = now or utcnow()
    cutoff = now.date() - timedelta(days=1) if open_now else None
    found = repo.rows(
        db,
        prog_types=prog_types,
        country=country,
        city=city,
        q=q,
        organisation_id=organisation_id,
        deadline_from=cutoff,
    )
    wanted = set(sectors)
    keep = []
    for row in found:
        r = row.rules
        if wanted and r.sectors and not wanted & set(r.sectors):
            continue
        if stage and r.stages and stage not in r.stages:
            continue
        if nationality and r.nationalities and nationality not in r.nationalities:
            continue
        is_open = r.deadline is None or r.deadline >= local_today(r.country, now)
        if open_now and not is_open:
            continue
        keep.append(_sort_key(r, is_open))
    keep.sort()
    page = [-k[2] for k in keep[offset : offset + limit]]
    loaded = repo.get_many(db, page)
    return [loaded[i] for i in page if i in loaded], len(keep)


@dataclass
class Found:
    """One programme of the eligibility answer, loaded for display."""

    programme: Programme
    verdict: Verdict
    score: float | None


@dataclass
class Finding:
    applicant: Applicant
    organisation: Organisation | None
    ranked_by: str  # fit | deadline
    eligible: list[Found] = field(default_factory=list)
    near_misses: list[Found] = field(default_factory=list)
    total_eligible: int = 0
    total_near_misses: int = 0


def applicant_for(
    db: Session,
    user: User | None,
    organisation_id: int | None,
    *,
    sectors: Sequence[str] | None = None,
    stage: str | None = None,
    nationality: str | None = None,
    org_type: str | None = None,
    country: str | None = None,
    city: str | None = None,
) -> tuple[Applicant, Organisation | None]:
    """The firm's facts from one of the user's organisations, each overridable by what was passed."""
    org = None
    if organisation_id is not None:
        if user is None:
            raise Unauthorized(_("Log in to check programmes for your organisation."))
        org = directory_repo.get(db, organisation_id)
        if org is None:
            raise NotFound(_("This organisation does not exist."))
        member = directory_repo.member_role(db, user.id, org.id) is not None
        if not (member or repo.is_staff(user)):
            raise Forbidden(_("You can check programmes only for organisations you belong to."))
    applicant = Applicant(
        sectors=tuple(sectors) if sectors else tuple(org.sectors) if org else (),
        stage=stage or (org.stage if org else None),
        nationality=nationality or (org.country if org else None),
        org_type=org_type or (org.org_type if org else None),
        country=country or None,
        city=(city or "").strip() or None,
    )
    return applicant, org


def eligible(
    db: Session,
    *,
    user: User | None,
    organisation_id: int | None = None,
    sectors: Sequence[str] | None = None,
    stage: str | None = None,
    nationality: str | None = None,
    org_type: str | None = None,
    country: str | None = None,
    city: str | None = None,
    prog_types: Sequence[str] = (),
    limit: int = 50,
    now: datetime | None = None,
) -> Finding:
    """Programmes whose every criterion the firm meets, best fit first, and near misses (one criterion
    fails) so the firm learns why. Programmes closed in the last weeks count as near misses."""
    now = now or utcnow()
    applicant, org = applicant_for(
        db,
        user,
        organisation_id,
        sectors=sectors,
        stage=stage,
        nationality=nationality,
        org_type=org_type,
        country=country,
        city=city,
    )
    cutoff = repo.recent_cutoff(now.date())
    rows = [
        r
        for r in repo.published_rows(db)
        if (not prog_types or r.prog_type in prog_types)
        and (r.rules.deadline is None or r.rules.deadline >= cutoff)
    ]
    if org is not None:  # a firm's own programmes are not offers to itself
        rows = [r for r in rows if r.organisation_id != org.id]
    ok, near = evaluate((r.rules for r in rows), applicant, now)
    scores = _fit(db, org) if _fit is not None and org is not None and (ok or near) else {}
    deadlines = {r.rules.id: r.rules.deadline for r in rows}
    ok, near = rank(ok, scores, deadlines), rank(near, scores, deadlines)
    shown_ok, shown_near = ok[:limit], near[:limit]
    loaded = repo.get_many(db, [v.id for v in shown_ok + shown_near])

    def found(vs: list[Verdict]) -> list[Found]:
        return [Found(loaded[v.id], v, scores.get(v.id)) for v in vs if v.id in loaded]

    return Finding(
        applicant=applicant,
        organisation=org,
        ranked_by="fit" if any(v.id in scores for v in ok) else "deadline",
        eligible=found(shown_ok),
        near_misses=found(shown_near),
        total_eligible=len(ok),
        total_near_misses=len(near),
    )


# Reasons in the reader's language ------------------------------------------------------------------


def _labels(codes: Sequence[str], lang: str) -> str:
    return ", ".join(vocab.label(c, lang) for c in codes)


def _place(codes: Sequence[str], lang: str) -> str:
    """("CN", "Beijing") → "Beijing, China" in `lang`: "中国北京", "중국 베이징" (unknown cities as written)."""
    if not codes:
        return ""
    country, *city = codes
    name = vocab.label(country, lang)
    if not city:
        return name
    here = places.name(city[0], lang)
    return {"zh": f"{name}{here}", "ko": f"{name} {here}"}.get(lang, f"{here}, {name}")


def reason(check: Check, lang: str) -> str:
    """A short sentence saying why a criterion is met or not."""
    wanted, have = _labels(check.wanted, lang), _labels(check.have, lang)
    c, r = check.criterion, check.reason
    if c == "sector":
        return {
            "open_to_all": _("Open to every sector."),
            "fits": _("Your sector fits: {have}.").format(have=have),
            "other": _("For {wanted}; your sectors: {have}.").format(wanted=wanted, have=have),
            "unknown": _("For {wanted}; your profile names no sector.").format(wanted=wanted),
        }[r]
    if c == "stage":
        return {
            "open_to_all": _("Open to every stage."),
            "fits": _("Your stage fits: {have}.").format(have=have),
            "other": _("For stages {wanted}; yours: {have}.").format(wanted=wanted, have=have),
            "unknown": _("For stages {wanted}; your profile gives no stage.").format(wanted=wanted),
        }[r]
    if c == "nationality":
        return {
            "open_to_all": _("Open to applicants from every country."),
            "fits": _("Open to applicants from {have}.").format(have=have),
            "other": _("Only for applicants from {wanted}.").format(wanted=wanted),
            "unknown": _("Only for applicants from {wanted}; your country is not known.").format(
                wanted=wanted
            ),
        }[r]
    if c == "org_type":
        return {
            "open_to_all": _("Open to every kind of organisation."),
            "fits": _("Your organisation type fits: {have}.").format(have=have),
            "other": _("Only for {wanted} (yours: {have}).").format(wanted=wanted, have=have),
            "unknown": _("Only for {wanted}.").format(wanted=wanted),
        }[r]
    if c == "location":
        place, asked = _place(check.wanted, lang), _place(check.have, lang)
        return {
            "anywhere": _("Runs in {place}.").format(place=place),
            "online": _("Online: join from anywhere."),
            "fits": _("Runs where you want: {place}.").format(place=place),
            "other": _("Runs in {place}, not in {wanted}.").format(place=place, wanted=asked),
        }[r]
    day = check.day.isoformat() if check.day else ""
    if r == "open" and check.days_left == 0:
        return _("Apply by {date}: today is the last day.").format(date=day)
    if r == "open":
        n = check.days_left or 0
        return ngettext(
            "Apply by {date} ({days} day left).", "Apply by {date} ({days} days left).", n
        ).format(date=day, days=n)
    return {
        "rolling": _("Rolling applications: no deadline."),
        "opens_later": _("Applications open on {date}.").format(date=day),
        "closed": _("Applications closed on {date}.").format(date=day),
    }[r]


CRITERION_LABELS = {
    "sector": N_("Sector"),
    "stage": N_("Stage"),
    "nationality": N_("Nationality"),
    "org_type": N_("Organisation type"),
    "location": N_("Location"),
    "deadline": N_("Deadline"),
}


def criterion_label(criterion: str) -> str:
    return _(CRITERION_LABELS[criterion])
