"""Small text helpers shared by the extractors: scripts, sentences, particles."""

from __future__ import annotations

import re

_HANGUL = re.compile(r"[가-힣]")
_HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")
_LATIN = re.compile(r"[A-Za-z]")


def script_of(s: str) -> str:
    """The dominant script of a name: "hangul", "han", "latin" or "other"."""
    counts = {
        "hangul": len(_HANGUL.findall(s)),
        "han": len(_HAN.findall(s)),
        "latin": len(_LATIN.findall(s)),
    }
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] else "other"


_SENT_END = re.compile(r"(?<=[.!?。！？])[\"'”’」』)]*\s+|(?<=[。！？])|\n+")


def sentences(text: str) -> list[tuple[int, str]]:
    """Sentences with their start offsets; splits on end punctuation and line breaks."""
    out: list[tuple[int, str]] = []
    pos = 0
    for m in _SENT_END.finditer(text):
        chunk = text[pos : m.start()]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            out.append((pos + lead, chunk.strip()))
        pos = m.end()
    tail = text[pos:]
    if tail.strip():
        out.append((pos + len(tail) - len(tail.lstrip()), tail.strip()))
    return out


# Korean particles (조사) and copula endings that may trail a name, longest first.
PARTICLES = sorted(
    """은 는 이 가 을 를 의 에 에서 에게 께 께서 와 과 도 만 로 으로 로서 으로서 로부터 으로부터 에서는
    에서도 에는 에도 과의 와의 과는 와는 이나 나 이며 이고 이라고 라고 이라는 라는 이란 란 처럼 보다 까지
    부터 마저 조차 이다 였다 이었다 측 측은 측이 측에서 에선 에서의 에게서 한테 이자 인 로는 으로는""".split(),
    key=len,
    reverse=True,
)


def strip_particle(word: str) -> str:
    """The word without a trailing particle, only when what is left still looks like a name."""
    for p in PARTICLES:
        if word.endswith(p) and len(word) - len(p) >= 2:
            return word[: -len(p)]
    return word
