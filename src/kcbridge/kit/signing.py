"""HMAC signatures and constant-time comparison (CSRF tokens, reset links)."""

from __future__ import annotations

import hashlib
import hmac


def sign(secret: str, value: str) -> str:
    return hmac.new(secret.encode(), value.encode(), hashlib.sha256).hexdigest()


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())
