"""The news domain over a real database: linking to the directory, stories across outlets and languages,
events with their mentions, candidates turned into entries or aliases, the timeline, trends, indicators."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from kcbridge.accounts.models import Role
from kcbridge.kit.errors import Conflict, Forbidden, Invalid, Unauthorized


def _articles(db):
    from kcbridge.news.models import NewsArticle

    return {a.language: a for a in db.scalars(select(NewsArticle).order_by(NewsArticle.id))}


def test_one_pact_told_in_korean_and_english_is_one_story_with_one_event(texts, db, news_orgs, ingest):
    from kcbridge.news import repository as repo
    from kcbridge.news.models import NewsEvent

    _job, counts = ingest({"ko.txt": texts.KO_PACT, "en.txt": texts.EN_PACT})
    assert counts.added == 2
    arts = _articles(db)
    ko, en = arts["ko"], arts["en"]
    assert ko.story_id == en.story_id is not None
    events = repo.story_events(db, ko.story_id)
    pact = [e for e in events if e.event_type == "agreement"]
    assert len(pact) == 1 and str(pact[0].day) == "2025-03-11"
    assert {m.article_id for m in pact[0].mentions} == {ko.id, en.id}  # GDELT-style mentions
    assert {p.organisation_id for p in pact[0].participants} >= {
        news_orgs["gyeonggi"].id,
        news_orgs["alibaba"].id,
    }
    assert pact[0].city == "shanghai"
    assert db.scalar(select(NewsEvent.id).where(NewsEvent.story_id != ko.story_id)) is None


def test_entities_are_linked_with_offsets_for_highlighting(texts, db, news_orgs, ingest, make_user):
    from kcbridge.news import repository as repo

    ingest({"ko.txt": texts.KO_PACT})
    ko = repo.article(db, _articles(db)["ko"].id, make_user())
    orgs = {e.name: e for e in ko.entities if e.kind == "org"}
    assert orgs["알리바바 클라우드"].organisation_id == news_orgs["alibaba"].id
    assert orgs["넥스클라우드"].organisation_id == news_orgs["nexcloud"].id  # "㈜" and "Co., Ltd." dropped
    for e in ko.entities:
        for s, t in e.spans:
            assert ko.body[s:t] in [e.name, *e.aliases]
    person = next(e for e in ko.entities if e.kind == "person" and e.name == "박준영")
    assert person.role == "대표" and person.affiliation == "넥스클라우드"
    assert "cloud" in ko.sectors and "ai" in ko.sectors
    assert ko.published.utcoffset() == timedelta(hours=9)  # the source's own zone
    assert ko.published_at.isoformat() == "2025-03-12T01:30:00+00:00"


def test_exact_duplicates_are_skipped_in_a_later_batch(texts, db, news_orgs, ingest):
    ingest({"ko.txt": texts.KO_PACT})
    _job, counts = ingest({"again.txt": texts.KO_PACT})
    assert counts.added == 0 and counts.duplicates == 1
    assert len(_articles(db)) == 1


def test_candidate_becomes_a_directory_entry_and_the_next_article_links_it(
    texts, db, news_orgs, ingest, make_user
):
    from kcbridge.news import repository as repo
    from kcbridge.news.curation import curation_service
    from kcbridge.news.models import NewsEntity
    from kcbridge.news.schemas import CandidateEntryIn

    ingest({"zh.txt": texts.ZH_FORUM})
    qingtian = next(c for c in repo.candidates(db) if "擎天人形机器人" in c.name)
    assert qingtian.country == "CN" and qingtian.mentions == 1
    admin, analyst = make_user(role=Role.ADMIN), make_user(role=Role.ANALYST)
    with pytest.raises(Forbidden):
        curation_service.create_entry(
            db,
            user=analyst,
            candidate_id=qingtian.id,
            data=CandidateEntryIn(org_type="company", country="CN"),
        )
    org = curation_service.create_entry(
        db, user=admin, candidate_id=qingtian.id, data=CandidateEntryIn(org_type="company", country="CN")
    )
    db.commit()
    assert org.name_zh == qingtian.name
    linked = db.scalars(select(NewsEntity).where(NewsEntity.organisation_id == org.id)).all()
    assert linked and all(e.candidate_id is None for e in linked)
    with pytest.raises(Conflict):  # one click only
        curation_service.dismiss(db, user=admin, candidate_id=qingtian.id)
    ingest({"zh2.txt": texts.ZH_FORUM.replace("2025年4月8日", "2025年6月2日").replace("论坛", "展览会")})
    newest = max(_articles_all(db), key=lambda a: a.id)
    assert org.id in {e.organisation_id for e in repo.article(db, newest.id, admin).entities}


def _articles_all(db):
    from kcbridge.news.models import NewsArticle

    return list(db.scalars(select(NewsArticle)))


def test_candidate_made_an_alias_feeds_the_gazetteer(db, make_org, ingest, make_user):
    from kcbridge.news import repository as repo
    from kcbridge.news.curation import curation_service
    from kcbridge.news.schemas import CandidateAliasIn

    hanbit = make_org(name_en="Hanbit Robotics", sectors=["robotics"])
    text = "한빛로보틱스, 베이징서 로봇 포럼\n\n베이징=홍길동 기자 2025. 2. 4. 11:18\n\n한빛로보틱스는 3일 베이징에서 한중 로봇 협력 포럼을 열었다고 밝혔다. 이날 포럼에는 양국 기업 20여 곳이 참석했다."
    ingest({"a.txt": text})
    cand = next(c for c in repo.candidates(db) if c.name == "한빛로보틱스")
    admin = make_user(role=Role.ADMIN)
    curation_service.make_alias(
        db, user=admin, candidate_id=cand.id, data=CandidateAliasIn(organisation_id=hanbit.id)
    )
    db.commit()
    assert [a.alias for a in repo.aliases_of(db, hanbit.id)] == ["한빛로보틱스"]
    ingest({"b.txt": text.replace("3일", "4일").replace("포럼을", "간담회를").replace("20여", "30여")})
    newest = max(_articles_all(db), key=lambda a: a.id)
    linked = {
        e.name: e.organisation_id for e in repo.article(db, newest.id, admin).entities if e.kind == "org"
    }
    assert linked["한빛로보틱스"] == hanbit.id
    assert all(c.name != "한빛로보틱스" for c in repo.candidates(db))


def test_timeline_of_an_organisation(texts, db, news_orgs, ingest, make_user):
    from kcbridge.news.service import news_service

    ingest({"ko.txt": texts.KO_PACT, "en.txt": texts.EN_PACT, "zh.txt": texts.ZH_FORUM})
    reader = make_user()
    items = news_service.timeline(db, user=reader, org_id=news_orgs["alibaba"].id)
    events = [i.event for i in items if i.event]
    assert events and events[0].event_type == "agreement" and len(events[0].mentions) == 2
    assert news_service.timeline(db, user=reader, org_id=news_orgs["robotouch"].id)  # named in Chinese
    with pytest.raises(Unauthorized):
        news_service.timeline(db, user=None, org_id=news_orgs["alibaba"].id)


def test_trends_count_sectors_per_month_top_organisations_and_cities(texts, db, news_orgs, ingest, make_user):
    from kcbridge.news.trends import trends

    ingest({"ko.txt": texts.KO_PACT, "en.txt": texts.EN_PACT, "zh.txt": texts.ZH_FORUM})
    t = trends(db, user=make_user(), lang="ko", months=3)
    assert t.months == ["2025-02", "2025-03", "2025-04"]
    cloud = next(s for s in t.sectors if s.sector == "cloud")
    assert cloud.label == "클라우드" and cloud.counts[1] == 1  # the English one has no date
    assert t.top_organisations[0].id in {news_orgs["gyeonggi"].id, news_orgs["alibaba"].id}
    cities = {c.city: c for c in t.cities}
    assert cities["shanghai"].label == "상하이" and cities["shanghai"].by_type["agreement"] == 1
    assert "beijing" in cities


CSV = "indicator,country,year,value,unit,source\nrd_personnel,KR,2012,401724,persons,test\nrd_personnel,CN,2012,3247000,persons,test\n"


def test_indicators_import_is_all_or_nothing_with_line_numbers(db, make_user):
    from kcbridge.news.indicators import indicator_service

    analyst = make_user(role=Role.ANALYST)
    assert indicator_service.import_csv(db, user=analyst, data=CSV.encode()) == 2
    bad = CSV + "patents,JP,20x1,abc\n"
    with pytest.raises(Invalid) as exc:
        indicator_service.import_csv(db, user=analyst, data=bad.encode())
    locs = {tuple(loc) for loc, _msg in exc.value.fields}
    assert {("body", "file", 4, "country"), ("body", "file", 4, "year"), ("body", "file", 4, "value")} <= locs
    with pytest.raises(Forbidden):
        indicator_service.import_csv(db, user=make_user(role=Role.GOVERNMENT_OFFICER), data=CSV.encode())
    series = {s.indicator: s for s in indicator_service.series(db, user=analyst)}
    assert {(v.country, v.year, v.value) for v in series["rd_personnel"].values} == {
        ("KR", 2012, 401724),
        ("CN", 2012, 3247000),
    }


def test_a_figure_of_an_article_is_accepted_into_its_series(texts, db, ingest, make_user):
    from kcbridge.news import repository as repo
    from kcbridge.news.indicators import indicator_service
    from kcbridge.news.schemas import AcceptStatisticIn

    ingest({"stats.txt": texts.KO_STATS})
    analyst = make_user(role=Role.ANALYST)
    figure = next(s for s in repo.open_statistics(db, analyst) if s.value == 3247000)
    assert figure.suggested == "rd_personnel" and figure.year == 2012 and figure.country == "CN"
    row = indicator_service.accept(
        db,
        user=analyst,
        statistic_id=figure.id,
        data=AcceptStatisticIn(indicator="rd_personnel", country="CN", year=2012),
    )
    assert row.value == 3247000 and row.source == f"article {figure.article_id}"
    with pytest.raises(Conflict):
        indicator_service.accept(
            db,
            user=analyst,
            statistic_id=figure.id,
            data=AcceptStatisticIn(indicator="rd_personnel", country="CN", year=2012),
        )


def test_only_analysts_and_admins_ingest(db, make_user):
    from kcbridge.news.service import news_service

    for role in (Role.USER, Role.SUPPORT_AGENT, Role.GOVERNMENT_OFFICER):
        with pytest.raises(Forbidden):
            news_service.upload(db, user=make_user(role=role), files=[("a.txt", b"x")])
    with pytest.raises(Unauthorized):
        news_service.upload(db, user=None, files=[("a.txt", b"x")])
    with pytest.raises(Invalid) as exc:
        news_service.upload(db, user=make_user(role=Role.ANALYST), files=[])
    assert exc.value.fields[0][0] == ("body", "files")
