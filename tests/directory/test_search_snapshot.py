"""Search index snapshots: a new process loads the newest one, catches up from the revision feed and
answers as a full build would; a corrupt, foreign or future snapshot is passed over for a build."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from kcbridge.directory.schemas import OrganisationPatch
from kcbridge.directory.search import DirectorySearch
from kcbridge.directory.search_index import SearchDoc, SearchIndex, SnapshotError
from kcbridge.directory.service import directory_service
from kcbridge.kit.audit import Actor
from kcbridge.kit.snapshots import KEEP, SnapshotStore

QUERIES: list[tuple[str, dict[str, object]]] = [
    ("", {}),
    ("로봇", {}),
    ("机器人", {}),
    ("robot", {}),
    ("robot", {"country": "CN"}),
    ("", {"sectors": ["cloud"]}),
    ("", {"city": "seoul"}),
    ("hub", {"org_type": "incubator"}),
    ("nothing-like-this", {}),
]


def answers(ix: SearchIndex) -> list[tuple[list[int], int]]:
    out = []
    for q, filters in QUERIES:
        hits = ix.search(q, limit=50, **filters)  # type: ignore[arg-type]
        out.append((hits.ids, hits.total))
    return out


def sample_docs(n: int = 60) -> list[SearchDoc]:
    kinds = [
        ("로보{}", "휴머노이드 로봇손을 만드는 회사", "KR", "Seoul", ("robotics",)),
        ("深圳{}科技", "人形机器人灵巧手制造商", "CN", "Shenzhen", ("robotics",)),
        ("Cloudy {}", "Managed cloud services for robotics startups", "KR", "Busan", ("cloud",)),
        ("Robot Hub {}", "Incubator", "CN", "Beijing", ()),
    ]
    docs = []
    for i in range(1, n + 1):
        name, body, country, city, sectors = kinds[i % len(kinds)]
        org_type = "incubator" if "Hub" in name else "company"
        docs.append(SearchDoc(i, name.format(i), body, org_type, country, city, sectors, float(i % 7)))
    return docs


def test_round_trip_answers_every_query_alike_including_pending_changes():
    ix = SearchIndex()
    ix.rebuild(sample_docs())
    # Changes since the build sit in the delta and dead rows; the snapshot must carry them too.
    ix.upsert(
        [SearchDoc(3, "Robot Cloud 3", "new text 새로운 로봇", "company", "CN", "Beijing", ("cloud",), 9.0)]
    )
    ix.upsert([SearchDoc(999, "机器人 Hub", "", "incubator", "KR", "Seoul", (), 5.0)])
    ix.remove([4, 8])
    loaded, extra = SearchIndex.from_bytes(ix.to_bytes(extra={"revision": 42}))
    assert extra == {"revision": 42}
    assert answers(loaded) == answers(ix)
    assert 999 in loaded.search("机器人").ids and 4 not in loaded.search("").ids
    # The loaded index keeps taking changes like the original.
    for target in (ix, loaded):
        target.upsert([SearchDoc(1000, "Zeta robotics", "", "company", "KR", "Seoul", (), 1.0)])
        target.remove([999])
    assert answers(loaded) == answers(ix)


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],  # truncated
        lambda b: b[:200] + bytes([b[200] ^ 0xFF]) + b[201:],  # one byte flipped
        lambda b: b"",
        lambda b: b"not a snapshot at all",
    ],
    ids=["truncated", "flipped", "empty", "garbage"],
)
def test_damaged_bytes_are_refused(damage):
    ix = SearchIndex()
    ix.rebuild(sample_docs())
    with pytest.raises(SnapshotError):
        SearchIndex.from_bytes(damage(ix.to_bytes(extra={"revision": 1})))


def test_a_snapshot_of_other_code_is_refused(monkeypatch):
    ix = SearchIndex()
    ix.rebuild(sample_docs())
    monkeypatch.setattr("kcbridge.directory.search_index.SNAPSHOT_FORMAT", "directory-search-index/0")
    data = ix.to_bytes(extra={"revision": 1})
    monkeypatch.undo()
    with pytest.raises(SnapshotError, match="format"):
        SearchIndex.from_bytes(data)


def test_readers_never_see_a_partly_written_snapshot(tmp_path):
    store = SnapshotStore(tmp_path, "abc")
    payloads = []
    for n in (200, 400):
        ix = SearchIndex()
        ix.rebuild(sample_docs(n))
        payloads.append(ix.to_bytes(extra={"revision": 7}))
    store.write(7, payloads[0])
    failures: list[Exception] = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            data = store.read(store.path(7))
            try:
                SearchIndex.from_bytes(data or b"")
            except SnapshotError as exc:
                failures.append(exc)

    readers = [threading.Thread(target=read) for _ in range(2)]
    for t in readers:
        t.start()
    for k in range(40):
        store.write(7, payloads[k % 2])
    done.set()
    for t in readers:
        t.join()
    assert failures == []
    assert [p.name for p in tmp_path.iterdir()] == [store.path(7).name]  # no temporary file left


def test_only_the_newest_snapshots_are_kept_and_none_ahead_of_the_database_is_offered(tmp_path):
    store = SnapshotStore(tmp_path, "abc")
    for revision in (5, 9, 7, 12):
        store.write(revision, b"x")
    assert [r for r, _p in store.candidates(at_most=100)] == [12, 9][:KEEP]
    assert [r for r, _p in store.candidates(at_most=10)] == [9]
    assert SnapshotStore(tmp_path, "other").candidates(at_most=100) == []


# --- a process and its snapshots, on the test database ----------------------------------------------


def make_directory(make_org) -> list:  # noqa: ANN001
    return [
        make_org(
            name_ko=f"로봇공장 {i}" if i % 2 else None,
            name_zh=None if i % 2 else f"机器人工厂 {i}",
            country="KR" if i % 2 else "CN",
            city="Seoul" if i % 3 else "Shenzhen",
            sectors=["robotics"] if i % 4 else ["cloud"],
            texts={"en": {"description": f"robot hands and cloud services, lot {i}"}},
        )
        for i in range(12)
    ]


def fresh(folder: Path) -> DirectorySearch:
    return DirectorySearch(folder=folder, min_docs=1)


def built_answers(db) -> list[tuple[list[int], int]]:  # noqa: ANN001
    ds = DirectorySearch(snapshots=False)
    ds.refresh(db)
    return answers(ds.index)


def stored(db, folder: Path) -> DirectorySearch:  # noqa: ANN001
    first = fresh(folder)
    first.refresh(db)
    first.wait_for_snapshot(timeout=60)
    assert first.source == "built"
    assert len(list(folder.glob("directory-*.npz"))) == 1
    return first


def test_a_new_process_loads_the_snapshot_and_answers_like_a_build(db, make_org, tmp_path):
    make_directory(make_org)
    first = stored(db, tmp_path)
    second = fresh(tmp_path)
    second.refresh(db)
    assert second.source == "snapshot"
    assert answers(second.index) == answers(first.index) == built_answers(db)


def test_a_stale_snapshot_catches_up_from_the_feed(db, make_org, make_user, tmp_path):
    owner = make_user()
    orgs = make_directory(make_org)
    doomed = make_org(owner=owner, name_en="Doomed Robotics")
    stored(db, tmp_path)
    # After the snapshot: a rename, a deletion and a new organisation.
    directory_service.update(
        db,
        user=None,
        org_id=orgs[0].id,
        data=OrganisationPatch.model_validate({"name_en": "Quokka Motors"}),
        actor=Actor.system("test"),
    )
    directory_service.delete(db, user=owner, org_id=doomed.id)
    db.commit()
    newcomer = make_org(name_en="Wombat Robotics", country="CN")
    later = fresh(tmp_path)
    later.refresh(db)
    assert later.source == "snapshot"
    assert later.index.search("quokka").ids == [orgs[0].id]
    assert later.index.search("doomed").ids == []
    assert later.index.search("wombat").ids == [newcomer.id]
    assert answers(later.index) == built_answers(db)


def test_a_corrupt_snapshot_means_a_build_that_answers_correctly(db, make_org, tmp_path):
    make_directory(make_org)
    stored(db, tmp_path)
    (path,) = tmp_path.glob("directory-*.npz")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    later = fresh(tmp_path)
    later.refresh(db)
    assert later.source == "built"
    assert answers(later.index) == built_answers(db)


def test_a_snapshot_that_disagrees_with_the_database_is_not_used(db, make_org, tmp_path):
    """Same key and revision, other contents: a database recreated under the same address, or rows
    rolled back after the snapshot was taken."""
    orgs = make_directory(make_org)
    first = stored(db, tmp_path)
    (path,) = tmp_path.glob("directory-*.npz")
    impostor = SearchIndex()
    impostor.rebuild(sample_docs(len(orgs)))
    path.write_bytes(impostor.to_bytes(extra={"revision": first.revision}))
    later = fresh(tmp_path)
    later.refresh(db)
    assert later.source == "built"
    assert answers(later.index) == built_answers(db)
    later.wait_for_snapshot(timeout=60)  # it stores its own; then the next impostor takes its place
    # Also when ids and count agree but the rows are not the ones snapshotted (other update times).
    twin = SearchIndex()
    twin.rebuild(
        [
            SearchDoc(o.id, "Impostor", "", "company", "KR", "Seoul", (), 12345.0)
            for o in sorted(orgs, key=lambda o: o.id)
        ]
    )
    path.write_bytes(twin.to_bytes(extra={"revision": first.revision}))
    again = fresh(tmp_path)
    again.refresh(db)
    assert again.source == "built"
    assert again.index.search("impostor").ids == []


def test_a_snapshot_ahead_of_the_database_is_not_used(db, make_org, tmp_path):
    make_directory(make_org)
    first = stored(db, tmp_path)
    (path,) = tmp_path.glob("directory-*.npz")
    path.rename(first._store.path(first.revision + 5))  # type: ignore[union-attr]
    later = fresh(tmp_path)
    later.refresh(db)
    assert later.source == "built"


def test_small_directories_store_no_snapshot(db, make_org, tmp_path):
    make_directory(make_org)
    ds = DirectorySearch(folder=tmp_path)  # the default threshold: thousands of organisations
    ds.refresh(db)
    ds.wait_for_snapshot(timeout=60)
    assert list(tmp_path.iterdir()) == []


WRITER = """
import sys
from pathlib import Path
from kcbridge.directory.search import DirectorySearch
from kcbridge.kit.db import unit_of_work
ds = DirectorySearch(folder=Path(sys.argv[1]), min_docs=1)
with unit_of_work(write=False) as db:
    ds.refresh(db)  # builds, then stores a snapshot in the background
ds.wait_for_snapshot(timeout=120)
print(ds.source, ds.revision)
"""


@pytest.mark.real_commits
def test_snapshots_written_by_several_processes_are_used_by_another(db_url, db, make_org, tmp_path):
    make_directory(make_org)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tmp_path)], env=env, stdout=subprocess.PIPE, text=True
        )
        for _ in range(3)
    ]
    outputs = [w.communicate(timeout=300)[0].split() for w in writers]
    assert all(w.returncode == 0 for w in writers)
    assert {source for source, _rev in outputs} <= {"built", "snapshot"}
    revisions = {int(rev) for _source, rev in outputs}
    assert len(revisions) == 1
    files = list(tmp_path.iterdir())
    assert [f.name for f in files] == [f"directory-{files[0].name.split('-')[1]}-r{revisions.pop():012d}.npz"]
    reader = fresh(tmp_path)
    reader.refresh(db)
    assert reader.source == "snapshot"
    assert answers(reader.index) == built_answers(db)
