"""Families of phrasings the fourth blind set showed the parser missing, each in fresh wordings.

Reference time: Monday 2 March 2026, 09:30 in Chicago (the `understand` fixture).
"""

from __future__ import annotations

import pytest

from bot.nlu.intents import CONSEQUENTIAL


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("we'll have to decline the estimate, it's more than we budgeted", None),
        ("going to have to reject quote 4410, way over budget", "4410"),
        ("I'm afraid we have to pass on the quote, over budget", None),
        ("we are not going to proceed with the quote", None),
        ("we won't be moving forward with estimate 3321, thanks", "3321"),
        ("not moving forward with the proposal", None),
    ],
)
def test_an_explicit_refusal_with_a_reason_declines_the_quote(understand, text, quote):
    parse = understand(text)
    assert parse.intent == "decline_quote"
    assert parse.slots.get("quote") == quote


@pytest.mark.parametrize(
    "text",
    [
        "my husband has to reject it, not me",
        "the board has to decline the quote first",
        "the quote is over budget, can you do it cheaper?",
        "if it's over budget we'll have to decline",
    ],
)
def test_a_refusal_left_to_someone_else_or_a_price_complaint_decides_nothing(understand, text):
    assert understand(text).intent not in CONSEQUENTIAL


@pytest.mark.parametrize(
    "text",
    ["can we move forward the appointment to tuesday", "move up my visit to thursday please"],
)
def test_moving_a_visit_forward_is_still_a_reschedule(understand, text):
    assert understand(text).intent == "reschedule"


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("furnace not heating 🥶 tmrw at 2?", {"date": "2026-03-03", "start": "14:00", "end": None}),
        ("ac not blowing cold air!! tmrw around 1?", {"date": "2026-03-03", "start": "13:00", "end": None}),
        ("heat not coming on. thursday at 10", {"date": "2026-03-05", "start": "10:00", "end": None}),
        ("send someone wed between 1 and 3", {"date": "2026-03-04", "start": "13:00", "end": "15:00"}),
        ("leaky faucet, wed after 2", {"date": "2026-03-04", "start": "14:00", "end": None}),
        ("sat around 10 for the water heater?", {"date": "2026-03-07", "start": "10:00", "end": None}),
    ],
)
def test_a_symptom_or_a_short_day_name_keeps_the_time_asked_for(understand, text, when):
    parse = understand(text)
    assert parse.intent == "book"
    assert parse.slots["when"] == when


@pytest.mark.parametrize(
    "text",
    [
        "need the AC tuned up before summer",
        "want the boiler tuned up this fall",
        "can i get my heat pump tuned up",
        "furnace tune-up before winter",
    ],
)
def test_tuning_up_equipment_is_maintenance(understand, text):
    assert understand(text).slots.get("service") == "hvac_maintenance"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("kitchen sink clogged. can't do tomorrow, what about friday", "book"),
        ("water heater leaking, thursday is no good, how about friday", "book"),
        ("the tech can't do tomorrow, how about monday", "reschedule"),
        ("my appointment for the drain - can't do tomorrow, how about monday", "reschedule"),
        ("can't make it tomorrow, how about monday", "reschedule"),
    ],
)
def test_refusing_a_day_books_unless_a_visit_already_exists(understand, text, intent):
    assert understand(text).intent == intent


@pytest.mark.parametrize(
    "text",
    [
        "is he almost here??",
        "hes almost there?",
        "is the tech nearly there",
        "how close is the plumber",
        "What day have you got me booked in for?",
        "what time have you got us down for",
        "when am i booked in",
        "what date is my appointment",
    ],
)
def test_short_questions_about_the_visit_ask_for_its_status(understand, text):
    assert understand(text).intent == "job_status"


@pytest.mark.parametrize(
    "text",
    [
        "What can I use this number for?",
        "what can this thing do",
        "what is this number for",
        "what's this for",
        "how do I use this",
    ],
)
def test_questions_about_the_bot_itself_ask_for_help(understand, text):
    assert understand(text).intent == "help"


def test_asking_what_the_business_can_do_about_a_fault_is_a_booking(understand):
    assert understand("what can you do about my broken ac").intent == "book"


@pytest.mark.parametrize(
    "text",
    [
        "which leads should I call back",
        "which accounts do I need to ring today",
        "what clients should we phone this week",
        "any leads I should call back today?",
    ],
)
def test_asking_whom_to_call_is_a_follow_up_list_not_a_call_request(understand, text):
    assert understand(text, role="sales").intent == "followups"


def test_asking_which_job_is_next_asks_for_the_next_job(understand):
    assert understand("which job is next", role="technician").intent == "tech_next"


@pytest.mark.parametrize(
    "text",
    [
        "not going ahead until the landlord agrees to the quote",
        "we're not moving forward till my husband sees the estimate",
        "i'm not going to move forward until I see the quote",
        "we won't proceed with the quote before we get a second opinion",
        "someone told me we have to reject the estimate",
        "the quote says we have to decline within 7 days",
        "we might have to decline the quote",
        "i'll probably have to decline quote 1200",
        "we'll have to decline unless you can lower it",
    ],
)
def test_a_refusal_waiting_on_something_reported_or_hedged_decides_nothing(understand, text):
    assert understand(text).intent not in CONSEQUENTIAL


@pytest.mark.parametrize(
    "text",
    ["we might have to decline the quote", "we need to think about the estimate"],
)
def test_weighing_a_quote_already_sent_books_no_visit(understand, text):
    assert understand(text).intent == "unknown"


def test_a_refusal_naming_the_quote_in_another_clause_declines_it(understand):
    assert understand("we have to decline, the quote is over budget").intent == "decline_quote"


@pytest.mark.parametrize(
    "text",
    ["is the plumber almost done", "are they nearly finished?", "what time did you book me in for?"],
)
def test_asking_how_far_along_or_when_booked_asks_for_status(understand, text):
    assert understand(text).intent == "job_status"


@pytest.mark.parametrize("text", ["what do you do", "what can you guys help with"])
def test_asking_what_the_bot_does_asks_for_help(understand, text):
    assert understand(text).intent == "help"


def test_asking_what_can_be_done_for_a_fault_books(understand):
    assert understand("what can you do for my leaky sink").intent == "book"
