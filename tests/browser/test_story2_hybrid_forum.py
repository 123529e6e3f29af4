"""Story 2 in chromium, in Korean and Chinese: the hybrid forum. A Korean founder on site and a Korean firm
online find a Chinese firm in the attendee marketplace and request meetings; the Chinese firm accepts; the
organiser schedules and publishes; the founder meets at a venue table, the online firm gets its own online
room link; the agenda shows speakers by track with times in Shanghai and Seoul; the organiser reads the
statistics. Screenshots in artifacts/screenshots/story2-*.png."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from tests.support.forum import VIDEO, make_forum

from kcbridge.events.agenda import agenda_service
from kcbridge.events.schemas import SessionIn, SpeakerPersonIn
from kcbridge.events.speakers import speaker_service
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


def _programme(db, forum) -> None:
    """Two tracks, a streamed keynote, speakers as people with titles and bios in three languages."""
    kim = speaker_service.add(
        db,
        user=forum.organiser,
        event_id=forum.event.id,
        data=SpeakerPersonIn(
            name_ko="김정훈",
            name_zh="金正勋",
            name_en="Kim Jung-hoon",
            title_ko="센터장",
            title_zh="主任",
            title_en="Director",
            bio_ko="한국 기술기업의 중국 진출을 지원합니다.",
            bio_zh="帮助韩国科技企业进入中国。",
            bio_en="Helps Korean technology firms into China.",
        ),
    )
    for title, track, hour, stream in (
        (
            ("개회 기조연설", "开幕主旨演讲", "Opening keynote"),
            ("메인홀", "主会场"),
            9,
            "https://live.example.org/k",
        ),
        (("로봇 공급망", "机器人产业链", "Robot supply chain"), ("로봇 트랙", "机器人分论坛"), 10, None),
    ):
        agenda_service.add_session(
            db,
            user=forum.organiser,
            event_id=forum.event.id,
            data=SessionIn(
                kind="keynote",
                title_ko=title[0],
                title_zh=title[1],
                title_en=title[2],
                starts_at=datetime(2026, 12, 15, hour, 0),
                ends_at=datetime(2026, 12, 15, hour, 45),
                track=" / ".join(track),
                stream_url=stream,
                people=[{"speaker_id": kim.id}],
            ),
        )
    db.commit()


def test_hybrid_forum_end_to_end_in_korean_and_chinese(
    db, make_user, make_org, new_page: Any, screenshots
) -> None:
    from playwright.sync_api import expect

    forum = make_forum(db, make_user, make_org, kr=2, cn=1, online=(1,), tables=2, rooms=2, slots=3)
    _programme(db, forum)
    eid = forum.event.id
    onsite, online = forum.kr
    china = forum.cn[0]
    emails = {p.id: forum.users[p.id].email for p in (onsite, online, china)}
    organiser = forum.organiser.email
    db.commit()

    # The Korean founder (on site) and the Korean firm (online) find the Chinese firm in the marketplace.
    for who in (onsite, online):
        page = new_page("ko-KR")
        _login(page, emails[who.id])
        page.goto(f"/events/{eid}/marketplace")
        page.select_option("select[name=country]", "CN")
        expect(page.locator("#attendees article")).to_have_count(1)
        card = page.locator("#attendees article").first
        expect(card).to_contain_text("中国企业1")
        card.locator("summary").click()
        card.locator("input[name=message]").fill("로봇 손 협력 논의를 요청드립니다.")
        card.locator("button[type=submit]:has-text('" + tr("Request", "ko") + "')").click()
        expect(page.locator(".flash")).to_have_text(tr("Your meeting request was sent.", "ko"))
        if who is onsite:
            page.screenshot(path=str(screenshots / "story2-marketplace-ko.png"), full_page=True)

    # The Chinese firm accepts both in Chinese; it was told of each request.
    host = new_page("zh-CN")
    _login(host, emails[china.id])
    host.goto("/notifications")
    expect(host.locator("main")).to_contain_text("请求在")
    host.goto(f"/events/{eid}")
    for _ in range(2):
        host.locator("#requests form:has(input[name=accept][value='1']) button").first.click()
        expect(host.locator(".flash")).to_have_text(tr("Your answer was saved.", "zh_Hans"))

    # The organiser (in Chinese) runs the scheduler, publishes, and reads the figures.
    org = new_page("zh-CN")
    _login(org, organiser)
    org.goto(f"/events/{eid}/console")
    org.click("form[action$='/console/schedule'] button")
    expect(org.locator("#scheduler table")).to_contain_text(tr("done", "zh_Hans"))
    org.click("form[action$='/console/publish'] button")
    expect(org.locator(".flash")).to_contain_text(
        tr("Meetings were published; participants can see their schedules.", "zh_Hans")
    )
    expect(org.locator("#meetings .mgrid td.m")).to_have_count(2)
    expect(org.locator("#stats")).to_contain_text("2")
    org.screenshot(path=str(screenshots / "story2-console-zh.png"), full_page=True)
    # A meeting opens in the move dialog.
    org.locator("#meetings .mgrid td.m a").first.click()
    expect(org.locator("#meeting-dialog")).to_be_visible()
    expect(org.locator("#meeting-dialog")).to_contain_text(tr("Move to", "zh_Hans"))

    # The founder meets at a venue table; the online firm gets a room of its own.
    founder = new_page("ko-KR")
    _login(founder, emails[onsite.id])
    founder.goto(f"/events/participants/{onsite.id}")
    expect(founder.locator("h1")).to_have_text(tr("My schedule", "ko"))
    expect(founder.locator("table.schedule tbody tr")).to_have_count(1)
    expect(founder.locator("table.schedule")).to_contain_text("Table")
    remote = new_page("ko-KR")
    _login(remote, emails[online.id])
    remote.goto(f"/events/participants/{online.id}")
    join = remote.locator("table.schedule a:has-text('" + tr("Join online", "ko") + "')")
    expect(join).to_have_count(1)
    assert join.get_attribute("href").startswith(VIDEO + "/kcbridge-")
    expect(remote.locator("table.schedule thead")).to_contain_text("상하이")
    remote.screenshot(path=str(screenshots / "story2-schedule-online-ko.png"), full_page=True)

    # The agenda by track with its speaker; the online firm may watch the stream, times in Shanghai and Seoul.
    remote.goto(f"/events/{eid}/agenda?tz=Asia/Seoul")
    expect(remote.locator(".track h3")).to_have_count(2)
    expect(remote.locator(".session").first).to_contain_text("김정훈")
    expect(remote.locator(".session").first).to_contain_text("서울")
    expect(remote.locator("a:has-text('" + tr("Watch online", "ko") + "')")).to_have_count(1)
    remote.screenshot(path=str(screenshots / "story2-agenda-ko.png"), full_page=True)
    host.goto(f"/events/{eid}/agenda")
    expect(host.locator(".session").first).to_contain_text("金正勋")
    expect(host.locator("a:has-text('" + tr("Watch online", "zh_Hans") + "')")).to_have_count(0)  # on site
    host.screenshot(path=str(screenshots / "story2-agenda-zh.png"), full_page=True)
