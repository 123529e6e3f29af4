"""Chinese names written in Hangul and the reverse (궁정 = 龚正, 레이쥔 = 雷军).

Korean media write Chinese names by their Mandarin sound (the 외래어 표기법 for Chinese); this turns
the Hanzi into pinyin (pypinyin) and the pinyin into Hangul, then compares.
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz import fuzz

_INITIAL = {
    "b": "ㅂ",
    "p": "ㅍ",
    "m": "ㅁ",
    "f": "ㅍ",
    "d": "ㄷ",
    "t": "ㅌ",
    "n": "ㄴ",
    "l": "ㄹ",
    "g": "ㄱ",
    "k": "ㅋ",
    "h": "ㅎ",
    "j": "ㅈ",
    "q": "ㅊ",
    "x": "ㅅ",
    "zh": "ㅈ",
    "ch": "ㅊ",
    "sh": "ㅅ",
    "r": "ㄹ",
    "z": "ㅉ",
    "c": "ㅊ",
    "s": "ㅆ",
    "": "ㅇ",
    "y": "ㅇ",
    "w": "ㅇ",
}
# Final → syllables as (vowel, final consonant); the first takes the initial.
_FINAL = {
    "a": [("ㅏ", "")],
    "o": [("ㅗ", "")],
    "e": [("ㅓ", "")],
    "ai": [("ㅏ", ""), ("ㅣ", "")],
    "ei": [("ㅔ", ""), ("ㅣ", "")],
    "ao": [("ㅏ", ""), ("ㅗ", "")],
    "ou": [("ㅓ", ""), ("ㅜ", "")],
    "an": [("ㅏ", "ㄴ")],
    "en": [("ㅓ", "ㄴ")],
    "ang": [("ㅏ", "ㅇ")],
    "eng": [("ㅓ", "ㅇ")],
    "ong": [("ㅜ", "ㅇ")],
    "i": [("ㅣ", "")],
    "ia": [("ㅑ", "")],
    "ie": [("ㅖ", "")],
    "iao": [("ㅑ", ""), ("ㅗ", "")],
    "iu": [("ㅠ", "")],
    "ian": [("ㅖ", "ㄴ")],
    "in": [("ㅣ", "ㄴ")],
    "iang": [("ㅑ", "ㅇ")],
    "ing": [("ㅣ", "ㅇ")],
    "iong": [("ㅠ", "ㅇ")],
    "u": [("ㅜ", "")],
    "ua": [("ㅘ", "")],
    "uo": [("ㅝ", "")],
    "uai": [("ㅘ", ""), ("ㅣ", "")],
    "ui": [("ㅞ", ""), ("ㅣ", "")],
    "uan": [("ㅘ", "ㄴ")],
    "un": [("ㅜ", "ㄴ")],
    "uang": [("ㅘ", "ㅇ")],
    "v": [("ㅟ", "")],
    "ve": [("ㅞ", "")],
    "van": [("ㅟ", ""), ("ㅏ", "ㄴ")],
    "vn": [("ㅟ", "ㄴ")],
    "er": [("ㅓ", "ㄹ")],
}
_CHO = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_JUNG = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_JONG = [
    "",
    "ㄱ",
    "ㄲ",
    "ㄳ",
    "ㄴ",
    "ㄵ",
    "ㄶ",
    "ㄷ",
    "ㄹ",
    "ㄺ",
    "ㄻ",
    "ㄼ",
    "ㄽ",
    "ㄾ",
    "ㄿ",
    "ㅀ",
    "ㅁ",
    "ㅂ",
    "ㅄ",
    "ㅅ",
    "ㅆ",
    "ㅇ",
    "ㅈ",
    "ㅊ",
    "ㅋ",
    "ㅌ",
    "ㅍ",
    "ㅎ",
]
_SIMPLER = {"ㅖ": "ㅔ", "ㅞ": "ㅔ", "ㅉ": "ㅈ", "ㅆ": "ㅅ"}


def _compose(cho: str, jung: str, jong: str = "") -> str:
    return chr(0xAC00 + (_CHO.index(cho) * 21 + _JUNG.index(jung)) * 28 + _JONG.index(jong))


def _syllable(py: str) -> str:
    py = py.replace("ü", "v")
    initial = next((i for i in ("zh", "ch", "sh") if py.startswith(i)), py[:1] if py[:1] in _INITIAL else "")
    rest = py[len(initial) :]
    if initial in ("j", "q", "x") and rest.startswith("u"):
        rest = "v" + rest[1:]
    if initial in ("y", "w"):
        rest = {"i": "i", "in": "in", "ing": "ing", "u": "u", "uan": "van", "ue": "ve", "un": "vn"}.get(
            rest, ("i" if initial == "y" else "u") + rest
        )
        if rest in (
            "ia",
            "ie",
            "iao",
            "ian",
            "iang",
            "iong",
            "iu",
            "ua",
            "uo",
            "uai",
            "ui",
            "uan",
            "uang",
            "ueng",
            "uen",
            "uei",
        ):
            rest = {"uen": "un", "uei": "ui", "ueng": "ong", "iu": "iou"}.get(rest, rest)
        initial = ""
    if initial in ("zh", "ch", "sh", "r", "z", "c", "s") and rest == "i":
        rest = "i_"
    parts = _FINAL.get(rest) or ([("ㅡ", "")] if rest == "i_" else _FINAL.get(rest.rstrip("u"), [("ㅓ", "")]))
    if initial in ("j", "q", "x", "zh", "ch", "sh", "z", "c", "s") and parts[0][0] in ("ㅑ", "ㅖ", "ㅠ"):
        parts = [({"ㅑ": "ㅏ", "ㅖ": "ㅔ", "ㅠ": "ㅜ"}[parts[0][0]], parts[0][1]), *parts[1:]]
    out = _compose(_INITIAL[initial], parts[0][0], parts[0][1])
    for v, c in parts[1:]:
        out += _compose("ㅇ", v, c)
    return out


@lru_cache(maxsize=4096)
def hanzi_to_hangul(name: str) -> str:
    """Mandarin reading of a Chinese name in Hangul: 龚正 → 궁정, 雷军 → 레이쥔."""
    from pypinyin import lazy_pinyin  # 0.15 s: only Chinese names load it

    return "".join(_syllable(p) for p in lazy_pinyin(name, errors="ignore"))


def _loose(s: str) -> str:
    out = []
    for ch in s:
        code = ord(ch) - 0xAC00
        if 0 <= code < 11172:
            cho, jung = _CHO[code // 588], _JUNG[(code % 588) // 28]
            out.append(_SIMPLER.get(cho, cho) + _SIMPLER.get(jung, jung) + _JONG[code % 28])
        else:
            out.append(ch)
    return "".join(out)


def same_name(hangul: str, hanzi: str) -> bool:
    """Whether a Hangul name is the Mandarin sound of a Hanzi name (spelling variants allowed)."""
    return fuzz.ratio(_loose(hangul), _loose(hanzi_to_hangul(hanzi))) >= 80
