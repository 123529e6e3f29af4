"""Statistics written in the text: indicator, value, unit, year, country.

"R&D 인력은 324만7천명으로 세계 1위(2012년 기준)", "IT산업 수출액은 8천279억달러", "25.8%",
"827.9 billion USD", "827.9亿美元". The indicator is the noun phrase before the figure.
"""

from __future__ import annotations

import re
from datetime import date

from kcbridge.news.extract.dates import years_in

_FIGURE = re.compile(
    r"(?P<num>\d+(?:[.,]\d+)*(?:\s*(?:조|억|만|천)\s*\d*(?:[.,]\d+)*)*)\s*(?P<scale>billion|million|trillion|亿|万)?\s*"
    r"(?P<unit>달러|원|위안|명|%|퍼센트|개사|곳|위|배|美元|元|人|USD|dollars|yuan|won|percent|people)"
)
_SCALE = {"조": 10**12, "억": 10**8, "만": 10**4, "천": 10**3}
_EN_SCALE = {"billion": 10**9, "million": 10**6, "trillion": 10**12, "亿": 10**8, "万": 10**4}
_UNIT = {
    "달러": "USD",
    "美元": "USD",
    "USD": "USD",
    "dollars": "USD",
    "원": "KRW",
    "won": "KRW",
    "위안": "CNY",
    "元": "CNY",
    "yuan": "CNY",
    "명": "persons",
    "人": "persons",
    "people": "persons",
    "%": "%",
    "퍼센트": "%",
    "percent": "%",
    "개사": "companies",
    "곳": "places",
    "위": "rank",
    "배": "times",
}
_COUNTRIES = {
    "중국": "CN",
    "한국": "KR",
    "中国": "CN",
    "韩国": "KR",
    "China": "CN",
    "Korea": "KR",
    "미국": "US",
}


def parse_korean_number(text: str) -> float | None:
    """ "8천279억" → 827_900_000_000; "324만7천" → 3_247_000; "25.8" → 25.8."""
    text = text.replace(",", "").replace(" ", "")
    if not re.search(r"[조억만천]", text):
        try:
            return float(text)
        except ValueError:
            return None
    total, chunk, num = 0.0, 0.0, ""
    for ch in text:
        if ch.isdigit() or ch == ".":
            num += ch
        elif ch == "천":
            chunk += (float(num) if num else 1) * 1000
            num = ""
        elif ch in ("조", "억", "만"):
            chunk += float(num) if num else 0
            total += (chunk or 1) * _SCALE[ch]
            chunk, num = 0.0, ""
    return total + chunk + (float(num) if num else 0)


def statistics(sentences: list[tuple[int, str]], published: date | None) -> list[dict[str, object]]:
    """Figures with their indicator, unit, year and country, one per figure."""
    out: list[dict[str, object]] = []
    for _, sent in sentences:
        for m in _FIGURE.finditer(sent):
            value = parse_korean_number(m.group("num"))
            if value is None or (m.group("unit") in ("위", "배", "명", "곳", "개사") and value == 0):
                continue
            if m.group("scale"):
                value *= _EN_SCALE[m.group("scale")]
            before = sent[max(0, m.start() - 40) : m.start()]
            words = re.findall(r"[\w&·]+", before)
            indicator = " ".join(words[-3:]) if words else ""
            if not indicator:
                continue
            years = years_in(sent, published)
            country = next((c for k, c in _COUNTRIES.items() if k in before), None)
            out.append(
                {
                    "indicator": indicator,
                    "value": int(value) if value == int(value) else round(value, 4),
                    "unit": _UNIT.get(m.group("unit"), m.group("unit")),
                    "year": years[0] if years else None,
                    "country": country,
                }
            )
    return out
