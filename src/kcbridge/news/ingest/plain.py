"""Plain-text articles as saved from news sites: title, byline, date, body without page furniture."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone

# Lines that are page furniture, not article text.
_FURNITURE = re.compile(
    r"무단\s*전재|재배포\s*금지|Copyright|ⓒ|©|版权所有|All rights reserved|글자\s*크기|음성\s*재생|번역\s*beta|"
    r"자동요약|본문 보기를 권장|기자와 카톡|구독하기|제보|이메일\s*:|카카오톡\s*:|사이트\s*:|관련\s*기사|"
    r"이 기사에 대해 어떻게|공유하기|좋아요|댓글|후원|구독|Share this|Related articles|相关阅读|责任编辑|"
    r"^\(예시\)|다음뉴스|이 글자크기로|Translated by",
    re.I,
)
_CAPTION = re.compile(
    r"(?:제공|\[사진=[^\]]*\]|사진=\S+|/사진|\(사진\)|图片来源|供图|Photo:|\(Photo|摄)\s*[\]\)]?\s*$"
)
_KO_DT = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[.\-/년]\s*(?P<m>\d{1,2})\s*[.\-/월]\s*(?P<d>\d{1,2})\s*[.일]?\s*"
    r"(?:(?P<ampm>오전|오후|上午|下午)?\s*(?P<H>\d{1,2})\s*[:시]\s*(?P<M>\d{2})(?:\s*:\s*(?P<S>\d{2}))?)?"
    r"\s*(?P<tz>[+-]\d{2}:?\d{2}|KST|CST|UTC|GMT)?"
)
_ZH_DT = re.compile(
    r"(?P<y>(?:19|20)\d{2})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日\s*(?:(?P<H>\d{1,2}):(?P<M>\d{2}))?"
)
_BYLINE = re.compile(
    r"(?:(?P<place>[가-힣]{2,6})=)?(?P<outlet>[A-Za-z가-힣]{2,12}\s)?(?P<author>[가-힣]{2,4})\s*(?P<role>기자|특파원|통신원)"
)
_ZONES = {
    "ko": timezone(timedelta(hours=9)),
    "zh": timezone(timedelta(hours=8)),
    "KST": timezone(timedelta(hours=9)),
    "CST": timezone(timedelta(hours=8)),
    "UTC": UTC,
    "GMT": UTC,
}


@dataclass(slots=True)
class Parsed:
    title: str
    body: str
    captions: list[str] = field(default_factory=list)
    outlet: str | None = None
    author: str | None = None
    published: datetime | None = None


def parse_datetime(line: str, language: str | None = None) -> datetime | None:
    """The first date-time in a line, with its zone (stated, else the outlet's country's)."""
    m = _KO_DT.search(line) or _ZH_DT.search(line)
    if not m:
        return None
    g = m.groupdict()
    hour = int(g.get("H") or 0)
    if g.get("ampm") in ("오후", "下午") and hour < 12:
        hour += 12
    try:
        naive = datetime(
            int(g["y"]), int(g["m"]), int(g["d"]), hour, int(g.get("M") or 0), int(g.get("S") or 0)
        )
    except ValueError:
        return None
    tz_raw = g.get("tz")
    if tz_raw and tz_raw[0] in "+-":
        sign = 1 if tz_raw[0] == "+" else -1
        hh, mm = int(tz_raw[1:3]), int(tz_raw[-2:])
        tz = timezone(sign * timedelta(hours=hh, minutes=mm))
    else:
        tz = _ZONES.get(tz_raw or "") or _ZONES.get(language or "", None) or UTC
    return naive.replace(tzinfo=tz)


def parse(text: str, language: str | None = None) -> Parsed:
    """Title (first line), byline, date, captions and clean body of a saved plain-text article."""
    if language is None:
        hangul = sum("가" <= c <= "힣" for c in text[:3000])
        han = sum("\u4e00" <= c <= "\u9fff" for c in text[:3000])
        language = "ko" if hangul > 20 else "zh" if han > 20 else None
    lines = [ln.strip() for ln in text.replace("\r\n", "\n").split("\n")]
    lines = [ln for ln in lines if ln]
    if not lines:
        return Parsed("", "")
    title, rest = lines[0], lines[1:]
    out = Parsed(title, "")
    body: list[str] = []
    for n, ln in enumerate(rest):
        head = n < 6 or len(rest) - n < 8
        if head and out.published is None and _dateline(ln) and (dt := parse_datetime(ln, language)):
            out.published = dt
            _byline(ln, out)
            continue
        if head and len(ln) < 60 and _BYLINE.search(ln):
            _byline(ln, out)
            if len(ln) < 40:
                continue
        if _FURNITURE.search(ln):
            if out.outlet is None and (
                m := re.search(r"(?:©|ⓒ|Copyright\s*©?)\s*(?:'[^']*'\s*)?([^\s.,]+)", ln)
            ):
                out.outlet = m.group(1)
            continue
        if ln.lstrip("•·-–* ").startswith(("▶", "※")) or re.fullmatch(r"[•·\-]?\s*\S+\s*:\s*\S+", ln):
            continue
        if _CAPTION.search(ln) and len(ln) < 300:
            out.captions.append(ln)
            continue
        if ln == title or (body and ln == body[-1]):
            continue
        body.append(ln)
    out.body = "\n\n".join(body)
    return out


def _dateline(line: str) -> bool:
    """A line that gives the date (and byline), not a lead sentence that starts with the date
    ("2025年4月8日，中韩论坛在北京举行。…" is the article's first sentence)."""
    m = _KO_DT.search(line) or _ZH_DT.search(line)
    rest = (line[: m.start()] + line[m.end() :]).strip() if m else line
    if len(rest) < 20:
        return True
    return len(line) < 90 and not line.rstrip().endswith(("。", ".", "다", "!", "?"))


def _byline(line: str, out: Parsed) -> None:
    m = _BYLINE.search(line)
    if not m:
        return
    out.author = out.author or m.group("author")
    if m.group("outlet") and not out.outlet:
        out.outlet = m.group("outlet").strip()
