"""Questions about quotes: answered from the quote's lines and state, asking nothing back; only a
clear approval, then a Y to the confirmation naming quote and amount, approves."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.dialogue.reply import Expect
from domain.money import Line
from domain.quotes import Quote, QuoteState
from tests.conversation_people import SENT_AT
from tests.unit.dialogue.chat_world import JOE, MARIA, ChatWorld

OPEN = {"Q-1042": QuoteState.SENT, "Q-1043": QuoteState.SENT, "Q-2001": QuoteState.SENT}
BOILER_LINES = (Line("Boiler unit", 1, 380000), Line("Expansion tank", 1, 42000),
                Line("Labor, hours", 6, 12500), Line("Permit and inspection fee", 1, 15000),
                Line("Haul away the old boiler", 1, 9000))


def add_quote(chat: ChatWorld, number: str, who: str, title: str, lines: tuple[Line, ...],
              expires_at: datetime | None = None) -> None:
    chat.uow.quotes.add(Quote(number=number, account_id=chat.ids[f"{who}_account"], title=title,
                              lines=lines, state=QuoteState.SENT, sent_at=SENT_AT,
                              expires_at=expires_at))


@pytest.mark.parametrize("ask", ["how much was it again", "maybe, how much again?",
                                 "how much is the quote?"])
def test_the_price_is_told_asking_nothing_and_a_bare_y_asks_before_approving(
        chat: ChatWorld, ask: str) -> None:
    before = chat.model()
    [told] = chat.answer(JOE, ask)
    assert told.text == "Quote Q-2001 (Sewer line repair) is $9,900.00."
    assert told.expects is Expect.TEXT
    chat.transcript(JOE, [("Y", "Approve quote Q-2001 (Sewer line repair) for $9,900.00? Reply Y "
                                "or N")])
    assert chat.changed_since(before) == set()
    chat.transcript(JOE, [("Y", "Approved: quote Q-2001, $9,900.00.")])
    assert chat.quote_states() == {**OPEN, "Q-2001": QuoteState.APPROVED}


def test_a_no_to_the_offer_leaves_the_quote_open_and_a_later_y_approves_nothing(
        chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(JOE, [("how much again?", "is $9,900.00."),
                          ("not right now", "OK"),
                          ("Y", "Nothing is waiting for a yes")])
    assert chat.changed_since(before) == set()


def test_with_several_quotes_a_short_answer_covers_them_all_and_a_y_approves_nothing(
        chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(MARIA, [
        ("how much was it again", "Quote Q-1042 (Water heater replacement) is $1,850.00. "
                                  "Quote Q-1043 (AC replacement) is $4,250.00."),
        ("Y", "Nothing is waiting for a yes"),
    ])
    assert chat.changed_since(before) == set()


def test_a_quote_named_by_its_title_is_the_one_answered(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("what's included in the AC quote",
                             "Quote Q-1043 (AC replacement) for $4,250.00: 1x AC replacement $4,250.00."),
                            ("n", "OK")])
    assert chat.quote_states() == OPEN


def test_what_is_included_lists_the_lines_with_quantities_and_amounts(chat: ChatWorld) -> None:
    add_quote(chat, "Q-2002", "joe", "Boiler replacement", BOILER_LINES)
    [told] = chat.answer(JOE, "what's included in quote 2002?")
    assert told.text.startswith("Quote Q-2002 (Boiler replacement) for $5,210.00: 1x Boiler unit $3,800.00; "
                                "1x Expansion tank $420.00; 6x Labor, hours $750.00; ")
    assert len(told.text) <= 320 and told.expects is Expect.TEXT


def test_a_long_answer_about_several_quotes_asks_which_and_a_yes_asks_again(chat: ChatWorld) -> None:
    add_quote(chat, "Q-1044", "maria", "Boiler replacement", BOILER_LINES)
    before = chat.model()
    [which] = chat.answer(MARIA, "what's included?")
    assert which.expects is Expect.CHOICE and which.text == "Which quote do you mean?"
    assert which.options[2] == "Q-1044 Boiler replacement, $5,210.00"
    chat.transcript(MARIA, [("yes", "Which quote do you mean?"),
                            ("3", "Quote Q-1044 (Boiler replacement) for $5,210.00: 1x Boiler unit"),
                            ("no", "OK")])
    assert chat.changed_since(before) == set()


def test_the_difference_between_two_quotes_gives_both_totals_and_what_differs(
        chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("what's the difference between the two quotes?",
                             "Quote Q-1042 (Water heater replacement) is $1,850.00. Quote Q-1043 "
                             "(AC replacement) is $4,250.00, $2,400.00 more. Only in Q-1042: Water "
                             "heater replacement. Only in Q-1043: AC replacement.")])


def test_validity_is_told_from_the_expiry(chat: ChatWorld) -> None:
    add_quote(chat, "Q-2002", "joe", "Boiler replacement", BOILER_LINES,
              expires_at=datetime(2026, 3, 31, 17, 0, tzinfo=UTC))
    add_quote(chat, "Q-2003", "joe", "Attic fan", (Line("Attic fan", 1, 50000),),
              expires_at=datetime(2026, 3, 1, 17, 0, tzinfo=UTC))
    chat.transcript(JOE, [
        ("is quote 2002 still valid?", "Quote Q-2002 (Boiler replacement) for $5,210.00 is valid "
                                       "through Tue Mar 31."),
        ("is quote 2003 still valid?", "Quote Q-2003 (Attic fan) has expired; ask us for a new one."),
        ("is quote 2001 still valid?", "Quote Q-2001 (Sewer line repair) has no expiry date"),
    ])


def test_did_my_approval_go_through_tells_the_state_and_when_it_was_decided(
        chat: ChatWorld) -> None:
    chat.transcript(JOE, [
        ("did my approval go through?", "Quote Q-2001 (Sewer line repair) for $9,900.00 is waiting "
                                        "for your decision (sent Mon Mar 2); nothing has been "
                                        "approved or declined yet. To approve it, just say so"),
        ("approve quote 2001", "Reply Y or N"), ("y", "Approved: quote Q-2001"),
        ("did my approval go through?", "Quote Q-2001 (Sewer line repair) for $9,900.00 was "
                                        "approved on Mon Mar 2 at 9am."),
        ("what's the status of quote 2001", "was approved on Mon Mar 2 at 9am."),
    ])


def test_someone_elses_quote_is_not_found_and_not_described(chat: ChatWorld) -> None:
    told = chat.text(MARIA, "how much is quote 2001?").text
    assert told == "I can't find quote 2001 on your account. Please check the number."


@pytest.mark.parametrize("say", ["go ahead", "go ahead with it", "we want it", "let's do it",
                                 "sounds good, book the work"])
def test_a_go_ahead_asks_to_approve_the_open_quote(chat: ChatWorld, say: str) -> None:
    before = chat.model()
    chat.transcript(JOE, [(say, "Approve quote Q-2001 (Sewer line repair) for $9,900.00? Reply Y "
                                "or N")])
    assert chat.changed_since(before) == set()
    chat.transcript(JOE, [("y", "Approved: quote Q-2001, $9,900.00")])
    assert chat.quote_states() == {**OPEN, "Q-2001": QuoteState.APPROVED}


def test_a_go_ahead_with_several_open_quotes_asks_which(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("go ahead", "Which quote do you want to approve?")])
    assert chat.quote_states() == OPEN


def test_a_go_ahead_after_a_question_asks_to_approve_the_quote_talked_about(
        chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("how much is the AC quote?", "is $4,250.00."),
                            ("go ahead", "Approve quote Q-1043 (AC replacement) for $4,250.00?")])
    assert chat.quote_states() == OPEN
    chat.transcript(MARIA, [("yes", "Approved: quote Q-1043, $4,250.00")])


@pytest.mark.parametrize("say", ["too expensive, we'll pass", "we'll pass"])
def test_passing_asks_to_decline_the_open_quote(chat: ChatWorld, say: str) -> None:
    before = chat.model()
    chat.transcript(JOE, [(say, "Decline quote Q-2001 (Sewer line repair) for $9,900.00?")])
    assert chat.changed_since(before) == set()
    chat.transcript(JOE, [("y", "Quote Q-2001 declined.")])
    assert chat.quote_states() == {**OPEN, "Q-2001": QuoteState.DECLINED}


def test_passing_after_the_price_was_told_asks_to_decline_that_quote(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("how much is the water heater quote", "is $1,850.00."),
                            ("too expensive, we'll pass", "Decline quote Q-1042"),
                            ("y", "Quote Q-1042 declined.")])
    assert chat.quote_states() == {**OPEN, "Q-1042": QuoteState.DECLINED}


def test_a_go_ahead_with_no_open_quote_is_only_acknowledged(chat: ChatWorld) -> None:
    chat.transcript(JOE, [("decline quote 2001", "Reply Y or N"), ("y", "declined")])
    before = chat.model()
    chat.transcript(JOE, [("go ahead", "Nothing is waiting for a yes")])
    assert chat.changed_since(before) == set()


@pytest.mark.parametrize("ask, what", [
    ("can you send me a quote for a new water heater", "a new water heater"),
    ("could I get an estimate for a new AC?", "a new AC"),
])
def test_asking_for_a_quote_asks_the_office_and_books_nothing(chat: ChatWorld, ask: str,
                                                               what: str) -> None:
    before = chat.model()
    told = chat.text(MARIA, ask).text
    assert told == f"I've asked the office to prepare a quote for {what}; they'll be in touch."
    [notice] = chat.notices()
    assert f"asked for a quote for {what}" in notice.body
    assert chat.changed_since(before) == {"notices", "outbox", "timeline"}
    chat.transcript(MARIA, [("y", "Nothing is waiting for a yes")])


def test_a_quote_named_by_its_title_is_not_read_as_a_booking(chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(MARIA, [("how much is the AC one", "Quote Q-1043 (AC replacement) is "
                                                       "$4,250.00."),
                            ("1", "")])
    assert chat.changed_since(before) == set()


def test_a_question_while_choosing_which_quote_is_answered(chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(MARIA, [("approve the quote", "Which quote do you want to approve?"),
                            ("what's the difference?", "$2,400.00 more")])
    assert chat.changed_since(before) == set()


def test_choosing_someone_else_asks_to_decline_the_open_quote(chat: ChatWorld) -> None:
    chat.transcript(JOE, [("we've decided to go with someone else", "Decline quote Q-2001"),
                          ("n", "stays open")])
    assert chat.quote_states() == OPEN


def test_a_plain_no_thanks_to_the_offer_leaves_the_quote_open(chat: ChatWorld) -> None:
    chat.transcript(JOE, [("is the quote still good?", "has no expiry date"),
                          ("no thanks", "OK")])
    assert chat.quote_states() == OPEN


def test_did_my_approval_go_through_means_the_quote_just_approved(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("approve quote 1042", "Reply Y or N"), ("y", "Approved"),
                            ("how much is the AC quote", "is $4,250.00."),
                            ("did you get my approval?", "Quote Q-1042 (Water heater replacement) "
                                                         "for $1,850.00 was approved on Mon Mar 2 "
                                                         "at 9am.")])
    assert chat.quote_states() == {**OPEN, "Q-1042": QuoteState.APPROVED}


@pytest.mark.parametrize("ask, told", [
    ("can I get a quote on replacing my furnace", "a quote for replacing your furnace;"),
    ("i need a quote", "a quote; they'll be in touch to ask what the work is."),
])
def test_a_quote_request_is_told_back_in_the_customers_words(chat: ChatWorld, ask: str,
                                                              told: str) -> None:
    chat.transcript(MARIA, [(ask, told)])
    assert chat.visits(MARIA) == [chat.visit("maria_thu"), chat.visit("maria_fri")]


@pytest.mark.parametrize("ask", ["what's the price of the sewer job", "how much will it cost?",
                                 "what's the total?"])
def test_a_price_question_about_the_open_quote_is_not_a_booking(chat: ChatWorld, ask: str) -> None:
    before = chat.model()
    chat.transcript(JOE, [(ask, "Quote Q-2001 (Sewer line repair) is $9,900.00.")])
    assert chat.changed_since(before) == set()


def test_asking_the_price_of_work_on_a_quoted_thing_is_the_services_price(chat: ChatWorld) -> None:
    said = chat.text(MARIA, "how much to fix the AC").text
    assert "Heating & cooling repair: $89.00" in said and "Q-1043" not in said


@pytest.mark.parametrize("ask", ["which quote is cheaper", "is the ac quote more than the water "
                                                           "heater one?"])
def test_which_is_cheaper_compares_the_two_quotes(chat: ChatWorld, ask: str) -> None:
    before = chat.model()
    chat.transcript(MARIA, [(ask, "Quote Q-1043 (AC replacement) is $4,250.00, $2,400.00 more.")])
    assert chat.changed_since(before) == set()


def test_what_did_i_approve_says_nothing_has_been_approved_yet(chat: ChatWorld) -> None:
    chat.transcript(JOE, [("what did i approve?", "waiting for your decision (sent Mon Mar 2); "
                                                  "nothing has been approved or declined yet.")])


def test_a_visit_status_question_naming_a_quoted_thing_is_about_the_visit(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("what's the status of my AC repair?",
                             "Your heating & cooling repair visit: Thu Mar 5, 8-10am with Tom.")])


def test_a_zip_code_is_not_read_as_a_quote_number(chat: ChatWorld) -> None:
    chat.transcript(JOE, [("how much was it again? we're at 60613",
                           "Quote Q-2001 (Sewer line repair) is $9,900.00.")])


def test_we_want_it_after_the_price_asks_the_usual_confirmation(chat: ChatWorld) -> None:
    chat.transcript(JOE, [("how much again?", "is $9,900.00."),
                          ("we want it", "Approve quote Q-2001 (Sewer line repair) for $9,900.00?"),
                          ("we want it", "Approved: quote Q-2001, $9,900.00.")])
    assert chat.quote_states() == {**OPEN, "Q-2001": QuoteState.APPROVED}


@pytest.mark.parametrize("say", ["don't go ahead yet", "hold off, don't book the work"])
def test_a_held_go_ahead_approves_nothing(chat: ChatWorld, say: str) -> None:
    chat.transcript(JOE, [("how much again?", "is $9,900.00.")])
    before = chat.model()
    chat.text(JOE, say)
    chat.transcript(JOE, [("what's the total?", "is $9,900.00.")])
    assert chat.changed_since(before) == set()
    assert chat.quote_states() == OPEN


def test_the_difference_names_lines_whose_quantity_or_price_differs(chat: ChatWorld) -> None:
    add_quote(chat, "Q-2002", "joe", "Furnace", (Line("Equipment", 1, 160000),
                                                 Line("Installation labor", 3, 12500)))
    add_quote(chat, "Q-2003", "joe", "Furnace", (Line("Equipment", 1, 160000),
                                                 Line("Installation labor", 4, 12500)))
    told = chat.text(JOE, "what's the difference between quote 2002 and quote 2003?").text
    assert told == ("Quote Q-2002 (Furnace) is $1,975.00. Quote Q-2003 (Furnace) is $2,100.00, "
                    "$125.00 more. Installation labor: 3 for $375.00 vs 4 for $500.00.")


@pytest.mark.parametrize("say", ["i already said yes to the sewer quote, did it go thru?",
                                 "I approved the sewer quote last week, did that go through?",
                                 "we said yes to quote 2001 on monday. did it go through"])
def test_a_yes_said_before_asked_about_is_told_still_open_then_asked(chat: ChatWorld,
                                                                     say: str) -> None:
    before = chat.model()
    answer = chat.text(JOE, say).text
    assert "nothing has been approved or declined yet" in answer and "Reply Y or N" in answer
    assert chat.changed_since(before) <= {"conversations"}
    chat.transcript(JOE, [("y", "Approved: quote Q-2001")])


def test_two_questions_about_one_quote_are_both_answered(chat: ChatWorld) -> None:
    answer = chat.text(JOE, "did the sewer quote go thru? and whats included again").text
    assert "waiting for your decision" in answer and "1x" in answer


@pytest.mark.parametrize("ask", ["is that sewer thing still good? and whats the total",
                                 "re the sewer quote - is that the whole dig or just the one "
                                 "joint? and how long is the price good for"])
def test_a_quote_named_loosely_is_answered_about_the_quote_not_the_visits(
        chat: ChatWorld, ask: str) -> None:
    before = chat.model()
    answer = chat.text(JOE, ask).text
    assert "Q-2001" in answer and "We can come" not in answer and "Your visit" not in answer
    assert chat.changed_since(before) <= {"conversations"}


def test_a_go_ahead_beside_a_no_to_a_visit_asks_the_quote_again(chat: ChatWorld) -> None:
    chat.transcript(JOE, [("go ahead with the sewer quote", "Approve quote Q-2001"),
                          ("no i dont want a visit, i mean quote 2001. we want it",
                           "Approve quote Q-2001"),
                          ("y", "Approved: quote Q-2001")])


@pytest.mark.parametrize("say", ["ok go ahead with it. and send me a quote for a sump pump too",
                                 "go ahead with the sewer one. also can I get a quote for a new "
                                 "water softener while youre at it"])
def test_an_approval_and_a_quote_request_in_one_text_are_both_taken(chat: ChatWorld,
                                                                    say: str) -> None:
    if "it." in say:
        chat.transcript(JOE, [("how much is the sewer quote", "Q-2001")])
    notices = len(chat.notices())
    answer = chat.text(JOE, say).text
    assert "prepare a quote" in answer and answer.endswith("Reply Y or N"), answer
    assert len(chat.notices()) == notices + 1
    chat.transcript(JOE, [("y", "Approved: quote Q-2001")])


@pytest.mark.parametrize("say", [
    "ok. we'll go ahead with the water heater but pass on the AC for now, too much this year",
    "go ahead with the water heater one and pass on the AC replacement",
    "Q-1042 approve, Q-1043 decline"])
def test_one_quote_approved_and_another_declined_in_one_text_are_both_asked_at_once(
        chat: ChatWorld, say: str) -> None:
    before = chat.model()
    said = chat.text(MARIA, say).text
    assert "Approve quote Q-1042" in said and "decline quote Q-1043" in said
    assert said.rstrip().endswith("Reply Y or N") and chat.changed_since(before) <= {"outbox"}
    chat.transcript(MARIA, [("y", "Quote Q-1043 declined")])
    assert chat.quote_states()["Q-1042"] is QuoteState.APPROVED
    assert chat.quote_states()["Q-1043"] is QuoteState.DECLINED


def test_a_no_beside_the_decision_written_out_leaves_the_written_decision(
        chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("approve the water heater quote", "Approve quote Q-1042"),
                            ("NO. Q-1042 approve, Q-1043 decline", "Approve quote Q-1042"),
                            ("y", "Quote Q-1043 declined")])
    assert chat.quote_states()["Q-1042"] is QuoteState.APPROVED


def test_a_nod_after_a_quote_is_told_claims_no_earlier_question(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("how much is the water heater quote", "Q-1042")])
    answer = chat.text(MARIA, "ok. and whats the AC one come to").text
    assert "earlier question" not in answer and "Q-1043" in answer


@pytest.mark.parametrize(("decide", "asked"), [
    ("ok. and the AC one, way too pricey, we'll pass", "Decline quote Q-1043 (AC replacement)"),
    ("hmm. the AC quote though, go ahead with that", "Approve quote Q-1043 (AC replacement)"),
])
def test_a_decision_naming_another_quote_than_the_one_talked_about_is_about_that_one(
        chat: ChatWorld, decide: str, asked: str) -> None:
    chat.transcript(MARIA, [("what's included in the water heater quote", "Q-1042"),
                            (decide, asked)])
    assert chat.quote_states() == OPEN


def test_two_questions_about_two_quotes_are_each_answered_about_their_own(
        chat: ChatWorld) -> None:
    add_quote(chat, "Q-1044", "maria", "Boiler replacement", BOILER_LINES,
              expires_at=datetime(2026, 3, 31, 17, 0, tzinfo=UTC))
    chat.text(MARIA, "what's in the boiler quote?")
    before = chat.model()
    said = chat.text(MARIA, "is that still good next month? and what does the AC one come to").text
    assert "Q-1044" in said and "valid through Tue Mar 31" in said
    assert "Q-1043" in said and "$4,250.00" in said
    assert "Which quote" not in said
    assert chat.changed_since(before) <= {"outbox"}


def test_numbers_written_out_after_a_no_confirm_the_first_decision_first(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [
        ("approve the water heater one. and decline the AC", "Approve quote Q-1042"),
    ])
    said = chat.text(MARIA, "NO. Q-1042 approve, Q-1043 decline").text
    assert said.rstrip().endswith("Reply Y or N") and "Approve quote Q-1042" in said
    assert chat.quote_states() == {**OPEN}
    chat.transcript(MARIA, [("Y", "Approved: quote Q-1042")])
    assert chat.quote_states() == {**OPEN, "Q-1042": QuoteState.APPROVED,
                                   "Q-1043": QuoteState.DECLINED}


def test_a_quote_asked_for_and_not_sent_yet_is_said_to_be_coming(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("can you send me a quote for a whole house humidifier",
                             "prepare a quote")])
    notices = len(chat.notices())
    said = chat.text(MARIA, "any update on the humidifier quote?").text
    assert "still preparing" in said and "humidifier" in said
    assert "We can come" not in said
    assert len(chat.notices()) == notices + 1


def test_two_questions_about_the_same_quote_beside_a_cancel_tell_it_once(chat: ChatWorld) -> None:
    said = chat.text(JOE, "cancel tom's. also how much is the sewer quote and does it include "
                          "the permit").text
    assert said.count("Q-2001") == 1
    assert "Cancel your" in said and said.rstrip().endswith("Reply Y or N")


@pytest.mark.parametrize(("ask", "told"), [
    ("does the boiler quote include the expansion tank?", "Yes, it includes Expansion tank"),
    ("is the permit in the boiler quote", "Yes, it includes Permit and inspection fee"),
    ("does the boiler quote cover a new thermostat?", "It doesn't list a new thermostat"),
])
def test_whether_a_quote_includes_something_is_answered_from_its_lines(
        chat: ChatWorld, ask: str, told: str) -> None:
    add_quote(chat, "Q-1044", "maria", "Boiler replacement", BOILER_LINES)
    before = chat.model()
    said = chat.text(MARIA, ask).text
    assert told in said and "Boiler unit" in said
    assert chat.changed_since(before) <= {"outbox"}


def test_did_it_go_through_and_when_can_you_do_it_tells_the_approval_and_what_comes_next(
        chat: ChatWorld) -> None:
    chat.transcript(JOE, [("approve quote 2001", "Reply Y or N"), ("y", "Approved: quote Q-2001")])
    reply = chat.text(JOE, "did it go through? when can you guys put it in").text
    assert "was approved on Mon Mar 2" in reply and "schedule" in reply


def test_a_day_wished_after_asking_when_the_approved_work_can_be_done_books_that_work(
        chat: ChatWorld) -> None:
    chat.transcript(JOE, [("approve quote 2001", "Reply Y or N"), ("y", "Approved: quote Q-2001"),
                          ("did it go through? when can you guys put it in", "schedule"),
                          ("ok can you do next tuesday morning for the work", "Reply 1"),
                          ("1", "Booked: Sewer line repair on Tue Mar 3")])
