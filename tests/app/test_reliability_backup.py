"""`kcbridge backup` / `kcbridge restore`: every table of every domain moves into a new database of either
kind (SQLite → PostgreSQL is the pilot's move to a server), `kcbridge orgs export` is byte-identical
afterwards, new ids continue after the restored ones, and a backup taken while others write is a
consistent snapshot."""

from __future__ import annotations

import json
import os
import re
import threading
import time
import uuid
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from tests.support.events import make_visit, request_all, schedule
from typer.testing import CliRunner

from kcbridge.app.cli import app as cli_app
from kcbridge.app.models import metadata
from kcbridge.directory.models import Organisation, OrgLogo, OrgText
from kcbridge.kit.db import get_engine, reset_caches, unit_of_work

pytestmark = pytest.mark.real_commits
PG_ADMIN_URL = os.environ.get("KCBRIDGE_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def run(*args: str) -> str:
    result = CliRunner().invoke(cli_app, list(args))
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def counts() -> dict[str, int]:
    with get_engine().connect() as conn:
        return {t.name: conn.scalar(select(func.count()).select_from(t)) for t in metadata.sorted_tables}


@contextmanager
def fresh_database(kind: str, tmp_path: Path) -> Iterator[None]:
    """The kit pointed at a new, empty database of `kind` for the duration (then back, and dropped)."""
    before = os.environ["KCBRIDGE_DATABASE_URL"]
    admin = None
    if kind == "sqlite":
        url = f"sqlite:///{tmp_path / f'restored-{uuid.uuid4().hex[:6]}.db'}"
    else:
        name = f"kcbridge_restore_{uuid.uuid4().hex[:8]}"
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        except Exception as exc:  # noqa: BLE001
            pytest.skip(f"no PostgreSQL to restore into: {exc}")
        url = re.sub(r"/[^/]*$", f"/{name}", PG_ADMIN_URL)
    os.environ["KCBRIDGE_DATABASE_URL"] = url
    reset_caches()
    try:
        yield
    finally:
        os.environ["KCBRIDGE_DATABASE_URL"] = before
        reset_caches()
        if admin is not None:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


@pytest.fixture
def platform(db, make_user, make_org, make_opp):
    """A populated platform: organisations with people, texts and a logo, an event with published
    meetings, an opportunity with an expression of interest, audit entries."""
    owner = make_user(name="김지훈")
    org = make_org(
        owner=owner,
        name_ko="로보터치",
        name_en='Robotouch, "hands"',
        sectors=["robotics"],
        texts={"ko": {"description": "휴머노이드 로봇손\n여러 줄"}, "en": {"offer": "=formula-looking"}},
        people=({"name": "김지훈", "email": "kim@robo.example", "languages": ["ko", "en"]},),
    )
    db.add(OrgLogo(organisation_id=org.id, content_type="image/png", data=PNG))
    db.commit()
    make_opp(owner, org, anonymous=True)
    visit = make_visit(db, make_user, make_org, firms=2, teams=1, slots=2)
    request_all(db, visit)
    schedule(db, visit)
    return org


@pytest.mark.parametrize("target", ["sqlite", "postgresql"])
def test_backup_then_restore_into_a_new_database_keeps_everything(platform, tmp_path, target):
    before_csv, before_json, after_csv, after_json = (
        tmp_path / n for n in ("a.csv", "a.json", "b.csv", "b.json")
    )
    run("orgs", "export", str(before_csv))
    run("orgs", "export", str(before_json))
    source = counts()
    backup = tmp_path / "kcbridge-backup.zip"
    assert f"{sum(source.values())} rows of {len(source)} tables" in run("backup", str(backup))
    with fresh_database(target, tmp_path):
        run("restore", str(backup))
        assert counts() == source  # every table of every domain, row for row
        run("orgs", "export", str(after_csv))
        run("orgs", "export", str(after_json))
        assert after_csv.read_bytes() == before_csv.read_bytes()
        assert after_json.read_bytes() == before_json.read_bytes()
        with unit_of_work() as db:
            assert db.scalar(select(OrgLogo.data).where(OrgLogo.organisation_id == platform.id)) == PNG
            top = db.scalar(select(func.max(Organisation.id)))
        (tmp_path / "new.csv").write_text(
            "name_en,org_type,country\nAfter Restore Co,company,KR\n", encoding="utf-8"
        )
        run("orgs", "import", str(tmp_path / "new.csv"))  # new ids continue after the restored ones
        with unit_of_work() as db:
            assert (
                db.scalar(select(Organisation.id).where(Organisation.name_en == "After Restore Co"))
                == top + 1
            )
        refused = CliRunner().invoke(cli_app, ["restore", str(backup)])
        assert refused.exit_code == 2 and "not empty" in refused.output


def test_a_backup_taken_while_others_write_is_consistent(db, make_org, tmp_path, monkeypatch):
    for i in range(5):
        make_org(name_en=f"Before {i}", texts={"en": {"description": "x"}})
    stop = threading.Event()
    written: list[int] = []

    def writer() -> None:  # another process's requests, committing all the time
        from kcbridge.directory.schemas import OrganisationIn
        from kcbridge.directory.service import directory_service

        n = 0
        while not stop.is_set():
            with unit_of_work() as s:
                data = OrganisationIn(
                    name_en=f"During {n}",
                    org_type="company",
                    country="KR",
                    texts={"en": {"description": "y"}},
                )
                written.append(directory_service.create(s, user=None, data=data).id)
            n += 1
            time.sleep(0.005)

    real_open = zipfile.ZipFile.open

    def slow_open(self, name, mode="r", *a, **k):  # noqa: ANN001, ANN202 - widen the window between tables
        if mode == "w":
            time.sleep(0.03)
        return real_open(self, name, mode, *a, **k)

    monkeypatch.setattr(zipfile.ZipFile, "open", slow_open)
    thread = threading.Thread(target=writer)
    thread.start()
    try:
        time.sleep(0.1)
        run("backup", str(tmp_path / "live.zip"))
    finally:
        stop.set()
        thread.join()
    assert written, "the writer wrote nothing during the backup"
    with zipfile.ZipFile(tmp_path / "live.zip") as zf:
        names = {
            n.split("_", 1)[1].removesuffix(".jsonl"): n for n in zf.namelist() if n.startswith("tables/")
        }

        def ids(table: str, column: str) -> set[int]:
            return {json.loads(line)[column] for line in zf.read(names[table]).decode().splitlines()}

        orgs = ids(Organisation.__tablename__, "id")
        texts = ids(OrgText.__tablename__, "organisation_id")
        audited = {
            int(json.loads(line)["entity_id"])
            for line in zf.read(names["audit_entry"]).decode().splitlines()
            if json.loads(line)["entity_type"] == "organisation"
        }
    assert texts <= orgs and audited <= orgs  # no row of an organisation the snapshot does not have
    with fresh_database("sqlite", tmp_path):
        run("restore", str(tmp_path / "live.zip"))
