"""Start again from a former schedule: keep what still fits, then fit in what is new (a re-solve in seconds)."""

from __future__ import annotations

from .board import Board
from .placement import augment
from .problem import Problem


def resume(prob: Problem, previous: dict[int, tuple[int, int]], deadline: float) -> Board:
    """Locks, then former meetings in their former slots (heaviest first), then new ones along Kempe chains.

    A former meeting drops out only if its request was cancelled or its slot no longer suits a participant;
    inserting others never moves a former meeting (the full search may, later, for more weight).
    """
    board = Board(prob)
    for k in prob.locked:
        board.put(k, prob.lock_slot[k])
    for k in sorted(previous, key=lambda k: -prob.w[k]):
        s = previous[k][0]
        if board.slot_of[k] < 0 and prob.rmask[k] >> s & 1 and board.can(k, s) and board.has_room(k):
            board.put(k, s)
    augment(prob, board, previous, deadline, move_previous=False)
    return board


def quick_bound(prob: Problem) -> int:
    """A bound that costs nothing: each meeting fills a place of both its participants, so the weight is at most
    half the sum, over participants, of their ``cap`` heaviest requests (and at most every request's weight)."""
    half = 0
    for i, mine in enumerate(prob.by_part):
        half += sum(sorted((prob.w[k] for k in mine), reverse=True)[: prob.cap[i]])
    return min(sum(prob.w[k] for k in prob.live), half // 2)
