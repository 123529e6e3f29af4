"""Password hashing (argon2) and random tokens whose hashes are what the database keeps."""

from __future__ import annotations

import hashlib
import secrets
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from argon2.profiles import RFC_9106_LOW_MEMORY

from kcbridge.kit.config import get_settings
from kcbridge.kit.signing import same as same
from kcbridge.kit.signing import sign as sign


@lru_cache(maxsize=2)
def hasher_for(cost: str) -> PasswordHasher:
    """argon2id at the cost KCBRIDGE_PASSWORD_HASH names: "strong" (production: RFC 9106's low-memory
    profile, 64 MiB, 3 passes) or "fast" (tests only: the smallest cost argon2 allows)."""
    if cost == "fast":
        return PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    if cost == "strong":
        return PasswordHasher.from_parameters(RFC_9106_LOW_MEMORY)
    raise ValueError(f"unknown password hash cost: {cost!r} (strong or fast)")


class _Configured:
    """The hasher of the current settings, looked up on use (tests set the cost before their first user)."""

    def hash(self, password: str) -> str:
        return hasher_for(get_settings().password_hash).hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        return hasher_for(get_settings().password_hash).verify(password_hash, password)


_hasher: PasswordHasher | _Configured = _Configured()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def new_token(prefix: str = "") -> str:
    return prefix + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@lru_cache(maxsize=2)
def _dummy_hash(cost: str) -> str:
    return hasher_for(cost).hash("not-a-real-password")


def dummy_hash() -> str:
    """A hash to verify against when the e-mail is unknown, so that such a login costs as much time as a
    wrong password (verifying takes the cost written in the hash: it is made at the configured cost, on
    first use rather than when the module is imported — half a second of every process's start)."""
    return _dummy_hash(get_settings().password_hash)
