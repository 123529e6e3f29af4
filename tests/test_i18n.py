"""Translations: every catalog complete, language negotiation, the language switch, and no English left
on the main pages once they are shown in Korean or Chinese."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from babel.messages.pofile import read_po

from kcbridge.kit import i18n
from kcbridge.kit.i18n_catalogs import problems
from tests.support.catalogs import catalog_msgids, is_translated, msgid_pattern

MAIN_PAGES = ("/", "/organisations", "/login", "/register", "/password/forgot")


# (a) catalogs -------------------------------------------------------------------------------------------


def test_every_string_is_translated_in_every_locale_with_placeholders_intact():
    found = problems()
    assert found == [], "\n".join(found)


def test_a_string_has_one_translation_in_every_domain():
    """The domain catalogs of a locale are merged into one at runtime, so a msgid translated differently
    in two domains would show one domain's wording on the other's pages."""
    clashes = []
    for locale in i18n.LOCALES:
        seen: dict[str, dict[str, str]] = {}
        for po in sorted((i18n.LOCALE_DIR / locale / "LC_MESSAGES").glob("*.po")):
            with po.open("rb") as fh:
                catalog = read_po(fh, locale=locale.replace("_Hans", ""))
            for m in catalog:
                if m.id and m.string:
                    key = m.id if isinstance(m.id, str) else m.id[0]
                    seen.setdefault(key, {})[po.stem] = str(m.string)
        clashes += [f"{locale}: {k!r} {v}" for k, v in seen.items() if len(set(v.values())) > 1]
    assert not clashes, "\n".join(clashes)


def test_korean_and_chinese_have_one_plural_form():
    for locale in ("ko", "zh_Hans"):
        t = i18n.translations(locale)
        assert t.plural(1) == t.plural(2) == t.plural(0) == 0, locale


# (b) negotiation ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "locale"),
    [
        ("ko-KR,ko;q=0.9,en;q=0.8", "ko"),
        ("zh-CN,zh;q=0.9", "zh_Hans"),
        ("en-US,en;q=0.9", "en"),
        ("fr-FR,ko;q=0.5", "ko"),
        ("en;q=0.3,zh-CN;q=0.8", "zh_Hans"),
        ("fr-FR", "en"),
        ("", "en"),
        (None, "en"),
        (";;q=abc", "en"),
        ("ko;q=abc", "en"),
        (",,,", "en"),
    ],
)
def test_negotiate(header, locale):
    assert i18n.negotiate(header) == locale


@pytest.mark.parametrize(
    ("code", "locale"),
    [
        ("zh-Hans", "zh_Hans"),
        ("ZH_cn", "zh_Hans"),
        ("zh", "zh_Hans"),
        ("ko_KR", "ko"),
        ("ko", "ko"),
        (" EN-gb ", "en"),
        ("xx", None),
        ("", None),
        (None, None),
    ],
)
def test_normalize_locale(code, locale):
    assert i18n.normalize_locale(code) == locale


# (c) through the app ------------------------------------------------------------------------------------


def html_lang(html: str) -> str:
    m = re.search(r'<html lang="([^"]+)"', html)
    assert m, "no <html lang>"
    return m.group(1)


def test_lang_parameter_sets_the_cookie_and_sticks(client):
    r = client.get("/?lang=ko")
    assert r.status_code == 200
    assert html_lang(r.text) == "ko"
    assert client.cookies.get("kcb_lang") == "ko"
    assert "기관 디렉터리" in r.text
    for path in ("/", "/organisations", "/login"):
        r = client.get(path)
        assert r.status_code == 200
        assert html_lang(r.text) == "ko", path
    # An explicit choice beats the browser's preference.
    r = client.get("/", headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    assert html_lang(r.text) == "ko"
    r = client.get("/?lang=zh-Hans")
    assert html_lang(r.text) == "zh-Hans"
    assert html_lang(client.get("/login").text) == "zh-Hans"


def test_unknown_lang_falls_back_without_error(client):
    r = client.get("/?lang=xx")
    assert r.status_code == 200
    assert html_lang(r.text) == "en"
    assert client.cookies.get("kcb_lang") is None
    r = client.get("/?lang=xx", headers={"Accept-Language": "ko-KR,ko;q=0.9"})
    assert r.status_code == 200
    assert html_lang(r.text) == "ko"


def test_accept_language_chooses_the_locale(client):
    r = client.get("/", headers={"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5"})
    assert r.status_code == 200
    assert html_lang(r.text) == "zh-Hans"
    assert "机构名录" in r.text
    r = client.get("/", headers={"Accept-Language": "fr-FR"})
    assert html_lang(r.text) == "en"


# (d) no English left on the main pages ------------------------------------------------------------------


class _Text(HTMLParser):
    """The visible text nodes of a page (script and style left out)."""

    def __init__(self) -> None:
        super().__init__()
        self.chunks: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text and not self._skip:
            self.chunks.append(text)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "\n".join(parser.chunks)


def test_visible_text_extraction():
    html = "<p>Hello <b>world</b></p><script>var x = 'Log in';</script><style>p{}</style>"
    assert visible_text(html) == "Hello\nworld"
    assert msgid_pattern("Page %(page)d of %(pages)d").search("x\nPage 2 of 9\n")
    assert not msgid_pattern("Search").search("Searching…")


@pytest.mark.parametrize("locale", ["ko", "zh_Hans"])
@pytest.mark.parametrize("path", MAIN_PAGES)
def test_main_pages_show_no_english_interface_text(client, path, locale):
    english = client.get(path, params={"lang": "en"})
    assert english.status_code == 200
    en_text = visible_text(english.text)
    msgids = catalog_msgids()
    shown = [m for m in msgids if msgid_pattern(m).search(en_text)]
    assert shown, f"no catalog string found on the English {path}"

    page = client.get(path, params={"lang": locale})
    assert page.status_code == 200
    assert html_lang(page.text) == i18n.HTML_LANG[locale]
    text = visible_text(page.text)
    left = [m for m in shown if is_translated(msgids[m], locale) and msgid_pattern(m).search(text)]
    assert not left, f"English left on {path} in {locale}: {left}"
