"""Attendee marketplace: suggestions favour shared sectors across the border and skip those already asked."""

from __future__ import annotations

import pytest
from tests.support.events import make_visit

from kcbridge.events.marketplace import suggestions
from kcbridge.events.schemas import RegistrationIn, RequestIn
from kcbridge.events.service import event_service


def invite_and_accept(db, visit, org, owner):
    """The organiser invites `org`; its owner accepts (an organiser cannot enrol it alone)."""
    p = event_service.register(
        db, user=visit.organiser, event_id=visit.event.id, data=RegistrationIn(organisation_id=org.id)
    )
    return event_service.answer_invitation(db, user=owner, participant_id=p.id, accept=True)


def test_suggestions_rank_shared_sectors_and_skip_asked(db, make_user, make_org):
    visit = make_visit(db, make_user, make_org, firms=1, teams=1, slots=1)
    me = visit.firms[0]  # a Korean AI firm
    fits = []
    for name, country, sectors in (
        ("Beijing AI Robot Co", "CN", ["ai", "robotics"]),
        ("Seoul Bio", "KR", ["bio_healthcare"]),
        ("Shenzhen Chips", "CN", ["semiconductors"]),
    ):
        owner = make_user()
        org = make_org(owner=owner, name_en=name, country=country, sectors=sectors)
        fits.append(invite_and_accept(db, visit, org, owner))
    got = suggestions(db, visit.event, me)
    assert got[0].participant.id == fits[0].id and got[0].shared_sectors == ["ai"] and got[0].cross_border
    assert fits[1].id not in [s.participant.id for s in got]  # same country, nothing shared
    event_service.request_meeting(
        db, user=visit.firm_users[0], event_id=visit.event.id, data=RequestIn(from_id=me.id, to_id=fits[0].id)
    )
    assert fits[0].id not in [s.participant.id for s in suggestions(db, visit.event, me)]


@pytest.mark.real_embedder  # Korean text against Chinese profiles: the real model's job
def test_profile_fit_from_the_matching_engine_breaks_ties_across_languages(db, make_user, make_org):
    """Two Chinese participants share no sector with a Korean robot-hand startup; the one whose Chinese
    profile fits its Korean text is suggested first."""
    visit = make_visit(db, make_user, make_org, firms=0, teams=1, slots=1)
    founder = make_user()
    startup = make_org(
        owner=founder,
        name_ko="로보핸드",
        texts={
            "ko": {
                "description": "휴머노이드 로봇 손과 전자피부 촉각 센서를 만드는 스타트업입니다.",
                "seek": "중국 제조 파트너와 실증 현장을 찾고 있습니다.",
            }
        },
    )
    me = event_service.register(
        db,
        user=founder,
        event_id=visit.event.id,
        data=RegistrationIn(organisation_id=startup.id, role="visitor"),
    )
    event_service.decide(db, user=visit.organiser, participant_id=me.id, approve=True)
    others = {}
    for key, zh in (
        ("cosmetics", "国货彩妆品牌，主营口红和粉底，寻找韩国美妆代工厂。"),
        ("tactile", "柔性触觉传感器和灵巧手制造商，为人形机器人提供手指触觉方案，可批量代工。"),
    ):
        owner = make_user()
        org = make_org(owner=owner, name_zh=f"{key} 公司", country="CN", texts={"zh": {"description": zh}})
        others[key] = invite_and_accept(db, visit, org, owner).id
    db.commit()
    got = [s for s in suggestions(db, visit.event, me) if s.participant.id in others.values()]
    assert got[0].participant.id == others["tactile"]
    assert got[0].profile_fit > got[1].profile_fit
