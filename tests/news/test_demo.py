"""The demo's news: its own articles in three languages about the demo's organisations (some stories told
by two or three outlets), the shared real articles read from ../shared when present, indicator values."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select


def test_demo_news_loads_fast_and_links_the_demo_directory(db):
    from kcbridge.app.demo import directory
    from kcbridge.app.demo import news as demo_news
    from kcbridge.news.models import NewsArticle, NewsEntity, NewsIndicatorValue

    directory.load_demo(db)
    summary = demo_news.load_demo(db)
    db.commit()
    langs = dict(db.execute(select(NewsArticle.language, func.count()).group_by(NewsArticle.language)).all())
    own = db.scalar(
        select(func.count()).select_from(NewsArticle).where(NewsArticle.source.not_like("%shared/corpus%"))
    )
    assert own >= 60 and set(langs) == {"ko", "zh", "en"}
    per_story = db.execute(select(NewsArticle.story_id, func.count()).group_by(NewsArticle.story_id)).all()
    assert sum(1 for _s, n in per_story if n >= 2) >= 15  # stories told by several outlets
    linked = db.scalar(
        select(func.count(NewsEntity.organisation_id.distinct())).where(
            NewsEntity.organisation_id.is_not(None)
        )
    )
    assert linked >= 30
    assert db.scalar(select(func.count()).select_from(NewsIndicatorValue)) == 30
    rate = int(summary.split("(")[1].split(" per second")[0])
    assert rate >= 20, summary
    if demo_news.CORPUS.is_dir():
        assert (
            db.scalar(
                select(func.count())
                .select_from(NewsArticle)
                .where(NewsArticle.source.like("%shared/corpus%"))
            )
            == 3
        )
    assert demo_news.load_demo(db).startswith("demo news not loaded")


def test_the_shared_real_articles_are_not_copied_into_the_repository():
    from kcbridge.app.demo import news as demo_news

    if not demo_news.CORPUS.is_dir():
        return
    ours = "\n".join(p.read_text("utf-8") for p in (demo_news.DATA).rglob("*") if p.is_file())
    for article in sorted(Path(demo_news.CORPUS).glob("*.txt")):
        lines = [ln.strip() for ln in article.read_text("utf-8").splitlines() if len(ln.strip()) > 40]
        assert lines and not any(ln in ours for ln in lines[:10]), article.name
