"""Decompose, place, repair: relaxations prove the bound and guide the schedule; small events finish exactly.

Two relaxations bound the weight (see relaxation.py and slotlp.py); the smaller proven bound is reported.
Where the slot-free b-matching is exact (generous events) its choice of meetings is placed into slots; where the
slot LP is tighter (narrow availability, scarce tables) the slot LP is rounded and improved by neighbourhood
search. A former schedule is resumed first, so a re-solve has a good answer within its first second.
"""

from __future__ import annotations

import time

from .board import Board, to_meetings
from .exact import exact, size
from .greedy import first_fit
from .lns import improve, lp_round
from .model import Instance, SchedulingInputError, Solution, number
from .parse import check_instance
from .placement import augment, compact, place
from .problem import Previous, Problem
from .relaxation import lp, refine, relax, round_down, rows
from .repair import quick_bound, resume
from .report import Clock, describe
from .slotlp import solve_lp

EXACT_LIMIT = 10_000  # request × slot booleans up to which the full model is worth its time
RESLOT_LIMIT = 80_000  # the same for re-slotting a fixed set of meetings (fewer moves and idle gaps)
SLOT_LP_LIMIT = 150_000  # slot LP variables GLOP solves in well under the time it saves on tight events
MAX_TIME_LIMIT = 3600.0


def check_time_limit(time_limit: float) -> None:
    if not 0 < time_limit <= MAX_TIME_LIMIT:
        raise SchedulingInputError(
            [
                (
                    "time_limit",
                    f"must be more than 0 and at most {MAX_TIME_LIMIT:g} seconds, got {time_limit!r}",
                )
            ]
        )


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
    check_time_limit(time_limit)
    clock = Clock()
    deadline = clock.start + 0.95 * time_limit - 0.5  # room for tables, stats and CP-SAT's own overrun
    check_instance(instance)
    prob = Problem(instance)
    if not prob.live:
        if instance.requests:
            raise SchedulingInputError(
                [("requests", "no meeting is possible: no request has a slot both participants can attend")]
            )
        return Solution([], 0, 0, clock.elapsed(), "OPTIMAL", {"meetings": 0})
    prev = prob.previous_slots(previous)
    best = resume(prob, prev, deadline) if prev else first_fit(prob)
    clock.found(best.weight())
    bound = quick_bound(prob)
    best, bound = _search(prob, best, bound, prev, clock, time_limit, deadline, seed, workers)
    clock.mark("search")
    slot_of = {k: best.slot_of[k] for k in best.placed()}
    if size(prob) <= EXACT_LIMIT and deadline - time.perf_counter() > 0.1:
        slot_of, proven = exact(prob, slot_of, prev, deadline, bound, seed, workers)
        bound = min(bound, proven)
        clock.found(prob.weight_of(slot_of))
    elif deadline - time.perf_counter() > 0.3:
        compact(prob, best, set(prev), min(deadline, time.perf_counter() + 0.1 * time_limit))
        slot_of = {k: best.slot_of[k] for k in best.placed()}
        if deadline - time.perf_counter() > 1 and sum(len(prob.rslots[k]) for k in slot_of) <= RESLOT_LIMIT:
            slot_of, _ = exact(prob, slot_of, prev, deadline, bound, seed, workers, reslot_only=True)
    clock.mark("total")
    weight = prob.weight_of(slot_of)
    meetings = to_meetings(prob, slot_of, prev)
    return Solution(
        meetings=meetings,
        objective=number(weight / prob.scale),
        upper_bound=number(max(bound, weight) / prob.scale),
        seconds=clock.elapsed(),
        status="OPTIMAL" if weight >= bound else "FEASIBLE",
        stats=describe(prob, meetings, previous, clock.report(weight >= bound)),
    )


def _search(
    prob: Problem,
    best: Board,
    bound: int,
    prev: dict[int, tuple[int, int]],
    clock: Clock,
    time_limit: float,
    deadline: float,
    seed: int,
    workers: int | None,
) -> tuple[Board, int]:
    """Bound with both relaxations when there is time for them, and place by the one that is tight."""
    if best.weight() >= bound or deadline - time.perf_counter() < 0.5 + len(prob.live) / 10_000:
        return best, bound  # no time for the b-matching LP (about a second per 10,000 requests)
    cons = rows(prob)
    solved = lp(prob, cons)
    if solved is not None:
        bound = min(bound, solved[0])
        quick = min(deadline, time.perf_counter() + 0.05 * time_limit)  # enough where the b-matching is exact
        best = _placed(prob, round_down(prob, cons, solved[1]), best, prev, quick)
        clock.found(best.weight())
    clock.mark("relaxation")
    slot = None
    n_vars = size(prob)
    if (
        best.weight() < bound
        and n_vars <= SLOT_LP_LIMIT
        and deadline - time.perf_counter() > 1 + n_vars / 10_000
    ):
        slot = solve_lp(prob, deadline - time.perf_counter())
        if slot is not None:
            bound = min(bound, slot.bound)
        clock.mark("slot_lp")
    if slot is not None and solved is not None and slot.bound < solved[0]:
        board = lp_round(prob, slot, prev)
        augment(prob, board, prev, deadline, move_previous=not prev)
        best = _better(prob, board, best, prev)
        clock.found(best.weight())
        improve(prob, best, prev, clock.start + 0.7 * time_limit, bound, seed, workers)
        clock.found(best.weight())
        return best, bound
    relaxed = relax(prob, cons, solved, best.placed(), clock.start + 0.35 * time_limit, seed, workers)
    bound = min(bound, relaxed.bound)
    best = _placed(prob, relaxed.chosen, best, prev, deadline)
    clock.found(best.weight())
    seconds = min(0.25 * time_limit, clock.start + 0.6 * time_limit - time.perf_counter())
    if seconds > 0.5:
        chosen = refine(prob, cons, relaxed, prev, seconds, seed, workers)
        best = _placed(prob, chosen, best, prev, deadline, fair=True)
        clock.found(best.weight())
    return best, bound


def _placed(
    prob: Problem,
    chosen: list[int],
    best: Board,
    prev: dict[int, tuple[int, int]],
    deadline: float,
    fair: bool = False,
) -> Board:
    """Place the relaxation's choice; the fairer choice wins a tie in weight.

    Given a former schedule, these heuristics keep its meetings in place; only the exact searches, which
    count kept slots in their objective, trade a move for more weight.
    """
    board = place(prob, chosen, prev, deadline, move_previous=not prev)
    augment(prob, board, prev, deadline, move_previous=not prev)
    if fair:
        return board if board.weight() >= best.weight() else best
    return _better(prob, board, best, prev)


def _better(prob: Problem, a: Board, b: Board, prev: dict[int, tuple[int, int]]) -> Board:
    """Heavier wins; at equal weight, the one that keeps more former slots."""

    def key(board: Board) -> tuple[int, int]:
        return board.weight(), sum(1 for k, (s, _) in prev.items() if board.slot_of[k] == s)

    return a if key(a) >= key(b) else b
