"""A Korean or Chinese visitor of the demo reads its content in their language: the home, event, opportunity and
programme pages (sampled through the app, ?lang=ko and ?lang=zh) show no English demo text, except proper
names that exist only in English.

English demo text is what the English side of the data files says (their literal words between {slots}), the
English texts the demo stored (profiles, opportunities, programmes, session titles), English city and sector
names, and, as a last net, any run of three or more English words. Organisation, person and event names are
proper names in every language and are taken out of the page first. A version marked `lang="en"` next to
one in the reader's language (a detail page shows every version, the reader's first) is shown as English on
purpose and is left out; one standing alone, in place of the reader's, counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import lxml.html
import pytest
from sqlalchemy import select
from tests.support.ui_language import visible

from kcbridge.app.demo import source
from kcbridge.directory import places
from kcbridge.directory import taxonomy as tx
from kcbridge.directory.models import Organisation, OrgText, Person
from kcbridge.events.models import AgendaSession, Event
from kcbridge.opportunities.models import Opportunity, OpportunityText
from kcbridge.programmes.models import Programme, ProgrammeText

SLOT = re.compile(r"\{\w*\}")
URL = re.compile(r"\S+://\S+|\S+@\S+|\b[\w.-]+\.(?:example|org|com|cn|kr)\b")
# Words that read the same in Korean and Chinese text: acronyms, units and brand-like tokens.
RUN = re.compile(r"\b[A-Za-z][a-z]+(?:[ -]+[A-Za-z][a-z]+){2,}\b")


def _english_of(value: Any, path: tuple[str, ...] = ()) -> Iterator[str]:
    """The English versions of every text in a data file (proper names excepted)."""
    if source.is_text(value):
        if path[-1:] != (source.PROPER_NAMES,) and "en" in value:
            yield value["en"]
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _english_of(v, (*path, str(k)))
    elif isinstance(value, list):
        for v in value:
            yield from _english_of(v, path)


def _phrases(text: str) -> set[str]:
    """Literal pieces of an English text worth looking for: two words or more, between slots and sentences."""
    out = set()
    for piece in SLOT.split(text):
        for part in re.split(r"(?<=[.;:!?])\s+|[()]", piece):
            part = part.strip(" ,.;:–-")
            if len(part) >= 8 and len(part.split()) >= 2 and re.search(r"[a-z]{3}", part):
                out.add(part)
    return out


def english_demo_text(db) -> tuple[set[str], set[str]]:  # noqa: ANN001
    """(phrases, single words) of English demo text."""
    phrases: set[str] = set()
    for name in sorted(p.name for p in source.DATA.glob("*.toml")):
        for text in _english_of(source.read(name)):
            phrases |= _phrases(text)
    stored = [
        *db.scalars(select(OrgText.description).where(OrgText.lang == "en")),
        *db.scalars(select(OpportunityText.title).where(OpportunityText.lang == "en")),
        *db.scalars(select(OpportunityText.description).where(OpportunityText.lang == "en")),
        *db.scalars(select(ProgrammeText.title).where(ProgrammeText.lang == "en")),
        *db.scalars(select(ProgrammeText.description).where(ProgrammeText.lang == "en")),
        *db.scalars(select(Event.title_en)),
        *db.scalars(select(AgendaSession.title_en)),
    ]
    for text in stored:
        phrases |= {p for p in _phrases(text or "") if len(p.split()) >= 3}
    words = {p.en for p in places.places()} | {t.en for t in tx.SECTORS if " " in t.en or len(t.en) > 5}
    return phrases, words


def proper_names(db) -> list[str]:  # noqa: ANN001
    names = set(db.scalars(select(Person.name)))
    for event in db.scalars(select(Event)):
        assert event.title_ko and event.title_zh, event.id  # each has its own name in both languages
        names |= {event.title_ko, event.title_zh, event.title_en or ""}
    for org in db.scalars(select(Organisation)):
        names |= set(org.names().values())
    return sorted((n for n in names if n), key=len, reverse=True)


def shown_as(html: str, lang: str) -> str:
    """The page's visible text, without English versions that stand next to a version in `lang`."""
    doc = lxml.html.fromstring(html)
    for el in doc.xpath('//*[@lang="en"]'):
        parent = el.getparent()
        if parent is not None and any(sib.get("lang") == lang for sib in parent if sib is not el):
            el.drop_tree()
    return " \n ".join(visible(lxml.html.tostring(doc, encoding="unicode")))


def pages(db) -> list[str]:  # noqa: ANN001
    """The home page, every demo event (page and agenda), and a sample of opportunities and programmes."""
    events = list(db.scalars(select(Event.id).order_by(Event.id)))
    opps = list(
        db.scalars(select(Opportunity.id).where(Opportunity.status == "published").order_by(Opportunity.id))
    )
    progs = list(
        db.scalars(select(Programme.id).where(Programme.status == "published").order_by(Programme.id))
    )
    with_english = set(db.scalars(select(ProgrammeText.programme_id).where(ProgrammeText.lang == "en")))
    progs_en = [p for p in progs if p in with_english]
    return [
        "/",
        "/events",
        *(f"/events/{e}" for e in events),
        *(f"/events/{e}/agenda" for e in events),
        "/opportunities",
        *(f"/opportunities/{o}" for o in opps[:8] + opps[-4:]),
        "/programmes",
        *(f"/programmes/{p}" for p in progs[:6] + progs_en[:6] + progs[-3:]),
    ]


@pytest.mark.slow
def test_korean_and_chinese_pages_show_no_english_demo_text(client, db, core_demo):
    phrases, words = english_demo_text(db)
    names = proper_names(db)
    assert len(phrases) > 500 and {"Seoul", "Beijing", "Suzhou"} <= words
    word_re = re.compile(
        r"(?<![A-Za-z])(" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")(?![A-Za-z])"
    )
    found: dict[str, list[str]] = {}
    for lang in ("ko", "zh"):
        for path in pages(db):
            r = client.get(path, params={"lang": lang})
            assert r.status_code == 200, path
            text = shown_as(r.text, lang)
            for name in names:
                text = text.replace(name, " ")
            text = URL.sub(" ", text)
            left = [p for p in phrases if p in text] + word_re.findall(text) + RUN.findall(text)
            if left:
                found[f"{path}?lang={lang}"] = sorted(set(left))[:8]
    assert not found, found
