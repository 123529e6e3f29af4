from pathlib import Path

import httpx
from typer.testing import CliRunner

from kcbridge.news.cli import app
from kcbridge.news.ingest import ingest
from kcbridge.news.ingest.dedupe import group_stories

KO = """한빛로보틱스, 베이징서 로봇 협력 포럼 개최

베이징=홍길동 기자 2024. 8. 4. 11:18

한빛로보틱스는 3일 베이징에서 한중 로봇 협력 포럼을 열었다고 밝혔다.
이날 포럼에는 양국 기업 20여 곳이 참석해 휴머노이드 로봇 협력 방안을 논의했다.
포럼 참석자들이 기념사진을 찍고 있다. 한빛로보틱스 제공
Copyright © 한빛뉴스. 무단전재 및 재배포 금지.
"""


def _errors(result):
    return {Path(e.source).name: e.reason for e in result.errors}


def test_plain_korean_article(tmp_path):
    (tmp_path / "a.txt").write_text(KO, encoding="utf-8")
    r = ingest([str(tmp_path)])
    a = r.articles[0]
    assert a.title.startswith("한빛로보틱스") and a.language == "ko"
    assert a.published == "2024-08-04T11:18:00+09:00"
    assert a.author == "홍길동"
    assert "무단전재" not in a.body and "제공" not in a.body
    assert a.captions and a.captions[0].endswith("제공")


def test_legacy_encodings(tmp_path):
    (tmp_path / "ko.txt").write_bytes(KO.replace("©", "(c)").encode("cp949"))
    zh = "华为与星云科技签署合作协议\n\n7月30日，星云科技有限公司与华为在上海签署人工智能合作协议，双方将在云计算领域开展合作。"
    (tmp_path / "zh.txt").write_bytes(zh.encode("gb18030"))
    r = ingest([str(tmp_path / "ko.txt"), str(tmp_path / "zh.txt")])
    assert not r.errors
    assert {a.language for a in r.articles} == {"ko", "zh"}
    assert {a.encoding for a in r.articles} == {"cp949", "gb18030"}


def test_bad_inputs_are_reported_and_the_batch_goes_on(tmp_path):
    (tmp_path / "good.txt").write_text(KO, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "nothing.html").write_text("<html><body><nav>Home</nav><footer>(c)</footer></body></html>")
    (tmp_path / "broken.rss").write_text("this is not xml at all {")
    (tmp_path / "huge.txt").write_text("가" * (4 * 1024 * 1024), encoding="utf-8")
    (tmp_path / "french.txt").write_text(
        "Un titre\n\nLa coopération entre les entreprises coréennes et chinoises progresse rapidement cette année "
        "dans le domaine de la robotique et de l'intelligence artificielle, selon les responsables.",
        encoding="utf-8",
    )

    def unreachable(url, timeout):
        raise httpx.ConnectError("connection refused")

    r = ingest([str(tmp_path), "https://news.invalid/feed.xml"], fetch=unreachable)
    assert [Path(a.source).name for a in r.articles] == ["good.txt"]
    errs = _errors(r)
    assert "empty" in errs["empty.txt"]
    assert "binary" in errs["binary.txt"]
    assert "no article" in errs["nothing.html"]
    assert "feed" in errs["broken.rss"]
    assert "larger than" in errs["huge.txt"]
    assert "unsupported language" in errs["french.txt"]
    assert "ConnectError" in errs["feed.xml"]


def test_feed_keeps_the_time_offset(tmp_path):
    rss = """<?xml version="1.0"?><rss version="2.0"><channel><title>Demo News</title>
    <item><title>Seoul and Shanghai sign AI pact</title><link>https://example.org/1</link>
    <pubDate>Wed, 31 Jul 2024 10:00:00 +0900</pubDate>
    <description>Seoul signed an agreement with Shanghai on July 30 to cooperate in artificial intelligence and cloud.</description></item>
    </channel></rss>"""
    (tmp_path / "f.xml").write_text(rss, encoding="utf-8")
    r = ingest([str(tmp_path / "f.xml")])
    assert r.articles[0].published == "2024-07-31T10:00:00+09:00"
    assert r.articles[0].outlet == "Demo News" and r.articles[0].source == "https://example.org/1"


def test_saved_html_page(tmp_path):
    para = "<p>Hanbit Robotics signed an agreement with Huawei in Shanghai on July 30 to cooperate in robotics.</p>"
    html = (
        "<html><head><title>Hanbit signs pact</title>"
        '<meta property="article:published_time" content="2024-07-31T09:00:00+08:00"></head><body>'
        "<nav>Home | World</nav><article><h1>Hanbit signs pact</h1>" + para * 4 + "</article>"
        "<div class='share'>Share this</div><footer>Copyright 2024</footer></body></html>"
    )
    (tmp_path / "p.html").write_text(html, encoding="utf-8")
    r = ingest([str(tmp_path / "p.html")])
    a = r.articles[0]
    assert "Hanbit Robotics signed" in a.body and "Share this" not in a.body
    assert a.published == "2024-07-31T09:00:00+08:00"


def test_duplicates_and_stories(tmp_path):
    (tmp_path / "a.txt").write_text(KO, encoding="utf-8")
    (tmp_path / "b.txt").write_text(KO, encoding="utf-8")
    r = ingest([str(tmp_path)])
    assert len(r.articles) == 1 and len(r.duplicates) == 1
    other = KO.replace("20여 곳", "스무 곳").replace("홍길동", "김철수")
    unrelated = (
        "전혀 다른 기사\n\n서울시는 오늘 시내버스 노선을 개편한다고 발표했다. 새 노선은 다음 달부터 운행된다."
    )
    assert group_stories([KO, other, unrelated]) == [0, 0, 2]


def test_cli_extract_json(tmp_path):
    (tmp_path / "a.txt").write_text(KO, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(app, ["extract", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    import json

    line = json.loads(result.stdout.strip().splitlines()[0])
    assert set(line) >= {
        "source",
        "title",
        "published",
        "language",
        "organizations",
        "people",
        "places",
        "sectors",
        "events",
        "stats",
    }
    assert any(e["type"] == "forum" and e["date"] == "2024-08-03" for e in line["events"])
    assert "empty" in result.stderr


def test_a_lead_sentence_starting_with_a_date_is_not_taken_for_the_dateline(tmp_path):
    zh = "中韩机器人论坛在北京举行\n\n2025年4月8日，中韩机器人创新论坛在北京举行，两国四十多家企业参加了论坛。\n\n双方签署了合作备忘录。"
    (tmp_path / "zh.txt").write_text(zh, encoding="utf-8")
    a = ingest([str(tmp_path / "zh.txt")]).articles[0]
    assert a.body.startswith("2025年4月8日，中韩机器人创新论坛")
