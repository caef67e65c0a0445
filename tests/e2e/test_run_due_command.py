"""Book by SMS, then `fieldbot run-due --now <24 h before>`: the reminder is in the customer's
thread once; after a move by SMS the next passes remind of the new time only."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

from api.cli import main
from tests.e2e.conftest import ADMIN
from tests.e2e.sms import Phone, converse
from tests.e2e.test_sms_dialogs import NEW_NUMBER, appointments_of, book_as_a_new_customer


@pytest.fixture(autouse=True)
def log_provider(monkeypatch: pytest.MonkeyPatch) -> None:
    """run-due builds its sender from the environment: the log provider, no network."""
    for name in ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM_NUMBER"):
        monkeypatch.setenv(name, "")


def thread(client: TestClient, phone: str) -> list[dict[str, Any]]:
    response = client.get("/api/messages", params={"phone": phone, "limit": 200}, headers=ADMIN)
    assert response.status_code == 200
    items = response.json()
    return list(items["items"] if isinstance(items, dict) else items)


def reminders(client: TestClient, phone: str) -> list[dict[str, Any]]:
    return [m for m in thread(client, phone) if m["kind"] == "reminder"]


def run_due(database_url: str, now: datetime, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["run-due", "--now", now.isoformat(), "--database-url", database_url]) == 0
    return capsys.readouterr().out


def visit_start(client: TestClient) -> datetime:
    [visit] = [v for v in appointments_of(client, NEW_NUMBER) if v["status"] == "booked"]
    return datetime.fromisoformat(visit["start"]["utc"])


def test_run_due_reminds_once_and_after_a_move_only_of_the_new_time(
        sms_client: TestClient, database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    phone = Phone(sms_client, NEW_NUMBER)
    book_as_a_new_customer(phone)  # Tuesday 3 March, morning
    start = visit_start(sms_client)

    printed = run_due(database_url, start - timedelta(hours=24), capsys)
    [reminder] = reminders(sms_client, NEW_NUMBER)
    assert reminder["status"] == "sent" and reminder["about"].startswith("appointment:")
    assert "Tue Mar 3" in reminder["body"] and "Reply Y to confirm or R" in reminder["body"]
    assert "queued reminder" in printed and " reminder " in printed.splitlines()[-1]
    assert NEW_NUMBER not in printed  # the report masks numbers and shows no bodies
    assert reminder["body"] not in printed

    again = run_due(database_url, start - timedelta(hours=24) + timedelta(minutes=1), capsys)
    assert len(reminders(sms_client, NEW_NUMBER)) == 1
    assert "queued: nothing" in again

    converse(phone, [("can we move it to friday afternoon?", "Fri Mar 6"),
                     ("1", "to Fri Mar 6")])
    moved = visit_start(sms_client)
    assert moved != start
    run_due(database_url, moved - timedelta(hours=24), capsys)
    run_due(database_url, moved - timedelta(hours=2), capsys)
    after_move = [m for m in reminders(sms_client, NEW_NUMBER) if m["id"] != reminder["id"]]
    assert len(after_move) == 2
    assert all("Fri Mar 6" in m["body"] and "Tue Mar 3" not in m["body"] for m in after_move)
    assert all(m["status"] == "sent" for m in after_move)


def test_run_due_dry_run_writes_nothing(sms_client: TestClient, database_url: str,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    book_as_a_new_customer(Phone(sms_client, NEW_NUMBER))
    start = visit_start(sms_client)
    assert main(["run-due", "--dry-run", "--now", (start - timedelta(hours=24)).isoformat(),
                 "--database-url", database_url]) == 0
    printed = capsys.readouterr().out
    assert "would queue reminder" in printed and "dry run, nothing written" in printed
    assert reminders(sms_client, NEW_NUMBER) == []


def test_run_due_reads_a_wall_time_without_offset_in_the_business_zone(
        sms_client: TestClient, database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    book_as_a_new_customer(Phone(sms_client, NEW_NUMBER))
    start = visit_start(sms_client)
    zone = ZoneInfo("America/Chicago")  # the test business's zone
    wall = (start - timedelta(hours=24)).astimezone(zone).replace(tzinfo=None)
    assert main(["run-due", "--dry-run", "--now", wall.isoformat(timespec="minutes"),
                 "--database-url", database_url]) == 0
    printed = capsys.readouterr().out
    assert "would queue reminder" in printed
    assert f"due {wall:%Y-%m-%dT%H:%M}" in printed  # shown in the business's zone too


@pytest.mark.parametrize(("now", "said"), [("tomorrow", "not an ISO date-time"),
                                           ("9999-12-31T23:00", "out of range"),
                                           ("0001-01-01T00:00", "out of range")])
def test_run_due_refuses_what_is_not_a_moment(capsys: pytest.CaptureFixture[str],
                                              sqlite_url: str, now: str, said: str) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["run-due", "--now", now, "--database-url", sqlite_url])
    assert exit_.value.code == 2
    assert said in capsys.readouterr().err
