"""Issue 11, holes 4 and 10 for the directory's import and export.

- Rows without ids match an existing organisation by name and country and update it (so importing the same
  file twice does not duplicate anything); a row matching several is refused, naming them.
- A failing import prints its "nothing was imported" report, never a traceback (a deleted id, a busy
  database).
- CSV cells that a spreadsheet would run as a formula are neutralised on export (a leading '), and the
  import reads the neutralised form back, so export → import → export stays byte-identical.
"""

from __future__ import annotations

import csv
import io
import sqlite3

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from typer.testing import CliRunner

from kcbridge.app.cli import app
from kcbridge.directory import importexport as io_
from kcbridge.directory.models import Organisation
from kcbridge.directory.schemas import OrganisationIn
from kcbridge.directory.service import directory_service

HEADER = "name_en,name_ko,org_type,country,city\n"


@pytest.fixture
def cli(db_url: str) -> CliRunner:
    return CliRunner()


def run(cli: CliRunner, *args: str) -> tuple[int, str]:
    result = cli.invoke(app, list(args))
    assert not (result.exception and not isinstance(result.exception, SystemExit)), result.output
    return result.exit_code, " ".join(result.output.split())


def count(db) -> int:  # noqa: ANN001
    n = int(
        db.scalar(select(func.count()).select_from(Organisation).where(Organisation.deleted_at.is_(None)))
    )
    db.commit()
    return n


def test_importing_rows_without_ids_twice_updates_instead_of_duplicating(cli, db, tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_text(
        HEADER + "Robotouch,로보터치,company,KR,Seoul\nCloudy,,company,CN,Shanghai\n", encoding="utf-8"
    )
    code, out = run(cli, "orgs", "import", str(path))
    assert code == 0 and "2 created, 0 updated" in out, out
    path.write_text(
        HEADER + "robotouch ,로보터치,company,KR,Busan\nCloudy,,company,CN,Shanghai\n", encoding="utf-8"
    )
    code, out = run(cli, "orgs", "import", str(path))
    assert code == 0 and "0 created, 2 updated" in out and "2 matched by name and country" in out, out
    assert count(db) == 2
    assert db.scalar(select(Organisation.city).where(Organisation.name_ko == "로보터치")) == "Busan"
    # Same name, other country: another organisation.
    path.write_text(HEADER + "Cloudy,,company,KR,Seoul\n", encoding="utf-8")
    code, out = run(cli, "orgs", "import", str(path))
    assert code == 0 and "1 created, 0 updated" in out and count(db) == 3


def test_a_row_matching_several_organisations_or_another_row_is_refused(cli, db, tmp_path, make_org):
    a, b = make_org(name_en="Twin Co", country="KR"), make_org(name_en="Twin Co", country="KR")
    path = tmp_path / "orgs.csv"
    path.write_text(HEADER + "Twin Co,,company,KR,\nSolo,,company,KR,\nsolo,,company,KR,\n", encoding="utf-8")
    before = count(db)
    code, out = run(cli, "orgs", "import", str(path))
    assert code == 2 and "Nothing was imported" in out, out
    assert f"{a.id}" in out and f"{b.id}" in out and "line 2" in out
    assert "line 4" in out and "line 3" in out  # the second "Solo" repeats line 3
    assert count(db) == before


def test_importing_onto_a_deleted_organisation_is_reported_not_a_traceback(
    cli, db, tmp_path, make_user, make_org
):
    owner = make_user()
    org = make_org(owner=owner, name_en="Gone Ltd")
    directory_service.delete(db, user=owner, org_id=org.id)
    db.commit()
    path = tmp_path / "orgs.csv"
    path.write_text(f"id,{HEADER}{org.id},Gone Ltd,,company,KR,\n", encoding="utf-8")
    code, out = run(cli, "orgs", "import", str(path))
    assert code == 2 and "Nothing was imported" in out and "line 2" in out, out


def test_a_busy_database_is_reported_not_a_traceback(cli, tmp_path, monkeypatch):
    def busy(*_a, **_k):
        raise OperationalError("BEGIN IMMEDIATE", {}, sqlite3.OperationalError("database is locked"))

    monkeypatch.setattr(io_, "import_records", busy)
    path = tmp_path / "orgs.csv"
    path.write_text(HEADER + "Busy Co,,company,KR,\n", encoding="utf-8")
    code, out = run(cli, "orgs", "import", str(path))
    assert code == 1 and "Nothing was imported" in out and "busy" in out, out


FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+1+2", "-2+3", "@SUM(A1)", "\tTab", "\rCR", "'=already"]


def test_formulas_are_neutralised_in_the_csv_and_round_trip(cli, db, tmp_path, make_org):
    for i, f in enumerate(FORMULAS):
        make_org(name_en=f"{f}", city=f if i % 2 else "Seoul", texts={"en": {"description": f}})
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    assert run(cli, "orgs", "export", str(first))[0] == 0
    rows = list(csv.DictReader(io.StringIO(first.read_bytes().decode("utf-8"), newline="")))
    for row in rows:
        for key, value in row.items():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (key, value)
    assert {r["name_en"] for r in rows} >= {'\'=HYPERLINK("http://evil.example","x")', "'+1+2", "''=already"}
    records = io_.parse_csv(first.read_bytes())
    stored = list(db.scalars(select(Organisation.name_en).order_by(Organisation.id)))
    db.commit()
    assert [r.data.name_en for r in records] == stored  # read back as they were stored
    assert stored[0] == FORMULAS[0] and stored[-1] == "'=already"
    assert [r.data.texts["en"].description for r in records] == FORMULAS
    # Lossless: importing the export onto itself and exporting again gives the same bytes.
    assert run(cli, "orgs", "import", str(first))[0] == 0
    assert run(cli, "orgs", "export", str(second))[0] == 0
    assert second.read_bytes() == first.read_bytes()


def test_plain_values_are_left_alone():
    assert (
        io_.to_csv([_row("Robotouch", "a-b=c")])
        .splitlines()[1]
        .startswith(",,,Robotouch,company,,,KR,a-b=c,")
    )
    assert OrganisationIn  # the schema is untouched by the neutralisation


def _row(name: str, city: str) -> dict:
    return {
        "id": "",
        "name_ko": None,
        "name_zh": None,
        "name_en": name,
        "org_type": "company",
        "size": None,
        "stage": None,
        "country": "KR",
        "city": city,
        "sectors": [],
        "founded_year": None,
        "website": None,
        "texts": {},
        "people": [],
    }


def test_the_cli_import_streams_its_file(cli, db, tmp_path, monkeypatch):
    """Issue 11, hole 5: the CLI reads the file as a stream, not whole into memory first."""
    from pathlib import Path

    path = tmp_path / "orgs.csv"
    path.write_text(HEADER + "".join(f"Streamed {i},,company,KR,\n" for i in range(50)), encoding="utf-8")

    def whole(self):  # noqa: ANN001, ANN202
        raise AssertionError("read whole")

    monkeypatch.setattr(Path, "read_bytes", whole)
    code, out = run(cli, "orgs", "import", str(path))
    assert code == 0 and "50 created" in out, out
