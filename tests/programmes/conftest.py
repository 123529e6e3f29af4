"""Fixtures of this domain: programme factory and staff (tests/conftest.py resets the match index)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy.orm import Session


@pytest.fixture
def staff(make_user: Callable[..., Any]) -> Any:
    from kcbridge.accounts.models import Role

    return make_user(role=Role.SUPPORT_AGENT)


@pytest.fixture
def make_prog(db: Session) -> Callable[..., Any]:
    """Factory: a published programme of `org` (created by `owner`), open to all unless told otherwise."""
    return programme_maker(db)


def programme_maker(db: Session) -> Callable[..., Any]:
    """make_prog over any session (`module_db` too)."""
    from kcbridge.programmes.schemas import ProgrammeIn
    from kcbridge.programmes.service import programme_service

    def make(owner: Any, org: Any, **fields: Any) -> Any:
        data = {
            "organisation_id": org.id,
            "prog_type": "incubation",
            "country": "CN",
            "city": "Beijing",
            "status": "published",
            "texts": {"en": {"title": "Incubation programme", "description": "Desks and mentoring."}},
            **fields,
        }
        p = programme_service.create(db, user=owner, data=ProgrammeIn.model_validate(data))
        db.commit()
        return p

    return make
