"""Every domain's background and periodic jobs: imported by each process that runs or defers them."""

from kcbridge.alerts import tasks as alerts_tasks  # noqa: F401
from kcbridge.events import tasks as events_tasks  # noqa: F401
from kcbridge.kit import mail  # noqa: F401
from kcbridge.matchmaking import tasks as matchmaking_tasks  # noqa: F401
from kcbridge.opportunities import tasks as opportunities_tasks  # noqa: F401
