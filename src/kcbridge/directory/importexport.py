"""CSV and JSON import/export of organisations: all-or-nothing, every bad line named, lossless round trip.

CSV cells that a spreadsheet would run as formulas are written neutralised (kit/csvcells.py) and read
back as they were; rows without an id update the organisation of the same name and country
(importmatch.py)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from pydantic import ValidationError
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from kcbridge.directory import importmatch
from kcbridge.directory import repository as repo
from kcbridge.directory.models import Organisation
from kcbridge.directory.schemas import OrganisationIn, OrganisationPatch, PersonIn
from kcbridge.directory.service import directory_service, snapshot
from kcbridge.kit import csvcells
from kcbridge.kit.audit import Actor
from kcbridge.kit.errors import DomainError, Invalid

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
    row = {k: csvcells.restore(v) if isinstance(v, str) else v for k, v in row.items()}  # see to_csv
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
    return _parse_csv_stream(io.StringIO(text_, newline=""))


def parse_file(path: Path) -> list[Record]:
    """FILE read as a stream (the CLI): decoded and parsed line by line, never held whole in memory as
    bytes and text at once. A file that is not UTF-8 is read again to name each undecodable line."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".json"):
        raise ImportFailed([Problem(0, "", "the file must end in .csv or .json")])
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            if suffix == ".csv":
                return _parse_csv_stream(stream)
            return _parse_json_text(stream.read())
    except UnicodeDecodeError:
        return parse(path, path.read_bytes())


def _parse_csv_stream(stream: TextIO) -> list[Record]:
    problems: list[Problem] = []
    reader = csv.DictReader(stream, strict=True)
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
    return _parse_json_text(text_)


def _parse_json_text(text_: str) -> list[Record]:
    problems: list[Problem] = []
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


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    matched: int = 0  # of the updated: rows without an id, matched by name and country

    def __iter__(self) -> Iterator[int]:  # created, updated = import_records(...)
        return iter((self.created, self.updated))


IMPORT_CHUNK = 500  # new organisations flushed together (memory stays small, the flushes few)
IMPORT_LOCK = 0x6B636272_0001  # PostgreSQL advisory lock key of organisation imports ("kcbr" + 1)


def _targets(db: Session, records: list[Record]) -> list[int | None]:
    """The organisation each record updates (None: a new one), or ImportFailed naming every ambiguity:
    repeated ids, deleted ids, rows matching several organisations or repeating another row."""
    seen: dict[int, int] = {}
    problems = [
        Problem(r.line, "id", f"id {r.org_id} also on line {seen[r.org_id]}")
        for r in records
        if r.org_id is not None and seen.setdefault(r.org_id, r.line) != r.line
    ]
    known = importmatch.load(db, [r.data for r in records if r.org_id is None], seen)
    by_key: dict[tuple[str, str], int] = {}
    targets: list[int | None] = []
    for r in records:
        if r.org_id is not None:
            if r.org_id in known.deleted:
                problems.append(
                    Problem(
                        r.line, "id", f"organisation {r.org_id} was deleted; leave the id out to add it anew"
                    )
                )
            targets.append(r.org_id if r.org_id in known.live else None)
            continue
        for key in sorted(importmatch.keys(r.data)):
            if key in by_key:
                problems.append(
                    Problem(
                        r.line, "name", f"same name and country as line {by_key[key]}; give each row its id"
                    )
                )
                break
        for key in importmatch.keys(r.data):
            by_key.setdefault(key, r.line)
        found = known.candidates(r.data)
        if len(found) > 1:
            ids = ", ".join(map(str, found))
            problems.append(
                Problem(
                    r.line, "name", f"matches organisations {ids} (same name and country); add the id column"
                )
            )
        elif found and found[0] in seen:
            problems.append(
                Problem(
                    r.line,
                    "name",
                    f"matches organisation {found[0]}, also given by id on line {seen[found[0]]}",
                )
            )
        targets.append(found[0] if found else None)
    if problems:
        raise ImportFailed(sorted(problems, key=lambda p: p.line))
    return targets


def import_records(
    db: Session, records: list[Record], *, actor: Actor, progress: Callable[[int], None] | None = None
) -> ImportResult:
    """Creates or updates (by id, else by name and country: see importmatch) every record in the caller's
    unit of work. A refusal by the rules stops it with the line named (ImportFailed). Imports run one at a
    time: each reads which organisations exist after the one before it committed (SQLite: its write lock;
    PostgreSQL: an advisory lock held to the commit), so the same file imported twice at once adds each
    row once."""
    if db.get_bind().dialect.name == "postgresql":
        db.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": IMPORT_LOCK})
    targets = _targets(db, records)
    result = ImportResult()
    chunk: list[Record] = []

    def create_chunk() -> None:  # new organisations go in chunks: one flush for each (the bulk path)
        items = [(r.data, r.people, r.org_id) for r in chunk]
        directory_service.create_many(db, items, actor=actor)
        result.created += len(chunk)
        if progress:
            progress(len(chunk))
        chunk.clear()

    for rec, target in zip(records, targets, strict=True):
        if target is None:
            chunk.append(rec)
            if len(chunk) == IMPORT_CHUNK:
                create_chunk()
            continue
        try:
            org = directory_service.update(
                db,
                user=None,
                org_id=target,
                actor=actor,
                data=OrganisationPatch.model_validate(rec.data.model_dump()),
            )
            for person in repo.all_people(db, org.id):
                db.delete(person)
            for p in rec.people:
                directory_service.add_person(db, user=None, org_id=org.id, data=p, actor=actor)
        except DomainError as exc:
            field = ".".join(str(x) for x in exc.fields[0][0]) if exc.fields else ""
            raise ImportFailed([Problem(rec.line, field, exc.message)]) from None
        result.updated += 1
        result.matched += rec.org_id is None
        if progress:
            progress(1)
    if chunk:
        create_chunk()
    db.flush()
    if db.bind and db.bind.dialect.name == "postgresql":
        db.execute(
            text(
                "SELECT setval(pg_get_serial_sequence('organisation', 'id'), "
                "(SELECT COALESCE(MAX(id), 1) FROM organisation))"
            )
        )
    return result


def export_rows(db: Session) -> list[dict[str, Any]]:
    """Every live organisation with its people, as plain dicts (the JSON export format)."""
    out = []
    ids = list(
        db.scalars(select(Organisation.id).where(Organisation.deleted_at.is_(None)).order_by(Organisation.id))
    )
    for start in range(0, len(ids), 500):
        for org in repo.get_many(db, ids[start : start + 500], people=True):  # the operator's export
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
    # RFC 4180 line ends: with "\r\n" as terminator the writer also quotes a bare "\r" inside a value
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\r\n")
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
        # cells a spreadsheet would run as formulas get a leading ' (read back by _csv_dict)
        writer.writerow(csvcells.safe_row({k: ("" if v is None else v) for k, v in flat.items()}))
    return buf.getvalue()


def to_json(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=1)
