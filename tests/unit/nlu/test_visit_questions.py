"""Questions about booked visits and finished work are job_status, never a booking or a move.

Reference time: Monday 2 March 2026, 09:30 in Chicago (the `understand` fixture).
"""

from __future__ import annotations

import pytest

from bot.nlu import intents


@pytest.mark.parametrize("text", [
    "are we still good for the tune up monday",
    "so no need to send anyone. are we still good for the tune up monday",
    "r we still on for thursday?",
    "NO dont cancel anything!! i just asked if monday is still on",
    "is friday's visit still happening",
    "ok so are my monday appts still on or did stop cancel them",
    "whats on monday for me",
    "what's booked tomorrow",
    "do i have anyone coming tomorrow",
    "do i already have someone coming tomorrow",
    "do we have a visit on friday?",
    "who's coming thursday",
    "whos coming tmrw?",
    "who is coming",
    "who is the tech for friday",
    "is someone coming today?",
    "is anyone booked for thursday",
    "what did they do this morning",
    "what did the tech do last time",
    "what did you guys fix",
    "what was done yesterday?",
    "when is the electrician coming",
    "what time is my appointment tomorrow",
    "which day is my ac repair",
    "when's my next appointment",
    "what day is my tune up",
    "any visits this week?",
    "is my appointment tomorrow still on?",
])
def test_questions_about_visits_are_job_status(understand, text: str) -> None:
    assert understand(text, role="customer").intent == intents.JOB_STATUS


@pytest.mark.parametrize("text, intent", [
    ("i have someone coming tomorrow but can you also look at my furnace", intents.BOOK),
    ("can someone come tomorrow to fix the sink", intents.BOOK),
    ("who do i call about my bill", intents.UNKNOWN),
    ("when is the next available appointment", intents.BOOK),
    ("any appointments available tomorrow?", intents.BOOK),
])
def test_requests_beside_them_are_not_questions(understand, text: str, intent: str) -> None:
    assert understand(text, role="customer").intent == intent


@pytest.mark.parametrize("text", [
    "maybe, how much again?",
    "how much was it again",
    "did my approval go through?",
    "what's included in the quote",
    "is the quote still valid?",
    "what's the difference between the two quotes",
])
def test_questions_about_a_quote_neither_book_nor_decide(understand, text: str) -> None:
    intent = understand(text, role="customer").intent
    assert intent not in intents.CONSEQUENTIAL and intent != intents.BOOK
