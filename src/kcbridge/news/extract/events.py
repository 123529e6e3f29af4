"""Cooperation events: a trigger word in a sentence, its date, place and participants.

Types: visit, agreement, meeting, forum, exhibition, pitch, workshop. An article usually reports
several; mentions of one happening (lead, body, photo caption) are merged when type and date agree
and they share a participant, or when an undated one points back ("이 포럼", "该论坛").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from kcbridge.news.extract.dates import find_dates, is_future

TRIGGERS: dict[str, re.Pattern[str]] = {
    "agreement": re.compile(
        r"양해각서|MOU|업무협약|협약(?:을|를)?\s*(?:체결|맺)|협정(?:을|를)?\s*(?:체결|서명)|합의서|협력각서|"
        r"签署|签约|签订|合作协议|备忘录|\bMoUs?\b|memorand|signed an? (?:agreement|deal|contract)|agreement",
        re.I,
    ),
    "meeting": re.compile(
        r"간담회|회담|장관회의|회의를|면담|만나|만났|만난|만남|접견|좌담회|라운드\s?테이블|원탁회의|"
        r"会见|会谈|座谈会|会晤|见面|圆桌|\bmet\b|\bmeets?\b|\bmeeting\b|\btalks\b|round ?table",
        re.I,
    ),
    "visit": re.compile(
        r"방문|찾아|찾았|시찰|둘러보|둘러봤|방중|방한|견학|탐방|순방|访问|考察|参观|来访|走访|调研|"
        r"\bvisit(?:s|ed|ing)?\b|\btour(?:s|ed)?\b",
        re.I,
    ),
    "forum": re.compile(
        r"포럼|심포지엄|세미나|컨퍼런스|콘퍼런스|서밋|论坛|峰会|研讨会|\bforum\b|\bsummit\b|conference|symposium",
        re.I,
    ),
    "exhibition": re.compile(
        r"박람회|전시회|엑스포|쇼\s?케이스|전람회|展览|博览会|展会|交易会|exhibition|\bexpo\b|\bfair\b|showcase",
        re.I,
    ),
    "pitch": re.compile(
        r"투자설명회|투자\s?유치\s?설명회|피칭|데모데이|로드쇼|\bIR\b|路演|投资说明会|项目推介|\bpitch(?:es|ing)?\b|demo day|roadshow",
        re.I,
    ),
    "workshop": re.compile(r"워크숍|워크샵|工作坊|培训班|workshop", re.I),
}
_HABITUAL = re.compile(r"등을\s*개최하는\s*등|고\s*있다|해\s*왔다|一直|定期|regularly|every year|매년", re.I)
_POINTS_BACK = re.compile(
    r"(?:이번|이|해당|该|此次|本次|this|the)\s*(?:포럼|행사|회의|박람회|论坛|活动|forum|event|fair)", re.I
)


@dataclass(slots=True)
class Event:
    type: str
    date: date | None
    place: str | None
    participants: list[str] = field(default_factory=list)
    evidence: str = ""
    overview: bool = False

    def as_dict(self) -> dict[str, object]:
        return {
            "type": self.type,
            "date": self.date.isoformat() if self.date else None,
            "place": self.place,
            "participants": self.participants,
            "evidence": self.evidence,
        }


@dataclass(frozen=True, slots=True)
class Located:
    """A resolved entity and where in the text it is mentioned."""

    name: str
    kind: str  # "org", "person", "place"
    starts: tuple[int, ...]


def detect(sentences: list[tuple[int, str]], entities: list[Located], published: date | None) -> list[Event]:
    """Events of an article from its sentences and located entities."""
    events: list[Event] = []
    anchor: date | None = None
    ref = published or date.today()
    for n, (start, sent) in enumerate(sentences):
        end = start + len(sent)
        future = is_future(sent)
        day: date | None = None
        span = False
        for d in find_dates(sent, ref, anchor, future=future):
            if d.kind == "span":
                span = True
            elif d.value is not None and day is None:
                day = d.value
        if day is not None:
            anchor = day
        if span:
            day = None
        types = [t for t, rx in TRIGGERS.items() if rx.search(sent)]
        if (
            "agreement" in types
            and "meeting" in types
            and not re.search(r"회의|회담|会谈|talks|meeting", sent)
        ):
            types.remove("meeting")
        if not types or (day is None and _HABITUAL.search(sent)):
            continue
        inside = [e for e in entities if any(start <= s < end for s in e.starts)]
        inside.sort(key=lambda e: min(s for s in e.starts if start <= s < end))
        places = [e.name for e in inside if e.kind == "place"]
        who = [e.name for e in inside if e.kind != "place"]
        for t in types:
            new = Event(
                t, day, places[-1] if places else None, list(dict.fromkeys(who)), sent[:300], span or n < 2
            )
            _add(events, new, bool(_POINTS_BACK.search(sent)))
    detailed = {e.type for e in events if not e.overview}
    for lead in (e for e in events if e.overview and e.type in detailed):
        same = [e for e in events if not e.overview and e.type == lead.type]
        if len(same) == 1 and same[0].date is None:  # the body tells the lead's event again, undated
            same[0].date, same[0].place = lead.date, same[0].place or lead.place
            same[0].participants.extend(p for p in lead.participants if p not in same[0].participants)
    return [e for e in events if not e.overview or e.type not in detailed]


def _related(a: list[str], b: list[str]) -> bool:
    return any(x in y or y in x for x in a for y in b)


def _add(events: list[Event], new: Event, points_back: bool) -> None:
    for old in events:
        if old.type != new.type:
            continue
        same_day = old.date is not None and old.date == new.date
        shared = _related(old.participants, new.participants)
        undated = (old.date is None) != (new.date is None)
        if old.overview != new.overview:
            continue
        if (same_day and (shared or old.place == new.place)) or (undated and (shared or points_back)):
            old.date = old.date or new.date
            old.place = old.place or new.place
            old.participants.extend(p for p in new.participants if p not in old.participants)
            return
    events.append(new)
