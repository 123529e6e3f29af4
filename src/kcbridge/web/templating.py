"""The Jinja environment: one for all languages, translating through the request's locale."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.responses import HTMLResponse

from kcbridge import i18n
from kcbridge.directory import taxonomy
from kcbridge.web.deps import csrf_token

ROOT = Path(__file__).resolve().parent.parent
DOMAINS: tuple[str, ...] = ("accounts", "directory", "audit", "opportunities", "events", "matching")


def _loader() -> FileSystemLoader:
    """web/templates for the frame; each domain's templates/<domain>/… for its pages."""
    folders = [ROOT / "web" / "templates"] + [ROOT / d / "templates" for d in DOMAINS]
    return FileSystemLoader([f for f in folders if f.exists()])


def register_domain(name: str) -> None:
    """Later domains add their template folder (templates are named '<domain>/<file>.html')."""
    global DOMAINS
    if name not in DOMAINS:
        DOMAINS = (*DOMAINS, name)
        env.loader = _loader()


def _fmt_dt(value: Any, fmt: str = "%Y-%m-%d %H:%M") -> str:
    return value.strftime(fmt) if value else ""


env = Environment(
    loader=_loader(), autoescape=select_autoescape(default=True), extensions=["jinja2.ext.i18n"]
)
env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]
env.globals.update(
    label=lambda code: taxonomy.label(code, i18n.get_lang()) if code else "",
    taxonomy=taxonomy,
    locales=i18n.LOCALES,
    locale_names=i18n.LOCALE_NAMES,
    html_lang=lambda: i18n.HTML_LANG[i18n.get_locale()],
    current_locale=i18n.get_locale,
    current_lang=i18n.get_lang,
    csrf_token=csrf_token,
)
ROLE_LABELS = {
    "user": i18n.N_("User"),
    "admin": i18n.N_("Platform administrator"),
    "support_agent": i18n.N_("Support agent"),
    "government_officer": i18n.N_("Government officer"),
    "analyst": i18n.N_("Analyst"),
}
env.globals["role_label"] = lambda role: i18n.gettext(ROLE_LABELS.get(role) or str(role))
env.filters["dt"] = _fmt_dt
env.filters["json"] = lambda value: json.dumps(value, ensure_ascii=False)  # escaped by autoescape
templates = Jinja2Templates(env=env)


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("user", getattr(request.state, "user", None))
    return templates.TemplateResponse(request, name, context, status_code=status_code)
