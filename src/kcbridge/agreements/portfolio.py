"""An officer's portfolio: every agreement of their organisations, counted by field, kind, year, status,
completion and light. Four queries of plain rows, whatever the number of agreements."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.agreements import repository as repo
from kcbridge.agreements import vocab
from kcbridge.agreements.service import today
from kcbridge.directory.models import Organisation

LISTED = 200  # agreements listed under the charts (the counts cover all of them)


@dataclass(frozen=True, slots=True)
class Listed:
    """One agreement of the portfolio's table."""

    id: int
    titles: dict[str, str | None]
    signed_on: date
    counts: repo.Counts
    light: str

    def title(self, lang: str) -> str:
        return self.titles.get(lang) or next((t for t in self.titles.values() if t), "")


@dataclass
class Portfolio:
    organisations: list[Organisation]
    total: int = 0
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    agreements: list[Listed] = field(default_factory=list)

    def chart(self, key: str, terms: tuple[Any, ...], lang: str) -> dict[str, list[Any]]:
        """Labels and values of one count, in the vocabulary's order (for the charts and tables)."""
        got = self.counts.get(key, {})
        codes = [t.code for t in terms if got.get(t.code)]
        return {
            "codes": codes,
            "labels": [vocab.label(c, lang) for c in codes],
            "values": [got[c] for c in codes],
        }


def portfolio(db: Session, *, user: User, organisations: list[Organisation]) -> Portfolio:
    """Counts over all agreements the organisations are party to, as the user may read them."""
    now = today()
    p = Portfolio(organisations)
    if not organisations:
        return p
    ids = list(
        db.scalars(repo.filtered(user, repo.Filters(organisations=tuple(o.id for o in organisations)), now))
    )
    rows = repo.summary_rows(db, ids)
    per: dict[int, repo.Counts] = {r.id: repo.Counts() for r in rows}
    status: Counter[str] = Counter()
    completion: Counter[str] = Counter()
    overdue = 0
    for aid, st, comp, n, late in repo.commitment_groups(db, ids, now):
        c = per[aid]
        c.commitments += n
        c.open += n if st in vocab.OPEN_STATUSES else 0
        c.overdue += int(late or 0)
        status[st] += n
        completion[comp] += n
        overdue += int(late or 0)
    lights: Counter[str] = Counter()
    listed: list[Listed] = []
    for r in rows:
        light = vocab.light(r.last_progress_on, r.signed_on, now, open_commitments=per[r.id].open > 0)
        lights[light] += 1
        if len(listed) < LISTED:
            titles = {"ko": r.title_ko, "zh": r.title_zh, "en": r.title_en}
            listed.append(Listed(r.id, titles, r.signed_on, per[r.id], light))
    p.total = len(rows)
    p.agreements = listed
    p.counts = {
        "field": repo.field_counts(db, ids),
        "kind": dict(Counter(r.kind for r in rows)),
        "year": {str(y): n for y, n in sorted(Counter(r.signed_on.year for r in rows).items())},
        "status": dict(status),
        "completion": dict(completion),
        "overdue": {"overdue": overdue},
        "light": {k: lights.get(k, 0) for k in ("green", "yellow", "red")},
    }
    return p
