"""The weekly digest of overdue and at-risk commitments: each owner's members, in their language, once a week."""

from __future__ import annotations

from datetime import date, timedelta

from kcbridge.agreements.digest import send_digests
from kcbridge.kit import periodic


def test_the_digest_runs_every_day_and_tells_each_owner_once_a_week(db, world, make_commitment, outbox):
    from kcbridge.accounts.models import MemberRole
    from kcbridge.accounts.service import account_service
    from kcbridge.kit.audit import Actor

    assert "agreements.weekly_commitment_digest" in periodic.load()
    owner = world.users["owner"]
    owner.locale = "ko"
    colleague = world.users["analyst"]  # an English-speaking member of the same firm
    account_service.add_member(
        db,
        user=colleague,
        organisation_id=world.firm.id,
        role=MemberRole.MEMBER.value,
        actor=Actor.system("t"),
    )
    make_commitment(world.users["member"], world.public, world.firm, what_ko="전시회 참가", what_en="Join the fair",
                    due_on="2025-11-30")  # fmt: skip
    db.commit()
    monday = date(2026, 12, 7)
    assert send_digests(db, today=monday) == 1  # the firm; the governments own nothing overdue
    db.commit()
    mails = {m.split("\n")[1]: m for m in outbox()}
    assert set(mails) == {f"To: {owner.email}", f"To: {colleague.email}"}
    korean, english = mails[f"To: {owner.email}"], mails[f"To: {colleague.email}"]
    assert "전시회 참가" in korean and "판교클라우드" in korean
    assert "Join the fair" in english and "overdue" in english and "/agreements/" in english
    assert send_digests(db, today=monday + timedelta(days=3)) == 0  # same ISO week
    assert send_digests(db, today=monday + timedelta(days=7)) == 1
