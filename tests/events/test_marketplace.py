"""Attendee marketplace: suggestions favour shared sectors across the border and skip those already asked."""

from __future__ import annotations

from event_factories import make_visit

from kcbridge.events.marketplace import suggestions
from kcbridge.events.schemas import RegistrationIn, RequestIn
from kcbridge.events.service import event_service


def test_suggestions_rank_shared_sectors_and_skip_asked(db, make_user, make_org):
    visit = make_visit(db, make_user, make_org, firms=1, teams=1, slots=1)
    me = visit.firms[0]  # a Korean AI firm
    fits = []
    for name, country, sectors in (
        ("Beijing AI Robot Co", "CN", ["ai", "robotics"]),
        ("Seoul Bio", "KR", ["bio_healthcare"]),
        ("Shenzhen Chips", "CN", ["semiconductors"]),
    ):
        org = make_org(name_en=name, country=country, sectors=sectors)
        fits.append(
            event_service.register(
                db, user=visit.organiser, event_id=visit.event.id, data=RegistrationIn(organisation_id=org.id)
            )
        )
    got = suggestions(db, visit.event, me)
    assert got[0].participant.id == fits[0].id and got[0].shared_sectors == ["ai"] and got[0].cross_border
    assert fits[1].id not in [s.participant.id for s in got]  # same country, nothing shared
    event_service.request_meeting(
        db, user=visit.firm_users[0], event_id=visit.event.id, data=RequestIn(from_id=me.id, to_id=fits[0].id)
    )
    assert fits[0].id not in [s.participant.id for s in suggestions(db, visit.event, me)]
