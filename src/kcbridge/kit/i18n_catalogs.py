"""Keeps the gettext catalogs in step with the code: one .po per domain folder and locale.

`python -m kcbridge.kit.i18n_catalogs update` adds new strings (and drops vanished ones);
`python -m kcbridge.kit.i18n_catalogs check` lists every string without a translation (the test suite runs it).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

from kcbridge.kit.i18n import LOCALE_DIR, LOCALES

PKG = Path(__file__).resolve().parents[1]  # the kcbridge package
SHELL = {"kit", "app"}  # the frame and the assembler share the "web" catalog
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
JINJA_OPTS = {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true"}
SKIP = {"migrations", "locale", "static", "demo"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")


def domain_of(path: Path) -> str:
    rel = path.relative_to(PKG)
    if len(rel.parts) == 1 or rel.parts[0] in SHELL:
        return "web"
    return rel.parts[0]


def sources() -> Iterator[tuple[str, Path, str]]:
    for path in sorted(PKG.rglob("*")):
        rel = path.relative_to(PKG)
        if SKIP & set(rel.parts[:-1]) or path.name == Path(__file__).name:
            continue
        if path.suffix == ".py":
            yield domain_of(path), path, "python"
        elif path.suffix == ".html" and "templates" in rel.parts:
            yield domain_of(path), path, "jinja2.ext:babel_extract"


def extract() -> dict[str, dict[str | tuple[str, str], list[str]]]:
    """{domain: {msgid or (singular, plural): [locations]}}."""
    found: dict[str, dict[str | tuple[str, str], list[str]]] = {}
    for domain, path, method in sources():
        opts = JINJA_OPTS if method != "python" else {}
        for lineno, message, _comments, _ctx in extract_from_file(
            method, str(path), keywords=KEYWORDS, options=opts
        ):
            key: str | tuple[str, str] = message if isinstance(message, str) else (message[0], message[1])
            if not key:
                continue
            found.setdefault(domain, {}).setdefault(key, []).append(f"{path.relative_to(PKG)}:{lineno}")
    return found


def _po_path(locale: str, domain: str) -> Path:
    return LOCALE_DIR / locale / "LC_MESSAGES" / f"{domain}.po"


def _read(path: Path, locale: str) -> Catalog:
    if path.exists():
        with path.open("rb") as fh:
            return read_po(fh, locale=locale.replace("_Hans", ""))
    return Catalog(locale=locale.replace("_Hans", ""), project="kcbridge", domain=path.stem)


def _memory(locale: str) -> dict[str, str | tuple[str, ...]]:
    """Every translation of a locale in any catalog: a string that moves to another domain keeps it."""
    known: dict[str, str | tuple[str, ...]] = {}
    for path in sorted((LOCALE_DIR / locale / "LC_MESSAGES").glob("*.po")):
        for entry in _read(path, locale):
            if entry.id and entry.string and (not isinstance(entry.string, tuple) or all(entry.string)):
                string = tuple(entry.string) if isinstance(entry.string, list) else entry.string
                known.setdefault(entry.id if isinstance(entry.id, str) else entry.id[0], string)
    return known


def update() -> None:
    memory = {locale: _memory(locale) for locale in LOCALES}
    for domain, messages in extract().items():
        for locale in LOCALES:
            path = _po_path(locale, domain)
            old = _read(path, locale)
            new = Catalog(locale=locale.replace("_Hans", ""), project="kcbridge", domain=domain)
            new.creation_date = old.creation_date  # no churn in the header when nothing changed
            for key, locations in messages.items():
                msgid = key if isinstance(key, str) else key[0]
                prev = old.get(msgid)
                remembered = memory[locale].get(msgid)
                string = (
                    prev.string if prev and prev.string else remembered or ("" if locale != "en" else key)
                )
                new.add(
                    key,
                    string,
                    locations=[(loc.rsplit(":", 1)[0], int(loc.rsplit(":", 1)[1])) for loc in locations],
                )
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as fh:
                write_po(fh, new, width=0, sort_output=True, omit_header=False)


def problems() -> list[str]:
    """Strings with no translation in some locale, or whose placeholders differ from the original."""
    out = []
    for domain, messages in extract().items():
        for locale in LOCALES:
            catalog = _read(_po_path(locale, domain), locale)
            for key in messages:
                msgid = key if isinstance(key, str) else key[0]
                entry = catalog.get(msgid)
                strings = (
                    []
                    if entry is None
                    else (list(entry.string) if isinstance(entry.string, tuple) else [entry.string])
                )
                if entry is None or not all(strings):
                    out.append(f"{locale}/{domain}: untranslated: {msgid!r}")
                    continue
                want = sorted(PLACEHOLDER.findall(str(msgid)))
                for s in strings:
                    if sorted(PLACEHOLDER.findall(str(s))) != want and not (
                        isinstance(key, tuple) and locale != "en"
                    ):
                        out.append(f"{locale}/{domain}: placeholders differ: {msgid!r} -> {s!r}")
    return out


def main(argv: list[str]) -> int:
    cmd = argv[1] if len(argv) > 1 else "check"
    if cmd == "update":
        update()
        return 0
    found = problems()
    for p in found:
        print(p)
    print(f"{len(found)} problem(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
