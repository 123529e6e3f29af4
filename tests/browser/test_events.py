"""Story 1 in chromium: a firm requests meetings, the host accepts, the organiser schedules and publishes,
and the firm reads its bilingual schedule in Shanghai and Seoul time, with PDF and ICS downloads."""

from __future__ import annotations

import re
from typing import Any

import pytest
from event_factories import make_visit

from kcbridge import i18n

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
    for _ in range(2):
        row = firm.locator("#participants details").first
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
