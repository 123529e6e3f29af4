"""The baseline commercial event tools document: heaviest request first, earliest slot that fits."""

from __future__ import annotations

import time

from .board import Board
from .model import Instance, Solution, number
from .parse import check_instance
from .problem import Problem


def first_fit(prob: Problem) -> Board:
    board = Board(prob)
    for k in prob.locked:
        board.put(k, prob.lock_slot[k])
    for k in sorted((k for k in prob.live if prob.lock_slot[k] < 0), key=lambda k: -prob.w[k]):
        if board.has_room(k):
            s = next((s for s in prob.rslots[k] if board.can(k, s)), -1)
            if s >= 0:
                board.put(k, s)
    return board


def greedy(instance: Instance) -> Solution:
    """Weight-first first-fit; its bound is only the trivial one (every schedulable request)."""
    start = time.perf_counter()
    check_instance(instance)
    prob = Problem(instance)
    board = first_fit(prob)
    trivial = sum(prob.w[k] for k in prob.live) / prob.scale
    return Solution(
        meetings=board.meetings(),
        objective=number(board.weight() / prob.scale),
        upper_bound=number(trivial),
        seconds=time.perf_counter() - start,
        status="FEASIBLE",
    )
