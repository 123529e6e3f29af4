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


def _view(hits):
    return [(h.kind, h.entity.id, h.result.score, h.result.explanation) for h in hits]


def test_explaining_later_and_a_warm_cache_change_no_result(db, make_user, make_org):
    """The programme fit explains only the hits it shows, after reordering them; a process that has
    embedded the query and the phrases before answers exactly as a fresh one."""
    owner = make_user()
    make_org(owner=owner, texts={"ko": {"description": "로봇 핸드를 만듭니다. 중국 유통사를 찾고 있습니다."}})
    make_org(country="CN", texts={"zh": {"description": "机器人零部件代理商，寻求韩国品牌。"}})
    make_org(country="CN", texts={"zh": {"description": "人形机器人整机厂，需要采购灵巧手。"}})
    query = MatchQuery(text="로봇 핸드 제조사입니다. 중국 고객을 찾습니다.", country="KR")
    warm = MatchService()
    first = warm.search(db, query, top=5)
    assert first and any(h.result.explanation.reasons for h in first)
    assert _view(warm.search(db, query, top=5)) == _view(first)  # cached vectors: the same answer
    assert _view(MatchService().search(db, query, top=5)) == _view(first)  # a fresh process: the same
    plain = warm.search(db, query, top=5, explain=False)
    assert all(not h.result.explanation.phrase_pairs for h in plain)
    assert _view(warm.explain(query, plain)) == _view(first)
    shown = list(reversed(plain))[:2]  # reordered and cut, as the programme fit does
    explained = warm.explain(query, shown)
    by_id = {(h.kind, h.entity.id): h.result.explanation for h in first}
    assert [h.result.explanation for h in explained] == [by_id[(h.kind, h.entity.id)] for h in shown]
