from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from kcbridge.accounts.schemas import Email
from kcbridge.directory import taxonomy as tx
from kcbridge.kit.i18n import _

TEXT_MAX = 10_000


def one_of(vocab: frozenset[str], value: str | None, what: str) -> str | None:
    """`value` if it is a code of `vocab` (None for blank), else a translated error naming it."""
    if value is None or value == "":
        return None
    if value not in vocab:
        raise ValueError(_("Unknown {what}: {value}").format(what=what, value=value))
    return value


def all_of(vocab: frozenset[str], values: list[str] | None, what: str) -> list[str] | None:
    """The codes sorted and without repeats, each checked with one_of."""
    if values is None:
        return None
    for code in values:
        one_of(vocab, code, what)
    return sorted(set(values))


class TextsIn(BaseModel):
    description: str = Field(default="", max_length=TEXT_MAX)
    offer: str = Field(default="", max_length=TEXT_MAX)
    seek: str = Field(default="", max_length=TEXT_MAX)

    def is_empty(self) -> bool:
        return not (self.description.strip() or self.offer.strip() or self.seek.strip())


class PersonIn(BaseModel):
    name: str = Field(min_length=1, max_length=120)
    title: str = Field(default="", max_length=120)
    email: Email | None = None
    phone: str | None = Field(default=None, max_length=40, pattern=r"^[0-9+()\-. ]*$")
    languages: list[str] = Field(default_factory=list)

    @field_validator("name")
    @classmethod
    def _strip(cls, v: str) -> str:
        v = v.strip()
        if not v:
            raise ValueError(_("Enter a name."))
        return v

    @field_validator("languages")
    @classmethod
    def _langs(cls, v: list[str]) -> list[str]:
        for code in v:
            one_of(tx.LANGUAGE_CODES, code, _("language"))
        return list(dict.fromkeys(v))


class PersonOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    organisation_id: int
    name: str
    title: str
    email: str | None
    phone: str | None
    languages: list[str]


class _OrgFields(BaseModel):
    """Shared validation of the organisation fields (create and update)."""

    model_config = ConfigDict(str_strip_whitespace=True)

    @field_validator("org_type", check_fields=False)
    @classmethod
    def _type(cls, v: str | None) -> str | None:
        return one_of(tx.ORG_TYPE_CODES, v, _("organisation type"))

    @field_validator("country", check_fields=False)
    @classmethod
    def _country(cls, v: str | None) -> str | None:
        return one_of(tx.COUNTRY_CODES, v.upper() if v else v, _("country"))

    @field_validator("size", check_fields=False)
    @classmethod
    def _size(cls, v: str | None) -> str | None:
        return one_of(tx.SIZE_CODES, v, _("company size"))

    @field_validator("stage", check_fields=False)
    @classmethod
    def _stage(cls, v: str | None) -> str | None:
        return one_of(tx.STAGE_CODES, v, _("stage"))

    @field_validator("sectors", check_fields=False)
    @classmethod
    def _sectors(cls, v: list[str] | None) -> list[str] | None:
        return all_of(tx.SECTOR_CODES, v, _("sector"))

    @field_validator("founded_year", check_fields=False)
    @classmethod
    def _year(cls, v: int | None) -> int | None:
        if v is not None and not (1800 <= v <= date.today().year):
            raise ValueError(_("Enter a year between 1800 and this year."))
        return v

    @field_validator("website", check_fields=False)
    @classmethod
    def _web(cls, v: str | None) -> str | None:
        if not v:
            return None
        if not v.lower().startswith(("http://", "https://")):
            v = "https://" + v
        if " " in v or "." not in v:
            raise ValueError(_("Enter a web address such as https://example.com."))
        return v

    @field_validator("texts", check_fields=False)
    @classmethod
    def _texts(cls, v: dict[str, TextsIn] | None) -> dict[str, TextsIn] | None:
        if v is None:
            return None
        for lang in v:
            one_of(tx.LANGUAGE_CODES, lang, _("language"))
        return {k: t for k, t in v.items() if not t.is_empty()}


class OrganisationIn(_OrgFields):
    name_ko: str | None = Field(default=None, max_length=200)
    name_zh: str | None = Field(default=None, max_length=200)
    name_en: str | None = Field(default=None, max_length=200)
    org_type: str
    size: str | None = None
    stage: str | None = None
    country: str
    city: str = Field(default="", max_length=100)
    sectors: list[str] = Field(default_factory=list)
    founded_year: int | None = None
    website: str | None = Field(default=None, max_length=300)
    texts: dict[str, TextsIn] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _one_name(self) -> OrganisationIn:
        if not (self.name_ko or self.name_zh or self.name_en):
            raise ValueError(_("Give the organisation a name in at least one language."))
        return self


class OrganisationPatch(_OrgFields):
    name_ko: str | None = Field(default=None, max_length=200)
    name_zh: str | None = Field(default=None, max_length=200)
    name_en: str | None = Field(default=None, max_length=200)
    org_type: str | None = None
    size: str | None = None
    stage: str | None = None
    country: str | None = None
    city: str | None = Field(default=None, max_length=100)
    sectors: list[str] | None = None
    founded_year: int | None = None
    website: str | None = Field(default=None, max_length=300)
    texts: dict[str, TextsIn] | None = None

    @field_validator("org_type", "country", mode="before")
    @classmethod
    def _required(cls, v: object) -> object:
        """Left out, they stay as they are; given, they cannot be emptied (every organisation has them)."""
        if v is None or (isinstance(v, str) and not v.strip()):
            raise ValueError(_("This field cannot be emptied."))
        return v


class OrganisationOut(BaseModel):
    id: int
    names: dict[str, str]
    name: str = Field(description="Name in the requested language, else the first given")
    org_type: str
    size: str | None
    stage: str | None
    country: str
    city: str
    sectors: list[str]
    founded_year: int | None
    website: str | None
    texts: dict[str, TextsIn]
    logo_url: str | None
    contacts_visible: bool
    people: list[PersonOut] | None = Field(description="Null unless the caller may see contact people")
    warnings: list[str] = Field(default_factory=list)


class Page(BaseModel):
    items: list[Any]
    total: int
    page: int
    per_page: int


class OrganisationPage(Page):
    items: list[OrganisationOut]


class MemberIn(BaseModel):
    email: Email
    role: str = "member"


class MemberOut(BaseModel):
    user_id: int
    display_name: str
    email: str
    role: str
