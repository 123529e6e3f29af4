"""The directory's result list (built from plain rows, not ORM objects): names and texts in the reader's
language with the same fallbacks as everywhere else, logos, paging, the HTMX fragment, the signed-in frame."""

from __future__ import annotations

import html
import io
import re

import pytest
from argon2 import PasswordHasher
from PIL import Image
from tests.support import login

from kcbridge.accounts import security
from kcbridge.directory.service import directory_service


@pytest.fixture(autouse=True)
def cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(security, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


def cards(page: str) -> list[dict[str, object]]:
    """Each result card: its title, other names, the text shown (with its lang) and whether a logo shows."""
    out = []
    for m in re.finditer(r'<article class="org-card">(.*?)</article>', page, re.S):
        card = m.group(1)
        text = re.search(r'<p lang="(\w+)">(.*?)</p>', card, re.S)
        alt = re.search(r'<div class="alt">(.*?)</div>', card, re.S)
        out.append(
            {
                "title": html.unescape(re.search(r"<h3><a [^>]*>(.*?)</a></h3>", card, re.S).group(1)),  # type: ignore[union-attr]
                "others": html.unescape(alt.group(1)).split(" · ") if alt else [],
                "text": (text.group(1), html.unescape(text.group(2))) if text else None,
                "logo": "<img " in card,
            }
        )
    return out


def test_cards_show_the_readers_language_and_fall_back_like_the_profile(client, make_org):
    make_org(
        name_ko="로보터치",
        name_zh="乐博触",
        name_en="Robotouch",
        texts={"ko": {"description": "휴머노이드 로봇손"}, "en": {"description": "Humanoid robot hands"}},
    )
    make_org(name_zh="深圳灵巧", country="CN", texts={"zh": {"description": "灵巧手制造商"}})
    zh = {c["title"]: c for c in cards(client.get("/organisations?lang=zh-Hans").text)}
    assert zh["乐博触"]["others"] == ["로보터치", "Robotouch"]
    assert zh["乐博触"]["text"] == (
        "ko",
        "휴머노이드 로봇손",
    )  # no Chinese text: the Korean firm's home language
    assert zh["深圳灵巧"] == {
        "title": "深圳灵巧",
        "others": [],
        "text": ("zh", "灵巧手制造商"),
        "logo": False,
    }
    en = {c["title"]: c for c in cards(client.get("/organisations?lang=en").text)}
    assert en["Robotouch"]["text"] == ("en", "Humanoid robot hands")
    assert en["深圳灵巧"]["title"] == "深圳灵巧"  # no English name: the first one given


def test_long_texts_are_shortened_and_markup_is_shown_as_text(client, make_org):
    make_org(name_en="<b>Bold</b> Ltd", texts={"en": {"description": "<script>x</script> " + "word " * 80}})
    page = client.get("/organisations?lang=en").text
    (card,) = cards(page)
    assert card["title"] == "<b>Bold</b> Ltd" and "<b>Bold" not in page
    assert card["text"][1].endswith("...") and len(card["text"][1]) <= 185  # type: ignore[index]


def test_paging_filters_and_the_htmx_fragment(client, make_org):
    for i in range(23):
        make_org(name_en=f"Gizmo {i:02d}", country="CN" if i % 2 else "KR")
    make_org(name_en="Other thing", country="CN")
    page2 = client.get("/organisations", params={"q": "gizmo", "page": 2, "lang": "en"}).text
    assert len(cards(page2)) == 3 and all(str(c["title"]).startswith("Gizmo") for c in cards(page2))
    assert "Page 2 of 2" in page2
    fragment = client.get(
        "/organisations",
        params={"q": "gizmo", "country": "CN", "lang": "en"},
        headers={"HX-Request": "true", "HX-Target": "results"},
    )
    assert "<html" not in fragment.text and "11 organisations" in fragment.text
    assert {c["title"] for c in cards(fragment.text)} == {f"Gizmo {i:02d}" for i in range(1, 23, 2)}


def test_a_logo_and_the_signed_in_frame(client, make_org, make_user, db):
    buf = io.BytesIO()
    Image.new("RGB", (16, 16), (200, 30, 30)).save(buf, format="PNG")
    owner = make_user(name="Kim Logo")
    org = make_org(owner=owner, name_en="Logo Corp")
    directory_service.set_logo(db, user=owner, org_id=org.id, data=buf.getvalue())
    db.commit()
    make_org(name_en="Plain Corp")
    login(client, owner.email)
    page = client.get("/organisations?lang=en").text
    assert {c["title"]: c["logo"] for c in cards(page)} == {"Logo Corp": True, "Plain Corp": False}
    assert "Kim Logo" in page  # the frame knows who is signed in
    assert "Save this search" in page


def test_bad_query_values_are_4xx_not_500(client):
    assert client.get("/organisations", params={"page": 0}).status_code == 422
    assert client.get("/organisations", params={"q": "x" * 201}).status_code == 422
    assert client.get("/organisations", params={"country": "ZZ", "q": "'; DROP TABLE x"}).status_code == 200
