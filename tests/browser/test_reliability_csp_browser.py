"""Issue 11, hole 1: under the Content-Security-Policy the pages keep working in a real browser (htmx live
search, the language switch, the confirm-before-delete question) and the browser reports no violation."""

from __future__ import annotations

from typing import Any

from tests.support import PASSWORD


def test_pages_work_under_the_content_security_policy(new_page: Any, make_user: Any, make_org: Any) -> None:
    from playwright.sync_api import expect

    owner = make_user()
    org = make_org(owner=owner, name_en="Cloudy", texts={"en": {"description": "cloud services"}})
    make_org(name_en="Robotics Co", sectors=["robotics"])
    page = new_page()
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)

    page.goto("/organisations")
    cards = page.locator("#results .org-card")
    expect(cards).to_have_count(2)
    page.evaluate("window.__sameDocument = true")
    with page.expect_response(lambda r: "/organisations?" in r.url and "q=" in r.url):
        page.locator("#q").press_sequentially("cloud")
    expect(cards).to_have_count(1)
    assert page.evaluate("window.__sameDocument") is True  # htmx swapped the results in place

    page.select_option("#lang-select", "ko")  # data-autosubmit (app.js) submits the language form
    page.wait_for_url("**lang=ko**")
    assert page.locator("html").get_attribute("lang") == "ko"

    page.goto("/login")
    page.fill("input[name=email]", owner.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form[action='/login'] button[type=submit]").click()
    page.goto(f"/organisations/{org.id}")
    asked: list[str] = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.locator(f"form[action='/organisations/{org.id}/delete'] button").click()
    assert asked, "data-confirm asked nothing"
    expect(page).to_have_url(f"{page.url.split('/organisations')[0]}/organisations/{org.id}")
    assert violations == []
