"""Exact duplicates by hash; the same story from several outlets by MinHash over character n-grams.

datasketch is imported where it is used: it brings scipy, about a second of every web process's start that
only news ingestion needs."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datasketch import MinHash  # heavy (0.3 s, scipy): only near-duplicate checks

NGRAM = 4
THRESHOLD = 0.5


def fingerprint(text: str) -> str:
    """Hash of the text with whitespace and punctuation folded."""
    return hashlib.sha256(re.sub(r"[\W_]+", "", text).casefold().encode()).hexdigest()


def minhash(text: str, num_perm: int = 64) -> MinHash:
    from datasketch import MinHash  # heavy (0.3 s, scipy): only near-duplicate checks

    s = re.sub(r"\s+", "", text)
    m = MinHash(num_perm=num_perm)
    m.update_batch([s[i : i + NGRAM].encode() for i in range(max(1, len(s) - NGRAM + 1))])
    return m


def group_stories(texts: Sequence[str], threshold: float = THRESHOLD) -> list[int]:
    """Story number of each text: near-duplicates share one (the first member's index)."""
    from datasketch import MinHashLSH  # heavy (0.3 s, scipy): only near-duplicate checks

    lsh = MinHashLSH(threshold=threshold, num_perm=64)
    story: list[int] = []
    for i, t in enumerate(texts):
        m = minhash(t)
        near = [int(k) for k in lsh.query(m)]
        story.append(min((story[j] for j in near), default=i))
        lsh.insert(str(i), m)
    return story
