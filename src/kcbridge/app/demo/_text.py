"""Small text helpers: Korean particles, numbers, money, sector lists and city names per language."""

from __future__ import annotations

import re

from kcbridge.directory import places
from kcbridge.directory.taxonomy import label

_JOSA = {
    "은": ("은", "는"),
    "이": ("이", "가"),
    "을": ("을", "를"),
    "과": ("과", "와"),
    "으로": ("으로", "로"),
}
_JOSA_RE = re.compile(r"\((은|이|을|과|으로)\)")


def _final_consonant(text: str) -> tuple[bool, bool]:
    """(ends in a consonant sound, that consonant is ㄹ) for the word at the end of `text`."""
    s = text.rstrip()
    while s.endswith(")") and "(" in s:
        s = s[: s.rindex("(")].rstrip()
    if not s:
        return False, False
    ch = s[-1]
    if "가" <= ch <= "힣":
        jong = (ord(ch) - 0xAC00) % 28
        return jong != 0, jong == 8
    if ch.isdigit():
        return ch in "013678", ch in "178"
    if ch.isascii() and ch.isalpha():
        return ch.lower() in "lmnr", ch.lower() in "lr"
    return False, False


def josa(text: str) -> str:
    """Resolve the Korean particle markers "(은)", "(을)"… to the form that fits the preceding word."""

    def repl(m: re.Match[str]) -> str:
        has, rieul = _final_consonant(text[: m.start()])
        first, second = _JOSA[m.group(1)]
        if m.group(1) == "으로":
            return second if (not has or rieul) else first
        return first if has else second

    return _JOSA_RE.sub(repl, text)


def num(lang: str, n: float) -> str:
    n = int(n) if float(n).is_integer() else n
    return str(n) if lang == "zh" else f"{n:,}"


def money(lang: str, country: str, millions: int) -> str:
    """An amount given in millions of the country's currency (KRW or RMB), written for `lang`."""
    hundreds = millions / 100  # 억 / 亿
    cur = {
        "KR": {"ko": "원", "zh": "韩元", "en": "KRW"},
        "CN": {"ko": "위안", "zh": "元人民币", "en": "RMB"},
    }[country]
    if lang == "en":
        for unit, size in (("trillion", 1_000_000), ("billion", 1000)):
            if millions >= size:
                return f"{cur['en']} {millions / size:g} {unit}"
        return f"{cur['en']} {millions:,} million"
    if lang == "ko":
        if hundreds >= 10000:
            return f"{hundreds / 10000:g}조 {cur['ko']}"
        return (
            f"{num(lang, hundreds)}억 {cur['ko']}" if millions >= 100 else f"{millions * 100:,}만 {cur['ko']}"
        )
    if hundreds >= 10000:
        return f"{hundreds / 10000:g}万亿{cur['zh']}"
    return f"{num(lang, hundreds)}亿{cur['zh']}" if millions >= 100 else f"{millions * 100}万{cur['zh']}"


def join_list(lang: str, items: list[str]) -> str:
    """Items joined the way the language lists things."""
    if lang == "zh":
        return "、".join(items)
    if lang == "ko" or len(items) <= 1:
        return ", ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def sector_list(lang: str, codes: list[str]) -> str:
    labels = [label(c, lang) for c in codes]
    if lang == "en":
        labels = [x if x[:2].isupper() else x[0].lower() + x[1:] for x in labels]
    return join_list(lang, labels)


def round2(n: float) -> int:
    """Round to two significant digits, so figures look reported rather than computed."""
    n = max(int(n), 1)
    scale = 10 ** max(len(str(n)) - 2, 0)
    return max(round(n / scale) * scale, 1)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def city_name(lang: str, city: str) -> str:
    """The city as texts in `lang` write it (the gazetteer's name; unknown cities as given)."""
    return places.name(city, lang)


def written(text: dict[str, str], langs: list[str] | tuple[str, ...], sep: str = " / ") -> str:
    """A one-language field (venue, room, team, message) as a bilingual author fills it: the versions of
    `text` in the Korean and Chinese among `langs`, in their order (English only when neither is there)."""
    chosen = [lang for lang in langs if lang in ("ko", "zh")] or ["en"]
    return sep.join(text[lang] for lang in chosen)


def sector_words(code: str, lang: str) -> dict[str, str]:
    """{sector} for a template: the sector's label ("technology" for none), in English lower-cased for the
    middle of a sentence (an acronym such as "5G / IoT" stays); `capitalised` mends a sentence's start."""
    name = label(code, lang) if code else {"ko": "기술", "zh": "科技"}.get(lang, "technology")
    if lang == "en" and not name[1:2].isupper():
        name = name[:1].lower() + name[1:]
    return {"sector": name}


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
