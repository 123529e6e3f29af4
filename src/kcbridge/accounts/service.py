"""Accounts: registration, login with rate limiting, sessions, API tokens, password reset, roles."""

from __future__ import annotations

from datetime import timedelta

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from kcbridge.accounts import repository as repo
from kcbridge.accounts.models import (
    ApiToken,
    LoginAttempt,
    Membership,
    PasswordReset,
    Role,
    User,
    UserSession,
)
from kcbridge.accounts.security import (
    dummy_hash,
    hash_password,
    new_token,
    same,
    sign,
    token_hash,
    verify_password,
)
from kcbridge.accounts.tasks import stamp_token_use
from kcbridge.kit.audit import Actor, audit_service
from kcbridge.kit.config import get_settings
from kcbridge.kit.db import utcnow
from kcbridge.kit.errors import Conflict, Forbidden, Invalid, NotFound, RateLimited, Unauthorized
from kcbridge.kit.i18n import _
from kcbridge.kit.mail import send_mail

MIN_PASSWORD = 10


def actor_of(user: User | None) -> Actor:
    return Actor(user.id, user.email) if user else Actor.system("anonymous")


def _check_email(email: str) -> str:
    try:
        return validate_email(email.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        raise Invalid(  # noqa: B904 - the validator's own text is English; ours is translated
            _("Enter a valid e-mail address."), fields=[(("email",), _("Enter a valid e-mail address."))]
        )


def _check_password(password: str, field: str = "password") -> None:
    if len(password) < MIN_PASSWORD:
        msg = _("The password must have at least {n} characters.").format(n=MIN_PASSWORD)
        raise Invalid(msg, fields=[((field,), msg)])


def device_token(user: User) -> str:
    """The value of the device cookie a browser gets when its user signs in (see authenticate)."""
    return f"{user.id}.{sign(get_settings().resolved_secret_key(), f'device:{user.id}')}"


def known_device(value: str | None, user: User | None) -> bool:
    """Whether `value` is the device cookie of `user` (this browser signed in as this user before)."""
    return bool(value and user is not None and same(value, device_token(user)))


class AccountService:
    def register(
        self,
        db: Session,
        *,
        email: str,
        password: str,
        display_name: str,
        locale: str | None = None,
        role: Role = Role.USER,
    ) -> User:
        """Creates an account; the e-mail must be new."""
        email = _check_email(email)
        _check_password(password)
        display_name = display_name.strip()
        if not display_name:
            msg = _("Enter your name.")
            raise Invalid(msg, fields=[(("display_name",), msg)])
        if repo.user_by_email(db, email):
            msg = _("An account with this e-mail already exists.")
            raise Invalid(msg, fields=[(("email",), msg)])
        user = User(
            email=email,
            password_hash=hash_password(password),
            display_name=display_name[:120],
            role=role.value,
            locale=locale,
        )
        db.add(user)
        db.flush()
        audit_service.record(
            db,
            actor=Actor(user.id, email),
            action="create",
            entity_type="user",
            entity_id=user.id,
            changes={"email": email, "role": role.value},
        )
        return user

    def authenticate(
        self, db: Session, *, email: str, password: str, ip: str, device: str | None = None
    ) -> User:
        """The user for these credentials. Counted separately: failures on one account lock that account
        (from anywhere); failures from one address lock that address, except for an account whose
        browser signed in before (its `device` cookie), so a shared network's people keep their access."""
        settings = get_settings()
        email = email.strip().lower()
        repo.lock_attempts(db, "login:" + email)  # count, check and record atomically per account
        since = utcnow() - timedelta(seconds=settings.login_window_seconds)
        if repo.failures_since(db, since=since, email=email) >= settings.login_max_failures:
            raise RateLimited(_("Too many failed attempts. Try again in a few minutes."))
        user = repo.user_by_email(db, email)
        if repo.failures_since(
            db, since=since, ip=ip
        ) >= settings.login_max_failures_per_address and not known_device(device, user):
            raise RateLimited(_("Too many failed attempts from your network. Try again in a few minutes."))
        ok = verify_password(user.password_hash if user else dummy_hash(), password)
        if not user or not ok or not user.is_active:
            db.add(LoginAttempt(email=email, ip=ip))
            raise Unauthorized(_("Wrong e-mail or password."))
        return user

    def start_session(self, db: Session, user: User) -> str:
        token = new_token()
        days = get_settings().session_days
        db.add(
            UserSession(
                token_hash=token_hash(token), user_id=user.id, expires_at=utcnow() + timedelta(days=days)
            )
        )
        audit_service.record(
            db, actor=actor_of(user), action="login", entity_type="user", entity_id=user.id, changes={}
        )
        return token

    def end_session(self, db: Session, token: str) -> None:
        db.execute(delete(UserSession).where(UserSession.token_hash == token_hash(token)))

    def user_for_session(self, db: Session, token: str) -> User | None:
        return repo.user_by_session(db, token_hash(token), utcnow())

    def create_token(self, db: Session, user: User, *, name: str) -> tuple[str, ApiToken]:
        """A personal API token; the clear value is returned once and never stored."""
        name = name.strip()
        if not name:
            msg = _("Give the token a name.")
            raise Invalid(msg, fields=[(("name",), msg)])
        token = new_token("kcb_")
        row = ApiToken(user_id=user.id, name=name[:100], token_hash=token_hash(token), prefix=token[:10])
        db.add(row)
        db.flush()
        audit_service.record(
            db,
            actor=actor_of(user),
            action="create",
            entity_type="api_token",
            entity_id=row.id,
            changes={"name": row.name},
        )
        return token, row

    def revoke_token(self, db: Session, user: User, token_id: int) -> None:
        row = db.get(ApiToken, token_id)
        if row is None or row.user_id != user.id:
            raise NotFound(_("No such token."))
        row.revoked_at = utcnow()
        audit_service.record(
            db, actor=actor_of(user), action="revoke", entity_type="api_token", entity_id=row.id, changes={}
        )

    def user_for_token(self, db: Session, token: str) -> User | None:
        row = repo.token_by_hash(db, token_hash(token))
        if row is None:
            return None
        user = db.get(User, row.user_id)
        if user is None or not user.is_active:
            return None
        now = utcnow()
        if row.last_used_at is None or now - row.last_used_at > timedelta(minutes=5):
            # coarse, so that every API call is not a write; a job writes it, so a GET stays a read
            stamp_token_use.defer(db, token_id=row.id, at=now.isoformat())
        return user

    def request_password_reset(self, db: Session, *, email: str, reset_url: str, ip: str = "unknown") -> None:
        """Mails a one-hour reset link if the account exists; says nothing either way. Requests are
        limited per e-mail (known or not, so the limit reveals nothing) and per address, per hour."""
        settings = get_settings()
        email = email.strip().lower()
        repo.lock_attempts(db, "reset:" + email)
        since = utcnow() - timedelta(hours=1)
        if (
            repo.failures_since(db, since=since, email=email, kind="reset") >= settings.reset_max_per_email
            or repo.failures_since(db, since=since, ip=ip, kind="reset") >= settings.reset_max_per_address
        ):
            raise RateLimited(_("Too many reset requests. Try again in an hour."))
        db.add(LoginAttempt(email=email[:254], ip=ip, kind="reset"))
        user = repo.user_by_email(db, email)
        if user is None:
            return
        token = new_token()
        db.add(
            PasswordReset(
                token_hash=token_hash(token), user_id=user.id, expires_at=utcnow() + timedelta(hours=1)
            )
        )
        body = "\n\n".join(
            [
                _("Someone asked to reset the password of your kcbridge account."),
                _("Open this link within one hour to choose a new password:"),
                reset_url.format(token=token),
                _("If it was not you, ignore this message."),
            ]
        )
        send_mail.defer(db, to=user.email, subject=_("Reset your kcbridge password"), body=body)

    def reset_password(self, db: Session, *, token: str, password: str) -> User:
        row = db.get(PasswordReset, token_hash(token))
        if row is None or row.used_at is not None or row.expires_at < utcnow():
            raise Invalid(_("This reset link is invalid or has expired."))
        _check_password(password)
        user = db.get(User, row.user_id)
        if user is None:
            raise Invalid(_("This reset link is invalid or has expired."))
        user.password_hash = hash_password(password)
        row.used_at = utcnow()
        # Every other reset link of the account dies with this reset, as do its sessions.
        db.execute(
            update(PasswordReset)
            .where(PasswordReset.user_id == user.id, PasswordReset.used_at.is_(None))
            .values(used_at=row.used_at)
        )
        db.execute(delete(UserSession).where(UserSession.user_id == user.id))
        audit_service.record(
            db,
            actor=actor_of(user),
            action="reset_password",
            entity_type="user",
            entity_id=user.id,
            changes={},
        )
        return user

    def set_locale(self, db: Session, user: User, locale: str) -> None:
        user.locale = locale

    def set_role(self, db: Session, admin: User, user_id: int, role: Role) -> User:
        if not admin.is_admin:
            raise Forbidden(_("Only platform administrators can change roles."))
        user = db.get(User, user_id)
        if user is None:
            raise NotFound(_("No such user."))
        if user.is_admin and role is not Role.ADMIN and repo.admin_count(db, lock=True) <= 1:
            raise Conflict(
                _("The platform needs at least one administrator: give the role to someone else first.")
            )
        before = user.role
        user.role = role.value
        audit_service.record(
            db,
            actor=actor_of(admin),
            action="update",
            entity_type="user",
            entity_id=user.id,
            changes={"role": [before, role.value]},
        )
        return user

    def add_member(
        self, db: Session, *, user: User, organisation_id: int, role: str, actor: Actor
    ) -> Membership:
        existing = repo.membership(db, user.id, organisation_id)
        if existing:
            return existing
        m = Membership(user_id=user.id, organisation_id=organisation_id, role=role)
        db.add(m)
        db.flush()
        audit_service.record(
            db,
            actor=actor,
            action="create",
            entity_type="membership",
            entity_id=m.id,
            changes={"user_id": user.id, "organisation_id": organisation_id, "role": role},
        )
        return m


account_service = AccountService()
