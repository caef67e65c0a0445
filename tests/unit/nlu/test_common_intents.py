"""Replies every role uses: yes, no, picks, greetings, thanks, help, a person, STOP."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", ["yes", "Yeah that's fine", "ok sounds good", "sure", "yup", "👍", "YES!!"])
def test_agreement_is_affirm(understand, text):
    assert understand(text).intent == "affirm"


@pytest.mark.parametrize("text", ["no", "nah", "none of those times work", "nope", "no that doesn't work"])
def test_refusal_is_deny(understand, text):
    assert understand(text).intent == "deny"


@pytest.mark.parametrize(
    ("text", "option"),
    [("1", 1), ("option 2", 2), ("the third one", 3), ("first", 1), ("#2 please", 2), ("2nd", 2)],
)
def test_picks_are_choose_with_a_one_based_option(understand, text, option):
    result = understand(text)
    assert (result.intent, result.slots) == ("choose", {"option": option})


@pytest.mark.parametrize("text", ["hello", "hey", "Hi there!", "good morning", "hola"])
def test_greetings_alone_are_greet(understand, text):
    assert understand(text).intent == "greet"


@pytest.mark.parametrize("text", ["thank you", "thx!", "cheers", "thanks so much 🙏"])
def test_thanks_alone_is_thanks(understand, text):
    assert understand(text).intent == "thanks"


@pytest.mark.parametrize("text", ["help", "what are my options", "what can you do"])
def test_asking_what_the_bot_does_is_help(understand, text):
    assert understand(text).intent == "help"


@pytest.mark.parametrize(
    "text", ["I want to talk to someone", "please have someone call me", "representative",
             "i want to speak with whoever is in charge there", "let me talk to the person in charge",
             "get me someone higher up please", "i need to escalate this",
             "can i get your managers number", "who's the owner? i want to talk to them",
             "put me in touch with a supervisor", "get me a real human being please",
             "i want an actual person", "can i get a live person"]
)
def test_asking_for_a_person_is_human(understand, text):
    assert understand(text).intent == "human"


@pytest.mark.parametrize("text", ["who is in charge of my repair?", "the owner of the house will let you in",
                                  "how much just to have someone come take a look"])
def test_a_person_mentioned_is_no_request_for_one(understand, text):
    assert understand(text).intent != "human"


@pytest.mark.parametrize(
    "text", ["stop", "STOP", "STOPALL", "unsubscribe", "don't text me anymore", "stop texting me"]
)
def test_carrier_keywords_and_stop_requests_opt_out(understand, text):
    assert understand(text).intent == "opt_out"


@pytest.mark.parametrize("role", ["customer", "technician", "sales"])
def test_every_role_can_opt_out(understand, role):
    assert understand("STOP", role=role).intent == "opt_out"


def test_start_opts_back_in(understand):
    assert understand("start").intent == "opt_in"


def test_stop_by_tomorrow_is_a_visit_not_an_opt_out(understand):
    assert understand("can you stop by tomorrow").intent == "book"


def test_a_greeting_in_front_of_a_request_does_not_win(understand):
    assert understand("Good morning, can you come Friday?").intent == "book"


@pytest.mark.parametrize("text", ["hi, how are you today", "is everything ok today"])
def test_small_talk_naming_today_is_a_greeting_not_a_booking(understand, text):
    assert understand(text).intent == "greet"


@pytest.mark.parametrize(
    ("text", "option"),
    [("3 - same as before", 3), ("1, like last time", 1), ("the second one, same time as before", 2),
     ("#2 same as it was", 2)],
)
def test_a_pick_with_a_remark_that_it_is_the_old_time_is_still_the_pick(understand, text, option):
    result = understand(text)
    assert (result.intent, result.slots) == ("choose", {"option": option})


@pytest.mark.parametrize("text", ["before 3", "3 - 5 works", "same as before but later"])
def test_times_and_changes_beside_as_before_are_no_pick(understand, text):
    assert understand(text).intent != "choose"


@pytest.mark.parametrize(("text", "option"), [("la primera", 1), ("el segundo por favor", 2),
                                              ("la tercera opcion", 3), ("la primera, gracias", 1)])
def test_a_pick_in_spanish_is_choose(understand, text, option):
    parse = understand(text)
    assert parse.intent == "choose" and parse.slots["option"] == option
