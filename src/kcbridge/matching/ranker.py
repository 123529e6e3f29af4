"""The role-aware ranker: who needs whom, scored over a shortlist, with a few fitted weights.

Topic similarity cannot tell a competitor from a customer: both write about the same device.
The ranker therefore compares the *parts* of the two texts (`intent.read`): my offer against
your need, your offer against my need, offer against offer (same line of business) and need
against need (chasing the same customers), plus the roles each text implies and the
organisation-type priors. The features are vectorised over the candidates and combined linearly;
`fit` learns the weights from judged queries by pairwise logistic regression (numpy only).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from kcbridge.matching.intent import ROLE_BIT

FEATURES = (
    "cosine",  # whole text against whole text
    "reciprocal",  # each side's request against the other's whole text (the previous hybrid's term)
    "they_need_my_offer",  # my offer part against their seek part
    "i_need_their_offer",  # my seek part against their offer part
    "same_offer",  # offer against offer: the same line of business
    "same_need",  # seek against seek: chasing the same partners
    "sector",
    "role_fit",  # they are a role I ask for, or ask for a role I am
    "rival",  # same role, neither asks for the other
    "org_prior",  # partner types that fit the searcher's kind (and unasked specialists)
    "country",
)

# What each kind of searcher is after, beyond what it writes (an investor wants firms raising money).
_WANTS_SEEKERS_OF = {"investor": ROLE_BIT["investor"], "incubation": ROLE_BIT["incubation"]}
_COMPETING = sum(ROLE_BIT[r] for r in ("maker", "distributor", "contract_mfr", "investor", "incubation"))


@dataclass(frozen=True, slots=True)
class Side:
    """One side's vectors and role masks, as columns over candidates (or a single row for the query)."""

    full: np.ndarray
    offer: np.ndarray
    seek: np.ndarray
    has_offer: np.ndarray
    has_seek: np.ndarray
    roles: np.ndarray | int
    sought: np.ndarray | int


def _bits(a: np.ndarray | int, b: np.ndarray | int) -> np.ndarray:
    return (np.bitwise_and(a, b) != 0).astype(np.float32)


def features(q: Side, d: Side, sector: np.ndarray, org_prior: np.ndarray, country: np.ndarray) -> np.ndarray:
    """(candidates, len(FEATURES)) feature matrix for one query against candidate columns `d`.

    A part a text does not have falls back to its whole text, and the part similarities are taken
    relative to the whole-text cosine, so a missing part adds nothing either way.
    """
    qf, qo, qs = (np.asarray(v, np.float32).reshape(-1) for v in (q.full, q.offer, q.seek))
    cosine = d.full @ qf
    d_offer = d.offer.astype(np.float32, copy=False)
    d_seek = d.seek.astype(np.float32, copy=False)
    q_has_offer, q_has_seek = float(q.has_offer), float(q.has_seek)

    def part(sim: np.ndarray, present: np.ndarray) -> np.ndarray:
        return np.where(present, sim - cosine, 0.0).astype(np.float32)

    they_need = part(d_seek @ qo, (d.has_seek != 0) & bool(q_has_offer))
    i_need = part(d_offer @ qs, (d.has_offer != 0) & bool(q_has_seek))
    same_offer = part(d_offer @ qo, (d.has_offer != 0) & bool(q_has_offer))
    same_need = part(d_seek @ qs, (d.has_seek != 0) & bool(q_has_seek))

    q_roles, q_sought = int(q.roles), int(q.sought)
    wanted = _bits(d.roles, q_sought)  # they are what I ask for
    wants_me = _bits(d.sought, q_roles)  # they ask for what I am
    for role, bit in _WANTS_SEEKERS_OF.items():
        if q_roles & ROLE_BIT[role]:
            wants_me = np.maximum(wants_me, _bits(d.sought, bit))
    role_fit = 0.5 * (wanted + wants_me)
    rival = _bits(d.roles, q_roles & _COMPETING) * (role_fit == 0)
    reciprocal = 0.5 * (d.full @ qs + d_seek @ qf) - cosine
    return np.stack(
        [
            cosine,
            reciprocal,
            they_need,
            i_need,
            same_offer,
            same_need,
            sector,
            role_fit,
            rival,
            org_prior,
            country,
        ],
        axis=1,
    ).astype(np.float32)


# Fitted on ../shared/eval/matching_dev.jsonl by `fit` with its default settings (bench/matching.py
# --quality, `fit_on_all`); the held-out checks there fit on half of the queries and report the other.
DEFAULT_WEIGHTS: dict[str, float] = {
    "cosine": 1.0,
    "reciprocal": 0.12,
    "they_need_my_offer": 0.02,
    "i_need_their_offer": 0.08,
    "same_offer": -0.11,
    "same_need": 0.01,
    "sector": 0.19,
    "role_fit": 0.05,
    "rival": -0.02,
    "org_prior": 0.05,
    "country": 0.08,
}


def weight_vector(weights: dict[str, float] | None = None) -> np.ndarray:
    w = DEFAULT_WEIGHTS if weights is None else {**DEFAULT_WEIGHTS, **weights}
    return np.array([w[f] for f in FEATURES], dtype=np.float32)


def fit(
    groups: Sequence[tuple[np.ndarray, np.ndarray]],
    *,
    l2: float = 1.0,
    steps: int = 2000,
    lr: float = 0.05,
    temperature: float = 20.0,
    hard_negatives: int | None = None,
) -> dict[str, float]:
    """Weights from judged shortlists: `groups` holds (features, relevant mask) per query.

    Pairwise logistic regression of every relevant candidate over the non-relevant ones of its
    shortlist (or only the `hard_negatives` best by cosine), with the cosine weight fixed at 1
    (the scale) and an L2 pull of the standardised others towards zero, so a few dozen queries
    cannot over-fit ten weights far. The defaults (l2 1, every negative) sit in the middle of
    the plateau `bench/matching.py --quality` finds when it picks them on training halves only
    (its `nested` figure); a lighter pull or only the hardest negatives fit the training half
    better and the other half worse.
    """
    diffs = []
    for feats, rel in groups:
        rel = np.asarray(rel, bool)
        if not rel.any() or rel.all():
            continue
        neg = np.flatnonzero(~rel)
        if hard_negatives is not None:
            neg = neg[np.argsort(-feats[neg, 0])[:hard_negatives]]
        for i in np.flatnonzero(rel):
            diffs.append(feats[i] - feats[neg])
    if not diffs:
        return dict(DEFAULT_WEIGHTS)
    x = np.vstack(diffs).astype(np.float64)
    base, x = x[:, 0], x[:, 1:]
    scale = np.maximum(x.std(axis=0), 1e-6)  # unit-variance columns: one step size suits all
    x = x / scale
    v = np.zeros(x.shape[1])
    for _ in range(steps):
        margin = temperature * (base + x @ v)
        p = 0.5 * (1.0 - np.tanh(0.5 * margin))  # sigmoid(-margin), overflow-free
        grad = -temperature * (x * p[:, None]).mean(axis=0) + l2 * v
        v -= lr * grad
    w = v / scale
    return {"cosine": 1.0, **{f: round(float(v), 4) for f, v in zip(FEATURES[1:], w, strict=True)}}


_SPECIFIC = (  # (reason, role they are, role I ask for)
    ("they_distribute_to", "distributor", "distributor"),
    ("they_invest_in", "investor", "investor"),
    ("they_host", "incubation", "incubation"),
    ("they_research", "research", "research"),
)


def reason_codes(q_roles: int, q_sought: int, d_roles: np.ndarray, d_sought: np.ndarray) -> list[list[str]]:
    """Reason codes per candidate, from the roles each side is and asks for (see `docs.REASON_CODES`)."""
    out: list[list[str]] = []
    gov = bool(q_roles & ROLE_BIT["government"])
    for i in range(len(d_roles)):
        codes = []
        they_are, they_want = int(d_roles[i]), int(d_sought[i])
        if they_want & q_roles:
            codes.append("they_seek_your_offer")
        specific = [
            code
            for code, role, asked in _SPECIFIC
            if they_are & ROLE_BIT[role] and q_sought & ROLE_BIT[asked]
        ]
        if gov and they_are & (ROLE_BIT["government"] | ROLE_BIT["incubation"]):
            specific.append("counterpart")
        if specific:
            codes.extend(specific)
        elif they_are & q_sought:
            codes.append("they_offer_your_need")
        out.append(codes or ["similar_text"])
    return out
