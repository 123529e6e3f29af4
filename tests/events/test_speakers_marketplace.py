"""Speakers as people with titles and bios in three languages and a photo; the agenda by day and track in the
event's and the viewer's time zone; marketplace cards with filters and search, and suggestions that leave
out whoever was already asked, asked back, or met."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from tests.support import login
from tests.support.forum import make_forum, meet, run

from kcbridge.events.agenda import agenda_service
from kcbridge.events.marketplace import Filters, cards, suggestions
from kcbridge.events.schemas import SessionIn, SpeakerPersonIn
from kcbridge.events.speakers import speaker_service
from kcbridge.kit.errors import Invalid

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def _speaker(db, forum, **names):
    return speaker_service.add(
        db,
        user=forum.organiser,
        event_id=forum.event.id,
        data=SpeakerPersonIn(
            title_ko="센터장",
            title_zh="主任",
            title_en="Director",
            bio_ko="한국 기업의 중국 진출을 돕습니다.",
            bio_zh="帮助韩国企业进入中国。",
            bio_en="Helps Korean firms into China.",
            **names,
        ),
    )


def test_speakers_photos_and_the_agenda_by_day_and_track(client, db, make_user, make_org):
    forum = make_forum(db, make_user, make_org, kr=1, cn=1)
    kim = _speaker(db, forum, name_ko="김정훈", name_zh="金正勋", name_en="Kim Jung-hoon")
    with pytest.raises(Invalid):
        speaker_service.set_photo(db, user=forum.organiser, speaker_id=kim.id, data=b"<svg onload=alert(1)>")
    speaker_service.set_photo(db, user=forum.organiser, speaker_id=kim.id, data=PNG)
    for track, hour in (("Main hall", 9), ("Robotics track", 9), ("Main hall", 11)):
        agenda_service.add_session(
            db,
            user=forum.organiser,
            event_id=forum.event.id,
            data=SessionIn(
                kind="panel",
                title_en=f"{track} at {hour}",
                starts_at=datetime(2026, 12, 15, hour, 0),
                ends_at=datetime(2026, 12, 15, hour, 45),
                track=track,
                people=[{"speaker_id": kim.id, "topic": "Landing in Beijing"}],
            ),
        )
    with pytest.raises(Invalid) as err:
        agenda_service.add_session(
            db,
            user=forum.organiser,
            event_id=forum.event.id,
            data=SessionIn(
                kind="panel",
                title_en="Nobody",
                starts_at=datetime(2026, 12, 15, 12, 0),
                ends_at=datetime(2026, 12, 15, 12, 30),
                people=[{"speaker_id": 987654}],
            ),
        )
    assert err.value.fields[0][0] == ("people", 0, "speaker_id")
    eid, sid = forum.event.id, kim.id
    db.commit()
    page = client.get(f"/events/{eid}/agenda?lang=zh_Hans&tz=Asia/Seoul").text
    assert (
        page.count('class="track"') == 2
        and "金正勋" in page
        and "主任" in page
        and "帮助韩国企业进入中国。" in page
    )
    assert "上海" in page and "首尔" in page and "09:00–09:45" in page and "10:00–10:45" in page  # both zones
    shown = re.sub(r'value="[^"]*"', "", page)  # zone ids only as option values, never shown
    assert "Asia/Shanghai" not in shown and "Asia/Seoul" not in shown
    photo = client.get(f"/events/speakers/{sid}/photo")
    assert photo.status_code == 200 and photo.headers["content-type"] == "image/png"
    api = client.get(f"/api/v1/events/{eid}/speakers?lang=ko").json()
    assert api[0]["name"] == "김정훈" and api[0]["photo_url"] == f"/events/speakers/{sid}/photo"


def test_streams_are_for_online_participants(client, db, make_user, make_org):
    forum = make_forum(db, make_user, make_org, kr=2, cn=0, online=(1,))
    agenda_service.add_session(
        db,
        user=forum.organiser,
        event_id=forum.event.id,
        data=SessionIn(
            kind="keynote",
            title_en="Keynote",
            starts_at=datetime(2026, 12, 15, 9, 0),
            ends_at=datetime(2026, 12, 15, 9, 30),
            stream_url="https://live.example.org/keynote",
        ),
    )
    eid, onsite, online = forum.event.id, forum.users[forum.kr[0].id].email, forum.users[forum.kr[1].id].email
    db.commit()
    assert "live.example.org" not in client.get(f"/events/{eid}/agenda").text  # anonymous: streamed, no link
    login(client, onsite)
    assert "live.example.org" not in client.get(f"/events/{eid}/agenda").text
    client.cookies.clear()
    login(client, online)
    assert "live.example.org/keynote" in client.get(f"/events/{eid}/agenda").text
    sessions = client.get(f"/api/v1/events/{eid}/sessions").json()
    assert sessions[0]["streamed"] is True and sessions[0]["stream_url"] == "https://live.example.org/keynote"


def test_marketplace_cards_filter_and_search_in_any_language(client, db, make_user, make_org):
    forum = make_forum(db, make_user, make_org, kr=2, cn=2, online=(1, 3))
    forum.kr[0].offer = "촉각 센서를 단 로봇 손"
    forum.kr[0].seek = "중국 제조 파트너"
    db.commit()
    page = cards(db, forum.event, "ko", Filters())
    assert page.total == 4 and page.countries == ["CN", "KR"]
    assert cards(db, forum.event, "ko", Filters(country="CN")).total == 2
    assert cards(db, forum.event, "ko", Filters(attendance="online")).total == 2
    assert [c.participant.id for c in cards(db, forum.event, "zh", Filters(q="로봇 손")).cards] == [
        forum.kr[0].id
    ]
    assert [c.participant.id for c in cards(db, forum.event, "ko", Filters(q="中国企业2")).cards] == [
        forum.cn[1].id
    ]
    eid = forum.event.id
    db.commit()
    html = client.get(f"/events/{eid}/marketplace?lang=zh_Hans&country=KR&q=로봇").text
    assert "촉각 센서를 단 로봇 손" in html and "中国企业1" not in html
    assert 'name="q" value="로봇"' in html  # the search stays in the form


def test_suggestions_leave_out_those_asked_asking_or_met(db, make_user, make_org):
    forum = make_forum(db, make_user, make_org, kr=1, cn=3)
    me = forum.kr[0]
    c1, c2, c3 = forum.cn
    assert {s.participant.id for s in suggestions(db, forum.event, me)} == {c1.id, c2.id, c3.id}
    meet(db, forum, c1, me)  # c1 asked me; I accepted
    run(db, forum)  # and we meet
    from kcbridge.events.schemas import RequestIn
    from kcbridge.events.service import event_service

    event_service.request_meeting(
        db, user=forum.users[c2.id], event_id=forum.event.id, data=RequestIn(from_id=c2.id, to_id=me.id)
    )  # c2 asks me, still pending
    assert [s.participant.id for s in suggestions(db, forum.event, me)] == [c3.id]
