"""`kcbridge orgs import|export`: lossless CSV and JSON round trips, all-or-nothing imports naming line and field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from typer.testing import CliRunner

from kcbridge.app.cli import app
from kcbridge.app.models import metadata
from kcbridge.directory.models import Organisation
from kcbridge.directory.search import directory_search
from kcbridge.kit.audit import AuditEntry
from kcbridge.kit.db import unit_of_work

HEADER = "name_en,org_type,country,founded_year\n"


@pytest.fixture
def cli(db_url: str) -> CliRunner:
    return CliRunner()


def run(cli: CliRunner, *args: str) -> tuple[int, str]:
    result = cli.invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, " ".join(result.output.split())  # rich wraps long lines


def count(db) -> int:  # noqa: ANN001
    n = int(db.scalar(select(func.count()).select_from(Organisation)) or 0)
    db.commit()
    return n


def empty_database() -> None:
    with unit_of_work() as conn:  # the test's own transaction (rolled back at its end)
        for table in reversed(metadata.sorted_tables):
            conn.execute(text(f'DELETE FROM "{table.name}"'))
    directory_search.__init__()  # type: ignore[misc]


@pytest.fixture
def tricky_directory(make_org) -> None:  # noqa: ANN001
    """Organisations whose values test quoting, scripts, empty and missing fields."""
    make_org(
        name_ko="로보터치",
        name_zh="罗博触控",
        name_en='Robotouch, "the hand people"',
        org_type="company",
        size="startup",
        stage="early",
        country="KR",
        city="Seoul",
        sectors=["robotics", "ai"],
        founded_year=2019,
        website="https://robotouch.example",
        texts={
            "ko": {"description": "휴머노이드 로봇손,\n여러 줄", "offer": "촉각 센서", "seek": "중국 파트너"},
            "en": {"description": 'Quotes " and; semicolons', "offer": "", "seek": "  leading spaces"},
        },
        people=(
            {
                "name": "김지훈",
                "title": "CEO",
                "email": "kim@robo.example",
                "phone": "+82 10-1234-5678",
                "languages": ["ko", "en"],
            },
            {"name": "Lee", "title": "", "email": None, "phone": None, "languages": []},
        ),
    )
    make_org(name_zh="深圳灵巧智能科技有限公司", org_type="company", country="CN", city="深圳")
    make_org(
        name_en="Gyeonggi Agency", org_type="support_agency", country="KR", texts={"zh": {"seek": "合作"}}
    )


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_export_import_export_is_lossless(cli, db, tmp_path, tricky_directory, suffix):
    first, second = tmp_path / f"first{suffix}", tmp_path / f"second{suffix}"
    code, out = run(cli, "orgs", "export", str(first))
    assert code == 0 and "3 organisations" in out
    empty_database()
    assert count(db) == 0
    code, out = run(cli, "orgs", "import", str(first))
    assert code == 0, out
    assert "3 created, 0 updated" in out
    code, _out = run(cli, "orgs", "export", str(second))
    assert code == 0
    assert second.read_bytes() == first.read_bytes()
    rows = json.loads(first.read_text()) if suffix == ".json" else None
    if rows:
        robo = rows[0]
        assert robo["name_en"] == 'Robotouch, "the hand people"'
        assert robo["texts"]["ko"]["description"] == "휴머노이드 로봇손,\n여러 줄"
        assert [p["email"] for p in robo["people"]] == ["kim@robo.example", None]


def test_importing_the_same_file_again_updates_by_id(cli, db, tmp_path, tricky_directory):
    path = tmp_path / "orgs.json"
    run(cli, "orgs", "export", str(path))
    rows = json.loads(path.read_text())
    rows[1]["city"] = "Shenzhen"
    path.write_text(json.dumps(rows, ensure_ascii=False))
    code, out = run(cli, "orgs", "import", str(path))
    assert code == 0 and "0 created, 3 updated" in out
    assert count(db) == 3
    city = db.scalar(select(Organisation.city).where(Organisation.id == rows[1]["id"]))
    assert city == "Shenzhen"
    labels = set(db.scalars(select(AuditEntry.actor_label).where(AuditEntry.action == "update")))
    assert labels == {"cli import orgs.json"}


def import_fails(cli: CliRunner, db, path: Path) -> str:  # noqa: ANN001
    before = count(db)
    code, out = run(cli, "orgs", "import", str(path))
    assert code == 2, out
    assert "Nothing was imported" in out
    assert count(db) == before
    return out


def test_bad_values_on_several_lines_are_all_listed_and_nothing_is_imported(cli, db, tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_text(
        HEADER
        + "Good One,company,KR,2001\n"
        + "Bad Type,spaceship,KR,2001\n"
        + "Good Two,company,CN,\n"
        + "Bad Year,company,KR,abc\n"
        + ",company,KR,\n"
        + "Bad Country,company,XX,\n",
        encoding="utf-8",
    )
    out = import_fails(cli, db, path)
    assert "4 problem(s)" in out  # one per bad line
    for expected in (
        "line 3, org_type: Unknown organisation type: spaceship",
        "line 5, founded_year",
        "line 6, name: Give the organisation a name in at least one language.",
        "line 7, country: Unknown country: XX",
    ):
        assert expected in out
    assert "line 2" not in out and "line 4" not in out


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("name_en,org_type,country,colour\nX,company,KR,red\n", "line 1, header: unknown column(s): colour"),
        ("name_en,org_type\nX,company\n", "line 1, header: missing column(s): country"),
        ("", "line 1, header:"),
    ],
    ids=["unknown-column", "missing-column", "empty-file"],
)
def test_wrong_columns_are_refused(cli, db, tmp_path, content, expected):
    path = tmp_path / "orgs.csv"
    path.write_text(content, encoding="utf-8")
    assert expected in import_fails(cli, db, path)


@pytest.mark.parametrize(
    ("encoding", "word", "hint"), [("cp949", "한빛로보틱스", "CP949"), ("gbk", "深圳灵巧科技", None)]
)
def test_a_file_not_in_utf8_lists_each_undecodable_line(cli, db, tmp_path, encoding, word, hint):
    path = tmp_path / "orgs.csv"
    rows = [
        HEADER,
        "Plain Ltd,company,KR,\n",
        f"{word},company,KR,\n",
        "Plain Two,company,KR,\n",
        f"{word}2,company,CN,\n",
    ]
    path.write_bytes("".join(rows).encode(encoding))
    out = import_fails(cli, db, path)
    assert "line 3: not UTF-8 text" in out and "line 5: not UTF-8 text" in out
    assert "line 2" not in out and "line 4" not in out
    assert "save the file as UTF-8" in out
    if hint:
        assert f"looks like {hint}" in out


def test_a_utf8_file_with_a_byte_order_mark_is_read(cli, db, tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_bytes(("\ufeff" + HEADER + "한빛로보틱스,company,KR,2015\n").encode("utf-8"))
    code, out = run(cli, "orgs", "import", str(path))
    assert code == 0, out
    assert db.scalar(select(Organisation.name_en)) == "한빛로보틱스"


def test_broken_quoting_names_the_line_where_the_record_starts(cli, db, tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_text(HEADER + "Good,company,KR,\n" + '"Unclosed,company,KR,\n' + "Later,company,KR,\n")
    out = import_fails(cli, db, path)
    assert "line 3: broken CSV quoting" in out
    path.write_text(HEADER + '"Robo"tics,company,KR,\n')
    assert "line 2: broken CSV quoting" in import_fails(cli, db, path)


def test_lines_with_too_many_or_too_few_values_are_listed(cli, db, tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_text(HEADER + "A,company,KR,2000,extra\n" + "B,company\n" + "C,company,KR,\n")
    out = import_fails(cli, db, path)
    assert "line 2: 5 values for 4 columns" in out
    assert "line 3: fewer values than the 4 columns" in out


def test_bad_people_and_duplicate_ids_are_named(cli, db, tmp_path):
    path = tmp_path / "orgs.json"
    path.write_text(
        json.dumps(
            [
                {
                    "id": 7,
                    "name_en": "A",
                    "org_type": "company",
                    "country": "KR",
                    "people": [{"name": "Kim", "email": "not-mail"}],
                },
                {"id": "seven", "name_en": "B", "org_type": "company", "country": "KR"},
            ]
        )
    )
    out = import_fails(cli, db, path)
    assert "line 1, people[0].email" in out and "line 2, id: must be a positive whole number" in out
    path.write_text(
        json.dumps([{"id": 7, "name_en": n, "org_type": "company", "country": "KR"} for n in ("A", "B")])
    )
    assert "line 2, id: id 7 also on line 1" in import_fails(cli, db, path)


def test_malformed_json_and_unknown_suffix_are_refused(cli, db, tmp_path):
    path = tmp_path / "orgs.json"
    path.write_text('[{"name_en": "A",\n "org_type": "company" "country": "KR"}]')
    assert "line 2: not valid JSON" in import_fails(cli, db, path)
    path.write_text('{"something": "else"}')
    assert "expected a list of organisations" in import_fails(cli, db, path)
    other = tmp_path / "orgs.xlsx"
    other.write_bytes(b"PK\x03\x04")
    assert "must end in .csv or .json" in import_fails(cli, db, other)
    code, out = run(cli, "orgs", "export", str(tmp_path / "out.txt"))
    assert code == 2 and "must end in .csv or .json" in out


def test_values_that_look_like_console_markup_are_listed_verbatim(cli, db, tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_text(HEADER + "A,[/red],KR,\n" + "B,[bold]x,KR,\n")
    out = import_fails(cli, db, path)
    assert "Unknown organisation type: [/red]" in out
    assert "Unknown organisation type: [bold]x" in out


def test_sql_and_html_survive_an_import_as_text(cli, db, tmp_path):
    evil = "<script>alert(1)</script>'; DROP TABLE organisation;--"
    path = tmp_path / "orgs.json"
    path.write_text(
        json.dumps(
            [
                {
                    "name_en": evil,
                    "org_type": "company",
                    "country": "KR",
                    "texts": {"en": {"description": evil}},
                }
            ]
        )
    )
    code, out = run(cli, "orgs", "import", str(path))
    assert code == 0, out
    assert db.scalar(select(Organisation.name_en)) == evil


def test_a_large_import_audits_every_organisation_and_person_and_logs_its_progress(cli, db, tmp_path):
    """New organisations are written in chunks (directory.importexport.IMPORT_CHUNK): each still gets its
    audit entries, its people and its own id, and a log (no terminal) reads where the import stands."""
    rows = 1_200  # more than two chunks
    path = tmp_path / "many.json"
    path.write_text(
        json.dumps(
            [
                {
                    "name_en": f"Chunked Robotics {i}",
                    "org_type": "company",
                    "country": "KR",
                    "people": [{"name": f"Person {i}", "email": f"p{i}@chunk.example"}],
                }
                for i in range(rows)
            ]
        ),
        encoding="utf-8",
    )
    code, out = run(cli, "orgs", "import", str(path))
    assert code == 0, out
    assert f"{rows} created" in out
    assert "importing: 500 of 1200 rows" in out and "importing: 1000 of 1200 rows" in out
    orgs = db.scalars(select(Organisation).where(Organisation.name_en.like("Chunked Robotics %"))).all()
    assert len({o.id for o in orgs}) == rows
    created = select(AuditEntry.entity_type, AuditEntry.entity_id).where(AuditEntry.action == "create")
    entries = db.execute(created).all()
    assert {int(i) for t, i in entries if t == "organisation"} >= {o.id for o in orgs}
    people = db.execute(text("SELECT id, organisation_id FROM person")).all()
    assert len({org for _, org in people} & {o.id for o in orgs}) == rows
    assert {int(i) for t, i in entries if t == "person"} >= {pid for pid, _ in people}
