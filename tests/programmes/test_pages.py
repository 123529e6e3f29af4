"""Programme pages: the finder in ko / zh / en, live filters, the form with its errors, the eligibility page."""

from __future__ import annotations

import re
from datetime import date, timedelta

from tests.support import login

TODAY = date.today()


def _csrf(client) -> str:
    m = re.search(r'"X-CSRF-Token": "([^"]+)"', client.get("/programmes").text)
    assert m
    return m.group(1)


def test_the_finder_is_translated_and_filters_live(client, make_user, make_org, make_prog):
    operator = make_user()
    zone = make_org(owner=operator, name_zh="大兴机场临空经济区", org_type="economic_zone", country="CN")
    make_prog(operator, zone, prog_type="zone_landing", texts={"zh": {"title": "外资企业一站式落地服务"}})
    make_prog(operator, zone, prog_type="competition", texts={"zh": {"title": "中韩创业大赛"}})
    ko = client.get("/programmes", params={"lang": "ko"})
    assert ko.status_code == 200
    assert "지원 프로그램" in ko.text and "경제구역 입주(사무소·법인·공장)" in ko.text  # title, type label
    assert "外资企业一站式落地服务" in ko.text  # user content stays as written
    zh = client.get("/programmes", params={"lang": "zh-Hans"})
    assert "支持项目" in zh.text and "正在招募（截止日期为今天或以后）" in zh.text
    assert '<a href="/programmes">项目</a>' in zh.text  # the main navigation link
    # HTMX asks for the results only.
    r = client.get(
        "/programmes",
        params={"prog_type": "competition"},
        headers={"HX-Request": "true", "HX-Target": "results"},
    )
    assert "<html" not in r.text and "中韩创业大赛" in r.text and "外资企业" not in r.text
    assert "1 个项目" in r.text  # the language chosen last (a cookie) sticks
    # An unknown code in the query string is ignored, not an error page.
    assert client.get("/programmes", params={"sector": "nope", "stage": "x"}).status_code == 200


def test_an_operator_member_publishes_and_edits_through_the_form(client, db, make_user, make_org):
    member = make_user()
    org = make_org(
        owner=member, name_ko="글로벌혁신센터", org_type="support_agency", country="KR", city="Beijing"
    )
    login(client, member.email)
    page = client.get("/programmes/new", params={"lang": "ko"})
    assert page.status_code == 200 and "프로그램 게시" in page.text
    form = {
        "csrf_token": _csrf(client),
        "organisation_id": str(org.id),
        "prog_type": "competition",
        "status": "published",
        "country": "CN",
        "city": "Beijing",
        "format": "hybrid",
        "opens_on": str(TODAY + timedelta(days=20)),
        "deadline": str(TODAY + timedelta(days=10)),
        "capacity": "many",
        "link_url": "ftp://x",
        "description_ko": "제목 없는 설명",
    }
    r = client.post("/programmes/new", data=form)
    assert r.status_code == 422
    assert "신청 마감일은 신청 시작일보다 빠를 수 없습니다." in r.text  # the cross-field rule, in Korean
    assert 'id="e-capacity"' in r.text and 'id="e-link_url"' in r.text
    form.update(
        opens_on="", capacity="30", link_url="https://kic.example/apply", title_ko="한중 스타트업 경진대회"
    )
    form["stages"] = ["seed", "early"]
    r = client.post("/programmes/new", data=form, follow_redirects=False)
    assert r.status_code == 303, r.text
    url = r.headers["location"]
    detail = client.get(url, params={"lang": "ko"})
    assert "한중 스타트업 경진대회" in detail.text and "신청 자격" in detail.text and "시드" in detail.text
    edit = {**form, "title_ko": "KIC중국 한중 스타트업 경진대회", "status": "closed"}
    r = client.post(url + "/edit", data=edit, follow_redirects=False)
    assert r.status_code == 303
    assert "KIC중국" in client.get(url).text
    mine = client.get("/my/programmes", params={"lang": "zh-Hans"})
    assert "KIC중국 한중 스타트업 경진대회" in mine.text and "已关闭" in mine.text


def test_the_eligibility_page_shows_reasons_and_near_misses(client, make_user, make_org, make_prog):
    founder, operator = make_user(), make_user()
    make_org(owner=founder, name_ko="로보터치", sectors=["humanoid_robots"], stage="early", country="KR")
    centre = make_org(
        owner=operator, name_zh="人形机器人创新中心", org_type="research_institute", country="CN"
    )
    make_prog(
        operator,
        centre,
        sectors=["humanoid_robots"],
        nationalities=["KR"],
        texts={"zh": {"title": "孵化计划"}},
    )
    make_prog(operator, centre, stages=["mature"], texts={"zh": {"title": "成熟企业落地"}})
    login(client, founder.email)
    r = client.get("/programmes/eligible", params={"lang": "ko"})
    assert r.status_code == 200
    text = r.text
    assert "신청할 수 있는 프로그램 1개" in text and "아깝게 놓친 프로그램 1개" in text
    assert "분야가 맞습니다: 휴머노이드 로봇." in text
    assert "성숙 단계 대상입니다. 귀사: 초기." in text
    assert text.index("孵化计划") < text.index("成熟企业落地")


def test_eligibility_page_shows_twenty_and_more_on_request(client, db, make_user, make_org, make_prog):
    from tests.support import login

    operator, founder = make_user(), make_user()
    zone = make_org(owner=operator, country="CN")
    firm = make_org(owner=founder, sectors=["robotics"])
    for _ in range(25):
        make_prog(operator, zone)
    login(client, founder.email)
    page = client.get(f"/programmes/eligible?org={firm.id}&lang=ko").text
    assert len(set(re.findall(r'href="/programmes/(\d+)"', page))) == 20
    assert "더 보기" in page and "show=60" in page and "20 / 25" in page
    page = client.get(f"/programmes/eligible?org={firm.id}&show=60&lang=ko").text
    assert "더 보기" not in page and len(set(re.findall(r'href="/programmes/(\d+)"', page))) == 25
    assert client.get(f"/programmes/eligible?org={firm.id}&show=100000").status_code == 422
