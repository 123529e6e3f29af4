"""Pure 1:1 meeting scheduler: plain data in, plain data out, no database or web imports.

Maximise the weight of scheduled meetings, then keep former slots, spread meetings fairly and avoid idle gaps.
CP-SAT proves an upper bound through a slot-free b-matching relaxation; see SCHEDULING.md for why.
"""

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
from .scheduling.solve import solve
from .scheduling.verify import verify

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
