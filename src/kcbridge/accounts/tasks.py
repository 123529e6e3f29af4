"""Background jobs of accounts: the coarse last-use stamp of API tokens, written after the request so that
reading with a token stays a read."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, update

from kcbridge.accounts.models import ApiToken
from kcbridge.kit.db import unit_of_work
from kcbridge.kit.jobs import job


@job
def stamp_token_use(token_id: int, at: str) -> None:
    """Records that the token was used at `at` (ISO time), unless a later use is already recorded."""
    when = datetime.fromisoformat(at)
    with unit_of_work() as db:
        db.execute(
            update(ApiToken)
            .where(
                ApiToken.id == token_id, or_(ApiToken.last_used_at.is_(None), ApiToken.last_used_at < when)
            )
            .values(last_used_at=when)
            .execution_options(synchronize_session=False)
        )
