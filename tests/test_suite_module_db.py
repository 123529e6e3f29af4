"""Data built once for a module (`module_db`) is there for each of its tests; what a test adds is gone for
the next one, and the whole module's data is gone after it (tests/test_suite_setup.py)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from kcbridge.accounts.models import User
from kcbridge.kit.db import unit_of_work
from tests.support import factories, login

BUILT_ONCE = "built-once@test.example"
ADDED = "added-by-a-test@test.example"


def users(email: str) -> int:
    with unit_of_work(write=False) as db:
        return int(db.scalar(select(func.count()).select_from(User).where(User.email == email)) or 0)


@pytest.fixture(scope="module")
def world(module_db: Any) -> Any:
    owner = factories.user(module_db, email=BUILT_ONCE)
    return owner, factories.organisation(module_db, owner, name_en="Built Once Ltd")


def test_the_world_is_there_and_a_test_adds_to_it(world, make_user, client):
    assert users(BUILT_ONCE) == 1
    login(client, BUILT_ONCE)  # the app sees it too
    make_user(email=ADDED)
    assert users(ADDED) == 1


def test_what_the_previous_test_added_is_gone_and_the_world_stays(world, db_url):
    assert users(ADDED) == 0 and users(BUILT_ONCE) == 1


@pytest.mark.real_commits
def test_a_test_that_commits_for_real_is_refused_here(request):
    with pytest.raises(pytest.fail.Exception, match="module_db"):
        request.getfixturevalue("db_url")
