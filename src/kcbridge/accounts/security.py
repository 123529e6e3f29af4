"""Password hashing (argon2) and random tokens whose hashes are what the database keeps."""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from kcbridge.kit.signing import same as same
from kcbridge.kit.signing import sign as sign

_hasher = PasswordHasher()


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


# A dummy hash so that a login for an unknown e-mail costs as much time as a wrong password.
DUMMY_HASH = _hasher.hash("not-a-real-password")
