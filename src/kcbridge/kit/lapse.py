"""Statuses that a passed deadline changes without a write: what every reader sees, in Python and in SQL.

A model keeps the stored column (`stored_status`, moved by services and by the periodic expiry jobs) and
exposes `status` as a hybrid whose SQL side is a `Lapsing` comparator: `Model.status == "published"`
becomes "stored published and the deadline not passed", so a GET that reads at a deadline sees the row as
expired without writing it, and comparisons stay on the indexed column.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, and_, case, false, not_, or_
from sqlalchemy.ext.hybrid import Comparator
from sqlalchemy.sql import operators


class Lapsing(Comparator[str]):
    """SQL comparisons on a status that turns from `live` into `lapsed` once `passed` holds."""

    def __init__(self, stored: Any, live: str, lapsed: str, passed: ColumnElement[bool]) -> None:
        super().__init__(stored)
        self.stored, self.live, self.lapsed, self.passed = stored, live, lapsed, passed

    def __clause_element__(self) -> ColumnElement[str]:  # type: ignore[override]
        """The status as a value (selected, ordered, grouped by)."""
        return case((and_(self.stored == self.live, self.passed), self.lapsed), else_=self.stored)

    def among(self, values: Iterable[str]) -> ColumnElement[bool]:
        """Rows whose status as read is one of `values`."""
        wanted = set(values)
        conds: list[ColumnElement[bool]] = []
        plain = sorted(wanted - {self.live})
        if plain:
            conds.append(self.stored.in_(plain))
        if self.live in wanted:
            conds.append(and_(self.stored == self.live, not_(self.passed)))
        if self.lapsed in wanted:
            conds.append(and_(self.stored == self.live, self.passed))
        return or_(*conds) if conds else false()

    def operate(self, op: Any, *other: Any, **kwargs: Any) -> Any:
        if op is operators.eq:
            return self.among([other[0]])
        if op is operators.ne:
            return not_(self.among([other[0]]))
        if op is operators.in_op:
            return self.among(other[0])
        if op is operators.not_in_op:
            return not_(self.among(other[0]))
        return op(self.__clause_element__(), *other, **kwargs)
