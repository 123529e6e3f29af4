"""The finder keeps its candidate rows per process and reads them again when any process changes a
programme or an organisation (the revision feeds live in the database)."""

from __future__ import annotations

from kcbridge.programmes import finder
from kcbridge.programmes import repository as repo


def _eligible_ids(db, user, firm) -> set[int]:
    return {f.programme.id for f in finder.eligible(db, user=user, organisation_id=firm.id).eligible}


def test_cached_rows_follow_changes_made_anywhere(db, make_user, make_org, make_prog):
    from kcbridge.directory.service import directory_service
    from kcbridge.programmes.schemas import ProgrammePatch
    from kcbridge.programmes.service import programme_service

    operator, founder = make_user(), make_user()
    zone, other_zone = make_org(owner=operator, country="CN"), make_org(owner=operator, country="CN")
    firm = make_org(owner=founder, sectors=["robotics"])
    first = make_prog(operator, zone)
    assert _eligible_ids(db, founder, firm) == {first.id}
    assert repo.published_rows(db) is repo.published_rows(db)  # nothing changed: the same rows

    second = make_prog(operator, other_zone, prog_type="acceleration")
    assert _eligible_ids(db, founder, firm) == {first.id, second.id}

    programme_service.update(db, user=operator, prog_id=first.id, data=ProgrammePatch(status="closed"))
    db.commit()
    assert _eligible_ids(db, founder, firm) == {second.id}

    directory_service.delete(db, user=operator, org_id=other_zone.id)  # the operator leaves the directory
    db.commit()
    assert _eligible_ids(db, founder, firm) == set()
