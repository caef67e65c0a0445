"""Families of phrasings the third blind set showed the parser missing, each in fresh wordings.

Reference time: Monday 2 March 2026, 09:30 in Chicago (the `understand` fixture).
"""

from __future__ import annotations

import pytest

from bot.nlu.intents import CONSEQUENTIAL


@pytest.mark.parametrize(
    "text",
    [
        "the quote looks good but I need to run it by my wife first",
        "estimate seems fair but let me check with my husband",
        "quote 1042 looks good but i have to run it past the landlord",
        "price looks ok, just need to check w the boss first",
        "we accept the quote once my partner signs off",
        "looks good but gotta clear it with the HOA",
        "happy with the quote, will get back to you tomorrow",
        "sounds good but I'll confirm later this week",
        "quote's fine but hubby wants to see it first",
        "I'd like to accept but need to check with accounts",
        "not going ahead with it for now, will be in touch",
        "pls call it off for now, will rebook",
    ],
)
def test_a_decision_deferred_to_someone_or_later_is_not_taken(understand, text):
    assert understand(text).intent not in CONSEQUENTIAL


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("We'll give quote #915 a miss, thanks all the same", "915"),
        ("Thank you for the estimate but we won't be going ahead with it.", None),
        ("thanks for the quote but we won't be proceeding", None),
        ("appreciate the estimate but we've decided not to go ahead", None),
        ("thanks for quoting but we found someone cheaper", None),
        ("we'll be giving the estimate a miss I'm afraid", None),
        ("quote rejected, too pricey", None),
        ("sorry, not going ahead with quote 552", "552"),
    ],
)
def test_polite_refusals_of_a_named_quote_decline_it(understand, text, quote):
    parse = understand(text)
    assert parse.intent == "decline_quote"
    assert parse.slots.get("quote") == quote


@pytest.mark.parametrize(
    "text",
    [
        "approved! go ahead w/ the water heater replacement",
        "approved, go ahead with the work",
        "accepted - please go ahead and order the parts",
        "Quote 2231 approved, book it in",
        "yes go ahead with the estimate",
    ],
)
def test_an_approval_with_a_go_ahead_approves(understand, text):
    assert understand(text).intent == "approve_quote"


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("we'll pass the quote on to our landlord", "customer"),
        ("my wife says cancel the appointment", "customer"),
        ("the landlord wants to cancel", "customer"),
        ("stop texting my husband, he's not the account holder", "customer"),
        ("happy with quote 8812 but can you start after the 20th?", "customer"),
        ("the quote looks fine, but what does the warranty cover?", "customer"),
        ("approved by the insurance, do we need anything else?", "customer"),
        ("call it off if it rains?", "customer"),
        ("lost the Harborview paperwork, can you resend", "sales"),
        ("might have Acme signed by friday, remind me then", "sales"),
    ],
)
def test_relayed_wishes_handing_on_and_lost_things_decide_nothing(understand, text, role):
    assert understand(text, role=role).intent not in CONSEQUENTIAL


def test_a_refusal_without_any_quote_named_decides_nothing(understand):
    assert understand("I think we'll give it a miss").intent not in CONSEQUENTIAL
    assert understand("loan approved! go ahead and tell me about financing").intent != "approve_quote"


@pytest.mark.parametrize(
    "text",
    [
        "call it off, the AC started working again",
        "please call the whole thing off",
        "can you call it off, we sold the house",
        "call off tomorrow's visit pls",
        "call off the engineer, it's working now",
    ],
)
def test_calling_it_off_cancels(understand, text):
    assert understand(text).intent == "cancel"


def test_not_calling_it_off_does_not_cancel(understand):
    assert understand("don't call it off yet").intent not in CONSEQUENTIAL


@pytest.mark.parametrize(
    "text",
    [
        "Has the work at the Birchwood building been completed?",
        "is the job at Elm street finished yet?",
        "has the boiler repair been done at the flat?",
        "is sum1 coming or nah 🙄",
        "someone coming or not??",
        "any1 on the way?",
        "when's my furnace guy showing up",
        "hows it going with the repair",
    ],
)
def test_asking_about_named_work_or_a_visitor_is_job_status(understand, text):
    assert understand(text).intent == "job_status"


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("Could we put the visit back to 15 June? Away on holiday till then.", ("2026-06-15", None, None)),
        ("Sorry to be a pain, can the engineer come at noon rather than 9?", (None, "12:00", None)),
        ("can we do the appointment earlier, like 9?", (None, "09:00", None)),
        ("could the visit be a bit later, maybe 2ish", (None, "14:00", None)),
        ("the 10:00 slot doesn't work anymore, can we do 1-3 the same day?", (None, "13:00", "15:00")),
        ("the engineer is booked for 9 but can he come at 11", (None, "11:00", None)),
        ("I'd rather the afternoon than the morning if possible", (None, "12:00", "17:00")),
    ],
)
def test_moving_a_visit_in_other_words_reschedules(understand, text, when):
    parse = understand(text)
    assert parse.intent == "reschedule"
    assert parse.slots["when"] == dict(zip(("date", "start", "end"), when, strict=True))


def test_refusing_an_offered_slot_while_asking_for_a_service_still_books(understand):
    parse = understand(
        "You offered Tuesday but we can't do Tuesday. How about Thursday morning for the furnace repair?"
    )
    assert parse.intent == "book"
    assert parse.slots == {
        "service": "hvac_repair",
        "when": {"date": "2026-03-05", "start": "08:00", "end": "12:00"},
    }


def test_an_abbreviated_weekday_before_a_question_is_the_day(understand):
    parse = understand("toilet keeps running all nite driving me nuts. wed ok?")
    assert parse.slots["when"]["date"] == "2026-03-04"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("yep works 4 me", "affirm"),
        ("ok that works 4 us", "affirm"),
        ("hiya", "greet"),
        ("hiya!", "greet"),
    ],
)
def test_short_replies_in_txt_speak(understand, text, intent):
    assert understand(text).intent == intent


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("note: customer says stop texting her", "technician"),
        ("customer said to stop texting him", "technician"),
        ("tenant asked us to stop messaging her", "technician"),
        ("fyi tenant asked us to stop calling", "technician"),
        ("my neighbour said to stop texting her", "customer"),
        ("unsubscribe from marketing emails but still get appt texts", "customer"),
        ("please unsubscribe me from your newsletter", "customer"),
        ("stop emailing me, texts are fine", "customer"),
    ],
)
def test_stopping_something_other_than_our_texts_to_the_writer_is_no_opt_out(understand, text, role):
    assert understand(text, role=role).intent != "opt_out"


def test_a_technician_quoting_a_customer_writes_a_note(understand):
    assert understand("note: customer says stop texting her", role="technician").intent == "note"


@pytest.mark.parametrize(
    "text",
    ["i dont want any more texts from you", "please remove my number from your list", "quit messaging me"],
)
def test_plain_wishes_to_stop_our_texts_opt_out(understand, text):
    assert understand(text).intent == "opt_out"


@pytest.mark.parametrize(
    ("text", "intent", "minutes"),
    [
        ("Setting off now, there in 40 minutes", "tech_en_route", 40),
        ("set off from the yard, 25 mins", "tech_en_route", 25),
        ("leaving the depot now, with you in 20", "tech_en_route", 20),
        ("on the road, there in about half an hour", "tech_en_route", 30),
        ("water heater swapped out and running, closing this one out", "tech_done", None),
        ("all good here, unit up and running", "tech_done", None),
        ("closing out the ticket, boiler firing fine", "tech_done", None),
        ("won't be done today, need another visit for the new valve", "tech_paused", None),
        ("not gonna get this finished today, back tomorrow", "tech_paused", None),
        ("need another trip for the part", "tech_paused", None),
        ("can't finish, power is off to the whole building", "tech_paused", None),
    ],
)
def test_field_updates_in_other_words(understand, text, intent, minutes):
    parse = understand(text, role="technician")
    assert parse.intent == intent
    assert parse.slots.get("minutes") == minutes


@pytest.mark.parametrize(
    ("text", "intent", "target"),
    [
        ("we got Harborview Medical, contract's signed", "deal_won", "harborview medical"),
        ("we landed Oakridge Dental, paperwork is signed", "deal_won", "oakridge dental"),
        ("remind me to f/u w Lakeview Apts on 6/1", "snooze", "lakeview apts"),
        (
            "won't know on Harborview till after their board meeting, remind me on the 20th",
            "snooze",
            "harborview",
        ),
        ("ping me re: Oakridge on friday", "snooze", "oakridge"),
        ("chase Birch & Co in 3 days", "snooze", "birch & co"),
        ("lost my notes lol, who am i supposed to call back today", "followups", None),
        ("who am i meant to ring today", "followups", None),
        ("what's on my plate", "followups", None),
    ],
)
def test_sales_updates_in_other_words(understand, text, intent, target):
    parse = understand(text, role="sales")
    assert parse.intent == intent
    assert parse.slots.get("target") == target


def test_a_date_where_a_name_could_stand_is_no_target(understand):
    parse = understand("remind me on the 20th about Pine Hill", role="sales")
    assert parse.slots.get("target") == "pine hill"
    assert parse.slots["when"]["date"] == "2026-03-20"
