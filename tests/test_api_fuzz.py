"""Generated input on every API operation (schemathesis, from the OpenAPI document): never a 500."""

from __future__ import annotations

import pytest


@pytest.fixture
def admin_headers(make_user, make_org, api_token):
    """An admin with an organisation, so that generated requests get past authentication."""
    from kcbridge.accounts.models import Role

    admin = make_user(role=Role.ADMIN)
    make_org(owner=admin, name_en="Fuzz Org", sectors=["robotics"])
    return api_token(admin)


@pytest.mark.slow  # 25 generated requests for each of a hundred-odd operations
def test_generated_requests_never_get_a_500(db_url, admin_headers):
    schemathesis = pytest.importorskip("schemathesis")
    from hypothesis import HealthCheck, given, settings

    from kcbridge.app.web import create_app

    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", create_app())
    failures: list[tuple] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @given(case=operation.as_strategy())
        @settings(
            max_examples=25,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def call(case) -> None:
            response = case.call(headers=admin_headers)
            if response.status_code >= 500:
                failures.append(
                    (case.method, case.formatted_path, case.query, case.body, response.text[:300])
                )

        call()
    assert operations > 80
    assert not failures, failures[:5]


@pytest.mark.parametrize(
    "path", ["/api/v1/organisations/9223372036854775808", "/organisations/99999999999999999999"]
)
def test_ids_beyond_the_database_integer_are_not_found(client, path):
    assert client.get(path).status_code == 404
