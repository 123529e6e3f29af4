"""Story 3 in chromium: a Seoul startup describes itself in Korean, finds the Chinese partner that wrote
in Chinese, sends an expression of interest; the Chinese side answers in Chinese; contacts open."""

from __future__ import annotations

import re
from typing import Any

import pytest

from kcbridge.kit import i18n

pytestmark = pytest.mark.browser
PASSWORD = "correct-horse-battery"
CONTACT = "wangli@lingqiao.example"
ROBOT_HAND = (
    "저희는 서울의 로봇 스타트업으로 전자피부 촉각센서를 적용한 휴머노이드 로봇 손을 만듭니다. "
    "중국의 제조 파트너와 실증 현장을 찾고 있습니다."
)


def tr(message: str, locale: str) -> str:
    return i18n.translations(locale).gettext(message)


def _login(page: Any, email: str) -> None:
    page.goto("/login")
    page.fill("#f-email", email)
    page.fill("#f-password", PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_url(re.compile(r"/dashboard$"))  # a signed-in user lands on the dashboard


def test_story3_korean_search_chinese_partner_interest_and_contacts(
    make_user: Any, make_org: Any, new_page: Any, screenshots: Any
) -> None:
    from playwright.sync_api import expect

    seoul = make_user(email="founder@robotouch.example", name="김민지")
    shenzhen = make_user(email="wang@lingqiao.example", name="王丽")
    make_org(
        owner=seoul,
        name_ko="로보터치",
        name_zh="罗博触控",
        sectors=["robotics", "humanoid_robots"],
        texts={"ko": {"description": "휴머노이드 로봇 손과 촉각 센서를 개발합니다."}},
    )
    maker = make_org(
        owner=shenzhen,
        name_zh="深圳灵巧智能科技有限公司",
        country="CN",
        city="深圳",
        sectors=["humanoid_robots", "robot_components"],
        texts={
            "zh": {
                "description": "人形机器人灵巧手及电子皮肤触觉传感器制造商，拥有完整的精密减速器产线。",
                "offer": "为灵巧手提供代工生产，并在深圳提供试点工厂。",
                "seek": "寻找韩国机器人企业作为客户与联合研发伙伴。",
            }
        },
        people=({"name": "王丽", "email": CONTACT},),
    )
    for name, sector, text in (
        ("上海云端数据服务有限公司", "cloud", "提供公有云托管与数据中心服务。"),
        ("杭州美妆电商", "cosmetics_consumer", "韩国化妆品跨境电商平台，寻找韩国美妆品牌。"),
    ):
        make_org(name_zh=name, country="CN", sectors=[sector], texts={"zh": {"description": text}})

    # The Korean founder searches in Korean and sees the Chinese maker first, with reasons in Korean.
    page = new_page("ko-KR")
    _login(page, seoul.email)
    page.goto("/matches?lang=ko")
    page.fill("#f-q", ROBOT_HAND)
    page.click("form[role=search] button[type=submit]")
    first = page.locator(".org-list article").first
    expect(first.locator("h3 a")).to_have_text("深圳灵巧智能科技有限公司")
    expect(first).to_contain_text(tr("Shared sectors", "ko"))
    page.screenshot(path=str(screenshots / "story3-matches.ko.png"), full_page=True)

    # The profile hides the contact until the maker accepts; the interest box is in Korean.
    first.locator("h3 a").click()
    page.wait_for_url(re.compile(rf"/organisations/{maker.id}"))
    expect(page.locator("#people")).not_to_contain_text(CONTACT)
    box = page.locator("#interest")
    expect(box.locator("h2")).to_have_text(tr("Express interest", "ko"))
    box.locator("#f-message").fill("전자피부 손의 시범 생산을 선전에서 논의하고 싶습니다.")
    box.locator("button[type=submit]").click()
    expect(page.locator("#interest")).to_contain_text(tr("Your expression of interest was sent.", "ko"))
    expect(page.locator("#people")).not_to_contain_text(CONTACT)

    # The Shenzhen side reads it in Chinese and accepts.
    cn = new_page("zh-CN")
    _login(cn, shenzhen.email)
    cn.goto("/interests?lang=zh_Hans")
    expect(cn.locator("h1")).to_have_text(tr("Expressions of interest", "zh_Hans"))
    expect(cn.locator("main")).to_contain_text("전자피부 손의 시범 생산")
    cn.screenshot(path=str(screenshots / "story3-interests.zh_Hans.png"), full_page=True)
    cn.get_by_role("button", name=tr("Accept", "zh_Hans")).click()
    expect(cn.locator("main")).to_contain_text(
        tr("Accepted: you see each other's contact people on your profiles.", "zh_Hans")
    )

    # The Shenzhen side searches the other way, in Chinese, and finds the Korean startup (Korean text).
    cn.goto("/matches?lang=zh_Hans")
    cn.fill("#f-q", "我们在深圳生产灵巧手和电子皮肤触觉传感器，寻找韩国机器人企业作为联合研发伙伴。")
    cn.click("form[role=search] button[type=submit]")
    found = cn.locator(".org-list article").first
    expect(found.locator("h3 a")).to_have_text("罗博触控")
    expect(found).to_contain_text(tr("Shared sectors", "zh_Hans"))
    cn.screenshot(path=str(screenshots / "story3-matches.zh_Hans.png"), full_page=True)

    # Now the founder sees the contact person.
    page.goto(f"/organisations/{maker.id}?lang=ko")
    expect(page.locator("#people")).to_contain_text(CONTACT)
    page.screenshot(path=str(screenshots / "story3-contact.ko.png"), full_page=True)
