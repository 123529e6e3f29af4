"""Decompose, place, repair: the relaxation proves the bound and picks meetings; small events finish exactly."""

from __future__ import annotations

import statistics
import time
from collections.abc import Mapping

from .board import Board, to_meetings
from .exact import exact, size
from .greedy import first_fit
from .model import Instance, Meeting, Solution, number
from .parse import check_instance
from .placement import augment, compact, place
from .problem import Previous, Problem
from .relaxation import relax

EXACT_LIMIT = 10_000  # request × slot booleans up to which the full model is worth its time
RESLOT_LIMIT = 80_000  # the same for re-slotting a fixed set of meetings (fewer moves and idle gaps)


def solve(
    instance: Instance,
    time_limit: float = 30.0,
    previous: Previous = None,
    seed: int = 0,
    workers: int | None = None,
) -> Solution:
    """Schedule as much weight as possible, with a proven upper bound; ``previous`` meetings move only if needed.

    ``previous`` maps request id → (slot, table) or lists Meetings of an earlier run; published meetings that
    must never move should be given as ``locked`` in the instance.
    """
    start = time.perf_counter()
    deadline = start + 0.95 * time_limit - 0.5  # leave room for tables, stats and CP-SAT's own overrun
    check_instance(instance)
    prob = Problem(instance)
    prev = prob.previous_slots(previous)
    timings: dict[str, float] = {}
    if not prob.live:
        return Solution([], 0, 0, time.perf_counter() - start, "OPTIMAL", {"meetings": 0})
    base = first_fit(prob)
    relaxed = relax(
        prob, start + 0.5 * time_limit, prev, base.placed(), seed, workers, fair_seconds=0.25 * time_limit
    )
    timings["relaxation"] = time.perf_counter() - start
    board = place(prob, relaxed.chosen, prev, deadline)
    augment(prob, board, prev, deadline)
    if board.weight() < base.weight():
        board = base
    timings["placement"] = time.perf_counter() - start
    bound = relaxed.bound
    if size(prob) <= EXACT_LIMIT and deadline - time.perf_counter() > 0.1:
        slot_of, proven = exact(prob, _slots(board), prev, deadline, bound, seed, workers)
        bound = min(bound, proven)
    else:
        compact(prob, board, set(prev), min(deadline, time.perf_counter() + 0.1 * time_limit))
        slot_of = _slots(board)
        if deadline - time.perf_counter() > 1 and sum(len(prob.rslots[k]) for k in slot_of) <= RESLOT_LIMIT:
            slot_of, _ = exact(prob, slot_of, prev, deadline, bound, seed, workers, reslot_only=True)
    timings["total"] = time.perf_counter() - start
    weight = prob.weight_of(slot_of)
    meetings = to_meetings(prob, slot_of, prev)
    return Solution(
        meetings=meetings,
        objective=number(weight / prob.scale),
        upper_bound=number(max(bound, weight) / prob.scale),
        seconds=time.perf_counter() - start,
        status="OPTIMAL" if weight >= bound else "FEASIBLE",
        stats=describe(prob, meetings, previous, timings),
    )


def _slots(board: Board) -> dict[int, int]:
    return {k: board.slot_of[k] for k in board.placed()}


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
