"""Chinese entities: the gazetteer, jieba parts of speech (nr / ns / nt) and role / suffix rules."""

from __future__ import annotations

import threading
from typing import Any

from kcbridge.news.extract import lexicon as lx
from kcbridge.news.extract.gazetteer import Gazetteer
from kcbridge.news.extract.mentions import Mentions, OrgMention, PersonMention, PlaceMention

_lock = threading.Lock()
_posseg: Any = None

ZH_ORG_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("股份有限公司", "company"),
    ("有限公司", "company"),
    ("集团", "company"),
    ("公司", "company"),
    ("大学", "university"),
    ("研究院", "research_institute"),
    ("研究所", "research_institute"),
    ("科学院", "research_institute"),
    ("中心", "support_agency"),
    ("协会", "association"),
    ("商会", "association"),
    ("联合会", "association"),
    ("委员会", "government"),
    ("管委会", "government"),
    ("政府", "government"),
    ("部", "government"),
    ("局", "government"),
    ("厅", "government"),
    ("开发区", "economic_zone"),
    ("园区", "economic_zone"),
    ("产业园", "economic_zone"),
    ("高新区", "economic_zone"),
    ("新区", "economic_zone"),
    ("孵化器", "incubator"),
    ("加速器", "incubator"),
)
_PLACE_TYPES = frozenset({"country", "city", "province", "district"})


def posseg() -> Any:
    """jieba's tagger, initialised once per process."""
    global _posseg
    if _posseg is None:
        with _lock:
            if _posseg is None:
                import jieba  # 0.3 s with posseg: only Chinese text loads them
                import jieba.posseg as pseg  # (see above)

                jieba.setLogLevel(60)
                jieba.initialize()
                _posseg = pseg
    return _posseg


def analyse(text: str, gaz: Gazetteer) -> Mentions:
    """Organisations, people and places in Chinese `text`."""
    found = Mentions()
    for hit in gaz.find(text):
        if hit.entry.type in _PLACE_TYPES:
            found.places.append(PlaceMention(hit.surface, hit.start, hit.entry.country))
        else:
            found.orgs.append(
                OrgMention(hit.surface, hit.start, hit.entry.type, hit.entry.country, hit.entry.id)
            )
            if hit.entry.place:
                found.places.append(PlaceMention(hit.surface, hit.start, hit.entry.country))
    words: list[tuple[str, str, int]] = []
    pos = 0
    for w in posseg().cut(text):
        words.append((w.word, w.flag, pos))
        pos += len(w.word)
    taken = {(o.start, o.start + len(o.name)) for o in found.orgs}
    for i, (w, flag, start) in enumerate(words):
        suffix = next(((s, t) for s, t in ZH_ORG_SUFFIXES if w.endswith(s)), None)
        if flag == "nt" or (suffix and i > 0):
            j = i
            while (
                j > 0
                and i - j < 4
                and words[j - 1][1] in ("ns", "nz", "nt", "n", "eng", "vn", "j")
                and words[j - 1][0] not in "的和与及"
            ):
                j -= 1
            j0 = j
            while j < i and words[j][1] not in ("ns", "nz", "nt", "eng", "j", "nr"):
                j += 1
            if j == i and j0 < i and suffix and len(suffix[0]) >= 2:
                j = j0
            name = "".join(x[0] for x in words[j : i + 1])
            s = words[j][2]
            if len(name) > len(w) or flag == "nt":
                if not any(a <= s < b for a, b in taken):
                    found.orgs.append(OrgMention(name, s, suffix[1] if suffix else "other"))
                    taken.add((s, s + len(name)))
        elif flag == "ns" and not any(a <= start < b for a, b in taken):
            found.places.append(PlaceMention(w, start))
    for i, (w, flag, start) in enumerate(words):
        if flag != "nr" or len(w) < 2:
            continue
        role = None
        if i + 1 < len(words) and words[i + 1][0] in lx.ZH_ROLES:
            role = words[i + 1][0]
        elif i > 0 and words[i - 1][0] in lx.ZH_ROLES:
            role = words[i - 1][0]
        elif i > 0 and any(words[i - 1][0].endswith(r) for r in lx.ZH_ROLES):
            role = next(r for r in lx.ZH_ROLES if words[i - 1][0].endswith(r))
        if role is None:
            continue
        org = next(
            (
                o.name
                for o in sorted(found.orgs, key=lambda o: -o.start)
                if o.start < start and start - o.start < 20
            ),
            None,
        )
        found.people.append(PersonMention(w, start, role, org))
    return found
