"""The directory as the engine's gazetteer: every live organisation's names in ko / zh / en, their
usual short forms, and the aliases admins accepted from the news. One extractor per process, rebuilt
when the directory or the aliases change (their revision feeds), so the next article is read better."""

from __future__ import annotations

import re
import threading
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kcbridge.directory.models import Organisation
from kcbridge.kit import revisions
from kcbridge.news import places
from kcbridge.news.extract import Extractor, seed_entries
from kcbridge.news.extract.gazetteer import norm
from kcbridge.news.models import NewsAlias

ALIAS_FEED = "news_alias"
ID_PREFIX = "org:"
_LEGAL = re.compile(
    r"^(?:㈜|\(주\)|주식회사)\s*|\s*(?:㈜|\(주\)|주식회사)$|"
    r",?\s*(?:Co\.,?\s*Ltd\.?|Ltd\.?|Inc\.?|Corp\.?|Corporation|Limited|LLC|GmbH)$|"
    r"(?:股份有限公司|有限责任公司|有限公司|株式会社)$",
    re.I,
)
_PAREN = re.compile(r"^(?P<base>[^()（）]+?)\s*[(（](?P<inner>[^()（）]+)[)）]\s*(?P<rest>.*)$")


def variants(name: str) -> list[str]:
    """A directory name and the forms news write it in: without the legal form ("㈜로보터치" → "로보터치",
    "NexCloud Co., Ltd." → "NexCloud"), and split at a parenthesis ("글로벌혁신센터(KIC중국)" →
    "글로벌혁신센터", "KIC중국"; "Ministry of Science and ICT (MSIT)" → "MSIT")."""
    out: list[str] = []

    def add(v: str) -> None:
        v = v.strip(" ,")
        if len(norm(v)) >= 2 and v not in out:
            out.append(v)

    add(name)
    m = _PAREN.match(name)
    if m and not m.group("rest"):  # "(KIC중국)" at the end glosses the name; "中和（北京）新能源…" does not
        base, inner = m.group("base"), m.group("inner")
        add(base)
        if (len(norm(inner)) >= 3 or not inner.isascii()) and not _is_place(inner):
            add(inner)
    for v in list(out):
        stripped = _LEGAL.sub("", v)
        if stripped != v and len(norm(stripped)) >= 2:
            add(stripped)
    return out


def _is_place(name: str) -> bool:
    """A city or country in parentheses ("(Shanghai)", "（北京）") says where, it is not another name."""
    return places.city_of(name) is not None or name.strip() in _COUNTRIES


_COUNTRIES = {"한국", "중국", "韩国", "中国", "Korea", "China", "KR", "CN"}


def directory_entries(db: Session) -> list[dict[str, Any]]:
    """Gazetteer entries of the live directory (id "org:N") with the accepted news aliases."""
    aliases: dict[int, list[str]] = {}
    for org_id, alias in db.execute(select(NewsAlias.organisation_id, NewsAlias.alias)):
        aliases.setdefault(org_id, []).append(alias)
    rows = db.execute(
        select(
            Organisation.id,
            Organisation.org_type,
            Organisation.country,
            Organisation.name_ko,
            Organisation.name_zh,
            Organisation.name_en,
        ).where(Organisation.deleted_at.is_(None))
    )
    entries = []
    for oid, org_type, country, ko, zh, en in rows:
        names = {lang: variants(n) for lang, n in (("ko", ko), ("zh", zh), ("en", en)) if n}
        entries.append(
            {
                "id": f"{ID_PREFIX}{oid}",
                "type": org_type,
                "country": country,
                "names": names,
                "aliases": aliases.get(oid, []),
            }
        )
    return with_seed_names(entries)


def with_seed_names(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A directory entry that is also in the engine's seed takes the seed's other names (알리바바 =
    阿里巴巴 = Alibaba), so an article naming it in any language links to the directory."""
    by_key: dict[str, dict[str, Any]] = {}
    for e in entries:
        for n in _names(e):
            by_key.setdefault(norm(n), e)
    for seed in seed_entries():
        if seed.get("place") and seed.get("type") != "economic_zone":  # a city is not its government
            continue
        target = next((by_key[norm(n)] for n in _names(seed) if norm(n) in by_key), None)
        if target is not None:
            extra = [n for n in _names(seed) if n not in _names(target)]
            target["aliases"] = [*target["aliases"], *extra]
    return entries


def _names(entry: dict[str, Any]) -> list[str]:
    return [n for ns in (entry.get("names") or {}).values() for n in ns] + list(entry.get("aliases") or [])


def organisation_id(linked_id: str | None) -> int | None:
    """The directory id an engine link names, if it names one ("org:12" → 12)."""
    if linked_id and linked_id.startswith(ID_PREFIX) and linked_id[len(ID_PREFIX) :].isdigit():
        return int(linked_id[len(ID_PREFIX) :])
    return None


def bump(db: Session) -> None:
    """Tells every process that the aliases changed (their extractors are rebuilt)."""
    revisions.next_revision(db, ALIAS_FEED)


_lock = threading.Lock()
_cached: tuple[tuple[int, int], Extractor] | None = None


def extractor(db: Session) -> Extractor:
    """This process's extractor over the current directory (models load once, lazily)."""
    global _cached
    key = (revisions.current_revision(db), revisions.current_revision(db, ALIAS_FEED))
    with _lock:
        if _cached is not None and _cached[0] == key:
            return _cached[1]
    engine = Extractor(directory_entries(db))
    with _lock:
        _cached = (key, engine)
    return engine


def forget() -> None:
    global _cached
    with _lock:
        _cached = None
