"""Login, registration, password reset and the account page."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from kcbridge.accounts import repository as repo
from kcbridge.accounts.auth import AdminUser, CurrentUser, OptionalUser
from kcbridge.accounts.models import Role
from kcbridge.accounts.schemas import RegisterIn
from kcbridge.accounts.service import account_service, device_token
from kcbridge.kit.config import get_settings
from kcbridge.kit.errors import DomainError, Invalid, RateLimited
from kcbridge.kit.i18n import N_, _, get_locale
from kcbridge.kit.web.deps import LANG_COOKIE, SESSION_COOKIE, DbSession, Form, csrf_protect, secure_cookies
from kcbridge.kit.web.forms import field_errors
from kcbridge.kit.web.templating import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(csrf_protect)])
DEVICE_COOKIE = "kcb_device"
ROLE_LABELS = {
    "user": N_("User"),
    "admin": N_("Platform administrator"),
    "support_agent": N_("Support agent"),
    "government_officer": N_("Government officer"),
    "analyst": N_("Analyst"),
}
TEMPLATE_GLOBALS: dict[str, Any] = dict(  # installed by the app
    role_label=lambda role: _(ROLE_LABELS.get(role) or str(role)),
)


def _safe_next(target: str | None) -> str:
    """Only local paths, so a login link cannot send people to another site."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def _login_response(request: Request, db: DbSession, user, target: str) -> Response:  # noqa: ANN001
    token = account_service.start_session(db, user)
    response = RedirectResponse(_safe_next(target), status_code=303)
    settings = get_settings()
    secure = secure_cookies(request)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=settings.session_days * 86400,
        httponly=True,
        samesite="lax",
        secure=secure,
    )
    response.set_cookie(  # this browser signed in: failures of others on its network do not lock it out
        DEVICE_COOKIE,
        device_token(user),
        max_age=365 * 86400,
        httponly=True,
        samesite="lax",
        secure=secure,
    )
    if user.locale:
        response.set_cookie(
            LANG_COOKIE,
            user.locale,
            max_age=365 * 86400,
            httponly=True,
            samesite="lax",
            secure=secure,
        )
    return response


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, user: OptionalUser, next: str = "/") -> HTMLResponse:
    return render(request, "accounts/login.html", next=_safe_next(next), errors={}, email="")


@router.post("/login", response_class=HTMLResponse, response_model=None)
def login(request: Request, db: DbSession, form: Form) -> Response:
    email = str(form.get("email") or "")
    target = str(form.get("next") or "/")
    ip = request.client.host if request.client else "unknown"
    try:
        user = account_service.authenticate(
            db,
            email=email,
            password=str(form.get("password") or ""),
            ip=ip,
            device=request.cookies.get(DEVICE_COOKIE),
        )
    except DomainError as exc:
        return render(
            request,
            "accounts/login.html",
            status_code=exc.status,
            next=_safe_next(target),
            errors={"__all__": exc.message},
            email=email,
        )
    if _safe_next(target) == "/":  # signing in from the home page (or nowhere) leads to one's dashboard
        target = "/dashboard"
    return _login_response(request, db, user, target)


@router.post("/logout", response_model=None)
def logout(request: Request, db: DbSession) -> Response:
    if token := request.cookies.get(SESSION_COOKIE):
        account_service.end_session(db, token)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/register", response_class=HTMLResponse)
def register_page(request: Request) -> HTMLResponse:
    return render(request, "accounts/register.html", errors={}, values={})


@router.post("/register", response_class=HTMLResponse, response_model=None)
def register(request: Request, db: DbSession, form: Form) -> Response:
    values = {k: str(form.get(k) or "") for k in ("email", "password", "display_name")}
    errors: dict[str, str] = {}
    try:
        data = RegisterIn.model_validate(values)
    except ValidationError as exc:  # every field's problem at once, not the first one found
        errors = field_errors(exc)
        if "email" in errors:
            errors["email"] = _("Enter a valid e-mail address.")
        if "password" in errors:
            errors["password"] = _("The password must have at least {n} characters.").format(n=10)
    if values["password"] != str(form.get("password2") or ""):
        errors["password2"] = _("The two passwords differ.")
    if not errors:
        try:
            user = account_service.register(
                db,
                email=data.email,
                password=data.password,
                display_name=data.display_name,
                locale=get_locale(),
            )
            return _login_response(request, db, user, "/my/organisations")
        except DomainError as exc:
            errors = field_errors(exc)
    values.pop("password")
    return render(request, "accounts/register.html", status_code=422, errors=errors, values=values)


@router.get("/password/forgot", response_class=HTMLResponse)
def forgot_page(request: Request) -> HTMLResponse:
    return render(request, "accounts/forgot.html", sent=False)


@router.post("/password/forgot", response_class=HTMLResponse)
def forgot(request: Request, db: DbSession, form: Form) -> HTMLResponse:
    base = get_settings().base_url.rstrip("/")
    try:
        account_service.request_password_reset(
            db,
            email=str(form.get("email") or ""),
            reset_url=base + "/password/reset/{token}",
            ip=request.client.host if request.client else "unknown",
        )
    except RateLimited as exc:
        return render(request, "accounts/forgot.html", status_code=429, sent=False, error=exc.message)
    return render(request, "accounts/forgot.html", sent=True)


@router.get("/password/reset/{token}", response_class=HTMLResponse)
def reset_page(request: Request, token: str) -> HTMLResponse:
    return render(request, "accounts/reset.html", token=token, errors={})


@router.post("/password/reset/{token}", response_class=HTMLResponse, response_model=None)
def reset(request: Request, token: str, db: DbSession, form: Form) -> Response:
    try:
        account_service.reset_password(db, token=token, password=str(form.get("password") or ""))
    except DomainError as exc:
        return render(request, "accounts/reset.html", status_code=422, token=token, errors=field_errors(exc))
    return RedirectResponse("/login?reset=1", status_code=303)


@router.get("/account", response_class=HTMLResponse)
def account_page(request: Request, db: DbSession, user: CurrentUser) -> HTMLResponse:
    return render(
        request, "accounts/account.html", tokens=repo.tokens_of(db, user.id), new_token=None, errors={}
    )


@router.post("/account/tokens", response_class=HTMLResponse)
def create_token(request: Request, db: DbSession, user: CurrentUser, form: Form) -> HTMLResponse:
    try:
        token, _row = account_service.create_token(db, user, name=str(form.get("name") or ""))
    except DomainError as exc:
        return render(
            request,
            "accounts/account.html",
            status_code=422,
            tokens=repo.tokens_of(db, user.id),
            new_token=None,
            errors=field_errors(exc),
        )
    return render(
        request, "accounts/account.html", tokens=repo.tokens_of(db, user.id), new_token=token, errors={}
    )


@router.post("/account/tokens/{token_id}/revoke", response_model=None)
def revoke_token(token_id: int, db: DbSession, user: CurrentUser) -> Response:
    account_service.revoke_token(db, user, token_id)
    return RedirectResponse("/account", status_code=303)


@router.get("/admin/users", response_class=HTMLResponse)
def users_page(request: Request, db: DbSession, admin: AdminUser, q: str = "", page: int = 1) -> HTMLResponse:
    page = max(1, min(page, 100_000))
    rows, total = repo.users(db, query=q[:200], offset=(page - 1) * 50, limit=50)
    return render(
        request,
        "accounts/users.html",
        rows=rows,
        total=total,
        q=q,
        page=page,
        pages=max(1, -(-total // 50)),
        roles=[r.value for r in Role],
    )


@router.post("/admin/users/{user_id}/role", response_model=None)
def set_role(user_id: int, db: DbSession, admin: AdminUser, form: Form) -> Response:
    try:
        role = Role(str(form.get("role") or ""))
    except ValueError:
        raise Invalid(_("Choose one of the roles in the list.")) from None
    account_service.set_role(db, admin, user_id, role)
    return RedirectResponse("/admin/users", status_code=303)
