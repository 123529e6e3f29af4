"""What a scheduler run records, and how the console words it for whoever reads it.

The job runs in no one's language, so it stores a code and numbers on the run (JSON in its `message`);
`note()` turns them into a sentence in the viewer's language when the console or the API shows the run.
"""

from __future__ import annotations

import json
from typing import Any

from babel.numbers import format_decimal

from kcbridge.events import scheduler
from kcbridge.events.models import SchedulerRun
from kcbridge.kit.errors import Conflict
from kcbridge.kit.i18n import N_, _, get_locale

SOLVER_STATUS = {
    "OPTIMAL": N_("proven optimal"),
    "FEASIBLE": N_("best found within the time limit"),
}
FAILURES = {
    "changed": N_("The event changed while the scheduler was running; run it again."),
    "infeasible": N_(
        "The scheduler produced a schedule that breaks a rule; nothing was changed. Run it again."
    ),
    "error": N_("The scheduler stopped on an unexpected error; nothing was changed. Run it again."),
    "impossible": N_(
        "No accepted request can be placed: the two sides of each share no available slot. "
        "Widen the participants' availability or add slots; nothing was changed."
    ),
}


class RunFailed(Conflict):
    """A run that cannot finish; `code` (a key of FAILURES) is what the run records."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(_(FAILURES[code]))
        self.code, self.detail = code, detail


def done(solution: scheduler.Solution) -> dict[str, Any]:
    """The outcome of a finished run as plain data."""
    stats = solution.stats
    return {
        "code": "done",
        "status": solution.status,
        "meetings": stats.get("meetings", len(solution.meetings)),
        "min": stats.get("min_per_participant", 0),
        "median": stats.get("median_per_participant", 0),
        "moved": stats.get("moved", 0),
        "seconds": round(solution.seconds, 2),
    }


def failed(exc: Exception) -> dict[str, Any]:
    """The outcome of a failed run: a known reason, or 'error' (the log has the traceback)."""
    if isinstance(exc, RunFailed):
        return {"code": exc.code, **({"detail": exc.detail[:1000]} if exc.detail else {})}
    if isinstance(exc, scheduler.SchedulingInputError) and any(p == "requests" for p, _m in exc.problems):
        return {"code": "impossible"}
    return {"code": "error"}


def record(run: SchedulerRun, outcome: dict[str, Any]) -> None:
    run.message = json.dumps(outcome, ensure_ascii=False)


def outcome(run: SchedulerRun) -> dict[str, Any]:
    """What the run recorded; runs from before codes were stored keep their note as `text`."""
    if not run.message:
        return {}
    try:
        data = json.loads(run.message)
    except ValueError:
        data = None
    return data if isinstance(data, dict) and "code" in data else {"code": "note", "text": run.message}


def _num(value: Any, fmt: str | None = None) -> str:
    return format_decimal(value, format=fmt, locale=get_locale())


def note(run: SchedulerRun) -> str:
    """The run's outcome as one line in the current language."""
    data = outcome(run)
    code = data.get("code")
    if code == "done":
        status = data.get("status", "")
        return _(
            "{status}; meetings: {meetings}; per participant min/median: {min}/{median}; moved: {moved}; "
            "{seconds} s"
        ).format(
            status=_(SOLVER_STATUS[status]) if status in SOLVER_STATUS else status,
            meetings=_num(data.get("meetings", 0)),
            min=_num(data.get("min", 0)),
            median=_num(data.get("median", 0), "#,##0.#"),
            moved=_num(data.get("moved", 0)),
            seconds=_num(data.get("seconds", 0), "#,##0.0"),
        )
    if code in FAILURES:
        return _(FAILURES[str(code)])
    return str(data.get("text", ""))
