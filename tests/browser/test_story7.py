"""Story 7 in chromium: an analyst uploads news in Korean, Chinese and English (one file is empty and is
reported), then reads an article with its entities highlighted, follows an organisation to its profile
and its news timeline, opens the story told by two outlets side by side, and looks at the trends — in
Korean, Chinese and English, on a desktop and on a 390 px phone."""

from __future__ import annotations

import re
from typing import Any

import pytest

from kcbridge.kit import i18n

pytestmark = pytest.mark.browser
PASSWORD = "correct-horse-battery"

KO = """경기도, 상하이서 알리바바 클라우드와 AI 업무협약 체결

상하이=김민수 기자 2025. 3. 12. 10:30

경기도는 11일 중국 상하이에서 알리바바 클라우드와 인공지능·클라우드 협력을 위한 업무협약을 체결했다고 밝혔다.

이날 협약식에는 경기도 AI 기업 6곳이 함께 참석해 알리바바 클라우드 기술팀과 간담회를 열었다.

넥스클라우드 박준영 대표는 "중국 시장 진출의 발판이 될 것"이라고 말했다.
"""
EN = """Gyeonggi signs AI and cloud pact with Alibaba Cloud in Shanghai

2025-03-12 09:00 +0800

Gyeonggi Province signed a memorandum of understanding with Alibaba Cloud in Shanghai on March 11, 2025, to cooperate in artificial intelligence and cloud services.

Six AI firms from Gyeonggi joined the delegation. CEO Park Junyoung of NexCloud said the deal would help Korean firms enter the Chinese market.
"""
ZH = """中韩机器人创新论坛在北京举行

2025-04-09 10:00

2025年4月8日，中韩机器人创新论坛在北京举行。北京擎天人形机器人科技有限公司与罗博触控签署了合作备忘录，双方将在人形机器人灵巧手领域开展合作。

北京擎天人形机器人科技有限公司董事长王建国表示，希望与韩国企业加强交流。
"""
LOCALES = {"ko": "ko-KR", "zh_Hans": "zh-CN", "en": "en-US"}


def tr(message: str, locale: str) -> str:
    return i18n.translations(locale).gettext(message)


def _login(page: Any, email: str) -> None:
    page.goto("/login")
    page.fill("#f-email", email)
    page.fill("#f-password", PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_url(lambda url: "/login" not in url, timeout=30_000)  # home or dashboard


def _shoot(page: Any, screenshots: Any, name: str) -> None:
    page.screenshot(path=str(screenshots / f"story7-{name}.png"), full_page=True)


def test_story7_upload_article_timeline_story_trends(
    make_user, make_org, new_page, screenshots, monkeypatch
) -> None:
    from playwright.sync_api import expect

    from kcbridge.accounts import security
    from kcbridge.accounts.models import Role

    monkeypatch.setattr(  # cheap password hashes: logging in three times stays quick on a busy machine
        security, "_hasher", security.PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )
    from kcbridge.news import gazetteer

    gazetteer.forget()
    from kcbridge.news.extract import Extractor

    Extractor().warm_up()  # the language models load once per process (the live server's too)
    analyst = make_user(email="analyst@kcbridge.example", name="王磊", role=Role.ANALYST)
    make_org(name_ko="경기도", name_zh="京畿道", name_en="Gyeonggi Province", org_type="government")
    alibaba = make_org(
        name_ko="알리바바 클라우드",
        name_zh="阿里云",
        name_en="Alibaba Cloud",
        country="CN",
        sectors=["cloud"],
    )
    make_org(name_ko="㈜넥스클라우드", name_en="NexCloud Co., Ltd.", sectors=["cloud"])
    make_org(name_ko="㈜로보터치", name_zh="罗博触控株式会社", name_en="RoboTouch Inc.", sectors=["robotics"])

    # The analyst uploads four files in Korean; the empty one is reported with its name, the rest ingested.
    page = new_page("ko-KR")
    _login(page, analyst.email)
    page.goto("/news/ingest?lang=ko")
    expect(page.locator("h1")).to_have_text(tr("Ingest news", "ko"))
    page.set_input_files(
        "#f-files",
        [
            {"name": "gyeonggi-ko.txt", "mimeType": "text/plain", "buffer": KO.encode()},
            {"name": "gyeonggi-en.txt", "mimeType": "text/plain", "buffer": EN.encode()},
            {"name": "robots-zh.txt", "mimeType": "text/plain", "buffer": ZH.encode("gb18030")},
            {"name": "empty.txt", "mimeType": "text/plain", "buffer": b""},
        ],
    )
    with page.expect_navigation(url=re.compile(r"/news/jobs/\d+"), timeout=120_000):
        page.click("#upload button[type=submit]", no_wait_after=True)
    expect(page.locator("#job-status")).to_have_attribute("data-status", "done", timeout=60_000)
    expect(page.locator("#job-added")).to_have_text("3")
    expect(page.locator("#job-errors")).to_contain_text("empty.txt")
    expect(page.locator("#job-errors")).to_contain_text(tr("The file is empty.", "ko"))
    _shoot(page, screenshots, "job.ko")

    for locale, browser_locale in LOCALES.items():
        p = new_page(browser_locale) if locale != "ko" else page
        if locale != "ko":
            _login(p, analyst.email)
        for width in (1280, 390):
            p.set_viewport_size({"width": width, "height": 900})
            suffix = f"{locale}" if width == 1280 else f"{locale}.390"
            # The list, then the Korean article: entities highlighted and linked to the directory.
            p.goto(f"/news?lang={locale}")
            expect(p.locator("h1")).to_have_text(tr("News intelligence", locale))
            p.get_by_role("link", name=re.compile("경기도, 상하이서")).click()
            p.wait_for_url(re.compile(r"/news/articles/\d+"))
            org_link = p.locator(f'a.ent-org[href="/organisations/{alibaba.id}"]').first
            expect(org_link).to_have_text("알리바바 클라우드")
            expect(p.locator("#events")).to_contain_text(tr("Agreement or MOU", locale))
            _shoot(p, screenshots, f"article.{suffix}")
            # The organisation's profile loads its news timeline.
            org_link.click()
            p.wait_for_url(re.compile(rf"/organisations/{alibaba.id}"))
            timeline = p.locator("#news-timeline")
            expect(timeline).to_contain_text(tr("In the news", locale))
            expect(timeline).to_contain_text(tr("Agreement or MOU", locale))
            _shoot(p, screenshots, f"timeline.{suffix}")
            # The story: the Korean and the English report side by side.
            timeline.locator('a[href^="/news/stories/"]').first.click()
            p.wait_for_url(re.compile(r"/news/stories/\d+"))
            expect(p.locator(".story-grid > article")).to_have_count(2)
            expect(p.locator(".story-grid")).to_contain_text("Gyeonggi Province signed")
            _shoot(p, screenshots, f"story.{suffix}")
            # Trends: sectors by month, top organisations, the Korea–China map, drawn by ECharts.
            p.goto(f"/news/trends?lang={locale}&months=3")
            expect(p.locator("h1")).to_have_text(tr("News trends", locale))
            expect(p.locator("#chart-sectors canvas")).to_have_count(1)
            expect(p.locator("#chart-map canvas")).to_have_count(1)
            expect(p.locator("#top-organisations")).to_contain_text(
                alibaba.name_zh
                if locale == "zh_Hans"
                else alibaba.name_ko
                if locale == "ko"
                else "Alibaba Cloud"
            )
            _shoot(p, screenshots, f"trends.{suffix}")
    # The indicators page shows its (empty) series and the import form to the analyst.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/news/indicators?lang=en")
    expect(page.locator("h1")).to_have_text(tr("Korea and China compared", "en"))
    expect(page.locator("#import")).to_be_visible()
