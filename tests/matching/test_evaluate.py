"""Evaluation helpers: file reading with line-numbered errors, metrics, baselines, dev-set quality."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kcbridge.matching import evaluate as ev
from kcbridge.matching.embedder import load_embedder
from kcbridge.matching.engine import Matcher
from kcbridge.matching.text import tokenize

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DEV = SHARED / "eval" / "matching_dev.jsonl"


def write(path: Path, rows: list[dict]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


def test_metrics_recall_and_mrr() -> None:
    ranked = {"q1": ["a", "b", "c"], "q2": ["x", "y"]}
    relevant = {"q1": ("b", "z"), "q2": ("x",)}
    m = ev.metrics(ranked, relevant)
    assert m == {"success@1": 0.5, "recall@1": 0.5, "recall@10": 0.75, "mrr": 0.75, "queries": 2}


def test_metrics_need_judgements() -> None:
    with pytest.raises(ValueError, match="relevance"):
        ev.metrics({"q": ["a"]}, {"q": ()})


def test_read_eval_file_reports_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(
        '{"kind": "profile", "id": "p1", "text": "ok"}\n{"kind": "query", "id": "q1", "text": "  "}\n'
    )
    with pytest.raises(ValueError, match=r"bad.jsonl:2: text is empty"):
        ev.read_eval_file(path)
    path.write_text('{"kind": "profile", "id": "p1", "text": "ok"}\nnot json\n')
    with pytest.raises(ValueError, match=r":2: not valid JSON"):
        ev.read_eval_file(path)
    path.write_text(
        '{"kind": "profile", "id": "p1", "text": "ok"}\n{"kind": "profile", "id": "p1", "text": "x"}\n'
    )
    with pytest.raises(ValueError, match="duplicate id"):
        ev.read_eval_file(path)


def test_ranking_ignores_relevant_field(tmp_path: Path) -> None:
    rows = [
        {
            "kind": "profile",
            "id": "p-robot",
            "lang": "zh",
            "sectors": ["robotics"],
            "text": "工业机器人减速器制造商。",
        },
        {
            "kind": "profile",
            "id": "p-food",
            "lang": "en",
            "sectors": ["foodtech"],
            "text": "Kimchi importer in Shanghai.",
        },
        {
            "kind": "query",
            "id": "q",
            "lang": "ko",
            "sectors": ["robotics"],
            "text": "로봇 감속기 공급처를 찾습니다.",
            "relevant": ["p-food"],
        },
    ]
    data = ev.read_eval_file(write(tmp_path / "t.jsonl", rows))
    ranked = ev.rank_hybrid(Matcher(load_embedder()), data, top=2)
    assert ranked == {"q": ["p-robot", "p-food"]}


def test_bm25_tokenises_each_language() -> None:
    assert "로봇" in tokenize("휴머노이드 로봇 손을 만듭니다", "ko")
    assert "机器人" in tokenize("人形机器人灵巧手制造商", "zh")
    assert tokenize("The robot hands of the startup", "en") == ["robot", "hands", "startup"]
    bm25 = ev.BM25([["robot", "hand"], ["kimchi"]])
    scores = bm25.scores(["robot"])
    assert scores[0] > scores[1] == 0


@pytest.mark.slow
def test_dev_set_quality_beats_baselines() -> None:
    if not DEV.exists():
        pytest.skip(f"{DEV} not found: the shared dev set is needed for the quality check")
    data = ev.read_eval_file(DEV)
    embedder = load_embedder()
    hybrid = ev.metrics(ev.rank_hybrid(Matcher(embedder), data), data.relevant)
    cosine = ev.metrics(ev.rank_cosine(embedder, data), data.relevant)
    assert hybrid["recall@10"] >= 0.95 and hybrid["mrr"] >= 0.85, hybrid
    assert hybrid["mrr"] > cosine["mrr"] and hybrid["recall@10"] > cosine["recall@10"]
