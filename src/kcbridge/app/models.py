"""Imports every domain's tables so that Base.metadata is complete (Alembic, tests), and the hooks that
must be registered in every process that writes."""

from kcbridge.accounts import models as accounts_models  # noqa: F401
from kcbridge.agreements import models as agreements_models  # noqa: F401
from kcbridge.alerts import models as alerts_models  # noqa: F401
from kcbridge.cases import models as cases_models  # noqa: F401
from kcbridge.directory import models as directory_models  # noqa: F401
from kcbridge.events import models as events_models  # noqa: F401
from kcbridge.kit import audit as audit_models  # noqa: F401
from kcbridge.kit import periodic as periodic_models  # noqa: F401
from kcbridge.kit.db import Base
from kcbridge.matchmaking import hooks as matchmaking_hooks  # noqa: F401
from kcbridge.matchmaking import models as matchmaking_models  # noqa: F401
from kcbridge.news import models as news_models  # noqa: F401
from kcbridge.notifications import models as notifications_models  # noqa: F401
from kcbridge.opportunities import models as opportunities_models  # noqa: F401
from kcbridge.programmes import models as programmes_models  # noqa: F401

metadata = Base.metadata
