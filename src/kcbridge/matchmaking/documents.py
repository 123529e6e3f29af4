"""Organisations, opportunities and programmes as the matching engine sees them (text, sectors, intent, place)."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime

from kcbridge.directory.models import Organisation
from kcbridge.matching.engine import MatchDoc
from kcbridge.opportunities import vocab
from kcbridge.opportunities.models import Opportunity
from kcbridge.programmes import vocab as prog_vocab
from kcbridge.programmes.eligibility import local_today
from kcbridge.programmes.models import Programme

ORG, OPP, PROG = "organisation", "opportunity", "programme"


def doc_id(entity_type: str, entity_id: int) -> str:
    return f"{entity_type}:{entity_id}"


def parse_doc_id(value: str) -> tuple[str, int]:
    kind, _, num = value.partition(":")
    return kind, int(num)


_NATIVE = {"KR": "ko", "CN": "zh"}


def _primary(texts: list, country: str | None) -> list:
    """One language is enough for a multilingual embedder: the home country's, else English, else any.

    Embedding cost grows with length, and translations repeat the same meaning.
    """
    by_lang = {t.lang: t for t in texts}
    for lang in (_NATIVE.get(country or ""), "en", *sorted(by_lang)):
        if lang in by_lang:
            return [by_lang[lang]]
    return []


def org_text(org: Organisation) -> str:
    """The organisation's description, offer and request in its primary language."""
    parts = [
        p for t in _primary(org.texts, org.country) for p in (t.description, t.offer, t.seek) if p.strip()
    ]
    if not parts:  # the primary text may be empty while another language has words
        parts = [p for t in org.texts for p in (t.description, t.offer, t.seek) if p.strip()][:3]
    return "\n".join(parts)


def opp_text(opp: Opportunity) -> str:
    """Title and description in the opportunity's primary language."""
    parts = []
    for t in _primary(opp.texts, opp.organisation.country):
        parts.append(t.title.strip().rstrip(".。") + ("。" if t.lang == "zh" else "."))
        if t.description.strip():
            parts.append(t.description.strip())
    return "\n".join(parts)


def org_doc(org: Organisation) -> MatchDoc:
    return MatchDoc(
        id=doc_id(ORG, org.id),
        text=org_text(org) or org.name("en"),
        sectors=tuple(org.sectors),
        org_type=org.org_type,
        country=org.country,
        kind="profile",
        updated_at=org.updated_at.timestamp() if org.updated_at else None,
        name=" / ".join(org.names().values()) or None,
    )


def opp_intent(opp: Opportunity) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What the opportunity offers and seeks, in the engine's cooperation codes."""
    offer, seek = vocab.TYPE_INTENT.get(opp.opp_type, ((), ()))
    coop = tuple(opp.coop_types or ())
    if opp.opp_type in vocab.OFFER_TYPES:
        offer = tuple(dict.fromkeys(offer + coop))
    else:
        seek = tuple(dict.fromkeys(seek + coop))
    return offer, seek


def opp_doc(opp: Opportunity) -> MatchDoc:
    offer, seek = opp_intent(opp)
    org = opp.organisation
    return MatchDoc(
        id=doc_id(OPP, opp.id),
        text=opp_text(opp) or opp.opp_type,
        sectors=tuple(opp.sectors),
        org_type=org.org_type,
        country=org.country,
        kind="opportunity",
        coop_offer=offer,
        coop_seek=seek,
        updated_at=(opp.published_at or opp.updated_at).timestamp(),
    )


def org_live(org: Organisation) -> bool:
    return org.deleted_at is None


def opp_live(opp: Opportunity, today: date | None = None) -> bool:
    today = today or date.today()
    return opp.status == "published" and (opp.deadline is None or opp.deadline >= today)


def prog_text(prog: Programme) -> str:
    """Title and description in the programme's primary language (benefits repeat across programmes)."""
    parts = []
    for t in _primary(prog.texts, prog.organisation.country):
        parts.append(t.title.strip().rstrip(".。") + ("。" if t.lang == "zh" else "."))
        if t.description.strip():
            parts.append(t.description.strip())
    return "\n".join(parts)


def prog_doc(prog: Programme) -> MatchDoc:
    """A programme offers what its type stands for (incubation, investment …) to the sectors it names."""
    org = prog.organisation
    return MatchDoc(
        id=doc_id(PROG, prog.id),
        text=prog_text(prog) or prog.prog_type,
        sectors=tuple(prog.sectors),
        org_type=org.org_type,
        country=prog.country,
        kind="programme",
        coop_offer=prog_vocab.TYPE_OFFERS.get(prog.prog_type, ()),
        updated_at=(prog.published_at or prog.updated_at).timestamp(),
    )


def prog_live(prog: Programme, now: datetime | None = None) -> bool:
    """Published, and the deadline (if any) not passed where the programme runs."""
    if prog.status != "published":
        return False
    return prog.deadline is None or prog.deadline >= local_today(prog.country, now or datetime.now(UTC))


def fingerprint(text: str, doc: MatchDoc, live: bool) -> str:
    """64 hex chars: the text's hash, then the hash of what else the index stores about the entity."""
    meta = json.dumps(
        [doc.sectors, doc.org_type, doc.country, doc.coop_offer, doc.coop_seek, doc.name, live],
        ensure_ascii=False,
    )
    return hashlib.sha256(text.encode()).hexdigest()[:32] + hashlib.sha256(meta.encode()).hexdigest()[:32]
