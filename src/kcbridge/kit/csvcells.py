"""Spreadsheet-safe CSV cells (CSV formula injection).

A spreadsheet runs a cell that starts with =, +, -, @, a tab or a carriage return as a formula, so a
value typed by one user could run in another's spreadsheet. On export such a cell gets a leading
apostrophe (which spreadsheets show as text); a cell that already starts with apostrophes before one of
those characters gets one more, so `restore` (used by imports) gives back exactly what was exported.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """The cell as written to a CSV file: '=1+1 for =1+1; plain text unchanged."""
    if value.lstrip("'").startswith(FORMULA_STARTS):
        return "'" + value
    return value


def restore(value: str) -> str:
    """The value a neutralised cell stands for (the inverse of `neutralise`)."""
    if value.startswith("'") and value.lstrip("'").startswith(FORMULA_STARTS):
        return value[1:]
    return value


def safe_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """Every text cell of a CSV row neutralised (numbers and empty cells pass unchanged)."""
    return {k: neutralise(v) if isinstance(v, str) else v for k, v in row.items()}
