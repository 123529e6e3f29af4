"""What a run reports besides the schedule: phase times, when the final weight was found, spread and moves."""

from __future__ import annotations

import statistics
import time
from collections.abc import Mapping

from .board import Board
from .model import Meeting
from .problem import Previous, Problem


class Clock:
    """Seconds since the start at the end of each phase, and when the best weight so far was first reached."""

    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.phases: dict[str, float] = {}
        self.best, self.best_at = -1, 0.0

    def elapsed(self) -> float:
        return time.perf_counter() - self.start

    def mark(self, phase: str) -> None:
        self.phases[phase] = self.elapsed()

    def found(self, weight: int) -> None:
        if weight > self.best:
            self.best, self.best_at = weight, self.elapsed()

    def report(self, at_bound: bool) -> dict[str, float]:
        """Phase times; ``to_bound`` (the weight found equals the bound) or ``to_best`` otherwise."""
        return self.phases | {"to_bound" if at_bound else "to_best": self.best_at}


def describe(prob: Problem, meetings: list[Meeting], previous: Previous, timings: dict) -> dict:
    """Figures an organiser reads: spread per participant, idle gaps, meetings moved since last run."""
    board = Board(prob)
    rid = {r.id: k for k, r in enumerate(prob.inst.requests)}
    for m in meetings:
        board.put(rid[m.request], prob.sid[m.slot])
    wanted = [i for i in range(prob.n_parts) if prob.need[i] > 0]
    counts = [board.count[i] for i in wanted] or [0]
    idle = 0
    for i in wanted:
        busy = [s for s in prob.avail_order[i] if board.at[i][s] >= 0]
        if busy:
            span = [s for s in prob.avail_order[i] if busy[0] <= s <= busy[-1]]
            idle += len(span) - len(busy)
    now = {m.request: (m.slot, m.table) for m in meetings}
    before = (
        dict(previous.items())
        if isinstance(previous, Mapping)
        else {m.request: (m.slot, m.table) for m in previous or ()}
    )
    moved = sum(1 for r, where in before.items() if r in rid and now.get(r) != tuple(where))
    return {
        "meetings": len(meetings),
        "min_per_participant": min(counts),
        "median_per_participant": statistics.median(counts),
        "idle_gaps": idle,
        "moved": moved,
        "seconds": {k: round(v, 3) for k, v in timings.items()},
    }
