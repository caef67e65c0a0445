"""Customers: booking, moving, cancelling, asking for status, and deciding on quotes."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "service"),
    [
        ("My air conditioner isn't cooling", "hvac_repair"),
        ("AC blowing warm air!!", "hvac_repair"),
        ("furnance wont turn on", "hvac_repair"),
        ("boiler's packed in, can an engineer come round", "hvac_repair"),
        ("need my annual boiler service", "hvac_maintenance"),
        ("AC tune-up before summer", "hvac_maintenance"),
        ("leaking tap in the bathroom", "plumbing_repair"),
        ("toilet keeps running", "plumbing_repair"),
        ("kitchen sink is backed up", "drain_cleaning"),
        ("shower drain is blocked", "drain_cleaning"),
        ("no hot water since this morning", "water_heater"),
        ("water heater is leaking", "water_heater"),
        ("breaker keeps tripping", "electrical"),
        ("half the sockets in the house stopped working", "electrical"),
    ],
)
def test_problems_are_booked_as_the_right_service(understand, text, service):
    result = understand(text)
    assert (result.intent, result.slots.get("service")) == ("book", service)


@pytest.mark.parametrize(
    "text",
    [
        "I would like to make an appointment",
        "can u guys come sunday",
        "Good morning, can you come Friday?",
        "BOOK ME IN FOR TUESDAY",
        "can you at least put me in for tomorrow morning",
        "ok put me down for friday",
        "schedule service for tmrw at 1 🙏",
        "need someone out asap",
    ],
)
def test_requests_for_a_visit_are_bookings(understand, text):
    assert understand(text).intent == "book"


@pytest.mark.parametrize(
    "text",
    [
        "can we move it to thursday",
        "resceduel my apointment to thrusday",
        "need to change my appt to tuesday morning",
        "could the visit be pushed to 5pm?",
        "something came up, can we do wednesday between 2 and 4 instead",
        "Can I rebook for the 25th?",
        "don't cancel, just push it to monday",
        "cant do tuesday anymore, wednesday after 2?",
        "can we postpone",
    ],
)
def test_moving_an_appointment_is_a_reschedule(understand, text):
    assert understand(text).intent == "reschedule"


@pytest.mark.parametrize(
    "text",
    [
        "cancel my appointment please",
        "Cancel my appt tmrw",
        "I'd like to cancel the visit on monday",
        "please cancel, we're selling the house",
        "can you cancel my booking",
        "never mind, problem solved itself. no need for the tech",
        "cancel",
    ],
)
def test_plain_cancellations_are_cancel(understand, text):
    assert understand(text).intent == "cancel"


@pytest.mark.parametrize("text", [
    "can friday's visit be after 3pm", "could tomorrow's appointment start later",
    "can the visit be after 3", "would my appointment be earlier?",
    "Would it be possible to have them come later that same day, in the afternoon perhaps?",
    "could he come earlier that day",
])
def test_a_booked_visit_asked_at_other_hours_is_a_reschedule(understand, text):
    assert understand(text).intent == "reschedule"


@pytest.mark.parametrize("text", [
    "i need to cancel one of my appointments", "can you cancel one of them",
    "Oh dear, I think there is a mix-up. Please cancel the visit on the 24th.",
    "Sounds like the part came in. Anyway please cancel friday's plumber",
])
def test_a_cancel_asked_plainly_beside_other_sentences_is_a_cancel(understand, text):
    assert understand(text).intent == "cancel"


@pytest.mark.parametrize("text", [
    "I think we should cancel. Not sure yet.", "maybe cancel thursday",
    "i think i need to cancel thursday", "thinking about it. might cancel the 24th",
])
def test_doubt_in_the_cancels_own_sentence_still_cancels_nothing(understand, text):
    assert understand(text).intent != "cancel"


@pytest.mark.parametrize("text", ["cancel Tom's.", "cancel ana's one please", "cancel eddie's"])
def test_a_visit_named_by_its_technicians_name_is_cancelled(understand, text):
    assert understand(text).intent == "cancel"


@pytest.mark.parametrize("text", ["dont cancel tom's", "cancel it's fine"])
def test_a_possessive_after_cancel_that_is_no_order_cancels_nothing(understand, text):
    assert understand(text).intent != "cancel"


@pytest.mark.parametrize(
    "text",
    [
        "where's my technician",
        "is the engineer still coming today?",
        "What time will the plumber get here?",
        "what time is my appt",
        "any news on the job?",
        "eta?",
    ],
)
def test_questions_about_the_visit_are_job_status(understand, text):
    assert understand(text).intent == "job_status"


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("I accept the quote", None),
        ("approve quote 4410", "4410"),
        ("estimate Q-1200 looks fine, go ahead", "1200"),
        ("we accept estimate #4412", "4412"),
        ("Happy to go ahead with Q-2231", "2231"),
    ],
)
def test_clear_acceptances_approve_the_quote(understand, text, quote):
    result = understand(text)
    assert result.intent == "approve_quote"
    assert result.slots.get("quote") == quote


@pytest.mark.parametrize(
    "text",
    [
        "decline the quote please",
        "too pricey, we'll pass on quote #889",
        "not going ahead with the estimate, thanks anyway",
    ],
)
def test_clear_refusals_decline_the_quote(understand, text):
    assert understand(text).intent == "decline_quote"


def test_quote_number_is_read_from_a_hash(understand):
    assert understand("too pricey, we'll pass on quote #889").slots == {"quote": "889"}


@pytest.mark.parametrize("text", ["ugh scratch that", "scratch that, he just called",
                                  "no wait scratch this", "scratch what i said"])
def test_scratch_that_alone_takes_back_what_was_said_and_cancels_nothing(understand, text):
    assert understand(text).intent != "cancel"


@pytest.mark.parametrize("text", ["scratch that appointment", "scratch the friday one",
                                  "scratch my visit tomorrow", "scratch that one"])
def test_scratching_a_visit_named_cancels_it(understand, text):
    assert understand(text).intent == "cancel"


@pytest.mark.parametrize("text", ["I cant do tomorrow morning, cancel tomorrow's",
                                  "we won't be home friday so cancel it",
                                  "cant make it thursday, please cancel that visit",
                                  "no im not booking anything. cancel the dec 16 tune up"])
def test_a_day_refused_beside_a_cancel_is_a_cancel(understand, text):
    assert understand(text).intent == "cancel"


@pytest.mark.parametrize("text", ["can't do tomorrow, cancel it and book friday instead",
                                  "cant make tuesday, cancel or move it to wed"])
def test_a_day_refused_with_a_new_time_asked_is_still_a_move(understand, text):
    assert understand(text).intent == "reschedule"


@pytest.mark.parametrize("text", ["cancel 24th only", "cancel the 9th only", "ok cancel the 3rd then",
                                  "drop the 12th only"])
def test_a_cancel_of_one_dated_visit_said_with_only_or_then_is_a_cancel(understand, text):
    assert understand(text).intent == "cancel"


@pytest.mark.parametrize("text", ["keep the thursday plumber and get rid of tuesday's",
                                  "we dont need wednesdays visit, just keep friday",
                                  "drop monday, keep thursday", "take off the sat visit please",
                                  "we don't need the friday appointment"])
def test_a_visit_named_by_its_weekday_dropped_or_not_needed_is_a_cancel(understand, text):
    assert understand(text).intent == "cancel"


@pytest.mark.parametrize("text", ["drop off the keys tuesday", "can you drop by tuesday"])
def test_dropping_by_or_off_on_a_weekday_cancels_nothing(understand, text):
    assert understand(text).intent != "cancel"


@pytest.mark.parametrize(
    "text",
    [
        "i want it cancelled",
        "please get the tune up cancelled",
        "can u cancel that instead",
        "the one i dont need is the furnace tune up, can u cancel that instead",
        "no i dont want to move it, i want it cancelled. the fri 18 tune up",
        "i dont want to move it, cancel it",
    ],
)
def test_a_cancel_worded_as_its_result_or_beside_a_move_turned_down_is_a_cancel(understand, text):
    assert understand(text).intent == "cancel"


@pytest.mark.parametrize("text", ["i dont want it cancelled", "can i move it instead of cancelling",
                                  "i dont want to move it"])
def test_a_cancel_turned_down_is_no_cancel(understand, text):
    assert understand(text).intent != "cancel"
