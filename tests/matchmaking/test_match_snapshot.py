"""A new process loads the match index from a snapshot in the data folder and catches up on the feed,
instead of reading every stored vector; a snapshot that does not fit the database is passed over."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import delete, select

from kcbridge.directory.service import directory_service
from kcbridge.matching.engine import MatchQuery
from kcbridge.matchmaking.match_index import MatchService
from kcbridge.matchmaking.models import Embedding

QUERY = MatchQuery(text="휴머노이드 로봇 핸드를 만들 중국 위탁 생산 공장을 찾습니다", country="KR")


def _ranked(service: MatchService, db) -> list[tuple[str, int, float]]:
    hits = service.search(db, QUERY, top=20, explain=False)
    return [(h.kind, h.entity.id, round(h.result.score, 5)) for h in hits]


def _world(db, make_user, make_org) -> tuple:
    owner = make_user()
    return owner, [
        make_org(owner=owner, sectors=["robotics"], texts={"ko": {"description": "로봇 핸드를 만듭니다."}}),
        make_org(
            name_zh="灵巧手代工厂", country="CN", texts={"zh": {"description": "人形机器人灵巧手代工生产。"}}
        ),
        make_org(name_en="Pump Works", country="CN", texts={"en": {"description": "Industrial pumps."}}),
    ]


def _stored(service: MatchService, db, folder: Path) -> Path:
    service.refresh(db)
    assert service.source == "built"
    service.wait_for_snapshot(timeout=60)
    files = sorted(folder.glob("match-*.npz"))
    assert len(files) == 1, files
    return files[0]


def test_a_new_process_loads_the_snapshot_and_catches_up(db, make_user, make_org, tmp_path):
    owner, orgs = _world(db, make_user, make_org)
    _stored(MatchService(folder=tmp_path, min_docs=1), db, tmp_path)
    # changes after the snapshot: a new profile, one deleted
    newcomer = make_org(
        name_zh="机器人手代工",
        country="CN",
        texts={"zh": {"description": "为海外品牌代工生产机器人灵巧手。"}},
    )
    directory_service.delete(db, user=owner, org_id=orgs[0].id)
    db.commit()

    loaded = MatchService(folder=tmp_path, min_docs=1)
    ranked = _ranked(loaded, db)
    assert loaded.source == "snapshot"
    ids = {(kind, num) for kind, num, _ in ranked}
    assert ("organisation", newcomer.id) in ids and ("organisation", orgs[0].id) not in ids
    built = MatchService(snapshots=False)
    assert ranked == _ranked(built, db) and built.source == "built"


def test_a_snapshot_whose_rows_are_gone_is_not_loaded(db, make_user, make_org, tmp_path):
    _world(db, make_user, make_org)
    _stored(MatchService(folder=tmp_path, min_docs=1), db, tmp_path)
    first = db.scalars(select(Embedding.id).order_by(Embedding.id)).first()
    db.execute(delete(Embedding).where(Embedding.id == first))  # e.g. another database, same revision
    db.commit()
    fresh = MatchService(folder=tmp_path, min_docs=1)
    fresh.refresh(db)
    assert fresh.source == "built"


def test_a_broken_snapshot_file_costs_a_build_not_an_error(db, make_user, make_org, tmp_path):
    _world(db, make_user, make_org)
    path = _stored(MatchService(folder=tmp_path, min_docs=1), db, tmp_path)
    path.write_bytes(b"PK\x03\x04 not a whole file")
    fresh = MatchService(folder=tmp_path, min_docs=1)
    assert _ranked(fresh, db) == _ranked(MatchService(snapshots=False), db)
    assert fresh.source == "built"


def test_small_indexes_store_no_snapshot(db, make_user, make_org, tmp_path):
    _world(db, make_user, make_org)
    service = MatchService(folder=tmp_path)  # the default: from 5,000 documents on
    service.refresh(db)
    assert service.source == "built" and not list(tmp_path.glob("match-*.npz"))
