"""CSV and JSON import/export of organisations: all-or-nothing, every bad line named, lossless round trip."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from kcbridge.directory import repository as repo
from kcbridge.directory.models import Organisation
from kcbridge.directory.schemas import OrganisationIn, OrganisationPatch, PersonIn
from kcbridge.directory.service import directory_service, snapshot
from kcbridge.kit.audit import Actor
from kcbridge.kit.errors import Invalid

LANGS = ("ko", "zh", "en")
TEXT_FIELDS = ("description", "offer", "seek")
COLUMNS = [
    "id",
    "name_ko",
    "name_zh",
    "name_en",
    "org_type",
    "size",
    "stage",
    "country",
    "city",
    "sectors",
    "founded_year",
    "website",
    *[f"{f}_{lang}" for lang in LANGS for f in TEXT_FIELDS],
    "people",
]
REQUIRED_COLUMNS = {"org_type", "country"}


@dataclass
class Problem:
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return (
            f"line {self.line}, {self.field}: {self.message}"
            if self.field
            else f"line {self.line}: {self.message}"
        )


class ImportFailed(Invalid):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(
            f"{len(problems)} problem(s); nothing was imported",
            fields=[((f"line {p.line}", p.field), p.message) for p in problems],
        )
        self.problems = problems


@dataclass
class Record:
    line: int
    org_id: int | None
    data: OrganisationIn
    people: list[PersonIn]


def _decode(raw: bytes) -> tuple[str | None, list[Problem]]:
    """UTF-8 (with or without BOM); otherwise every undecodable line, with a guess at its encoding."""
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    problems = []
    for n, line in enumerate(raw.split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            guess = next((enc for enc in ("cp949", "gbk", "big5") if _decodes(line, enc)), None)
            hint = f" (it looks like {guess.upper()})" if guess else ""
            problems.append(Problem(n, "", f"not UTF-8 text{hint}; save the file as UTF-8"))
    return None, problems


def _decodes(line: bytes, enc: str) -> bool:
    try:
        line.decode(enc)
        return True
    except UnicodeDecodeError:
        return False


def _pydantic_problems(line: int, exc: ValidationError, prefix: str = "") -> list[Problem]:
    out = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"])
        msg = err["msg"].removeprefix("Value error, ")
        out.append(Problem(line, prefix + loc if loc else prefix.rstrip(".") or "name", msg))
    return out


def _row_to_record(line: int, row: dict[str, Any]) -> tuple[Record | None, list[Problem]]:
    problems: list[Problem] = []
    org_id = None
    raw_id = (row.get("id") or "").strip() if isinstance(row.get("id"), str) else row.get("id")
    if raw_id not in (None, ""):
        try:
            org_id = int(raw_id)
            if org_id <= 0:
                raise ValueError
        except (TypeError, ValueError):
            problems.append(Problem(line, "id", "must be a positive whole number"))
    people: list[PersonIn] = []
    raw_people = row.get("people") or []
    if isinstance(raw_people, str):
        try:
            raw_people = json.loads(raw_people) if raw_people.strip() else []
        except json.JSONDecodeError as exc:
            problems.append(Problem(line, "people", f"not valid JSON ({exc.msg})"))
            raw_people = []
    if not isinstance(raw_people, list):
        problems.append(Problem(line, "people", "must be a list"))
        raw_people = []
    for i, p in enumerate(raw_people):
        try:
            people.append(PersonIn.model_validate(p))
        except ValidationError as exc:
            problems.extend(_pydantic_problems(line, exc, prefix=f"people[{i}]."))
    try:
        data = OrganisationIn.model_validate(row)
    except ValidationError as exc:
        problems.extend(_pydantic_problems(line, exc))
        return None, problems
    return (Record(line, org_id, data, people) if not problems else None), problems


def _csv_dict(row: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {
        k: (row.get(k) or "").strip() or None
        for k in (
            "name_ko",
            "name_zh",
            "name_en",
            "org_type",
            "size",
            "stage",
            "country",
            "founded_year",
            "website",
        )
    }
    data["id"] = row.get("id")
    data["city"] = (row.get("city") or "").strip()
    data["sectors"] = [s.strip() for s in (row.get("sectors") or "").split(";") if s.strip()]
    data["texts"] = {lang: {f: row.get(f"{f}_{lang}") or "" for f in TEXT_FIELDS} for lang in LANGS}
    data["people"] = row.get("people") or ""
    return data


def parse_csv(raw: bytes) -> list[Record]:
    text_, problems = _decode(raw)
    if text_ is None:
        raise ImportFailed(problems)
    reader = csv.DictReader(io.StringIO(text_, newline=""), strict=True)
    header = reader.fieldnames or []
    unknown = [c for c in header if c not in COLUMNS]
    missing = sorted(REQUIRED_COLUMNS - set(header))
    if unknown or missing or not header:
        msg = []
        if unknown:
            msg.append("unknown column(s): " + ", ".join(unknown))
        if missing:
            msg.append("missing column(s): " + ", ".join(missing))
        if not header:
            msg.append("the file is empty")
        raise ImportFailed([Problem(1, "header", "; ".join(msg) + f" (expected: {', '.join(COLUMNS)})")])
    records: list[Record] = []
    line = 1
    try:
        for row in reader:
            start, line = line + 1, reader.line_num
            if None in row:
                problems.append(
                    Problem(start, "", f"{len(header) + len(row[None])} values for {len(header)} columns")
                )
                continue
            if any(v is None for v in row.values()):
                problems.append(Problem(start, "", f"fewer values than the {len(header)} columns"))
                continue
            rec, errs = _row_to_record(start, _csv_dict(row))
            problems.extend(errs)
            if rec:
                records.append(rec)
    except csv.Error as exc:
        # The record that failed starts on the line after the last one read (line_num is past it).
        problems.append(Problem(line + 1, "", f"broken CSV quoting ({exc})"))
    if problems:
        raise ImportFailed(problems)
    return records


def parse_json(raw: bytes) -> list[Record]:
    text_, problems = _decode(raw)
    if text_ is None:
        raise ImportFailed(problems)
    try:
        items = json.loads(text_)
    except json.JSONDecodeError as exc:
        raise ImportFailed([Problem(exc.lineno, "", f"not valid JSON ({exc.msg})")]) from None
    if isinstance(items, dict):
        items = items.get("organisations", items.get("items"))
    if not isinstance(items, list):
        raise ImportFailed([Problem(1, "", "expected a list of organisations")])
    records: list[Record] = []
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            problems.append(Problem(n, "", "each item must be an object"))
            continue
        rec, errs = _row_to_record(n, item)
        problems.extend(errs)
        if rec:
            records.append(rec)
    if problems:
        raise ImportFailed(problems)
    return records


def parse(path: Path, raw: bytes) -> list[Record]:
    if path.suffix.lower() == ".json":
        return parse_json(raw)
    if path.suffix.lower() == ".csv":
        return parse_csv(raw)
    raise ImportFailed([Problem(0, "", "the file must end in .csv or .json")])


def import_records(
    db: Session, records: list[Record], *, actor: Actor, progress: Callable[[int], None] | None = None
) -> tuple[int, int]:
    """Creates or updates (by id) every record in the caller's unit of work; returns (created, updated)."""
    seen: dict[int, int] = {}
    dup = [
        Problem(r.line, "id", f"id {r.org_id} also on line {seen[r.org_id]}")
        for r in records
        if r.org_id is not None and seen.setdefault(r.org_id, r.line) != r.line
    ]
    if dup:
        raise ImportFailed(dup)
    existing = (
        set(
            db.scalars(
                select(Organisation.id).where(
                    Organisation.id.in_([r.org_id for r in records if r.org_id is not None])
                )
            )
        )
        if seen
        else set()
    )
    created = updated = 0
    for i, rec in enumerate(records, start=1):
        if rec.org_id in existing:
            org = directory_service.update(
                db,
                user=None,
                org_id=rec.org_id,
                actor=actor,
                data=OrganisationPatch.model_validate(rec.data.model_dump()),
            )
            for person in list(org.people):
                db.delete(person)
            updated += 1
        else:
            org = directory_service.create(db, user=None, data=rec.data, actor=actor, org_id=rec.org_id)
            created += 1
        for p in rec.people:
            directory_service.add_person(db, user=None, org_id=org.id, data=p, actor=actor)
        if progress and i % 200 == 0:
            progress(200)
    db.flush()
    if db.bind and db.bind.dialect.name == "postgresql":
        db.execute(
            text(
                "SELECT setval(pg_get_serial_sequence('organisation', 'id'), "
                "(SELECT COALESCE(MAX(id), 1) FROM organisation))"
            )
        )
    return created, updated


def export_rows(db: Session) -> list[dict[str, Any]]:
    """Every live organisation with its people, as plain dicts (the JSON export format)."""
    out = []
    ids = list(
        db.scalars(select(Organisation.id).where(Organisation.deleted_at.is_(None)).order_by(Organisation.id))
    )
    for start in range(0, len(ids), 500):
        for org in repo.get_many(db, ids[start : start + 500]):
            snap = snapshot(org)
            snap["texts"] = {k: v for k, v in snap["texts"].items()}
            out.append(
                {
                    "id": org.id,
                    **snap,
                    "people": [
                        {
                            "name": p.name,
                            "title": p.title,
                            "email": p.email,
                            "phone": p.phone,
                            "languages": p.languages,
                        }
                        for p in org.people
                    ],
                }
            )
    return out


def to_csv(rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for r in rows:
        flat: dict[str, Any] = {
            k: r.get(k) for k in COLUMNS if k in r and k not in ("sectors", "people", "texts")
        }
        flat["sectors"] = ";".join(r["sectors"])
        flat["people"] = json.dumps(r["people"], ensure_ascii=False) if r["people"] else ""
        for lang in LANGS:
            for f in TEXT_FIELDS:
                flat[f"{f}_{lang}"] = r["texts"].get(lang, {}).get(f, "")
        writer.writerow({k: ("" if v is None else v) for k, v in flat.items()})
    return buf.getvalue()


def to_json(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=1)
