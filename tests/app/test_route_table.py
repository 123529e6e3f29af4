"""Every route of the assembled app × the eight roles: the outcome each role gets, read from one table.

The test fails when a route appears without a row (it prints the answers it saw, to be checked before
they are pasted), when a row outlives its route, and when any call answers 5xx, so a new route cannot
ship without someone deciding who may call it. Each call is made on the real rows of a world built once
(tests/support/routes.py: firm A with its owner and member, the stranger's firm B, an opportunity, a
delegation visit organised by the owner, an agreement, a case, a programme, a saved search); a
parameter the world has no row for gets an id that does not exist. Calls carry no body, so where the
body is validated before the rules (V) the row only says who is asked to sign in. API calls use the
role's personal API token, pages its browser session (and the CSRF token on forms). Each call runs in a
savepoint rolled back after it: no call sees another's writes. The domains' tests
(tests/<domain>/test_authz*.py) check the answers with real bodies.
"""

from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import urlsplit

import pytest
from tests.support.client import TestClient
from tests.support.database import rolled_back
from tests.support.routes import ROLES, UNSAFE, Route, World, app_routes, build_world, fill

# One letter per role, in the order of ROLES:  anon stranger member owner agent officer analyst admin
#   A  allowed: past the access rules (2xx, a redirect elsewhere than the login, 400, 409)
#   V  the missing body was refused (422) before any rule about the caller was asked: the domain's tests
#      say who may; the row still shows who is asked to sign in first
#   L  asked to sign in: 401, or a redirect to /login
#   F  forbidden: 403
#   N  not found: 404 (also what a role that may not know a row exists gets)
#   !  a server error (5xx): never in the table
PUBLIC = "AAAAAAAA"
SIGNED_IN = "LAAAAAAA"
BODY_FIRST = "LVVVVVVV"  # sign in, then the body is checked before the rules (the domain tests say who may)
FIRM = "LFAAFFFA"  # the member and the owner of firm A, and the admin
OWNER = "LFFAFFFA"  # the owner (of firm A; organiser of the visit), and the admin
ADMIN = "LFFFFFFA"
NO_SUCH_ROW = "LNNNNNNN"  # the world has no such row: sign in, then 404
NO_SUCH_PAGE = "NNNNNNNN"

TABLE: dict[tuple[str, str], str] = {
    # --- accounts --------------------------------------------------------------------------------
    ("GET", "/account"): SIGNED_IN,
    ("POST", "/account/tokens"): BODY_FIRST,
    ("POST", "/account/tokens/{token_id}/revoke"): NO_SUCH_ROW,
    ("GET", "/admin/users"): ADMIN,
    ("POST", "/admin/users/{user_id}/role"): "LFFFFFFV",
    ("GET", "/api/v1/me"): SIGNED_IN,
    ("GET", "/api/v1/me/tokens"): SIGNED_IN,
    ("POST", "/api/v1/me/tokens"): BODY_FIRST,
    ("DELETE", "/api/v1/me/tokens/{token_id}"): NO_SUCH_ROW,
    ("GET", "/api/v1/users"): ADMIN,
    ("PATCH", "/api/v1/users/{user_id}"): "LFFFFFFV",
    ("GET", "/login"): PUBLIC,
    ("POST", "/login"): "LLLLLLLL",  # no credentials: back to the login page
    ("POST", "/logout"): PUBLIC,
    ("GET", "/password/forgot"): PUBLIC,
    ("POST", "/password/forgot"): PUBLIC,
    ("GET", "/password/reset/{token}"): PUBLIC,
    ("POST", "/password/reset/{token}"): "VVVVVVVV",
    ("GET", "/register"): PUBLIC,
    ("POST", "/register"): "VVVVVVVV",
    # --- agreements ------------------------------------------------------------------------------
    ("GET", "/agreements"): PUBLIC,
    ("GET", "/agreements/new"): "LAAAAFFA",
    ("POST", "/agreements/new"): BODY_FIRST,
    ("GET", "/agreements/portfolio"): SIGNED_IN,
    ("GET", "/agreements/{agreement_id}"): PUBLIC,
    ("POST", "/agreements/{agreement_id}/attachment"): "LVFVFFFV",
    ("GET", "/agreements/{agreement_id}/commitments/new"): "LAFAFFFA",
    ("POST", "/agreements/{agreement_id}/commitments/new"): "LVFVFFFV",
    ("GET", "/agreements/{agreement_id}/commitments/{commitment_id}"): PUBLIC,
    ("GET", "/agreements/{agreement_id}/commitments/{commitment_id}/edit"): "LAFAFFFA",
    ("POST", "/agreements/{agreement_id}/commitments/{commitment_id}/edit"): "LVFVFFFV",
    ("POST", "/agreements/{agreement_id}/commitments/{commitment_id}/milestones/{milestone_id}"): "LNNNFFFN",
    ("POST", "/agreements/{agreement_id}/commitments/{commitment_id}/progress"): BODY_FIRST,
    ("GET", "/agreements/{agreement_id}/edit"): "LAFAFFFA",
    ("POST", "/agreements/{agreement_id}/edit"): "LVFVFFFV",
    ("GET", "/agreements/{agreement_id}/files/{file_id}"): NO_SUCH_PAGE,
    ("GET", "/api/v1/agreements"): PUBLIC,
    ("POST", "/api/v1/agreements"): BODY_FIRST,
    ("GET", "/api/v1/agreements/{agreement_id}"): PUBLIC,
    ("PATCH", "/api/v1/agreements/{agreement_id}"): BODY_FIRST,
    ("PUT", "/api/v1/agreements/{agreement_id}/attachment"): BODY_FIRST,
    ("GET", "/api/v1/agreements/{agreement_id}/commitments"): PUBLIC,
    ("POST", "/api/v1/agreements/{agreement_id}/commitments"): BODY_FIRST,
    ("GET", "/api/v1/agreements/{agreement_id}/commitments/{commitment_id}"): PUBLIC,
    ("PATCH", "/api/v1/agreements/{agreement_id}/commitments/{commitment_id}"): BODY_FIRST,
    ("GET", "/api/v1/agreements/{agreement_id}/commitments/{commitment_id}/progress"): PUBLIC,
    ("POST", "/api/v1/agreements/{agreement_id}/commitments/{commitment_id}/progress"): BODY_FIRST,
    ("GET", "/my/commitments"): SIGNED_IN,
    # --- alerts ----------------------------------------------------------------------------------
    ("GET", "/api/v1/searches"): SIGNED_IN,
    ("POST", "/api/v1/searches"): BODY_FIRST,
    ("DELETE", "/api/v1/searches/{search_id}"): "LNNANNNN",
    ("GET", "/api/v1/searches/{search_id}"): "LNNANNNN",
    ("PATCH", "/api/v1/searches/{search_id}"): BODY_FIRST,
    ("POST", "/api/v1/searches/{search_id}/looked"): "LNNANNNN",
    ("GET", "/api/v1/searches/{search_id}/results"): "LNNANNNN",
    ("GET", "/searches"): SIGNED_IN,
    ("POST", "/searches"): NO_SUCH_ROW,
    ("POST", "/searches/{search_id}/delete"): "LNNANNNN",
    ("POST", "/searches/{search_id}/edit"): "LNNVNNNN",
    ("POST", "/searches/{search_id}/run"): "LNNANNNN",
    # --- app -------------------------------------------------------------------------------------
    ("GET", "/"): PUBLIC,
    ("GET", "/dashboard"): SIGNED_IN,
    ("GET", "/dashboard/matches"): SIGNED_IN,
    ("GET", "/dashboard/programmes"): SIGNED_IN,
    ("GET", "/healthz"): PUBLIC,
    # --- audit -----------------------------------------------------------------------------------
    ("GET", "/admin/audit"): ADMIN,
    # --- cases -----------------------------------------------------------------------------------
    ("GET", "/api/v1/cases"): "LAAAAFFA",
    ("POST", "/api/v1/cases"): "LVVVVFFV",
    ("GET", "/api/v1/cases/export"): "LAAAAFFA",
    ("POST", "/api/v1/cases/round-tables/{event_id}"): BODY_FIRST,
    ("GET", "/api/v1/cases/routes"): ADMIN,
    ("POST", "/api/v1/cases/routes"): "LFFFFFFV",
    ("DELETE", "/api/v1/cases/routes/{rule_id}"): ADMIN,
    ("GET", "/api/v1/cases/shared"): SIGNED_IN,
    ("GET", "/api/v1/cases/stats"): "LFFFFAAA",
    ("GET", "/api/v1/cases/{case_id}"): "LNAAAFFA",
    ("PATCH", "/api/v1/cases/{case_id}"): BODY_FIRST,
    ("POST", "/api/v1/cases/{case_id}/attachments"): BODY_FIRST,
    ("GET", "/api/v1/cases/{case_id}/attachments/{attachment_id}"): "LNAAAFFA",
    ("POST", "/api/v1/cases/{case_id}/messages"): BODY_FIRST,
    ("POST", "/api/v1/cases/{case_id}/rating"): BODY_FIRST,
    ("POST", "/api/v1/cases/{case_id}/reassign"): BODY_FIRST,
    ("POST", "/api/v1/cases/{case_id}/shares"): BODY_FIRST,
    ("DELETE", "/api/v1/cases/{case_id}/shares/{user_id}"): "LNFNFFFF",
    ("POST", "/api/v1/cases/{case_id}/status"): BODY_FIRST,
    ("GET", "/cases"): SIGNED_IN,
    ("GET", "/cases/export"): "LAAAAFFA",
    ("GET", "/cases/new"): "LAAAAFFA",
    ("POST", "/cases/new"): "LVVVVFFV",
    ("GET", "/cases/round-tables"): SIGNED_IN,
    ("GET", "/cases/round-tables/{event_id}"): "LFFVFFFV",
    ("POST", "/cases/round-tables/{event_id}"): "LFFVFFFV",
    ("GET", "/cases/routes"): ADMIN,
    ("POST", "/cases/routes"): "LFFFFFFV",
    ("POST", "/cases/routes/{rule_id}/delete"): ADMIN,
    ("GET", "/cases/shared"): SIGNED_IN,
    ("GET", "/cases/stats"): "LFFFFAAA",
    ("GET", "/cases/{case_id}"): "LNAAAFFA",
    ("POST", "/cases/{case_id}/attachments"): "LNVVVFFV",
    ("GET", "/cases/{case_id}/attachments/{attachment_id}"): "LNAAAFFA",
    ("GET", "/cases/{case_id}/edit"): "LNAAFFFF",
    ("POST", "/cases/{case_id}/edit"): "LNVVFFFF",
    ("POST", "/cases/{case_id}/messages"): "LNVVVFFV",
    ("POST", "/cases/{case_id}/rating"): "LNVVVFFV",
    ("POST", "/cases/{case_id}/reassign"): "LNVVVFFV",
    ("POST", "/cases/{case_id}/shares"): "LNFVFFFF",
    ("POST", "/cases/{case_id}/shares/{user_id}/delete"): "LNFNFFFF",
    ("POST", "/cases/{case_id}/status"): "LNVVVFFV",
    # --- directory -------------------------------------------------------------------------------
    ("GET", "/api/v1/organisations"): PUBLIC,
    ("POST", "/api/v1/organisations"): BODY_FIRST,
    ("DELETE", "/api/v1/organisations/{org_id}"): OWNER,
    ("GET", "/api/v1/organisations/{org_id}"): PUBLIC,
    ("PATCH", "/api/v1/organisations/{org_id}"): BODY_FIRST,
    ("PUT", "/api/v1/organisations/{org_id}/logo"): BODY_FIRST,
    ("GET", "/api/v1/organisations/{org_id}/members"): FIRM,
    ("POST", "/api/v1/organisations/{org_id}/members"): BODY_FIRST,
    ("DELETE", "/api/v1/organisations/{org_id}/members/{user_id}"): "LFFNFFFN",
    ("GET", "/api/v1/organisations/{org_id}/people"): "FFAAFFFA",  # contacts: never to the public
    ("POST", "/api/v1/organisations/{org_id}/people"): BODY_FIRST,
    ("DELETE", "/api/v1/people/{person_id}"): FIRM,
    ("PUT", "/api/v1/people/{person_id}"): BODY_FIRST,
    ("GET", "/api/v1/taxonomy"): PUBLIC,
    ("GET", "/my/organisations"): SIGNED_IN,
    ("GET", "/organisations"): PUBLIC,
    ("GET", "/organisations/new"): SIGNED_IN,
    ("POST", "/organisations/new"): BODY_FIRST,
    ("GET", "/organisations/{org_id}"): PUBLIC,
    ("POST", "/organisations/{org_id}/delete"): OWNER,
    ("GET", "/organisations/{org_id}/edit"): FIRM,
    ("POST", "/organisations/{org_id}/edit"): "LFVVFFFV",
    ("GET", "/organisations/{org_id}/logo"): NO_SUCH_PAGE,
    ("POST", "/organisations/{org_id}/logo"): "LFVVFFFV",
    ("POST", "/organisations/{org_id}/members"): "LFFVFFFV",
    ("POST", "/organisations/{org_id}/members/{member_id}/remove"): OWNER,
    ("POST", "/organisations/{org_id}/people"): BODY_FIRST,
    ("POST", "/people/{person_id}/delete"): FIRM,
    # --- events ----------------------------------------------------------------------------------
    ("GET", "/api/v1/events"): PUBLIC,
    ("POST", "/api/v1/events"): BODY_FIRST,
    ("GET", "/api/v1/events/{event_id}"): PUBLIC,
    ("GET", "/api/v1/events/{event_id}/cohosts"): PUBLIC,
    ("PUT", "/api/v1/events/{event_id}/cohosts/{organisation_id}"): OWNER,
    ("GET", "/api/v1/events/{event_id}/meetings"): SIGNED_IN,
    ("POST", "/api/v1/events/{event_id}/meetings"): BODY_FIRST,
    ("GET", "/api/v1/events/{event_id}/meetings.csv"): OWNER,
    ("GET", "/api/v1/events/{event_id}/participants"): PUBLIC,
    ("POST", "/api/v1/events/{event_id}/participants"): BODY_FIRST,
    ("GET", "/api/v1/events/{event_id}/projects"): PUBLIC,
    ("POST", "/api/v1/events/{event_id}/projects"): BODY_FIRST,
    ("GET", "/api/v1/events/{event_id}/projects/interest"): OWNER,
    ("POST", "/api/v1/events/{event_id}/publish"): OWNER,
    ("POST", "/api/v1/events/{event_id}/reminders"): OWNER,
    ("GET", "/api/v1/events/{event_id}/requests"): SIGNED_IN,
    ("POST", "/api/v1/events/{event_id}/requests"): BODY_FIRST,
    ("GET", "/api/v1/events/{event_id}/runs/{run_id}"): "LFFNFFFN",
    ("POST", "/api/v1/events/{event_id}/schedule"): OWNER,
    ("GET", "/api/v1/events/{event_id}/sessions"): PUBLIC,
    ("POST", "/api/v1/events/{event_id}/sessions"): BODY_FIRST,
    ("GET", "/api/v1/events/{event_id}/slots"): PUBLIC,
    ("POST", "/api/v1/events/{event_id}/slots"): BODY_FIRST,
    ("POST", "/api/v1/events/{event_id}/slots/series"): BODY_FIRST,
    ("GET", "/api/v1/events/{event_id}/speakers"): PUBLIC,
    ("POST", "/api/v1/events/{event_id}/speakers"): BODY_FIRST,
    ("GET", "/api/v1/events/{event_id}/stats"): OWNER,
    ("GET", "/api/v1/events/{event_id}/stats.csv"): OWNER,
    ("GET", "/api/v1/events/{event_id}/tables"): PUBLIC,
    ("POST", "/api/v1/events/{event_id}/tables"): BODY_FIRST,
    ("PUT", "/api/v1/events/{event_id}/video-address"): BODY_FIRST,
    ("PUT", "/api/v1/meetings/{meeting_id}"): BODY_FIRST,
    ("POST", "/api/v1/meetings/{meeting_id}/cancel"): NO_SUCH_ROW,
    ("PUT", "/api/v1/meetings/{meeting_id}/outcome"): BODY_FIRST,
    ("POST", "/api/v1/participants/{participant_id}/approve"): OWNER,
    ("PUT", "/api/v1/participants/{participant_id}/attendance"): BODY_FIRST,
    ("PUT", "/api/v1/participants/{participant_id}/availability"): BODY_FIRST,
    ("GET", "/api/v1/participants/{participant_id}/bookmarks"): OWNER,
    ("DELETE", "/api/v1/participants/{participant_id}/bookmarks/{target_id}"): BODY_FIRST,
    ("PUT", "/api/v1/participants/{participant_id}/bookmarks/{target_id}"): BODY_FIRST,
    ("POST", "/api/v1/participants/{participant_id}/check-in"): OWNER,
    ("POST", "/api/v1/participants/{participant_id}/invitation/accept"): "LFFFFFFF",
    ("POST", "/api/v1/participants/{participant_id}/invitation/decline"): "LFFFFFFF",
    ("DELETE", "/api/v1/participants/{participant_id}/project-bookmarks/{project_id}"): NO_SUCH_ROW,
    ("PUT", "/api/v1/participants/{participant_id}/project-bookmarks/{project_id}"): NO_SUCH_ROW,
    ("POST", "/api/v1/participants/{participant_id}/reject"): OWNER,
    ("GET", "/api/v1/participants/{participant_id}/schedule.ics"): OWNER,
    ("GET", "/api/v1/participants/{participant_id}/schedule.pdf"): OWNER,
    ("DELETE", "/api/v1/projects/{project_id}"): NO_SUCH_ROW,
    ("GET", "/api/v1/projects/{project_id}"): NO_SUCH_PAGE,
    ("PUT", "/api/v1/projects/{project_id}"): BODY_FIRST,
    ("GET", "/api/v1/projects/{project_id}/interested"): NO_SUCH_ROW,
    ("POST", "/api/v1/projects/{project_id}/requests"): BODY_FIRST,
    ("POST", "/api/v1/requests/{request_id}/accept"): "LFFFFFFF",
    ("POST", "/api/v1/requests/{request_id}/decline"): "LFFFFFFF",
    ("DELETE", "/api/v1/sessions/{session_id}"): NO_SUCH_ROW,
    ("DELETE", "/api/v1/speakers/{speaker_id}"): NO_SUCH_ROW,
    ("PUT", "/api/v1/speakers/{speaker_id}"): BODY_FIRST,
    ("PUT", "/api/v1/speakers/{speaker_id}/photo"): NO_SUCH_ROW,
    ("GET", "/events"): PUBLIC,
    ("GET", "/events/new"): SIGNED_IN,
    ("POST", "/events/new"): BODY_FIRST,
    ("GET", "/events/participants/{participant_id}"): OWNER,
    ("POST", "/events/participants/{participant_id}/attendance"): BODY_FIRST,
    ("POST", "/events/participants/{participant_id}/availability"): OWNER,
    ("POST", "/events/participants/{participant_id}/invitation"): BODY_FIRST,
    ("GET", "/events/participants/{participant_id}/schedule.ics"): OWNER,
    ("GET", "/events/participants/{participant_id}/schedule.pdf"): OWNER,
    ("POST", "/events/requests/{request_id}/answer"): BODY_FIRST,
    ("GET", "/events/speakers/{speaker_id}/photo"): NO_SUCH_PAGE,
    ("GET", "/events/{event_id}"): PUBLIC,
    ("GET", "/events/{event_id}/agenda"): PUBLIC,
    ("POST", "/events/{event_id}/bookmarks"): BODY_FIRST,
    ("GET", "/events/{event_id}/console"): OWNER,
    ("POST", "/events/{event_id}/console/attendance"): "LFFFFFFF",
    ("POST", "/events/{event_id}/console/check-in"): "LFFFFFFF",
    ("GET", "/events/{event_id}/console/meetings/{meeting_id}"): "LFFNFFFN",
    ("POST", "/events/{event_id}/console/meetings/{meeting_id}"): "LFFFFFFF",
    ("GET", "/events/{event_id}/console/orgs"): OWNER,
    ("POST", "/events/{event_id}/console/participants"): "LFFVFFFV",
    ("POST", "/events/{event_id}/console/place"): "LFFVFFFV",
    ("POST", "/events/{event_id}/console/projects/{project_id}/session"): "LFFNFFFN",
    ("POST", "/events/{event_id}/console/publish"): OWNER,
    ("POST", "/events/{event_id}/console/reminders"): OWNER,
    ("POST", "/events/{event_id}/console/rooms"): "LFFVFFFV",
    ("GET", "/events/{event_id}/console/run"): OWNER,
    ("POST", "/events/{event_id}/console/schedule"): OWNER,
    ("POST", "/events/{event_id}/console/sessions"): "LFFVFFFV",
    ("POST", "/events/{event_id}/console/sessions/{session_id}/delete"): "LFFVFFFV",
    ("POST", "/events/{event_id}/console/slots"): "LFFVFFFV",
    ("POST", "/events/{event_id}/console/speakers"): "LFFVFFFV",
    ("POST", "/events/{event_id}/console/speakers/{speaker_id}/delete"): "LFFNFFFN",
    ("POST", "/events/{event_id}/console/tables"): "LFFVFFFV",
    ("POST", "/events/{event_id}/console/video"): OWNER,
    ("GET", "/events/{event_id}/interest"): OWNER,
    ("GET", "/events/{event_id}/marketplace"): PUBLIC,
    ("GET", "/events/{event_id}/meetings.csv"): OWNER,
    ("GET", "/events/{event_id}/projects"): PUBLIC,
    ("POST", "/events/{event_id}/projects"): BODY_FIRST,
    ("GET", "/events/{event_id}/projects/{project_id}"): NO_SUCH_PAGE,
    ("POST", "/events/{event_id}/projects/{project_id}/bookmark"): NO_SUCH_ROW,
    ("POST", "/events/{event_id}/projects/{project_id}/request"): NO_SUCH_ROW,
    ("POST", "/events/{event_id}/register"): BODY_FIRST,
    ("POST", "/events/{event_id}/requests"): BODY_FIRST,
    ("GET", "/events/{event_id}/stats.csv"): OWNER,
    # --- fastapi ---------------------------------------------------------------------------------
    ("GET", "/api/docs"): PUBLIC,
    ("GET", "/api/v1/openapi.json"): PUBLIC,
    ("GET", "/docs/oauth2-redirect"): PUBLIC,
    # --- matchmaking -----------------------------------------------------------------------------
    ("GET", "/api/v1/match"): "VVVVVVVV",
    ("POST", "/api/v1/match"): "VVVVVVVV",
    ("GET", "/api/v1/opportunities/{opp_id}/matches"): PUBLIC,
    ("GET", "/api/v1/organisations/{org_id}/matches"): PUBLIC,
    ("GET", "/matches"): PUBLIC,
    ("GET", "/opportunities/{opp_id}/similar"): PUBLIC,
    ("GET", "/organisations/{org_id}/similar"): PUBLIC,
    ("GET", "/programmes/{prog_id}/fit"): PUBLIC,
    # --- news ------------------------------------------------------------------------------------
    ("GET", "/api/v1/news/articles"): SIGNED_IN,
    ("GET", "/api/v1/news/articles/{article_id}"): NO_SUCH_ROW,
    ("GET", "/api/v1/news/indicators"): SIGNED_IN,
    ("GET", "/api/v1/news/stories/{story_id}"): NO_SUCH_ROW,
    ("GET", "/api/v1/news/trends"): SIGNED_IN,
    ("POST", "/api/v1/news/uploads"): BODY_FIRST,
    ("GET", "/api/v1/news/uploads/{job_id}"): "LFFFFFNN",
    ("GET", "/news"): SIGNED_IN,
    ("GET", "/news/articles/{article_id}"): NO_SUCH_ROW,
    ("GET", "/news/candidates"): ADMIN,
    ("GET", "/news/candidates/{candidate_id}"): NO_SUCH_ROW,
    ("POST", "/news/candidates/{candidate_id}/alias"): "LFFFFFFN",
    ("POST", "/news/candidates/{candidate_id}/create"): "LFFFFFFN",
    ("POST", "/news/candidates/{candidate_id}/dismiss"): "LFFFFFFN",
    ("POST", "/news/feeds"): "LFFFFFVV",
    ("POST", "/news/feeds/{feed_id}/poll"): "LFFFFFNN",
    ("GET", "/news/indicators"): SIGNED_IN,
    ("POST", "/news/indicators/import"): "LFFFFFVV",
    ("GET", "/news/ingest"): "LFFFFFAA",
    ("POST", "/news/ingest"): "LFFFFFVV",
    ("GET", "/news/jobs/{job_id}"): "LFFFFFNN",
    ("GET", "/news/jobs/{job_id}/progress"): "LFFFFFNN",
    ("GET", "/news/organisations/{org_id}/timeline"): SIGNED_IN,
    ("POST", "/news/statistics/{stat_id}/accept"): "LFFFFFVV",
    ("GET", "/news/stories/{story_id}"): NO_SUCH_ROW,
    ("GET", "/news/trends"): SIGNED_IN,
    # --- notifications ---------------------------------------------------------------------------
    ("GET", "/api/v1/notifications"): SIGNED_IN,
    ("POST", "/api/v1/notifications/read"): SIGNED_IN,
    ("GET", "/notifications"): SIGNED_IN,
    ("POST", "/notifications/read"): SIGNED_IN,
    # --- opportunities ---------------------------------------------------------------------------
    ("GET", "/api/v1/interests"): SIGNED_IN,
    ("POST", "/api/v1/interests/{eoi_id}/accept"): NO_SUCH_ROW,
    ("POST", "/api/v1/interests/{eoi_id}/decline"): NO_SUCH_ROW,
    ("GET", "/api/v1/opportunities"): PUBLIC,
    ("POST", "/api/v1/opportunities"): BODY_FIRST,
    ("GET", "/api/v1/opportunities/review"): "LFFFAFFA",
    ("GET", "/api/v1/opportunities/{opp_id}"): PUBLIC,
    ("PATCH", "/api/v1/opportunities/{opp_id}"): BODY_FIRST,
    ("POST", "/api/v1/opportunities/{opp_id}/close"): FIRM,
    ("POST", "/api/v1/opportunities/{opp_id}/interests"): BODY_FIRST,
    ("POST", "/api/v1/opportunities/{opp_id}/renew"): BODY_FIRST,
    ("POST", "/api/v1/opportunities/{opp_id}/review"): BODY_FIRST,
    ("POST", "/api/v1/opportunities/{opp_id}/submit"): FIRM,
    ("POST", "/api/v1/organisations/{org_id}/interests"): BODY_FIRST,
    ("GET", "/interests"): SIGNED_IN,
    ("POST", "/interests/{eoi_id}/{answer}"): NO_SUCH_ROW,
    ("GET", "/opportunities"): PUBLIC,
    ("GET", "/opportunities/new"): "LAAAAFFF",
    ("POST", "/opportunities/new"): BODY_FIRST,
    ("GET", "/opportunities/review"): "LFFFAFFA",
    ("GET", "/opportunities/{opp_id}"): PUBLIC,
    ("GET", "/opportunities/{opp_id}/edit"): FIRM,
    ("POST", "/opportunities/{opp_id}/edit"): BODY_FIRST,
    ("POST", "/opportunities/{opp_id}/{action}"): FIRM,
    ("GET", "/organisations/{org_id}/interest"): PUBLIC,
    ("POST", "/organisations/{org_id}/interest"): "LAAVAVVV",
    # --- programmes ------------------------------------------------------------------------------
    ("GET", "/api/v1/programmes"): PUBLIC,
    ("POST", "/api/v1/programmes"): BODY_FIRST,
    ("GET", "/api/v1/programmes/eligible"): PUBLIC,
    ("GET", "/api/v1/programmes/{prog_id}"): PUBLIC,
    ("PATCH", "/api/v1/programmes/{prog_id}"): BODY_FIRST,
    ("GET", "/my/programmes"): SIGNED_IN,
    ("GET", "/programmes"): PUBLIC,
    ("GET", "/programmes/eligible"): PUBLIC,
    ("GET", "/programmes/new"): "LAAAAFFF",
    ("POST", "/programmes/new"): BODY_FIRST,
    ("GET", "/programmes/{prog_id}"): PUBLIC,
    ("GET", "/programmes/{prog_id}/edit"): "LFAAAFFA",
    ("POST", "/programmes/{prog_id}/edit"): "LFVVVFFV",
    # --- starlette -------------------------------------------------------------------------------
    ("MOUNT", "/static"): PUBLIC,
}

MISSING = 987654321  # an id no table has
OTHER_PARAMS = {"token": "not-a-reset-token", "action": "submit", "answer": "accept"}


def outcome(r: Any) -> str:
    if r.status_code == 401 or (r.is_redirect and urlsplit(r.headers["location"]).path == "/login"):
        return "L"
    if r.status_code >= 500:
        return "!"
    return {403: "F", 404: "N", 422: "V"}.get(r.status_code, "A")


@pytest.fixture(scope="module")
def world(module_db: Any) -> World:
    return build_world(module_db)


@pytest.fixture(scope="module")
def sessions(world: World, module_db: Any) -> dict[str, str]:
    from kcbridge.accounts.service import account_service

    made = {role: account_service.start_session(module_db, user) for role, user in world.users.items()}
    module_db.commit()
    return made


def call(app: Any, world: World, sessions: dict[str, str], route: Route, role: str) -> Any:
    from kcbridge.kit.config import get_settings
    from kcbridge.kit.signing import sign

    values = {name: world.ids[name][0] if name in world.ids else MISSING for name in route.params}
    values.update({k: v for k, v in OTHER_PARAMS.items() if k in route.params})
    method, url = (
        ("GET", "/static/app.css") if route.method == "MOUNT" else (route.method, fill(route.path, values))
    )
    client = TestClient(app, raise_server_exceptions=False)
    headers = dict(world.tokens[role]) if route.is_api else {}
    if not route.is_api:
        key = sessions.get(role) or secrets.token_urlsafe(24)
        client.cookies.set("kcb_session" if role in sessions else "kcb_anon", key)
        if method in UNSAFE:
            headers["X-CSRF-Token"] = sign(get_settings().resolved_secret_key(), f"csrf:{key}")
    return client.request(method, url, headers=headers, follow_redirects=False)


@pytest.mark.slow  # 8 calls for each of some 320 routes
def test_every_route_answers_each_role_as_the_table_says(app, world, sessions):
    routes = app_routes(app)
    got: dict[tuple[str, str], str] = {}
    for key, route in sorted(routes.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        letters = []
        for role in ROLES:
            with rolled_back():
                letters.append(outcome(call(app, world, sessions, route, role)))
        got[key] = "".join(letters)
    unlisted = sorted(routes.keys() - TABLE.keys())
    stale = sorted(TABLE.keys() - routes.keys())
    wrong = sorted(k for k, v in got.items() if k in TABLE and TABLE[k] != v)
    problems = [f"{m} {p}: table {TABLE[(m, p)]}, got {got[(m, p)]}" for m, p in wrong]
    problems += [f"{m} {p}: a server error (!) in {got[(m, p)]}" for (m, p) in unlisted if "!" in got[(m, p)]]
    if unlisted:  # the answers seen, to be checked before they are pasted
        problems.append("routes without a row in TABLE:")
        problems += [f'    ("{m}", "{p}"): "{got[(m, p)]}",' for m, p in unlisted]
    problems += [f"{m} {p}: a row in TABLE, no such route" for m, p in stale]
    assert not problems, "\n".join(problems)
