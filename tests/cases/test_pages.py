"""Pages of cases: filing with a document, the thread and the institution's actions, refusals shown on
the page without losing what was typed, the round-table form, statistics, and the officers' dashboard."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from kcbridge.cases.models import Case, CaseAttachment
from kcbridge.kit import i18n
from tests.support import login
from tests.support.client import TestClient

from .conftest import PDF, case_data


@pytest.fixture
def browse(app, world):
    """A logged-in client per role (cookies), with its page CSRF token."""
    opened = []

    def make(role: str, lang: str = "en") -> TestClient:
        c = TestClient(app)
        opened.append(c)
        login(c, world.users[role].email)
        c.get(f"/cases?lang={lang}")
        m = re.search(r'"X-CSRF-Token": "([^"]+)"', c.get("/cases").text)
        c.headers["X-CSRF-Token"] = m.group(1)
        return c

    yield make
    for c in opened:
        c.close()


def tr(message: str, locale: str) -> str:
    return i18n.translations(locale).gettext(message)


def form(org_id: int, **fields) -> dict[str, str]:
    return {k: str(v) for k, v in case_data(org_id, **fields).items()}


def test_a_firm_files_a_case_with_a_document_in_korean(db, browse, world):
    c = browse("member", "ko")
    page = c.get("/cases/new")
    assert tr("Report a difficulty", "ko") in page.text and "로보터치" in page.text
    r = c.post(
        "/cases/new",
        data=form(world.firm.id),
        files={"file": ("증빙.pdf", PDF, "application/pdf")},
        follow_redirects=False,
    )
    assert r.status_code == 303
    shown = c.get(r.headers["location"])
    assert (
        tr("Your case was filed and routed.", "ko") in shown.text
        and "증빙.pdf" in shown.text
        and "KIC China" in shown.text
    )


def test_a_file_that_is_no_document_refuses_the_whole_form_and_keeps_what_was_typed(db, browse, world):
    c = browse("member", "zh_Hans")
    before = db.scalar(select(func.count()).select_from(Case))
    r = c.post(
        "/cases/new",
        data=form(world.firm.id, subject="样品被扣留"),
        files={"file": ("setup.pdf", b"MZ\x90\x00 program", "application/pdf")},
    )
    assert r.status_code == 422
    assert (
        tr(
            "Only documents can be attached: PDF, Word, Excel, PowerPoint, HWP, OpenDocument or text files.",
            "zh_Hans",
        )
        in r.text
    )
    assert 'value="样品被扣留"' in r.text and "우리 로봇 손 브랜드" in r.text  # nothing typed is lost
    assert db.scalar(select(func.count()).select_from(Case)) == before  # and nothing half-filed
    assert db.scalar(select(func.count()).select_from(CaseAttachment)) == 0


def test_a_missing_field_is_marked_on_the_form(browse, world):
    r = browse("owner").post("/cases/new", data=form(world.firm.id, category="", description=""))
    assert r.status_code == 422 and r.text.count('class="field-error"') >= 2


def test_the_agent_accepts_asks_and_the_firm_answers_on_the_case_page(db, browse, world):
    case = world.cases["a"]
    agent, firm = browse("agent", "ko"), browse("member", "ko")
    page = agent.get(f"/cases/{case.id}").text
    assert tr("Accept the case", "ko") in page and tr("Pass on to another institution", "ko") in page
    assert (
        agent.post(
            f"/cases/{case.id}/status", data={"status": "in_progress"}, follow_redirects=False
        ).status_code
        == 303
    )
    agent.post(
        f"/cases/{case.id}/messages", data={"body": "상표 등록증 사본을 보내 주세요.", "question": "1"}
    )
    shown = firm.get(f"/cases/{case.id}").text
    assert "상표 등록증 사본을 보내 주세요." in shown and tr("Your answer", "ko") in shown
    assert tr("The clock is paused: the institution waits for the firm's answer.", "ko") in shown
    assert tr("Accept the case", "ko") not in shown  # the firm has no institution actions
    firm.post(f"/cases/{case.id}/messages", data={"body": "보냈습니다."})
    db.expire_all()
    assert db.get(Case, case.id).status == "in_progress"


def test_a_status_change_not_allowed_is_shown_on_the_page_with_the_typed_reason(browse, world):
    case = world.cases["a"]
    r = browse("agent", "zh_Hans").post(
        f"/cases/{case.id}/status", data={"status": "resolved", "reason": "已协调海关"}
    )
    assert r.status_code == 409
    assert (
        tr("A case cannot go from “{current}” to “{wanted}”.", "zh_Hans").format(
            current="已提交", wanted="已解决"
        )
        in r.text
    )


def test_a_reassignment_loop_is_refused_on_the_page(browse, world):
    case = world.cases["a"]
    r = browse("agent").post(
        f"/cases/{case.id}/reassign",
        data={"institution_id": str(world.elsewhere.id), "reason": "customs"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"].startswith("/cases?")
    back = browse("agent_elsewhere", "ko")
    page = back.get(f"/cases/{case.id}").text
    assert f'<option value="{world.institution.id}"' not in page  # not even offered
    r = back.post(
        f"/cases/{case.id}/reassign", data={"institution_id": str(world.institution.id), "reason": "되돌림"}
    )
    assert r.status_code == 409
    assert (
        tr(
            "{org} already passed this case on: it cannot be sent back there (only an administrator can).",
            "ko",
        ).format(org="KIC China")
        in r.text
    )


def test_the_round_table_form_records_every_row_or_none(db, browse, world):
    c = browse("officer", "ko")
    page = c.get(f"/cases/round-tables/{world.round_table.id}").text
    assert "로보터치" in page and 'name="subject-7"' in page
    rows = {"rows": "3"}
    good = case_data(world.firm.id, category="hiring_visas", subject="비자 지연")
    rows |= {f"{k}-0": str(v) for k, v in good.items()}
    rows |= {
        "organisation_id-1": str(world.other_firm.id),
        "subject-1": "缺少内容",
        "category-1": "payments",
        "sector-1": "robotics",
        "region-1": "KR-seoul",
        "lang-1": "zh",
    }
    before = db.scalar(select(func.count()).select_from(Case))
    r = c.post(f"/cases/round-tables/{world.round_table.id}", data=rows)
    assert (
        r.status_code == 422
        and tr("Please correct the rows marked below: nothing was recorded yet.", "ko") in r.text
    )
    assert 'value="비자 지연"' in r.text and 'value="缺少内容"' in r.text
    assert db.scalar(select(func.count()).select_from(Case)) == before
    rows["description-1"] = "汇款被冻结。"
    r = c.post(f"/cases/round-tables/{world.round_table.id}", data=rows, follow_redirects=False)
    assert r.status_code == 303 and "recorded=2" in r.headers["location"]
    assert db.scalar(select(func.count()).select_from(Case)) == before + 2
    more = c.post(
        f"/cases/round-tables/{world.round_table.id}", data={"rows": "2", "subject-0": "keep me", "more": "1"}
    )
    assert more.status_code == 200 and 'value="keep me"' in more.text and 'name="subject-9"' in more.text


def test_the_firm_sees_and_confirms_a_case_recorded_for_it(db, browse, world):
    from kcbridge.cases.roundtable import round_table_service
    from kcbridge.cases.schemas import RoundTableRow

    [case] = round_table_service.record(
        db,
        user=world.users["officer"],
        event_id=world.round_table.id,
        rows=[RoundTableRow.model_validate(case_data(world.firm.id))],
    )
    db.commit()
    c = browse("owner", "ko")
    assert tr("To confirm", "ko") in c.get("/cases").text
    assert tr("Check and confirm", "ko") in c.get(f"/cases/{case.id}").text
    data = form(world.firm.id, subject="정정한 제목") | {"confirm": "1"}
    assert c.post(f"/cases/{case.id}/edit", data=data, follow_redirects=False).status_code == 303
    db.expire_all()
    fixed = db.get(Case, case.id)
    assert fixed.confirmed_at is not None and fixed.subject == "정정한 제목"


def test_statistics_page_has_a_chart_and_withholds_small_counts(browse, world):
    page = browse("analyst", "zh_Hans").get("/cases/stats?by=category").text
    assert (
        tr("Statistics of cases", "zh_Hans") in page
        and 'id="case-chart"' in page
        and "/static/echarts.min.js" in page
    )
    assert "<td>—</td>" in page  # two IP cases: withheld
    assert "상하이에서" not in page and "RoboTouch" not in page and "로보터치" not in page


def test_officers_and_analysts_have_a_dashboard_of_their_own(db, browse, world):
    from kcbridge.cases.sharing import share_service

    share_service.share(
        db, user=world.users["owner"], case_id=world.cases["a"].id, email=world.users["officer"].email
    )
    db.commit()
    officer = browse("officer", "ko").get("/dashboard").text
    assert tr("Voice of business", "ko") in officer and tr("Cases shared with you", "ko") in officer
    assert "상하이에서 상표가 선점되었습니다" in officer  # shared by name
    analyst = browse("analyst", "en").get("/dashboard").text
    assert "Voice of business" in analyst and "상하이에서" not in analyst
    assert "Voice of business" not in browse("owner").get("/dashboard").text
    assert 'href="/cases"' in officer  # "Cases" in the navigation
