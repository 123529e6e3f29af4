"""Generated input on every cases API operation (schemathesis), as the administrator and as a firm's
owner: a 4xx with the field path, never a 500."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("role", ["admin", "owner"])
def test_generated_requests_to_cases_never_get_a_500(app, world, api_token, role):
    schemathesis = pytest.importorskip("schemathesis")
    from hypothesis import HealthCheck, given, settings

    headers = api_token(world.users[role])
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    failures: list[tuple] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if not operation.path.startswith("/api/v1/cases"):
            continue
        operations += 1

        @given(case=operation.as_strategy())
        @settings(
            max_examples=12,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def call(case) -> None:
            response = case.call(headers=headers)
            if response.status_code >= 500:
                failures.append(
                    (case.method, case.formatted_path, case.query, case.body, response.text[:300])
                )

        call()
    assert operations >= 19
    assert not failures, failures[:5]
