"""Issue 11, hole 4 for events: names and tables typed by users come out of the organisers' meetings and
statistics CSV files neutralised, so a spreadsheet shows them as text instead of running them."""

from __future__ import annotations

import csv
import io

from tests.support.events import make_visit, request_all, schedule

from kcbridge.events.stats import event_stats, meetings_csv, stats_csv

DANGER = ("=", "+", "-", "@", "\t", "\r")


def _cells(text: str) -> list[str]:
    return [c for row in csv.reader(io.StringIO(text, newline="")) for c in row]


def test_formula_like_names_are_neutralised_in_event_exports(db, make_user, make_org):
    visit = make_visit(db, make_user, make_org, firms=1, teams=1, slots=1)
    visit.tables[0].name = '=HYPERLINK("http://evil.example","Room")'
    visit.firms[0].team = "@SUM(1+1)"
    db.commit()
    request_all(db, visit)
    schedule(db, visit)
    meetings = meetings_csv(db, visit.event, "en")
    stats = stats_csv(event_stats(db, visit.event))
    for text in (meetings, stats):
        cells = _cells(text)
        assert not [c for c in cells if c.startswith(DANGER)], text
    assert '\'=HYPERLINK(""http://evil.example"",""Room"")' in meetings
    assert "'=HYPERLINK" in stats
