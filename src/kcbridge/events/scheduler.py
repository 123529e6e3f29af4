"""Pure 1:1 meeting scheduler: plain data in, plain data out, no database or web imports.

Maximise the weight of scheduled meetings, then keep former slots, spread meetings fairly and avoid idle gaps.
The reported upper bound is the smaller of two proven relaxations: the slot-free b-matching (exact on generous
events; see SCHEDULING.md) and the LP of the full slot model (tight on narrow availability and scarce tables).
``solve(..., previous=...)`` resumes a former schedule first, so a re-solve after a change takes seconds.

`solve` is loaded on first use (PEP 562): it brings OR-Tools (CP-SAT, the LP solver and pandas), about a
second of every web process's start that only a scheduling job needs.
"""

from typing import TYPE_CHECKING, Any

from .scheduling.greedy import greedy
from .scheduling.model import (
    Instance,
    Lock,
    Meeting,
    Participant,
    Request,
    SchedulingInputError,
    Solution,
    Table,
)
from .scheduling.parse import check_instance, instance_problems, parse_instance
from .scheduling.verify import verify

if TYPE_CHECKING:
    from .scheduling.solve import solve  # heavy (OR-Tools, 0.2 s): only a solve loads it


def __getattr__(name: str) -> Any:
    if name == "solve":
        from .scheduling.solve import solve  # heavy (OR-Tools, 0.2 s): only a solve loads it

        return solve
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Instance",
    "Lock",
    "Meeting",
    "Participant",
    "Request",
    "SchedulingInputError",
    "Solution",
    "Table",
    "check_instance",
    "greedy",
    "instance_problems",
    "parse_instance",
    "solve",
    "verify",
]
