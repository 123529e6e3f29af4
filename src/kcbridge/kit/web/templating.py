"""The Jinja environment: one for all languages, translating through the request's locale.

The kit knows only its own frame (base.html, error.html). The app adds each domain's template folder
and the globals that domain's templates use (`install`), so importing a page module changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape
from starlette.responses import HTMLResponse

from kcbridge.kit import i18n
from kcbridge.kit.web import csp
from kcbridge.kit.web.csp import NonceScripts
from kcbridge.kit.web.deps import csrf_token

FRAME = Path(__file__).resolve().parent / "templates"


def _fmt_dt(value: Any, fmt: str = "%Y-%m-%d %H:%M") -> str:
    return value.strftime(fmt) if value else ""


env = Environment(
    loader=ChoiceLoader([FileSystemLoader(FRAME)]),
    autoescape=select_autoescape(default=True),
    extensions=["jinja2.ext.i18n", NonceScripts],
)
env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]
env.globals.update(
    locales=i18n.LOCALES,
    locale_names=i18n.LOCALE_NAMES,
    html_lang=lambda: i18n.HTML_LANG[i18n.get_locale()],
    current_locale=i18n.get_locale,
    current_lang=i18n.get_lang,
    csrf_token=csrf_token,
    csp_nonce=csp.nonce,
)
env.filters["dt"] = _fmt_dt
env.filters["json"] = lambda value: json.dumps(value, ensure_ascii=False)  # escaped by autoescape
templates = Jinja2Templates(env=env)


def install(folder: Path | None = None, globals: Mapping[str, Any] | None = None) -> None:
    """Adds a template folder (templates are named '<domain>/<file>.html') and template globals."""
    loader = env.loader
    assert isinstance(loader, ChoiceLoader)
    if folder is not None and folder.is_dir():
        paths = [p for sub in loader.loaders if isinstance(sub, FileSystemLoader) for p in sub.searchpath]
        if str(folder) not in paths:
            loader.loaders = [*loader.loaders, FileSystemLoader(folder)]
    if globals:
        env.globals.update(globals)


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("user", getattr(request.state, "user", None))
    return templates.TemplateResponse(request, name, context, status_code=status_code)
