"""The full slot model (a boolean per request × feasible slot), optimised goal after goal.

Used when the event is small enough for CP-SAT to prove optimality; each goal is fixed at its achieved value
before the next one, so weight always wins over keeping former slots, which wins over fairness, then gaps.
"""

from __future__ import annotations

import logging
import time

from ortools.sat.python import cp_model

from .cpsat import Fairness, found, run
from .problem import Problem

log = logging.getLogger(__name__)


def size(prob: Problem) -> int:
    return sum(len(prob.rslots[k]) for k in prob.live)


class SlotModel:
    """x[k, s] = request k meets in slot s; auxiliary variables exist up front so every hint is complete."""

    def __init__(self, prob: Problem, bound: int, keys: list[int] | None = None):
        self.p = prob
        self.model = model = cp_model.CpModel()
        keys = prob.live if keys is None else keys
        self.x = x = {(k, s): model.new_bool_var(f"x{k}_{s}") for k in keys for s in prob.rslots[k]}
        self.at: dict[tuple[int, int], list] = {}
        shared: dict[int, list] = {}
        for (k, s), v in x.items():
            self.at.setdefault((prob.ra[k], s), []).append(v)
            self.at.setdefault((prob.rb[k], s), []).append(v)
            if prob.rshared[k]:
                shared.setdefault(s, []).append(v)
        for k in keys:
            model.add_at_most_one(x[k, s] for s in prob.rslots[k])
        for k in prob.locked:
            model.add(x[k, prob.lock_slot[k]] == 1)
        for vs in self.at.values():
            model.add_at_most_one(vs)
        for vs in shared.values():
            if len(vs) > prob.n_shared:
                model.add(sum(vs) <= prob.n_shared)
        counts = [sum(x[k, s] for k in mine for s in prob.rslots[k] if (k, s) in x) for mine in prob.by_part]
        for i, c in enumerate(counts):
            if len(prob.by_part[i]) > prob.cap[i]:
                model.add(c <= prob.cap[i])
        self.weight = sum(prob.w[k] * x[k, s] for (k, s) in x)
        model.add(self.weight <= bound)
        self.fair = Fairness(model, counts, prob.need) if keys is prob.live else None
        self.starts = self._run_starts()

    def _run_starts(self) -> dict[tuple[int, int], cp_model.IntVar]:
        """A run starts where a participant is busy and was free in its previous available slot."""
        starts = {}
        for i, order in enumerate(self.p.avail_order):
            if not self.p.by_part[i]:
                continue
            before = 0
            for s in order:
                if not (vs := self.at.get((i, s))):
                    before = 0
                    continue
                busy = sum(vs)
                starts[i, s] = st = self.model.new_bool_var(f"st{i}_{s}")
                self.model.add(st >= busy - before)
                before = busy
        return starts

    def hint(self, slot_of: dict[int, int]) -> None:
        model, p = self.model, self.p
        model.clear_hints()
        for (k, s), v in self.x.items():
            model.add_hint(v, slot_of.get(k) == s)
        busy = {(i, s) for k, s in slot_of.items() for i in (p.ra[k], p.rb[k])}
        counts = [0] * p.n_parts
        for i, _ in busy:
            counts[i] += 1
        if self.fair is not None:
            self.fair.hint(model, counts)
        for i, order in enumerate(p.avail_order):
            for before, s in zip([-1, *order], order, strict=False):
                if (st := self.starts.get((i, s))) is not None:
                    model.add_hint(st, (i, s) in busy and (i, before) not in busy)


def exact(
    prob: Problem,
    start: dict[int, int],
    previous: dict[int, tuple[int, int]],
    deadline: float,
    bound: int,
    seed: int,
    workers: int | None,
    reslot_only: bool = False,
) -> tuple[dict[int, int], int]:
    """Return (request → slot, proven weight bound), starting from (and never worse than) ``start``.

    With ``reslot_only`` the meetings of ``start`` are kept and only their slots change (fewer moves, fewer
    gaps): the model stays small enough for events where the full model is hopeless.
    """
    sm = SlotModel(prob, bound, sorted(start) if reslot_only else None)
    model, x = sm.model, sm.x
    best, best_bound = dict(start), bound
    goals = []
    if reslot_only:
        for k in start:
            model.add_exactly_one(x[k, s] for s in prob.rslots[k])
    elif prob.weight_of(start) < bound:
        goals.append(("weight", sm.weight))
    if stay := [x[k, s] for k, (s, _) in previous.items() if (k, s) in x]:
        goals.append(("stay", sum(stay)))
    if max(prob.need, default=0) > 0:
        if sm.fair is not None:
            goals.append(("fair", sm.fair.expr))
        goals.append(("compact", -sum(sm.starts.values())))
    model.add(sm.weight >= prob.weight_of(start))
    for n, (name, goal) in enumerate(goals):
        left = deadline - time.perf_counter()
        share = left * (0.5 if name == "weight" else 1 / (len(goals) - n))
        if share < 0.05:
            break
        sm.hint(best)
        model.maximize(goal)
        solver, status = run(model, share, seed, workers)
        log.info(
            "exact %s: %s %.0f ≤ %.0f in %.1fs",
            name,
            solver.status_name(status),
            solver.objective_value,
            solver.best_objective_bound,
            solver.wall_time,
        )
        if not found(status):
            break
        best = {k: s for (k, s), v in x.items() if solver.boolean_value(v)}
        if name == "weight":
            best_bound = min(best_bound, int(solver.best_objective_bound + 1e-6))
        model.add(goal >= round(solver.objective_value))
    return best, best_bound
