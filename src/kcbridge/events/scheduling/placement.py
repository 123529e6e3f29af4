"""Put a chosen set of meetings into slots, most constrained first, then repair with Kempe-chain swaps."""

from __future__ import annotations

import heapq
import time

from .board import Board
from .problem import Problem


def place(
    prob: Problem,
    chosen: list[int],
    previous: dict[int, tuple[int, int]],
    deadline: float,
    move_previous: bool = True,
) -> Board:
    """Locks, then former slots, then the rest by fewest open slots (DSatur-like); repair what did not fit."""
    board = Board(prob)
    for k in prob.locked:
        board.put(k, prob.lock_slot[k])
    todo = [k for k in chosen if board.slot_of[k] < 0]
    for k in todo:
        s = previous.get(k, (-1, -1))[0]
        if s >= 0 and board.can(k, s) and board.has_room(k):
            board.put(k, s)
    todo = [k for k in todo if board.slot_of[k] < 0]
    left = _dsatur(prob, board, todo)
    fixed = set(prob.locked) | set(previous)
    chains = Chains(prob, board, fixed, move_previous)
    left.sort(key=lambda k: -prob.w[k])
    for k in left:
        if time.perf_counter() > deadline:
            break
        if board.has_room(k):
            chains.insert(k)
    return board


def augment(
    prob: Problem,
    board: Board,
    previous: dict[int, tuple[int, int]],
    deadline: float,
    move_previous: bool = True,
) -> None:
    """Insert any other request that still fits, heaviest first, moving meetings along Kempe chains.

    Former meetings move only as a last resort, and never without ``move_previous``.
    """
    chains = Chains(prob, board, set(prob.locked) | set(previous), move_previous)
    for k in sorted((k for k in prob.live if board.slot_of[k] < 0), key=lambda k: -prob.w[k]):
        if time.perf_counter() > deadline:
            return
        if board.has_room(k):
            chains.insert(k)


def _dsatur(prob: Problem, board: Board, todo: list[int]) -> list[int]:
    pending = [[0] * prob.n_slots for _ in range(prob.n_parts)]
    for k in todo:
        for s in prob.rslots[k]:
            pending[prob.ra[k]][s] += 1
            pending[prob.rb[k]][s] += 1
    mine: dict[int, list[int]] = {}
    for k in todo:
        mine.setdefault(prob.ra[k], []).append(k)
        mine.setdefault(prob.rb[k], []).append(k)

    def options(k: int) -> int:
        return sum(1 for s in prob.rslots[k] if board.can(k, s))

    waiting = set(todo)
    heap = [(options(k), -prob.w[k], k) for k in todo]
    heapq.heapify(heap)
    left = []
    while heap:
        n, _, k = heapq.heappop(heap)
        if k not in waiting:
            continue
        if (now := options(k)) != n:
            heapq.heappush(heap, (now, -prob.w[k], k))
            continue
        waiting.discard(k)
        a, b = prob.ra[k], prob.rb[k]
        for s in prob.rslots[k]:
            pending[a][s] -= 1
            pending[b][s] -= 1
        if n == 0 or not board.has_room(k):
            left.append(k)
            continue
        best = min(
            (s for s in prob.rslots[k] if board.can(k, s)),
            key=lambda s: (
                pending[a][s] + pending[b][s] - _touching(board, a, s) - _touching(board, b, s),
                s,
            ),
        )
        board.put(k, best)
        full = prob.rshared[k] and board.shared_used[best] == prob.n_shared
        for m in mine[a] + mine[b] if not full else waiting:
            if m in waiting:
                heapq.heappush(heap, (options(m), -prob.w[m], m))
    return left


def _touching(board: Board, i: int, s: int) -> int:
    """Neighbouring busy slots, so meetings cluster and leave fewer idle gaps."""
    row = board.at[i]
    return (s > 0 and row[s - 1] >= 0) + (s + 1 < len(row) and row[s + 1] >= 0)


class Chains:
    """Kempe-chain moves: swap slots s and s2 along an alternating path to free a participant at s."""

    MAX_LEN = 40

    def __init__(self, prob: Problem, board: Board, fixed: set[int], move_fixed: bool = True):
        self.p, self.b, self.fixed = prob, board, fixed
        self.passes = (False, True) if move_fixed else (False,)

    def insert(self, k: int) -> bool:
        p, b = self.p, self.b
        for s in p.rslots[k]:
            if b.can(k, s):
                b.put(k, s)
                return True
        for soft in self.passes:
            for s in p.rslots[k]:
                if self._free_slot_for(k, s, soft):
                    b.put(k, s)
                    return True
        return False

    def _free_slot_for(self, k: int, s: int, soft: bool) -> bool:
        """Free both participants of k at s (and a shared table if needed); undo everything on failure."""
        p, b = self.p, self.b
        x, y = p.ra[k], p.rb[k]
        log: list[tuple[list[int], int, int]] = []
        for who, other in ((x, y), (y, x)):
            if b.at[who][s] >= 0 and not self._free(who, other, s, soft, log):
                self._undo(log)
                return False
        if p.rshared[k] and b.shared_used[s] >= p.n_shared and not self._free_table(s, log):
            self._undo(log)
            return False
        return True

    def _free(self, who: int, other: int, s: int, soft: bool, log: list) -> bool:
        p, b = self.p, self.b
        for s2 in range(p.n_slots):
            if s2 == s or b.at[who][s2] >= 0 or not p.avail[who] >> s2 & 1:
                continue
            path = self._chain(who, s, s2, other, soft)
            if path is not None and self._table_ok(path, s, s2):
                self._swap(path, s, s2)
                log.append((path, s, s2))
                return True
        return False

    def _chain(self, start: int, s: int, s2: int, avoid: int, soft: bool) -> list[int] | None:
        """Alternating s/s2 path from ``start``; None if it reaches ``avoid`` or a meeting that cannot move."""
        p, b = self.p, self.b
        path: list[int] = []
        v, colour, other = start, s, s2
        while True:
            m = b.at[v][colour]
            if m < 0:
                return path
            if m in path or len(path) >= self.MAX_LEN or not p.rmask[m] >> other & 1:
                return None
            if p.lock_slot[m] >= 0 or (m in self.fixed and not soft):
                return None
            path.append(m)
            v = p.rb[m] if p.ra[m] == v else p.ra[m]
            if v == avoid:
                return None
            colour, other = other, colour

    def _table_ok(self, path: list[int], s: int, s2: int) -> bool:
        p, b = self.p, self.b
        to_s2 = sum(1 for m in path if p.rshared[m] and b.slot_of[m] == s)
        to_s = sum(1 for m in path if p.rshared[m] and b.slot_of[m] == s2)
        return (
            b.shared_used[s] - to_s2 + to_s <= p.n_shared and b.shared_used[s2] - to_s + to_s2 <= p.n_shared
        )

    def _swap(self, path: list[int], s: int, s2: int) -> None:
        b = self.b
        olds = [b.remove(m) for m in path]
        for m, old in zip(path, olds, strict=True):
            b.put(m, s2 if old == s else s)

    def _undo(self, log: list) -> None:
        for path, s, s2 in reversed(log):
            self._swap(path, s, s2)

    def _free_table(self, s: int, log: list) -> bool:
        """Move one shared meeting out of a full slot into a slot where both its participants are free."""
        p, b = self.p, self.b
        for m in range(len(b.slot_of)):
            if b.slot_of[m] != s or not p.rshared[m] or p.lock_slot[m] >= 0 or m in self.fixed:
                continue
            for s2 in p.rslots[m]:
                if (
                    s2 != s
                    and b.shared_used[s2] < p.n_shared
                    and b.at[p.ra[m]][s2] < 0
                    and b.at[p.rb[m]][s2] < 0
                ):
                    b.remove(m)
                    b.put(m, s2)
                    log.append(([m], s, s2))
                    return True
        return False


def compact(prob: Problem, board: Board, fixed: set[int], deadline: float) -> None:
    """Hill-climb single moves that cut runs of meetings, i.e. idle gaps, for both participants."""
    improved = True
    while improved and time.perf_counter() < deadline:
        improved = False
        for k in board.placed():
            if k in fixed or prob.lock_slot[k] >= 0:
                continue
            a, b, s = prob.ra[k], prob.rb[k], board.slot_of[k]
            runs = board.blocks(a) + board.blocks(b)
            if runs <= 2:
                continue
            for s2 in prob.rslots[k]:
                if s2 == s or not board.can(k, s2):
                    continue
                board.remove(k)
                board.put(k, s2)
                if board.blocks(a) + board.blocks(b) < runs:
                    improved = True
                    break
                board.remove(k)
                board.put(k, s)
            if time.perf_counter() > deadline:
                return
