"""The per-process match index follows the database's revision feed, so separate processes agree."""

from __future__ import annotations

from kcbridge.matching.engine import MatchQuery
from kcbridge.matchmaking.match_index import MatchService
from kcbridge.opportunities.service import opportunity_service


def _ids(service, db, text="휴머노이드 로봇 핸드 제조", **kw):
    return {
        (h.kind, h.entity.id) for h in service.search(db, MatchQuery(text=text), top=20, explain=False, **kw)
    }


def test_two_processes_see_new_profiles_and_closed_opportunities(db, make_user, make_org, make_opp):
    first, second = MatchService(), MatchService()  # two web processes
    owner = make_user()
    org = make_org(owner=owner, sectors=["robotics"], texts={"ko": {"description": "로봇 핸드를 만듭니다."}})
    assert ("organisation", org.id) in _ids(first, db)
    newcomer = make_org(
        name_zh="灵巧手代工厂",
        country="CN",
        texts={"zh": {"description": "人形机器人灵巧手代工生产。"}},
    )  # committed by "another process": its vector is stored by the embedding job
    assert ("organisation", newcomer.id) in _ids(first, db)
    opp = make_opp(
        owner, org, texts={"ko": {"title": "로봇 핸드 위탁 생산", "description": "중국 공장을 찾습니다."}}
    )
    assert ("opportunity", opp.id) in _ids(second, db) and ("opportunity", opp.id) in _ids(first, db)
    opportunity_service.close(db, user=owner, opp_id=opp.id)
    db.commit()
    assert ("opportunity", opp.id) not in _ids(first, db)
    assert ("opportunity", opp.id) not in _ids(second, db)
    # a profile edited elsewhere is re-embedded and found by its new words
    from kcbridge.directory.schemas import OrganisationPatch, TextsIn
    from kcbridge.directory.service import directory_service

    directory_service.update(
        db,
        user=owner,
        org_id=org.id,
        data=OrganisationPatch(texts={"en": TextsIn(description="Hydrogen fuel-cell stacks for trucks.")}),
    )
    db.commit()
    top = first.search(db, MatchQuery(text="hydrogen fuel cells"), top=1, explain=False)
    assert top[0].entity.id == org.id
    directory_service.delete(db, user=owner, org_id=org.id)
    db.commit()
    assert ("organisation", org.id) not in _ids(second, db, text="hydrogen fuel cells")
