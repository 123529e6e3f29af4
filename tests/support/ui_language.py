"""Finds interface text left in English on a page shown in Korean or Chinese.

Two nets: every catalog string the English page shows must read differently in `locale`, and any text
the English and the translated page share must be user content the test names (names, rooms, e-mails)
or a neutral token (numbers, dates, time zones, brand and language names). The second net catches
strings that never went through the catalogs at all.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from kcbridge.kit import i18n
from tests.support.catalogs import catalog_msgids, is_translated, msgid_pattern

# Text that reads the same in every language: brand, language names, units and codes.
NEUTRAL = ("kcbridge", "KC", "API", "CSV", "PDF", "ICS", "URL", "UTC", *i18n.LOCALE_NAMES.values())
ATTRS = ("placeholder", "title", "aria-label", "alt")
ZONE = re.compile(r"\b[A-Z][a-z]+/[A-Z][A-Za-z_]+\b")  # Asia/Seoul …
EMAIL = re.compile(r"\S+@\S+")


class _Visible(HTMLParser):
    """Text nodes and the attributes people read (placeholders, tooltips, labels for screen readers)."""

    def __init__(self) -> None:
        super().__init__()
        self.chunks: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        given = dict(attrs)
        for name in ATTRS:
            if given.get(name):
                self.chunks.append(" ".join(str(given[name]).split()))
        if tag == "input" and given.get("type") in ("submit", "button") and given.get("value"):
            self.chunks.append(str(given["value"]))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text and not self._skip:
            self.chunks.append(text)


def visible(html: str) -> list[str]:
    parser = _Visible()
    parser.feed(html)
    parser.close()
    return parser.chunks


def _get(client: Any, path: str, locale: str) -> str:
    r = client.get(path, params={"lang": locale})
    assert r.status_code == 200, (path, locale, r.status_code)
    return r.text


def english_left(client: Any, path: str, locale: str, *, content: tuple[str, ...] = ()) -> list[str]:
    """Interface text of `path` still in English in `locale`; `content` lists the user content shown."""
    return english_left_in(_get(client, path, "en"), _get(client, path, locale), locale, content=content)


def english_left_in(
    english: str, translated: str, locale: str, *, content: tuple[str, ...] = ()
) -> list[str]:
    """The same check on two renderings of one page (e.g. a form re-shown with its errors)."""

    def scrub(chunk: str, words: tuple[str, ...]) -> str:
        """The chunk without user content (and `words`): what is left is interface text."""
        rest = EMAIL.sub(" ", ZONE.sub(" ", chunk))
        for word in sorted(words, key=len, reverse=True):
            rest = rest.replace(word, " ")
        return rest

    en_chunks, chunks = visible(english), visible(translated)
    # Net 1: catalog strings of the English page that read the same in `locale`.
    en_text = "\n".join(scrub(c, content) for c in en_chunks)
    text = "\n".join(scrub(c, content) for c in chunks)
    msgids = catalog_msgids()
    left = [
        m
        for m in msgids
        if msgid_pattern(m).search(en_text)
        and is_translated(msgids[m], locale)
        and msgid_pattern(m).search(text)
    ]
    # Net 2: any text both pages share that is neither user content nor a neutral token.
    shared = set(en_chunks)
    left += [c for c in chunks if c in shared and re.search(r"[A-Za-z]{2,}", scrub(c, (*content, *NEUTRAL)))]
    return sorted(set(left))
