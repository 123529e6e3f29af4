"""Weighted b-matching without the slot index: solved to optimality it is a valid upper bound.

Every real schedule satisfies these constraints, so the relaxation's optimum bounds the real optimum; it is also
a near-perfect choice of which meetings to hold (SCHEDULING.md: 0.99+ of the bound after placement).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .cpsat import Fairness, found, run
from .problem import Problem

log = logging.getLogger(__name__)


@dataclass
class Relaxed:
    chosen: list[int]
    value: int
    bound: int
    optimal: bool


def _hall_sets(masks: list[int]) -> list[int]:
    """Slot sets worth a ``meetings inside ≤ size`` cut: each distinct window and unions of two of them."""
    distinct = sorted(set(masks))
    sets = set(distinct)
    if len(distinct) <= 12:
        sets |= {x | y for x in distinct for y in distinct}
    return sorted(sets)


def build(prob: Problem):
    model = cp_model.CpModel()
    x = {k: model.new_bool_var(f"x{k}") for k in prob.live}
    for k in prob.locked:
        model.add(x[k] == 1)
    for i, mine in enumerate(prob.by_part):
        if not mine:
            continue
        model.add(sum(x[k] for k in mine) <= prob.cap[i])
        for window in _hall_sets([prob.rmask[k] for k in mine]):
            size = bin(window).count("1")
            inside = [x[k] for k in mine if prob.rmask[k] & ~window == 0]
            if size < min(prob.cap[i], len(inside)):
                model.add(sum(inside) <= size)
    shared = [k for k in prob.live if prob.rshared[k]]
    for window in _hall_sets([prob.rmask[k] for k in shared]):
        inside = [x[k] for k in shared if prob.rmask[k] & ~window == 0]
        room = bin(window).count("1") * prob.n_shared
        if room < len(inside):
            model.add(sum(inside) <= room)
    return model, x


def relax(
    prob: Problem,
    deadline: float,
    previous: dict[int, tuple[int, int]],
    hint: list[int],
    seed: int,
    workers: int | None,
    fair_seconds: float,
) -> Relaxed:
    """Maximise weight; then keep former meetings; then raise the minimum per participant at that weight."""
    model, x = build(prob)
    weight = sum(prob.w[k] * x[k] for k in prob.live)
    for k in hint:
        model.add_hint(x[k], 1)
    model.maximize(weight)
    solver, status = run(model, deadline - time.perf_counter(), seed, workers)
    log.info(
        "relaxation weight: %s %.0f ≤ %.0f in %.1fs",
        solver.status_name(status),
        solver.objective_value,
        solver.best_objective_bound,
        solver.wall_time,
    )
    if not found(status):
        return Relaxed(list(hint), prob.weight_of(hint), int(solver.best_objective_bound), False)
    value = round(solver.objective_value)
    bound = value if status == cp_model.OPTIMAL else int(solver.best_objective_bound + 1e-6)
    chosen = [k for k in prob.live if solver.boolean_value(x[k])]
    model.add(weight >= value)
    kept = [x[k] for k in previous if k in x]
    fair = Fairness(model, _counts(prob, x), prob.need)
    goals = ([sum(kept)] if kept else []) + [fair.expr]
    for goal in goals:
        left = min(fair_seconds / len(goals), deadline - time.perf_counter())
        if left < 0.2:
            break
        model.clear_hints()
        picked = set(chosen)
        for k in prob.live:
            model.add_hint(x[k], k in picked)
        fair.hint(model, [sum(k in picked for k in mine) for mine in prob.by_part])
        model.maximize(goal)
        solver, status = run(model, left, seed, workers)
        log.info(
            "relaxation secondary: %s %.0f ≤ %.0f in %.1fs",
            solver.status_name(status),
            solver.objective_value,
            solver.best_objective_bound,
            solver.wall_time,
        )
        if not found(status):
            break
        chosen = [k for k in prob.live if solver.boolean_value(x[k])]
        model.add(goal >= round(solver.objective_value))
    return Relaxed(chosen, value, bound, value == bound)


def _counts(prob: Problem, x: dict) -> list:
    return [sum(x[k] for k in mine) for mine in prob.by_part]
