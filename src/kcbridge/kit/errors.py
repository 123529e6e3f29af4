"""Domain errors carry their HTTP status; web/errors.py renders them as JSON or as a translated page."""

from __future__ import annotations

from collections.abc import Sequence


class DomainError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, message: str, *, fields: Sequence[tuple[Sequence[str | int], str]] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.fields = [(tuple(loc), msg) for loc, msg in fields]

    def as_detail(self) -> list[dict[str, object]]:
        """FastAPI's error shape, so API clients see one format for every 4xx."""
        if self.fields:
            return [{"loc": list(loc), "msg": msg, "type": self.code} for loc, msg in self.fields]
        return [{"loc": [], "msg": self.message, "type": self.code}]


class NotFound(DomainError):
    status = 404
    code = "not_found"


class Unauthorized(DomainError):
    status = 401
    code = "unauthorized"


class Forbidden(DomainError):
    status = 403
    code = "forbidden"


class Conflict(DomainError):
    status = 409
    code = "conflict"


class Invalid(DomainError):
    status = 422
    code = "invalid"


class RateLimited(DomainError):
    status = 429
    code = "rate_limited"
