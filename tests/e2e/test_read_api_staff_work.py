"""The staff side of the read API through the app on a seeded database: a technician runs a
visit by SMS, and the API shows the visit's state, ETA and summary, the invoice it drafted, the
account's lifetime revenue and service history, and its timeline newest first."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from fastapi.testclient import TestClient

from api.bootstrap import Container
from tests.e2e.conftest import ADMIN, SMS_NOW
from tests.e2e.sms import Phone
from tests.e2e.test_sms_technician import a_technician_with_a_visit_to_start


def get(client: TestClient, path: str, **params: Any) -> Any:
    response = client.get(path, headers=ADMIN, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def account_of(client: TestClient, phone: str) -> int:
    [customer] = get(client, "/api/customers", phone=phone)
    return int(customer["account_id"])


def the_visit(client: TestClient, technician_id: int, account_id: int) -> dict[str, Any]:
    today = SMS_NOW.astimezone(ZoneInfo("America/Chicago")).date().isoformat()
    visits = get(client, "/api/appointments", technician_id=technician_id, date=today)
    return next(v for v in visits if v["account_id"] == account_id)


def test_a_visit_run_by_text_shows_in_appointments_invoices_account_and_timeline(
        sms_client: TestClient, sms_container: Container) -> None:
    tech_phone, tech_name, customer_phone = a_technician_with_a_visit_to_start(sms_container)
    account_id = account_of(sms_client, customer_phone)
    [technician] = [m for m in get(sms_client, "/api/staff", role="technician")
                    if m["phone"] == tech_phone]
    before = get(sms_client, f"/api/accounts/{account_id}")
    tech = Phone(sms_client, tech_phone)

    assert "on the way" in tech.text("omw 20")
    visit = the_visit(sms_client, technician["id"], account_id)
    assert visit["job_state"] == "en_route" and visit["summary"] == ""
    assert visit["eta"]["utc"].startswith("2026-03-02T15:50:00")  # 9:30 in Chicago + 20 min
    [job] = [j for j in get(sms_client, "/api/jobs", account_id=account_id)
             if j["id"] == visit["job_id"]]
    assert job["state"] == "en_route" and job["eta"] == visit["eta"]

    tech.text("here")
    tech.text("done, replaced capacitor")
    visit = the_visit(sms_client, technician["id"], account_id)
    assert visit["job_state"] == "completed" and "replaced capacitor" in visit["summary"].lower()

    [invoice] = [i for i in get(sms_client, "/api/invoices", account_id=account_id)
                 if i["job_id"] == visit["job_id"]]
    assert invoice["state"] == "draft" and invoice["job_number"] == f"J-{visit['job_id']}"
    assert invoice["total_cents"] == sum(line["total_cents"] for line in invoice["lines"]) > 0
    assert invoice["created"]["utc"] == SMS_NOW.isoformat().replace("+00:00", "Z")

    account = get(sms_client, f"/api/accounts/{account_id}")
    assert account["lifetime_revenue_cents"] == (before["lifetime_revenue_cents"]
                                                 + invoice["total_cents"])
    latest = account["service_history"][0]
    assert latest["job_id"] == visit["job_id"]
    assert latest["technician_name"] == tech_name
    assert "replaced capacitor" in latest["summary"].lower()
    assert latest["date"] == visit["start"]["local"][:10] and latest["service"]

    timeline = get(sms_client, f"/api/accounts/{account_id}/timeline")
    moments = [entry["at"]["utc"] for entry in timeline]
    assert moments == sorted(moments, reverse=True)
    assert any(entry["summary"] == f"Invoice {invoice['number']} drafted for {invoice['total']}"
               for entry in timeline)
    assert all(entry["account_id"] == account_id for entry in timeline)


def test_an_undone_completion_voids_its_invoice_and_takes_it_out_of_the_revenue(
        sms_client: TestClient, sms_container: Container) -> None:
    tech_phone, _, customer_phone = a_technician_with_a_visit_to_start(sms_container)
    account_id = account_of(sms_client, customer_phone)
    before = get(sms_client, f"/api/accounts/{account_id}")["lifetime_revenue_cents"]
    tech = Phone(sms_client, tech_phone)
    for text in ("omw 20", "here", "done, replaced capacitor"):
        tech.text(text)
    assert get(sms_client, f"/api/accounts/{account_id}")["lifetime_revenue_cents"] > before

    tech.text("undo")
    account = get(sms_client, f"/api/accounts/{account_id}")
    assert account["lifetime_revenue_cents"] == before
    voided = get(sms_client, "/api/invoices", account_id=account_id, state="void")
    assert voided and not any(invoice["counts_as_revenue"] for invoice in voided)
