"""The organiser console, built to stay readable and fast at 40 tables × 16 slots and 1,000 meetings.

The grid is tables × slots with compact cells (no form per cell); a cell opens the meeting dialog (move,
cancel, held / no-show) as an HTMX fragment, or as a page of its own without JavaScript. Filters narrow it
to a participant, a table or a status. While a scheduler run is queued or running, its box polls a small
fragment and reloads the page once the run ends.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.directory import repository as directory_repo
from kcbridge.directory.models import Organisation
from kcbridge.events import agenda, hybrid, projects, runs, speakers
from kcbridge.events import repository as repo
from kcbridge.events.models import (
    Event,
    Meeting,
    MeetingRequest,
    MeetingSeat,
    MeetingStatus,
    MeetingTable,
    Participant,
    RegistrationStatus,
    RequestStatus,
    SchedulerRun,
    Slot,
)
from kcbridge.events.service import event_service
from kcbridge.kit.db import utcnow
from kcbridge.kit.i18n import get_lang

STATUSES = ("draft", "published")


@dataclass
class Filters:
    who: int | None = None  # a participant: only its meetings
    table: int | None = None
    status: str = ""

    @classmethod
    def of(cls, params: Any) -> Filters:
        def num(key: str) -> int | None:
            value = str(params.get(key) or "")
            return int(value) if value.isdigit() and len(value) < 10 else None

        status = str(params.get("status") or "")
        return cls(num("who"), num("table"), status if status in STATUSES else "")

    @property
    def active(self) -> bool:
        return bool(self.who or self.table or self.status)


@dataclass
class Spot:
    """A live meeting as the grid needs it: plain values read in two queries, not ORM objects."""

    id: int
    slot_id: int
    table_id: int
    status: str
    outcome: str | None
    sides: list[int] = field(default_factory=list)


@dataclass
class Cell:
    meeting: Spot
    a: str
    b: str
    online: bool
    misplaced: bool  # an online side at a venue table

    @property
    def css(self) -> str:
        """The cell's classes: its status, a misplaced meeting, a marked outcome."""
        out = f"m m-{self.meeting.status}"
        if self.misplaced:
            out += " m-bad"
        if self.meeting.outcome:
            out += f" m-{self.meeting.outcome}"
        return out


@dataclass
class Row:
    table: MeetingTable
    owner: str
    cells: list[Cell | None]


@dataclass
class Progress:
    run: SchedulerRun
    seconds: float
    percent: int


@dataclass
class Grid:
    slots: list[Slot]
    rows: list[Row]
    shown: int
    misplaced: list[Cell] = field(default_factory=list)


def names_of(db: Session, event: Event, people: Sequence[Any], lang: str) -> dict[int, str]:
    """Display names of participants in `lang`, from the organisations' names alone (one light query)."""
    ids = sorted({p.organisation_id for p in people})
    names = {}
    if ids:
        stmt = select(
            Organisation.id, Organisation.name_ko, Organisation.name_zh, Organisation.name_en
        ).where(Organisation.id.in_(ids))
        for oid, ko, zh, en in db.execute(stmt):
            own = {"ko": ko, "zh": zh, "en": en}.get(lang)
            names[oid] = own or ko or zh or en or ""
    out = {}
    for p in people:
        name = names.get(p.organisation_id) or f"#{p.organisation_id}"
        out[p.id] = f"{name} · {p.team}" if p.team else name
    return out


def spots(db: Session, event_id: int) -> list[Spot]:
    """Live meetings of the event with their two sides."""
    rows = db.execute(
        select(Meeting.id, Meeting.slot_id, Meeting.table_id, Meeting.status, Meeting.outcome)
        .where(Meeting.event_id == event_id, Meeting.status != MeetingStatus.CANCELLED.value)
        .order_by(Meeting.slot_id, Meeting.table_id)
    )
    out = {r[0]: Spot(*r) for r in rows}
    seats = db.execute(
        select(MeetingSeat.meeting_id, MeetingSeat.participant_id)
        .join(Meeting, Meeting.id == MeetingSeat.meeting_id)
        .where(Meeting.event_id == event_id)
        .order_by(MeetingSeat.meeting_id, MeetingSeat.participant_id)
    )
    for mid, pid in seats:
        if mid in out:
            out[mid].sides.append(pid)
    return list(out.values())


@dataclass
class Ask:
    """A meeting request as the console needs it."""

    id: int
    from_id: int
    to_id: int
    status: str
    message: str


def asks(db: Session, event: Event) -> list[Ask]:
    """The event's requests; a pending one reads as expired once requests closed (as MeetingRequest.status)."""
    closed = event.requests_close_at is not None and utcnow() >= event.requests_close_at
    rows = db.execute(
        select(
            MeetingRequest.id,
            MeetingRequest.from_id,
            MeetingRequest.to_id,
            MeetingRequest.stored_status,
            MeetingRequest.message,
        )
        .where(MeetingRequest.event_id == event.id)
        .order_by(MeetingRequest.id)
    )
    out = []
    for rid, a, b, status, message in rows:
        if closed and status == RequestStatus.PENDING.value:
            status = RequestStatus.EXPIRED.value
        out.append(Ask(rid, a, b, status, message))
    return out


def grid(
    slots: list[Slot],
    tables: list[MeetingTable],
    meetings: list[Spot],
    online_ids: set[int],
    names: dict[int, str],
    filters: Filters,
) -> Grid:
    """Tables as rows and slots as columns; cells a filter hides stay empty."""
    at = {(m.table_id, m.slot_id): m for m in meetings}
    rows, shown, misplaced = [], 0, []
    for t in tables:
        cells: list[Cell | None] = []
        room = t.kind == hybrid.ROOM
        for s in slots:
            m = at.get((t.id, s.id))
            if m is None:
                cells.append(None)
                continue
            a, b = (m.sides + m.sides)[:2] if m.sides else (0, 0)
            online = a in online_ids or b in online_ids
            cell = Cell(m, names.get(a, ""), names.get(b, ""), room, online and not room)
            if cell.misplaced:
                misplaced.append(cell)
            hidden = (
                (filters.table and t.id != filters.table)
                or (filters.who and filters.who not in (a, b))
                or (filters.status and m.status != filters.status)
            )
            cells.append(None if hidden else cell)
            shown += 0 if hidden else 1
        if not filters.table or t.id == filters.table:
            rows.append(Row(t, names.get(t.owner_id or 0, ""), cells))
    return Grid(slots, rows, shown, misplaced)


def progress(run: SchedulerRun, now: datetime | None = None) -> Progress:
    """How far a queued or running run is, by the time it was given (the engine uses all of it at most)."""
    now = now or utcnow()
    seconds = (now - run.started_at).total_seconds() if run.started_at else 0.0
    return Progress(run, seconds, min(99, int(100 * seconds / run.time_limit)) if run.time_limit else 0)


def scheduler_box(db: Session, event: Event) -> dict[str, Any]:
    latest = repo.latest_runs(db, event.id)
    busy = next((r for r in latest if r.status in ("queued", "running")), None)
    return dict(
        runs=latest,
        run_notes={r.id: runs.note(r) for r in latest},
        busy=busy is not None,
        progress=progress(busy) if busy else None,
    )


def figures(
    people: Sequence[Any], requests: list[Ask], meetings: list[Spot], slots: int, tables: int
) -> dict[str, Any]:
    """The console's headline figures (the API's stats.py has them all, with slot and table use)."""
    by_status = Counter(r.status for r in requests)
    answered = by_status[RequestStatus.ACCEPTED.value] + by_status[RequestStatus.DECLINED.value]
    capacity = slots * tables
    return {
        "participants": len(people),
        "approved": sum(1 for p in people if p.status == RegistrationStatus.APPROVED.value),
        "checked_in": sum(1 for p in people if p.checked_in_at is not None),
        "requests": len(requests),
        "acceptance_rate": round(by_status[RequestStatus.ACCEPTED.value] / answered, 3) if answered else None,
        "meetings": len(meetings),
        "held": sum(1 for m in meetings if m.outcome == "held"),
        "no_shows": sum(1 for m in meetings if m.outcome == "no_show"),
        "overall_use": round(len(meetings) / capacity, 3) if capacity else 0.0,
    }


REG_PAGE = 40


def registrations(db: Session, event_id: int) -> list[Any]:
    """The event's registrations as plain rows with the columns the console shows."""
    stmt = (
        select(
            Participant.id,
            Participant.organisation_id,
            Participant.team,
            Participant.role,
            Participant.status,
            Participant.attendance,
            Participant.checked_in_at,
        )
        .where(Participant.event_id == event_id)
        .order_by(Participant.id)
    )
    return list(db.execute(stmt))


def console_context(
    db: Session, user: User, event: Event, filters: Filters | None = None, reg_q: str = "", reg_page: int = 1
) -> dict[str, Any]:
    """Everything the console page shows, read as plain rows where there are hundreds of them."""
    filters = filters or Filters()
    lang = get_lang()
    people = registrations(db, event.id)
    names = names_of(db, event, people, lang)
    slots, tables = repo.slots(db, event.id), repo.tables(db, event.id)
    meetings = spots(db, event.id)
    requests = asks(db, event)
    placed = {frozenset(m.sides) for m in meetings}
    unplaced: dict[frozenset[int], Ask] = {}
    for r in requests:
        pair = frozenset((r.from_id, r.to_id))
        if r.status == RequestStatus.ACCEPTED.value and pair not in placed:
            unplaced.setdefault(pair, r)
    approved = [p for p in people if p.status == RegistrationStatus.APPROVED.value]
    q = " ".join(reg_q.casefold().split())
    listed = [p for p in people if not q or q in names[p.id].casefold()]
    pages = max(1, -(-len(listed) // REG_PAGE))
    reg_page = min(max(1, reg_page), pages)
    return dict(
        event=event,
        lang=lang,
        people=people,
        listed=listed[(reg_page - 1) * REG_PAGE : reg_page * REG_PAGE],
        reg_q=reg_q,
        reg_page=reg_page,
        reg_pages=pages,
        approved=approved,
        attending=Counter(p.attendance for p in approved),
        names=names,
        slots=slots,
        tables=tables,
        rooms=[t for t in tables if t.kind == hybrid.ROOM],
        grid=grid(
            slots, tables, meetings, {p.id for p in people if p.attendance == hybrid.ONLINE}, names, filters
        ),
        filters=filters,
        drafts=sum(1 for m in meetings if m.status == MeetingStatus.DRAFT.value),
        pending_requests=[r for r in requests if r.status == RequestStatus.PENDING.value],
        unplaced=list(unplaced.values()),
        sessions=agenda.sessions(db, event.id),
        speakers=speakers.speakers(db, event.id),
        projects=projects.projects(db, event.id),
        stats=figures(people, requests, meetings, len(slots), len(tables)),
        cohosts=directory_repo.get_many(db, event_service.cohosts(db, event.id)),
        zone=event.timezone,
        **scheduler_box(db, event),
    )


@dataclass
class Place:
    slot: Slot
    table: MeetingTable


def free_places(db: Session, event: Event, meeting: Meeting) -> list[Place]:
    """Where a meeting can move: slots both sides have free (and are available in) × tables free then,
    of the right kind (online rooms when a side attends online) and not owned by someone else."""
    sides = [s.participant_id for s in meeting.seats]
    people = [p for p in (repo.participant(db, x) for x in sides) if p is not None]
    online = any(p.attendance == hybrid.ONLINE for p in people)
    others = [m for m in spots(db, event.id) if m.id != meeting.id]
    busy_tables = {(m.slot_id, m.table_id) for m in others}
    busy_people = {(m.slot_id, x) for m in others for x in m.sides}
    tables = [
        t
        for t in repo.tables(db, event.id)
        if (t.owner_id is None or t.owner_id in sides)
        and (t.kind == hybrid.ROOM or not online)
        and hybrid.room_has_link(event, t)
    ]
    out = []
    for s in repo.slots(db, event.id):
        if any(p.availability is not None and s.id not in p.availability for p in people):
            continue
        if any((s.id, x) in busy_people for x in sides):
            continue
        out += [Place(s, t) for t in tables if (s.id, t.id) not in busy_tables]
    return out


def context_for(db: Session, user: User, event: Event, params: Any = None) -> dict[str, Any]:
    """The console's context for a page's query: grid filters, and the registrations' search and page."""
    params = params or {}
    page = str(params.get("reg_page") or "1")
    return console_context(
        db,
        user,
        event,
        Filters.of(params),
        reg_q=str(params.get("reg_q") or "").strip()[:100],
        reg_page=int(page) if page.isdigit() and len(page) < 6 else 1,
    )
