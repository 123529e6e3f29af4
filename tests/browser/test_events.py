"""Story 1 in chromium: a firm requests meetings, the host accepts, the organiser schedules and publishes,
and the firm reads its bilingual schedule in Shanghai and Seoul time, with PDF and ICS downloads."""

from __future__ import annotations

import re
from typing import Any

import pytest
from tests.support.events import make_visit

from kcbridge.kit import i18n

pytestmark = pytest.mark.browser
PASSWORD = "correct-horse-battery"


def tr(message: str, locale: str) -> str:
    return i18n.translations(locale).gettext(message)


def _login(page: Any, email: str) -> None:
    page.goto("/login")
    page.fill("#f-email", email)
    page.fill("#f-password", PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_load_state()


def test_delegation_visit_end_to_end(db, make_user, make_org, new_page: Any, screenshots) -> None:
    from playwright.sync_api import expect

    visit = make_visit(db, make_user, make_org, firms=1, teams=2, slots=3)
    eid, firm_id = visit.event.id, visit.firms[0].id
    firm_email, host_email, organiser_email = (
        visit.firm_users[0].email,
        visit.host_user.email,
        visit.organiser.email,
    )
    db.commit()

    # The Korean firm asks both host teams for a meeting, in Korean.
    firm = new_page("ko-KR")
    _login(firm, firm_email)
    firm.goto(f"/events/{eid}")
    expect(firm.locator("h1")).to_have_text("경기 AI 기업 상하이 방문")
    firm.goto(f"/events/{eid}/marketplace")
    for _ in range(2):
        row = firm.locator("#attendees details").first
        row.locator("summary").click()
        row.locator("input[name=message]").fill("AI 비전 솔루션 협력 논의를 요청드립니다.")
        row.locator("button[type=submit]").click()
        expect(firm.locator(".flash")).to_have_text(tr("Your meeting request was sent.", "ko"))

    # The host accepts both in Chinese.
    host = new_page("zh-CN")
    _login(host, host_email)
    host.goto(f"/events/{eid}")
    for _ in range(2):
        host.locator("#requests form:has(input[name=accept][value='1']) button").first.click()
        expect(host.locator(".flash")).to_have_text(tr("Your answer was saved.", "zh_Hans"))

    # The organiser runs the scheduler and publishes.
    organiser = new_page("en-US")
    _login(organiser, organiser_email)
    organiser.goto(f"/events/{eid}/console")
    organiser.click("form[action$='/console/schedule'] button")
    expect(organiser.locator("#scheduler table")).to_contain_text("done")
    organiser.click("form[action$='/console/publish'] button")
    expect(organiser.locator(".flash")).to_contain_text("Meetings were published")
    expect(organiser.locator("#meetings")).to_contain_text("Room 1")
    organiser.screenshot(path=str(screenshots / "events-console.png"), full_page=True)

    # The firm reads its schedule: Shanghai time and Seoul time (one hour later), PDF and ICS.
    firm.goto(f"/events/{eid}")
    firm.click(f"a[href='/events/participants/{firm_id}']")
    firm.wait_for_url(re.compile(rf"/events/participants/{firm_id}$"))
    rows = firm.locator("table.data tbody tr")
    expect(rows).to_have_count(2)
    shanghai, seoul = (
        rows.first.locator("td").nth(0).inner_text(),
        rows.first.locator("td").nth(1).inner_text(),
    )
    assert int(seoul[11:13]) == int(shanghai[11:13]) + 1, (shanghai, seoul)
    firm.screenshot(path=str(screenshots / "events-my-schedule-ko.png"), full_page=True)
    pdf = firm.request.get(f"/events/participants/{firm_id}/schedule.pdf")
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    ics = firm.request.get(f"/events/participants/{firm_id}/schedule.ics")
    assert ics.ok and b"BEGIN:VEVENT" in ics.body()


def test_organiser_sets_up_a_pitch_session_in_the_browser(db, make_user, make_org, new_page: Any) -> None:
    from playwright.sync_api import expect

    user = make_user(email="kic@test.example")
    org = make_org(owner=user, name_en="KIC China", country="CN", org_type="support_agency")
    investor_user = make_user(email="vc@test.example")
    investor = make_org(owner=investor_user, name_en="Han River Ventures", org_type="investor")
    org_id, investor_id = org.id, investor.id
    db.commit()

    page = new_page("en-US")
    _login(page, "kic@test.example")
    page.goto("/events/new")
    page.fill("#f-title_en", "Robotics Pitch Day")
    page.select_option("#event_type", "pitch_session")
    page.select_option("#mode", "hybrid")
    page.select_option("#organiser_org_id", str(org_id))
    page.select_option("#timezone", "Asia/Seoul")
    page.fill("#starts_at", "2027-01-20T13:00")
    page.fill("#ends_at", "2027-01-20T18:00")
    page.click("form.card button[type=submit]")
    page.wait_for_url(re.compile(r"/events/\d+/console\?done=saved$"))
    eid = int(re.search(r"/events/(\d+)/console", page.url).group(1))

    # Slots: a series of four 15-minute slots with 5-minute breaks.
    page.locator("details:has(#slot-start) > summary").click()
    page.fill("#slot-start", "2027-01-20T15:30")
    page.fill("#slot-min", "15")
    page.fill("#slot-break", "5")
    page.fill("#slot-count", "4")
    page.click("form[action$='/console/slots'] button")
    expect(page.locator("#setup .slot-tag")).to_have_count(4)
    expect(page.locator("#setup")).to_contain_text("16:30–16:45")
    # An overlapping series is refused with the slot named; nothing is added.
    page.locator("details:has(#slot-start) > summary").click()
    page.fill("#slot-start", "2027-01-20T15:40")
    page.fill("#slot-count", "1")
    page.click("form[action$='/console/slots'] button")
    expect(page.locator(".flash-error")).to_contain_text("overlaps slot")
    expect(page.locator("#setup .slot-tag")).to_have_count(4)

    page.locator("details:has(#table-name) > summary").click()
    page.fill("#table-name", "Pitch table 1")
    page.click("form[action$='/console/tables'] button")
    expect(page.locator("#setup")).to_contain_text("Pitch table 1")

    # The investor registers, the organiser approves.
    vc = new_page("ko-KR")
    _login(vc, "vc@test.example")
    vc.goto(f"/events/{eid}")
    vc.select_option("#reg-org", str(investor_id))
    vc.click("form[action$='/register'] button")
    expect(vc.locator(".flash")).to_have_text(tr("Your registration was sent to the organisers.", "ko"))
    page.goto(f"/events/{eid}/console")
    page.click("#registrations button[value=approve]")
    expect(page.locator("#registrations")).to_contain_text("approved")

    # An agenda session with the investor as speaker shows on the event page.
    page.locator("details:has(#s-en) > summary").click()
    page.fill("#s-en", "Investor keynote")
    page.select_option("#s-kind", "keynote")
    page.fill("#s-start", "2027-01-20T13:00")
    page.fill("#s-end", "2027-01-20T13:20")
    page.select_option("#s-speakers", label="Han River Ventures")
    page.click("form[action$='/console/sessions'] button")
    page.goto(f"/events/{eid}")
    expect(page.locator("#agenda")).to_contain_text("Investor keynote")
    expect(page.locator("#agenda")).to_contain_text("Han River Ventures")
