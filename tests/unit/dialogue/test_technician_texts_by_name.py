"""Technicians' texts from the field that name a customer or ask about their own visit: a delay
said beside setting off with no time, an ETA as a clock time at a customer named, a fresh ETA
while on the way, and questions about the visit (address, access, phone) answered from the
technician's own schedule only."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.jobs import JobState
from tests.unit.dialogue.chat_world import JOE, TOM, ChatWorld
from tests.unit.dialogue.test_technician_flow import day, job_of, told

__all__ = ["day"]  # the fixture, shared with the technician flow's tests


@pytest.mark.parametrize("text", ["omw to okafor, running a bit behind", "omw, running behind"])
def test_setting_off_behind_with_no_time_tells_the_customer_of_the_delay(
        day: ChatWorld, text: str) -> None:
    day.clock.advance(timedelta(hours=3, minutes=30))  # 12:30pm, Joe's window opens at 1pm
    answer = day.text(TOM, text).text
    assert job_of(day, "joe_today").state is JobState.EN_ROUTE
    assert "Joe has been told you're running behind" in answer
    [message] = told(day, JOE)
    assert "on the way, running a little behind" in message.body
