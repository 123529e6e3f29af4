"""Opportunity pages: board, detail, interest form, review queue, matches for you."""

from __future__ import annotations

from tests.support import csrf_of, login


def test_pages_board_detail_and_interest_form(client, make_user, make_org, make_opp):
    owner, partner = make_user(), make_user()
    org = make_org(owner=owner)
    make_org(owner=partner, country="CN", name_zh="灵巧零部件")
    opp = make_opp(owner, org, texts={"ko": {"title": "로봇 손 제조 파트너 모집", "description": "설명"}})
    assert "로봇 손 제조 파트너 모집" in client.get("/opportunities", params={"lang": "ko"}).text
    login(client, partner.email)
    page = client.get(f"/opportunities/{opp.id}")
    assert page.status_code == 200
    token = csrf_of(client, f"/opportunities/{opp.id}")
    r = client.post(
        f"/opportunities/{opp.id}/interest",
        data={"csrf_token": token, "message": "合作"},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    assert "合作" in client.get("/interests").text


def test_new_form_review_queue_and_matches_pages(client, make_user, make_org, make_opp, staff):
    owner = make_user()
    org = make_org(
        owner=owner,
        name_ko="로보터치",
        sectors=["humanoid_robots"],
        texts={"ko": {"description": "휴머노이드 로봇 핸드를 만들고 중국 제조 파트너를 찾습니다."}},
    )
    make_org(
        name_zh="深圳触觉零部件",
        country="CN",
        sectors=["robot_components"],
        texts={"zh": {"description": "电子皮肤触觉传感器与灵巧手代工制造。"}},
    )
    login(client, owner.email)
    assert client.get("/opportunities/new").status_code == 200
    token = csrf_of(client, "/opportunities/new")
    bad = client.post(
        "/opportunities/new",
        data={"csrf_token": token, "organisation_id": org.id, "opp_type": "co_production"},
    )
    assert bad.status_code == 422 and 'class="flash flash-error"' in bad.text
    r = client.post(
        "/opportunities/new",
        data={
            "csrf_token": token,
            "organisation_id": org.id,
            "opp_type": "co_production",
            "sectors": ["humanoid_robots"],
            "coop_types": ["co_production"],
            "title_ko": "로봇 핸드 위탁 생산 파트너 모집",
            "description_ko": "중국 제조 파트너와 실증 현장을 찾습니다.",
            "submit": "1",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    opp_url = r.headers["location"]
    assert client.get("/opportunities/review").status_code == 403
    assert client.get(opp_url + "/edit").status_code == 200
    matches = client.get("/matches", params={"lang": "ko"})
    assert matches.status_code == 200 and "深圳触觉零部件" in matches.text
    assert '<option value="CN" selected>' in matches.text  # a Korean firm looks in China first
    by_text = client.get("/matches", params={"q": "휴머노이드 로봇 손 촉각 센서"})
    assert by_text.status_code == 200 and "深圳触觉零部件" in by_text.text
    assert client.get("/matches", params={"q": "   "}).status_code == 200  # shows nothing, no error page
    similar = client.get(f"/organisations/{org.id}/similar")
    assert similar.status_code == 200 and "深圳触觉零部件" in similar.text
    assert (
        "深圳触觉零部件" not in client.get(f"/organisations/{org.id}/similar", params={"target": "KR"}).text
    )
    client.post("/logout", data={"csrf_token": csrf_of(client, "/opportunities")})
    login(client, staff.email)
    queue = client.get("/opportunities/review", params={"lang": "zh"})
    assert queue.status_code == 200 and "로봇 핸드 위탁 생산 파트너 모집" in queue.text
    token = csrf_of(client, "/opportunities/review")
    r = client.post(
        opp_url + "/review", data={"csrf_token": token, "decision": "reject"}, follow_redirects=False
    )
    assert r.status_code == 422  # a comment is required
    r = client.post(
        opp_url + "/review", data={"csrf_token": token, "decision": "approve"}, follow_redirects=False
    )
    assert r.status_code == 303
    assert "로봇 핸드 위탁 생산 파트너 모집" in client.get("/opportunities").text
    similar = client.get(opp_url + "/similar")
    assert similar.status_code == 200 and "深圳触觉零部件" in similar.text
    assert client.get("/notifications").status_code == 200


def test_interest_pages_accept_and_refusals(client, make_user, make_org, make_opp):
    owner, partner = make_user(), make_user()
    org = make_org(owner=owner)
    make_org(owner=partner, country="CN")
    opp = make_opp(owner, org)
    login(client, partner.email)
    token = csrf_of(client, f"/opportunities/{opp.id}")
    client.post(f"/opportunities/{opp.id}/interest", data={"csrf_token": token, "message": "hello"})
    dup = client.post(
        f"/opportunities/{opp.id}/interest",
        data={"csrf_token": token, "message": "again"},
        params={"lang": "ko"},
    )
    assert dup.status_code == 409 and "이미" in dup.text  # refused, in the visitor's language
    client.post("/logout", data={"csrf_token": token})
    login(client, owner.email)
    page = client.get("/interests")
    assert "hello" in page.text
    token = csrf_of(client, "/interests")
    eoi_id = int(page.text.split('action="/interests/')[1].split("/")[0])
    r = client.post(f"/interests/{eoi_id}/accept", data={"csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303
    assert client.get(f"/opportunities/{opp.id}").status_code == 200
    assert client.get("/notifications").status_code == 200
