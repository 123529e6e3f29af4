"""Story 6 in chromium: Gyeonggi's officer records the 2025 friendship MOU with Shanghai in Korean, with its
commitments (one refused for a due date before the signing); Shanghai reports progress in Chinese; an
English-speaking analyst browses the list and the timeline; the officer's portfolio draws its charts.
Screenshots at desktop width and 390 px go to artifacts/screenshots/story6-*.png."""

from __future__ import annotations

import re
from typing import Any

import pytest

from kcbridge.kit import i18n

pytestmark = pytest.mark.browser
PASSWORD = "correct-horse-battery"
MOBILE = {"width": 390, "height": 844}


def tr(message: str, locale: str) -> str:
    return i18n.translations(locale).gettext(message)


def _login(page: Any, email: str) -> None:
    page.goto("/login")
    page.fill("#f-email", email)
    page.fill("#f-password", PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_url(lambda url: "/login" not in url)  # the home page or the dashboard


def _shoot(page: Any, screenshots: Any, name: str, mobile: bool = True) -> None:
    page.evaluate("window.scrollTo(0, 0)")  # a page opened at an anchor would draw the sticky bar mid-page
    page.screenshot(path=str(screenshots / f"story6-{name}.png"), full_page=True)
    if mobile:
        size = page.viewport_size
        page.set_viewport_size(MOBILE)
        page.wait_for_timeout(300)  # charts redraw on resize
        page.screenshot(path=str(screenshots / f"story6-{name}.390.png"), full_page=True)
        page.set_viewport_size(size)


def _commitment(page: Any, aid: str, what: str, owner: str, due: str) -> None:
    page.goto(f"/agreements/{aid}/commitments/new?lang=ko")
    page.fill("#f-what_ko", what)
    page.select_option("#f-owner_org_id", label=owner)
    page.fill("#f-due_on", due)
    page.click("form.stack button[type=submit]")


def test_story6_agreement_commitments_progress_and_portfolio(
    db: Any, make_user: Any, make_org: Any, new_page: Any, screenshots: Any
) -> None:
    from playwright.sync_api import expect

    from kcbridge.accounts.models import Role

    officer = make_user(email="officer@gyeonggi.example", name="박서연", role=Role.GOVERNMENT_OFFICER)
    shanghai_user = make_user(email="liu@shanghai.example", name="刘洋")
    analyst = make_user(email="analyst@kcbridge.example", name="Wang Lei", role=Role.ANALYST)
    make_org(owner=officer, name_ko="경기도", name_zh="京畿道", name_en="Gyeonggi Province",
                        org_type="government", city="수원")  # fmt: skip
    make_org(owner=shanghai_user, name_ko="상하이시 인민정부", name_zh="上海市人民政府",
             name_en="Shanghai Municipal People's Government", org_type="government", country="CN", city="上海")  # fmt: skip
    db.commit()

    # Korean: the officer records the MOU; one party is not enough, and the form keeps what was typed.
    ko = new_page("ko-KR")
    _login(ko, officer.email)
    ko.goto("/agreements/new?lang=ko")
    expect(ko.locator("h1")).to_have_text(tr("Record an agreement", "ko"))
    ko.select_option("#f-kind", "friendship")
    ko.fill("#f-title_ko", "경기도–상하이시 우호협력 업무협약")
    ko.fill("#f-title_zh", "京畿道与上海市友好合作备忘录")
    ko.fill("#f-title_en", "Gyeonggi Province–Shanghai friendship and cooperation MOU")
    ko.fill("#f-signed_on", "2025-09-25")
    ko.fill("#f-signed_place", "上海市人民政府")
    ko.fill("#f-party_0_signatory", "김동연")
    ko.fill("#f-party_0_title", "경기도지사")
    for field in ("trade_economy", "digital_economy", "youth", "culture_arts", "tourism", "science_technology",
                  "environment", "education"):  # fmt: skip
        ko.check(f"input[name=fields][value={field}]")
    ko.click("form.stack button[type=submit]")
    expect(ko.locator("#parties .field-error")).to_have_text(
        tr("An agreement needs at least two parties.", "ko")
    )
    expect(ko.locator("#f-title_ko")).to_have_value("경기도–상하이시 우호협력 업무협약")
    _shoot(ko, screenshots, "form-error.ko", mobile=False)
    ko.fill("#f-party_1", "上海市人民政府")
    ko.fill("#f-party_1_signatory", "龚正")
    ko.fill("#f-party_1_title", "上海市市长")
    ko.click("form.stack button[type=submit]")
    ko.wait_for_url(re.compile(r"/agreements/\d+$"))
    aid = ko.url.rsplit("/", 1)[1]
    expect(ko.locator("h1")).to_have_text("경기도–상하이시 우호협력 업무협약")
    expect(ko.locator("main")).to_contain_text("김동연")

    # A commitment due before the signing is refused, in Korean; then the four commitments.
    _commitment(ko, aid, "상하이 무역박람회에 경기도 기업 참가 확대", "경기도", "2025-06-30")
    expect(ko.locator("#f-due_on + .field-error, .field-error").first).to_contain_text("2025-09-25")
    ko.fill("#f-due_on", "2026-11-30")
    ko.click("form.stack button[type=submit]")
    ko.wait_for_url(re.compile(r"/commitments/\d+$"))
    _commitment(ko, aid, "반도체 분야 상호 투자 협력 강화", "경기도", "2026-12-31")
    _commitment(ko, aid, "관광을 포함한 인문 교류 강화", "상하이시 인민정부", "2027-06-30")
    _commitment(ko, aid, "교육·과학기술 분야 협력 강화", "상하이시 인민정부", "2027-12-31")
    ko.goto(f"/agreements/{aid}?lang=ko")
    expect(ko.locator(".commitment")).to_have_count(4)
    expect(ko.locator(".commitment .overdue")).to_have_text(
        [tr("Overdue", "ko")]
    )  # the fair was due 2026-11-30
    _shoot(ko, screenshots, "agreement.ko")

    # Chinese: Shanghai reports progress on its commitment; the status may only move forward as allowed.
    zh = new_page("zh-CN")
    _login(zh, shanghai_user.email)
    zh.goto(f"/agreements/{aid}?lang=zh_Hans")
    expect(zh.locator("h1")).to_have_text("京畿道与上海市友好合作备忘录")
    zh.locator(".commitment", has_text="관광을 포함한").get_by_role(
        "link", name=tr("Report progress", "zh_Hans")
    ).click()
    options = zh.locator("#f-status option").all_inner_texts()
    assert tr("Done", "zh_Hans") not in " ".join(options[1:])  # planned → done is not offered
    zh.fill("#f-text", "双方旅游部门召开视频会议，确定2026年互办旅游推介会。")
    zh.select_option("#f-status", "in_progress")
    zh.select_option("#f-completion", "limited")
    zh.fill("#f-evidence_url", "https://whb.example/meeting-2026")
    zh.click("#report button[type=submit]")
    expect(zh.locator("#progress .note").first).to_contain_text("双方旅游部门召开视频会议")
    expect(zh.locator(".st-in_progress")).to_have_text("进行中")
    _shoot(zh, screenshots, "commitment.zh_Hans")

    # English: an analyst filters the public list and reads the timeline.
    en = new_page("en-US")
    _login(en, analyst.email)
    en.goto("/agreements?lang=en&field=tourism")
    expect(en.locator(".agr-card h3")).to_have_text(
        "Gyeonggi Province–Shanghai friendship and cooperation MOU"
    )
    expect(en.locator(".agr-card")).to_contain_text("1 overdue")
    _shoot(en, screenshots, "list.en")
    en.get_by_role("link", name="Timeline").click()
    expect(en.locator(".timeline h2").first).to_have_text("2025")
    _shoot(en, screenshots, "timeline.en", mobile=False)

    # The officer's portfolio draws its charts, and the dashboard leads to it and to the commitments.
    ko.goto("/dashboard?lang=ko")
    ko.locator("#dash-agreements").get_by_role("link", name=tr("Portfolio of agreements", "ko")).click()
    expect(ko.locator("#chart-field svg")).to_be_visible()
    expect(ko.locator("#chart-status svg")).to_be_visible()
    expect(ko.locator("main")).to_contain_text("교육")
    _shoot(ko, screenshots, "portfolio.ko")
    ko.goto("/my/commitments?lang=ko")
    expect(ko.locator("table.data tbody tr").first).to_contain_text("상하이 무역박람회")
    _shoot(ko, screenshots, "mine.ko", mobile=False)
