"""Exports of cases (CSV, JSON) and file downloads: the same readable statement as every page."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import quote

from fastapi import Response
from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.cases import repository as repo
from kcbridge.cases.models import CaseAttachment
from kcbridge.cases.policy import require_case_user
from kcbridge.cases.present import present_case

LIMIT = 10_000
COLUMNS = (
    "id",
    "organisation",
    "institution",
    "category",
    "sector",
    "region",
    "status",
    "submitted_at",
    "closed_at",
    "lang",
    "subject",
    "description",
    "desired_outcome",
    "rating",
)


def _cell(value: object) -> object:
    """A text a spreadsheet would run as a formula (=, +, -, @ first) is kept as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def export(db: Session, *, user: User, fmt: str, lang: str) -> tuple[str, str]:
    """(body, media type) of every case `user` may read, newest first."""
    require_case_user(user)
    cases, _total = repo.listing(db, repo.readable_statement(user), limit=LIMIT)
    rows = []
    for c in cases:
        out = present_case(c, lang).model_dump(mode="json")
        out["organisation"] = out["organisation"]["name"]
        out["institution"] = (out["institution"] or {}).get("name", "")
        rows.append({k: out[k] for k in COLUMNS})
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1), "application/json"
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows({k: _cell(v) for k, v in row.items()} for row in rows)
    return "\ufeff" + buf.getvalue(), "text/csv; charset=utf-8"


def file_response(row: CaseAttachment) -> Response:
    """The stored document, downloaded (never rendered inline) under its own name."""
    return Response(
        row.data,
        media_type=row.content_type,
        headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(row.filename)}",
            "Cache-Control": "private, no-store",
        },
    )
