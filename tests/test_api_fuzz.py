"""Generated input on every operation of the OpenAPI document (schemathesis), as each of the eight roles
with a personal API token made here: never a server error, never a response outside its documented
schema, and never a platform without an active administrator.

`make test` runs a small sample (KCBRIDGE_FUZZ_CASES per role, 25 by default: the eight roles share the
operations out, each operation called at least once); `make fuzz` runs 1,000 cases per role over every
operation and prints the counts. Path ids are taken half of the time from the world's real rows, so
generated requests get past "not found" and reach the rules behind it.
"""

from __future__ import annotations

import json
import math
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from tests.support.routes import ROLES, World, build_world

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.core.failures import FailureGroup  # noqa: E402
from schemathesis.generation import GenerationMode  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CASES = int(os.environ.get("KCBRIDGE_FUZZ_CASES", "25"))
# no 5xx; status code, media type and body as the OpenAPI document says
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(scope="module")
def world(module_db: Any) -> World:
    return build_world(module_db)


@pytest.fixture(scope="module")
def operations(app: Any) -> list[Any]:
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    return [r.ok() for r in schema.get_all_operations()]


def admins() -> int:
    from kcbridge.accounts.models import Role, User
    from kcbridge.kit.db import unit_of_work

    with unit_of_work(write=False) as db:
        q = select(func.count()).select_from(User).where(User.role == Role.ADMIN.value, User.is_active)
        return int(db.scalar(q) or 0)


@dataclass
class Tally:
    cases: int = 0
    operations: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)


def share(operations: list[Any], role: str, target: int) -> list[Any]:
    """Every operation when the target allows one case each; else this role's share of them, so that the
    eight roles together still call every operation."""
    if target >= len(operations):
        return operations
    return operations[ROLES.index(role) :: len(ROLES)]


def fuzz(operations: list[Any], world: World, role: str, target: int) -> Tally:
    """At least `target` generated cases (positive and negative) as `role`; each response checked."""
    mine = share(operations, role, target)
    per_operation = max(1, math.ceil(target / len(mine)))
    tally = Tally(operations=len(mine))
    headers, own_token = world.tokens[role], world.token_ids.get(role)
    for rounds in range(5):  # hypothesis stops early on small input spaces: new seeds until the target
        if tally.cases >= target:
            break
        for operation in mine:
            strategy = st.one_of(
                operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE)
            )

            @given(case=strategy, pick=st.integers(0, 5))
            @seed(rounds)
            @settings(
                max_examples=per_operation,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
                phases=[Phase.generate],
            )
            def call(case: Any, pick: int) -> None:
                for name in case.path_parameters or {}:
                    known = world.ids.get(name)
                    if known and pick % 2:
                        case.path_parameters[name] = known[pick // 2 % len(known)]
                if case.path_parameters and case.path_parameters.get("token_id") == own_token:
                    case.path_parameters["token_id"] = 0  # revoking its own token would end the run
                response = case.call(headers=headers)
                tally.cases += 1
                tally.statuses[response.status_code] += 1
                try:
                    case.validate_response(response, checks=CHECKS, headers=headers)
                except (AssertionError, FailureGroup) as failure:
                    where = f"{case.method} {case.formatted_path} {case.query} {str(case.body)[:120]}"
                    tally.failures.append(f"{where} -> {response.status_code}: {str(failure)[:600]}")
                if case.method.upper() != "GET" and admins() < 1:
                    tally.failures.append(
                        f"{case.method} {case.formatted_path}: no active administrator left"
                    )

            call()
    return tally


@pytest.mark.slow  # `make test` runs it with the small sample; `make test-fast` leaves it out
@pytest.mark.parametrize("role", ROLES)
def test_generated_requests_get_no_server_error_and_answer_in_their_schema(operations, world, role, capsys):
    started = time.perf_counter()
    tally = fuzz(operations, world, role, CASES)
    figures = {
        "role": role,
        "cases": tally.cases,
        "operations": tally.operations,
        "failures": len(tally.failures),
        "statuses": dict(sorted(tally.statuses.items())),
        "wall_s": round(time.perf_counter() - started, 1),
    }
    with capsys.disabled():
        print("\nfuzz " + json.dumps(figures))
    assert tally.cases >= CASES
    assert not any(code >= 500 for code in tally.statuses), "\n".join(tally.failures[:8])
    assert not tally.failures, "\n".join(tally.failures[:8])


def test_the_roles_share_out_every_operation(operations):
    shares = [op for role in ROLES for op in share(operations, role, 1)]
    assert len(operations) > 100 and sorted(map(id, shares)) == sorted(map(id, operations))


def test_the_checks_refuse_an_answer_outside_the_document(operations):
    """The fuzzing above proves something only if a wrong answer fails these checks."""
    me = next(op for op in operations if op.label == "GET /api/v1/me")

    def answer(status: int, **content: Any) -> httpx.Response:
        r = httpx.Response(status, request=httpx.Request("GET", "http://testserver/api/v1/me"), **content)
        r.elapsed = timedelta(milliseconds=5)
        return r

    for wrong in (
        answer(200, json={"id": "not a number"}),  # a body outside the schema
        answer(200, text="id,email", headers={"content-type": "text/csv"}),  # an undocumented media type
        answer(418, json={"detail": []}),  # an undocumented status
        answer(500, json={"detail": []}),
    ):
        with pytest.raises((AssertionError, FailureGroup)):
            me.Case().validate_response(wrong, checks=CHECKS)
    me.Case().validate_response(
        answer(401, json={"detail": [{"loc": [], "msg": "x", "type": "y"}]}), checks=CHECKS
    )


def test_no_operation_lets_the_last_admin_step_down(world, client):
    """The world's only administrator cannot take any other role through the users API."""
    h, admin = world.tokens["admin"], world.users["admin"].id
    assert admins() == 1
    for role in ("user", "analyst", "support_agent", "government_officer"):
        r = client.patch(f"/api/v1/users/{admin}", json={"role": role}, headers=h)
        assert r.status_code == 409, r.text
    assert admins() == 1 and client.get("/api/v1/me", headers=h).json()["role"] == "admin"


@pytest.mark.parametrize(
    "path", ["/api/v1/organisations/9223372036854775808", "/organisations/99999999999999999999"]
)
def test_ids_beyond_the_database_integer_are_not_found(client, path):
    assert client.get(path).status_code == 404
