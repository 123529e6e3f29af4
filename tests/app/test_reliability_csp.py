"""Issue 11, hole 1 (second half): every page carries a Content-Security-Policy that runs only the site's own
scripts and styles, and no template needs more (no inline scripts, event handlers or `javascript:` links)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.support import login

import kcbridge

PACKAGE = Path(kcbridge.__file__).resolve().parent
PDF_ONLY = {"events/print.html"}  # rendered to PDF by WeasyPrint, never served as a page


def _policy(response) -> dict[str, list[str]]:
    header = response.headers.get("content-security-policy", "")
    out = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


def test_every_page_runs_only_its_own_scripts(client, make_user):
    user = make_user()
    for path in ("/", "/organisations", "/login", "/events", "/no-such-page"):
        policy = _policy(client.get(path))
        assert policy.get("default-src") == ["'self'"], path
        assert "'self'" in policy["script-src"] and "'unsafe-inline'" not in policy["script-src"], path
        assert "'unsafe-eval'" not in policy["script-src"]
        assert "'unsafe-inline'" not in policy["style-src"]
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"]
    login(client, user.email)
    r = client.get("/dashboard")
    assert r.status_code == 200 and "script-src" in r.headers["content-security-policy"]
    assert "script-src" in client.get("/api/v1/organisations").headers["content-security-policy"]


def test_the_nonce_changes_on_every_response(client):
    a = _policy(client.get("/"))["script-src"]
    b = _policy(client.get("/"))["script-src"]
    nonces = [w for w in a + b if w.startswith("'nonce-")]
    assert len(nonces) == 2 and nonces[0] != nonces[1]


def test_the_api_documentation_still_loads_its_viewer(client):
    r = client.get("/api/docs")
    assert r.status_code == 200
    policy = _policy(r)
    src = re.search(r'<script src="([^"]+)"', r.text).group(1)
    origin = "/".join(src.split("/")[:3])
    assert origin in policy["script-src"] and origin in policy["style-src"]


def test_pages_load_their_behaviour_from_a_static_script(client):
    html = client.get("/").text
    assert '<script src="/static/app.js" defer></script>' in html
    assert 'name="htmx-config"' in html and "includeIndicatorStyles" in html  # htmx adds no inline <style>
    assert client.get("/static/app.js").status_code == 200


def test_no_template_has_inline_event_handlers_or_javascript_links():
    problems = []
    for path in sorted(PACKAGE.rglob("templates/**/*.html")):
        name = "/".join(path.parts[path.parts.index("templates") + 1 :])
        if name in PDF_ONLY:
            continue
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"\son[a-z]+\s*=", text):
            problems.append(f"{name}: event handler attribute {m.group(0).strip()}")
        if re.search(r"javascript:", text, re.IGNORECASE):
            problems.append(f"{name}: javascript: URL")
    assert problems == []


def test_a_templates_own_inline_script_carries_the_nonce_and_injected_markup_never_does():
    from kcbridge.kit.web import csp
    from kcbridge.kit.web.templating import env

    template = env.from_string(
        '<p>{{ bio }}</p><script>var chart = {{ data|json }};</script><script src="/static/x.js"></script>'
    )
    nonce = csp.new_nonce()
    html = template.render(bio="<script>alert(1)</script>", data={"a": "</script><script>alert(2)"})
    assert html.count(f'nonce="{nonce}"') == 1  # the template's own inline script only
    assert "<script>alert" not in html and '<script src="/static/x.js">' in html
