"""What the matching engine takes and gives: documents, queries, filters, weights and results.

Plain frozen dataclasses, plus the few rules on texts every part shares (what gets embedded,
which clauses are requests, which cooperation a text offers or seeks).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kcbridge.matching.text import ORG_OFFERS, infer_intent, is_request, sentences, truncate

MAX_TOP = 1000


@dataclass(frozen=True, slots=True)
class MatchDoc:
    """One profile, opportunity or programme as the engine sees it."""

    id: str
    text: str
    lang: str | None = None
    sectors: tuple[str, ...] = ()
    org_type: str | None = None
    country: str | None = None
    kind: str = "profile"  # profile | opportunity | programme
    coop_offer: tuple[str, ...] = ()
    coop_seek: tuple[str, ...] = ()
    updated_at: float | None = None  # unix time, for freshness
    name: str | None = None  # an organisation's name often says what it is ("… Fund", "… 代工厂")


@dataclass(frozen=True, slots=True)
class MatchQuery:
    """What a searcher writes about itself and what it looks for."""

    text: str
    lang: str | None = None
    sectors: tuple[str, ...] = ()
    org_type: str | None = None
    country: str | None = None
    coop_offer: tuple[str, ...] = ()
    coop_seek: tuple[str, ...] = ()
    # Countries of wanted counterparts; None means "the other country" (KR <-> CN).
    target_countries: tuple[str, ...] | None = None
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Filters:
    """Hard eligibility filters, applied before ranking."""

    countries: tuple[str, ...] | None = None
    org_types: tuple[str, ...] | None = None
    kinds: tuple[str, ...] | None = None
    sectors: tuple[str, ...] | None = None  # any of these (normalised labels or codes)
    updated_after: float | None = None
    exclude_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Weights:
    """Few global weights, fitted on half the dev queries and checked on the other half."""

    semantic: float = 1.0
    reciprocal: float = 0.5
    sector: float = 0.3
    cooperation: float = 0.1
    rivalry: float = -0.05
    org_type: float = 0.05
    country: float = 0.03
    freshness: float = 0.02
    freshness_half_life_days: float = 365.0


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a result fits, as codes and phrases; the caller translates labels."""

    shared_sectors: tuple[str, ...] = ()
    complementary_types: tuple[str, ...] = ()
    phrase_pairs: tuple[tuple[str, str, float], ...] = ()  # (query phrase, doc phrase, cosine)


@dataclass(frozen=True, slots=True)
class MatchResult:
    id: str
    score: float
    semantic: float
    parts: dict[str, float]
    explanation: Explanation = field(default_factory=Explanation)


def require_text(text: str, what: str = "text") -> str:
    """The text, or a ValueError saying it is empty: an empty profile cannot be matched."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"{what} is empty: write a few words about the organisation and what it seeks")
    return text


def embedding_text(item: MatchDoc | MatchQuery) -> str:
    """What gets embedded: the name (when known) followed by the text."""
    require_text(item.text, "text" if isinstance(item, MatchQuery) else f"text of {item.id!r}")
    return f"{item.name.strip()}. {item.text}" if item.name and item.name.strip() else item.text


def request_text(text: str) -> str:
    """The clauses that ask for something, joined; the whole text when none does."""
    asks = [s for s in sentences(truncate(text)) if is_request(s)]
    return " ".join(asks) if asks else text


def intent_of(item: MatchDoc | MatchQuery) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Given cooperation types, else those read from the text; the org type always adds its offer."""
    if not (item.coop_offer or item.coop_seek):
        return infer_intent(item.text, item.org_type)
    implied = ORG_OFFERS.get(item.org_type or "")
    offer = tuple(item.coop_offer) + ((implied,) if implied and implied not in item.coop_offer else ())
    return offer, tuple(item.coop_seek)
