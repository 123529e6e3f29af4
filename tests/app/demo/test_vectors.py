"""The demo's vectors, embedded in the background while later steps run, are the vectors `embed` stores
without it; a text changed in between is embedded as it reads at the vector step."""

from __future__ import annotations

import numpy as np
from sqlalchemy import select

from kcbridge.app.demo import directory, vectors
from kcbridge.directory.models import Organisation
from kcbridge.matching.engine import embedding_text, encode_parts
from kcbridge.matchmaking import documents as docs
from kcbridge.matchmaking import repository as repo
from kcbridge.matchmaking.embedding import embedder


def _stored(db, org: Organisation) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    row = repo.embedding(db, docs.ORG, org.id, embedder().name)
    assert row is not None
    return tuple(np.frombuffer(v, dtype=np.float32) for v in (row.vector, row.offer_vector, row.seek_vector))


def test_background_vectors_equal_vectors_embedded_at_the_step(db):
    directory.load_demo(db)
    vectors.warm(db)
    vectors.start(db)  # from here the texts are embedded in another process
    orgs = list(db.scalars(select(Organisation).order_by(Organisation.id).limit(40)))
    changed = orgs[0]
    changed.texts[0].description = "바뀐 설명: 수소 연료전지 스택을 공급합니다. 寻求中国商用车合作伙伴。"
    db.flush()
    assert vectors.organisations(db).startswith(f"{len(db.scalars(select(Organisation.id)).all())} organ")
    for org in orgs:
        expected = encode_parts(embedder(), [embedding_text(docs.org_doc(org))])
        for stored, fresh in zip(_stored(db, org), expected, strict=True):
            np.testing.assert_allclose(stored, fresh[0], atol=1e-6)
    db.info.pop(vectors.AHEAD, None)


def test_vector_steps_work_without_the_background_steps(db):
    directory.load_demo(db)
    assert vectors.AHEAD not in db.info
    summary = vectors.organisations(db)
    org = db.scalars(select(Organisation).order_by(Organisation.id)).first()
    assert summary.endswith("organisations embedded") and _stored(db, org)[0].any()


def test_vectors_are_embedded_here_when_the_background_process_dies(db):
    directory.load_demo(db)
    vectors.warm(db)
    ahead = db.info[vectors.AHEAD]
    for process in list(ahead._pool._processes.values()):  # the embedding process, killed
        process.kill()
        process.join()
    vectors.start(db)
    org = db.scalars(select(Organisation).order_by(Organisation.id)).first()
    assert vectors.organisations(db).endswith("organisations embedded")
    assert ahead._failed
    expected = encode_parts(embedder(), [embedding_text(docs.org_doc(org))])
    for stored, fresh in zip(_stored(db, org), expected, strict=True):
        np.testing.assert_allclose(stored, fresh[0], atol=1e-6)
    db.info.pop(vectors.AHEAD).close()
