"""Match queries for a free text, an organisation's profile or an opportunity, explained in the reader's language."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.directory import taxonomy as tx
from kcbridge.directory.models import Organisation
from kcbridge.kit.errors import Invalid
from kcbridge.kit.i18n import N_, _
from kcbridge.matching.engine import MatchQuery
from kcbridge.matching.text import clean, detect_lang
from kcbridge.matchmaking import documents as docs
from kcbridge.matchmaking.match_index import Hit, match_service
from kcbridge.opportunities import repository as opp_repo
from kcbridge.opportunities import vocab
from kcbridge.opportunities.models import Opportunity

TEXT_MAX = 200_000  # long texts are read from their beginning (the embedder's window)
_COUNTRY_OF_LANG = {"ko": "KR", "zh": "CN"}


def check_text(text: str | None, loc: tuple[str, ...] = ("query", "text")) -> str:
    """The text, or a 422 naming the field: whitespace alone describes nothing to match."""
    if text is None or not clean(text):
        msg = _("Write a few words about what you offer or seek.")
        raise Invalid(msg, fields=[(loc, msg)])
    if len(text) > TEXT_MAX:
        msg = _("The text is too long (at most {n} characters).").format(n=TEXT_MAX)
        raise Invalid(msg, fields=[(loc, msg)])
    return text


def for_text(
    db: Session,
    text: str,
    *,
    lang: str | None = None,
    country: str | None = None,
    sectors: Sequence[str] = (),
    kinds: Sequence[str] | None = None,
    top: int = 10,
    target: str | None = None,
    loc: tuple[str, ...] = ("query", "text"),
) -> list[Hit]:
    """Anything in any language; a Korean text looks for Chinese counterparts (and the reverse)."""
    text = check_text(text, loc)
    query_lang = detect_lang(text, lang)
    query = MatchQuery(
        text=text,
        lang=query_lang,
        sectors=tuple(sectors) or infer_sectors(text[:5000]),
        country=country or _COUNTRY_OF_LANG.get(query_lang),
    )
    return match_service.search(db, query, top=top, kinds=kinds, countries=_targets(target))


def _sector_words() -> list[tuple[str, str]]:
    """(lower-cased word, sector code) from the taxonomy's labels in ko / zh / en, long words first."""
    words = []
    for term in tx.SECTORS:
        for label in (term.ko, term.zh, term.en):
            for part in re.split(r"[·/、与&]| and ", label):
                if len(part.strip()) >= 2:
                    words.append((part.strip().lower(), term.code))
    return sorted(words, key=lambda w: -len(w[0]))


_WORDS = _sector_words()


def infer_sectors(text: str) -> tuple[str, ...]:
    """Sector codes whose label the text names, in any of the three languages (a free text has no tags)."""
    low = clean(text).lower()
    found = dict.fromkeys(code for word, code in _WORDS if word in low)
    return tuple(found)[:8]


def counterpart(country: str | None) -> str | None:
    """Where partners are looked for by default: a Korean firm in China and the reverse."""
    return {"KR": "CN", "CN": "KR"}.get(country or "")


def _targets(target: str | None) -> tuple[str, ...] | None:
    """A hard filter on the result's country; None or "any" keeps every country."""
    return None if target in (None, "", "any") else (str(target),)


def for_organisation(
    db: Session,
    org: Organisation,
    *,
    top: int = 10,
    kinds: Sequence[str] | None = None,
    target: str | None = None,
) -> list[Hit]:
    """Partners and opportunities that fit an organisation's own profile (its own opportunities left out)."""
    doc = docs.org_doc(org)
    if not doc.text.strip():
        return []
    query = MatchQuery(
        text=doc.text, sectors=doc.sectors, org_type=org.org_type, country=org.country, name=doc.name
    )
    vectors = match_service.stored_vectors(db, docs.ORG, org.id)
    own = [docs.doc_id(docs.ORG, org.id)]
    hits = match_service.search(
        db, query, top=top + 5, kinds=kinds, exclude=own, vectors=vectors, countries=_targets(target)
    )
    return [h for h in hits if not (h.kind == docs.OPP and h.entity.organisation_id == org.id)][:top]


def for_opportunity(
    db: Session,
    opp: Opportunity,
    *,
    top: int = 10,
    kinds: Sequence[str] | None = None,
    target: str | None = None,
) -> list[Hit]:
    """Partners that fit an opportunity: the publisher itself and its own other opportunities are left out."""
    doc = docs.opp_doc(opp)
    offer, seek = docs.opp_intent(opp)
    query = MatchQuery(
        text=doc.text,
        sectors=doc.sectors,
        org_type=opp.organisation.org_type,
        country=opp.organisation.country,
        coop_offer=offer,
        coop_seek=seek,
        target_countries=(opp.target_country,) if opp.target_country else None,
    )
    vectors = match_service.stored_vectors(db, docs.OPP, opp.id)
    exclude = [docs.doc_id(docs.OPP, opp.id), docs.doc_id(docs.ORG, opp.organisation_id)]
    hits = match_service.search(
        db, query, top=top + 5, kinds=kinds, exclude=exclude, vectors=vectors, countries=_targets(target)
    )
    mine = [h for h in hits if not (h.kind == docs.OPP and h.entity.organisation_id == opp.organisation_id)]
    return mine[:top]


REASONS = {  # reason code → (a sentence with the phrase pair, a short tag), worded for the viewer
    "they_seek_your_offer": (N_("They seek what you offer: “{a}” ↔ “{b}”."), N_("They seek what you offer")),
    "they_offer_your_need": (N_("They offer what you seek: “{a}” ↔ “{b}”."), N_("They offer what you seek")),
    "they_distribute_to": (
        N_("They distribute to the customers you seek: “{a}” ↔ “{b}”."),
        N_("Distributor for your market"),
    ),
    "they_invest_in": (N_("They invest in what you do: “{a}” ↔ “{b}”."), N_("Investor in your field")),
    "they_host": (N_("They host firms like yours: “{a}” ↔ “{b}”."), N_("Landing and incubation")),
    "they_research": (N_("Research partner for your project: “{a}” ↔ “{b}”."), N_("Research partner")),
    "counterpart": (N_("Government counterpart."), N_("Government counterpart")),
    "similar_text": (N_("Similar wording: “{a}” ↔ “{b}”."), N_("Similar description.")),
}


def _reasons(ex: Any) -> list[dict[str, Any]]:
    """The engine's reasons, one per code (its best phrase pair), worded in the current language."""
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for code, a, b, similarity in ex.reasons:
        if code in seen or code not in REASONS:
            continue
        seen.add(code)
        sentence, tag = REASONS[code]
        text = _(sentence).format(a=a, b=b) if a and b else _(tag)
        out.append(
            {
                "code": code,
                "label": _(tag),
                "text": text,
                "query": a,
                "match": b,
                "similarity": round(similarity, 3),
            }
        )
    return out


def explanation(hit: Hit, lang: str) -> dict[str, Any]:
    """Why it fits, in `lang`: who needs whom (reasons with their phrase pairs), shared sectors and
    complementary cooperation types as labels, the matched phrases, and one sentence."""
    ex = hit.result.explanation
    sectors = [{"code": s, "label": vocab.label(s, lang)} for s in ex.shared_sectors]
    types = [{"code": t, "label": vocab.label(t, lang)} for t in ex.complementary_types]
    pairs = [{"query": q, "match": d, "similarity": round(s, 3)} for q, d, s in ex.phrase_pairs]
    reasons = _reasons(ex)
    parts = [r["text"] for r in reasons if r["code"] != "similar_text"][:2]
    if sectors:
        parts.append(_("Shared sectors: {sectors}.").format(sectors=", ".join(s["label"] for s in sectors)))
    if types:
        parts.append(
            _("Complementary cooperation: {types}.").format(types=", ".join(t["label"] for t in types))
        )
    if pairs and not parts:
        parts.append(_("Closest passages: “{a}” ↔ “{b}”.").format(a=pairs[0]["query"], b=pairs[0]["match"]))
    if not parts:
        parts.append(_("Similar description."))
    return {
        "reasons": reasons,
        "shared_sectors": sectors,
        "complementary_types": types,
        "phrase_pairs": pairs,
        "summary": " ".join(parts),
    }


def present(db: Session, hit: Hit, lang: str, user: User | None) -> dict[str, Any]:
    """One result as plain data for the API and the pages; anonymous publishers stay unnamed."""
    r = hit.result
    extra: dict[str, Any] = {}
    if hit.kind == docs.PROG:
        prog = hit.entity
        title, org_id, country = prog.title(lang), prog.organisation_id, prog.country
        org_type, url = prog.organisation.org_type, f"/programmes/{prog.id}"
        extra = {
            "operator": prog.organisation.name(lang),
            "programme_type": prog.prog_type,
            "deadline": prog.deadline,
        }
    elif hit.kind == docs.ORG:
        org = hit.entity
        title, org_id, country, org_type = org.name(lang), org.id, org.country, org.org_type
        url = f"/organisations/{org.id}"
    else:
        opp = hit.entity
        shown = opp.id in opp_repo.owners_shown(db, user, [opp])
        title = opp.title(lang)
        org_id = opp.organisation_id if shown else None
        country, org_type = opp.organisation.country, opp.organisation.org_type
        url = f"/opportunities/{opp.id}"
    return {
        "kind": hit.kind,
        "id": hit.entity.id,
        "title": title,
        "organisation_id": org_id,
        "country": country,
        "org_type": org_type,
        "url": url,
        "score": round(r.score, 4),
        "semantic": round(r.semantic, 4),
        "parts": {k: round(v, 4) for k, v in r.parts.items()},
        "explanation": explanation(hit, lang),
        **extra,
    }
