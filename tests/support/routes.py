"""One walker over the assembled app's routes and one world of the eight roles, shared by the route table
(tests/app/test_route_table.py), the fuzzing (tests/test_api_fuzz.py) and the domains' authorization tests.

`app_routes(app)` lists every (method, path) the app answers (HEAD aside, a mount as method "MOUNT")
with its name and the module of its endpoint; `fill(path, ids)` puts ids into a path's parameters;
`build_world(db)` makes one user per role with a personal API token and the rows their ids point at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from starlette.routing import Mount

# anonymous visitor, member of another firm, member and owner of the firm concerned, then platform roles
ROLES = ("anon", "stranger", "member", "owner", "agent", "officer", "analyst", "admin")
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
PARAM = re.compile(r"{([a-zA-Z_][a-zA-Z0-9_]*)(?::[a-z]+)?}")


@dataclass(frozen=True)
class Route:
    method: str  # GET, POST … or MOUNT for a mounted app (static files)
    path: str
    name: str
    module: str  # of the endpoint: kcbridge.<domain>.<file>

    @property
    def key(self) -> tuple[str, str]:
        return (self.method, self.path)

    @property
    def params(self) -> list[str]:
        return PARAM.findall(self.path)

    @property
    def is_api(self) -> bool:
        return self.path.startswith("/api/")

    @property
    def domain(self) -> str:
        parts = self.module.split(".")
        return parts[1] if len(parts) > 1 and parts[0] == "kcbridge" else parts[0]


def _contexts(app: Any) -> Iterator[tuple[set[str] | None, str, Any, str]]:
    for r in app.routes:
        if hasattr(r, "effective_route_contexts"):  # FastAPI ≥ 0.16x keeps included routers nested
            for ctx in r.effective_route_contexts():
                yield ctx.methods, ctx.path, ctx.endpoint, getattr(ctx, "name", "") or ""
        elif isinstance(r, Mount):
            yield None, r.path, r, r.name or ""
        else:
            yield getattr(r, "methods", None), r.path, getattr(r, "endpoint", None), getattr(r, "name", "")


def app_routes(app: Any) -> dict[tuple[str, str], Route]:
    """(method, path) → Route, for every route the assembled app answers."""
    out: dict[tuple[str, str], Route] = {}
    for methods, path, endpoint, name in _contexts(app):
        if methods is None and isinstance(endpoint, Mount):
            out[("MOUNT", path)] = Route("MOUNT", path, name, "starlette")
            continue
        module = getattr(endpoint, "__module__", "") or ""
        for m in sorted((methods or set()) - {"HEAD"}):
            out[(m, path)] = Route(m, path, name, module)
    return out


def fill(path: str, ids: Mapping[str, Any]) -> str:
    """The path with each {parameter} replaced by ids[parameter]; a KeyError names a missing one."""

    def one(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in ids:
            raise KeyError(f"no value for {{{name}}} in {path}")
        return str(ids[name])

    return PARAM.sub(one, path)


@dataclass
class World:
    """One user per role (anon aside) with a personal API token, and real ids per path parameter name
    (the first of each list is the one the route table uses)."""

    users: dict[str, Any]
    tokens: dict[str, dict[str, str]]  # role → Authorization headers ({} for anon)
    token_ids: dict[str, int]  # role → id of that token (calls must not revoke their own)
    ids: dict[str, list[int]] = field(default_factory=dict)


def build_world(db: Any) -> World:
    """Owner and member of firm A (a contact person, a published opportunity), the stranger's firm B, and
    a delegation visit organised by the owner (host teams, visiting firms, pending meeting requests), an
    agreement of the owner's government with firm B and a commitment of firm A, firm A's case (with a
    PDF) routed to the agent's support agency, firm A's programme and the owner's saved search."""
    from kcbridge.accounts.models import Role
    from kcbridge.accounts.service import account_service
    from kcbridge.agreements.commitments import commitment_service
    from kcbridge.agreements.schemas import AgreementIn, CommitmentIn
    from kcbridge.agreements.service import agreement_service
    from kcbridge.alerts.schemas import SavedSearchIn
    from kcbridge.alerts.service import saved_search_service
    from kcbridge.cases.files import attachment_service
    from kcbridge.cases.rules import route_service
    from kcbridge.cases.schemas import CaseIn, RouteIn
    from kcbridge.cases.service import case_service
    from kcbridge.directory.schemas import PersonIn
    from kcbridge.directory.service import directory_service
    from kcbridge.programmes.schemas import ProgrammeIn
    from kcbridge.programmes.service import programme_service
    from tests.support import events, factories

    platform = {"agent": Role.SUPPORT_AGENT, "officer": Role.GOVERNMENT_OFFICER, "analyst": Role.ANALYST}
    platform["admin"] = Role.ADMIN
    users = {
        r: factories.user(db, email=f"{r}@roles.example", role=platform.get(r), name=r) for r in ROLES[1:]
    }
    org_a = factories.organisation(db, users["owner"], name_en="Firm A", sectors=["robotics"])
    org_b = factories.organisation(db, users["stranger"], name_zh="乙公司", name_en="Firm B", country="CN")
    factories.member(db, users["member"], org_a)
    person = directory_service.add_person(
        db, user=users["owner"], org_id=org_a.id, data=PersonIn(name="김지훈", email="kim@a.example")
    )
    opp = factories.opportunity(db, users["owner"], org_a, users["agent"])
    # the first user make_visit asks for organises the visit: the owner; the host and the firms are new
    extra = iter([users["owner"]])
    visit = events.make_visit(
        db,
        lambda name="": next(extra, None) or factories.user(db, name=name),
        lambda owner=None, **fields: factories.organisation(db, owner, **fields),
        firms=2,
        teams=1,
        slots=2,
    )
    requests = events.request_all(db, visit, accept=False)
    gov = visit.organiser_org  # a government owned by the owner
    agreement = agreement_service.create(
        db,
        user=users["owner"],
        data=AgreementIn.model_validate(
            {
                "kind": "mou",
                "title_en": "Friendship MOU",
                "signed_on": "2025-09-25",
                "fields": ["education"],
                "parties": [{"organisation_id": gov.id}, {"organisation_id": org_b.id}],
            }
        ),
    )
    commitment = commitment_service.create(
        db,
        user=users["owner"],
        agreement_id=agreement.id,
        data=CommitmentIn(
            what_en="A booth at the trade fair", owner_org_id=org_a.id, due_on=date(2026, 6, 30)
        ),
    )
    kic = factories.organisation(
        db, users["agent"], name_en="KIC China", org_type="support_agency", country="CN"
    )
    rule = route_service.create(db, user=users["admin"], data=RouteIn(institution_id=kic.id))
    case = case_service.create(
        db,
        user=users["owner"],
        data=CaseIn.model_validate(
            {
                "organisation_id": org_a.id,
                "category": "ip",
                "sector": "robotics",
                "region": "CN-shanghai",
                "lang": "en",
                "subject": "Our trademark was registered by someone else",
                "description": "A Shanghai firm registered our brand.",
                "desired_outcome": "Advice",
            }
        ),
    )
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    attachment = attachment_service.add(db, user=users["owner"], case_id=case.id, filename="c.pdf", data=pdf)
    programme = programme_service.create(
        db,
        user=users["owner"],
        data=ProgrammeIn.model_validate(
            {
                "organisation_id": org_a.id,
                "prog_type": "incubation",
                "country": "KR",
                "status": "published",
                "texts": {"en": {"title": "Incubation programme", "description": "Desks and mentoring."}},
            }
        ),
    )
    search = saved_search_service.create(
        db, user=users["owner"], data=SavedSearchIn(kind="directory", criteria={"q": "robot"}), lang="en"
    )
    db.commit()
    tokens: dict[str, dict[str, str]] = {"anon": {}}
    token_ids: dict[str, int] = {}
    for role, u in users.items():  # what `kcbridge users token` makes
        token, row = account_service.create_token(db, u, name="roles")
        tokens[role], token_ids[role] = {"Authorization": f"Bearer {token}"}, row.id
    db.commit()
    ids = {
        "org_id": [org_a.id, org_b.id, visit.organiser_org.id],
        "organisation_id": [org_a.id, org_b.id],
        "user_id": [users["stranger"].id, users["member"].id, users["owner"].id],
        "member_id": [users["member"].id],
        "person_id": [person.id],
        "opp_id": [opp.id],
        "event_id": [visit.event.id],
        "participant_id": [p.id for p in (*visit.teams, *visit.firms)],
        "request_id": [r.id for r in requests],
        "agreement_id": [agreement.id],
        "commitment_id": [commitment.id],
        "rule_id": [rule.id],
        "case_id": [case.id],
        "attachment_id": [attachment.id],
        "prog_id": [programme.id],
        "search_id": [search.id],
    }
    return World(users, tokens, token_ids, ids)
