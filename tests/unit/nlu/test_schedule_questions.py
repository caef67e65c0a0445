"""A technician's loosely worded question about their own day asks for the schedule."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", ["gm, first one not till 11 right?", "only 1?? and tmrw?",
                                  "good morning dana! 2 today?", "hey whats on for me",
                                  "whats on for me tmrw", "just 3 jobs today?",
                                  "is my first stop at 8?", "anything tmrw?", "how many today",
                                  "am i busy thursday", "when is my first one",
                                  "who do i have after lunch", "only hughes today?"])
def test_a_question_about_the_days_visits_asks_for_the_schedule(understand, text):
    assert understand(text, role="technician").intent == "tech_next"


@pytest.mark.parametrize(("text", "intent"), [("first one done", "tech_done"),
                                              ("2", "choose"), ("omw 2 min", "tech_en_route"),
                                              ("just finished today?", "unknown"),
                                              ("who do i have to call about the permit", "unknown")])
def test_a_number_or_the_first_job_in_an_update_asks_nothing(understand, text, intent):
    assert understand(text, role="technician").intent == intent
