"""Story 5 in chromium: at Gyeonggi's round table the officer records firms' difficulties in Korean; the
Seoul startup finds its case, corrects and confirms it, and files another with a document; KIC China's
agent (in Chinese) accepts it, asks a question, gets the answer and resolves it with reasons; the firm
rates the resolution and shares the case with the officer; an English-speaking analyst reads the
statistics (no text, no firm, small counts withheld) and is refused the case itself; the officer's
dashboard shows the statistics and the shared case. Screenshots at desktop width and 390 px go to
artifacts/screenshots/story5-*.png."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from kcbridge.kit import i18n

pytestmark = pytest.mark.browser
PASSWORD = "correct-horse-battery"
MOBILE = {"width": 390, "height": 844}
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def tr(message: str, locale: str) -> str:
    return i18n.translations(locale).gettext(message)


def _login(page: Any, email: str) -> None:
    page.goto("/login")
    page.fill("#f-email", email)
    page.fill("#f-password", PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_url(lambda url: "/login" not in url)  # the home page or the dashboard


def _shoot(page: Any, screenshots: Any, name: str, mobile: bool = True) -> None:
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(screenshots / f"story5-{name}.png"), full_page=True)
    if mobile:
        size = page.viewport_size
        page.set_viewport_size(MOBILE)
        page.wait_for_timeout(150)  # the chart redraws on resize
        page.screenshot(path=str(screenshots / f"story5-{name}.390.png"), full_page=True)
        page.set_viewport_size(size)


def _world(db: Any, make_user: Any, make_org: Any) -> dict[str, Any]:
    """Gyeonggi and its round table, a Seoul startup and other firms, KIC China and its agent, a routing
    rule, and a year of earlier cases so that the statistics have something to show."""
    from kcbridge.accounts.models import Role
    from kcbridge.cases.rules import route_service
    from kcbridge.cases.schemas import CaseIn, RouteIn, StatusIn
    from kcbridge.cases.service import case_service
    from kcbridge.events.models import Participant
    from kcbridge.events.schemas import EventIn
    from kcbridge.events.service import event_service
    from kcbridge.kit.db import utcnow

    u = {
        "officer": make_user(email="officer@gyeonggi.example", name="박서연", role=Role.GOVERNMENT_OFFICER),
        "founder": make_user(email="founder@robotouch.example", name="김지훈"),
        "agent": make_user(email="agent@kic.example", name="李敏", role=Role.SUPPORT_AGENT),
        "analyst": make_user(email="analyst@kcbridge.example", name="Wang Lei", role=Role.ANALYST),
        "admin": make_user(email="admin@kcbridge.example", name="Admin", role=Role.ADMIN),
        "other": make_user(email="ceo@pangyo-cloud.example", name="이서진"),
    }
    gov = make_org(
        owner=u["officer"],
        name_ko="경기도",
        name_zh="京畿道",
        name_en="Gyeonggi Province",
        org_type="government",
    )
    robotouch = make_org(owner=u["founder"], name_ko="로보터치", name_zh="罗博触控", name_en="RoboTouch", sectors=["robotics", "humanoid_robots"], city="서울")  # fmt: skip
    cloud = make_org(
        owner=u["other"], name_ko="판교클라우드", name_en="Pangyo Cloud", sectors=["cloud"], city="성남"
    )
    kic = make_org(owner=u["agent"], name_ko="글로벌혁신센터(KIC중국)", name_zh="韩国创新中心（KIC中国）", name_en="KIC China", org_type="support_agency", country="CN", city="北京")  # fmt: skip
    route_service.create(db, user=u["admin"], data=RouteIn(institution_id=kic.id))
    event = event_service.create(
        db,
        user=u["officer"],
        data=EventIn(
            event_type="round_table",
            title_ko="경기도지사 주재 중국 진출 기업 간담회",
            title_zh="京畿道知事主持的在华企业座谈会",
            title_en="Gyeonggi Governor's round table with firms in China",
            timezone="Asia/Seoul",
            starts_at=datetime(2026, 11, 20, 10, 0),
            ends_at=datetime(2026, 11, 20, 12, 0),
            venue="경기도청, 수원",
            languages=["ko"],
            organiser_org_id=gov.id,
        ),
    )
    for org in (robotouch, cloud):
        db.add(Participant(event_id=event.id, organisation_id=org.id, status="approved"))
    now = utcnow()
    earlier = (
        [("regulation", "CN-beijing")] * 7
        + [("tax_customs", "CN-shanghai")] * 6
        + [("ip", "CN-guangdong")] * 2
    )
    for i, (category, region) in enumerate(earlier):
        data = {
            "organisation_id": cloud.id,
            "category": category,
            "sector": "cloud",
            "region": region,
            "lang": "ko",
            "subject": f"이전 사건 {i + 1}",
            "description": "클라우드 서비스 인허가 관련 문의입니다.",
        }
        case = case_service.create(
            db, user=u["other"], data=CaseIn.model_validate(data), now=now - timedelta(days=40 + 5 * i)
        )
        if i % 3 != 2:
            case_service.change_status(
                db, user=u["agent"], case_id=case.id, data=StatusIn(status="in_progress")
            )
            case_service.change_status(
                db, user=u["agent"], case_id=case.id, data=StatusIn(status="resolved", reason="완료")
            )
    db.commit()
    return {"users": u, "event": event, "robotouch": robotouch, "cloud": cloud, "kic": kic}


def test_story5_round_table_case_thread_statistics_in_three_languages(
    db: Any, make_user: Any, make_org: Any, new_page: Any, screenshots: Any, tmp_path: Any
) -> None:
    from playwright.sync_api import expect

    w = _world(db, make_user, make_org)
    u = w["users"]

    # Korean: the officer records two firms' difficulties at the round table in one form.
    ko = new_page("ko-KR")
    _login(ko, u["officer"].email)
    ko.goto(f"/cases/round-tables/{w['event'].id}?lang=ko")
    expect(ko.locator("h1")).to_have_text(tr("Record cases", "ko"))
    ko.select_option("#f-organisation_id-0", label="로보터치")
    ko.select_option("#f-category-0", "hiring_visas")
    ko.select_option("#f-sector-0", "robotics")
    ko.select_option("#f-region-0", "CN-guangdong")
    ko.fill("#f-subject-0", "선전 파견 엔지니어 비자 지연")
    ko.fill("#f-description-0", "선전 협력사에 파견할 엔지니어 2명의 취업허가가 두 달째 나오지 않습니다.")
    ko.fill("#f-desired_outcome-0", "심사 현황 확인과 신속 처리")
    ko.select_option("#f-organisation_id-1", label="판교클라우드")
    ko.select_option("#f-category-1", "data_rules")
    ko.select_option("#f-sector-1", "cloud")
    ko.select_option("#f-region-1", "CN-shanghai")
    ko.fill("#f-subject-1", "상하이 고객 데이터 국외 이전 평가 대상 여부")
    # Row 2 left without its description: the whole form comes back, nothing recorded, nothing lost.
    ko.click("form.rt-form button[type=submit]:not([name])")
    expect(ko.locator(".flash-error")).to_contain_text(
        tr("Please correct the rows marked below: nothing was recorded yet.", "ko")
    )
    expect(ko.locator("#f-subject-0")).to_have_value("선전 파견 엔지니어 비자 지연")
    _shoot(ko, screenshots, "roundtable-error.ko", mobile=False)
    ko.fill("#f-description-1", "고객사가 국외 이전 보안평가가 필요하다며 계약 갱신을 보류했습니다.")
    ko.click("form.rt-form button[type=submit]:not([name])")
    expect(ko.locator(".flash-ok")).to_contain_text("2")
    _shoot(ko, screenshots, "roundtable.ko")

    # Korean: the startup sees the case recorded for it, corrects and confirms it.
    firm = new_page("ko-KR")
    _login(firm, u["founder"].email)
    firm.goto("/cases?lang=ko")
    row = firm.locator(".case-row").filter(has_text="선전 파견 엔지니어 비자 지연")
    expect(row).to_contain_text(tr("To confirm", "ko"))
    row.locator("h3 a").click()
    expect(firm.locator(".case-confirm")).to_be_visible()
    firm.get_by_role("link", name=tr("Check and confirm", "ko")).click()
    firm.fill("#f-subject", "선전 파견 엔지니어 E비자 발급 지연")
    firm.click("button[name=confirm]")
    expect(firm.locator("h1")).to_have_text("선전 파견 엔지니어 E비자 발급 지연")
    expect(firm.locator(".case-confirm")).to_have_count(0)

    # …and files another difficulty with a document; a program disguised as a PDF is refused first.
    firm.goto("/cases/new?lang=ko")
    firm.select_option("#f-category", "tax_customs")
    firm.select_option("#f-sector", "robotics")
    firm.select_option("#f-region", "CN-shanghai")
    firm.fill("#f-subject", "전자피부 센서 시제품 상하이 세관 통관 보류")
    firm.fill("#f-description", "상하이 전시회 출품용 로봇 손 시제품 6대가 푸둥공항 세관에서 보류되었습니다.")
    bad = tmp_path / "invoice.pdf"
    bad.write_bytes(b"MZ\x90\x00 a program")
    firm.set_input_files("#f-file", str(bad))
    firm.click("form.stack button[type=submit]")
    expect(firm.locator(".flash-error")).to_contain_text(
        tr(
            "Only documents can be attached: PDF, Word, Excel, PowerPoint, HWP, OpenDocument or text files.",
            "ko",
        )
    )
    expect(firm.locator("#f-subject")).to_have_value("전자피부 센서 시제품 상하이 세관 통관 보류")
    _shoot(firm, screenshots, "form-error.ko", mobile=False)
    good = tmp_path / "통관서류.pdf"
    good.write_bytes(PDF)
    firm.set_input_files("#f-file", str(good))
    firm.click("form.stack button[type=submit]")
    expect(firm.locator(".flash-ok")).to_contain_text(tr("Your case was filed and routed.", "ko"))
    expect(firm.locator("main")).to_contain_text("통관서류.pdf")
    case_url = firm.url.split("?")[0]

    # Chinese: KIC China's agent accepts the case and asks a question (the clock pauses).
    zh = new_page("zh-CN")
    _login(zh, u["agent"].email)
    zh.goto(case_url + "?lang=zh_Hans")
    expect(zh.locator("h1")).to_have_text("전자피부 센서 시제품 상하이 세관 통관 보류")
    zh.get_by_role("button", name=tr("Accept the case", "zh_Hans")).click()
    zh.fill("#f-body", "请提供去年北京展会的报关单复印件。")
    zh.check("input[name=question]")
    zh.get_by_role("button", name=tr("Send", "zh_Hans")).click()
    expect(zh.locator("main")).to_contain_text(
        tr("The clock is paused: the institution waits for the firm's answer.", "zh_Hans")
    )
    _shoot(zh, screenshots, "agent.zh_Hans")

    # Korean: the firm answers; Chinese: the agent resolves with reasons; Korean: the firm rates and shares.
    firm.goto(case_url + "?lang=ko")
    firm.fill("#f-body", "작년 베이징 전시회 통관 서류를 첨부합니다.")
    firm.get_by_role("button", name=tr("Send", "ko")).click()
    zh.goto(case_url + "?lang=zh_Hans")
    zh.fill("#f-resolve", "已与浦东机场海关沟通，按展览品暂时进境办理，样品已放行。")
    zh.get_by_role("button", name=tr("Mark as resolved", "zh_Hans")).click()
    expect(zh.locator(".case-status")).to_have_text("已解决")
    firm.goto(case_url + "?lang=ko")
    firm.get_by_role("button", name=tr("Rate", "ko")).click()
    expect(firm.locator(".case-stars")).to_have_text("★★★★★")
    firm.fill("#f-email", "officer@gyeonggi.example")
    firm.get_by_role("button", name=tr("Share", "ko")).click()
    expect(firm.locator("main")).to_contain_text("박서연")
    _shoot(firm, screenshots, "case.ko")

    # English: the analyst reads statistics with a chart, never a text or a firm, and not the case.
    en = new_page("en-US")
    _login(en, u["analyst"].email)
    en.goto("/cases/stats?by=category&lang=en")
    expect(en.locator("h1")).to_have_text("Statistics of cases")
    expect(en.locator("#case-chart svg")).to_be_visible()
    table = en.locator("table.case-table")
    expect(table.locator("tr", has_text="Regulation and licences")).to_contain_text("7")
    expect(table.locator("tr", has_text="IP protection")).to_contain_text("—")
    expect(en.locator("main")).not_to_contain_text("RoboTouch")
    expect(en.locator("main")).not_to_contain_text("로보터치")
    _shoot(en, screenshots, "stats.en")
    en.select_option("#f-by", "region")
    expect(en.locator("h2").first).to_contain_text("region")
    en.goto(case_url + "?lang=en")
    expect(en.locator("main")).to_contain_text("see statistics, not the texts of cases")
    _shoot(en, screenshots, "refused.en", mobile=False)

    # Korean: the officer's own dashboard: statistics and the case the firm shared.
    ko.goto("/dashboard?lang=ko")
    expect(ko.locator("main")).to_contain_text(tr("Voice of business", "ko"))
    expect(ko.locator("main")).to_contain_text("전자피부 센서 시제품 상하이 세관 통관 보류")
    _shoot(ko, screenshots, "dashboard.ko")
    ko.goto("/cases/stats?by=month&scope=CN&lang=zh_Hans")
    expect(ko.locator("#case-chart svg")).to_be_visible()
    _shoot(ko, screenshots, "stats-month.zh_Hans")
