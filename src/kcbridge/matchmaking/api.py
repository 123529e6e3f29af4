"""JSON routes of matchmaking: partners and opportunities that fit a text, a profile or an opportunity."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session

from kcbridge.accounts.auth import OptionalUser
from kcbridge.accounts.models import User
from kcbridge.directory.service import directory_service
from kcbridge.kit.i18n import get_lang, normalize_locale
from kcbridge.kit.web.deps import DbSession, csrf_protect
from kcbridge.matching.engine import MAX_TOP
from kcbridge.matching.text import detect_lang
from kcbridge.matchmaking import matches
from kcbridge.matchmaking.schemas import MatchIn, MatchList, MatchOut
from kcbridge.opportunities.service import opportunity_service

router = APIRouter(tags=["matching"], dependencies=[Depends(csrf_protect)])
Lang = Annotated[str | None, Query(description="ko, zh or en: language of labels; unknown codes fall back")]
Top = Annotated[int, Query(ge=1, le=100, description="How many results (1–100)")]


Target = Annotated[
    str | None,
    Query(
        pattern="^(KR|CN|OTHER|any)$", description="Only results from this country (default: every country)"
    ),
]


Kind = Annotated[
    str | None,
    Query(
        pattern="^(organisation|opportunity|programme)$",
        description="Only organisations, opportunities or programmes",
    ),
]


def _lang(lang: str | None) -> str:
    loc = normalize_locale(lang)
    return {"ko": "ko", "zh_Hans": "zh", "en": "en"}[loc] if loc else get_lang()


def _match_list(db: Session, hits: list, lang: str, user: User | None, query_lang: str) -> MatchList:
    return MatchList(
        query_lang=query_lang, results=[MatchOut(**matches.present(db, h, lang, user)) for h in hits]
    )


@router.get("/match", response_model=MatchList)
def match_text(
    db: DbSession,
    user: OptionalUser,
    text: Annotated[str, Query(description="What you offer or seek, in Korean, Chinese or English")],
    lang: Annotated[str | None, Query(description="Language of the text and of the explanations")] = None,
    top: Top = 10,
    kind: Kind = None,
    country: Annotated[
        str | None,
        Query(pattern="^(KR|CN|OTHER)$", description="The searcher's country (default: from the text)"),
    ] = None,
    target_country: Target = None,
    sector: Annotated[
        list[str] | None,
        Query(max_length=20, description="Directory sector codes (default: read from the text)"),
    ] = None,
) -> MatchList:
    """Organisation profiles and opportunities that fit a text, best first, each with why it fits."""
    hits = matches.for_text(
        db,
        text,
        lang=lang,
        country=country,
        kinds=[kind] if kind else None,
        top=min(top, MAX_TOP),
        target=target_country,
        sectors=sector or (),
    )
    return _match_list(db, hits, _lang(lang), user, detect_lang(text, lang))


@router.post("/match", response_model=MatchList)
def match_body(data: MatchIn, db: DbSession, user: OptionalUser) -> MatchList:
    """The same as GET /match, for long texts; `sectors` (directory codes) add structured fit."""
    hits = matches.for_text(
        db,
        data.text,
        lang=data.lang,
        country=data.country,
        sectors=data.sectors,
        kinds=[data.kind] if data.kind else None,
        top=data.top,
        target=data.target_country,
        loc=("body", "text"),
    )
    return _match_list(db, hits, _lang(data.lang), user, detect_lang(data.text, data.lang))


@router.get("/organisations/{org_id}/matches", response_model=MatchList)
def organisation_matches(
    org_id: int,
    db: DbSession,
    user: OptionalUser,
    lang: Lang = None,
    top: Top = 10,
    kind: Kind = None,
    target_country: Target = None,
) -> MatchList:
    """Partners and opportunities that fit this organisation's profile."""
    org = directory_service.get(db, org_id)
    hits = matches.for_organisation(db, org, top=top, kinds=[kind] if kind else None, target=target_country)
    return _match_list(db, hits, _lang(lang), user, _lang(lang))


@router.get("/opportunities/{opp_id}/matches", response_model=MatchList)
def opportunity_matches(
    opp_id: int,
    db: DbSession,
    user: OptionalUser,
    lang: Lang = None,
    top: Top = 10,
    kind: Kind = None,
    target_country: Target = None,
) -> MatchList:
    """Partners and other opportunities that fit this opportunity."""
    opp = opportunity_service.get(db, opp_id, user)
    hits = matches.for_opportunity(db, opp, top=top, kinds=[kind] if kind else None, target=target_country)
    return _match_list(db, hits, _lang(lang), user, _lang(lang))
