"""Fixtures of this domain: published opportunities and staff (tests/conftest.py resets the match index)."""

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
def make_opp(db: Session, staff: Any) -> Callable[..., Any]:
    """Factory: an opportunity of `owner`'s organisation, published unless `status` says otherwise."""
    from kcbridge.opportunities.schemas import OpportunityIn, ReviewIn
    from kcbridge.opportunities.service import opportunity_service

    def make(owner: Any, org: Any, status: str = "published", **fields: Any) -> Any:
        data = {
            "organisation_id": org.id,
            "opp_type": "business_request",
            "texts": {"en": {"title": "Seeking a distributor", "description": "We look for a distributor."}},
            **fields,
        }
        opp = opportunity_service.create(db, user=owner, data=OpportunityIn.model_validate(data))
        if status != "draft":
            opportunity_service.submit(db, user=owner, opp_id=opp.id)
        if status == "published":
            opportunity_service.review(db, user=staff, opp_id=opp.id, data=ReviewIn(decision="approve"))
        db.commit()
        return opp

    return make
