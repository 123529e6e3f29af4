"""`kcbridge backup FILE` and `kcbridge restore FILE`: every table of every domain, moved between
databases of either kind (a pilot on SQLite moves to PostgreSQL with one command).

The backup is a zip: `manifest.json` (format, the schema's migration heads, each table's columns and row
count) and one JSON-lines file per table, rows in primary-key order. Binary columns (logos, attachments,
vectors) are base64, times ISO 8601 with their offset. It is read in one read-only transaction, so it
is a consistent snapshot while the platform keeps running: PostgreSQL's REPEATABLE READ, SQLite's WAL
read transaction. The restore runs the migrations, refuses a database that is not empty or is on
another schema version, inserts every table in dependency order in one transaction (all or nothing) and
moves PostgreSQL's id sequences past the restored ids.
"""

from __future__ import annotations

import base64
import io
import json
import zipfile
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from sqlalchemy import Column, Date, DateTime, LargeBinary, Numeric, Table, Time, func, insert, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.types import TypeDecorator, TypeEngine

from kcbridge import __version__
from kcbridge.app.models import metadata
from kcbridge.kit import migrate
from kcbridge.kit.db import get_engine

FORMAT = "kcbridge-backup/1"
BATCH = 500
console = Console(stderr=True)


class RestoreRefused(Exception):
    """The backup cannot go into this database (not empty, another schema version, a damaged file)."""


def _kind(column: Column[Any]) -> str:
    type_: TypeEngine[Any] = column.type
    if isinstance(type_, TypeDecorator):
        type_ = type_.impl_instance
    for cls, kind in ((LargeBinary, "bytes"), (DateTime, "datetime"), (Date, "date"), (Time, "time")):
        if isinstance(type_, cls):
            return kind
    return "decimal" if isinstance(type_, Numeric) and type_.asdecimal else "plain"


def _encode(kind: str, value: Any) -> Any:
    if value is None or kind == "plain":
        return value
    if kind == "bytes":
        return base64.b64encode(bytes(value)).decode("ascii")
    if kind == "decimal":
        return str(value)
    return value.isoformat()


def _decode(kind: str, value: Any) -> Any:
    if value is None or kind == "plain":
        return value
    if kind == "bytes":
        return base64.b64decode(value)
    if kind == "decimal":
        return Decimal(value)
    if kind == "datetime":
        return datetime.fromisoformat(value)
    return date.fromisoformat(value) if kind == "date" else time.fromisoformat(value)


def _heads(conn: Connection) -> list[str]:
    return sorted(conn.scalars(text("SELECT version_num FROM alembic_version")))


def _snapshot(conn: Connection) -> Connection:
    """A read-only transaction that sees one moment of the database for all its reads."""
    if conn.dialect.name == "postgresql":
        conn = conn.execution_options(isolation_level="REPEATABLE READ")
        conn.begin()
        conn.execute(text("SET TRANSACTION READ ONLY"))
    else:
        conn.begin()  # BEGIN (deferred): the first read fixes the WAL snapshot of the whole transaction
    return conn


def write_backup(path: Path) -> dict[str, int]:
    """Writes every table to `path` (a zip); returns the row count of each table."""
    counts: dict[str, int] = {}
    tmp = path.with_name(path.name + ".partial")
    with get_engine().connect() as raw, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        conn = _snapshot(raw)
        heads = _heads(conn)
        for n, table in enumerate(metadata.sorted_tables):
            kinds = {c.name: _kind(c) for c in table.columns}
            order = list(table.primary_key.columns) or list(table.columns)
            rows = conn.execution_options(stream_results=True, yield_per=1000).execute(
                select(table).order_by(*order)
            )
            count = 0
            with zf.open(f"tables/{n:03d}_{table.name}.jsonl", "w") as out:
                for row in rows.mappings():
                    record = {k: _encode(kinds[k], v) for k, v in row.items()}
                    out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode() + b"\n")
                    count += 1
            counts[table.name] = count
        conn.rollback()
        manifest = {
            "format": FORMAT,
            "kcbridge": __version__,
            "dialect": raw.dialect.name,
            "migration_heads": heads,
            "created_at": datetime.now(UTC).isoformat(),
            "tables": [
                {"name": t.name, "columns": [c.name for c in t.columns], "rows": counts[t.name]}
                for t in metadata.sorted_tables
            ],
        }
        zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
    tmp.replace(path)  # a backup that stopped half way never looks complete
    return counts


def _rows(zf: zipfile.ZipFile, name: str, table: Table) -> Iterator[dict[str, Any]]:
    kinds = {c.name: _kind(c) for c in table.columns}
    with zf.open(name) as fh:
        for line in io.TextIOWrapper(fh, encoding="utf-8"):
            record = json.loads(line)
            yield {k: _decode(kinds[k], v) for k, v in record.items()}


def _batches(rows: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _check(conn: Connection, manifest: dict[str, Any]) -> None:
    if manifest.get("format") != FORMAT:
        raise RestoreRefused(f"not a kcbridge backup (format {manifest.get('format')!r})")
    if manifest["migration_heads"] != _heads(conn):
        raise RestoreRefused(
            "the backup was made by another version of kcbridge (schema "
            f"{', '.join(manifest['migration_heads'])}; this one is {', '.join(_heads(conn))})"
        )
    known = {t.name: [c.name for c in t.columns] for t in metadata.sorted_tables}
    for entry in manifest["tables"]:
        if known.get(entry["name"]) != entry["columns"]:
            raise RestoreRefused(f"table {entry['name']} differs between the backup and this version")
    filled = [t.name for t in metadata.sorted_tables if conn.scalar(select(func.count()).select_from(t))]
    if filled:
        raise RestoreRefused(f"the database is not empty ({', '.join(filled[:5])} …): restore into a new one")


def _reset_sequences(conn: Connection) -> None:
    """PostgreSQL hands out new ids after the restored ones (SQLite does so by itself)."""
    for table in metadata.sorted_tables:
        for col in table.primary_key.columns:
            if col.autoincrement is True or (col.autoincrement == "auto" and col.type.python_type is int):
                seq = conn.scalar(select(func.pg_get_serial_sequence(table.name, col.name)))
                if seq:
                    top = conn.scalar(select(func.max(col)))
                    conn.execute(select(func.setval(seq, top or 1, top is not None)))


def restore_backup(path: Path) -> dict[str, int]:
    """Loads `path` into the (empty) configured database; returns the rows restored per table."""
    migrate.upgrade()
    tables = {t.name: t for t in metadata.sorted_tables}
    counts: dict[str, int] = {}
    with zipfile.ZipFile(path) as zf, get_engine().connect() as conn:
        manifest = json.loads(zf.read("manifest.json"))
        files = {
            name.split("_", 1)[1].removesuffix(".jsonl"): name
            for name in zf.namelist()
            if name.startswith("tables/")
        }
        with conn.begin():
            _check(conn, manifest)
            for entry in manifest["tables"]:  # dependency order, as written
                table = tables[entry["name"]]
                n = 0
                for batch in _batches(_rows(zf, files[table.name], table)):
                    conn.execute(insert(table), batch)
                    n += len(batch)
                if n != entry["rows"]:
                    raise RestoreRefused(
                        f"table {table.name}: {n} rows in the file, {entry['rows']} announced"
                    )
                counts[table.name] = n
            if conn.dialect.name == "postgresql":
                _reset_sequences(conn)
    return counts


def backup(file: Path = typer.Argument(..., dir_okay=False, help="The zip file to write")) -> None:
    """Write a consistent snapshot of everything (every domain's tables, files and logos) to FILE,
    while the platform keeps running."""
    migrate.upgrade()
    counts = write_backup(file)
    console.print(f"[green]{sum(counts.values())} rows of {len(counts)} tables written to {file}[/green]")


def restore(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="A file of `kcbridge backup`"),
) -> None:
    """Load FILE into an empty database (SQLite or PostgreSQL: KCBRIDGE_DATABASE_URL), all or nothing."""
    try:
        counts = restore_backup(file)
    except (RestoreRefused, zipfile.BadZipFile, KeyError, ValueError) as exc:
        console.print(f"[red]Nothing was restored: {exc}[/red]", markup=True, highlight=False)
        raise typer.Exit(2) from None
    console.print(f"[green]{sum(counts.values())} rows of {len(counts)} tables restored from {file}[/green]")
