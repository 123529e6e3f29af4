"""Rules of agreements and commitments: parties, dates, status changes, documents, flags, reading."""

from __future__ import annotations

import io
import zipfile
from datetime import date, timedelta

import pytest
from pydantic import ValidationError

from kcbridge.agreements import repository as repo
from kcbridge.agreements import vocab
from kcbridge.agreements.commitments import commitment_service
from kcbridge.agreements.schemas import AgreementIn, AgreementPatch, CommitmentIn, CommitmentPatch, ProgressIn
from kcbridge.agreements.service import agreement_service
from kcbridge.kit import i18n
from kcbridge.kit.errors import Forbidden, Invalid, NotFound


def docx_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_an_agreement_needs_two_parties_in_the_readers_language(world):
    data = {
        "kind": "mou",
        "title_en": "Solo",
        "signed_on": "2025-01-01",
        "parties": [{"organisation_id": world.party_a.id}],
    }
    i18n.set_locale("ko")
    try:
        with pytest.raises(ValidationError) as err:
            AgreementIn.model_validate(data)
    finally:
        i18n.set_locale("en")
    (e,) = err.value.errors()
    assert e["loc"] == ("parties",)
    assert "당사자" in e["msg"]  # "협약에는 당사자가 둘 이상 있어야 합니다."


def test_only_a_partys_member_records_an_agreement(db, world):
    data = AgreementIn.model_validate(
        {
            "kind": "mou",
            "title_en": "Not mine",
            "signed_on": "2025-01-01",
            "parties": [{"organisation_id": world.party_a.id}, {"organisation_id": world.party_b.id}],
        }
    )
    with pytest.raises(Forbidden):
        agreement_service.create(db, user=world.users["stranger"], data=data)
    with pytest.raises(Forbidden):
        agreement_service.create(db, user=world.users["officer"], data=data)  # reads all, records none
    assert agreement_service.create(db, user=world.users["admin"], data=data).id


def test_a_commitment_due_before_the_signing_is_refused(db, world):
    data = CommitmentIn.model_validate(
        {"what_en": "Too early", "owner_org_id": world.firm.id, "due_on": "2025-09-24"}
    )
    with pytest.raises(Invalid) as err:
        commitment_service.create(db, user=world.users["member"], agreement_id=world.public.id, data=data)
    assert err.value.fields == [(("due_on",), err.value.message)]
    assert "2025-09-25" in err.value.message
    ok = data.model_copy(update={"due_on": date(2025, 9, 25)})
    assert commitment_service.create(db, user=world.users["member"], agreement_id=world.public.id, data=ok).id


def test_moving_the_signing_after_a_due_date_is_refused(db, world):
    with pytest.raises(Invalid) as err:
        agreement_service.update(
            db,
            user=world.users["member"],
            agreement_id=world.public.id,
            data=AgreementPatch(signed_on=date(2026, 7, 1)),
        )
    assert err.value.fields[0][0] == ("signed_on",)


def test_status_changes_follow_the_allowed_transitions(db, world):
    c, owner = world.commitment, world.users["owner"]

    def move(status: str):
        return commitment_service.update(
            db,
            user=owner,
            agreement_id=world.public.id,
            commitment_id=c.id,
            data=CommitmentPatch(status=status),
        )

    with pytest.raises(Invalid) as err:
        move("done")  # planned → done skips the work
    assert err.value.fields[0][0] == ("status",)
    assert "Planned" in err.value.message and "In progress" in err.value.message
    db.rollback()
    assert move("in_progress").status == "in_progress"
    assert move("at_risk").status == "at_risk"
    done = move("done")
    assert (done.status, done.completion) == ("done", "complete")
    with pytest.raises(Invalid):
        move("dropped")  # done can only be reopened
    db.rollback()


def test_the_owner_reports_but_only_parties_change_what_was_committed(db, world):
    owner = world.users["owner"]
    with pytest.raises(Forbidden):
        commitment_service.update(
            db,
            user=owner,
            agreement_id=world.public.id,
            commitment_id=world.commitment.id,
            data=CommitmentPatch(what_en="Something easier"),
        )
    with pytest.raises(Forbidden):
        commitment_service.update(
            db,
            user=world.users["stranger"],
            agreement_id=world.public.id,
            commitment_id=world.commitment.id,
            data=CommitmentPatch(status="in_progress"),
        )
    note = commitment_service.add_progress(
        db,
        user=owner,
        agreement_id=world.public.id,
        commitment_id=world.commitment.id,
        data=ProgressIn(text="Six firms booked booths.", status="in_progress", completion="limited",
                        evidence_url="https://news.example/booths"),
    )  # fmt: skip
    db.commit()
    a = agreement_service.get(db, world.public.id, owner)
    c = repo.commitment(db, a.id, world.commitment.id)
    assert (c.status, c.completion, c.last_progress_on) == ("in_progress", "limited", note.noted_on)
    assert a.last_progress_on == note.noted_on
    assert note.author_name == "Owner member"


def test_a_progress_note_cannot_be_dated_in_the_future_or_before_the_signing(db, world):
    for day in (world.today + timedelta(days=5), date(2025, 1, 1)):
        with pytest.raises(Invalid) as err:
            commitment_service.add_progress(
                db,
                user=world.users["owner"],
                agreement_id=world.public.id,
                commitment_id=world.commitment.id,
                data=ProgressIn(text="x", noted_on=day),
            )
        assert err.value.fields[0][0] == ("noted_on",)


@pytest.mark.parametrize(
    ("data", "kind"),
    [(b"%PDF-1.7\n...", "pdf"), (docx_bytes(), "docx"), ("협약 전문\n".encode(), "txt")],
)
def test_documents_are_accepted(db, world, data, kind):
    row = agreement_service.set_text_file(
        db, user=world.users["member"], agreement_id=world.public.id, filename="../../mou text.bin", data=data
    )
    assert row.filename == f"mou text.{kind}" and row.size == len(data)


@pytest.mark.parametrize(
    ("data", "words"),
    [(PNG, "Only documents"), (b"%PDF-" + b"x" * (5 * 1024 * 1024), "too large"), (b"", "Only documents")],
)
def test_anything_but_a_small_document_is_refused(db, world, data, words):
    with pytest.raises(Invalid) as err:
        agreement_service.set_text_file(
            db, user=world.users["member"], agreement_id=world.public.id, filename="x.pdf", data=data
        )
    assert err.value.fields[0][0] == ("file",) and words in err.value.message


def test_parties_only_agreements_are_invisible_to_everyone_not_involved(db, world):
    readers = {role: repo.get(db, world.private.id, u) is not None for role, u in world.users.items()}
    assert readers == {
        "stranger": False,
        "member": True,
        "owner": True,  # owns one of its commitments
        "agent": False,
        "officer": True,
        "analyst": False,
        "admin": True,
        "anon": False,
    }
    with pytest.raises(NotFound):
        agreement_service.get(db, world.private.id, world.users["analyst"])


def test_lights_follow_the_age_of_the_last_progress_report():
    signed, today = date(2023, 1, 1), date(2026, 12, 7)
    assert vocab.light(date(2026, 9, 1), signed, today, open_commitments=True) == "green"
    assert vocab.light(date(2026, 3, 1), signed, today, open_commitments=True) == "yellow"
    assert vocab.light(None, signed, today, open_commitments=True) == "red"  # never reported, signed in 2023
    assert vocab.light(None, signed, today, open_commitments=False) == "green"  # nothing left to do
    assert vocab.is_overdue(date(2026, 12, 6), "at_risk", today)
    assert not vocab.is_overdue(date(2026, 12, 6), "done", today)


def test_the_sql_light_filter_agrees_with_the_rule(db, world, make_agreement, make_commitment):
    old = make_agreement(
        world.users["member"], [world.party_a, world.party_b], title_en="Old", signed_on="2020-05-01"
    )
    make_commitment(world.users["member"], old, world.firm, due_on="2021-01-01")
    today = world.today
    for light in ("green", "yellow", "red"):
        ids, _total = repo.page(
            db, world.users["admin"], repo.Filters(light=light), today, offset=0, limit=100
        )
        for a in repo.get_many(db, ids):
            counts = repo.commitment_counts(db, [a.id], today)[a.id]
            assert (
                vocab.light(a.last_progress_on, a.signed_on, today, open_commitments=counts.open > 0) == light
            )
    red, _n = repo.page(db, None, repo.Filters(light="red"), today, offset=0, limit=10)
    assert red == [old.id]


def test_refusals_are_worded_in_the_readers_language(db, world):
    """The due-date and status refusals in Chinese, as a Shanghai officer reads them."""
    i18n.set_locale("zh_Hans")
    try:
        data = CommitmentIn.model_validate(
            {"what_zh": "太早", "owner_org_id": world.firm.id, "due_on": "2025-01-01"}
        )
        with pytest.raises(Invalid) as early:
            commitment_service.create(db, user=world.users["member"], agreement_id=world.public.id, data=data)
        with pytest.raises(Invalid) as jump:
            commitment_service.update(
                db,
                user=world.users["owner"],
                agreement_id=world.public.id,
                commitment_id=world.commitment.id,
                data=CommitmentPatch(status="done"),
            )
    finally:
        i18n.set_locale("en")
    assert early.value.message == "承诺的截止日期不能早于协议签署日期（2025-09-25）。"
    assert jump.value.message.startswith("处于“计划中”状态的承诺不能改为“已完成”。")
