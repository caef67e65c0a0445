"""A demo technician runs a visit by SMS through the signed webhook; the customer's thread in
/api/messages shows the update, and the customer's own "where's the tech?" says on the way."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from fastapi.testclient import TestClient

from api.bootstrap import Container
from domain.jobs import JobState
from domain.staff import Role
from tests.e2e.conftest import ADMIN, SMS_NOW
from tests.e2e.sms import Phone


def a_technician_with_a_visit_to_start(container: Container) -> tuple[str, str, str]:
    """A demo technician with nothing under way and a visit later today: (their phone, their
    name, the customer's phone)."""
    local = SMS_NOW.astimezone(ZoneInfo(container.business.timezone))
    start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    with container.uow_factory() as uow:
        for tech in uow.staff.find(role=Role.TECHNICIAN, active=True):
            visits = sorted(uow.appointments.overlapping(start, start + timedelta(days=1),
                                                         technician_ids=[tech.id or 0]),
                            key=lambda a: a.start)
            jobs = [uow.jobs.get(a.job_id) for a in visits]
            if not jobs or any(j is None or j.state is not JobState.SCHEDULED for j in jobs):
                continue
            first = jobs[0]
            assert first is not None
            contact = uow.contacts.first(account_id=first.account_id)
            if tech.phone and contact is not None and contact.phone:
                return tech.phone, tech.name, contact.phone
    raise AssertionError("the demo has no technician with a visit to start today")


def test_omw_by_sms_tells_the_customer_and_where_is_the_tech_says_on_the_way(
        sms_client: TestClient, sms_container: Container) -> None:
    tech_phone, tech_name, customer_phone = a_technician_with_a_visit_to_start(sms_container)
    answer = Phone(sms_client, tech_phone).text("omw 20")
    assert "on the way to" in answer and "has been told" in answer
    thread = sms_client.get("/api/messages", params={"phone": customer_phone}, headers=ADMIN)
    assert thread.status_code == 200
    [update] = [m for m in thread.json() if "is on the way" in m["body"]]
    assert update["body"].startswith(f"{tech_name.split()[0]} from {sms_container.business.name}")
    assert "about 9:50am" in update["body"]  # 9:30 in Chicago, plus twenty minutes
    assert "on the way" in Phone(sms_client, customer_phone).text("where's the tech?")
