"""The catalogs' English texts as they read on a page, for tests that look for English left untranslated.

Both are computed once per test run: extracting the messages reads every source file and template.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

from kcbridge.kit import i18n
from kcbridge.kit.i18n_catalogs import PLACEHOLDER, extract

# Brand names, language names and other words that stay the same in every language.
IGNORED = {"kcbridge", "API", "KC", "English", "Korean", "Chinese", *i18n.LOCALE_NAMES.values()}


@cache
def msgid_pattern(msgid: str) -> re.Pattern[str]:
    """The msgid as it reads on a page: placeholders match any value, whole words only."""
    parts = PLACEHOLDER.split(msgid)
    body = ".+?".join(re.escape(p) for p in parts)
    return re.compile(rf"(?<![A-Za-z]){body}(?![A-Za-z])")


@cache
def catalog_msgids() -> Mapping[str, tuple[str, str | None]]:
    """Every English text of the catalogs → (singular, plural or None) as it is looked up."""
    out: dict[str, tuple[str, str | None]] = {}
    for messages in extract().values():
        for key in messages:
            if isinstance(key, str):
                out[key] = (key, None)
            else:
                out[key[0]] = out[key[1]] = (key[0], key[1])
    return MappingProxyType({m: k for m, k in sorted(out.items()) if m.strip() and m not in IGNORED})


def is_translated(key: tuple[str, str | None], locale: str) -> bool:
    """False when the translation is the English text itself (nothing to look for then)."""
    t = i18n.translations(locale)
    singular, plural = key
    if plural is None:
        return t.gettext(singular) != singular
    return t.ngettext(singular, plural, 1) not in (singular, plural)
