"""The pure eligibility rule: every criterion, open-to-all lists, rolling and same-day deadlines."""

from __future__ import annotations

from datetime import UTC, date, datetime

from kcbridge.programmes.eligibility import Applicant, Rules, check, evaluate, local_today, rank

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)  # 12:00 in Seoul, 11:00 in Beijing
FIRM = Applicant(sectors=("humanoid_robots", "robotics"), stage="early", nationality="KR", org_type="company")


def rules(**kw) -> Rules:
    return Rules(**{"id": 1, "country": "CN", "city": "Beijing", **kw})


def outcome(r: Rules, applicant: Applicant = FIRM, now: datetime = NOW) -> dict[str, tuple[bool, str]]:
    return {c.criterion: (c.ok, c.reason) for c in check(r, applicant, now).checks}


def test_open_programme_fits_everyone_and_lists_every_criterion_in_order():
    v = check(rules(), FIRM, NOW)
    assert [c.criterion for c in v.checks] == [
        "sector",
        "stage",
        "nationality",
        "org_type",
        "location",
        "deadline",
    ]
    assert v.eligible and not v.near_miss
    assert outcome(rules())["sector"] == (True, "open_to_all")
    assert outcome(rules())["deadline"] == (True, "rolling")  # no deadline: rolling applications


def test_sector_shared_other_and_unknown():
    assert outcome(rules(sectors=("robotics", "ai")))["sector"] == (True, "fits")
    c = check(rules(sectors=("robotics", "ai")), FIRM, NOW).checks[0]
    assert c.have == ("robotics",)
    assert outcome(rules(sectors=("bio_healthcare",)))["sector"] == (False, "other")
    assert outcome(rules(sectors=("ai",)), Applicant(nationality="KR"))["sector"] == (False, "unknown")


def test_stage_listed_and_missing_from_the_profile():
    assert outcome(rules(stages=("seed", "early")))["stage"] == (True, "fits")
    assert outcome(rules(stages=("growth",)))["stage"] == (False, "other")
    no_stage = Applicant(sectors=("ai",), nationality="KR", org_type="company")
    assert outcome(rules(stages=("seed",)), no_stage)["stage"] == (False, "unknown")
    assert outcome(rules(), no_stage)["stage"] == (True, "open_to_all")


def test_nationality():
    assert outcome(rules(nationalities=("KR",)))["nationality"] == (True, "fits")
    assert outcome(rules(nationalities=("CN",)))["nationality"] == (False, "other")
    assert outcome(rules(nationalities=("CN", "OTHER")), Applicant())["nationality"] == (False, "unknown")


def test_organisation_type():
    assert outcome(rules(org_types=("company",)))["org_type"] == (True, "fits")
    assert outcome(rules(org_types=("university", "research_institute")))["org_type"] == (False, "other")


def test_location_anywhere_same_place_other_place_and_online():
    assert outcome(rules())["location"] == (True, "anywhere")  # the firm named no place
    beijing = Applicant(country="CN", city="beijing")
    assert outcome(rules(), beijing)["location"] == (True, "fits")  # city compared without case
    assert outcome(rules(), Applicant(country="CN"))["location"] == (True, "fits")
    assert outcome(rules(), Applicant(country="CN", city="Shanghai"))["location"] == (False, "other")
    assert outcome(rules(), Applicant(country="KR"))["location"] == (False, "other")
    assert outcome(rules(format="online"), Applicant(country="KR", city="Seoul"))["location"] == (
        True,
        "online",
    )
    assert outcome(rules(format="hybrid"), Applicant(country="KR"))["location"] == (False, "other")
    assert outcome(rules(city="Seongnam (Pangyo)", country="KR"), Applicant(city="Pangyo"))["location"][0]


def test_deadline_today_counts_in_the_programmes_country():
    # 2026-11-24 23:30 UTC is already 25 November in Seoul and Beijing, still the 24th in UTC.
    late = datetime(2026, 11, 24, 23, 30, tzinfo=UTC)
    assert local_today("KR", late) == date(2026, 11, 25)
    assert local_today("CN", late) == date(2026, 11, 25)
    assert local_today("OTHER", late) == date(2026, 11, 24)
    due = date(2026, 11, 24)
    assert outcome(rules(country="CN", deadline=due), now=late)["deadline"] == (False, "closed")
    assert outcome(rules(country="OTHER", deadline=due), now=late)["deadline"] == (True, "open")
    # Early on the 25th in Seoul (still the 24th in UTC): a Korean deadline of the 24th has passed.
    early = datetime(2026, 11, 24, 16, 0, tzinfo=UTC)
    assert outcome(rules(country="KR", deadline=due), now=early)["deadline"] == (False, "closed")
    c = check(rules(deadline=date(2026, 11, 24)), FIRM, NOW).checks[-1]
    assert (c.ok, c.reason, c.days_left) == (True, "open", 0)  # the last day is still open
    c = check(rules(deadline=date(2026, 12, 4)), FIRM, NOW).checks[-1]
    assert c.days_left == 10 and c.day == date(2026, 12, 4)


def test_not_yet_open_is_eligible_with_the_opening_day():
    c = check(rules(opens_on=date(2027, 1, 5), deadline=date(2027, 2, 1)), FIRM, NOW).checks[-1]
    assert (c.ok, c.reason, c.day) == (True, "opens_later", date(2027, 1, 5))


def test_naive_now_is_read_as_utc():
    assert local_today("KR", datetime(2026, 11, 24, 16, 0)) == date(2026, 11, 25)


def test_evaluate_splits_eligible_near_misses_and_the_rest():
    progs = [
        rules(id=1),
        rules(id=2, stages=("growth",)),  # one criterion fails
        rules(id=3, stages=("growth",), nationalities=("CN",)),  # two fail: left out
        rules(id=4, deadline=date(2026, 11, 1)),  # closed: a near miss that says so
    ]
    ok, near = evaluate(progs, FIRM, NOW)
    assert [v.id for v in ok] == [1]
    assert [v.id for v in near] == [2, 4]
    assert [c.criterion for c in near[0].failed] == ["stage"]
    assert [c.criterion for c in near[1].failed] == ["deadline"]


def test_rank_by_fit_then_by_nearest_deadline_rolling_last():
    progs = [rules(id=i) for i in (1, 2, 3, 4)]
    ok, _near = evaluate(progs, FIRM, NOW)
    deadlines = {1: None, 2: date(2027, 1, 1), 3: date(2026, 12, 1), 4: date(2026, 12, 20)}
    assert [v.id for v in rank(ok, {}, deadlines)] == [3, 4, 2, 1]
    assert [v.id for v in rank(ok, {1: 0.9, 2: 0.4}, deadlines)] == [1, 2, 3, 4]
