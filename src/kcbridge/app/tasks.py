"""Every domain's background and periodic jobs: imported by each process that runs or defers them."""

from kcbridge.accounts import tasks as accounts_tasks  # noqa: F401
from kcbridge.agreements import tasks as agreements_tasks  # noqa: F401
from kcbridge.alerts import tasks as alerts_tasks  # noqa: F401
from kcbridge.cases import tasks as cases_tasks  # noqa: F401
from kcbridge.events import tasks as events_tasks  # noqa: F401
from kcbridge.kit import mail  # noqa: F401
from kcbridge.matchmaking import tasks as matchmaking_tasks  # noqa: F401
from kcbridge.news import tasks as news_tasks  # noqa: F401
from kcbridge.opportunities import tasks as opportunities_tasks  # noqa: F401
