"""Demo agreements: the real agreements of the field (data/agreements.toml, as facts) and about fifty
invented ones among the demo's organisations, with commitments in every status and progress notes.

Parties are found by their English name in the directory; an agreement whose parties are missing is
skipped. Everything is added in one flush (one batched insert per table), deterministically.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.agreements.models import (
    Agreement,
    AgreementEvent,
    AgreementField,
    AgreementNews,
    AgreementParty,
    Commitment,
    CommitmentSupporter,
    Milestone,
    ProgressNote,
    Signatory,
)
from kcbridge.directory.models import Organisation
from kcbridge.events.models import Event
from kcbridge.kit.db import utcnow

from . import source

INVENTED = 48
LANGS = ("ko", "zh", "en")
OFFICER = "officer@gyeonggi.example"
HOME_LANG = {"KR": "ko", "CN": "zh"}
# What has become of a commitment, by whether its due date has passed: (status, weight).
PAST_DUE = (("done", 40), ("in_progress", 20), ("at_risk", 15), ("dropped", 10), ("planned", 15))
NOT_DUE = (("planned", 35), ("in_progress", 40), ("at_risk", 15), ("done", 10))
COMPLETION = {
    "planned": ("not_started",),
    "in_progress": ("limited", "substantial"),
    "at_risk": ("not_started", "limited"),
    "done": ("complete",),
    "dropped": ("not_started", "limited"),
}


Made = tuple[
    Agreement, list[tuple[Commitment, list[ProgressNote]]]
]  # an agreement, its commitments and notes


def load_demo(db: Session) -> str:
    """Adds the demo agreements unless there are agreements already; returns a one-line summary."""
    if db.scalar(select(func.count()).select_from(Agreement)):
        return "demo agreements not loaded: there are agreements already"
    data = source.read("agreements.toml")
    wanted = {n for spec in data["real"] for n in spec["parties"]}
    wanted |= {n for t in data["templates"] for n in (*t["kr"], *t["cn"])}
    orgs: dict[str, Organisation] = {
        str(o.name_en): o
        for o in db.scalars(
            select(Organisation).where(Organisation.name_en.in_(wanted), Organisation.deleted_at.is_(None))
        )
    }
    officer = db.scalar(select(User).where(User.email == OFFICER))
    today = date.today()
    past_events = [
        e for e in db.scalars(select(Event).order_by(Event.starts_at)) if e.starts_at.date() < today
    ]
    made = [m for spec in data["real"] if (m := _real(spec, orgs, officer)) is not None]
    made += _invented(data, orgs, random.Random(6), today, past_events)
    db.add_all([a for a, _cs in made])
    db.flush()
    now = utcnow()
    for a, cs in made:
        for c, _notes in cs:
            c.agreement_id, c.created_at, c.updated_at = a.id, now, now
    db.add_all([c for _a, cs in made for c, _n in cs])
    db.flush()
    for _a, cs in made:
        for c, notes in cs:
            for n in notes:
                n.commitment_id = c.id
    db.add_all([n for _a, cs in made for _c, notes in cs for n in notes])
    db.flush()
    commitments = sum(len(cs) for _a, cs in made)
    return f"demo agreements loaded: {len(made)} agreements, {commitments} commitments"


def _text(value: dict[str, str], **slots: dict[str, str]) -> dict[str, str]:
    """A text table filled per language with the slots' own language versions."""
    return {lang: value[lang].format(**{k: v[lang] for k, v in slots.items()}) for lang in LANGS}


def _agreement(
    spec: dict[str, Any], title: dict[str, str], summary: dict[str, str], parties: list[Any]
) -> Agreement:
    a = Agreement(
        kind=spec["kind"],
        title_ko=title["ko"],
        title_zh=title["zh"],
        title_en=title["en"],
        summary_ko=summary["ko"],
        summary_zh=summary["zh"],
        summary_en=summary["en"],
        signed_on=spec["signed_on"],
        signed_place=spec.get("signed_place", ""),
        visibility=spec.get("visibility", "public"),
    )
    a.parties = parties
    a.field_rows = [AgreementField(field=f) for f in sorted(set(spec["fields"]))]
    a.news = [AgreementNews(url=url, title=headline) for url, headline in spec.get("news", [])]
    return a


def _real(spec: dict[str, Any], orgs: dict[str, Organisation], officer: User | None) -> Made | None:
    if any(n not in orgs for n in spec["parties"]):
        return None
    parties = [
        AgreementParty(
            organisation_id=orgs[name].id,
            position=i,
            signatories=[Signatory(name=signer, title=title, position=0)],
        )
        for i, (name, (signer, title)) in enumerate(zip(spec["parties"], spec["signatories"], strict=True))
    ]
    a = _agreement(spec, spec["title"], spec["summary"], parties)
    commitments = []
    for i, c in enumerate(spec["commitments"]):
        commitment = Commitment(
            what_ko=c["what"]["ko"],
            what_zh=c["what"]["zh"],
            what_en=c["what"]["en"],
            owner_org_id=orgs[c["owner"]].id,
            status=c["status"],
            completion=c["completion"],
            position=i,
        )
        commitment.supporter_rows = [CommitmentSupporter(organisation_id=orgs[n].id) for n in c["supporters"]]
        commitments.append(commitment)
    notes: list[list[ProgressNote]] = [[] for _c in commitments]
    note = spec.get("opening_note")
    if note and commitments:
        notes[0] = [
            ProgressNote(
                noted_on=spec["signed_on"],
                author_id=officer.id if officer else None,
                author_name=officer.display_name if officer else orgs[spec["parties"][0]].name("ko"),
                text=note["ko"],
            )
        ]
        a.last_progress_on = commitments[0].last_progress_on = spec["signed_on"]
    return a, list(zip(commitments, notes, strict=True))


def _invented(
    data: dict[str, Any], orgs: dict[str, Organisation], rng: random.Random, today: date, events: list[Event]
) -> list[Made]:
    """INVENTED agreements, the templates in turn, parties drawn among the named organisations (Gyeonggi
    often, for the demo officer's portfolio); every ninth signed at one of the demo's past events."""
    templates = data["templates"]
    seen: set[tuple[str, int, int]] = set()
    out: list[Made] = []
    tries = 0
    while len(out) < INVENTED and tries < INVENTED * 20:
        tries += 1
        t = templates[tries % len(templates)]
        kr = [orgs[n] for n in t["kr"] if n in orgs]
        cn = [orgs[n] for n in t["cn"] if n in orgs]
        if not kr or not cn:
            continue
        gyeonggi = next((o for o in kr if o.name_en == "Gyeonggi Province"), None)
        a_org = gyeonggi if gyeonggi is not None and rng.random() < 0.5 else rng.choice(kr)
        b_org = rng.choice(cn)
        if (t["key"], a_org.id, b_org.id) in seen:
            continue
        seen.add((t["key"], a_org.id, b_org.id))
        event = events[len(out) // 9] if len(out) % 9 == 0 and len(out) // 9 < len(events) else None
        out.append(_one(t, data, a_org, b_org, rng, today, event))
    return out


def _one(
    t: dict[str, Any],
    data: dict[str, Any],
    a_org: Organisation,
    b_org: Organisation,
    rng: random.Random,
    today: date,
    event: Event | None,
) -> Made:
    names = {"a": a_org.names() | {"en": a_org.name("en")}, "b": b_org.names() | {"en": b_org.name("en")}}
    names = {k: {lang: v.get(lang) or next(iter(v.values())) for lang in LANGS} for k, v in names.items()}
    signed = event.starts_at.date() if event else today - timedelta(days=rng.randint(90, 7 * 365))
    spec = {
        "kind": t["kind"],
        "fields": rng.sample(t["fields"], k=rng.randint(2, len(t["fields"]))),
        "signed_on": signed,
        "signed_place": rng.choice([a_org.city, b_org.city]) or "",
        "visibility": "parties" if rng.random() < 0.15 else "public",
    }
    parties = [
        AgreementParty(
            organisation_id=o.id, position=i, signatories=[Signatory(name=_signer(o, rng), title="")]
        )
        for i, o in enumerate((a_org, b_org))
    ]
    title, summary = (_text(t[k], a=names["a"], b=names["b"]) for k in ("title", "summary"))
    a = _agreement(spec, title, summary, parties)
    if event is not None:
        a.event_rows = [AgreementEvent(event_id=event.id)]
    commitments: list[tuple[Commitment, list[ProgressNote]]] = []
    last: date | None = None
    for i, c in enumerate(t["commitments"]):
        owner, other = (a_org, b_org) if c["owner"] == "a" else (b_org, a_org)
        due = signed + timedelta(days=rng.randint(120, 1000))
        table = PAST_DUE if due < today else NOT_DUE
        status = rng.choices([s for s, _w in table], weights=[w for _s, w in table])[0]
        commitment = Commitment(
            what_ko=c["what"]["ko"],
            what_zh=c["what"]["zh"],
            what_en=c["what"]["en"],
            owner_org_id=owner.id,
            responsible_name="",
            starts_on=signed + timedelta(days=rng.randint(0, 60)),
            due_on=due,
            status=status,
            completion=rng.choice(COMPLETION[status]),
            position=i,
        )
        commitment.supporter_rows = [CommitmentSupporter(organisation_id=other.id)]
        lang = HOME_LANG.get(owner.country, "en")
        steps = data["milestones"][: rng.randint(0, 3)]
        commitment.milestones = [
            Milestone(
                title=m[lang],
                due_on=signed + (due - signed) * (j + 1) // (len(steps) + 1),
                done=status == "done" or (status != "planned" and j == 0),
                position=j,
            )
            for j, m in enumerate(steps)
        ]
        notes = _notes(data["notes"], status, signed, today, owner, lang, rng)
        if notes:
            commitment.last_progress_on = max(n.noted_on for n in notes)
            last = max(filter(None, (last, commitment.last_progress_on)))
        commitments.append((commitment, notes))
    a.last_progress_on = last
    return a, commitments


def _notes(
    texts: list[dict[str, Any]],
    status: str,
    signed: date,
    today: date,
    owner: Organisation,
    lang: str,
    rng: random.Random,
) -> list[ProgressNote]:
    """Progress reports leading to `status`: none for a planned commitment, else one to three, the last
    one saying why it stands where it does."""
    if status == "planned":
        return []
    span = max((today - signed).days - 30, 1)
    days = sorted(rng.sample(range(30, 30 + span), k=min(span, rng.randint(1, 3))))
    chosen = [n for n in texts if n["status"] == "in_progress"]
    final = [n for n in texts if n["status"] == status] or chosen
    out = []
    for k, d in enumerate(days):
        pick = rng.choice(final if k == len(days) - 1 else chosen)
        out.append(
            ProgressNote(
                noted_on=signed + timedelta(days=d), author_name=owner.name(lang), text=pick["text"][lang]
            )
        )
    return out


def _signer(org: Organisation, rng: random.Random) -> str:
    """An invented signatory name in the organisation's language (never a real official's)."""
    if org.country == "CN":
        return rng.choice("王李张刘陈杨赵黄") + rng.choice(["建国", "海燕", "志强", "丽华", "文斌", "晓东"])
    return rng.choice("김이박최정강조윤") + rng.choice(["민수", "지영", "성호", "은정", "현우", "수진"])
