"""Which embedder the code under test uses: the instant hash embedder by default (tests/conftest.py), the real
USE model where a test measures matching quality or shows matches to a person."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator


@contextlib.contextmanager
def real_embedder() -> Iterator[None]:
    """The real USE model meanwhile: for a test marked `real_embedder`, and for data a module builds once
    (tests/app/demo/test_core.py)."""
    from kcbridge.kit.config import get_settings

    before = os.environ.get("KCBRIDGE_EMBEDDER")
    os.environ["KCBRIDGE_EMBEDDER"] = "use"
    get_settings.cache_clear()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("KCBRIDGE_EMBEDDER", None)
        else:
            os.environ["KCBRIDGE_EMBEDDER"] = before
        get_settings.cache_clear()
