"""Fixtures of the news domain: a small directory, articles written for these tests (never third-party
text), and a helper that ingests them through the same runner as the CLI and the jobs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

KO_PACT = """경기도, 상하이서 알리바바 클라우드와 AI 업무협약 체결

상하이=김민수 기자 2025. 3. 12. 10:30

경기도는 11일 중국 상하이에서 알리바바 클라우드와 인공지능·클라우드 협력을 위한 업무협약을 체결했다고 밝혔다.
이날 협약식에는 경기도 AI 기업 6곳이 함께 참석해 알리바바 클라우드 기술팀과 간담회를 열었다.
넥스클라우드 박준영 대표는 "중국 시장 진출의 발판이 될 것"이라고 말했다.
"""

EN_PACT = """Gyeonggi signs AI and cloud pact with Alibaba Cloud in Shanghai

Gyeonggi Province signed a memorandum of understanding with Alibaba Cloud in Shanghai on March 11, 2025, to cooperate in artificial intelligence and cloud services.
Six AI firms from Gyeonggi joined the delegation. CEO Park Junyoung of NexCloud said the agreement would help Korean firms enter the Chinese market.
"""

ZH_FORUM = """中韩机器人创新论坛在北京举行

2025-04-09 10:00

2025年4月8日，中韩机器人创新论坛在北京举行。北京擎天人形机器人科技有限公司与罗博触控签署了合作备忘录，双方将在人形机器人灵巧手领域开展合作。
北京擎天人形机器人科技有限公司董事长王建国表示，希望与韩国企业加强交流。
"""

KO_STATS = """중국 R&D 인력 세계 1위

베이징=이하나 기자 2025. 5. 2. 09:00

중국의 R&D 인력은 324만7천명으로 세계 1위(2012년 기준)라고 과학기술정보통신부가 밝혔다.
과학기술정보통신부는 중국과의 연구개발 협력을 늘리겠다고 말했다.
"""


@pytest.fixture
def texts() -> SimpleNamespace:
    """The articles above, by name (test modules cannot import a conftest)."""
    return SimpleNamespace(KO_PACT=KO_PACT, EN_PACT=EN_PACT, ZH_FORUM=ZH_FORUM, KO_STATS=KO_STATS)


@pytest.fixture(autouse=True)
def _fresh_gazetteer() -> Iterator[None]:
    """Each test reads with a gazetteer of its own directory (ids restart with the emptied tables)."""
    from kcbridge.news import gazetteer, runner

    gazetteer.forget()
    yield
    gazetteer.forget()
    runner.fetcher = None


@pytest.fixture
def news_orgs(make_org: Callable[..., Any]) -> dict[str, Any]:
    """Gyeonggi, Alibaba Cloud, NexCloud and RoboTouch in the directory."""
    return {
        "gyeonggi": make_org(
            name_ko="경기도", name_zh="京畿道", name_en="Gyeonggi Province", org_type="government"
        ),
        "alibaba": make_org(
            name_ko="알리바바 클라우드",
            name_zh="阿里云",
            name_en="Alibaba Cloud",
            country="CN",
            sectors=["cloud"],
        ),
        "nexcloud": make_org(name_ko="㈜넥스클라우드", name_en="NexCloud Co., Ltd.", sectors=["cloud"]),
        "robotouch": make_org(name_ko="㈜로보터치", name_zh="罗博触控株式会社", name_en="RoboTouch Inc."),
    }


@pytest.fixture
def write_articles(tmp_path: Path) -> Callable[..., Path]:
    """Writes {file name: text} into a fresh folder and returns it."""
    counter = iter(range(1000))

    def write(files: dict[str, str | bytes]) -> Path:
        folder = tmp_path / f"batch{next(counter)}"
        folder.mkdir()
        for name, text in files.items():
            path = folder / name
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(text, encoding="utf-8")
        return folder

    return write


@pytest.fixture
def ingest(db_url: str, write_articles: Callable[..., Path]) -> Callable[..., Any]:
    """Ingests {file name: text} (or paths) as the command line does; returns (job id, counts)."""
    from kcbridge.kit.db import unit_of_work
    from kcbridge.news import runner
    from kcbridge.news.models import NewsIngestJob

    def run(files: dict[str, str | bytes] | list[str], user_id: int | None = None) -> tuple[int, Any]:
        sources = files if isinstance(files, list) else [str(write_articles(files))]
        with unit_of_work() as db:
            job = NewsIngestJob(kind="cli", created_by=user_id, sources=len(sources))
            db.add(job)
            db.flush()
            job_id = job.id
        return job_id, runner.run_job(job_id, sources)

    return run
