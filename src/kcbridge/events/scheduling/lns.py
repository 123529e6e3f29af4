"""Schedules for tight events: round the slot LP, then improve by large-neighbourhood search with CP-SAT.

The slot LP is nearly integral on such events, so taking its (request, slot) pairs by LP value already lands
within a fraction of a percent of its bound. The search then frees every meeting in a few slots (or of a few
participants), keeps the rest of the schedule fixed, and lets CP-SAT re-decide the freed part exactly.
"""

from __future__ import annotations

import logging
import random
import time

from ortools.sat.python import cp_model

from .board import Board
from .cpsat import found, run
from .problem import Problem
from .slotlp import SlotLP

log = logging.getLogger(__name__)

SUB_SECONDS = 2.0  # per neighbourhood: long enough to close it, short enough to try many


def lp_round(prob: Problem, lp: SlotLP, previous: dict[int, tuple[int, int]]) -> Board:
    """Locks, then former slots that still fit, then (request, slot) pairs by LP value, weight, low price."""
    board = Board(prob)
    for k in prob.locked:
        board.put(k, prob.lock_slot[k])
    for k, (s, _) in previous.items():
        if board.slot_of[k] < 0 and prob.rmask[k] >> s & 1 and board.can(k, s) and board.has_room(k):
            board.put(k, s)

    def key(ks: tuple[int, int]) -> tuple:
        k, s = ks
        price = lp.price.get((prob.ra[k], s), 0.0) + lp.price.get((prob.rb[k], s), 0.0)
        return (-round(lp.value[ks], 4), -prob.w[k], price, k, s)

    for k, s in sorted(lp.value, key=key):
        if board.slot_of[k] < 0 and board.can(k, s) and board.has_room(k):
            board.put(k, s)
    return board


def improve(
    prob: Problem,
    board: Board,
    previous: dict[int, tuple[int, int]],
    deadline: float,
    bound: int,
    seed: int,
    workers: int | None,
) -> None:
    """Re-optimise neighbourhoods until the deadline or the bound; never lowers weight or former-slot stays."""
    rng = random.Random(seed)
    tries = 0
    while board.weight() < bound and (left := deadline - time.perf_counter()) > 0.3:
        tries += 1
        if tries % 3:
            slots = _slot_window(prob, rng)
            keys = [k for k in prob.live if board.slot_of[k] in slots or board.slot_of[k] < 0]
        else:
            keys = _participant_group(prob, board, rng)
            slots = set(range(prob.n_slots))
        _reoptimise(prob, board, previous, keys, slots, min(SUB_SECONDS, left), seed + tries, workers)
    log.info("lns: %d neighbourhoods, weight %d of bound %d", tries, board.weight(), bound)


def _slot_window(prob: Problem, rng: random.Random) -> set[int]:
    """A few consecutive slots (meetings shift inside availability windows) or a few scattered ones."""
    n = prob.n_slots
    width = min(n, rng.choice((2, 3, 3, 4)))
    if rng.random() < 0.7:
        first = rng.randrange(n - width + 1)
        return set(range(first, first + width))
    return set(rng.sample(range(n), width))


def _participant_group(prob: Problem, board: Board, rng: random.Random, target: int = 60) -> list[int]:
    """A participant and its request partners, breadth first: their requests are re-decided in every slot."""
    start = rng.randrange(prob.n_parts)
    group, queue = {start}, [start]
    while queue and len(group) < target:
        i = queue.pop(0)
        for k in prob.by_part[i]:
            j = prob.rb[k] if prob.ra[k] == i else prob.ra[k]
            if j not in group and len(group) < target:
                group.add(j)
                queue.append(j)
    return [k for k in prob.live if prob.ra[k] in group and prob.rb[k] in group]


def _reoptimise(
    prob: Problem,
    board: Board,
    previous: dict[int, tuple[int, int]],
    keys: list[int],
    slots: set[int],
    seconds: float,
    seed: int,
    workers: int | None,
) -> bool:
    """Free ``keys`` (only their meetings inside ``slots``), solve what is freed exactly, keep it if better."""
    free = [k for k in keys if prob.lock_slot[k] < 0 and (board.slot_of[k] < 0 or board.slot_of[k] in slots)]
    if not free:
        return False
    old = {k: board.slot_of[k] for k in free if board.slot_of[k] >= 0}
    for k in old:
        board.remove(k)
    model = cp_model.CpModel()
    x = {
        (k, s): model.new_bool_var("") for k in free for s in prob.rslots[k] if s in slots and board.can(k, s)
    }
    mine: dict[int, list] = {}
    at: dict[tuple[int, int], list] = {}
    shared: dict[int, list] = {}
    for (k, s), v in x.items():
        mine.setdefault(k, []).append(v)
        for i in (prob.ra[k], prob.rb[k]):
            at.setdefault((i, s), []).append(v)
            mine.setdefault(-1 - i, []).append(v)
        if prob.rshared[k]:
            shared.setdefault(s, []).append(v)
    for key, vs in mine.items():
        if key >= 0:
            model.add_at_most_one(vs)
        elif len(vs) > (room := prob.cap[-1 - key] - board.count[-1 - key]):
            model.add(sum(vs) <= room)
    for vs in at.values():
        model.add_at_most_one(vs)
    for s, vs in shared.items():
        model.add(sum(vs) <= prob.n_shared - board.shared_used[s])
    stay = [x[k, s] for k, (s, _) in previous.items() if (k, s) in x]
    weight = sum(prob.w[k] * v for (k, _), v in x.items())
    before = sum(prob.w[k] for k in old)
    kept = sum(1 for k, s in old.items() if previous.get(k, (-1,))[0] == s)
    model.add(weight >= before)
    model.maximize(weight * (len(stay) + 1) + sum(stay))
    for (k, s), v in x.items():
        model.add_hint(v, old.get(k) == s)
    solver, status = run(model, seconds, seed, workers)
    better = found(status) and round(solver.objective_value) > before * (len(stay) + 1) + kept
    new = {k: s for (k, s), v in x.items() if solver.boolean_value(v)} if better else old
    for k, s in new.items():
        board.put(k, s)
    return better
