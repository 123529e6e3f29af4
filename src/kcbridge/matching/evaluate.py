"""Offline evaluation of matching on JSONL files like ../shared/eval/matching_dev.jsonl.

Lines are `{"kind": "profile" | "query", "id", "lang", "text", "sectors", "org_type", "country"}`;
queries may carry `relevant` ids, which ranking never reads and only `metrics` uses.
Baselines (raw embedding cosine, BM25 over per-language tokens) run on the same file so the
hybrid engine is always reported beside them.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from kcbridge.matching.engine import MatchDoc, Matcher, MatchQuery, Weights
from kcbridge.matching.text import tokenize


@dataclass(frozen=True, slots=True)
class EvalSet:
    profiles: list[MatchDoc]
    queries: list[tuple[str, MatchQuery]]
    relevant: dict[str, tuple[str, ...]]


def _tuple(value, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{where}: expected a list of strings")
    return tuple(value)


def read_eval_file(path: str | Path) -> EvalSet:
    """Profiles, queries and relevance judgements; a bad line fails the whole file with its number."""
    profiles: list[MatchDoc] = []
    queries: list[tuple[str, MatchQuery]] = []
    relevant: dict[str, tuple[str, ...]] = {}
    seen: set[str] = set()
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{where}: not valid JSON ({exc.msg})") from None
            if not isinstance(row, dict):
                raise ValueError(f"{where}: expected a JSON object")
            kind, doc_id, text = row.get("kind"), row.get("id"), row.get("text")
            if kind not in {"profile", "query"}:
                raise ValueError(f"{where}: kind must be 'profile' or 'query', got {kind!r}")
            if not isinstance(doc_id, str) or not doc_id:
                raise ValueError(f"{where}: missing id")
            if doc_id in seen:
                raise ValueError(f"{where}: duplicate id {doc_id!r}")
            if not isinstance(text, str) or not text.strip():
                raise ValueError(f"{where}: text is empty")
            seen.add(doc_id)
            common: dict[str, Any] = dict(
                text=text,
                lang=row.get("lang"),
                sectors=_tuple(row.get("sectors"), where),
                org_type=row.get("org_type"),
                country=row.get("country"),
                name=row.get("name") if isinstance(row.get("name"), str) else None,
            )
            if kind == "profile":
                profiles.append(MatchDoc(id=doc_id, **common))
            else:
                queries.append((doc_id, MatchQuery(**common)))
                relevant[doc_id] = _tuple(row.get("relevant"), where)
    return EvalSet(profiles, queries, relevant)


def rank_hybrid(
    matcher: Matcher, data: EvalSet, top: int = 10, weights: Weights | None = None
) -> dict[str, list[str]]:
    """Rank every query against a fresh index of the file's profiles."""
    if weights is not None:
        matcher.weights = weights
    if data.profiles:
        matcher.add(data.profiles)
    return {
        qid: [r.id for r in matcher.search(q, top=top, explain=False)] if data.profiles else []
        for qid, q in data.queries
    }


def rank_cosine(embedder, data: EvalSet, top: int = 10) -> dict[str, list[str]]:
    """Baseline: whole-text embedding cosine only."""
    if not data.profiles:
        return {qid: [] for qid, _ in data.queries}
    pv = embedder.encode([p.text for p in data.profiles])  # the raw-text baseline the issue quotes
    qv = embedder.encode([q.text for _, q in data.queries])
    ids = [p.id for p in data.profiles]
    return {
        qid: [ids[j] for j in np.argsort(-(pv @ qv[i]), kind="stable")[:top]]
        for i, (qid, _) in enumerate(data.queries)
    }


class BM25:
    """Okapi BM25 over language-specific tokens (no translation, so weak across languages)."""

    def __init__(self, docs: Sequence[list[str]], k1: float = 1.5, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.tfs = [Counter(d) for d in docs]
        self.lens = np.array([len(d) for d in docs], dtype=np.float64)
        self.avg = float(self.lens.mean()) if len(docs) else 0.0
        df = Counter(t for d in docs for t in set(d))
        n = len(docs)
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}

    def scores(self, query: Iterable[str]) -> np.ndarray:
        out = np.zeros(len(self.tfs))
        norm = self.k1 * (1 - self.b + self.b * self.lens / max(self.avg, 1e-9))
        for term in set(query):
            idf = self.idf.get(term)
            if idf is None:
                continue
            tf = np.array([d.get(term, 0) for d in self.tfs], dtype=np.float64)
            out += idf * tf * (self.k1 + 1) / (tf + norm)
        return out


def rank_bm25(data: EvalSet, top: int = 10) -> dict[str, list[str]]:
    """Baseline: BM25 with Kiwi (ko), jieba (zh) and word (en) tokens."""
    bm25 = BM25([tokenize(p.text, p.lang) for p in data.profiles])
    ids = [p.id for p in data.profiles]
    ranked = {}
    for qid, q in data.queries:
        s = bm25.scores(tokenize(q.text, q.lang))
        ranked[qid] = [ids[j] for j in np.argsort(-s, kind="stable")[:top]]
    return ranked


def metrics(ranked: dict[str, list[str]], relevant: dict[str, tuple[str, ...]]) -> dict[str, float]:
    """Success@1 (the top result is relevant), Recall@1, Recall@10 (share of each query's relevant
    ids found, averaged) and MRR."""
    judged = [qid for qid, rel in relevant.items() if rel]
    if not judged:
        raise ValueError("no query has relevance judgements ('relevant' ids)")
    s1 = r1 = r10 = mrr = 0.0
    for qid in judged:
        rel, got = set(relevant[qid]), ranked.get(qid, [])
        s1 += float(bool(got) and got[0] in rel)
        r1 += len(rel & set(got[:1])) / len(rel)
        r10 += len(rel & set(got[:10])) / len(rel)
        mrr += next((1.0 / (i + 1) for i, pid in enumerate(got) if pid in rel), 0.0)
    n = len(judged)
    return {
        "success@1": round(s1 / n, 4),
        "recall@1": round(r1 / n, 4),
        "recall@10": round(r10 / n, 4),
        "mrr": round(mrr / n, 4),
        "queries": n,
    }


def read_ranked(path: str | Path) -> dict[str, list[str]]:
    """Lines of `{"query": id, "ranked": [ids]}` as written by `kcbridge match rank`."""
    ranked: dict[str, list[str]] = {}
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                qid, ids = row["query"], row["ranked"]
            except (json.JSONDecodeError, KeyError, TypeError):
                raise ValueError(f"{path}:{lineno}: expected {{'query': id, 'ranked': [ids]}}") from None
            if not isinstance(qid, str) or not isinstance(ids, list):
                raise ValueError(f"{path}:{lineno}: expected {{'query': id, 'ranked': [ids]}}")
            ranked[qid] = [str(i) for i in ids]
    return ranked
