"""Programmes in the matching engine: the embedding job stores their vectors, the match index serves
live ones only, /api/v1/match and /matches return them, and the finder ranks by fit."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from kcbridge.matchmaking import documents as docs
from kcbridge.matchmaking.embedding import embed, embedder
from kcbridge.matchmaking.match_index import match_service
from kcbridge.matchmaking.models import Embedding
from kcbridge.programmes.schemas import ProgrammePatch
from kcbridge.programmes.service import programme_service

ROBOT_PROG = {
    "zh": {
        "title": "人形机器人孵化计划：招募韩国灵巧手企业",
        "description": "为韩国灵巧手和电子皮肤触觉传感器企业提供入驻孵化、中试基地和整机企业对接。",
    }
}


def test_the_job_embeds_changed_text_only_and_the_index_follows_status(db, make_user, make_org, make_prog):
    operator = make_user()
    centre = make_org(owner=operator, name_zh="创新中心", org_type="incubator", country="CN")
    p = make_prog(operator, centre, texts=ROBOT_PROG, sectors=["humanoid_robots"])
    row = db.scalars(select(Embedding).where(Embedding.entity_type == "programme")).one()
    assert row.entity_id == p.id and len(row.vector) == embedder().dim * 4
    vector, revision = row.vector, row.revision
    assert embed(db, docs.PROG, [p.id]) == 0  # nothing changed: no new vectors
    match_service.refresh(db)
    assert docs.doc_id(docs.PROG, p.id) in match_service.index
    # Closing keeps the vectors but bumps the revision: every process's index lets the programme go.
    programme_service.update(db, user=operator, prog_id=p.id, data=ProgrammePatch(status="closed"))
    db.commit()
    db.refresh(row)
    assert row.vector == vector and row.revision > revision
    match_service.refresh(db)
    assert docs.doc_id(docs.PROG, p.id) not in match_service.index
    # A new text is embedded again.
    programme_service.update(
        db,
        user=operator,
        prog_id=p.id,
        data=ProgrammePatch(status="published", texts={"en": {"title": "Cloud credits for AI startups"}}),
    )
    db.commit()
    db.refresh(row)
    assert row.vector != vector
    match_service.refresh(db)
    assert docs.doc_id(docs.PROG, p.id) in match_service.index


def test_drafts_and_past_deadlines_stay_out_of_the_index(db, make_user, make_org, make_prog, monkeypatch):
    operator = make_user()
    zone = make_org(owner=operator, org_type="economic_zone", country="CN")
    draft = make_prog(operator, zone, status="draft", texts=ROBOT_PROG)
    live = make_prog(operator, zone, texts=ROBOT_PROG, deadline=str(date.today() + timedelta(days=2)))
    match_service.refresh(db)
    assert docs.doc_id(docs.PROG, draft.id) not in match_service.index
    assert docs.doc_id(docs.PROG, live.id) in match_service.index
    # Three days later (the process's clock moved on): the first search of the new day drops it.
    from kcbridge.matchmaking import match_index

    monkeypatch.setattr(match_index, "local_today", lambda country, now: date.today() + timedelta(days=3))
    match_service._day = date.today() - timedelta(days=1)
    match_service.refresh(db)
    assert docs.doc_id(docs.PROG, live.id) not in match_service.index


def test_match_api_and_page_return_programmes_for_a_korean_robot_hand_startup(
    client, db, make_user, make_org, make_prog
):
    operator = make_user()
    centre = make_org(
        owner=operator, name_zh="北京人形机器人创新中心", org_type="research_institute", country="CN"
    )
    p = make_prog(operator, centre, texts=ROBOT_PROG, sectors=["humanoid_robots"], nationalities=["KR"])
    make_prog(
        operator, centre, texts={"zh": {"title": "生物医药企业落地计划", "description": "面向创新药企业。"}}
    )
    text = "휴머노이드 로봇 핸드와 전자피부 촉각센서를 만드는 서울 스타트업으로, 베이징 인큐베이션 입주를 희망합니다."
    r = client.get("/api/v1/match", params={"text": text, "kind": "programme", "lang": "en"})
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert results[0]["kind"] == "programme" and results[0]["id"] == p.id
    assert results[0]["url"] == f"/programmes/{p.id}" and results[0]["programme_type"] == "incubation"
    assert results[0]["operator"] == "北京人形机器人创新中心" and results[0]["organisation_id"] == centre.id
    page = client.get("/matches", params={"q": text, "kind": "programme", "lang": "ko"})
    assert page.status_code == 200
    assert f'href="/programmes/{p.id}"' in page.text and "인큐베이션·입주 보육" in page.text
    assert "프로그램 보기" in page.text


def test_the_detail_page_lists_organisations_that_fit(client, make_user, make_org, make_prog):
    operator, founder = make_user(), make_user()
    centre = make_org(owner=operator, name_zh="创新中心", org_type="incubator", country="CN")
    firm = make_org(
        owner=founder,
        name_ko="로보터치",
        country="KR",
        sectors=["humanoid_robots"],
        texts={"ko": {"description": "휴머노이드 로봇 핸드와 전자피부 촉각센서를 만듭니다."}},
    )
    p = make_prog(operator, centre, texts=ROBOT_PROG, sectors=["humanoid_robots"], nationalities=["KR"])
    r = client.get(f"/programmes/{p.id}/fit")
    assert r.status_code == 200 and f'href="/organisations/{firm.id}"' in r.text
    assert f'href="/organisations/{centre.id}"' not in r.text  # not the operator itself
