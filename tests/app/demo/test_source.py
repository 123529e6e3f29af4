"""The demo's data files: every one reads cleanly, and a broken one stops the loader naming the file, the
record and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from kcbridge.app.demo import organisations, source

FILES = sorted(p.name for p in source.DATA.glob("*.toml"))


def test_the_data_files_read_cleanly() -> None:
    assert {"sectors.toml", "frames.toml", "events.toml", "opportunities.toml", "programmes.toml"} <= set(
        FILES
    )
    for name in FILES:
        assert source.check(source.read(name)) == [], name


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "events.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_missing_translation_names_the_file_record_and_field(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
[[event]]
key = "visit"
[event.venue]
ko = "상하이 쉬후이구 알리바바 클라우드 상하이 오피스"
en = "Alibaba Cloud Shanghai office, Xuhui District, Shanghai"
""",
    )
    with pytest.raises(source.DemoDataError) as err:
        source.read_path(path)
    assert str(err.value) == (
        "events.toml: record event[0] (visit), field venue: the Chinese (zh) text is missing"
    )


def test_an_empty_text_is_missing_and_nested_fields_are_named_by_their_path(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
[cloud]
[[cloud.products]]
ko = "클라우드 관리 서비스"
zh = "   "
en = "cloud managed services"
""",
    )
    with pytest.raises(
        source.DemoDataError, match=r"^events\.toml: record cloud, field products\[0\]: the Chinese"
    ):
        source.read_path(path)


def test_a_record_written_in_fewer_languages_needs_exactly_those(tmp_path: Path) -> None:
    ok = '[[story]]\nkey = "sensors"\nwritten_in = ["zh"]\ntitle = { zh = "柔性电子皮肤触觉传感器" }\n'
    assert source.read_path(_write(tmp_path, ok))["story"][0]["title"] == {"zh": "柔性电子皮肤触觉传感器"}
    surplus = ok.replace(
        '{ zh = "柔性电子皮肤触觉传感器" }', '{ zh = "柔性电子皮肤触觉传感器", en = "Tactile sensors" }'
    )
    with pytest.raises(
        source.DemoDataError,
        match=r"record story\[0\] \(sensors\), field title: the English \(en\) text is one too many",
    ):
        source.read_path(_write(tmp_path, surplus))


def test_proper_names_may_come_in_fewer_languages(tmp_path: Path) -> None:
    text = (
        '[[organisation]]\nkey = "x"\nnames = { zh = "深圳灵巧智能科技有限公司", en = "Shenzhen Lingqiao" }\n'
    )
    assert source.read_path(_write(tmp_path, text))


def test_translations_must_fill_the_same_slots(tmp_path: Path) -> None:
    text = '[[frame]]\nkey = "desc"\ntext = { ko = "{name}(은) {year}년", zh = "{name}成立于{year}年", en = "{name} was founded" }\n'
    with pytest.raises(
        source.DemoDataError,
        match=r"record frame\[0\] \(desc\), field text: the versions fill different slots",
    ):
        source.read_path(_write(tmp_path, text))


def test_a_file_that_is_not_toml_is_named(tmp_path: Path) -> None:
    with pytest.raises(source.DemoDataError, match=r"^events\.toml: not valid TOML"):
        source.read_path(_write(tmp_path, "[[event]\nkey = 1\n"))


def test_the_loader_stops_on_a_broken_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The generator reads its files through `source`: a broken sectors file stops it with the same message."""
    for path in source.DATA.glob("*.toml"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    broken = (
        (source.DATA / "sectors.toml")
        .read_text(encoding="utf-8")
        .replace('zh = "面向工厂产线缺陷检测的计算机视觉模型"\n', "", 1)
    )
    (tmp_path / "sectors.toml").write_text(broken, encoding="utf-8")
    monkeypatch.setattr(source, "DATA", tmp_path)
    source.forget()
    try:
        with pytest.raises(
            source.DemoDataError, match=r"^sectors\.toml: record ai, field products\[0\]: the Chinese"
        ):
            organisations.demo_organisations(invented=40)
    finally:
        monkeypatch.undo()
        source.forget()
