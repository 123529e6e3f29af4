"""Turns validation errors into messages in the visitor's language, keyed by form field."""

from __future__ import annotations

from pydantic import ValidationError

from kcbridge.kit.errors import DomainError
from kcbridge.kit.i18n import _


def _message(err: dict) -> str:  # type: ignore[type-arg]
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "value_error":
        return (
            str(ctx.get("error", err["msg"])) if "error" in ctx else err["msg"].removeprefix("Value error, ")
        )
    # A required field left empty (a select with no option chosen arrives as None, an empty date or number
    # field as "") is "required", not "not valid".
    value = err.get("input")
    blank = value is None or (isinstance(value, str) and not value.strip())
    empty = kind == "missing" or (kind.endswith(("_type", "_parsing")) and blank)
    if empty or (kind == "string_too_short" and ctx.get("min_length", 1) <= 1):
        return _("This field is required.")
    if kind == "string_too_short":
        return _("Enter at least {n} characters.").format(n=ctx.get("min_length"))
    if kind == "string_too_long":
        return _("Enter at most {n} characters.").format(n=ctx.get("max_length"))
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("Enter a whole number.")
    if kind == "string_pattern_mismatch":
        return _("This value contains characters that are not allowed.")
    return _("This value is not valid.")


def field_errors(exc: ValidationError | DomainError) -> dict[str, str]:
    """{field: message}; errors of the whole form are under '__all__'."""
    if isinstance(exc, DomainError):
        if not exc.fields:
            return {"__all__": exc.message}
        return {".".join(map(str, loc)) or "__all__": msg for loc, msg in exc.fields}
    out: dict[str, str] = {}
    for err in exc.errors():
        loc = [str(p) for p in err["loc"]]
        if loc and loc[0] == "texts" and len(loc) >= 3:
            key = f"{loc[2]}_{loc[1]}"
        else:
            key = ".".join(loc) or "__all__"
        if err["type"] == "value_error" and not loc:
            key = "__all__"
        out.setdefault(key, _message(err))  # type: ignore[arg-type]
    return out
