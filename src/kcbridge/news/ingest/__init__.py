"""Pure ingestion: files, folders, saved HTML pages and RSS/Atom feeds (file or URL) to articles.

result = ingest(["news/", "feed.xml", "https://example.org/rss"])
result.articles  # list[Article]; result.errors  # list[SourceError], the batch goes on
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import httpx

from kcbridge.news.ingest import language as lang_mod
from kcbridge.news.ingest.decode import NotText, decode
from kcbridge.news.ingest.dedupe import fingerprint, group_stories
from kcbridge.news.ingest.documents import NoArticle, from_feed, from_html
from kcbridge.news.ingest.plain import Parsed, parse, parse_datetime

MAX_BYTES = 5 * 1024 * 1024
_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".xml", ".rss", ".atom"}


@dataclass(slots=True)
class Article:
    source: str
    title: str
    body: str
    language: str
    outlet: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601 with the offset the source gave
    captions: list[str] = field(default_factory=list)
    encoding: str = "utf-8"
    fingerprint: str = ""
    story: int = 0

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class SourceError:
    source: str
    reason: str


@dataclass(slots=True)
class IngestResult:
    articles: list[Article] = field(default_factory=list)
    errors: list[SourceError] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)


def _expand(paths: Iterable[str]) -> Iterator[str]:
    for p in paths:
        path = Path(p)
        if path.is_dir():
            yield from sorted(
                str(f) for f in path.rglob("*") if f.is_file() and f.suffix.lower() in _SUFFIXES
            )
        else:
            yield p


def _fetch(url: str, timeout: float) -> bytes:

    r = httpx.get(url, timeout=timeout, follow_redirects=True)
    r.raise_for_status()
    return r.content


def _articles_of(source: str, data: bytes) -> list[tuple[str, Parsed, str]]:
    text, enc = decode(data)
    head = text.lstrip()[:500].lower()
    if (
        head.startswith("<?xml")
        or "<rss" in head
        or "<feed" in head
        or source.endswith((".rss", ".atom", ".xml"))
    ):
        return [(link or source, p, enc) for link, p in from_feed(text)]
    if head.startswith(("<!doctype html", "<html")) or source.endswith((".html", ".htm")) or "<body" in head:
        return [(source, from_html(text), enc)]
    return [(source, parse(text), enc)]


def ingest(
    sources: Iterable[str],
    *,
    fetch: Callable[[str, float], bytes] = _fetch,
    timeout: float = 10.0,
    progress: Callable[[str], None] | None = None,
) -> IngestResult:
    """Read every source; each bad one becomes a SourceError and the rest go on."""
    result = IngestResult()
    seen: set[str] = set()
    for source in _expand(sources):
        if progress:
            progress(source)
        try:
            if source.startswith(("http://", "https://")):
                data = fetch(source, timeout)
            else:
                if Path(source).stat().st_size > MAX_BYTES:
                    raise NoArticle(
                        f"file larger than {MAX_BYTES // (1024 * 1024)} MB: not read as an article"
                    )
                data = Path(source).read_bytes()
            if len(data) > MAX_BYTES:
                raise NoArticle(
                    f"document larger than {MAX_BYTES // (1024 * 1024)} MB: not read as an article"
                )
            found = _articles_of(source, data)
        except (NotText, NoArticle) as exc:
            result.errors.append(SourceError(source, str(exc)))
            continue
        except OSError as exc:
            result.errors.append(SourceError(source, f"cannot read: {exc.strerror or exc}"))
            continue
        except Exception as exc:  # network errors and parser failures of one source stop only that source
            result.errors.append(SourceError(source, f"{type(exc).__name__}: {exc}"))
            continue
        for name, parsed, enc in found:
            _add(result, seen, name, parsed, enc)
    stories = group_stories([a.title + "\n" + a.body for a in result.articles])
    for a, s in zip(result.articles, stories, strict=True):
        a.story = s
    return result


def _add(result: IngestResult, seen: set[str], source: str, p: Parsed, enc: str) -> None:
    if not p.body.strip():
        result.errors.append(SourceError(source, "no article text"))
        return
    fp = fingerprint(p.title + p.body)
    if fp in seen:
        result.duplicates.append(source)
        return
    language = lang_mod.detect(p.title + "\n" + p.body)
    if language not in lang_mod.SUPPORTED:
        result.errors.append(
            SourceError(source, f"unsupported language: {language or 'unknown'} (reads ko, zh, en)")
        )
        return
    if p.published is not None and p.published.tzinfo is None:
        p.published = None
    seen.add(fp)
    published = p.published
    if published is None and p.body:
        published = parse_datetime(p.title, language)
    result.articles.append(
        Article(
            source=source,
            title=p.title,
            body=p.body,
            language=language,
            outlet=p.outlet,
            author=p.author,
            published=published.isoformat() if published else None,
            captions=p.captions,
            encoding=enc,
            fingerprint=fp,
        )
    )
