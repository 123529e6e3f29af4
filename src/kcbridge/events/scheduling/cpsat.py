"""Small CP-SAT helpers shared by the relaxation and the full slot model."""

from __future__ import annotations

import os
from typing import Any

from ortools.sat.python import cp_model

DEFAULT_WORKERS = max(1, min(8, os.cpu_count() or 1))


def run(
    model: cp_model.CpModel, seconds: float, seed: int, workers: int | None
) -> tuple[cp_model.CpSolver, Any]:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, seconds)
    solver.parameters.num_workers = workers or DEFAULT_WORKERS
    solver.parameters.random_seed = seed
    status = solver.solve(model)
    return solver, status


def found(status: int) -> bool:
    return status in (cp_model.OPTIMAL, cp_model.FEASIBLE)


class Fairness:
    """Objective that first raises the minimum meetings per participant, then spreads the rest.

    Level k is reached by a participant with at least k meetings; the minimum only counts participants whose
    requests and cap allow k meetings, so a participant with one request does not hold everyone at one.
    """

    def __init__(self, model: cp_model.CpModel, counts: list, need: list[int]):
        top = max(need, default=0)
        self.levels: list[list] = []
        concave = []
        for i, need_i in enumerate(need):
            levels = [model.new_bool_var(f"lvl_{i}_{k}") for k in range(1, need_i + 1)]
            for lo, hi in zip(levels, levels[1:], strict=False):
                model.add_implication(hi, lo)
            if levels:
                model.add(sum(levels) <= counts[i])
            self.levels.append(levels)
            concave += [(top + 1 - k) * v for k, v in enumerate(levels, start=1)]
        big = sum(top + 1 - k for need_i in need for k in range(1, need_i + 1)) + 1
        self.floor: list = []
        for k in range(1, top + 1):
            m = model.new_bool_var(f"min_{k}")
            if self.floor:
                model.add_implication(m, self.floor[-1])
            for levels in self.levels:
                if len(levels) >= k:
                    model.add_implication(m, levels[k - 1])
            self.floor.append(m)
        self.expr = big * sum(self.floor) + sum(concave)

    def hint(self, model: cp_model.CpModel, counts: list[int]) -> None:
        """Complete hints let CP-SAT start from the known solution instead of searching for any."""
        for c, levels in zip(counts, self.levels, strict=True):
            for k, v in enumerate(levels, start=1):
                model.add_hint(v, c >= k)
        held = True
        for k, m in enumerate(self.floor, start=1):
            held = held and all(c >= k for c, lv in zip(counts, self.levels, strict=True) if len(lv) >= k)
            model.add_hint(m, held)
