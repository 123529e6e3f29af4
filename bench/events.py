"""Organiser console benchmark: the console of a hybrid forum at 40 tables + 40 online rooms × 16 slots with
1,000 meetings and 320 participants, on SQLite.

    python bench/events.py                  # 1,000 meetings, 15 timed requests
    python bench/events.py --meetings 600 --calls 10

Times GET /events/{id}/console in-process (the ASGI app through its test client, logged in as the organiser:
what the server spends on a request, without the network), unfiltered and filtered to one participant, and
the meeting dialog, each as wall time and as the CPU time spent (the machine may be shared). Baseline in the same run: the same meetings rendered the way the console used to draw its
grid, a cell per meeting with its own forms (cancel, held, no-show) and a move selector listing every free
place. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "bench-password-1"


def generate(n_meetings: int, n_people: int, n_tables: int, n_rooms: int, n_slots: int) -> dict:
    """An organiser, a hybrid forum, participants (a third online), tables, rooms, slots, and accepted
    requests placed as published meetings (venue tables for on-site pairs, rooms for the others)."""
    from sqlalchemy import insert

    from kcbridge.accounts.models import MemberRole, Membership, Role
    from kcbridge.accounts.service import account_service
    from kcbridge.directory.models import Organisation
    from kcbridge.events.models import (
        Event,
        Meeting,
        MeetingRequest,
        MeetingSeat,
        MeetingTable,
        Participant,
        Slot,
    )
    from kcbridge.kit.db import unit_of_work

    rng = random.Random(12)
    start = datetime(2026, 12, 15, 6, 0, tzinfo=UTC)
    with unit_of_work() as db:
        user = account_service.register(
            db, email="organiser@bench.example", password=PASSWORD, display_name="Organiser", role=Role.USER
        )
        orgs = (
            db.execute(
                insert(Organisation).returning(Organisation.id),
                [
                    {
                        "name_ko": f"한국 기업 {i}" if i % 2 else None,
                        "name_zh": None if i % 2 else f"中国企业{i}",
                        "name_en": f"Firm {i}",
                        "org_type": "company",
                        "country": "KR" if i % 2 else "CN",
                        "city": "",
                    }
                    for i in range(n_people + 1)
                ],
            )
            .scalars()
            .all()
        )
        db.add(Membership(user_id=user.id, organisation_id=orgs[0], role=MemberRole.OWNER.value))
        event = Event(
            event_type="forum",
            mode="hybrid",
            title_en="Bench forum",
            title_ko="벤치 포럼",
            title_zh="基准论坛",
            timezone="Asia/Shanghai",
            starts_at=start,
            ends_at=start + timedelta(hours=10),
            video_base_url="https://meet.example.org/bench",
            languages=["zh", "ko"],
            organiser_org_id=orgs[0],
        )
        db.add(event)
        db.flush()
        slots = (
            db.execute(
                insert(Slot).returning(Slot.id),
                [
                    {
                        "event_id": event.id,
                        "starts_at": start + timedelta(minutes=15 * i),
                        "ends_at": start + timedelta(minutes=15 * i + 15),
                        "label": "",
                    }
                    for i in range(n_slots)
                ],  # fmt: skip
            )
            .scalars()
            .all()
        )
        tables = (
            db.execute(
                insert(MeetingTable).returning(MeetingTable.id),
                [{"event_id": event.id, "name": f"Table {i + 1}", "kind": "table"} for i in range(n_tables)]
                + [
                    {"event_id": event.id, "name": f"Online room {i + 1}", "kind": "online"}
                    for i in range(n_rooms)
                ],
            )
            .scalars()
            .all()
        )
        venue, rooms = tables[:n_tables], tables[n_tables:]
        people = db.execute(
            insert(Participant).returning(Participant.id, Participant.attendance),
            [
                {
                    "event_id": event.id,
                    "organisation_id": orgs[i + 1],
                    "team": "",
                    "role": "visitor",
                    "status": "approved",
                    "attendance": "online" if rng.random() < 1 / 3 else "onsite",
                }
                for i in range(n_people)
            ],  # fmt: skip
        ).all()
        online = {pid for pid, att in people if att == "online"}
        ids = [pid for pid, _att in people]
        busy: set[tuple[int, int]] = set()
        used: set[tuple[int, int]] = set()
        pairs: set[frozenset[int]] = set()
        placed = 0
        tries = 0
        while placed < n_meetings and tries < 200 * n_meetings:
            tries += 1
            a, b = rng.sample(ids, 2)
            slot = rng.choice(slots)
            pool = rooms if a in online or b in online else venue
            table = rng.choice(pool)
            if frozenset((a, b)) in pairs or (a, slot) in busy or (b, slot) in busy or (slot, table) in used:
                continue
            pairs.add(frozenset((a, b)))
            busy.update({(a, slot), (b, slot)})
            used.add((slot, table))
            request = MeetingRequest(event_id=event.id, from_id=a, to_id=b, stored_status="accepted")
            db.add(request)
            db.flush()
            meeting = Meeting(
                event_id=event.id,
                request_id=request.id,
                slot_id=slot,
                table_id=table,
                status="published",
                locked=True,
            )
            meeting.seats = [MeetingSeat(participant_id=p, slot_id=slot) for p in (a, b)]
            db.add(meeting)
            placed += 1
        db.flush()
        first_meeting = (
            db.query(Meeting.id).filter(Meeting.event_id == event.id).order_by(Meeting.id).first()[0]
        )
        return {
            "event_id": event.id,
            "meetings": placed,
            "people": n_people,
            "tables": n_tables,
            "rooms": n_rooms,
            "slots": n_slots,
            "participant": ids[0],
            "meeting": first_meeting,
        }


BASELINE = """
<table>{% for t in tables %}<tr><th>{{ t.name }}</th>{% for s in slots %}{% set m = grid.get((s.id, t.id)) %}<td>
{% if m %}{% for pid in sides[m.id] %}<div>{{ names.get(pid, pid) }}</div>{% endfor %}
<form method="post" action="/events/{{ event_id }}/console/meetings/{{ m.id }}"><input type="hidden" name="csrf_token"
value="{{ csrf }}"><button name="action" value="held">held</button><button name="action" value="no_show">no-show</button>
<button name="action" value="cancel">cancel</button></form>
<details><summary>move</summary><form method="post" action="/events/{{ event_id }}/console/meetings/{{ m.id }}">
<select name="place">{% for s2 in slots %}{% for t2 in tables if not grid.get((s2.id, t2.id)) %}<option
value="{{ s2.id }}:{{ t2.id }}">{{ s2.starts_at.strftime("%H:%M") }} · {{ t2.name }}</option>{% endfor %}{% endfor %}
</select><button>Move</button></form></details>{% endif %}</td>{% endfor %}</tr>{% endfor %}</table>
"""


def baseline(event_id: int) -> tuple[float, int]:
    """The former way of drawing the grid (forms and a move selector per cell), over the same meetings."""
    from jinja2 import Environment

    from kcbridge.events import repository as repo
    from kcbridge.events.console import names_of
    from kcbridge.kit.db import unit_of_work

    template = Environment(autoescape=True).from_string(BASELINE)
    started = time.perf_counter()
    with unit_of_work(write=False) as db:
        event = repo.event(db, event_id)
        people = repo.participants(db, event_id)
        names = names_of(db, event, people, "ko")
        meetings = repo.meetings(db, event_id)
        html = template.render(
            tables=repo.tables(db, event_id),
            slots=repo.slots(db, event_id),
            grid={(m.slot_id, m.table_id): m for m in meetings},
            sides={m.id: [s.participant_id for s in m.seats] for m in meetings},
            names=names,
            event_id=event_id,
            csrf="x" * 40,
        )
    return time.perf_counter() - started, len(html.encode())


def _p(values: list[float], q: float) -> float:
    values = sorted(values)
    return round(1000 * values[max(0, int(q * len(values)) - 1)], 1)


def timed(client, path: str, calls: int) -> dict:
    """Wall time per request, and the CPU time this process spent on it (server and client run in this
    process; on a busy shared machine the CPU time is what the request costs, the wall time what it got)."""
    wall, cpu, size = [], [], 0
    client.get(path)  # warm: templates compiled, caches filled
    for _ in range(calls):
        started, started_cpu = time.perf_counter(), time.process_time()
        r = client.get(path)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        assert r.status_code == 200, (path, r.status_code, r.text[:500])
        size = len(r.content)
    return {
        "p50_ms": round(1000 * statistics.median(wall), 1),
        "p95_ms": _p(wall, 0.95),
        "cpu_p50_ms": round(1000 * statistics.median(cpu), 1),
        "cpu_p95_ms": _p(cpu, 0.95),
        "bytes": size,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--meetings", type=int, default=1000)
    parser.add_argument("--people", type=int, default=320)
    parser.add_argument("--calls", type=int, default=15)
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="kcbridge-bench-events-")
    os.environ["KCBRIDGE_DATA_DIR"] = scratch
    os.environ.pop("KCBRIDGE_DATABASE_URL", None)
    os.environ["KCBRIDGE_PERIODIC_JOBS"] = "false"
    sys.path.insert(0, str(ROOT / "src"))
    from fastapi.testclient import TestClient

    from kcbridge.app.web import create_app
    from kcbridge.kit import migrate
    from kcbridge.kit.config import get_settings

    get_settings.cache_clear()
    migrate.upgrade()
    shape = generate(args.meetings, args.people, 40, 40, 16)
    client = TestClient(create_app())
    html = client.get("/login").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    r = client.post(
        "/login",
        data={"csrf_token": token, "email": "organiser@bench.example", "password": PASSWORD},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text[:300]
    eid = shape["event_id"]
    console = timed(client, f"/events/{eid}/console?lang=ko", args.calls)
    filtered = timed(client, f"/events/{eid}/console?lang=ko&who={shape['participant']}", args.calls)
    dialog = timed(client, f"/events/{eid}/console/meetings/{shape['meeting']}?lang=ko", args.calls)
    base = [baseline(eid) for _ in range(max(3, args.calls // 3))]
    print(
        json.dumps(
            {
                "event": shape,
                "console": console,
                "console_filtered_to_one_participant": filtered,
                "meeting_dialog": dialog,
                "baseline_grid_with_forms_per_cell": {
                    "p50_ms": round(1000 * statistics.median(s for s, _b in base), 1),
                    "bytes": base[0][1],
                },
                "target_ms": 300,
                "within_target_p50": console["p50_ms"] <= 300,
                "within_target_cpu_p95": console["cpu_p95_ms"] <= 300,
                "load_average": [round(x, 1) for x in os.getloadavg()],
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
