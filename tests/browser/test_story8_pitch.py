"""Story 8 in chromium, in Korean and Chinese: the pitch session. A Korean startup adds its project (in
Korean) to a pitch slot; a Chinese investor bookmarks it and asks to meet about it; the startup sees who is
interested and accepts; the organiser reads the interest per project as a chart, schedules and publishes;
the investor finds the meeting in its schedule. Screenshots in artifacts/screenshots/story8-*.png."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from tests.support.forum import make_forum

from kcbridge.events.agenda import agenda_service
from kcbridge.events.schemas import RegistrationIn, SessionIn
from kcbridge.events.service import event_service
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


def test_pitch_session_end_to_end_in_korean_and_chinese(
    db, make_user, make_org, new_page: Any, screenshots
) -> None:
    from playwright.sync_api import expect

    forum = make_forum(db, make_user, make_org, kr=1, cn=0, tables=2, rooms=1, slots=2)
    pitch = agenda_service.add_session(
        db,
        user=forum.organiser,
        event_id=forum.event.id,
        data=SessionIn(
            kind="pitch",
            title_ko="피칭: 로봇",
            title_zh="路演：机器人",
            starts_at=datetime(2026, 12, 15, 13, 10),
            ends_at=datetime(2026, 12, 15, 13, 20),
        ),
    )
    vc_user = make_user(email="vc@test.example")
    vc_org = make_org(owner=vc_user, name_zh="深圳创新资本", name_en="Shenzhen Innovation Capital", country="CN",
                      org_type="investor")  # fmt: skip
    vc = event_service.register(
        db,
        user=vc_user,
        event_id=forum.event.id,
        data=RegistrationIn(organisation_id=vc_org.id, role="investor"),
    )
    event_service.decide(db, user=forum.organiser, participant_id=vc.id, approve=True)
    startup = forum.kr[0]
    eid, pitch_id, vc_id = forum.event.id, pitch.id, vc.id
    founder_email, organiser = forum.users[startup.id].email, forum.organiser.email
    db.commit()

    # The Korean startup adds its project in Korean, in the pitch slot.
    founder = new_page("ko-KR")
    _login(founder, founder_email)
    founder.goto(f"/events/{eid}/projects")
    founder.fill("#pj-tko", "전자피부 촉각 로봇 손")
    founder.fill("#pj-lko", "사람 손처럼 느끼는 로봇 손, 양산 파트너를 찾습니다.")
    founder.select_option("#pj-stage", "development")
    founder.select_option("#pj-kind", "technology")
    founder.fill("#pj-ask", "3000000")
    founder.select_option("#pj-session", str(pitch_id))
    founder.click("#new-project button[type=submit]")
    expect(founder.locator("h1")).to_have_text("전자피부 촉각 로봇 손")
    project_url = founder.url.split("?")[0]
    # Its own project cannot be bookmarked: no button for it.
    expect(founder.locator("text=" + tr("your project", "ko"))).to_have_count(1)

    # The Chinese investor bookmarks it and asks to meet about it, in Chinese.
    investor = new_page("zh-CN")
    _login(investor, "vc@test.example")
    investor.goto(f"/events/{eid}/projects")
    card = investor.locator("#attendees article, .cards article").first
    expect(card).to_contain_text("전자피부 촉각 로봇 손")
    expect(card).to_contain_text(tr("in development", "zh_Hans"))
    card.locator("button:has-text('" + tr("Bookmark", "zh_Hans") + "')").click()
    card = investor.locator(".cards article").first
    expect(card.locator("button[aria-pressed=true]")).to_have_count(1)
    card.locator("summary").click()
    card.locator("input[name=message]").fill("想了解本轮融资和量产计划。")
    card.locator("button:has-text('" + tr("Request", "zh_Hans") + "')").click()
    expect(investor.locator(".cards article").first).to_contain_text(tr("requested", "zh_Hans"))
    investor.screenshot(path=str(screenshots / "story8-projects-zh.png"), full_page=True)

    # The startup sees who is interested and accepts the request.
    founder.goto(project_url)
    expect(founder.locator("#interested")).to_contain_text("深圳创新资本")
    founder.screenshot(path=str(screenshots / "story8-project-ko.png"), full_page=True)
    founder.goto(f"/events/{eid}")
    founder.locator("#requests form:has(input[name=accept][value='1']) button").first.click()
    expect(founder.locator(".flash")).to_have_text(tr("Your answer was saved.", "ko"))

    # The organiser reads the interest per project as a chart, schedules and publishes.
    org = new_page("zh-CN")
    _login(org, organiser)
    org.goto(f"/events/{eid}/interest")
    expect(org.locator("#interest-chart svg")).to_have_count(1)
    expect(org.locator("table.data")).to_contain_text("전자피부 촉각 로봇 손")
    org.screenshot(path=str(screenshots / "story8-interest-zh.png"), full_page=True)
    org.goto(f"/events/{eid}/console")
    org.click("form[action$='/console/schedule'] button")
    expect(org.locator("#scheduler table")).to_contain_text(tr("done", "zh_Hans"))
    org.click("form[action$='/console/publish'] button")
    expect(org.locator("#meetings .mgrid td.m")).to_have_count(1)

    # The investor finds the meeting in its schedule.
    investor.goto(f"/events/participants/{vc_id}")
    expect(investor.locator("table.schedule tbody tr")).to_have_count(1)
    expect(investor.locator("table.schedule")).to_contain_text("한국 기업 1")
    investor.screenshot(path=str(screenshots / "story8-schedule-zh.png"), full_page=True)
