"""Saved HTML pages and RSS/Atom feeds to articles (trafilatura, feedparser)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Any

import feedparser

from kcbridge.news.ingest.plain import Parsed, parse_datetime


class NoArticle(ValueError):
    """The document holds no article text."""


def from_html(html: str, language: str | None = None) -> Parsed:
    """The article of a saved page, without share buttons, comments and other furniture."""
    import trafilatura  # 0.1 s: only a web page's text loads it

    doc: Any = trafilatura.bare_extraction(
        html, include_comments=False, include_tables=False, with_metadata=True
    )
    if doc is None:
        raise NoArticle("HTML page with no article text")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = (data.get("text") or "").strip()
    if len(body) < 40:
        raise NoArticle("HTML page with no article text")
    published = _page_datetime(html, data.get("date"), language)
    return Parsed(
        title=(data.get("title") or "").strip(),
        body=body,
        outlet=data.get("sitename") or None,
        author=data.get("author") or None,
        published=published,
    )


_META_TIME = re.compile(
    r"""<meta[^>]+(?:article:published_time|pubdate|datePublished)[^>]+content=["']([^"']+)["']""", re.I
)


def _page_datetime(html: str, fallback: str | None, language: str | None) -> datetime | None:
    """The page's own published time with its offset (trafilatura keeps only the day)."""
    m = _META_TIME.search(html) or re.search(r'"datePublished"\s*:\s*"([^"]+)"', html)
    if m:
        try:
            return datetime.fromisoformat(m.group(1).replace("Z", "+00:00"))
        except ValueError:
            pass
    return parse_datetime(fallback, language) if fallback else None


def from_feed(data: bytes | str) -> list[tuple[str, Parsed]]:
    """Entries of an RSS/Atom feed as (link, article); the entry's own time offset is kept."""
    feed = feedparser.parse(data)
    if feed.bozo and not feed.entries:
        raise NoArticle(f"not a readable feed ({type(feed.bozo_exception).__name__})")
    outlet = feed.feed.get("title")
    out: list[tuple[str, Parsed]] = []
    for e in feed.entries:
        body = e.get("content", [{}])[0].get("value") if e.get("content") else e.get("summary", "")
        body = re.sub(r"<[^>]+>", " ", body or "").strip()
        raw_time = e.get("published") or e.get("updated")
        out.append(
            (
                e.get("link") or e.get("id") or "",
                Parsed(
                    title=e.get("title", ""),
                    body=body,
                    outlet=outlet,
                    author=e.get("author"),
                    published=_feed_time(raw_time),
                ),
            )
        )
    return out


def _feed_time(raw: str | None) -> datetime | None:
    """RFC 822 / ISO time with its original offset (feedparser's parsed form is UTC)."""
    if not raw:
        return None

    try:
        return parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        pass
    try:
        dt = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        return dt if dt.tzinfo else dt.replace(tzinfo=timezone(timedelta(0)))
    except ValueError:
        return None
