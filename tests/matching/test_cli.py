"""`kcbridge match rank|score` through Typer's test runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kcbridge.matching.cli import app

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DEV = SHARED / "eval" / "matching_dev.jsonl"
ROWS = [
    {
        "kind": "profile",
        "id": "p-hand",
        "lang": "zh",
        "sectors": ["robot_components"],
        "text": "灵巧手和触觉传感器制造商，寻求海外人形机器人企业合作。",
    },
    {
        "kind": "profile",
        "id": "p-lipstick",
        "lang": "zh",
        "sectors": ["cosmetics"],
        "text": "国货口红品牌，寻求代工厂。",
    },
    {
        "kind": "query",
        "id": "q1",
        "lang": "ko",
        "sectors": ["humanoid robots"],
        "text": "휴머노이드 로봇 손을 개발하는 스타트업으로 중국 부품 협력사를 찾습니다.",
        "relevant": ["p-hand"],
    },
]

runner = CliRunner()


@pytest.fixture
def eval_file(tmp_path: Path) -> Path:
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in ROWS) + "\n", encoding="utf-8")
    return path


def test_rank_prints_one_line_per_query_and_score_reads_it(eval_file: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["rank", str(eval_file), "--top", "2"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.stdout.splitlines() if x.strip()]
    assert lines == [{"query": "q1", "ranked": ["p-hand", "p-lipstick"]}]
    ranked = tmp_path / "ranked.jsonl"
    ranked.write_text(result.stdout)
    scored = runner.invoke(app, ["score", str(eval_file), str(ranked)])
    assert scored.exit_code == 0, scored.output
    assert json.loads(scored.stdout.splitlines()[0]) == {
        "success@1": 1.0,
        "recall@1": 1.0,
        "recall@10": 1.0,
        "mrr": 1.0,
        "queries": 1,
    }


def test_bad_input_exits_with_message(eval_file: Path, tmp_path: Path) -> None:
    assert runner.invoke(app, ["rank", str(eval_file), "--top", "0"]).exit_code != 0
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"kind": "query", "id": "q", "text": ""}\n')
    result = runner.invoke(app, ["rank", str(bad)])
    assert result.exit_code == 1 and "text is empty" in result.output
    junk = tmp_path / "junk.jsonl"
    junk.write_text("[1, 2]\n")
    result = runner.invoke(app, ["score", str(eval_file), str(junk)])
    assert result.exit_code == 1 and "junk.jsonl:1" in result.output


@pytest.mark.slow
def test_dev_file_round_trip(tmp_path: Path) -> None:
    if not DEV.exists():
        pytest.skip(f"{DEV} not found: the shared dev set is needed for this check")
    result = runner.invoke(app, ["rank", str(DEV)])
    assert result.exit_code == 0, result.output
    ranked = tmp_path / "ranked.jsonl"
    ranked.write_text(result.stdout)
    metrics = json.loads(runner.invoke(app, ["score", str(DEV), str(ranked)]).stdout.splitlines()[0])
    assert metrics["recall@10"] >= 0.95 and metrics["mrr"] >= 0.85
