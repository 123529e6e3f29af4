"""End-to-end journeys in chromium: account, organisation, language switch, privacy, live search."""

from __future__ import annotations

import re
from typing import Any

import pytest

from kcbridge.kit import i18n

pytestmark = pytest.mark.browser
PASSWORD = "correct-horse-battery"


def tr(message: str, locale: str) -> str:
    """What the interface shows for `message` under `locale` (the catalogs, not a copy of them)."""
    return i18n.translations(locale).gettext(message)


def test_register_login_create_switch_language_and_logout_hides_contacts(new_page: Any) -> None:
    from playwright.sync_api import expect

    page = new_page("en-US")
    page.goto("/register")
    page.fill("#f-display_name", "Kim Minji")
    page.fill("#f-email", "minji@robotouch.example")
    page.fill("#f-password", PASSWORD)
    page.fill("#f-password2", PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_url("**/my/organisations")
    expect(page.locator(".account .who")).to_have_text("Kim Minji")

    # Log out, then in again with the new account.
    page.click("form[action='/logout'] button")
    page.wait_for_url(re.compile(r"/$"))
    expect(page.locator(".account a[href='/login']")).to_be_visible()
    page.click(".account a[href='/login']")
    page.fill("#f-email", "minji@robotouch.example")
    page.fill("#f-password", PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_url(re.compile(r"/dashboard$"))  # after logging in, one lands on one's dashboard
    expect(page.locator(".account .who")).to_have_text("Kim Minji")

    # An organisation described in Korean.
    page.goto("/organisations/new")
    page.fill("#f-name_ko", "로보터치")
    page.fill("#f-name_en", "Robotouch")
    page.select_option("#f-org_type", "company")
    page.select_option("#f-country", "KR")
    page.fill("#f-city", "서울")
    page.check("input[name=sectors][value=robotics]")
    description = "휴머노이드 로봇을 위한 정밀 로봇손을 만드는 서울의 스타트업입니다."
    page.fill("#f-description_ko", description)
    page.click("form.card button[type=submit]")
    page.wait_for_url(re.compile(r"/organisations/\d+\?created=1$"))
    profile_url = page.url.split("?")[0]
    expect(page.locator("h1")).to_have_text("Robotouch")
    expect(page.locator("section[lang=ko] .textblock")).to_have_text(description)

    # A contact person, visible to the member.
    page.fill("#people #f-name", "박지훈")
    page.fill("#people #f-title", "CTO")
    page.fill("#people #f-email", "jihoon.park@robotouch.example")
    page.click("#people button[type=submit]:has-text('Add')")
    page.wait_for_url(re.compile(r"/organisations/\d+#people$"))
    expect(page.locator("#people")).to_contain_text("jihoon.park@robotouch.example")

    # Switch the interface to Chinese with the visible language switch.
    switch = page.locator("#lang-select")
    expect(switch).to_be_visible()
    with page.expect_navigation():
        switch.select_option("zh_Hans")
    expect(page.locator(".mainnav a[href='/organisations']")).to_have_text(tr("Directory", "zh_Hans"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(page.locator("#people h2")).to_have_text(tr("Contact people", "zh_Hans"))
    expect(page.locator("form[action='/logout'] button")).to_have_text(tr("Log out", "zh_Hans"))
    # Content stays as written: the Korean description is still there, the name falls back to Korean.
    expect(page.locator("section[lang=ko] .textblock")).to_have_text(description)
    expect(page.locator("h1")).to_have_text("로보터치")

    # Log out: the anonymous view of the same profile shows no contact details.
    page.click("form[action='/logout'] button")
    page.wait_for_url(re.compile(r"/$"))
    expect(page.locator(".account a[href='/login']")).to_have_text(tr("Log in", "zh_Hans"))
    page.goto(profile_url)
    expect(page.locator("h1")).to_have_text("로보터치")
    people = page.locator("#people")
    expect(people.locator(".private-note")).to_be_visible()
    expect(people).not_to_contain_text("jihoon.park@robotouch.example")
    expect(people).not_to_contain_text("박지훈")
    assert "jihoon.park@robotouch.example" not in page.content()
    assert page.locator("a[href^='mailto:']").count() == 0

    # Last, so that a missing translation does not hide a broken journey: the page really is Chinese.
    shown = ("Directory", "Contact people", "Log out", "Log in")
    untranslated = [m for m in shown if tr(m, "zh_Hans") == m]
    assert not untranslated, f"the zh_Hans catalog leaves these in English: {untranslated}"


def type_like_an_ime(page: Any, selector: str, text: str) -> None:
    """Korean as a desktop IME delivers it: each syllable is inserted, then a keyup with key code 229.

    (Playwright's own typing inserts non-keyboard characters without any key events at all.)
    """
    page.focus(selector)
    cdp = page.context.new_cdp_session(page)
    try:
        for ch in text:
            cdp.send("Input.insertText", {"text": ch})
            cdp.send(
                "Input.dispatchKeyEvent",
                {"type": "keyUp", "key": "Process", "code": "", "windowsVirtualKeyCode": 229},
            )
            page.wait_for_timeout(40)
    finally:
        cdp.detach()


def test_live_search_updates_results_while_typing_korean(new_page: Any, make_org: Any) -> None:
    from playwright.sync_api import expect

    make_org(
        name_ko="로보터치",
        name_en="Robotouch",
        city="서울",
        sectors=["robotics"],
        texts={"ko": {"description": "휴머노이드 로봇손을 만드는 회사입니다"}},
    )
    make_org(
        name_zh="深圳灵巧智能科技有限公司",
        country="CN",
        city="深圳",
        sectors=["humanoid_robots", "robotics"],
        texts={"zh": {"description": "人形机器人灵巧手制造商"}},
    )
    make_org(name_ko="클라우디", name_en="Cloudy", texts={"ko": {"description": "클라우드 서비스"}})

    page = new_page("ko-KR")
    page.goto("/organisations")
    cards = page.locator("#results .org-card")
    expect(cards).to_have_count(3)
    page.evaluate("window.__sameDocument = true")

    search = page.locator("#q")
    with page.expect_response(lambda r: "/organisations?" in r.url and "q=" in r.url) as answer:
        type_like_an_ime(page, "#q", "클라우드")
    assert answer.value.request.headers.get("hx-request") == "true"
    expect(cards).to_have_count(1)
    expect(cards.first.locator("h3")).to_have_text("클라우디")

    search.fill("")
    type_like_an_ime(page, "#q", "로봇")
    # The robotics sector label (로봇 / 机器人 / Robotics) finds both robot makers.
    expect(cards).to_have_count(2)
    expect(page.locator("#results")).to_contain_text("로보터치")
    expect(page.locator("#results")).to_contain_text("深圳灵巧智能科技有限公司")
    expect(page.locator("#results")).not_to_contain_text("클라우디")
    assert page.evaluate("window.__sameDocument") is True, "the page was reloaded instead of swapped"
    assert "q=%EB%A1%9C%EB%B4%87" in page.url  # hx-push-url keeps the address shareable


LOCALES = ("ko", "zh_Hans", "en")


def _trilingual_directory(make_org: Any) -> Any:
    """A small directory in the three languages; returns the organisation whose profile is shot."""
    profile = make_org(
        name_ko="로보터치",
        name_zh="罗博触控",
        name_en="Robotouch Inc.",
        org_type="company",
        size="startup",
        stage="early",
        city="서울",
        founded_year=2019,
        website="https://robotouch.example",
        sectors=["robotics", "humanoid_robots", "robot_components", "ai", "smart_manufacturing"],
        texts={
            "ko": {
                "description": "휴머노이드 로봇을 위한 촉각 센서 일체형 정밀 로봇손을 개발하는 서울의 스타트업입니다.",
                "offer": "20자유도 로봇손, 촉각 센서 모듈, 공동 연구개발",
                "seek": "중국 선전의 부품 공급망 파트너와 휴머노이드 제조사",
            },
            "zh": {
                "description": "首尔初创企业，研发集成触觉传感器的人形机器人灵巧手。",
                "offer": "20自由度灵巧手、触觉传感器模组、联合研发",
                "seek": "深圳零部件供应链伙伴及人形机器人整机厂",
            },
            "en": {
                "description": "Seoul startup building dexterous robot hands with integrated tactile sensors "
                "for humanoid robots.",
                "offer": "20-DoF robot hands, tactile sensor modules, joint R&D",
                "seek": "Supply-chain partners in Shenzhen and humanoid robot makers",
            },
        },
        people=(
            {
                "name": "박지훈",
                "title": "CTO",
                "email": "jihoon@robotouch.example",
                "languages": ["ko", "en"],
            },
        ),
    )
    make_org(
        name_zh="深圳灵巧智能科技有限公司",
        name_en="Shenzhen Lingqiao Intelligent Technology Co., Ltd.",
        name_ko="선전 링차오 지능과기",
        country="CN",
        city="深圳",
        org_type="company",
        sectors=["humanoid_robots", "robotics", "semiconductors", "iot_5g", "batteries_mobility"],
        texts={
            "zh": {"description": "人形机器人灵巧手及核心零部件制造商，拥有完整的精密减速器与伺服电机产线。"}
        },
    )
    make_org(
        name_ko="경기도경제과학진흥원",
        name_zh="京畿道经济科学振兴院",
        name_en="Gyeonggi Business & Science Accelerator",
        org_type="support_agency",
        city="수원",
        sectors=["smart_manufacturing", "bio_healthcare"],
        texts={"ko": {"description": "경기도 중소기업과 스타트업의 해외 진출과 기술 사업화를 지원합니다."}},
    )
    make_org(
        name_zh="苏州工业园区",
        name_en="Suzhou Industrial Park",
        country="CN",
        city="苏州",
        org_type="economic_zone",
        sectors=["bio_healthcare", "semiconductors", "ai"],
        texts={
            "en": {"description": "A China–Singapore cooperation zone hosting over 5,000 foreign companies."}
        },
    )
    return profile


def test_screenshots_of_the_main_pages_in_three_languages(
    new_page: Any, make_org: Any, make_user: Any, screenshots: Any
) -> None:
    from playwright.sync_api import expect

    org = _trilingual_directory(make_org)
    user = make_user(email="shots@test.example", name="김민지")
    for locale in LOCALES:
        page = new_page()

        def shot(name: str, path: str, locale: str = locale, page: Any = page) -> None:
            sep = "&" if "?" in path else "?"
            page.goto(f"{path}{sep}lang={locale}")
            expect(page.locator("html")).to_have_attribute("lang", i18n.HTML_LANG[locale])
            page.screenshot(path=str(screenshots / f"{name}.{locale}.png"), full_page=True)

        shot("start", "/")
        shot("directory", "/organisations")
        shot("profile", f"/organisations/{org.id}")
        shot("login", "/login")

        page.fill("#f-email", user.email)
        page.fill("#f-password", PASSWORD)
        page.click("form.stack button[type=submit]")
        page.wait_for_url(re.compile(r"/dashboard$"))
        page.goto(f"/organisations/new?lang={locale}")
        page.fill("#f-city", "서울")
        page.fill("#f-founded_year", "1700")
        page.fill("#f-website", "not a web address")
        page.click("form.card button[type=submit]")
        errors = page.locator(".field-error")
        expect(errors.first).to_be_visible()
        assert errors.count() >= 3  # no name, no type/country, bad year or web address
        expect(page.locator(".flash-error")).to_have_text(
            re.compile(re.escape(tr("Please correct the fields marked below.", locale)))
        )
        page.screenshot(path=str(screenshots / f"new-organisation-errors.{locale}.png"), full_page=True)
    assert len(list(screenshots.glob("*.png"))) >= 15
