"""Reads the demo's data files (data/*.toml) and checks every text for its translations.

A text is a table of language codes: `{ ko = "…", zh = "…", en = "…" }`. It must have all three, or exactly
the languages its record lists in `written_in` (an organisation writes its profile in its own languages).
Tables called `names` hold proper names, in whichever languages the organisation uses. The versions of one
text must fill the same {slots}. A broken file stops the loader with the file, record and field.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar, cast

DATA = Path(__file__).resolve().parent / "data"
LANGS = ("ko", "zh", "en")
LANGUAGE = {"ko": "Korean", "zh": "Chinese", "en": "English"}
PROPER_NAMES = "names"
WRITTEN_IN = "written_in"  # a record's own languages, when not all three
_SLOT = re.compile(r"\{(\w*)\}")
F = TypeVar("F", bound=Callable[..., Any])


class DemoDataError(ValueError):
    """A demo data file is broken; the message names the file, the record and the field."""


_derived: list[Any] = []


def derived(fn: F) -> F:
    """Caches what a module builds from the data files (like functools.cache); `forget()` clears it."""
    cached = cache(fn)
    _derived.append(cached)
    return cast(F, cached)


def forget() -> None:
    """Read the files again on next use (tests that point DATA at other files)."""
    for fn in _derived:
        fn.cache_clear()


def read(name: str) -> dict[str, Any]:
    """The checked contents of data/`name` (read once per process)."""
    return _cached(name)


@derived
def _cached(name: str) -> dict[str, Any]:
    return read_path(DATA / name)


def read_path(path: Path) -> dict[str, Any]:
    """The checked contents of a demo data file anywhere (tests point it at broken copies)."""
    try:
        with path.open("rb") as f:
            doc = tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        raise DemoDataError(f"{path.name}: not valid TOML: {exc}") from exc
    problems = check(doc)
    if problems:
        raise DemoDataError(f"{path.name}: " + f"\n{path.name}: ".join(problems))
    return doc


def is_text(value: Any) -> bool:
    """True for a table of language versions of one text."""
    return (
        isinstance(value, dict)
        and bool(value)
        and set(value) <= set(LANGS)
        and all(isinstance(v, str) for v in value.values())
    )


def check(doc: dict[str, Any]) -> list[str]:
    """Every missing or surplus translation and every slot mismatch, as "record …, field …: …"."""
    problems: list[str] = []
    _walk(doc, (), None, LANGS, problems)
    return problems


Record = tuple[int, str]  # (length of the record's path, its key or "")


def _walk(
    value: Any, path: tuple[str | int, ...], record: Record | None, langs: tuple[str, ...], out: list[str]
) -> None:
    if isinstance(value, dict):
        declared = value.get(WRITTEN_IN)
        if isinstance(declared, list) and declared and set(declared) <= set(LANGS):
            langs = tuple(declared)
        if is_text(value):
            _check_text(value, path, record, langs, out)
            return
        for k, v in value.items():
            _walk(v, (*path, k), record, langs, out)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            if isinstance(v, dict) and not is_text(v):  # an element of a list of tables is a record
                _walk(v, (*path, i), (len(path) + 1, str(v.get("key") or "")), langs, out)
            else:
                _walk(v, (*path, i), record, langs, out)


def _check_text(
    text: dict[str, str],
    path: tuple[str | int, ...],
    record: Record | None,
    langs: tuple[str, ...],
    out: list[str],
) -> None:
    where = _where(path, record)
    if path and path[-1] == PROPER_NAMES:
        required: tuple[str, ...] = ()
    else:
        required = langs
        for lang in langs:
            if not text.get(lang, "").strip():
                out.append(f"{where}: the {LANGUAGE[lang]} ({lang}) text is missing")
        for lang in text:
            if lang not in langs:
                out.append(f"{where}: the {LANGUAGE[lang]} ({lang}) text is one too many: the record is "
                           f"written in {', '.join(langs)}")  # fmt: skip
    slots = {lang: set(_SLOT.findall(v)) for lang, v in text.items() if lang in required}
    if len({frozenset(s) for s in slots.values()}) > 1:
        shown = "; ".join(f"{lang}: {', '.join(sorted(s)) or '-'}" for lang, s in slots.items())
        out.append(f"{where}: the versions fill different slots ({shown})")


def _where(path: tuple[str | int, ...], record: Record | None) -> str:
    """'record event[0] (visit), field venue': the record is the nearest element of a list of tables (named
    by its key), else the top-level table; the field is the rest of the path."""
    split, key = record if record is not None else (min(1, len(path)), "")
    head, tail = _dotted(path[:split]) or "(top)", _dotted(path[split:]) or "(text)"
    return f"record {head}{f' ({key})' if key else ''}, field {tail}"


def _dotted(parts: tuple[str | int, ...]) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out
