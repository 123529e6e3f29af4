"""The structured half of a match score, vectorised over a shortlist of candidates.

Each function takes numpy columns of the candidates (codes, bit masks, dates) and returns one
float per candidate; `MatchIndex.search` weighs them with the semantic similarities.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

import numpy as np

from kcbridge.matching.intent import ROLE_BIT
from kcbridge.matching.text import COOP_TYPES, SYMMETRIC_TYPES

BIT = {code: 1 << i for i, code in enumerate(COOP_TYPES)}
SYMMETRIC_MASK = sum(BIT[c] for c in SYMMETRIC_TYPES)
DIRECTIONAL_MASK = sum(BIT.values()) - SYMMETRIC_MASK
# Partner types a request for a cooperation type is really after; other specialist types
# (an investor, a zone) are a poor fit for a request that does not ask for what they do.
WANTED_ORG = {
    "investment": {"investor"},
    "incubation": {"incubator", "economic_zone", "government_zone", "support_agency"},
    "joint_rnd": {"university", "research_institute"},
}
SPECIALIST_ORG = set().union(*WANTED_ORG.values()) | {"government"}
COUNTERPART = {"KR": ("CN",), "CN": ("KR",)}


def mask_of(codes: Iterable[str]) -> int:
    """Cooperation codes as a bit mask (unknown codes ignored)."""
    return sum(BIT.get(c, 0) for c in set(codes))


def codes_of(mask: int) -> tuple[str, ...]:
    return tuple(c for c in COOP_TYPES if mask & BIT[c])


class Vocab:
    """Small string -> int code table so metadata lives in numpy arrays."""

    def __init__(self) -> None:
        self.codes: dict[str, int] = {}
        self.labels: list[str] = []

    def code(self, value: str | None, add: bool = True) -> int:
        if value is None:
            return -1
        got = self.codes.get(value)
        if got is None and add:
            got = self.codes[value] = len(self.labels)
            self.labels.append(value)
        return -2 if got is None else got

    def known(self, values: Iterable[str]) -> list[int]:
        return [self.codes[v] for v in values if v in self.codes]


def sector_text(label: str) -> str:
    """Text to embed for a sector tag: the taxonomy's English label when it is a known code."""
    try:
        from kcbridge.directory.taxonomy import label as taxonomy_label  # optional: the engine runs alone too
    except ImportError:  # the engine also runs without the directory package
        return label.replace("_", " ")
    return taxonomy_label(label, "en").replace("_", " ")


def cooperation(
    q_offer: int, q_seek: int, d_offer: np.ndarray, d_seek: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(complementary type masks, 1 where some type complements, 1 where both only offer the same thing).

    An offer meets a request of the same kind; licensing, joint R&D and joint ventures meet themselves.
    """
    comp = (
        (q_seek & d_offer) | (q_offer & d_seek) | (SYMMETRIC_MASK & (q_offer | q_seek) & (d_offer | d_seek))
    )
    coop = (comp != 0).astype(np.float32)
    rival = (((q_offer & d_offer & DIRECTIONAL_MASK) != 0) & (comp == 0)).astype(np.float32)
    return comp, coop, rival


def sector_fit(sim: np.ndarray, doc_codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric best-match similarity of sector tags, and each doc tag's best similarity.

    `sim` is (query tags, vocabulary) label similarity; `doc_codes` is (candidates, tags), -1 padded.
    """
    sim = np.hstack([sim, np.zeros((len(sim), 1), np.float32)])  # column -1: padding
    grid = sim[:, doc_codes]  # (query tags, candidates, doc tags)
    valid = doc_codes >= 0
    per_doc_tag = np.where(valid, grid.max(axis=0), 0.0)
    n_tags = valid.sum(axis=1)
    doc_side = per_doc_tag.sum(axis=1) / np.maximum(n_tags, 1)
    query_side = np.where(valid[None], grid, -1.0).max(axis=2).mean(axis=0)
    score = np.where(n_tags > 0, 0.5 * (doc_side + query_side), 0.0)
    return score.astype(np.float32), per_doc_tag


def org_fit(
    org_vocab: Vocab, searcher_type: str | None, q_seek: int, org_codes: np.ndarray, d_seek: np.ndarray
) -> np.ndarray:
    """+1 for the partner type a request asks for (either way round), -1 for an unasked specialist."""
    wanted = set().union(*(orgs for code, orgs in WANTED_ORG.items() if q_seek & BIT[code]))
    fit = np.zeros(len(org_codes), np.float32)
    fit[np.isin(org_codes, org_vocab.known(SPECIALIST_ORG - wanted))] = -1.0
    fit[np.isin(org_codes, org_vocab.known(wanted))] = 1.0
    for code, orgs in WANTED_ORG.items():
        if searcher_type in orgs:  # the doc asks for what the searcher is
            fit[(d_seek & BIT[code]) != 0] = 1.0
    return fit


def country_fit(
    country_vocab: Vocab,
    searcher_country: str | None,
    targets: tuple[str, ...] | None,
    country_codes: np.ndarray,
) -> np.ndarray:
    """1 where the doc is in a wanted country; by default a Korean searcher wants China and back."""
    if targets is None:
        targets = COUNTERPART.get((searcher_country or "").upper(), ())
    return np.isin(country_codes, country_vocab.known(targets)).astype(np.float32)


def freshness(updated: np.ndarray, now: float | None, half_life_days: float) -> np.ndarray:
    """1 for a doc updated now, halving every half-life; 0 when the date is unknown."""
    age_days = ((time.time() if now is None else now) - updated) / 86_400.0
    fresh = np.power(0.5, np.clip(age_days, 0.0, None) / half_life_days)
    return np.nan_to_num(fresh, nan=0.0).astype(np.float32)


# Partner types a searcher's own kind is after: a government meets counterpart governments,
# zones and agencies; an investor meets firms (not other investors).
_KIND_PARTNERS = {
    "government": {"government", "economic_zone", "government_zone", "support_agency"},
    "investor": {"company"},
}
_ROLE_ORG = {
    "investor": {"investor"},
    "incubation": {"incubator", "economic_zone", "government_zone", "support_agency"},
    "research": {"university", "research_institute"},
    "government": {"government"},
}


def org_prior(
    org_vocab: Vocab,
    kind_vocab: Vocab,
    searcher_type: str | None,
    q_seek: int,
    q_roles: int,
    q_sought: int,
    org_codes: np.ndarray,
    kind_codes: np.ndarray,
    d_seek: np.ndarray,
) -> np.ndarray:
    """`org_fit`, plus the organisation types a request for a role names and the searcher's kind.

    A government searcher prefers governments, zones and agencies and not programmes for firms;
    an investor prefers firms and not fellow investors.
    """

    kind = searcher_type
    if kind is None:
        kind = next((k for k in ("government", "investor") if q_roles & ROLE_BIT[k]), None)
    fit = org_fit(org_vocab, kind, q_seek, org_codes, d_seek)
    wanted = set().union(*(orgs for role, orgs in _ROLE_ORG.items() if q_sought & ROLE_BIT[role]))
    fit[np.isin(org_codes, org_vocab.known(wanted))] = 1.0
    if kind in _KIND_PARTNERS:
        partners = org_vocab.known(_KIND_PARTNERS[kind])
        fit = np.where(np.isin(org_codes, partners), np.maximum(fit, 0.5), fit)
        if kind == "investor":
            fit[np.isin(org_codes, org_vocab.known({"investor"}))] = -1.0
        if kind == "government":
            fit[np.isin(kind_codes, kind_vocab.known({"programme"}))] = -1.0
    return fit.astype(np.float32)
