"""Plain data of the 1:1 meeting scheduler: the instance, the answer, and the input error."""

from __future__ import annotations

from dataclasses import dataclass, field


class SchedulingInputError(ValueError):
    """Bad instance; carries every problem found as ``(path, message)`` so a caller can show them all."""

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = list(problems)
        lines = "\n".join(f"  {path}: {message}" for path, message in self.problems)
        super().__init__(f"invalid scheduling instance ({len(self.problems)} problem(s)):\n{lines}")


@dataclass(frozen=True)
class Table:
    id: str
    owner: str | None = None


@dataclass(frozen=True)
class Participant:
    """``available`` None means every slot; ``max_meetings`` None means no cap."""

    id: str
    available: tuple[str, ...] | None = None
    max_meetings: int | None = None


@dataclass(frozen=True)
class Lock:
    """A meeting fixed by the organiser; ``table`` None lets the scheduler pick the table."""

    slot: str
    table: str | None = None


@dataclass(frozen=True)
class Request:
    """A wished meeting between ``a`` and ``b``; weight ranks mutual interest > accepted > suggestion."""

    id: str
    a: str
    b: str
    weight: float = 1
    locked: Lock | None = None


@dataclass(frozen=True)
class Instance:
    """Slots are listed in time order; a participant owning a table meets only at its own table(s)."""

    slots: tuple[str, ...]
    tables: tuple[Table, ...]
    participants: tuple[Participant, ...]
    requests: tuple[Request, ...]


@dataclass(frozen=True)
class Meeting:
    request: str
    slot: str
    table: str


@dataclass
class Solution:
    """``objective`` is the total weight scheduled; ``upper_bound`` a proven bound on it."""

    meetings: list[Meeting]
    objective: float
    upper_bound: float
    seconds: float
    status: str
    stats: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "meetings": [{"request": m.request, "slot": m.slot, "table": m.table} for m in self.meetings],
            "objective": self.objective,
            "upper_bound": self.upper_bound,
            "seconds": round(self.seconds, 3),
            "status": self.status,
            "stats": self.stats,
        }


def number(value: float) -> float:
    """Report integral weights as ints so JSON output stays exact and readable."""
    return int(value) if float(value).is_integer() else round(float(value), 6)
