"""Statistical disclosure control of case counts: a pure engine (counts in, published counts out).

- Primary suppression: any count below THRESHOLD (zero included) is withheld.
- Complementary suppression: every published sum ("line": some counts and their total) withholds either
  none or at least two of its entries, else the total minus the published entries gives the withheld one
  back. The smallest published count of the line is withheld too, and lines are checked again until none
  changes.

Every query is answered from tables whose margins are fixed once for all queries, so no two answers can
be subtracted to reveal a withheld count (a difference of nested queries):
- a flat dimension (category, sector, status) unfiltered is one line: its counts and the grand total;
- a filter (country, year) is a flat dimension too: its protected totals are the `total` of every
  filtered query, whatever is shown;
- a nested dimension (region inside country, month inside year) is protected together with the totals
  of its parent, which are published elsewhere: one line per parent and one for everything;
- a dimension narrowed by a filter is a two-way table whose row and column totals are the protected
  answers above (fixed), complements being chosen among its inner cells only.

Remaining limit, as with any cell-suppression heuristic: in a table with several withheld cells a bridge
between two suppression cycles can still be worked out; the tables here are small and the filters
coarse (one at a time, country or year), which keeps it rare.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

log = logging.getLogger("kcbridge.cases")
THRESHOLD = 5
Key = Hashable
GRAND = ("__grand__",)


@dataclass(frozen=True)
class Line:
    """Published values of one dimension and its total: None means withheld."""

    cells: dict[Key, int | None]
    total: int | None


def solve(
    values: Mapping[Key, int], lines: Iterable[tuple[Sequence[Key], Key]], fixed: Mapping[Key, bool]
) -> set[Key]:
    """Keys to withhold. `fixed` entries (published elsewhere) keep their state: True is withheld."""
    hidden = {k for k, v in values.items() if k not in fixed and v < THRESHOLD}
    hidden |= {k for k, h in fixed.items() if h}
    checks = [(list(parts), total) for parts, total in lines if list(parts) != [total]]
    changed = True
    while changed:
        changed = False
        for parts, total in checks:
            if sum(k in hidden for k in (*parts, total)) != 1:
                continue
            free = [k for k in parts if k not in hidden and k not in fixed]
            if free:
                hidden.add(min(free, key=lambda k: (values[k], str(k))))
            elif total not in fixed and total not in hidden:
                hidden.add(total)
            else:  # cannot happen with the tables built here; withhold the whole line rather than leak
                log.warning("suppression: a line could not be protected by a complement: %s", total)
                hidden.update(parts)
            changed = True
    return hidden


def protect_flat(counts: Mapping[Key, int]) -> Line:
    """One dimension and its grand total (an unfiltered query of a flat dimension, or a filter's totals)."""
    values: dict[Key, int] = {**counts, GRAND: sum(counts.values())}
    hidden = solve(values, [(list(counts), GRAND)], {})
    return Line(
        {k: None if k in hidden else v for k, v in counts.items()}, None if GRAND in hidden else values[GRAND]
    )


def protect_nested(counts: Mapping[Key, int], parent_of: Mapping[Key, Key], parents: Line) -> Line:
    """A dimension nested in a parent whose protected totals (`parents`) are published elsewhere."""
    by_parent: dict[Key, list[Key]] = {p: [] for p in parents.cells}
    for k in counts:
        by_parent[parent_of[k]].append(k)
    totals: dict[Key, int] = {("parent", p): sum(counts[k] for k in kids) for p, kids in by_parent.items()}
    values: dict[Key, int] = {**counts, GRAND: sum(counts.values())}
    values.update(totals)
    fixed: dict[Key, bool] = {("parent", p): v is None for p, v in parents.cells.items()}
    fixed[GRAND] = parents.total is None
    lines = [(kids, ("parent", p)) for p, kids in by_parent.items()] + [(list(counts), GRAND)]
    hidden = solve(values, lines, fixed)
    return Line({k: None if k in hidden else v for k, v in counts.items()}, parents.total)


def protect_cross(
    counts: Mapping[tuple[Key, Key], int], rows: Line, cols: Line
) -> dict[tuple[Key, Key], int | None]:
    """Inner cells of a two-way table whose row totals (`rows`) and column totals (`cols`) are fixed."""
    cells = [(r, c) for r in rows.cells for c in cols.cells]
    values: dict[Key, int] = {rc: counts.get(rc, 0) for rc in cells}
    fixed: dict[Key, bool] = {}
    for r, v in rows.cells.items():
        values[("row", r)] = sum(counts.get((r, c), 0) for c in cols.cells)
        fixed[("row", r)] = v is None
    for c, v in cols.cells.items():
        values[("col", c)] = sum(counts.get((r, c), 0) for r in rows.cells)
        fixed[("col", c)] = v is None
    lines = [([(r, c) for c in cols.cells], ("row", r)) for r in rows.cells]
    lines += [([(r, c) for r in rows.cells], ("col", c)) for c in cols.cells]
    hidden = solve(values, lines, fixed)
    return {rc: None if rc in hidden else values[rc] for rc in cells}


def answer(
    rows: Sequence[Key],
    counts: Mapping[tuple[Key, str, str], int],
    filters: Mapping[str, Sequence[Key]],
    chosen: tuple[str, Key] | None,
    nested_in: tuple[str, Callable[[Key], Key]] | None = None,
) -> Line:
    """The published answer of one query: `rows` counted from `counts` keyed (row, country, year),
    unfiltered or for one value of one filter (`chosen`: ("country", "KR") or ("year", "2026")).
    `nested_in` names the filter the rows nest in and the parent of each row (region: country)."""
    axis = {"country": 1, "year": 2}
    totals: dict[str, dict[Key, int]] = {f: dict.fromkeys(values, 0) for f, values in filters.items()}
    by_row: dict[Key, int] = dict.fromkeys(rows, 0)
    cross: dict[str, dict[tuple[Key, Key], int]] = {f: defaultdict(int) for f in filters}
    for key, n in counts.items():
        row = key[0]
        if row not in by_row or any(key[axis[f]] not in totals[f] for f in filters):
            continue
        by_row[row] += n
        for f in filters:
            totals[f][key[axis[f]]] += n
            cross[f][(row, key[axis[f]])] += n
    lines = {f: protect_flat(t) for f, t in totals.items()}
    if nested_in:
        parent, parent_of = nested_in
        base = protect_nested(by_row, {r: parent_of(r) for r in rows}, lines[parent])
    else:
        base = protect_flat(by_row)
    if chosen is None:
        return base
    f, value = chosen
    if value not in lines[f].cells:
        return Line(dict.fromkeys(rows), None)
    if nested_in and nested_in[0] == f:
        return Line({r: base.cells[r] for r in rows if nested_in[1](r) == value}, lines[f].cells[value])
    table = protect_cross(cross[f], base, lines[f])
    return Line({r: table[(r, value)] for r in rows}, lines[f].cells[value])
