"""The linear relaxation of the full slot model, and a bound proven from its duals.

The slot model has x[k, s] ∈ {0, 1} for request k in a slot s both its participants share, with

    (R_k)   Σ_s x[k, s] ≤ 1                  each request meets at most once (locked: x[k, lock slot] = 1)
    (P_is)  Σ_{k ∋ i} x[k, s] ≤ 1            a participant is in one meeting per slot
    (C_i)   Σ_{k ∋ i, s} x[k, s] ≤ cap_i      the meeting cap, where it binds
    (T_s)   Σ_{k shared} x[k, s] ≤ tables     meetings without an owner's table share the shared tables

Own tables need no row: a table owned by i only hosts meetings of i, and (P_is) already allows one per slot.
Letting x be fractional gives an upper bound. Where availability windows are narrow or tables scarce this LP is
far tighter than the slot-free b-matching (the b-matching may pair meetings that no slot can hold at once).

The bound is not the LP solver's floating-point objective but a Lagrangian one, exact for *any* non-negative
multipliers y on the P, C and T rows (GLOP's duals, clipped at zero):

    L(y) = Σ rhs·y + Σ_k max(0, max_s (w_k − y_P[a, s] − y_P[b, s] − y_C[a] − y_C[b] − y_T[s]))

(for a locked request the term is its single slot's value, even if negative). Every feasible schedule scores at
most L(y), so a solver tolerance can only make the bound weaker, never wrong.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ortools.linear_solver import pywraplp

from .problem import Problem


@dataclass
class SlotLP:
    bound: int  # proven upper bound on the scheduled (scaled) weight
    value: dict[tuple[int, int], float]  # LP value of x[k, s]
    price: dict[tuple[int, int], float]  # y_P[i, s]: what a participant's slot is worth at the optimum


def size(prob: Problem) -> int:
    """Variables of the slot model (and of this LP)."""
    return sum(len(prob.rslots[k]) for k in prob.live)


def solve_lp(prob: Problem, time_limit: float) -> SlotLP | None:
    """Solve the slot LP with GLOP; None if it fails or runs out of time."""
    solver = pywraplp.Solver.CreateSolver("GLOP")
    if solver is None:
        return None
    solver.SetTimeLimit(max(1, int(time_limit * 1000)))
    x = {}
    for k in prob.live:
        lo = 1 if prob.lock_slot[k] >= 0 else 0
        for s in prob.rslots[k]:
            x[k, s] = solver.NumVar(lo, 1, "")
    at: dict[tuple[int, int], list] = {}
    shared: dict[int, list] = {}
    for (k, s), v in x.items():
        at.setdefault((prob.ra[k], s), []).append(v)
        at.setdefault((prob.rb[k], s), []).append(v)
        if prob.rshared[k]:
            shared.setdefault(s, []).append(v)
    for k in prob.live:
        if len(prob.rslots[k]) > 1:
            solver.Add(solver.Sum([x[k, s] for s in prob.rslots[k]]) <= 1)
    p_rows = {key: solver.Add(solver.Sum(vs) <= 1) for key, vs in at.items() if len(vs) > 1}
    c_rows = {}
    for i, mine in enumerate(prob.by_part):
        if len(mine) > prob.cap[i] and prob.cap[i] < bin(prob.avail[i]).count("1"):
            c_rows[i] = solver.Add(solver.Sum([x[k, s] for k in mine for s in prob.rslots[k]]) <= prob.cap[i])
    t_rows = {
        s: solver.Add(solver.Sum(vs) <= prob.n_shared) for s, vs in shared.items() if len(vs) > prob.n_shared
    }
    solver.Maximize(solver.Sum([prob.w[k] * v for (k, _), v in x.items()]))
    if solver.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    price = {key: max(0.0, abs(r.dual_value())) for key, r in p_rows.items()}
    cap_price = {i: max(0.0, abs(r.dual_value())) for i, r in c_rows.items()}
    table_price = {s: max(0.0, abs(r.dual_value())) for s, r in t_rows.items()}
    bound = lagrangian(prob, price, cap_price, table_price)
    return SlotLP(bound, {key: v.solution_value() for key, v in x.items()}, price)


def lagrangian(
    prob: Problem,
    price: dict[tuple[int, int], float],
    cap_price: dict[int, float],
    table_price: dict[int, float],
) -> int:
    """L(y) of the module docstring, rounded down to an integer weight (a tiny slack absorbs float sums)."""
    total = sum(price.values()) + sum(prob.cap[i] * y for i, y in cap_price.items())
    total += prob.n_shared * sum(table_price.values())
    for k in prob.live:
        a, b = prob.ra[k], prob.rb[k]
        base = prob.w[k] - cap_price.get(a, 0.0) - cap_price.get(b, 0.0)
        best = max(
            base
            - price.get((a, s), 0.0)
            - price.get((b, s), 0.0)
            - (table_price.get(s, 0.0) if prob.rshared[k] else 0.0)
            for s in prob.rslots[k]
        )
        total += best if prob.lock_slot[k] >= 0 else max(0.0, best)
    return math.floor(total + 1e-6)
