"""Every page usable at 390 px (story 8's phones): the header folds into a menu, nothing is wider than the
screen (wide tables scroll inside their own box or become cards), and no word breaks one letter per line.
Home, directory, event, schedule and dashboard in Korean and Chinese; screenshots in
artifacts/screenshots/phone-<page>-<locale>.png."""

from __future__ import annotations

from typing import Any

import pytest
from tests.support.forum import make_forum, meet, run

pytestmark = pytest.mark.browser
PASSWORD = "correct-horse-battery"
PHONE = {"width": 390, "height": 844}

# Elements whose text is squeezed into a column narrower than two characters while running over several
# lines: words broken one letter per line.
SQUEEZED = """() => {
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    const own = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent.trim()).join("");
    if (own.length < 3) continue;
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") continue;
    const box = el.getBoundingClientRect();
    const size = parseFloat(style.fontSize) || 16;
    const line = parseFloat(style.lineHeight) || size * 1.5;
    if (box.width > 0 && box.width < 1.9 * size && box.height > 2.5 * line) out.push(own.slice(0, 20));
  }
  return out;
}"""
# Elements that stick out of the screen (scrolling boxes are fine: their own width is the screen's).
WIDE = """() => {
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= window.innerWidth + 1) continue;
    let inScroller = false;
    for (let p = el.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if ((o === "auto" || o === "scroll") && p.getBoundingClientRect().right <= window.innerWidth + 1) { inScroller = true; break; }
    }
    if (!inScroller) out.push(el.tagName + "." + el.className + " " + Math.round(box.right));
  }
  return out.slice(0, 10);
}"""


def _phone(browser: Any, live_server: str, locale: str) -> Any:
    ctx = browser.new_context(
        base_url=live_server,
        locale=locale,
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    ctx.set_default_timeout(10_000)
    return ctx


def _login(page: Any, email: str) -> None:
    page.goto("/login")
    page.fill("#f-email", email)
    page.fill("#f-password", PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_load_state()


def _check(page: Any, name: str, locale: str, screenshots: Any) -> None:
    from playwright.sync_api import expect

    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1, page.evaluate(WIDE)
    assert page.evaluate(WIDE) == []
    assert page.evaluate(SQUEEZED) == [], name
    expect(page.locator(".mainnav")).to_be_hidden()  # folded into the menu
    page.screenshot(path=str(screenshots / f"phone-{name}-{locale}.png"), full_page=True)


@pytest.mark.parametrize("locale", ["ko-KR", "zh-CN"])
def test_pages_at_390_px(
    db, make_user, make_org, browser: Any, live_server: str, screenshots, locale: str
) -> None:
    from playwright.sync_api import expect

    forum = make_forum(db, make_user, make_org, kr=2, cn=2, online=(1,))
    k1, k2 = forum.kr
    c1, c2 = forum.cn
    for a, b in ((k1, c1), (k2, c1), (k1, c2)):
        meet(db, forum, a, b)
    run(db, forum)
    me = k1 if locale == "ko-KR" else c1
    email, eid, pid = forum.users[me.id].email, forum.event.id, me.id
    db.commit()
    short = locale[:2]
    ctx = _phone(browser, live_server, locale)
    try:
        page = ctx.new_page()
        page.goto("/")
        _check(page, "home", short, screenshots)
        # The menu opens and shows the navigation.
        page.click("label.nav-button")
        expect(page.locator(".mainnav")).to_be_visible()
        expect(page.locator(".mainnav a[href='/events']")).to_be_visible()
        page.screenshot(path=str(screenshots / f"phone-menu-{short}.png"))
        page.goto("/organisations")
        _check(page, "directory", short, screenshots)
        _login(page, email)
        page.goto(f"/events/{eid}")
        _check(page, "event", short, screenshots)
        page.goto(f"/events/{eid}/marketplace")
        _check(page, "marketplace", short, screenshots)
        page.goto(f"/events/participants/{pid}")
        _check(page, "schedule", short, screenshots)
        expect(page.locator("table.schedule tbody tr").first).to_be_visible()
        page.goto("/dashboard")
        _check(page, "dashboard", short, screenshots)
    finally:
        ctx.close()


def test_console_at_390_px(db, make_user, make_org, browser: Any, live_server: str, screenshots) -> None:
    """The organiser's meeting grid scrolls inside its own box on a phone."""
    forum = make_forum(db, make_user, make_org, kr=2, cn=2, online=(1,))
    for a, b in ((forum.kr[0], forum.cn[0]), (forum.kr[1], forum.cn[1])):
        meet(db, forum, a, b)
    run(db, forum)
    email, eid = forum.organiser.email, forum.event.id
    db.commit()
    ctx = _phone(browser, live_server, "zh-CN")
    try:
        page = ctx.new_page()
        _login(page, email)
        page.goto(f"/events/{eid}/console")
        _check(page, "console", "zh", screenshots)
    finally:
        ctx.close()
