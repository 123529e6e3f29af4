"""Fixtures of this domain: agreement and commitment factories, and a world with every role."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from sqlalchemy.orm import Session


@pytest.fixture
def make_agreement(db: Session) -> Callable[..., Any]:
    """Factory: an agreement recorded by `user` between `parties` (organisations), public by default."""
    return agreement_maker(db)


def agreement_maker(db: Session) -> Callable[..., Any]:
    """make_agreement over any session (`module_db` too)."""
    from kcbridge.agreements.schemas import AgreementIn
    from kcbridge.agreements.service import agreement_service

    def make(user: Any, parties: list[Any], **fields: Any) -> Any:
        data = {
            "kind": "mou",
            "title_en": "Friendship MOU",
            "signed_on": "2025-09-25",
            "signed_place": "Shanghai",
            "fields": ["trade_economy", "education"],
            "parties": [
                {"organisation_id": o.id, "signatories": [{"name": f"Signer {i}", "title": "Governor"}]}
                for i, o in enumerate(parties)
            ],
            **fields,
        }
        a = agreement_service.create(db, user=user, data=AgreementIn.model_validate(data))
        db.commit()
        return a

    return make


@pytest.fixture
def make_commitment(db: Session) -> Callable[..., Any]:
    """Factory: a commitment of `agreement` owned by `owner_org`, added by `user`."""
    return commitment_maker(db)


def commitment_maker(db: Session) -> Callable[..., Any]:
    """make_commitment over any session (`module_db` too)."""
    from kcbridge.agreements.commitments import commitment_service
    from kcbridge.agreements.schemas import CommitmentIn

    def make(user: Any, agreement: Any, owner_org: Any, **fields: Any) -> Any:
        data = {
            "what_en": "Gyeonggi firms at Shanghai's trade fair",
            "owner_org_id": owner_org.id,
            "due_on": "2026-06-30",
            **fields,
        }
        c = commitment_service.create(
            db, user=user, agreement_id=agreement.id, data=CommitmentIn.model_validate(data)
        )
        db.commit()
        return c

    return make


ROLES = ("anon", "stranger", "member", "owner", "agent", "officer", "analyst", "admin")


@dataclass
class World:
    users: dict[str, Any]
    party_a: Any
    party_b: Any
    firm: Any
    public: Any
    private: Any
    commitment: Any  # under the public agreement, owned by the firm
    private_commitment: Any  # under the parties-only agreement, owned by the firm
    today: date


@pytest.fixture
def world(db, make_user, make_org, make_agreement, make_commitment) -> World:
    return build_world(make_user, make_org, make_agreement, make_commitment)


def build_world(make_user, make_org, make_agreement, make_commitment) -> World:
    """Two governments that signed a public and a parties-only agreement; a firm that owns a commitment
    of each; and one user per role: anonymous, a member of another organisation, a member of a party,
    a member of the owner firm, a support agent, a government officer, an analyst and an administrator."""
    from kcbridge.accounts.models import Role
    from kcbridge.agreements.service import today

    users = {
        "stranger": make_user(),
        "member": make_user(name="Party member"),
        "owner": make_user(name="Owner member"),
        "agent": make_user(role=Role.SUPPORT_AGENT),
        "officer": make_user(role=Role.GOVERNMENT_OFFICER),
        "analyst": make_user(role=Role.ANALYST),
        "admin": make_user(role=Role.ADMIN),
    }
    make_org(owner=users["stranger"], name_en="Unrelated Ltd", country="CN")
    party_a = make_org(
        owner=users["member"], name_en="Gyeonggi Province", name_ko="경기도", org_type="government"
    )
    party_b = make_org(
        name_en="Shanghai Municipal Government", name_zh="上海市人民政府", org_type="government", country="CN"
    )
    firm = make_org(owner=users["owner"], name_en="Pangyo Cloud", name_ko="판교클라우드")
    public = make_agreement(users["member"], [party_a, party_b], title_ko="경기도-상하이 우호협력 MOU")
    private = make_agreement(
        users["member"],
        [party_a, party_b],
        title_en="Confidential investment LOI",
        kind="letter_of_intent",
        visibility="parties",
    )
    commitment = make_commitment(users["member"], public, firm, milestones=[{"title": "Booth booked"}])
    private_commitment = make_commitment(
        users["member"], private, firm, what_en="Semiconductor mutual investment"
    )
    users["anon"] = None
    return World(users, party_a, party_b, firm, public, private, commitment, private_commitment, today())


@pytest.fixture
def outbox(db_url: str) -> Callable[[], list[str]]:
    """The mails sent since the test began (dev outbox), as text."""
    from kcbridge.kit.config import get_settings

    folder = get_settings().outbox_dir
    for p in folder.glob("*.eml") if folder.exists() else []:
        p.unlink()

    def read() -> list[str]:
        import email
        from email import policy

        mails = []
        for p in sorted(folder.glob("*.eml")) if folder.exists() else []:
            msg = email.message_from_bytes(p.read_bytes(), policy=policy.default)
            body = msg.get_body()
            assert body is not None
            mails.append(f"Subject: {msg['Subject']}\nTo: {msg['To']}\n\n{body.get_content()}")
        return mails

    return read
