"""Which programmes a firm may apply to, criterion by criterion: plain data in, plain data out.

No database and no web code here, so the rule is tested and benchmarked alone. An empty list on
the programme's side means "open to all"; a criterion the firm's profile does not answer (no stage
given while the programme asks for one) fails, so the firm learns what to add. A missing deadline
means rolling applications; a deadline is still open on its day in the programme's own country.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

CRITERIA = ("sector", "stage", "nationality", "org_type", "location", "deadline")
TIMEZONES = {"KR": "Asia/Seoul", "CN": "Asia/Shanghai"}


@dataclass(frozen=True, slots=True)
class Applicant:
    """The firm: its profile facts and, optionally, where it wants the programme to run."""

    sectors: tuple[str, ...] = ()
    stage: str | None = None
    nationality: str | None = None  # KR | CN | OTHER
    org_type: str | None = None
    country: str | None = None  # wanted programme country; None: anywhere
    city: str | None = None  # wanted programme city; None: anywhere in `country`


@dataclass(frozen=True, slots=True)
class Rules:
    """A programme's eligibility as plain data."""

    id: int
    country: str
    city: str = ""
    format: str = "on_site"  # on_site | online | hybrid
    sectors: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    org_types: tuple[str, ...] = ()
    opens_on: date | None = None
    deadline: date | None = None


@dataclass(frozen=True, slots=True)
class Check:
    """One criterion's outcome; `reason` is a code the caller words in the reader's language."""

    criterion: str
    ok: bool
    reason: str
    wanted: tuple[str, ...] = ()  # what the programme asks for
    have: tuple[str, ...] = ()  # what the firm has
    day: date | None = None  # the deadline or the opening day
    days_left: int | None = None


@dataclass(frozen=True, slots=True)
class Verdict:
    id: int
    checks: tuple[Check, ...]

    @property
    def failed(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if not c.ok)

    @property
    def eligible(self) -> bool:
        return not self.failed

    @property
    def near_miss(self) -> bool:
        """Failing exactly one criterion: worth showing, with what fails."""
        return len(self.failed) == 1


def local_today(country: str | None, now: datetime) -> date:
    """Today's date where the programme runs (UTC for countries without a known zone)."""
    aware = now if now.tzinfo else now.replace(tzinfo=UTC)
    zone = TIMEZONES.get(country or "")
    return aware.astimezone(ZoneInfo(zone)).date() if zone else aware.astimezone(UTC).date()


def _listed(criterion: str, wanted: Sequence[str], have: str | None) -> Check:
    if not wanted:
        return Check(criterion, True, "open_to_all")
    if have is None:
        return Check(criterion, False, "unknown", wanted=tuple(wanted))
    if have in wanted:
        return Check(criterion, True, "fits", wanted=tuple(wanted), have=(have,))
    return Check(criterion, False, "other", wanted=tuple(wanted), have=(have,))


def _sector(rules: Rules, applicant: Applicant) -> Check:
    if not rules.sectors:
        return Check("sector", True, "open_to_all")
    if not applicant.sectors:
        return Check("sector", False, "unknown", wanted=rules.sectors)
    shared = tuple(s for s in rules.sectors if s in applicant.sectors)
    if shared:
        return Check("sector", True, "fits", wanted=rules.sectors, have=shared)
    return Check("sector", False, "other", wanted=rules.sectors, have=applicant.sectors)


def _same_city(a: str, b: str) -> bool:
    a, b = a.strip().casefold(), b.strip().casefold()
    return bool(a and b) and (a == b or a in b or b in a)


def _location(rules: Rules, applicant: Applicant) -> Check:
    where = (rules.country, rules.city) if rules.city else (rules.country,)
    if applicant.country is None and not applicant.city:
        return Check("location", True, "anywhere", wanted=where)
    if rules.format == "online":
        return Check("location", True, "online", wanted=where)
    country_ok = applicant.country is None or applicant.country == rules.country
    city_ok = not applicant.city or _same_city(applicant.city, rules.city)
    have = tuple(x for x in (applicant.country, applicant.city) if x)
    if country_ok and city_ok:
        return Check("location", True, "fits", wanted=where, have=have)
    return Check("location", False, "other", wanted=where, have=have)


def _deadline(rules: Rules, today: date) -> Check:
    if rules.deadline is not None and rules.deadline < today:
        return Check("deadline", False, "closed", day=rules.deadline)
    if rules.opens_on is not None and rules.opens_on > today:
        return Check("deadline", True, "opens_later", day=rules.opens_on)
    if rules.deadline is None:
        return Check("deadline", True, "rolling")
    return Check("deadline", True, "open", day=rules.deadline, days_left=(rules.deadline - today).days)


def check(rules: Rules, applicant: Applicant, now: datetime, today: date | None = None) -> Verdict:
    """Every criterion of one programme for one firm, in the order of CRITERIA (`today`: the date in
    the programme's country, when the caller already knows it)."""
    return Verdict(
        rules.id,
        (
            _sector(rules, applicant),
            _listed("stage", rules.stages, applicant.stage),
            _listed("nationality", rules.nationalities, applicant.nationality),
            _listed("org_type", rules.org_types, applicant.org_type),
            _location(rules, applicant),
            _deadline(rules, today or local_today(rules.country, now)),
        ),
    )


def evaluate(
    programmes: Iterable[Rules], applicant: Applicant, now: datetime
) -> tuple[list[Verdict], list[Verdict]]:
    """(eligible, near misses) among `programmes`, in the order given."""
    eligible: list[Verdict] = []
    near: list[Verdict] = []
    days: dict[str, date] = {}
    for rules in programmes:
        today = days.get(rules.country)
        if today is None:
            today = days[rules.country] = local_today(rules.country, now)
        verdict = check(rules, applicant, now, today)
        failed = sum(not c.ok for c in verdict.checks)
        if failed == 0:
            eligible.append(verdict)
        elif failed == 1:
            near.append(verdict)
    return eligible, near


def rank(
    verdicts: Sequence[Verdict], scores: Mapping[int, float], deadlines: Mapping[int, date | None]
) -> list[Verdict]:
    """Best fit first when the matching engine scored the programme; the others by nearest deadline
    (rolling programmes last), then by id."""
    far = date.max

    def key(v: Verdict) -> tuple[int, float, date, int]:
        score = scores.get(v.id)
        return (0 if score is not None else 1, -(score or 0.0), deadlines.get(v.id) or far, v.id)

    return sorted(verdicts, key=key)
