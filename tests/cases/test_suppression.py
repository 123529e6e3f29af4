"""Disclosure control of case statistics. Besides the rules themselves, an attacker is simulated: every
answer the API would give for a dimension (unfiltered, per country, per year) becomes a linear equation
over the finest counts (value × country × year), and no withheld count may follow from them."""

from __future__ import annotations

import random

import numpy as np
import pytest

from kcbridge.cases.suppression import THRESHOLD, answer, protect_cross, protect_flat

COUNTRIES = ["KR", "CN"]
YEARS = ["2025", "2026"]


def test_a_count_below_5_is_withheld_with_a_complement_when_the_total_shows():
    line = protect_flat({"ip": 12, "tax": 3, "visa": 20, "data": 9})
    assert line.cells["tax"] is None and line.total == 44
    assert line.cells["data"] is None  # else 44 - 12 - 20 - 9 = 3
    assert line.cells["ip"] == 12 and line.cells["visa"] == 20


def test_counts_of_5_and_more_are_all_published():
    line = protect_flat({"ip": 5, "tax": 6})
    assert line.cells == {"ip": 5, "tax": 6} and line.total == 11


def test_a_grand_total_below_5_is_withheld():
    assert protect_flat({"ip": 1, "tax": 2}).total is None


def test_the_classic_differencing_attack_on_a_nested_filter_gets_nothing():
    """ip: 12 cases, 8 in Korea, 4 in China. Unfiltered shows 12; if "country=KR" showed 8, China's 4
    would be 12 − 8. Both country cells are withheld instead."""
    counts = {
        ("ip", "KR", "2026"): 8,
        ("ip", "CN", "2026"): 4,
        ("tax", "KR", "2026"): 30,
        ("tax", "CN", "2026"): 25,
    }
    filters = {"country": COUNTRIES, "year": ["2026"]}
    rows = ["ip", "tax"]
    assert answer(rows, counts, filters, None).cells == {"ip": 12, "tax": 55}
    kr = answer(rows, counts, filters, ("country", "KR"))
    cn = answer(rows, counts, filters, ("country", "CN"))
    assert cn.cells["ip"] is None and kr.cells["ip"] is None
    assert kr.cells["tax"] is None and cn.cells["tax"] is None  # else the columns' totals give ip back
    assert kr.total == 38 and cn.total == 29


def determined(equations: list[tuple[np.ndarray, int]], target: np.ndarray) -> bool:
    """True when `target`·x follows from the published equations (it lies in their row space)."""
    if not equations:
        return False
    a = np.array([e for e, _v in equations], dtype=float)
    return np.linalg.matrix_rank(np.vstack([a, target])) == np.linalg.matrix_rank(a)


def attack(rows, counts, nested=None) -> list[str]:
    """Every withheld quantity an attacker can compute from all answers of one dimension."""
    cells = [(r, c, y) for r in rows for c in COUNTRIES for y in YEARS]
    index = {k: i for i, k in enumerate(cells)}
    filters = {"country": COUNTRIES, "year": YEARS}
    equations, hidden = [], []

    def vector(match) -> np.ndarray:
        v = np.zeros(len(cells))
        for k, i in index.items():
            if match(k):
                v[i] = 1
        return v

    queries = [None] + [("country", c) for c in COUNTRIES] + [("year", y) for y in YEARS]
    axis = {"country": 1, "year": 2}
    for q in queries:
        line = answer(rows, counts, filters, q, nested)

        def within(k, q=q):
            return q is None or k[axis[q[0]]] == q[1]

        for r, value in line.cells.items():
            target = vector(lambda k, r=r, within=within: k[0] == r and within(k))
            (equations.append((target, value)) if value is not None else hidden.append((f"{r}|{q}", target)))
        total = vector(within)
        if line.total is not None:
            equations.append((total, line.total))
        else:
            hidden.append((f"total|{q}", total))
    return [name for name, target in hidden if determined(equations, target)]


def random_counts(rng, rows, small_share):
    out = {}
    for r in rows:
        for c in COUNTRIES:
            for y in YEARS:
                out[(r, c, y)] = rng.randint(0, 4) if rng.random() < small_share else rng.randint(5, 40)
    return out


@pytest.mark.parametrize("seed", range(40))
def test_no_withheld_count_follows_from_all_answers_of_a_flat_dimension(seed):
    rng = random.Random(seed)
    rows = [f"v{i}" for i in range(rng.randint(2, 8))]
    counts = random_counts(rng, rows, small_share=rng.choice([0.1, 0.3, 0.6]))
    assert attack(rows, counts) == []


@pytest.mark.parametrize("seed", range(25))
def test_no_withheld_count_follows_from_all_answers_of_a_nested_dimension(seed):
    """Regions inside countries: a region's count in "its" country is its count."""
    rng = random.Random(1000 + seed)
    rows = [f"KR-{i}" for i in range(rng.randint(2, 5))] + [f"CN-{i}" for i in range(rng.randint(2, 5))]
    counts = random_counts(rng, rows, small_share=rng.choice([0.2, 0.5]))
    for r, c, y in list(counts):
        if not r.startswith(c):
            counts[(r, c, y)] = 0  # structural: a Korean region has no case in China
    assert attack(rows, counts, nested=("country", lambda r: r.split("-")[0])) == []


def test_cross_tables_keep_their_fixed_margins():
    rows = protect_flat({"a": 20, "b": 7})
    cols = protect_flat({"KR": 14, "CN": 13})
    table = protect_cross({("a", "KR"): 11, ("a", "CN"): 9, ("b", "KR"): 3, ("b", "CN"): 4}, rows, cols)
    assert table[("b", "KR")] is None and table[("b", "CN")] is None
    assert table[("a", "KR")] is None and table[("a", "CN")] is None  # else 14 − 11 = 3
    assert all(v is None or v >= THRESHOLD for v in table.values())


def test_the_simulated_attacker_does_find_counts_behind_primary_suppression_alone(monkeypatch):
    """The check above is not vacuous: without complements, the same attacker recovers withheld counts."""
    from kcbridge.cases import suppression

    def primary_only(values, lines, fixed):
        return {k for k, v in values.items() if k not in fixed and v < THRESHOLD} | {
            k for k, h in fixed.items() if h
        }

    monkeypatch.setattr(suppression, "solve", primary_only)
    rng = random.Random(7)
    rows = [f"v{i}" for i in range(5)]
    found = attack(rows, random_counts(rng, rows, small_share=0.3))
    assert found, "primary suppression alone should leak"
