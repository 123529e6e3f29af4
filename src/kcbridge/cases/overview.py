"""What the dashboard of an officer or analyst shows of cases: suppressed statistics, shared cases and
round tables (the app's dashboard assembles it; firms get nothing from here)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.cases import stats
from kcbridge.cases.policy import reads_statistics_only
from kcbridge.cases.roundtable import round_table_service
from kcbridge.cases.service import case_service
from kcbridge.kit.i18n import get_lang


def for_dashboard(db: Session, user: User) -> dict[str, Any]:
    """Template context of the dashboard's case blocks, or nothing for users who are not officers."""
    if not reads_statistics_only(user):
        return {}
    lang = get_lang()
    shared, _total = case_service.shared(db, user=user, limit=8)
    return {
        "cases_overview": {
            "category": stats.case_stats(db, by="category", lang=lang),
            "status": stats.case_stats(db, by="status", lang=lang),
        },
        "cases_shared": shared,
        "cases_round_tables": round_table_service.mine(db, user=user),
    }
