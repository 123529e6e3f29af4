"""Agreements, commitments and notes as the API shows them, in one language, with their flags."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy.orm import Session

from kcbridge.agreements import repository as repo
from kcbridge.agreements import vocab
from kcbridge.agreements.models import Agreement, Commitment, ProgressNote
from kcbridge.agreements.schemas import (
    AgreementOut,
    CommitmentOut,
    EventRef,
    FileOut,
    MilestoneOut,
    NewsIn,
    OrgRef,
    PartyOut,
    ProgressOut,
    SignatoryOut,
)
from kcbridge.directory.models import Organisation
from kcbridge.events import repository as events_repo

LANGS = ("ko", "zh", "en")


def org_ref(o: Organisation, lang: str) -> OrgRef:
    return OrgRef(id=o.id, name=o.name(lang), country=o.country, org_type=o.org_type)


def file_url(agreement_id: int, file_id: int) -> str:
    return f"/agreements/{agreement_id}/files/{file_id}"


def light_of(a: Agreement, counts: repo.Counts, today: date) -> str:
    return vocab.light(a.last_progress_on, a.signed_on, today, open_commitments=counts.open > 0)


def agreements(db: Session, items: Sequence[Agreement], lang: str, today: date) -> list[AgreementOut]:
    """Many agreements with their counts and light (two queries besides the loaded objects)."""
    counts = repo.commitment_counts(db, [a.id for a in items], today)
    event_ids = sorted({e for a in items for e in a.event_ids})
    events = {e: events_repo.event(db, e) for e in event_ids}
    texts = repo.text_files_meta(db, [a.id for a in items])
    out = []
    for a in items:
        c = counts.get(a.id, repo.Counts())
        out.append(
            AgreementOut(
                id=a.id,
                kind=a.kind,
                kind_label=vocab.label(a.kind, lang),
                title=a.title(lang),
                titles={k: v for k, v in zip(LANGS, (a.title_ko, a.title_zh, a.title_en), strict=True) if v},
                summary=a.summary(lang),
                summaries={
                    k: v for k, v in zip(LANGS, (a.summary_ko, a.summary_zh, a.summary_en), strict=True) if v
                },
                full_text=a.full_text,
                signed_on=a.signed_on,
                signed_place=a.signed_place,
                valid_until=a.valid_until,
                visibility=a.visibility,
                fields=a.fields,
                field_labels=[vocab.label(f, lang) for f in a.fields],
                parties=[
                    PartyOut(
                        organisation=org_ref(p.organisation, lang),
                        signatories=[
                            SignatoryOut(name=s.name, title=s.title, person_id=s.person_id)
                            for s in p.signatories
                        ],
                    )
                    for p in a.parties
                ],
                events=[
                    EventRef(id=e.id, title=e.title(lang), starts_at=e.starts_at)
                    for e in (events[i] for i in a.event_ids)
                    if e is not None
                ],
                news=[NewsIn(url=n.url, title=n.title) for n in a.news],
                attachment=_file(a.id, texts[a.id]) if a.id in texts else None,
                light=light_of(a, c, today),
                last_progress_on=a.last_progress_on,
                commitments=c.commitments,
                open_commitments=c.open,
                overdue_commitments=c.overdue,
                url=f"/agreements/{a.id}",
            )
        )
    return out


def _file(agreement_id: int, meta: object) -> FileOut:
    return FileOut(
        id=meta.id,  # type: ignore[attr-defined]
        filename=meta.filename,  # type: ignore[attr-defined]
        content_type=meta.content_type,  # type: ignore[attr-defined]
        size=meta.size,  # type: ignore[attr-defined]
        url=file_url(agreement_id, meta.id),  # type: ignore[attr-defined]
    )


def commitment(c: Commitment, orgs: dict[int, Organisation], lang: str, today: date) -> CommitmentOut:
    return CommitmentOut(
        id=c.id,
        agreement_id=c.agreement_id,
        what=c.what(lang),
        whats={k: v for k, v in zip(LANGS, (c.what_ko, c.what_zh, c.what_en), strict=True) if v},
        owner=org_ref(c.owner, lang),
        responsible_name=c.responsible_name,
        responsible_person_id=c.responsible_person_id,
        supporters=[org_ref(orgs[o], lang) for o in c.supporter_ids if o in orgs],
        starts_on=c.starts_on,
        due_on=c.due_on,
        status=c.status,
        status_label=vocab.label(c.status, lang),
        allowed_statuses=sorted(vocab.TRANSITIONS.get(c.status, frozenset())),
        completion=c.completion,
        completion_label=vocab.label(c.completion, lang),
        overdue=vocab.is_overdue(c.due_on, c.status, today),
        last_progress_on=c.last_progress_on,
        milestones=[MilestoneOut(id=m.id, title=m.title, due_on=m.due_on, done=m.done) for m in c.milestones],
    )


def commitments(db: Session, items: Sequence[Commitment], lang: str, today: date) -> list[CommitmentOut]:
    orgs = repo.organisations(db, [o for c in items for o in c.supporter_ids])
    return [commitment(c, orgs, lang, today) for c in items]


def notes(db: Session, agreement_id: int, items: Sequence[ProgressNote]) -> list[ProgressOut]:
    files = repo.file_meta(db, agreement_id, [n.evidence_file_id for n in items if n.evidence_file_id])
    return [
        ProgressOut(
            id=n.id,
            commitment_id=n.commitment_id,
            noted_on=n.noted_on,
            author_name=n.author_name,
            text=n.text,
            evidence_url=n.evidence_url,
            evidence_title=n.evidence_title,
            evidence_file=_file(agreement_id, files[n.evidence_file_id])
            if n.evidence_file_id in files
            else None,
            created_at=n.created_at,
        )
        for n in items
    ]
