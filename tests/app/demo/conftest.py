"""The demo's own steps (directory, opportunities, programmes, events, vectors), loaded once per test that
asks for them; other domains' demo steps are left out to keep these tests quick."""

from __future__ import annotations

import pytest

from kcbridge.app.demo import directory, events, opportunities, programmes, vectors
from kcbridge.app.demo.load import STEPS, load_demo

CORE = {m.__name__ for m in (directory, opportunities, programmes, events, vectors)}


@pytest.fixture
def core_demo(db) -> str:
    """The core demo in the test database (committed within the test's transaction); its summary."""
    summary = load_demo(db, steps=[s for s in STEPS if s[1].__module__ in CORE])
    db.commit()
    return summary
