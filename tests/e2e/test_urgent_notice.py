"""A gas smell texted by SMS: the safety step comes back, and the urgent notice shows in the API."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.e2e.conftest import ADMIN
from tests.e2e.sms import Phone

MARIA = "+15550100001"  # a seeded customer
DISPATCHER = "+15550100099"  # Dana Whitfield, the demo company's dispatcher


def test_a_gas_smell_gets_the_safety_step_and_the_dispatcher_an_urgent_notice(
        sms_client: TestClient) -> None:
    answer = Phone(sms_client, MARIA).text("i smell gas near the furnace, what should i do")
    assert answer.startswith("Please leave the house now.") and "911" in answer
    assert "We can come" not in answer
    thread = sms_client.get("/api/messages", params={"phone": DISPATCHER}, headers=ADMIN).json()
    urgent = [m for m in thread if m["direction"] == "out" and m["body"].startswith("URGENT")]
    assert len(urgent) == 1 and "gas smell" in urgent[0]["body"]
