"""Every HTTP route answers garbage with a 4xx and a clear message, never a 5xx.

Schemathesis reads the app's own OpenAPI schema in-process and, for every operation, sends the
schema's boundary values (its coverage phase) and requests that fit the schema and requests
that break it (fuzzing), to an app on a seeded demo company: with the admin token, so the fuzzer
reaches the read handlers, and with Twilio on, so the webhooks check their signatures.

The schema is loaded when the module is imported (schemathesis's fixture-based loader does not
work with pytest 9.2), from an app whose container is swapped for the seeded one per module.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from urllib.parse import quote

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis import Case, Response

from api.app import create_app
from api.bootstrap import bootstrap
from api.settings import Settings
from domain.clock import FixedClock
from store.migrate import upgrade
from store.seed import seed_demo

TOKEN = "fuzz-admin-token"
NOW = datetime(2026, 3, 2, 15, 30, tzinfo=UTC)  # Monday 09:30 in Chicago
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def fuzz_settings(database_url: str) -> Settings:
    return Settings(database_url=database_url, admin_token=TOKEN, twilio_enabled=True,
                    twilio_auth_token="fuzz-twilio-token", public_base_url="https://bot.example.test",
                    run_sender=False)


# Bootstrapping touches no database: this app only serves its schema until `seeded_company` runs.
app = create_app(container=bootstrap(fuzz_settings("sqlite://")))
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.fixture(scope="module", autouse=True)
def seeded_company(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The app's container on a migrated SQLite file with the demo company in it."""
    url = f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'fieldbot.db'}"
    upgrade(url)
    container = bootstrap(fuzz_settings(url), clock=FixedClock(NOW))
    assert seed_demo(bus=container.bus, uow_factory=container.uow_factory,
                     business=container.business, catalog=container.catalog, now=NOW)
    schema_only, app.state.container = app.state.container, container
    yield
    app.state.container = schema_only
    container.engine.dispose()


def refused_with_a_reason(response: Response) -> bool:
    body = response.json()
    return isinstance(body, dict) and bool(body.get("detail"))


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_request_gets_a_server_error_and_every_refusal_says_why(case: Case) -> None:
    response = case.call(headers=AUTH)
    where = f"{case.method} {case.formatted_path} query={case.query}"
    assert response.status_code < 500, f"{where}: {response.status_code} {response.text[:300]}"
    if 400 <= response.status_code < 500:
        assert refused_with_a_reason(response), (
            f"{where}: {response.status_code} without a `detail`: {response.text[:300]}")


GARBAGE = {
    "integer": ["9223372036854775808", "-9223372036854775809", "1" + "0" * 30, "1e3", " 7"],
    "string": ["\x00", "+1555\x000100001", "☎" * 40, "'; drop table jobs; --", "%00"],
}


def query_parameters_of_type(kind: str) -> list[tuple[str, str]]:
    found = []
    for result in schema.get_all_operations():
        operation = result.ok()
        for parameter in operation.query:
            definition = parameter.definition.get("schema", {})
            kinds = {definition.get("type")} | {branch.get("type")
                                                for branch in definition.get("anyOf", [])}
            if kind in kinds:
                found.append((operation.path, parameter.name))
    return found


@pytest.mark.parametrize("path, name, value", [
    (path, name, value)
    for kind, values in GARBAGE.items()
    for path, name in query_parameters_of_type(kind)
    for value in values
])
def test_out_of_range_and_odd_values_in_every_query_parameter_are_refused_with_a_reason(
        path: str, name: str, value: str) -> None:
    """Big numbers the database cannot bind and NUL bytes it cannot store are the fuzzer's
    rare finds; here every typed query parameter gets them on every run."""
    with TestClient(app) as client:
        response = client.get(path, params={name: value}, headers=AUTH)
    assert response.status_code < 500, response.text[:300]
    if response.status_code >= 400:
        assert refused_with_a_reason(response)


def operations_with_path_ids() -> list[str]:
    """The paths with an id in them (`/api/accounts/{account_id}`...)."""
    return sorted({result.ok().path for result in schema.get_all_operations()
                   if result.ok().path_parameters})


def with_id(path: str, value: str) -> str:
    return re.sub(r"\{[^}]+\}", quote(value, safe=""), path)


@pytest.mark.parametrize("path, value", [
    (path, value)
    for path in operations_with_path_ids()
    for value in [*GARBAGE["integer"], *GARBAGE["string"]]
])
def test_odd_values_in_every_path_id_are_refused_with_a_reason(path: str, value: str) -> None:
    with TestClient(app) as client:
        response = client.get(with_id(path, value), headers=AUTH)
    assert response.status_code < 500, response.text[:300]
    if response.status_code >= 400:
        assert refused_with_a_reason(response)


@pytest.mark.parametrize("path, value, status", [
    (path, value, status)
    for path in operations_with_path_ids()
    for value, status in [("0", 422), ("-1", 422), ("2147483648", 422), ("999999", 404),
                          ("2147483647", 404)]
])
def test_an_id_no_row_has_is_a_404_and_one_that_is_no_id_a_422(path: str, value: str,
                                                               status: int) -> None:
    with TestClient(app) as client:
        response = client.get(with_id(path, value), headers=AUTH)
    assert response.status_code == status, response.text[:300]
    assert refused_with_a_reason(response)
