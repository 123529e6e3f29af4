"""The match index's fast paths give the same answers as the plain ones: reason codes read only for the
results returned, a small index's request and offer vectors kept in float32, views for whole-index scoring."""

from __future__ import annotations

import numpy as np
import pytest

from kcbridge.matching import index as index_module
from kcbridge.matching.embedder import HashEmbedder
from kcbridge.matching.engine import MatchDoc, Matcher, MatchQuery

DOCS = (
    MatchDoc(
        "buyer", "Water utility that needs to buy efficient centrifugal pumps.", "en", (), "company", "CN"
    ),
    MatchDoc("rival", "Centrifugal pump maker seeking customers in Korea.", "en", (), "company", "CN"),
    MatchDoc(
        "dealer",
        "Distributor of pumps and valves, looking for foreign pump brands.",
        "en",
        (),
        "company",
        "CN",
    ),
    MatchDoc("fund", "Early-stage fund investing in industrial equipment.", "en", (), "investor", "CN"),
    MatchDoc(
        "zone",
        "Industrial park offering factories and one-stop landing services.",
        "en",
        (),
        "government_zone",
        "CN",
    ),
    MatchDoc("lab", "University laboratory researching fluid machinery.", "en", (), "university", "CN"),
)


def test_search_gives_the_full_scorings_reason_codes_for_the_results_it_returns() -> None:
    matcher = Matcher(HashEmbedder())
    matcher.add(DOCS)
    query = MatchQuery("We make centrifugal pumps and seek distributors and investors.", country="KR")
    full, seek, offer = (matcher.embedder.encode([query.text])[0] for _ in range(3))
    results = matcher.index.search(query, full, seek, offer_vector=offer, top=3)
    scored = matcher.index.score(query, full, seek, offer_vector=offer, top=3)
    assert scored is not None
    rows, _score, _parts, _comp, _sims, reasons = scored
    by_id = dict(zip(matcher.index.ids_of(rows), reasons, strict=True))
    assert len(results) == 3 and len(by_id) == len(DOCS)
    for r in results:
        assert [code for code, *_ in r.explanation.reasons] == by_id[r.id]
    assert any(codes != ["similar_text"] for codes in by_id.values())  # the roles were read


@pytest.fixture
def query_vectors() -> tuple[MatchQuery, np.ndarray, np.ndarray, np.ndarray]:
    query = MatchQuery("We make centrifugal pumps and seek distributors and investors.", country="KR")
    model = HashEmbedder()
    full, offer, seek = model.encode(
        [query.text, "We make centrifugal pumps", "seek distributors and investors"]
    )
    return query, full, seek, offer


def test_small_and_large_indexes_store_the_same_half_precision_values(monkeypatch, query_vectors) -> None:
    query, full, seek, offer = query_vectors
    small = Matcher(HashEmbedder())
    small.add(DOCS)
    monkeypatch.setattr(index_module, "HALF_FROM", 0)  # as an index past the threshold stores them
    large = Matcher(HashEmbedder())
    large.add(DOCS)
    assert small.index._seek.dtype == np.float32 and large.index._seek.dtype == np.float16
    a = small.index.search(query, full, seek, offer_vector=offer, top=len(DOCS))
    b = large.index.search(query, full, seek, offer_vector=offer, top=len(DOCS))
    assert [(r.id, r.score, r.parts) for r in a] == [(r.id, r.score, r.parts) for r in b]


def test_only_rows_zero_to_n_in_order_become_a_slice() -> None:
    assert index_module._as_slice(np.arange(5)) == slice(0, 5)
    for rows in ([1, 2, 3], [0, 2, 1, 3], [0, 2, 3], [3, 1, 2, 0]):
        assert isinstance(index_module._as_slice(np.array(rows)), np.ndarray)
