"""What the matching engine takes and gives: documents, queries, filters, weights and results.

Plain frozen dataclasses, plus the few rules on texts every part shares (what gets embedded,
which clauses are requests, which cooperation a text offers or seeks).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kcbridge.matching.intent import Reading, read
from kcbridge.matching.text import ORG_OFFERS, clean, infer_intent

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
    """Which ranker, and its few global weights.

    `ranker="roles"` (the default) reads offers, needs and roles (`ranker.FEATURES`, weighted by
    `roles`, default `ranker.DEFAULT_WEIGHTS`); `ranker="hybrid"` is the previous scorer, weighted
    by the fields below. Freshness counts in both.
    """

    ranker: str = "roles"  # roles | hybrid
    roles: tuple[tuple[str, float], ...] | None = None  # (feature, weight) overrides for "roles"
    semantic: float = 1.0
    reciprocal: float = 0.5
    sector: float = 0.3
    cooperation: float = 0.1
    rivalry: float = -0.05
    org_type: float = 0.05
    country: float = 0.03
    freshness: float = 0.02
    freshness_half_life_days: float = 365.0


# Reason codes (the caller words them in the viewer's language):
#   they_seek_your_offer  their request matches what you offer       (pair: your offer, their request)
#   they_offer_your_need  they offer what you ask for                 (pair: your request, their offer)
#   they_distribute_to    a distributor / agent / integrator whose reach fits your request
#   they_invest_in        an investor whose focus fits your request
#   they_host             a landing / incubation body for what you plan
#   they_research         a research partner for the work you want to do together
#   counterpart           a government counterpart or a public body it works with
#   similar_text          close wording on both sides (only when no role reason applies)
REASON_CODES = (
    "they_seek_your_offer",
    "they_offer_your_need",
    "they_distribute_to",
    "they_invest_in",
    "they_host",
    "they_research",
    "counterpart",
    "similar_text",
)


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a result fits, as codes and phrases; the caller translates labels.

    `phrase_pairs` only holds pairs at or above the engine's reason threshold; `reasons` adds
    which way each pair points: (code, query phrase, doc phrase, cosine), phrases possibly empty.
    """

    shared_sectors: tuple[str, ...] = ()
    complementary_types: tuple[str, ...] = ()
    phrase_pairs: tuple[tuple[str, str, float], ...] = ()  # (query phrase, doc phrase, cosine)
    reasons: tuple[tuple[str, str, str, float], ...] = ()


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
    """What gets embedded: the name (when known) followed by the text; a profile without text is its name."""
    name = item.name.strip() if isinstance(item.name, str) else ""
    text = item.text if isinstance(item.text, str) else ""
    if not text.strip() and name:
        return name
    require_text(text, "text" if isinstance(item, MatchQuery) else f"text of {item.id!r}")
    return f"{name}. {text}" if name else text


def request_text(text: str) -> str:
    """The clauses that ask for something, joined; the whole text when none does."""
    return read(clean(text)).seek_text or text


def reading_of(item: MatchDoc | MatchQuery) -> Reading:
    """The item's text read as offer and seek clauses with the roles they imply (`intent.read`)."""
    return read(item.text if isinstance(item.text, str) else "", item.org_type, item.name)


def intent_of(item: MatchDoc | MatchQuery) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Given cooperation types, else those read from the text; the org type always adds its offer."""
    if not (item.coop_offer or item.coop_seek):
        return infer_intent(item.text, item.org_type)
    implied = ORG_OFFERS.get(item.org_type or "")
    offer = tuple(item.coop_offer) + ((implied,) if implied and implied not in item.coop_offer else ())
    return offer, tuple(item.coop_seek)
