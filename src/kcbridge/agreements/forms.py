"""Web forms of agreements and commitments → the dicts their schemas validate, and back."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from kcbridge.agreements import repository as repo
from kcbridge.agreements.models import Agreement, Commitment
from kcbridge.kit.errors import Invalid
from kcbridge.kit.i18n import _

LANGS = ("ko", "zh", "en")
PARTY_ROWS = 4
MILESTONE_ROWS = 3
AGREEMENT_TEXTS = (
    *(f"title_{lang}" for lang in LANGS),
    *(f"summary_{lang}" for lang in LANGS),
    "full_text",
    "signed_place",
)
COMMITMENT_TEXTS = (*(f"what_{lang}" for lang in LANGS), "responsible_name")


def _s(form: FormData, key: str) -> str:
    return str(form.get(key) or "").strip()


def _or_none(form: FormData, key: str) -> str | None:
    return _s(form, key) or None


def _rows(form: FormData, key: str, default: int, most: int) -> int:
    """How many repeated rows the form had (a hidden field), within bounds."""
    raw = _s(form, key)
    return min(int(raw), most) if raw.isdigit() else default


def resolve_org(db: Session, text: str, loc: str) -> int:
    """An organisation named in a form: '#12' or '12', else its name in any language (one match)."""
    raw = text.strip().lstrip("#")
    if raw.isdigit() and len(raw) < 12:
        return int(raw)
    found = repo.find_organisations(db, text)
    if not found:
        msg = _("No organisation of the directory is called “{name}”.").format(name=text)
        raise Invalid(msg, fields=[((loc,), msg)])
    if len(found) > 1:
        msg = _("Several organisations match “{name}”: write the full name.").format(name=text)
        raise Invalid(msg, fields=[((loc,), msg)])
    return found[0].id


def agreement_dict(db: Session, form: FormData) -> dict[str, Any]:
    """Form fields → AgreementIn's shape; party names are resolved to directory organisations."""
    data: dict[str, Any] = {k: _s(form, k) for k in AGREEMENT_TEXTS}
    for k in ("kind", "visibility", "signed_on", "valid_until"):
        data[k] = _or_none(form, k)
    data["fields"] = [str(v) for v in form.getlist("fields")]
    parties = []
    for i in range(_rows(form, "party_rows", PARTY_ROWS, 12)):
        name = _s(form, f"party_{i}")
        if not name:
            continue
        signatory = _s(form, f"party_{i}_signatory")
        title = _s(form, f"party_{i}_title")
        parties.append(
            {
                "organisation_id": resolve_org(db, name, f"party_{i}"),
                "signatories": [{"name": signatory, "title": title}] if signatory else [],
            }
        )
    data["parties"] = parties
    data["event_ids"] = [int(str(v)) for v in form.getlist("event_ids") if str(v).isdigit()]
    news = []
    for line in _s(form, "news").splitlines():
        url, _sp, title = line.strip().partition(" ")
        if url:
            news.append({"url": url, "title": title.strip()})
    data["news"] = news
    return data


def party_rows(a: Agreement | None, lang: str) -> list[dict[str, str]]:
    """The party rows of the form: the agreement's parties, then blank rows to add more."""
    rows = []
    for p in a.parties if a else []:
        s = p.signatories[0] if p.signatories else None
        rows.append(
            {
                "name": p.organisation.name(lang),
                "signatory": s.name if s else "",
                "title": s.title if s else "",
            }
        )
    blank = {"name": "", "signatory": "", "title": ""}
    return rows + [dict(blank) for _i in range(max(PARTY_ROWS - len(rows), 1))]


def submitted_party_rows(form: FormData) -> list[dict[str, str]]:
    return [
        {
            "name": _s(form, f"party_{i}"),
            "signatory": _s(form, f"party_{i}_signatory"),
            "title": _s(form, f"party_{i}_title"),
        }
        for i in range(_rows(form, "party_rows", PARTY_ROWS, 12))
    ]


def agreement_values(a: Agreement) -> dict[str, Any]:
    values: dict[str, Any] = {k: getattr(a, k) or "" for k in AGREEMENT_TEXTS}
    values.update(kind=a.kind, visibility=a.visibility, fields=a.fields, event_ids=a.event_ids)
    values["signed_on"] = a.signed_on.isoformat()
    values["valid_until"] = a.valid_until.isoformat() if a.valid_until else ""
    values["news"] = "\n".join(f"{n.url} {n.title}".strip() for n in a.news)
    return values


def commitment_dict(db: Session, form: FormData) -> dict[str, Any]:
    data: dict[str, Any] = {k: _s(form, k) for k in COMMITMENT_TEXTS}
    for k in ("starts_on", "due_on", "status", "completion"):
        data[k] = _or_none(form, k)
    owner = _s(form, "owner_org_id")
    other = _s(form, "owner_other")
    if other:
        data["owner_org_id"] = resolve_org(db, other, "owner_org_id")
    else:
        data["owner_org_id"] = int(owner) if owner.isdigit() else None
    supporters = [int(str(v)) for v in form.getlist("supporter_ids") if str(v).isdigit()]
    for name in (n.strip() for n in _s(form, "supporters_other").split(";")):
        if name:
            supporters.append(resolve_org(db, name, "supporters_other"))
    data["supporter_ids"] = supporters
    milestones = []
    for i in range(_rows(form, "milestone_rows", MILESTONE_ROWS, 30)):
        title = _s(form, f"milestone_{i}_title")
        if title:
            milestones.append(
                {
                    "title": title,
                    "due_on": _or_none(form, f"milestone_{i}_due_on"),
                    "done": bool(form.get(f"milestone_{i}_done")),
                }
            )
    data["milestones"] = milestones
    return data


def commitment_values(c: Commitment) -> dict[str, Any]:
    values: dict[str, Any] = {k: getattr(c, k) or "" for k in COMMITMENT_TEXTS}
    values.update(
        owner_org_id=c.owner_org_id,
        supporter_ids=c.supporter_ids,
        status=c.status,
        completion=c.completion,
        starts_on=c.starts_on.isoformat() if c.starts_on else "",
        due_on=c.due_on.isoformat() if c.due_on else "",
        milestones=[
            {"title": m.title, "due_on": m.due_on.isoformat() if m.due_on else "", "done": m.done}
            for m in c.milestones
        ],
    )
    return values


def submitted_milestones(form: FormData) -> list[dict[str, Any]]:
    return [
        {
            "title": _s(form, f"milestone_{i}_title"),
            "due_on": _s(form, f"milestone_{i}_due_on"),
            "done": bool(form.get(f"milestone_{i}_done")),
        }
        for i in range(_rows(form, "milestone_rows", MILESTONE_ROWS, 30))
    ]


def iso(d: date | None) -> str:
    return d.isoformat() if d else ""
