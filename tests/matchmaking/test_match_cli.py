"""`kcbridge match search`: ranked results from the database, as a table or JSON; empty text is an error."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from kcbridge.matchmaking.cli import app


def test_search_json_and_empty_text(make_org):
    maker = make_org(
        name_zh="深圳触觉智能零部件有限公司",
        country="CN",
        sectors=["robot_components"],
        texts={"zh": {"description": "柔性电子皮肤触觉传感器与灵巧手代工制造。"}},
    )
    make_org(name_en="Cloudy", sectors=["cloud"], texts={"en": {"description": "Managed cloud hosting."}})
    runner = CliRunner()
    r = runner.invoke(app, ["search", "휴머노이드 로봇 핸드용 촉각센서 제조 파트너", "--top", "2", "--json"])
    assert r.exit_code == 0, r.output
    body = json.loads(r.stdout)
    assert body["results"][0]["id"] == maker.id and body["results"][0]["explanation"]["summary"]
    r = runner.invoke(app, ["search", "   "])
    assert r.exit_code == 2
    r = runner.invoke(app, ["search", "robots", "--top", "0"])
    assert r.exit_code == 2
    r = runner.invoke(app, ["search", "로봇 손", "--lang", "zh"])
    assert r.exit_code == 0 and "score" in r.stdout
