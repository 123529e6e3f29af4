"""Organiser statistics of an event and the meetings CSV export."""

from __future__ import annotations

import csv
import io
from collections import Counter
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from kcbridge.events import repository as repo
from kcbridge.events.itinerary import display_name
from kcbridge.events.models import Event, MeetingStatus, RegistrationStatus, RequestStatus
from kcbridge.kit import csvcells


def event_stats(db: Session, event: Event) -> dict[str, Any]:
    """Requests, acceptance rate, meetings, no-shows, and how full slots and tables are."""
    requests = repo.requests(db, event.id)
    by_status = Counter(r.status for r in requests)
    answered = by_status[RequestStatus.ACCEPTED.value] + by_status[RequestStatus.DECLINED.value]
    meetings = repo.meetings(db, event.id, live=False)
    live = [m for m in meetings if m.status != MeetingStatus.CANCELLED.value]
    slots, tables = repo.slots(db, event.id), repo.tables(db, event.id)
    people = repo.participants(db, event.id)
    per_slot = Counter(m.slot_id for m in live)
    per_table = Counter(m.table_id for m in live)
    met = {s.participant_id for m in live for s in m.seats}
    capacity = len(slots) * len(tables)
    return {
        "participants": len(people),
        "approved": sum(1 for p in people if p.status == RegistrationStatus.APPROVED.value),
        "checked_in": sum(1 for p in people if p.checked_in_at is not None),
        "participants_with_meetings": len(met),
        "requests": len(requests),
        "requests_by_status": {s.value: by_status[s.value] for s in RequestStatus},
        "acceptance_rate": round(by_status[RequestStatus.ACCEPTED.value] / answered, 3) if answered else None,
        "meetings": len(live),
        "meetings_by_status": dict(Counter(m.status for m in meetings)),
        "held": sum(1 for m in live if m.outcome == "held"),
        "no_shows": sum(1 for m in live if m.outcome == "no_show"),
        "slot_use": [
            {
                "slot_id": s.id,
                "starts_at": s.starts_at.isoformat(),
                "meetings": per_slot[s.id],
                "use": round(per_slot[s.id] / len(tables), 3) if tables else 0.0,
            }
            for s in slots
        ],
        "table_use": [
            {
                "table_id": t.id,
                "name": t.name,
                "meetings": per_table[t.id],
                "use": round(per_table[t.id] / len(slots), 3) if slots else 0.0,
            }
            for t in tables
        ],
        "overall_use": round(len(live) / capacity, 3) if capacity else 0.0,
    }


CSV_FIELDS = [
    "meeting_id",
    "status",
    "outcome",
    "date",
    "start",
    "end",
    "timezone",
    "start_utc",
    "table",
    "participant_a_id",
    "participant_a",
    "participant_b_id",
    "participant_b",
    "request_id",
]


def meetings_csv(db: Session, event: Event, lang: str) -> str:
    """Every meeting (cancelled ones too) with local and UTC times; one row per meeting."""
    zone = ZoneInfo(event.timezone)
    slots = {s.id: s for s in repo.slots(db, event.id)}
    tables = {t.id: t for t in repo.tables(db, event.id)}
    people = {p.id: p for p in repo.participants(db, event.id)}
    orgs = repo.organisations(db, [p.organisation_id for p in people.values()])
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS)
    writer.writeheader()
    for m in repo.meetings(db, event.id, live=False):
        request = repo.request(db, m.request_id)
        a, b = (people[request.from_id], people[request.to_id]) if request else (None, None)
        slot = slots[m.slot_id]
        start, end = slot.starts_at.astimezone(zone), slot.ends_at.astimezone(zone)
        writer.writerow(  # names and tables are users' text: formula-like cells are neutralised
            csvcells.safe_row(
                {
                    "meeting_id": m.id,
                    "status": m.status,
                    "outcome": m.outcome or "",
                    "date": start.date().isoformat(),
                    "start": start.strftime("%H:%M"),
                    "end": end.strftime("%H:%M"),
                    "timezone": event.timezone,
                    "start_utc": slot.starts_at.isoformat(),
                    "table": tables[m.table_id].name,
                    "participant_a_id": a.id if a else "",
                    "participant_a": display_name(a, orgs.get(a.organisation_id), lang) if a else "",
                    "participant_b_id": b.id if b else "",
                    "participant_b": display_name(b, orgs.get(b.organisation_id), lang) if b else "",
                    "request_id": m.request_id,
                }
            )
        )
    return out.getvalue()


def stats_csv(stats: dict[str, Any]) -> str:
    """The organiser statistics as CSV rows: section, key, value (figures, then slot and table use)."""
    rows: list[list[Any]] = [["section", "key", "value"]]
    for key in ("participants", "approved", "checked_in", "participants_with_meetings", "requests"):
        rows.append(["summary", key, stats[key]])
    for status, n in stats["requests_by_status"].items():
        rows.append(["requests", status, n])
    rate = stats["acceptance_rate"]
    rows.append(["summary", "acceptance_rate", "" if rate is None else rate])
    for key in ("meetings", "held", "no_shows", "overall_use"):
        rows.append(["summary", key, stats[key]])
    for row in stats["slot_use"]:
        rows.append(["slot_use", row["starts_at"], row["use"]])
    for row in stats["table_use"]:
        rows.append(["table_use", row["name"], row["use"]])
    out = io.StringIO()
    writer = csv.writer(out)
    for r in rows:  # table names are users' text: formula-like cells are neutralised
        writer.writerow([csvcells.neutralise(c) if isinstance(c, str) else c for c in r])
    return out.getvalue()
