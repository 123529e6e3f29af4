"""Pages: "Save this search" on /matches and /organisations for signed-in users, and /searches to run,
rename, re-schedule and delete, in the visitor's language, only for the owner, with CSRF."""

from __future__ import annotations

import html
import re

from tests.support import csrf_of, login


def _save_form(page: str) -> dict[str, str]:
    form = page[page.index('action="/searches"') :]
    form = form[: form.index("</form>")]
    return {
        k: html.unescape(v) for k, v in re.findall(r'name="(csrf_token|source|params)" value="([^"]*)"', form)
    }


def _ids(db, user):
    from kcbridge.alerts import repository as repo

    db.expire_all()
    ids = [s.id for s in repo.of_user(db, user.id)]
    db.commit()  # the test's session must not keep SQLite's write lock while the app writes
    return ids


def test_save_from_the_directory_then_manage_it(client, db, make_user, make_org):
    user = make_user(email="saver@test.example")
    make_org(name_en="Shanghai Cloud", country="CN", sectors=["cloud"])
    assert "Save this search" not in client.get("/organisations").text  # anonymous: no save form
    login(client, "saver@test.example")
    page = client.get("/organisations", params={"country": "CN", "sector": "cloud"})
    fields = _save_form(page.text)
    assert fields["source"] == "/organisations" and "country=CN" in fields["params"]
    r = client.post("/searches", data={**fields, "name": "", "frequency": "weekly"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/searches?saved=1"
    listing = client.get("/searches?saved=1")
    assert "Cloud" in listing.text and "Weekly" in listing.text and "China" in listing.text
    [sid] = _ids(db, user)

    token = csrf_of(client, "/searches")
    r = client.post(
        f"/searches/{sid}/edit", data={"csrf_token": token, "name": "Cloud in China", "frequency": "never"}
    )
    assert r.status_code == 200 and "Cloud in China" in r.text and "Never (no alerts)" in r.text
    bad = client.post(f"/searches/{sid}/edit", data={"csrf_token": token, "name": "", "frequency": "daily"})
    assert bad.status_code == 422 and "This field is required." in bad.text
    run = client.post(f"/searches/{sid}/run", data={"csrf_token": token}, follow_redirects=False)
    assert run.status_code == 303 and run.headers["location"] == "/organisations?country=CN&sector=cloud"
    assert client.post(f"/searches/{sid}/delete", data={"csrf_token": token}).status_code == 200
    assert _ids(db, user) == []


def test_save_from_matches_keeps_text_and_filters(client, db, make_user):
    user = make_user(email="matcher@test.example")
    login(client, "matcher@test.example")
    page = client.get(
        "/matches", params={"q": "humanoid robot hands", "kind": "organisation", "target": "CN"}
    )
    fields = _save_form(page.text)
    assert fields["source"] == "/matches"
    client.post("/searches", data={**fields, "name": "Robot hands", "frequency": "daily"})
    from kcbridge.alerts import repository as repo

    [search] = repo.of_user(db, user.id)
    db.commit()
    assert search.kind == "match"
    assert search.criteria == {
        "text": "humanoid robot hands",
        "organisation_id": None,
        "kinds": ["organisation"],
        "target": "CN",
    }
    r = client.post(
        f"/searches/{search.id}/run", data={"csrf_token": fields["csrf_token"]}, follow_redirects=False
    )
    assert r.headers["location"] == "/matches?q=humanoid+robot+hands&kind=organisation&target=CN"


def test_a_match_search_without_text_is_refused_with_a_translated_message(client, make_user):
    make_user(email="empty@test.example")
    login(client, "empty@test.example")
    token = csrf_of(client, "/searches")
    r = client.post(
        "/searches",
        data={
            "csrf_token": token,
            "source": "/matches",
            "params": "q=+&target=CN",
            "name": "",
            "frequency": "daily",
        },
        params={"lang": "ko"},
    )
    assert r.status_code == 422
    assert "제공하거나 찾고 있는 내용을 간단히 적어 주세요." in r.text
    long = client.post(
        "/searches",
        data={
            "csrf_token": token,
            "source": "/organisations",
            "params": "",
            "name": "x" * 200,
            "frequency": "daily",
        },
    )
    assert long.status_code == 422 and "120" in long.text


def test_pages_in_korean_and_chinese(client, db, make_user):
    from kcbridge.alerts.schemas import SavedSearchIn
    from kcbridge.alerts.service import saved_search_service

    user = make_user(email="ko@test.example")
    saved_search_service.create(
        db,
        user=user,
        data=SavedSearchIn(kind="directory", name="클라우드", criteria={"country": "CN"}),
        lang="ko",
    )
    db.commit()
    login(client, "ko@test.example")
    ko = client.get("/searches", params={"lang": "ko"}).text
    assert "저장한 검색" in ko and "매일" in ko and "중국" in ko and "Saved searches" not in ko
    zh = client.get("/searches", params={"lang": "zh"}).text
    assert "已保存的搜索" in zh and "每天" in zh and "中国" in zh and "Saved searches" not in zh
    directory = client.get("/organisations", params={"lang": "zh"}).text
    assert "保存此搜索" in directory


def test_only_the_owner_and_only_with_csrf(client, db, make_user):
    from kcbridge.alerts.schemas import SavedSearchIn
    from kcbridge.alerts.service import saved_search_service

    owner = make_user(email="owner@test.example")
    make_user(email="other@test.example")
    sid = saved_search_service.create(
        db, user=owner, data=SavedSearchIn(kind="directory", criteria={}), lang="en"
    ).id
    db.commit()
    anon = client.get("/searches", follow_redirects=False)
    assert anon.status_code == 303 and anon.headers["location"].startswith("/login")
    token = csrf_of(client, "/login")
    for action in ("edit", "delete", "run"):
        assert client.post(f"/searches/{sid}/{action}", data={"csrf_token": token}).status_code == 401
    login(client, "other@test.example")
    token = csrf_of(client, "/searches")
    assert "/searches/" not in client.get("/searches").text.replace('action="/searches"', "")
    for action in ("edit", "delete", "run"):
        r = client.post(
            f"/searches/{sid}/{action}", data={"csrf_token": token, "name": "x", "frequency": "daily"}
        )
        assert r.status_code == 404, action
    client.cookies.clear()
    login(client, "owner@test.example")
    assert client.post(f"/searches/{sid}/delete", data={}).status_code == 403  # no CSRF token
    assert (
        client.post(f"/searches/{sid}/delete", data={"csrf_token": csrf_of(client, "/searches")}).status_code
        == 200
    )
