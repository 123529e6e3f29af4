"""The news pages as a reader sees them, in Korean, Chinese and English: the list, an article with its
entities highlighted and linked, a story side by side, trends and indicators, the profile's timeline."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select
from tests.support import login

from kcbridge.accounts.models import Role
from kcbridge.kit import i18n


def tr(msg: str, locale: str) -> str:
    return i18n.translations(locale).gettext(msg)


@pytest.fixture
def stored(db, news_orgs, ingest, texts):
    from kcbridge.news.models import NewsArticle

    ingest(
        {"ko.txt": texts.KO_PACT, "en.txt": texts.EN_PACT, "zh.txt": texts.ZH_FORUM, "s.txt": texts.KO_STATS}
    )
    return {
        a.language + str(i): a for i, a in enumerate(db.scalars(select(NewsArticle).order_by(NewsArticle.id)))
    }


def _ko(stored):
    return next(a for a in stored.values() if a.title.startswith("경기도"))


@pytest.mark.parametrize("locale", ["ko", "zh_Hans", "en"])
def test_article_page_highlights_and_links_entities(client, make_user, stored, news_orgs, locale):
    login(client, make_user().email)
    a = _ko(stored)
    html = client.get(f"/news/articles/{a.id}?lang={locale}").text
    alibaba = news_orgs["alibaba"].id
    assert re.search(
        rf'<a class="ent ent-org" href="/organisations/{alibaba}"[^>]*>알리바바 클라우드</a>', html
    )
    assert '<span class="ent ent-person"' in html and ">박준영</span>" in html
    assert tr("Organisation in the directory", locale) in html
    assert tr("All sources side by side", locale) in html
    assert tr("Agreement or MOU", locale) in html
    assert "2025-03-12 10:30 (UTC+09:00)" in html  # as published, in the source's zone


def test_a_candidate_in_an_article_links_to_its_page(client, make_user, stored):
    from kcbridge.news.models import NewsEntity

    login(client, make_user().email)
    zh = next(a for a in stored.values() if a.language == "zh")
    html = client.get(f"/news/articles/{zh.id}").text
    m = re.search(r'<a class="ent ent-cand" href="/news/candidates/(\d+)"', html)
    assert m
    page = client.get(f"/news/candidates/{m.group(1)}")
    assert page.status_code == 200 and "擎天人形机器人" in page.text
    assert 'action="/news/candidates/' not in page.text  # only administrators act on it
    assert NewsEntity  # imported for clarity of what is linked


def test_story_page_shows_all_sources_side_by_side(client, make_user, stored):
    login(client, make_user().email)
    a = _ko(stored)
    html = client.get(f"/news/stories/{a.story_id}?lang=zh_Hans").text
    assert html.count('<article lang="') == 2
    assert 'lang="ko"' in html and 'lang="en"' in html
    assert tr("Events of this story", "zh_Hans") in html
    assert tr("Agreement or MOU", "zh_Hans") in html


def test_news_list_filters(client, make_user, stored, news_orgs):
    login(client, make_user().email)
    all_ = client.get("/news?lang=en").text
    assert "4 articles" in all_
    only_zh = client.get("/news?language=zh").text
    assert "中韩机器人创新论坛" in only_zh and "경기도" not in only_zh
    by_org = client.get(f"/news?org={news_orgs['alibaba'].id}").text
    assert "2 articles" in by_org
    cloud = client.get("/news?sector=cloud&date_from=2025-03-01&date_to=2025-03-31").text
    assert "1 article" in cloud
    odd = client.get("/news?sector=nonsense&date_from=yesterday&language=fr")
    assert odd.status_code == 200 and "4 articles" in odd.text  # unknown filter values are ignored


@pytest.mark.parametrize("locale", ["ko", "zh_Hans", "en"])
def test_trends_and_indicators_pages(client, make_user, stored, locale):
    login(client, make_user(role=Role.ANALYST).email)
    trends = client.get(f"/news/trends?lang={locale}&months=12").text
    assert tr("Articles by sector and month", locale) in trends
    assert 'id="chart-sectors"' in trends and 'id="chart-map"' in trends
    assert "/static/echarts.min.js" in trends
    ind = client.get(f"/news/indicators?lang={locale}").text
    assert tr("Korea and China compared", locale) in ind
    assert tr("Figures found in the news", locale) in ind  # the analyst accepts figures here
    assert 'action="/news/statistics/' in ind


def test_indicator_csv_errors_are_listed_and_nothing_is_imported(client, db, make_user):
    from kcbridge.news.models import NewsIndicatorValue

    login(client, make_user(role=Role.ANALYST).email)
    page = client.get("/news/indicators?lang=ko")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    csv = b"indicator,country,year,value\npatents,KR,2020,226759\npatents,XX,20a0,1\n"
    r = client.post("/news/indicators/import", data={"csrf_token": token}, files={"file": ("i.csv", csv)})
    assert r.status_code == 422
    assert tr("line {n}", "ko").format(n=3) in r.text
    assert db.scalar(select(NewsIndicatorValue.id)) is None
    good = client.post(
        "/news/indicators/import",
        data={"csrf_token": token},
        files={"file": ("i.csv", csv.split(b"\npatents,XX")[0])},
        follow_redirects=False,
    )
    assert good.status_code == 303
    assert "226,759" in client.get("/news/indicators").text


@pytest.mark.parametrize("locale", ["ko", "zh_Hans"])
def test_indicator_values_read_in_full_and_the_demos_source_in_the_readers_language(
    client, db, make_user, locale
):
    from kcbridge.news import vocab
    from kcbridge.news.models import NewsIndicatorValue

    demo, imported = sorted(vocab.SOURCES)[0], "Statistics Korea (KOSIS)"
    db.add(
        NewsIndicatorValue(
            indicator="it_exports", country="CN", year=2022, value=1.18e12, unit="USD", source=demo
        )
    )
    db.add(
        NewsIndicatorValue(
            indicator="patents", country="KR", year=2022, value=237000, unit="applications", source=imported
        )
    )
    db.commit()
    login(client, make_user(role=Role.ANALYST).email)
    page = client.get(f"/news/indicators?lang={locale}").text
    assert "1,180,000,000,000" in page and "e+12" not in page
    assert f"<td>{tr(demo, locale)}</td>" in page  # kcbridge's own words are translated
    assert f"<td>{demo}</td>" not in page
    assert f"<td>{imported}</td>" in page  # an imported source is shown as it was written


def test_organisation_profile_loads_the_news_timeline(client, make_user, stored, news_orgs):
    login(client, make_user().email)
    org = news_orgs["alibaba"]
    profile = client.get(f"/organisations/{org.id}?lang=ko").text
    assert f'hx-get="/news/organisations/{org.id}/timeline"' in profile
    box = client.get(f"/news/organisations/{org.id}/timeline?lang=ko").text
    assert tr("In the news", "ko") in box
    assert tr("Agreement or MOU", "ko") in box
    assert "/news/stories/" in box


def test_anonymous_visitors_see_no_timeline_box(client, news_orgs):
    org = news_orgs["alibaba"]
    assert "/timeline" not in client.get(f"/organisations/{org.id}").text


def test_news_link_in_the_navigation_for_analysts_officers_and_admins(client, make_user):
    for role, shown in (
        (Role.ANALYST, True),
        (Role.GOVERNMENT_OFFICER, True),
        (Role.ADMIN, True),
        (Role.USER, False),
    ):
        client.cookies.clear()
        login(client, make_user(role=role).email)
        assert ('href="/news"' in client.get("/?lang=en").text) is shown, role


def test_candidate_made_an_entry_with_one_click(client, db, make_user, stored):
    from kcbridge.news import repository as repo

    cand = next(c for c in repo.candidates(db) if "擎天" in c.name)
    login(client, make_user(role=Role.ADMIN).email)
    page = client.get(f"/news/candidates/{cand.id}?lang=zh_Hans")
    assert tr("Create directory entry", "zh_Hans") in page.text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    form = {"csrf_token": token, "org_type": "company", "country": "CN", "name_zh": cand.name}
    r = client.post(f"/news/candidates/{cand.id}/create", data=form, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/organisations/")
    bad = client.post(f"/news/candidates/{cand.id}/create", data=form)
    assert bad.status_code == 409  # already handled


def test_a_candidate_becomes_an_alias_of_an_organisation_found_by_name(
    client, db, make_user, make_org, stored
):
    from kcbridge.news import repository as repo

    cand = next(c for c in repo.candidates(db) if "擎天" in c.name)
    target = make_org(
        name_ko="칭톈 로보틱스", name_zh="擎天机器人集团", name_en="Qingtian Robotics Group", country="CN"
    )
    db.commit()
    login(client, make_user(role=Role.ADMIN).email)
    page = client.get(f"/news/candidates/{cand.id}", params={"org_q": "Qingtian Robotics", "lang": "ko"}).text
    assert f'name="organisation_id" value="{target.id}"' in page and "칭톈 로보틱스" in page
    assert 'type="number"' not in page  # nobody types a directory number
    nothing = client.get(f"/news/candidates/{cand.id}", params={"org_q": "zzqqxx", "lang": "ko"}).text
    assert tr("No organisation of the directory matches.", "ko") in nothing
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    r = client.post(
        f"/news/candidates/{cand.id}/alias",
        data={"csrf_token": token, "organisation_id": str(target.id)},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == f"/organisations/{target.id}"


def test_candidate_form_errors_name_the_field(client, db, make_user, stored):
    from kcbridge.news import repository as repo

    cand = next(c for c in repo.candidates(db) if "擎天" in c.name)
    login(client, make_user(role=Role.ADMIN).email)
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/news/candidates").text).group(1)
    r = client.post(
        f"/news/candidates/{cand.id}/create?lang=en",
        data={"csrf_token": token, "org_type": "spaceship", "country": "CN"},
    )
    assert r.status_code == 422 and 'class="field-error"' in r.text and "spaceship" in r.text
    r = client.post(
        f"/news/candidates/{cand.id}/alias", data={"csrf_token": token, "organisation_id": "987654"}
    )
    assert r.status_code == 422 and "field-error" in r.text


@pytest.mark.parametrize("locale", ["ko", "zh_Hans", "en"])
def test_an_events_place_reads_in_the_readers_language(client, db, make_user, stored, locale):
    """The place as the article wrote it (베이징, 北京 or Beijing) is shown as the reader writes the city."""
    from kcbridge.news import places
    from kcbridge.news.models import NewsEvent

    event = db.scalar(select(NewsEvent).where(NewsEvent.city.is_not(None)).order_by(NewsEvent.id))
    assert event is not None, "the test articles should name a city"
    city = places.BY_KEY[event.city]
    others = {city.label(lang) for lang in ("ko", "zh", "en")} - {city.label(locale[:2])}
    login(client, make_user().email)
    page = client.get(f"/news/stories/{event.story_id}?lang={locale}").text
    assert f"· {city.label(locale[:2])}" in page
    assert not any(f"· {other}" in page for other in others), others
