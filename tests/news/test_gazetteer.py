"""The directory's names as the engine's gazetteer: the forms news write them in, and no more."""

from __future__ import annotations

import pytest

from kcbridge.news.gazetteer import variants


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("㈜로보터치", ["㈜로보터치", "로보터치"]),
        ("NexCloud Co., Ltd.", ["NexCloud Co., Ltd.", "NexCloud"]),
        ("글로벌혁신센터(KIC중국)", ["글로벌혁신센터(KIC중국)", "글로벌혁신센터", "KIC중국"]),
        (
            "Ministry of Science and ICT (MSIT)",
            ["Ministry of Science and ICT (MSIT)", "Ministry of Science and ICT", "MSIT"],
        ),
        ("北京擎天人形机器人科技有限公司", ["北京擎天人形机器人科技有限公司", "北京擎天人形机器人科技"]),
        # a place in parentheses is not another name of the organisation
        ("中和（北京）新能源科技有限公司", ["中和（北京）新能源科技有限公司", "中和（北京）新能源科技"]),
        (
            "Motuo (Shanghai) Hydrogen Technology Co., Ltd.",
            ["Motuo (Shanghai) Hydrogen Technology Co., Ltd.", "Motuo (Shanghai) Hydrogen Technology"],
        ),
        ("베이징 경제기술개발구(이좡)", ["베이징 경제기술개발구(이좡)", "베이징 경제기술개발구"]),
    ],
)
def test_variants(name, expected):
    assert variants(name) == expected


def test_the_directory_wins_over_the_seed_and_learns_its_other_names(db, make_org):
    from kcbridge.news.gazetteer import directory_entries

    pangyo = make_org(name_ko="판교테크노밸리", name_en="Pangyo Techno Valley", org_type="economic_zone")
    make_org(name_ko="서울특별시", name_en="Seoul Metropolitan Government", org_type="government")
    entries = {e["id"]: e for e in directory_entries(db)}
    assert "판교" in entries[f"org:{pangyo.id}"]["aliases"]  # the seed's short name of the zone
    seoul = next(e for e in entries.values() if "서울특별시" in e["names"]["ko"])
    assert "서울" not in seoul["aliases"]  # the city is not its government
