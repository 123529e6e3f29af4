"""The demo forum at the size of the real one and the pitch day with its projects (issue 12), placed from the
stored schedules so the demo loads fast."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select

from kcbridge.events import projects
from kcbridge.events import repository as repo
from kcbridge.events.models import MeetingRequest, ProjectBookmark


def test_the_forum_and_the_pitch_day_at_scale(db, core_demo):
    assert "forum #" in core_demo and "pitch #" in core_demo
    for key in ("visit", "forum", "pitch"):  # every schedule came from data/schedules.toml, none was solved
        part = core_demo[core_demo.index(f"{key} #") :].split(")")[0]
        assert "stored schedule" in part, part
    _visit, forum, pitch = sorted(repo.events(db), key=lambda e: e.id)[:3]

    people = repo.participants(db, forum.id, status="approved")
    online = sum(1 for p in people if p.attendance == "online")
    assert len(people) >= 300 and 0.28 <= online / len(people) <= 0.4
    tables = Counter(t.kind for t in repo.tables(db, forum.id))
    assert tables["table"] >= 40 and tables["online"] >= 40
    meetings = repo.meetings(db, forum.id, status="published")
    assert len(meetings) >= 600
    kinds = {t.id: t.kind for t in repo.tables(db, forum.id)}
    by_id = {p.id: p for p in people}
    for m in meetings:  # online when either side attends online, at a venue table when both are on site
        sides = [by_id[s.participant_id].attendance for s in m.seats]
        assert (kinds[m.table_id] == "online") == ("online" in sides), (m.id, sides)
    assert forum.video_base_url and any(s.stream_url for s in _sessions(db, forum.id))

    rows = projects.interest(db, pitch.id)
    assert len(rows) >= 12
    countries = {
        repo.organisations(db, [repo.participant(db, r.project.participant_id).organisation_id])
        .popitem()[1]
        .country
        for r in rows
    }  # noqa: E501
    assert countries == {"KR", "CN"}
    assert {r.project.kind for r in rows} == {"technology", "coproduction", "presales"}
    assert all(r.project.session_id for r in rows)  # each in a pitch slot
    audience = Counter(p.role for p in repo.participants(db, pitch.id))
    assert audience["investor"] and audience["producer"] and audience["buyer"]
    assert db.scalar(
        select(func.count()).select_from(ProjectBookmark).where(ProjectBookmark.event_id == pitch.id)
    )
    about = select(func.count()).select_from(MeetingRequest).where(MeetingRequest.project_id.is_not(None))
    assert db.scalar(about) >= 12
    assert repo.meetings(db, pitch.id, status="published")


def _sessions(db, event_id):
    from kcbridge.events.agenda import sessions

    return sessions(db, event_id)
