"""Consequential intents need evidence; everyday wording for moves, status, notes and services.

Monday 2 March 2026, 09:30 Chicago is the reference time (see conftest).
"""

from __future__ import annotations

import pytest

from bot.nlu.intents import CONSEQUENTIAL


def day(date, start=None, end=None):
    return {"date": date, "start": start, "end": end}


@pytest.mark.parametrize(
    "text",
    [
        "did you see who won the match yesterday",
        "my kid won the spelling contest haha",
        "lost my wallet at the game lol",
        "we lost the bet so lunch is on me",
        "i won 20 bucks on the raffle",
        "our team won the league!!",
        "won the coin toss",
    ],
)
def test_winning_or_losing_something_that_is_no_deal_is_no_deal(understand, text):
    assert understand(text, role="sales").intent not in CONSEQUENTIAL


@pytest.mark.parametrize(
    ("text", "known", "intent", "target"),
    [
        ("we won the bayview account", (), "deal_won", "bayview"),
        ("Crestline Motors signed the contract yesterday", (), "deal_won", "crestline motors"),
        ("got the signed PO from Granite Works", (), "deal_won", "granite works"),
        ("we won bayview", ("Bayview Plaza",), "deal_won", "bayview plaza"),
        ("lost Crestline to a competitor last week", (), "deal_lost", "crestline"),
        ("Granite Works went with another vendor, sadly", (), "deal_lost", "granite works"),
        ("Bayview Plaza is a go, contract came back tonight", (), "deal_won", "bayview plaza"),
    ],
)
def test_deals_need_a_named_account_or_deal_words(understand, text, known, intent, target):
    result = understand(text, role="sales", known_targets=known)
    assert (result.intent, result.slots.get("target")) == (intent, target)


def test_a_lowercase_log_line_is_evidence_but_a_lowercase_game_is_not(understand):
    won = understand("we won bayview", role="sales")
    assert (won.intent, won.slots.get("target")) == ("deal_won", "bayview")
    assert understand("we won bayview bowling night", role="sales").intent == "unknown"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("can you stop phoning me and send a text instead", "not opt_out"),
        ("quit ringing me, just text", "unknown"),
        ("stop texting and call me", "human"),
        ("please stop sending me all these texts", "opt_out"),
        ("no more messages from you guys pls", "opt_out"),
        ("stop sending me those automated messages", "opt_out"),
        ("stop contacting me", "opt_out"),
    ],
)
def test_opting_out_is_about_our_texts_and_a_contrary_wish_cancels_it(understand, text, intent):
    got = understand(text).intent
    assert got != "opt_out" if intent == "not opt_out" else got == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("I need to cancel the electrician visit on Friday", "cancel"),
        ("please cancel my boiler service appointment tomorrow", "cancel"),
        ("cancel the plumber coming wednesday pls", "cancel"),
        ("can u cancel my booking for thursday morning", "cancel"),
        ("no no, I'm not cancelling my visit on Friday", "unknown"),
        ("don't cancel the engineer on thursday, just checking", "unknown"),
    ],
)
def test_a_cancel_verb_on_an_appointment_with_a_day_is_still_a_cancel(understand, text, intent):
    result = understand(text)
    if intent == "cancel":
        assert result.intent == "cancel"
    else:
        assert result.intent not in CONSEQUENTIAL


@pytest.mark.parametrize(
    ("text", "intent", "quote"),
    [
        ("we've decided to decline the proposal", "decline_quote", None),
        ("going to pass on that quote, thanks anyway", "decline_quote", None),
        ("sorry, we're rejecting estimate #4410", "decline_quote", "4410"),
        ("not going to go ahead with the bid", "decline_quote", None),
        ("lets do estimate 5520", "approve_quote", "5520"),
        ("accepting your proposal, when can the crew start?", "approve_quote", None),
        ("we're happy with the quote, go ahead", "approve_quote", None),
        ("yes to quote Q-3318", "approve_quote", "3318"),
    ],
)
def test_quote_decisions_beat_booking(understand, text, intent, quote):
    result = understand(text)
    assert result.intent == intent
    assert result.slots.get("quote") == quote


@pytest.mark.parametrize(
    "text",
    [
        "has the estimate been sent yet?",
        "what's included in the proposal",
        "when will my quote be ready",
        "lets do a quote for a new furnace",
        "if the quote is under 2k we'll accept it",
        "ok send me the quote",
    ],
)
def test_questions_and_requests_about_quotes_decide_nothing(understand, text):
    assert understand(text).intent not in {"approve_quote", "decline_quote"}


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("could we rearrange the visit to friday", day("2026-03-06")),
        ("can I move the appointment to thursday afternoon", day("2026-03-05", "12:00", "17:00")),
        ("need to push my booking back to next week", day("2026-03-09")),
        ("can we bring my appointment forward to tomorrow", day("2026-03-03")),
        ("change my appointment to wednesday at 10 please", day("2026-03-04", "10:00")),
        ("can't do 9, could we do 3 instead", day(None, "15:00")),
    ],
)
def test_moving_an_appointment_is_a_reschedule_to_the_wanted_time(understand, text, when):
    result = understand(text)
    assert (result.intent, result.slots.get("when")) == ("reschedule", when)


@pytest.mark.parametrize(
    "text",
    [
        "what time's my appointment again?",
        "when is my visit",
        "just wondering when the engineer will get here",
        "any idea when the plumber is coming",
    ],
)
def test_asking_when_the_visit_is_is_job_status(understand, text):
    assert understand(text).intent == "job_status"


@pytest.mark.parametrize(
    "text",
    [
        "what's the weather like tomorrow",
        "remind me to buy milk on friday",
        "is the bank open on monday",
        "what day is it tomorrow",
        "set an alarm for 6am tomorrow",
    ],
)
def test_a_date_alone_in_off_domain_text_books_nothing(understand, text):
    assert understand(text).intent != "book"


@pytest.mark.parametrize(
    "text", ["tomorrow at 3?", "thursday works", "friday morning is fine for me", "how about the 14th"]
)
def test_a_bare_time_reply_is_a_low_confidence_wish(understand, text):
    result = understand(text)
    assert result.intent in {"book", "reschedule"}
    assert result.slots.get("when")
    if result.intent == "book":
        assert result.confidence <= 0.6


@pytest.mark.parametrize("text", ["hi, how are you today", "hey there, how's it going", "hello!"])
def test_small_talk_is_a_greeting(understand, text):
    assert understand(text).intent == "greet"


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("at the Patel house now", "tech_arrived", {}),
        ("at the customer's place", "tech_arrived", {}),
        ("late 15 mins, last call ran long", "tech_late", {"minutes": 15}),
        ("running late by an hour, earlier job went over", "tech_late", {"minutes": 60}),
        ("send me tomorrow's schedule", "tech_next", {}),
        ("what's on for tomorrow", "tech_next", {}),
        ("add to the job notes: dog in the back yard", "note", {}),
        ("put in the notes that customer wants a call back about the filter", "note", {}),
        ("calling it for today, need another tech to carry the condenser", "tech_paused", {}),
        ("stopping here for the day, will come back monday", "tech_paused", {}),
    ],
)
def test_technician_field_phrasings(understand, text, intent, slots):
    result = understand(text, role="technician")
    assert (result.intent, result.slots) == (intent, slots)


@pytest.mark.parametrize(
    ("text", "target", "when"),
    [
        ("stop reminding me about Granite Works for 3 weeks", "granite works", day("2026-03-23")),
        ("no answer from Bayview Plaza till thursday, ping me then", "bayview plaza", day("2026-03-05")),
        ("snooze Crestline for 2 weeks", "crestline", day("2026-03-16")),
    ],
)
def test_snoozes_with_periods_and_waiting_on_an_answer(understand, text, target, when):
    result = understand(text, role="sales")
    assert (result.intent, result.slots) == ("snooze", {"target": target, "when": when})


@pytest.mark.parametrize(
    ("text", "service"),
    [
        ("washing machine drain is blocked", "drain_cleaning"),
        ("the toilet is clogged again", "drain_cleaning"),
        ("need the yearly boiler inspection", "hvac_maintenance"),
        ("time for our annual AC check up", "hvac_maintenance"),
        ("can someone unblock our shower", "drain_cleaning"),
        ("air conditioner is dripping water inside", "hvac_repair"),
        ("furnace leaking", "hvac_repair"),
        ("tap leaking in the bathroom", "plumbing_repair"),
        ("furnace is making a banging noise", "hvac_repair"),
        ("bathroom sink draining slowly", "drain_cleaning"),
    ],
)
def test_the_most_specific_service_wins(understand, text, service):
    assert understand(text).slots.get("service") == service
