"""Korean entities from morphology (kiwipiepy), the gazetteer, role words and suffix rules.

No Korean NER model ships in a wheel, so the text is cut into noun chunks (an eojeol without its
particle), chunks are classified (role, organisation, place, name, surname), and noun phrases — runs of
chunks with no particle between them — are read with a few patterns: NAME ROLE, NAME ORG ROLE, ORG NAME
ROLE, ROLE NAME, and organisation names grown leftwards from their suffix (센터, 협회, 개발구 ...).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any

from kiwipiepy import Kiwi

from kcbridge.news.extract import lexicon as lx
from kcbridge.news.extract.gazetteer import Entry, Gazetteer
from kcbridge.news.extract.mentions import Mentions, OrgMention, PersonMention, PlaceMention, ShortMention

_kiwi: Any = None
_lock = threading.Lock()


def kiwi() -> Any:
    """The Kiwi analyser, loaded once per process on first use (it takes seconds and memory)."""
    global _kiwi
    if _kiwi is None:
        with _lock:
            if _kiwi is None:
                _kiwi = Kiwi()
    return _kiwi


_NOUNISH = frozenset("NNG NNP NNB NR NP SL SH SN XPN XSN XR SO W_SERIAL W_HASHTAG".split())
_PAREN = re.compile(r"\(([^()\n]{1,40})\)")
_QUOTES = "'\"‘’“”「」『』《》〈〉<>[]【】"
_BREAKS = ",;:!?…"
_PLACE_TYPES = frozenset({"country", "city", "province", "district"})
_COUNTRY_WORDS = {"한국": "KR", "중국": "CN", "미국": "US", "일본": "JP", "한중": None}


@dataclass(slots=True)
class Chunk:
    text: str
    start: int
    end: int
    tags: frozenset[str]
    particle: str = ""
    paren: str | None = None
    brk: bool = False
    ntok: int = 1
    extra_before: str = ""
    kind: str = "other"
    role: str | None = None
    org_hint: str | None = None
    org_type: str | None = None
    entry: Entry | None = None
    country: str | None = None

    @property
    def proper(self) -> bool:
        return bool(self.tags & {"NNP", "SL", "SH"}) or self.kind in ("place", "org")


def _mask(text: str) -> tuple[str, dict[int, tuple[int, str]]]:
    """Text with parentheticals and quotes blanked (same length); parens keyed by their start."""
    parens: dict[int, tuple[int, str]] = {}
    chars = list(text)
    for m in _PAREN.finditer(text):
        parens[m.start()] = (m.end(), m.group(1).strip())
        for i in range(m.start(), m.end()):
            chars[i] = "\x00"
    for i, c in enumerate(chars):
        if c in _QUOTES or c == "=":
            chars[i] = " "
    return "".join(chars), parens


def chunks(text: str, gaz: Gazetteer) -> list[Chunk]:
    """Noun chunks of `text` in order, classified."""
    tokens = kiwi().tokenize(text)
    tag_at: dict[int, tuple[str, int]] = {}
    for t in tokens:
        tag_at.setdefault(t.start, (t.tag, t.len))
    masked, parens = _mask(text)
    out: list[Chunk] = []
    for m in re.finditer(r"[^\s]+", masked):
        s, e = m.start(), m.end()
        while e > s and masked[e - 1] in _BREAKS + ".":
            e -= 1
        brk = e < m.end()
        pieces = masked[s:e].split("\x00")
        if len(pieces) > 1:
            pstart = masked.index("\x00", s)
            pend, ptext = parens.get(pstart, (pstart, ""))
            pre, post = text[s:pstart], text[pend:e]
            post_stem = _stem(text, pend, e, tag_at)
            if pre and post_stem and _org_suffix(text[pend:post_stem]):
                out.append(Chunk(text[s:post_stem], s, post_stem, frozenset({"NNP"}), text[post_stem:e]))
                out[-1].brk = brk or e < m.end()
                continue
            stem_end = _stem(text, s, pstart, tag_at) if pre else s
            if stem_end > s:
                out.append(Chunk(text[s:stem_end], s, stem_end, _tags(s, stem_end, tag_at), post, ptext))
                out[-1].brk = bool(post.strip()) and post_stem == pend or brk or e < m.end()
            continue
        stem_end = _stem(text, s, e, tag_at)
        if stem_end <= s:
            if out:
                out[-1].brk = True
            continue
        if s > 0 and text[s - 1] in _QUOTES and out:
            out[-1].brk = True
        out.append(Chunk(text[s:stem_end], s, stem_end, _tags(s, stem_end, tag_at), text[stem_end:e]))
        out[-1].brk = brk or e < m.end() or any(q in text[stem_end:e] for q in _QUOTES)
    result: list[Chunk] = []
    for c in out:
        c.ntok = sum(1 for i in range(c.start, c.end) if i in tag_at)
        c.extra_before = text[max(0, c.start - 16) : c.start]
        result.extend(_split_list(c))
    for c in result:
        _classify(c, gaz)
    return result


def _split_list(c: Chunk) -> list[Chunk]:
    """ "중관촌·장강하이테크파크" is two names; "한·중" and "대·중견기업" stay whole."""
    parts = c.text.split("·")
    if len(parts) < 2 or any(len(x) < 2 for x in parts):
        return [c]
    out, pos = [], c.start
    for n, part in enumerate(parts):
        last = n == len(parts) - 1
        out.append(
            Chunk(part, pos, pos + len(part), c.tags, c.particle if last else "", c.paren if last else None)
        )
        out[-1].brk = c.brk if last else True
        pos += len(part) + 1
    return out


def _stem(text: str, s: int, e: int, tag_at: dict[int, tuple[str, int]]) -> int:
    """End of the noun stem of the eojeol text[s:e]; `s` when it does not start with a noun."""
    pos, seen_noun = s, False
    while pos < e:
        if text[pos] in _QUOTES:
            if seen_noun:
                return pos
            pos += 1
            continue
        tag_len = tag_at.get(pos)
        if tag_len is None:
            pos += 1
            continue
        tag, n = tag_len
        if tag in _NOUNISH or tag.startswith("W_") or (tag == "SP" and text[pos] in "·&-/"):
            seen_noun = True
            pos += max(n, 1)
            continue
        return pos if seen_noun else s
    return e if seen_noun else s


def _tags(s: int, e: int, tag_at: dict[int, tuple[str, int]]) -> frozenset[str]:
    return frozenset(tag_at[i][0] for i in range(s, e) if i in tag_at)


def _org_suffix(t: str) -> tuple[str, str] | None:
    if t.endswith(lx.KO_NOT_ORG_ENDINGS):
        return None
    for suf, typ in lx.KO_ORG_SUFFIXES:
        if t.endswith(suf) and len(t) > len(suf):
            if len(suf) == 1 and len(t) < lx.KO_SHORT_SUFFIX_MIN:
                continue
            if t in lx.KO_GENERIC_ORGS:
                return None
            return suf, typ
    return None


def _is_place(t: str, gaz: Gazetteer) -> Entry | None:
    e = gaz.lookup(t)
    return e if e is not None and e.place else None


def _classify(c: Chunk, gaz: Gazetteer) -> None:
    t = c.text
    entry = gaz.lookup(t)
    if entry is not None:
        c.entry, c.country = entry, entry.country
        c.kind = "place" if entry.type in _PLACE_TYPES else "org"
        c.org_type = entry.type
        return
    if t in lx.KO_ROLES or t.upper() in lx.KO_ROLES:
        c.kind, c.role = "role", t
        return
    for r in sorted(lx.KO_ROLE_ORG_SUFFIX, key=len, reverse=True):
        if t.endswith(r) and len(t) > len(r):
            prefix = t[: -len(r)]
            place = _is_place(prefix, gaz)
            if place is not None:
                c.kind, c.role, c.org_hint, c.country = (
                    "role",
                    t,
                    prefix + lx.KO_ROLE_ORG_SUFFIX[r],
                    place.country,
                )
                return
            if re.search(r"[A-Za-z]", prefix) or gaz.lookup(prefix) is not None:
                c.kind, c.role, c.org_hint = "role", r, prefix + lx.KO_ROLE_ORG_SUFFIX[r]
                return
    head = next(((suf, typ) for suf, typ in lx.KO_ORG_SUFFIXES if t.endswith(suf)), None)
    if t in lx.KO_GENERIC_ORGS and head is not None and (len(head[0]) >= 2 or t == "정부"):
        c.kind, c.org_type = "head", head[1]
        return
    suffix = _org_suffix(t)
    if suffix is not None:
        c.kind, c.org_type = "org", suffix[1]
        return
    if _looks_like_name(t, c.tags, c.ntok) or (c.paren and re.fullmatch(r"[\u4e00-\u9fff]{2,4}", c.paren)):
        c.kind = "name"
    elif len(t) == 1 and t in lx.KO_SURNAMES:
        c.kind = "surname"


def _looks_like_name(t: str, tags: frozenset[str], ntok: int) -> bool:
    if not re.fullmatch(r"[가-힣]{2,4}", t) or t in lx.KO_NAME_STOP or t in lx.KO_ORG_PREFIXES:
        return False
    if t[0] not in lx.KO_SURNAMES or t.endswith("들") or "XSN" in tags:
        return False
    return "NNP" in tags or ntok >= 2


def analyse(text: str, gaz: Gazetteer) -> Mentions:
    """Organisations, people, short mentions and places in Korean `text`."""
    found = Mentions()
    cs = chunks(text, gaz)
    phrase: list[Chunk] = []
    genitive: list[Chunk] = []
    for c in cs:
        phrase.append(c)
        if c.particle or c.brk:
            _read_phrase(phrase, genitive, found, gaz)
            genitive = list(phrase) if c.particle.startswith("의") else []
            phrase = []
    if phrase:
        _read_phrase(phrase, genitive, found, gaz)
    for c in cs:
        if c.kind == "place" or (c.entry is not None and c.entry.place):
            found.places.append(PlaceMention(c.text, c.start, c.country))
    return found


def _org_span(p: list[Chunk], k: int, gaz: Gazetteer) -> tuple[int, str]:
    """Start index and name of the organisation whose head is p[k], grown leftwards."""
    head = p[k]
    for n in (3, 2):
        if k - n + 1 >= 0:
            joined = " ".join(x.text for x in p[k - n + 1 : k + 1])
            if (e := gaz.lookup(joined)) is not None and not e.place:
                head.entry, head.country = e, e.country
                return k - n + 1, joined
    if head.entry is not None and head.kind == "org":
        return k, head.text
    i = k
    while i > 0 and k - i < 3:
        prev = p[i - 1]
        if prev.kind in ("name", "role", "surname", "head") or prev.text in lx.KO_EXTENSION_STOP:
            break
        if not re.search(r"[가-힣A-Za-z]", prev.text):
            break
        i -= 1
    while i < k and not (p[i].proper or p[i].text in lx.KO_ORG_PREFIXES):
        i += 1
    return i, " ".join(x.text for x in p[i : k + 1])


def _read_phrase(p: list[Chunk], genitive: list[Chunk], found: Mentions, gaz: Gazetteer) -> None:
    used: set[int] = set()
    for i, c in enumerate(p):
        if c.kind != "role":
            continue
        name_idx, org = _person_pattern(p, i)
        if name_idx is None:
            if i > 0 and p[i - 1].kind == "surname":
                found.short.append(ShortMention(p[i - 1].text, c.role or c.text, p[i - 1].start))
            continue
        used.add(name_idx)
        nm = p[name_idx]
        if org is None and c.org_hint:
            org = c.org_hint
            found.orgs.append(
                OrgMention(org, c.start, "government" if org[-1] in "시도성" else "other", c.country)
            )
        if org is None and genitive:
            g = [x for x in genitive if x.kind in ("org", "place", "other")]
            org = " ".join(x.text for x in g) if g and g[-1].kind == "org" else None
        aliases = [nm.paren] if nm.paren else []
        found.people.append(PersonMention(nm.text, nm.start, c.role or c.text, org, aliases))
    for n in (3, 2):  # a name of several words the gazetteer knows ("알리바바 클라우드") wins over its parts
        for k in range(n - 1, len(p)):
            span = range(k - n + 1, k + 1)
            if used.intersection(span) or any(p[j].kind in ("name", "role") for j in span):
                continue
            joined = " ".join(x.text for x in p[k - n + 1 : k + 1])
            if (e := gaz.lookup(joined)) is not None and not e.place:
                found.orgs.append(OrgMention(joined, p[k - n + 1].start, e.type, e.country, e.id))
                used.update(span)
    for k, c in enumerate(p):
        if k in used or _generic_use(c, text_before(p, k)):
            continue
        if c.kind == "org" or (c.kind == "head" and k > 0 and p[k - 1].kind in ("place", "org")):
            start, name = _org_span(p, k, gaz)
            if c.kind == "head" and start == k:
                continue
            aliases = [c.paren.removeprefix("이하").strip()] if c.paren and _alias_like(c.paren) else []
            typ = c.org_type or "other"
            country = c.country or next((x.country for x in p[start:k] if x.country), None)
            found.orgs.append(OrgMention(name, p[start].start, typ, country, None, aliases))


_QUANTIFIED = re.compile(
    r"\d[\d,천만억]*\s*(?:여\s*)?(?:개|곳)\s*(?:이상|이하|가량|정도|안팎)?\s*의?\s*['‘\"“]?\s*$"
)


def text_before(p: list[Chunk], k: int) -> str:
    return p[k].extra_before


def _generic_use(c: Chunk, before: str) -> bool:
    """A class noun rather than a name: "100개 이상의 개발구", "혁신단지인 ..."."""
    if c.entry is not None:
        return False
    return (
        c.particle.startswith(("인 ", "이다", "이며", "이자"))
        or c.particle == "인"
        or bool(_QUANTIFIED.search(before))
    )


def _alias_like(paren: str) -> bool:
    s = paren.removeprefix("이하").strip()
    return bool(s) and not re.fullmatch(r"[\d\s.,~\-년월일시분]+|현지\s*시간|사진.*|.*제공", s)


def _person_pattern(p: list[Chunk], i: int) -> tuple[int | None, str | None]:
    """Index of the person's name for the role at p[i], and the organisation named between."""
    role = p[i]
    if i > 0 and p[i - 1].kind == "name":
        j = i - 1
        orgs = []
        while j - 1 >= 0 and p[j - 1].kind in ("org", "place", "other") and p[j - 1].proper:
            j -= 1
            orgs.append(p[j])
        org = None
        if orgs and orgs[0].kind == "org":
            org = orgs[0].text if orgs[0].entry is not None else " ".join(x.text for x in reversed(orgs))
        return i - 1, org
    for j in range(i - 2, -1, -1):
        if p[j].kind == "name":
            between = p[j + 1 : i]
            if all(x.kind in ("org", "place", "other", "head") for x in between) and any(
                x.kind == "org" for x in between
            ):
                return j, " ".join(x.text for x in between)
            break
        if p[j].kind in ("role", "surname"):
            break
    if i + 1 < len(p) and p[i + 1].kind == "name":
        before = [x for x in p[:i] if x.kind in ("org", "place", "other")]
        org = " ".join(x.text for x in before) if before and before[-1].kind == "org" else None
        return i + 1, org
    del role
    return None, None
