"""Imports every domain's tables so that Base.metadata is complete (Alembic, tests)."""

from kcbridge import periodic as periodic_models  # noqa: F401
from kcbridge.accounts import models as accounts_models  # noqa: F401
from kcbridge.alerts import models as alerts_models  # noqa: F401
from kcbridge.audit import models as audit_models  # noqa: F401
from kcbridge.db import Base
from kcbridge.directory import models as directory_models  # noqa: F401
from kcbridge.events import models as events_models  # noqa: F401
from kcbridge.opportunities import models as opportunities_models  # noqa: F401
from kcbridge.programmes import models as programmes_models  # noqa: F401

metadata = Base.metadata
