"""Gettext for ko / zh_Hans / en: catalogs are .po files per domain, merged and compiled in memory.

The current locale lives in a context variable set per request (or per CLI command), so the same
Jinja environment and the same service code serve every language.
"""

from __future__ import annotations

import io
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LOCALES = ("ko", "zh_Hans", "en")
DEFAULT_LOCALE = "en"
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
# What people type or browsers send → our locale.
_ALIASES = {
    "ko": "ko",
    "ko-kr": "ko",
    "ko_kr": "ko",
    "kr": "ko",
    "zh": "zh_Hans",
    "zh-hans": "zh_Hans",
    "zh_hans": "zh_Hans",
    "zh-cn": "zh_Hans",
    "zh_cn": "zh_Hans",
    "zh-sg": "zh_Hans",
    "zh-hans-cn": "zh_Hans",
    "zh-tw": "zh_Hans",
    "zh-hant": "zh_Hans",
    "zh-hk": "zh_Hans",
    "en": "en",
    "en-us": "en",
    "en-gb": "en",
    "en_us": "en",
}
LANG_OF_LOCALE = {"ko": "ko", "zh_Hans": "zh", "en": "en"}  # content language codes
HTML_LANG = {"ko": "ko", "zh_Hans": "zh-Hans", "en": "en"}
LOCALE_NAMES = {"ko": "한국어", "zh_Hans": "简体中文", "en": "English"}

_current: ContextVar[str] = ContextVar("kcbridge_locale", default=DEFAULT_LOCALE)


def normalize_locale(code: str | None) -> str | None:
    """Our locale for a language code, or None when we do not know it (callers fall back)."""
    if not code:
        return None
    code = code.strip().lower()
    if code in _ALIASES:
        return _ALIASES[code]
    return _ALIASES.get(code.split("-")[0].split("_")[0])


def negotiate(accept_language: str | None) -> str:
    """Best locale for an Accept-Language header; English when nothing fits."""
    if not accept_language:
        return DEFAULT_LOCALE
    choices: list[tuple[float, int, str]] = []
    for i, part in enumerate(accept_language.split(",")):
        lang, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        loc = normalize_locale(lang)
        if loc and q > 0:
            choices.append((-q, i, loc))
    return sorted(choices)[0][2] if choices else DEFAULT_LOCALE


@lru_cache(maxsize=8)
def translations(locale: str) -> NullTranslations:
    """All domain catalogs of `locale`, merged into one compiled Translations object."""
    folder = LOCALE_DIR / locale / "LC_MESSAGES"
    merged: Translations | None = None
    for po in sorted(folder.glob("*.po")) if folder.exists() else []:
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=locale.replace("_Hans", ""))
        buf = io.BytesIO()
        write_mo(buf, catalog, use_fuzzy=False)
        buf.seek(0)
        t = Translations(buf)
        if merged is None:
            merged = t
        else:
            merged.merge(t)
    return merged or NullTranslations()


def set_locale(locale: str) -> None:
    _current.set(locale if locale in LOCALES else DEFAULT_LOCALE)


def get_locale() -> str:
    return _current.get()


def get_lang() -> str:
    """Content language code (ko, zh, en) of the current locale."""
    return LANG_OF_LOCALE[get_locale()]


def gettext(message: str) -> str:
    return translations(get_locale()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(get_locale()).ngettext(singular, plural, n)


_ = gettext


def N_(message: str) -> str:
    """Marks a module-level string for extraction; translate it with _() where it is shown."""
    return message
