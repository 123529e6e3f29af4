"""The pure search index: CJK bigrams, Latin prefixes, filters, ranking and incremental updates."""

from __future__ import annotations

import pytest

from kcbridge.directory.search_index import SearchDoc, SearchIndex, index_tokens, query_terms


def doc(
    id: int,
    name: str = "",
    body: str = "",
    *,
    org_type: str = "company",
    country: str = "KR",
    city: str = "Seoul",
    sectors: tuple[str, ...] = (),
    sort_key: float = 0.0,
) -> SearchDoc:
    return SearchDoc(id, name, body, org_type, country, city, sectors, sort_key)


@pytest.fixture
def index() -> SearchIndex:
    ix = SearchIndex()
    ix.rebuild(
        [
            doc(1, "로보터치", "휴머노이드 로봇손을 만드는 회사입니다", sectors=("robotics",), sort_key=1),
            doc(
                2,
                "深圳灵巧智能科技有限公司",
                "人形机器人灵巧手制造商",
                country="CN",
                city="Shenzhen",
                sort_key=2,
            ),
            doc(
                3,
                "Cloudy Ltd",
                "Managed cloud services for robotics startups",
                sectors=("cloud",),
                sort_key=3,
            ),
            doc(4, "Robotics Hub", "Incubator", org_type="incubator", city="Busan", sort_key=4),
        ]
    )
    return ix


def ids(ix: SearchIndex, query: str = "", **filters: object) -> list[int]:
    return ix.search(query, **filters).ids  # type: ignore[arg-type]


def test_korean_and_chinese_words_are_found_inside_longer_runs(index):
    assert ids(index, "로봇") == [1]  # "로봇손을" has no space before the particle
    assert ids(index, "机器人") == [2]
    assert ids(index, "灵巧手") == [2]
    assert ids(index, "봇") == [1]  # a single character is a term of its own
    assert ids(index, "로봇팔") == []  # every bigram must occur


def test_separate_cjk_words_in_a_query_must_each_occur_not_side_by_side(index):
    # "회사" is far from "로봇" in the text; a visitor typing two words means both, anywhere.
    assert ids(index, "로봇 회사") == [1]
    assert ids(index, "人形 制造商") == [2]
    assert ids(index, "로봇 없음") == []


def test_latin_words_match_by_prefix_case_and_width_insensitively(index):
    assert set(ids(index, "robot")) == {3, 4}
    assert set(ids(index, "ROBOTICS")) == {3, 4}
    assert ids(index, "ｃｌｏｕｄ") == [3]  # full-width letters typed with a CJK keyboard
    assert ids(index, "robot cloud") == [3]  # all terms must match
    assert ids(index, "obot") == []  # prefix, not substring


def test_name_matches_rank_before_text_matches_then_larger_sort_key(index):
    # Doc 4 has "robotics" in its name; doc 3 only in its text although its sort key is smaller.
    assert ids(index, "robotics") == [4, 3]
    # Without a query: newest (largest sort key) first.
    assert ids(index) == [4, 3, 2, 1]


def test_filters_combine_with_the_query(index):
    assert ids(index, country="CN") == [2]
    assert ids(index, org_type="incubator") == [4]
    assert ids(index, city="busan") == [4]  # city compares normalised
    assert ids(index, sectors=["robotics"]) == [1]
    assert set(ids(index, sectors=["robotics", "cloud"])) == {1, 3}  # any of the sectors
    assert ids(index, sectors=["biotech"]) == []  # a sector nobody has matches nothing
    assert ids(index, "robot", country="KR", org_type="company") == [3]
    assert ids(index, country="JP") == []


def test_paging_reports_the_total(index):
    first = index.search("", limit=3)
    second = index.search("", offset=3, limit=3)
    assert first.total == second.total == 4
    assert first.ids == [4, 3, 2] and second.ids == [1]


def test_upsert_replaces_a_document_and_remove_hides_it(index):
    index.upsert([doc(1, "Robotouch", "Robot hands", sort_key=10)])
    assert ids(index, "로봇") == []  # the old text no longer finds it
    assert ids(index, "robotouch") == [1]
    assert set(ids(index, "robo")) == {1, 3, 4}  # prefix lookups see the delta too
    index.upsert([doc(5, "새싹벤처", "로봇 청소기", sort_key=0)])
    assert ids(index, "로봇") == [5]
    assert len(index) == 5
    index.remove([5, 999])  # unknown ids are ignored
    assert ids(index, "로봇") == []
    assert len(index) == 4
    index.rebuild([doc(7, "Only one")])
    assert ids(index) == [7] and len(index) == 1


def test_a_delta_larger_than_the_threshold_asks_for_a_rebuild():
    ix = SearchIndex()
    ix.rebuild([doc(i, f"org {i}") for i in range(10)])
    assert not ix.needs_rebuild()
    ix.upsert([doc(100 + i, f"new {i}") for i in range(5001)])
    assert ix.needs_rebuild()


def test_tokens_and_terms():
    tokens = index_tokens("AI 로봇 Startup")
    assert {"ai", "startup", "\x02로봇", "\x01로", "\x01봇"} <= tokens
    assert query_terms("Startup 로봇") == [("\x02로봇", False), ("startup", True)]
    assert query_terms("  ...  ") == []


def test_an_empty_index_answers_nothing():
    assert SearchIndex().search("로봇").total == 0
    assert SearchIndex().search("").ids == []
