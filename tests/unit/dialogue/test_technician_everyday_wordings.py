"""Technicians' updates in everyday words: an arrival behind an "ok", "done" said otherwise or in
a longer text (the summary keeps the work, not the chit-chat), a name shared with another
technician's visit, texts for the office, plans with a time, and a customer asking after a
technician past the time given."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.jobs import JobState
from tests.unit.dialogue.chat_world import TOM, ChatWorld
from tests.unit.dialogue.test_technician_flow import day, job_of

__all__ = ["day"]  # the fixture, shared with the technician flow's tests


def _on_the_way_to_joe(day: ChatWorld) -> None:
    day.clock.advance(timedelta(hours=3, minutes=30))  # 12:30pm, Joe's window opens at 1pm
    day.text(TOM, "omw 20")
    assert job_of(day, "joe_today").state is JobState.EN_ROUTE


# --- an arrival behind an acknowledgement ------------------------------------------------------


@pytest.mark.parametrize("text", ["k im here", "ok here now", "pulled up", "ok, pulled up"])
def test_an_arrival_behind_an_ok_checks_in_while_on_the_way(day: ChatWorld, text: str) -> None:
    _on_the_way_to_joe(day)
    said = day.text(TOM, text).text
    assert "Checked in" in said
    assert job_of(day, "joe_today").state is JobState.ON_SITE
    assert job_of(day, "fischer").state is JobState.SCHEDULED


@pytest.mark.parametrize("text", ["ok", "k", "ok thanks"])
def test_a_bare_ok_is_still_no_update(day: ChatWorld, text: str) -> None:
    _on_the_way_to_joe(day)
    before = day.model()
    day.text(TOM, text)
    assert day.changed_since(before) == set()
