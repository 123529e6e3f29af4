"""The agreements pages: list and timeline, public and parties' views, forms that keep what was typed
and say what is wrong, the party's commitments, the officer's portfolio and dashboard."""

from __future__ import annotations

import re

from tests.support import csrf_of, login
from tests.support.client import TestClient


def test_the_list_shows_public_agreements_and_a_timeline(client: TestClient, world):
    html = client.get("/agreements").text
    assert "경기도-상하이 우호협력 MOU" not in html  # English visitor: the English title shows
    assert "Friendship MOU" in html and "Confidential investment LOI" not in html
    html = client.get("/agreements?view=timeline&lang=ko").text
    assert "2025" in html and "경기도-상하이 우호협력 MOU" in html
    assert "Confidential" not in client.get("/agreements?view=timeline").text
    assert "Friendship MOU" not in client.get("/agreements?kind=contract").text


def test_the_place_of_signing_reads_in_the_visitors_language(client: TestClient, world):
    """Stored as typed (Shanghai); shown as the gazetteer writes it in Korean and Chinese."""
    for lang, city in (("ko", "상하이"), ("zh", "上海"), ("en", "Shanghai")):
        for path in ("/agreements", "/agreements?view=timeline", f"/agreements/{world.public.id}"):
            html = client.get(f"{path}{'&' if '?' in path else '?'}lang={lang}").text
            assert city in html, (lang, path)
            if lang != "en":
                assert not re.search(r"[·,>] *Shanghai\b", html), (lang, path)


def test_the_public_view_has_no_forms_and_the_parties_view_has(client: TestClient, world):
    public = client.get(f"/agreements/{world.public.id}").text
    assert "Signer 0" in public and "Gyeonggi firms at Shanghai" in public
    assert "/commitments/new" not in public and 'action="/agreements/' not in public
    login(client, world.users["member"].email)
    mine = client.get(f"/agreements/{world.public.id}").text
    assert f"/agreements/{world.public.id}/commitments/new" in mine and "Attach the signed text" in mine


def test_recording_an_agreement_by_party_names(client: TestClient, world):
    login(client, world.users["member"].email)
    form = {
        "csrf_token": csrf_of(client, "/agreements/new"),
        "kind": "friendship",
        "visibility": "public",
        "title_zh": "京畿道—上海市友好交流协议",
        "signed_on": "2025-09-25",
        "party_rows": "3",
        "party_0": "경기도",
        "party_0_signatory": "김동연",
        "party_0_title": "경기도지사",
        "party_1": "Atlantis City",
        "party_2": "",
        "fields": ["tourism", "youth"],
        "news": "https://news.example/a Gyeonggi and Shanghai sign",
    }
    r = client.post("/agreements/new", data=form)
    assert r.status_code == 422
    assert "No organisation of the directory is called “Atlantis City”." in r.text
    assert "京畿道—上海市友好交流协议" in r.text and 'value="김동연"' in r.text  # nothing typed is lost
    r = client.post("/agreements/new", data={**form, "party_1": ""})
    assert r.status_code == 422 and "An agreement needs at least two parties." in r.text
    r = client.post("/agreements/new", data={**form, "party_1": "上海市人民政府"}, follow_redirects=False)
    assert r.status_code == 303
    page = client.get(r.headers["location"] + "?lang=zh").text
    assert "京畿道—上海市友好交流协议" in page and "김동연" in page and "Gyeonggi and Shanghai sign" in page


def test_commitment_forms_refuse_a_due_date_before_the_signing(client: TestClient, world):
    login(client, world.users["member"].email)
    url = f"/agreements/{world.public.id}/commitments/new"
    form = {"csrf_token": csrf_of(client, url), "what_ko": "반도체 상호 투자", "owner_org_id": str(world.party_a.id),
            "status": "planned", "completion": "not_started", "due_on": "2025-01-31", "milestone_rows": "3",
            "milestone_0_title": "투자설명회", "milestone_0_due_on": "2026-03-01"}  # fmt: skip
    r = client.post(url, data=form)
    assert r.status_code == 422
    assert "A commitment cannot be due before the agreement was signed (2025-09-25)." in r.text
    assert "반도체 상호 투자" in r.text and "투자설명회" in r.text
    r = client.post(url, data={**form, "due_on": "2026-12-31"}, follow_redirects=False)
    assert r.status_code == 303
    page = client.get(r.headers["location"]).text
    assert "반도체 상호 투자" in page and "투자설명회" in page


def test_reporting_progress_refuses_a_jump_and_a_picture(client: TestClient, world):
    login(client, world.users["owner"].email)
    url = f"/agreements/{world.public.id}/commitments/{world.commitment.id}"
    token = csrf_of(client, url)
    r = client.post(url + "/progress", data={"csrf_token": token, "text": "Finished!", "status": "done"})
    assert r.status_code == 422 and "cannot become “Done”" in r.text and "Finished!" in r.text
    r = client.post(
        url + "/progress",
        data={"csrf_token": token, "text": "Photos of the booth"},
        files={"evidence_file": ("booth.pdf", b"\x89PNG\r\n\x1a\n\0\0", "application/pdf")},
    )
    assert r.status_code == 422 and "Only documents can be attached" in r.text
    r = client.post(
        url + "/progress",
        data={"csrf_token": token, "text": "Six firms booked booths", "status": "in_progress"},
        files={"evidence_file": ("list.txt", b"6 firms", "text/plain")},
        follow_redirects=False,
    )
    assert r.status_code == 303
    page = client.get(url).text
    assert "Six firms booked booths" in page and "list.txt" in page and "In progress" in page


def test_a_party_sees_its_open_commitments_overdue_first(client: TestClient, db, world, make_commitment):
    make_commitment(
        world.users["member"], world.public, world.firm, what_en="Late report", due_on="2025-10-01"
    )
    login(client, world.users["owner"].email)
    html = client.get("/my/commitments").text
    rows = re.findall(r"<td><a href=\"/agreements/\d+/commitments/\d+\">([^<]+)</a>", html)
    assert rows[0] == "Late report" and "Overdue" in html
    assert "Semiconductor mutual investment" in rows  # the parties-only agreement's commitment it owns


def test_an_officer_sees_the_portfolio_with_charts(client: TestClient, db, world):
    from kcbridge.accounts.models import MemberRole
    from kcbridge.accounts.service import account_service
    from kcbridge.kit.audit import Actor

    officer = world.users["officer"]
    account_service.add_member(
        db,
        user=officer,
        organisation_id=world.party_a.id,
        role=MemberRole.MEMBER.value,
        actor=Actor.system("t"),
    )
    db.commit()
    login(client, officer.email)
    html = client.get("/agreements/portfolio").text
    assert "/static/echarts.min.js" in html and 'id="chart-field"' in html
    assert "Confidential investment LOI" in html and "Friendship MOU" in html
    data = re.search(r"var charts = (\{.*?\});\n", html)
    assert data and '"Education"' in data.group(1) and '"Planned"' in data.group(1)
    dash = client.get("/dashboard").text
    assert 'href="/agreements/portfolio"' in dash and 'href="/my/commitments"' in dash


def test_another_organisation_cannot_open_a_portfolio_it_is_not_part_of(client: TestClient, world):
    login(client, world.users["stranger"].email)
    assert client.get(f"/agreements/portfolio?org={world.party_a.id}").status_code == 403
    assert client.get(f"/my/commitments?org={world.party_a.id}").status_code == 403
