"""Browser tests: a real uvicorn server in a background thread and Debian's chromium via Playwright.

The server runs against the test database of tests/conftest.py; every test gets it emptied (db_url).
Screenshots go to artifacts/screenshots/ at the repository root (gitignored).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

# Debian's chromium-headless-shell (`make system-deps`; Chromium's headless shell, built from the same source
# as the chromium package), else the full chromium: the shell runs the same pages with less than half the
# CPU of the full browser in headless mode (measured: tests/browser on SQLite, 75 against 132 CPU-s of
# chromium's processes; 8 new contexts of 4 pages each, 4.1 against 11.9).
CHROMIUM = next(
    (p for p in ("/usr/bin/chromium-headless-shell", "/usr/bin/chromium") if Path(p).exists()),
    "/usr/bin/chromium",
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def _server(database_url: str) -> Iterator[str]:
    """One uvicorn server for the whole session (the database is emptied between tests)."""
    import uvicorn

    from kcbridge.app.web import create_app

    port = _free_port()
    config = uvicorn.Config(
        create_app(), host="127.0.0.1", port=port, log_level="warning", lifespan="off", access_log=False
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="live-server", daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline or not thread.is_alive():
            server.should_exit = True
            raise RuntimeError("the live server did not answer /healthz")
        time.sleep(0.05)
    try:
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def live_server(_server: str, db_url: str) -> str:
    """Base URL of a running kcbridge on the test database (emptied after the test)."""
    return _server


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium-headless-shell is not installed (make system-deps)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def new_page(browser: Any, live_server: str) -> Iterator[Any]:
    """Factory of pages, each in its own browser context (own cookies), closed after the test."""
    contexts: list[Any] = []

    def make(locale: str = "en-US") -> Any:
        ctx = browser.new_context(
            base_url=live_server, locale=locale, viewport={"width": 1280, "height": 900}
        )
        ctx.set_default_timeout(10_000)
        contexts.append(ctx)
        return ctx.new_page()

    yield make
    for ctx in contexts:
        ctx.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
