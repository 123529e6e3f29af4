"""Password hashes: argon2id at RFC 9106's cost in production; the test suite's cheap setting is opt-in."""

from __future__ import annotations

import pytest
from argon2 import extract_parameters
from pydantic import ValidationError

from kcbridge.accounts.security import hash_password, hasher_for, verify_password
from kcbridge.kit.config import Settings, get_settings


def test_production_hashes_passwords_at_the_strong_cost(monkeypatch):
    monkeypatch.delenv("KCBRIDGE_PASSWORD_HASH")  # the suite sets "fast"; a deployment sets nothing
    settings = Settings(_env_file=None)
    assert settings.password_hash == "strong"
    params = extract_parameters(hasher_for(settings.password_hash).hash("correct-horse-battery"))
    assert params.type.name == "ID"
    assert (params.time_cost, params.memory_cost, params.parallelism) == (3, 64 * 1024, 4)
    assert (params.hash_len, params.salt_len) == (32, 16)


def test_the_suite_hashes_at_the_cheapest_cost_and_still_checks_passwords():
    assert get_settings().password_hash == "fast"
    stored = hash_password("correct-horse-battery")
    params = extract_parameters(stored)
    assert (params.time_cost, params.memory_cost, params.parallelism) == (1, 8, 1)
    assert verify_password(stored, "correct-horse-battery")
    assert not verify_password(stored, "correct-horse-batterY")
    assert not verify_password("not a hash", "correct-horse-battery")


def test_a_strong_hash_is_checked_at_its_own_cost_whatever_the_setting():
    stored = hasher_for("strong").hash("correct-horse-battery")  # an account made in production
    assert verify_password(stored, "correct-horse-battery")
    assert not verify_password(stored, "wrong")


def test_an_unknown_cost_is_refused():
    with pytest.raises(ValidationError, match="password_hash"):
        Settings(_env_file=None, password_hash="weak")
