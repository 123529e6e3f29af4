"""Which routing rule takes a case: a pure engine (plain data in, plain data out).

A rule names any of category, country, region and sector; an empty field matches every case. Among the
rules that match, the most specific wins: the one naming the most fields; on a tie, the one whose named
fields weigh more in the order category > region > sector > country (a "home doctor" by field is closer
to the problem than one by place), then the oldest rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rule:
    id: int
    institution_id: int
    category: str | None = None
    country: str | None = None
    region: str | None = None
    sector: str | None = None


@dataclass(frozen=True, slots=True)
class Facts:
    """What routing looks at in a case."""

    category: str
    country: str
    region: str
    sector: str


def matches(rule: Rule, case: Facts) -> bool:
    return (
        (rule.category is None or rule.category == case.category)
        and (rule.country is None or rule.country == case.country)
        and (rule.region is None or rule.region == case.region)
        and (rule.sector is None or rule.sector == case.sector)
    )


def specificity(rule: Rule) -> tuple[int, int, int]:
    """Sort key: how many fields the rule names, how much they weigh, and older rules first."""
    named = (rule.category, rule.region, rule.sector, rule.country)
    weight = sum(8 >> i for i, value in enumerate(named) if value is not None)
    return (sum(v is not None for v in named), weight, -rule.id)


def choose(rules: Iterable[Rule], case: Facts) -> Rule | None:
    """The most specific rule matching `case`, or None when no rule does."""
    found = [r for r in rules if matches(r, case)]
    return max(found, key=specificity) if found else None
