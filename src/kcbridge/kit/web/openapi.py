"""What the OpenAPI document says beyond the routes' own models: the error answers every API operation
may give (one shape, see web/errors.py) and the media types of the files some operations send."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel, Field


class ErrorDetail(BaseModel):
    loc: list[str | int] = Field(description="Where: e.g. ['body', 'org_type']; empty for the request")
    msg: str = Field(description="In the caller's language")
    type: str = Field(description="e.g. not_found, forbidden, conflict, invalid, unavailable")


class ErrorOut(BaseModel):
    detail: list[ErrorDetail]


def _error(description: str) -> dict[str, Any]:
    return {"model": ErrorOut, "description": description}


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: _error("The body could not be read (e.g. JSON that is not UTF-8)"),
    401: _error("Not signed in, or the API token is invalid or revoked"),
    403: _error("Signed in, but not allowed"),
    404: _error("Not found, or not visible to the caller"),
    409: _error("In conflict with the current state (a duplicate, an answered request …)"),
    503: _error("The database is busy or restarting: try again after Retry-After seconds"),
}
FILE_TYPES = {".csv": "text/csv", ".ics": "text/calendar", ".pdf": "application/pdf"}


def install(app: FastAPI) -> None:
    """Operations whose path names a file (…/meetings.csv, …/schedule.ics, …/schedule.pdf) are
    documented as sending that media type instead of JSON."""
    plain: Callable[[], dict[str, Any]] = app.openapi

    def document() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = (
            plain()
            if plain is not None
            else get_openapi(title=app.title, version=app.version, routes=app.routes)
        )
        for path, ops in schema.get("paths", {}).items():
            media = next((m for suffix, m in FILE_TYPES.items() if path.endswith(suffix)), None)
            ok = ops.get("get", {}).get("responses", {}).get("200")
            if media and ok is not None:
                binary = media == "application/pdf"
                ok["content"] = {
                    media: {"schema": {"type": "string", "format": "binary" if binary else "text"}}
                }
        app.openapi_schema = schema
        return schema

    app.openapi = document  # type: ignore[method-assign]
