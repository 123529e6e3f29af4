"""Directory pages: forms with translated field errors, language fallback, duplicate warnings, escaping."""

from __future__ import annotations

import html
import re

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select
from tests.support import csrf_of, login

from kcbridge.accounts import security
from kcbridge.directory.models import Organisation
from kcbridge.kit.i18n import translations

REQUIRED = "This field is required."
NO_NAME = "Give the organisation a name in at least one language."
WHOLE_NUMBER = "Enter a whole number."


@pytest.fixture(autouse=True)
def cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Still argon2, with the smallest cost, so that the suite stays fast."""
    monkeypatch.setattr(security, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def member(client, make_user):  # noqa: ANN001, ANN201
    """A logged-in user (the client carries the session)."""
    user = make_user()
    login(client, user.email)
    return user


def field_error(page: str, name: str) -> str | None:
    """The error shown under form field `name`, or None."""
    m = re.search(
        rf'id="f-{re.escape(name)}"[^>]*>(?:(?!<label).)*?<div class="field-error"[^>]*>(.*?)</div>',
        page,
        re.S,
    )
    return html.unescape(m.group(1)) if m else None


def submit(client, path: str, data: dict[str, object], query: str = ""):  # noqa: ANN001, ANN201
    token = csrf_of(client, "/organisations/new")
    return client.post(path + query, data={"csrf_token": token, **data}, follow_redirects=False)


def in_locale(locale: str, msgid: str) -> str:
    return translations(locale).gettext(msgid)


def test_missing_and_invalid_fields_show_the_form_again_with_field_errors(client, member):
    r = submit(
        client,
        "/organisations/new",
        {"name_en": "Robotouch", "org_type": "", "country": "", "founded_year": "abc", "city": "Seoul"},
    )
    assert r.status_code == 422
    assert field_error(r.text, "org_type") == REQUIRED
    assert field_error(r.text, "country") == REQUIRED
    assert field_error(r.text, "founded_year") == WHOLE_NUMBER
    assert field_error(r.text, "name_en") is None
    # What the visitor typed is kept.
    assert 'value="Robotouch"' in r.text and 'value="Seoul"' in r.text


@pytest.mark.parametrize(
    ("data", "field", "msgid"),
    [
        ({"org_type": "spaceship"}, "org_type", "Unknown organisation type: spaceship"),
        ({"founded_year": "1700"}, "founded_year", "Enter a year between 1800 and this year."),
        ({"website": "not a site"}, "website", "Enter a web address such as https://example.com."),
        ({"description_en": "x" * 10_001}, "description_en", "Enter at most 10000 characters."),
        ({"sectors": "teleportation"}, "sectors", "Unknown sector: teleportation"),
    ],
)
def test_each_bad_field_is_named(client, member, data, field, msgid):
    base = {"name_en": "Robotouch", "org_type": "company", "country": "KR"}
    r = submit(client, "/organisations/new", {**base, **data})
    assert r.status_code == 422
    if field == "sectors":  # the checkboxes share one error line under the group
        assert f'<div class="field-error">{msgid}</div>' in r.text
    else:
        assert field_error(r.text, field) == msgid
    assert client.get("/api/v1/organisations").json()["total"] == 0


def test_an_organisation_without_any_name_is_refused_for_the_whole_form(client, member):
    r = submit(client, "/organisations/new", {"org_type": "company", "country": "KR"})
    assert r.status_code == 422
    assert NO_NAME in html.unescape(r.text)


@pytest.mark.parametrize(("how", "locale"), [("query", "ko"), ("cookie", "zh_Hans"), ("query", "zh_Hans")])
def test_field_errors_are_in_the_visitors_language(client, member, how, locale):
    code = {"ko": "ko", "zh_Hans": "zh"}[locale]
    query = ""
    if how == "query":
        query = f"?lang={code}"
    else:
        client.cookies.set("kcb_lang", code)
    r = submit(
        client,
        "/organisations/new",
        {"name_en": "R", "org_type": "", "country": "KR", "founded_year": "x"},
        query,
    )
    assert r.status_code == 422
    for name, msgid in (("org_type", REQUIRED), ("founded_year", WHOLE_NUMBER)):
        expected = in_locale(locale, msgid)
        assert expected != msgid, f"{locale} catalog has no translation of {msgid!r}"
        assert field_error(r.text, name) == expected
    r = submit(client, "/organisations/new", {"org_type": "company", "country": "KR"}, query)
    assert in_locale(locale, NO_NAME) != NO_NAME
    assert in_locale(locale, NO_NAME) in html.unescape(r.text)


def test_a_language_choice_sticks_in_a_cookie(client):
    r = client.get("/organisations?lang=ko")
    assert r.headers["content-language"] == "ko"
    assert client.cookies.get("kcb_lang") == "ko"
    assert client.get("/organisations").headers["content-language"] == "ko"


@pytest.mark.parametrize(
    ("query", "cookie", "accept", "expected"),
    [
        ("?lang=xx", None, None, "en"),
        ("?lang=../../etc", None, None, "en"),
        ("?lang=", None, None, "en"),
        ("", "fr", None, "en"),
        ("?lang=xx", None, "zh-CN,zh;q=0.9", "zh-Hans"),
        ("", "klingon", "ko-KR", "ko"),
    ],
)
def test_an_unknown_language_code_falls_back_without_an_error(client, query, cookie, accept, expected):
    if cookie:
        client.cookies.set("kcb_lang", cookie)
    headers = {"Accept-Language": accept} if accept else {}
    r = client.get("/organisations" + query, headers=headers)
    assert r.status_code == 200
    assert r.headers["content-language"] == expected
    assert f'lang="{expected}"' in r.text
    if query:
        assert client.cookies.get("kcb_lang") in (None, cookie)  # an unknown code is not remembered


def test_api_unknown_lang_falls_back_to_the_first_name(client, make_org):
    org = make_org(name_ko="로보터치", name_en="Robotouch")
    for lang, expected in (("xx", "Robotouch"), ("ko", "로보터치"), ("zh", "로보터치")):
        r = client.get(f"/api/v1/organisations/{org.id}", params={"lang": lang})
        assert r.status_code == 200 and r.json()["name"] == expected


def test_a_duplicate_name_in_the_same_country_is_warned_and_needs_confirmation(client, member, make_org):
    make_org(name_ko="로보터치", country="KR")
    data = {"name_ko": "로보터치", "org_type": "company", "country": "KR"}
    r = submit(client, "/organisations/new", data)
    assert r.status_code == 409
    assert "Another organisation in this country already has this name" in html.unescape(r.text)
    assert 'name="confirm_duplicate"' in r.text
    assert client.get("/api/v1/organisations").json()["total"] == 1
    r = submit(client, "/organisations/new", {**data, "confirm_duplicate": "1"})
    assert r.status_code == 303
    assert client.get("/api/v1/organisations").json()["total"] == 2


def test_the_same_name_in_another_country_is_not_a_duplicate(client, member, make_org):
    make_org(name_en="Robotouch", country="KR")
    r = submit(client, "/organisations/new", {"name_en": "ROBOTOUCH", "org_type": "company", "country": "CN"})
    assert r.status_code == 303


def test_api_create_returns_duplicate_warnings_but_creates(client, make_user, make_org, api_token):
    make_org(name_en="Robotouch", country="KR")
    body = {"name_en": "robotouch", "org_type": "company", "country": "KR"}
    r = client.post("/api/v1/organisations", json=body, headers=api_token(make_user()))
    assert r.status_code == 201
    assert len(r.json()["warnings"]) == 1
    body["country"] = "CN"
    r = client.post("/api/v1/organisations", json=body, headers=api_token(make_user()))
    assert r.json()["warnings"] == []


def test_edit_form_keeps_errors_per_field_and_saves_valid_changes(client, member, make_org):
    org = make_org(owner=member, name_en="Robotouch", city="Seoul")
    page = client.get(f"/organisations/{org.id}/edit")
    assert page.status_code == 200 and 'value="Robotouch"' in page.text
    data = {
        "name_en": "Robotouch",
        "org_type": "company",
        "country": "KR",
        "city": "Busan",
        "founded_year": "20x",
    }
    r = submit(client, f"/organisations/{org.id}/edit", data)
    assert r.status_code == 422
    assert field_error(r.text, "founded_year") == WHOLE_NUMBER
    assert client.get(f"/api/v1/organisations/{org.id}").json()["city"] == "Seoul"  # nothing saved
    data["founded_year"] = "2019"
    r = submit(client, f"/organisations/{org.id}/edit", data)
    assert r.status_code == 303
    saved = client.get(f"/api/v1/organisations/{org.id}").json()
    assert saved["city"] == "Busan" and saved["founded_year"] == 2019


def test_contact_person_form_names_bad_fields(client, member, make_org):
    org = make_org(owner=member)
    token = csrf_of(client, f"/organisations/{org.id}")
    r = client.post(
        f"/organisations/{org.id}/people",
        data={"csrf_token": token, "name": "Kim", "email": "not-mail", "phone": "call me"},
    )
    assert r.status_code == 422
    assert field_error(r.text, "email") and field_error(r.text, "phone")
    assert field_error(r.text, "name") is None
    r = client.post(
        f"/organisations/{org.id}/people",
        data={
            "csrf_token": token,
            "name": "김지훈",
            "email": "kim@robo.example",
            "phone": "+82 10-1234-5678",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert [p["name"] for p in client.get(f"/api/v1/organisations/{org.id}/people").json()] == ["김지훈"]


EVIL = [
    "<script>alert('x')</script>",
    "Robert'); DROP TABLE organisation;--",
    '" onmouseover="alert(1)',
    "<img src=x onerror=alert(2)>",
    "1' OR '1'='1",
]


def test_sql_and_html_in_every_text_field_are_stored_as_text_and_shown_escaped(client, member, db):
    texts = {
        f"{f}_{lang}": f"{lang}-{f} {EVIL[i % len(EVIL)]}"
        for i, (f, lang) in enumerate(
            (f, lang) for f in ("description", "offer", "seek") for lang in ("ko", "zh", "en")
        )
    }
    data = {
        "name_ko": "로보 " + EVIL[0],
        "name_zh": "机器 " + EVIL[1],
        "name_en": "Robo " + EVIL[2],
        "city": EVIL[3],
        "org_type": "company",
        "country": "KR",
        **texts,
    }
    r = submit(client, "/organisations/new", data)
    assert r.status_code == 303, r.text
    org_id = int(r.headers["location"].split("/")[2].split("?")[0])
    token = csrf_of(client, f"/organisations/{org_id}")
    client.post(
        f"/organisations/{org_id}/people",
        data={"csrf_token": token, "name": EVIL[4], "title": EVIL[0]},
        follow_redirects=False,
    )

    saved = client.get(f"/api/v1/organisations/{org_id}").json()
    assert saved["names"] == {"ko": data["name_ko"], "zh": data["name_zh"], "en": data["name_en"]}
    assert saved["city"] == EVIL[3]
    for lang in ("ko", "zh", "en"):
        for f in ("description", "offer", "seek"):
            assert saved["texts"][lang][f] == texts[f"{f}_{lang}"]
    assert [(p["name"], p["title"]) for p in saved["people"]] == [(EVIL[4], EVIL[0])]
    assert db.scalar(select(Organisation.name_zh).where(Organisation.id == org_id)) == data["name_zh"]
    db.commit()

    pages = [
        f"/organisations/{org_id}",
        f"/organisations/{org_id}/edit",
        "/organisations",
        "/organisations?q=robo",
        "/my/organisations",
        "/",
    ]
    for path in pages:
        page = client.get(path).text
        assert "<script>alert" not in page, path
        assert "<img src=x" not in page, path
        assert 'onmouseover="alert' not in page, path
    profile = client.get(f"/organisations/{org_id}").text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in profile
    partial = client.get("/organisations?q=robo", headers={"HX-Request": "true", "HX-Target": "results"})
    assert partial.status_code == 200 and "<script>alert" not in partial.text


# Interface text in the visitor's language -----------------------------------------------------------------


@pytest.mark.parametrize("locale", ["ko", "zh_Hans"])
def test_a_wrong_contact_e_mail_gets_our_translated_message_not_the_libraries_english(
    client, member, make_org, locale
):
    org = make_org(owner=member)
    token = csrf_of(client, f"/organisations/{org.id}")
    r = client.post(
        f"/organisations/{org.id}/people",
        params={"lang": locale},
        data={"csrf_token": token, "name": "Kim", "email": "kim.robo.example"},
    )
    assert r.status_code == 422
    assert field_error(r.text, "email") == in_locale(locale, "Enter a valid e-mail address.")
    assert "@-sign" not in r.text and "email address" not in r.text.lower()


def test_the_api_names_a_wrong_contact_e_mail_by_its_field(client, make_user, make_org, api_token):
    user = make_user()
    org = make_org(owner=user)
    r = client.post(
        f"/api/v1/organisations/{org.id}/people",
        json={"name": "Kim", "email": "kim.robo.example"},
        headers=api_token(user),
    )
    assert r.status_code == 422
    (err,) = r.json()["detail"]
    assert err["loc"][-1] == "email" and "Enter a valid e-mail address." in err["msg"]


@pytest.mark.parametrize(
    ("locale", "existing", "typed", "shown"),
    [
        ("ko", {"name_ko": "로보터치", "name_en": "Robotouch"}, {"name_en": "robotouch"}, "로보터치"),
        ("zh_Hans", {"name_zh": "乐博触", "name_en": "Robotouch"}, {"name_en": "Robotouch"}, "乐博触"),
        ("en", {"name_ko": "로보터치", "name_en": "Robotouch"}, {"name_ko": "로보터치"}, "Robotouch"),
        # No name in the reader's language: the name that clashed with what was typed.
        ("zh_Hans", {"name_ko": "로보터치", "name_en": "Robotouch"}, {"name_en": "ROBOTOUCH"}, "Robotouch"),
        ("en", {"name_ko": "로보터치", "name_zh": "乐博触"}, {"name_zh": "乐博触"}, "乐博触"),
    ],
)
def test_the_duplicate_warning_names_the_other_organisation_in_the_readers_language(
    client, member, make_org, locale, existing, typed, shown
):
    make_org(country="KR", **existing)
    r = submit(
        client, "/organisations/new", {**typed, "org_type": "company", "country": "KR"}, f"?lang={locale}"
    )
    assert r.status_code == 409
    warning = in_locale(locale, "Another organisation in this country already has this name: {name}")
    assert warning.format(name=shown) in html.unescape(r.text)


@pytest.mark.parametrize("locale", ["ko", "zh_Hans"])
def test_directory_pages_show_no_english_interface_text(client, member, make_org, make_user, locale):
    from tests.support.ui_language import english_left

    org = make_org(
        owner=member,
        name_ko="로보터치",
        name_zh="乐博触",
        name_en="Robotouch",
        city="Seoul",
        website="https://robotouch.example",
        people=({"name": "김지훈", "title": "CTO", "email": "kim@robo.example", "languages": ["ko", "en"]},),
    )
    other = make_org(name_ko="판교비전", name_zh="板桥远景", name_en="Pangyo Vision", country="KR")
    content = ("Seoul", "https://robotouch.example", "CTO", "Test User")
    for path in (
        "/organisations",
        "/organisations/new",
        "/my/organisations",
        f"/organisations/{org.id}",
        f"/organisations/{org.id}/edit",
        f"/organisations/{other.id}",
    ):
        assert english_left(client, path, locale, content=content) == [], path


def test_directory_page_has_a_semantic_search_box_in_the_reader_language(client):
    """Any language in, all languages out: the box sends the description to the matching page."""
    from kcbridge.kit import i18n

    html = client.get("/organisations?lang=zh_Hans").text
    box = html[html.index('action="/matches"') :]
    assert 'name="q"' in box.split("</form>")[0]
    label = i18n.translations("zh_Hans").gettext(
        "Describe what you seek in your own words, and find partners in any language"
    )
    assert label in box and any("\u4e00" <= ch <= "\u9fff" for ch in label)
