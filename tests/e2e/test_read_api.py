"""The read API over a seeded demo company: auth, filters, local times, garbage in."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.bootstrap import bootstrap
from api.settings import Settings
from domain.clock import FixedClock
from domain.messages import Direction, Message, MessageKind, MessageStatus
from domain.parties import Channel
from store.seed import seed_demo

TOKEN = "test-admin-token"
NOW = datetime(2026, 3, 2, 15, 30, tzinfo=UTC)  # Monday 09:30 in Chicago
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def client(module_database_url: str) -> Iterator[TestClient]:
    container = bootstrap(Settings(database_url=module_database_url, admin_token=TOKEN,
                                   run_sender=False), clock=FixedClock(NOW))
    assert seed_demo(bus=container.bus, uow_factory=container.uow_factory,
                     business=container.business, catalog=container.catalog, now=NOW)
    with TestClient(create_app(container=container)) as test_client:
        yield test_client
    container.engine.dispose()


def test_health_checks_the_database(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}


@pytest.mark.parametrize("path", ["/api/customers", "/api/jobs", "/api/appointments",
                                  "/api/quotes", "/api/deals", "/api/messages", "/api/staff",
                                  "/api/invoices", "/api/accounts/1", "/api/accounts/1/timeline"])
def test_read_endpoints_refuse_requests_without_the_token(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 401
    assert client.get(path, headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_appointments_list_the_seeded_visits_with_local_and_utc_times(client: TestClient) -> None:
    response = client.get("/api/appointments", headers=AUTH)
    assert response.status_code == 200
    visits = response.json()
    assert len(visits) > 50
    first = visits[0]
    utc = datetime.fromisoformat(first["start"]["utc"])
    local = datetime.fromisoformat(first["start"]["local"])
    assert utc == local
    assert local.utcoffset() == utc.astimezone(ZoneInfo("America/Chicago")).utcoffset()
    assert first["technician_name"]


def test_appointments_filter_by_local_day_and_technician(client: TestClient) -> None:
    everything = client.get("/api/appointments", headers=AUTH).json()
    tech = everything[0]["technician_id"]
    day = everything[0]["start"]["local"][:10]
    found = client.get("/api/appointments", headers=AUTH,
                       params={"date": day, "technician_id": tech}).json()
    assert found
    assert all(v["technician_id"] == tech and v["start"]["local"][:10] == day for v in found)


def test_customer_lookup_accepts_any_phone_format(client: TestClient) -> None:
    found = client.get("/api/customers", headers=AUTH, params={"phone": "(555) 010-0001"}).json()
    assert [c["phone"] for c in found] == ["+15550100001"]
    assert found[0]["sites"]


def test_deals_cover_every_stage_and_some_are_overdue(client: TestClient) -> None:
    deals = client.get("/api/deals", headers=AUTH).json()
    assert {d["stage"] for d in deals} == {"new", "qualified", "quoted", "won", "lost"}
    assert any(d["follow_up_due"] for d in deals)
    assert all(d["job_id"] for d in deals if d["stage"] == "won")


def test_quotes_await_approval(client: TestClient) -> None:
    quotes = client.get("/api/quotes", headers=AUTH, params={"state": "sent"}).json()
    assert quotes and all(q["total_cents"] > 0 and q["number"].startswith("Q-") for q in quotes)


@pytest.mark.parametrize("path, params", [
    ("/api/appointments", {"date": "not-a-date"}),
    ("/api/appointments", {"technician_id": "abc"}),
    ("/api/appointments", {"phone": "garbage"}),
    ("/api/customers", {"phone": "12"}),
    ("/api/jobs", {"state": "flying"}),
    ("/api/messages", {"limit": "-1"}),
    ("/api/messages", {"status": "lost-in-space"}),
    ("/api/staff", {"role": "astronaut"}),
    ("/api/staff", {"active": "perhaps"}),
    ("/api/invoices", {"account_id": "abc"}),
    ("/api/invoices", {"state": "burnt"}),
    ("/api/accounts/1/timeline", {"before_id": "0"}),
    ("/api/accounts/1/timeline", {"limit": "many"}),
])
def test_garbage_queries_get_a_4xx_with_a_message(client: TestClient, path: str,
                                                   params: dict[str, str]) -> None:
    response = client.get(path, headers=AUTH, params=params)
    assert 400 <= response.status_code < 500
    assert response.json()["detail"]


def test_messages_filter_by_status_for_the_failed_list(client: TestClient) -> None:
    container = client.app.state.container  # type: ignore[attr-defined]
    with container.uow_factory() as uow:
        for status in (MessageStatus.FAILED, MessageStatus.QUEUED):
            uow.messages.add(Message(channel=Channel.SMS, direction=Direction.OUT,
                                     address="+15550100002", body="Reminder", created_at=NOW,
                                     status=status, kind=MessageKind.REMINDER))
        uow.commit()
    response = client.get("/api/messages", headers=AUTH, params={"status": "failed"})
    assert response.status_code == 200
    failed = response.json()
    assert failed and all(m["status"] == "failed" for m in failed)


def test_health_reports_a_dead_database_as_503(tmp_path) -> None:
    missing = tmp_path / "no-such-dir" / "fieldbot.db"
    container = bootstrap(Settings(database_url=f"sqlite:///{missing}", admin_token=TOKEN,
                                   run_sender=False))
    with TestClient(create_app(container=container)) as test_client:
        assert test_client.get("/healthz").status_code == 503


def test_staff_list_every_technician_with_phone_zones_and_skills_and_filter_by_role(
        client: TestClient) -> None:
    technicians = client.get("/api/staff", headers=AUTH, params={"role": "technician"}).json()
    assert len(technicians) == 6
    assert all(t["role"] == "technician" and t["phone"].startswith("+1") and t["zones"]
               and t["skills"] and t["active"] for t in technicians)
    reps = client.get("/api/staff", headers=AUTH, params={"role": "sales"}).json()
    assert [r["name"] for r in reps] == ["Rachel Green", "Tony Marsh", "Lena Ortiz"]
    assert all(r["zones"] == [] and r["skills"] == [] for r in reps)


def test_the_finished_demo_visit_shows_its_invoice_revenue_and_service_history(
        client: TestClient) -> None:
    [job] = client.get("/api/jobs", headers=AUTH, params={"state": "completed"}).json()
    [invoice] = client.get("/api/invoices", headers=AUTH,
                           params={"account_id": job["account_id"]}).json()
    assert invoice["job_id"] == job["id"] and invoice["state"] == "draft"
    assert invoice["total_cents"] == 3200 + 12500  # thermocouple + an hour of labor
    account = client.get(f"/api/accounts/{job['account_id']}", headers=AUTH).json()
    assert account["lifetime_revenue_cents"] == invoice["total_cents"]
    assert account["lifetime_revenue"] == "$157.00"
    [visit] = account["service_history"]
    assert visit["job_id"] == job["id"] and visit["summary"] == job["summary"] != ""
    assert visit["service"] == "Water heater service" and visit["technician_name"]
    assert account["contacts"] and account["sites"]


def test_an_account_without_invoices_has_no_revenue_and_no_history(client: TestClient) -> None:
    invoiced = {i["account_id"] for i in client.get("/api/invoices", headers=AUTH).json()}
    other = next(c["account_id"] for c in client.get("/api/customers", headers=AUTH).json()
                 if c["account_id"] not in invoiced)
    account = client.get(f"/api/accounts/{other}", headers=AUTH).json()
    assert account["lifetime_revenue_cents"] == 0 and account["service_history"] == []


@pytest.mark.parametrize("path, params, status", [
    ("/api/accounts/999999", {}, 404),
    ("/api/accounts/999999/timeline", {}, 404),
    ("/api/invoices", {"account_id": "999999"}, 404),
    ("/api/accounts/abc", {}, 422),
    ("/api/accounts/0", {}, 422),
    ("/api/accounts/-3/timeline", {}, 422),
    ("/api/accounts/99999999999999999999", {}, 422),
    ("/api/accounts/1/timeline", {"before_id": "999999"}, 404),
])
def test_unknown_and_garbage_ids_are_a_404_or_422_with_a_reason(
        client: TestClient, path: str, params: dict[str, str], status: int) -> None:
    response = client.get(path, headers=AUTH, params=params)
    assert response.status_code == status, response.text
    assert response.json()["detail"]


def test_another_accounts_timeline_entry_as_cursor_is_a_404(client: TestClient) -> None:
    first = client.get("/api/accounts/1/timeline", headers=AUTH).json()
    second = client.get("/api/accounts/2/timeline", headers=AUTH).json()
    assert first and second
    response = client.get("/api/accounts/1/timeline", headers=AUTH,
                          params={"before_id": second[0]["id"]})
    assert response.status_code == 404 and "account 1" in response.json()["detail"]
    mine = client.get("/api/accounts/1/timeline", headers=AUTH,
                      params={"before_id": first[0]["id"]})
    assert mine.status_code == 200
