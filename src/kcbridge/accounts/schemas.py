from __future__ import annotations

from datetime import datetime
from typing import Annotated

from email_validator import EmailNotValidError, validate_email
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, WithJsonSchema

from kcbridge.accounts.models import Role
from kcbridge.kit.i18n import _


def _email(value: str) -> str:
    try:
        return validate_email(value.strip(), check_deliverability=False).normalized
    except EmailNotValidError:
        raise ValueError(_("Enter a valid e-mail address.")) from None  # the library's text is English


# An e-mail address (normalised as email-validator does); a wrong one gets our translated message.
Email = Annotated[
    str, Field(max_length=320), AfterValidator(_email), WithJsonSchema({"type": "string", "format": "email"})
]


class RegisterIn(BaseModel):
    email: Email
    password: str = Field(min_length=10, max_length=200)
    display_name: str = Field(min_length=1, max_length=120)


class MembershipOut(BaseModel):
    organisation_id: int
    role: str


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    display_name: str
    role: str
    locale: str | None
    created_at: datetime
    memberships: list[MembershipOut] = []


class TokenIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)


class TokenOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenCreated(TokenOut):
    token: str = Field(description="Shown once; store it now.")


class RoleIn(BaseModel):
    role: Role


class UserPage(BaseModel):
    items: list[UserOut]
    total: int
    page: int
    per_page: int
