"""Weighted b-matching without the slot index: its optimum is a valid upper bound on the real schedule.

Every real schedule satisfies these constraints, so the relaxation's optimum bounds the real optimum; it is also
a near-perfect choice of which meetings to hold (SCHEDULING.md: 0.99+ of the bound after placement).
The LP of the b-matching is nearly integral: GLOP gives a bound and a rounding in about a second, and CP-SAT,
hinted with that rounding, only has to close what is left (alone it spends most of its time finding solutions).
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass
from typing import Any

from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model

from .cpsat import Fairness, found, run
from .problem import Problem

log = logging.getLogger(__name__)

Rows = list[tuple[list[int], int]]  # (requests, at most this many of them)


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


def rows(prob: Problem) -> Rows:
    """Caps, one meeting per slot inside any slot window, shared tables × slots; all hold for real schedules."""
    out: Rows = []
    for i, mine in enumerate(prob.by_part):
        if len(mine) > prob.cap[i]:
            out.append((mine, prob.cap[i]))
        for window in _hall_sets([prob.rmask[k] for k in mine]):
            size = bin(window).count("1")
            inside = [k for k in mine if prob.rmask[k] & ~window == 0]
            if size < min(prob.cap[i], len(inside)):
                out.append((inside, size))
    shared = [k for k in prob.live if prob.rshared[k]]
    for window in _hall_sets([prob.rmask[k] for k in shared]):
        inside = [k for k in shared if prob.rmask[k] & ~window == 0]
        room = bin(window).count("1") * prob.n_shared
        if room < len(inside):
            out.append((inside, room))
    return out


def lp(prob: Problem, cons: Rows) -> tuple[int, dict[int, float]] | None:
    """LP optimum (rounded down: weights are integers) and the fractional choice; None if GLOP fails."""
    solver = pywraplp.Solver.CreateSolver("GLOP")
    if solver is None:
        return None
    x = {k: solver.NumVar(1 if prob.lock_slot[k] >= 0 else 0, 1, f"x{k}") for k in prob.live}
    for members, rhs in cons:
        solver.Add(solver.Sum([x[k] for k in members]) <= rhs)
    solver.Maximize(solver.Sum([prob.w[k] * x[k] for k in prob.live]))
    if solver.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    return math.floor(solver.Objective().Value() + 1e-6), {k: v.solution_value() for k, v in x.items()}


def round_down(prob: Problem, cons: Rows, values: dict[int, float]) -> list[int]:
    """Greedy by LP value then weight, keeping every relaxation row satisfied."""
    slack = [rhs for _, rhs in cons]
    rows_of: dict[int, list[int]] = {}
    for j, (members, _) in enumerate(cons):
        for k in members:
            rows_of.setdefault(k, []).append(j)
    chosen = []
    order = sorted(
        prob.live, key=lambda k: (prob.lock_slot[k] < 0, -round(values.get(k, 0), 6), -prob.w[k], k)
    )
    for k in order:
        mine = rows_of.get(k, [])
        if all(slack[j] > 0 for j in mine):
            for j in mine:
                slack[j] -= 1
            chosen.append(k)
    return chosen


def relax(
    prob: Problem,
    cons: Rows,
    solved: tuple[int, dict[int, float]] | None,
    hint: list[int],
    deadline: float,
    seed: int,
    workers: int | None,
) -> Relaxed:
    """Maximise weight on the b-matching, from the LP's rounding (or ``hint`` if heavier); bound it too."""
    bound = sum(prob.w[k] for k in prob.live)
    if solved is not None:
        bound, values = solved
        rounded = round_down(prob, cons, values)
        if prob.weight_of(rounded) > prob.weight_of(hint):
            hint = rounded
    chosen, value = list(hint), prob.weight_of(hint)
    log.info("relaxation LP bound %d, rounded %d", bound, value)
    if value < bound and deadline - time.perf_counter() > 0.1:
        model, x, weight = _model(prob, cons)
        _hint(model, x, chosen)
        model.maximize(weight)
        solver, status = run(model, deadline - time.perf_counter(), seed, workers)
        log.info(
            "relaxation weight: %s ≤ %.0f in %.1fs",
            solver.status_name(status),
            solver.best_objective_bound,
            solver.wall_time,
        )
        bound = min(bound, int(solver.best_objective_bound + 1e-6))
        if found(status) and round(solver.objective_value) > value:
            chosen = [k for k in prob.live if solver.boolean_value(x[k])]
            value = round(solver.objective_value)
    return Relaxed(chosen, value, bound, value == bound)


def refine(
    prob: Problem,
    cons: Rows,
    relaxed: Relaxed,
    previous: dict[int, tuple[int, int]],
    seconds: float,
    seed: int,
    workers: int | None,
) -> list[int]:
    """At the relaxation's weight, keep former meetings, then raise the minimum per participant."""
    end = time.perf_counter() + seconds
    model, x, weight = _model(prob, cons)
    model.add(weight >= relaxed.value)
    fair = Fairness(model, [sum(x[k] for k in mine) for mine in prob.by_part], prob.need)
    kept = [x[k] for k in previous if k in x]
    goals = ([sum(kept)] if kept else []) + [fair.expr]
    chosen = relaxed.chosen
    for n, goal in enumerate(goals):
        left = (end - time.perf_counter()) / (len(goals) - n)
        if left < 0.2:
            break
        picked = _hint(model, x, chosen)
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
    return chosen


def _model(prob: Problem, cons: Rows) -> tuple[cp_model.CpModel, dict, Any]:
    model = cp_model.CpModel()
    x = {k: model.new_bool_var(f"x{k}") for k in prob.live}
    for k in prob.locked:
        model.add(x[k] == 1)
    for members, rhs in cons:
        model.add(sum(x[k] for k in members) <= rhs)
    return model, x, sum(prob.w[k] * x[k] for k in prob.live)


def _hint(model: cp_model.CpModel, x: dict, chosen: list[int]) -> set[int]:
    model.clear_hints()
    picked = set(chosen)
    for k, v in x.items():
        model.add_hint(v, k in picked)
    return picked
