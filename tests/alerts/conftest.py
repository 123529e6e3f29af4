"""Fixtures of saved searches: a fresh match index, an empty outbox, profiles that match each other."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy.orm import Session

ROBOT_HANDS_KO = "휴머노이드 로봇 핸드를 만들고 중국의 제조 파트너와 실증 현장을 찾습니다."


@pytest.fixture(autouse=True)
def _fresh_match_index(db_url: str) -> Iterator[None]:
    from kcbridge.matchmaking.match_index import match_service

    match_service.reset()
    yield
    match_service.reset()


@pytest.fixture
def outbox(db_url: str) -> Callable[[], list[str]]:
    """The mails sent since the test began (dev outbox), as text."""
    from kcbridge.kit.config import get_settings

    folder = get_settings().outbox_dir
    for p in folder.glob("*.eml") if folder.exists() else []:
        p.unlink()

    def read() -> list[str]:
        import email
        from email import policy

        mails = []
        for p in sorted(folder.glob("*.eml")) if folder.exists() else []:
            msg = email.message_from_bytes(p.read_bytes(), policy=policy.default)
            body = msg.get_body()
            assert body is not None
            mails.append(f"Subject: {msg['Subject']}\nTo: {msg['To']}\n\n{body.get_content()}")
        return mails

    return read


@pytest.fixture
def robot_world(make_user: Callable[..., Any], make_org: Callable[..., Any]) -> dict[str, Any]:
    """A Seoul robot-hand startup (its founder reads Korean) and one Chinese robot-component maker."""
    founder = make_user(email="founder@robot.example", name="Founder")
    seoul = make_org(
        owner=founder,
        name_ko="로보터치",
        name_en="RoboTouch",
        sectors=["humanoid_robots"],
        texts={"ko": {"description": ROBOT_HANDS_KO}},
    )
    maker = make_org(
        name_zh="深圳灵巧手科技",
        name_en="Shenzhen Dexterous Hands",
        country="CN",
        city="Shenzhen",
        sectors=["robot_components", "humanoid_robots"],
        texts={"zh": {"description": "我们为人形机器人生产灵巧手和电子皮肤传感器，寻找韩国合作伙伴。"}},
    )
    return {"founder": founder, "seoul": seoul, "maker": maker}


@pytest.fixture
def set_locale(db: Session) -> Callable[[Any, str], None]:
    def apply(user: Any, locale: str) -> None:
        user = db.merge(user)
        user.locale = locale
        db.commit()

    return apply


@pytest.fixture
def make_due(db: Session) -> Callable[..., None]:
    """Pretends a saved search was last checked `hours` ago (25: a daily search is due)."""

    def apply(search_id: int, hours: float = 25) -> None:
        from kcbridge.alerts.models import SavedSearch

        search = db.get(SavedSearch, search_id, populate_existing=True)
        assert search is not None and search.last_checked_at is not None
        search.last_checked_at -= timedelta(hours=hours)
        db.commit()

    return apply
