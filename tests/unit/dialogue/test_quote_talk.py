"""Talking about a quote: answers ask nothing back, a pick by title or a plain "approve" is
confirmed first, a lower price asked goes to the office, and only a Y to a confirmation approves."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.money import Line
from domain.quotes import Quote, QuoteState
from tests.conversation_people import SENT_AT
from tests.unit.dialogue.chat_world import JOE, MARIA, ChatWorld

OPEN = {"Q-1042": QuoteState.SENT, "Q-1043": QuoteState.SENT, "Q-2001": QuoteState.SENT}


@pytest.mark.parametrize("nod", ["y", "yes", "ok yes", "yeah"])
def test_a_bare_yes_after_an_answer_asks_before_approving(chat: ChatWorld, nod: str) -> None:
    before = chat.model()
    chat.transcript(JOE, [("what's included in the quote?", "1x"),
                          (nod, "Approve quote Q-2001 (Sewer line repair) for $9,900.00? Reply Y")])
    assert chat.changed_since(before) == set()


@pytest.mark.parametrize("nod", ["ok", "got it", "thanks"])
def test_an_acknowledgement_after_an_answer_asks_nothing(chat: ChatWorld, nod: str) -> None:
    before = chat.model()
    chat.transcript(JOE, [("how much was it again", "is $9,900.00.")])
    assert "Approve" not in chat.text(JOE, nod).text
    chat.transcript(JOE, [("y", "")])
    assert chat.quote_states() == OPEN and chat.changed_since(before) == set()


def test_the_expiry_named_is_the_last_day_the_quote_can_be_approved(chat: ChatWorld) -> None:
    # Valid through Mon Mar 30 (Chicago): it expires at the midnight after it.
    chat.uow.quotes.add(Quote(number="Q-2002", account_id=chat.ids["joe_account"],
                              title="Boiler replacement", lines=(Line("Boiler", 1, 400000),),
                              state=QuoteState.SENT, sent_at=SENT_AT,
                              expires_at=datetime(2026, 3, 31, 5, 0, tzinfo=UTC)))
    chat.transcript(JOE, [("when does the boiler quote expire",
                           "Quote Q-2002 (Boiler replacement) for $4,000.00 is valid through "
                           "Mon Mar 30.")])


@pytest.mark.parametrize("ask", ["my quote", "the quote?", "what about Q-2001"])
def test_a_quote_only_pointed_at_gets_its_number_total_and_standing(chat: ChatWorld,
                                                                    ask: str) -> None:
    chat.transcript(JOE, [(ask, "Quote Q-2001 (Sewer line repair) for $9,900.00: waiting for "
                                "your decision")])
    assert chat.quote_states() == OPEN


@pytest.mark.parametrize("say, number", [
    ("we talked it over and we want the AC", "Q-1043"),
    ("we'll take the water heater one", "Q-1042"),
    ("ok let's go with the AC replacement", "Q-1043"),
    ("we decided on the water heater", "Q-1042"),
])
def test_a_quote_chosen_by_its_title_is_confirmed_before_approving(chat: ChatWorld, say: str,
                                                                   number: str) -> None:
    before = chat.model()
    chat.transcript(MARIA, [(say, f"Approve quote {number}")])
    assert chat.changed_since(before) == set()
    chat.transcript(MARIA, [("yes", f"Approved: quote {number}")])
    assert chat.quote_states() == {**OPEN, number: QuoteState.APPROVED}


def test_asking_for_work_on_a_quoted_thing_is_still_a_booking(chat: ChatWorld) -> None:
    told = chat.text(MARIA, "we want the AC looked at").text
    assert "Approve" not in told
    assert chat.quote_states() == OPEN


@pytest.mark.parametrize("say", ["i want to approve a quote", "can i accept the estimate please",
                                 "id like to approve one of the quotes"])
def test_approving_with_two_open_quotes_asks_which_and_a_y_asks_again(chat: ChatWorld,
                                                                      say: str) -> None:
    before = chat.model()
    chat.transcript(MARIA, [(say, "Which quote do you want to approve?"),
                            ("Y", "Which quote do you want to approve?")])
    assert chat.changed_since(before) == set()


def test_approving_the_one_open_quote_asks_the_usual_confirmation(chat: ChatWorld) -> None:
    chat.transcript(JOE, [("i want to approve a quote", "Approve quote Q-2001 (Sewer line repair) "
                                                        "for $9,900.00?")])
    assert chat.quote_states() == OPEN and chat.notices() == []


def test_a_question_while_choosing_which_to_approve_picks_nothing(chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(MARIA, [("i want to approve a quote", "Which quote"),
                            ("whats the difference? the 2nd one is more why", "$2,400.00 more"),
                            ("Y", "")])
    assert chat.changed_since(before) == set()


@pytest.mark.parametrize("ask", ["actually wait, could you do it cheaper?", "any discount on that?",
                                 "can you come down on the price", "is there any wiggle room"])
def test_a_lower_price_asked_after_declining_goes_to_the_office(chat: ChatWorld, ask: str) -> None:
    chat.transcript(JOE, [("too expensive, we'll pass", "Decline quote Q-2001"),
                          ("yep", "Quote Q-2001 declined.")])
    told = chat.text(JOE, ask).text
    assert "office" in told and "Q-2001" in told
    assert "lower price on quote Q-2001" in chat.notices()[-1].body


def test_a_quote_status_read_as_a_cancel_is_answered_and_no_visit_is_touched(
        chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(JOE, [("I dont need a visit, im asking about quote 2001 status",
                           "Quote Q-2001 (Sewer line repair) for $9,900.00 is waiting")])
    assert chat.changed_since(before) == set()


@pytest.mark.parametrize("ask", ["so did it go through this time?", "did that go through?"])
def test_did_it_go_through_right_after_approving_is_about_that_quote(chat: ChatWorld,
                                                                      ask: str) -> None:
    chat.transcript(JOE, [("approve quote 2001", "Reply Y or N"), ("Y", "Approved"),
                          (ask, "Quote Q-2001 (Sewer line repair) for $9,900.00 was approved")])


def test_a_go_ahead_naming_another_quote_while_one_is_asked_confirms_the_one_named(
        chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(MARIA, [("approve quote 1042", "Approve quote Q-1042"),
                            ("actually go ahead with the AC", "Approve quote Q-1043")])
    assert chat.changed_since(before) == set()
    chat.transcript(MARIA, [("y", "Approved: quote Q-1043")])
    assert chat.quote_states() == {**OPEN, "Q-1043": QuoteState.APPROVED}


@pytest.mark.parametrize("say", ["actually no, not yet", "nah not now", "hmm no"])
def test_a_no_the_parser_missed_leaves_the_quote_open(chat: ChatWorld, say: str) -> None:
    chat.transcript(JOE, [("approve quote 2001", "Reply Y or N"), (say, "stays open"),
                          ("y", "Nothing is waiting for a yes")])
    assert chat.quote_states() == OPEN


def test_a_title_two_quotes_share_asks_which(chat: ChatWorld) -> None:
    for number, hours in (("Q-2002", 3), ("Q-2003", 4)):
        chat.uow.quotes.add(Quote(number=number, account_id=chat.ids["joe_account"],
                                  title="Furnace replacement", state=QuoteState.SENT,
                                  lines=(Line("Equipment", 1, 160000), Line("Labor", hours, 12500)),
                                  sent_at=SENT_AT))
    before = chat.model()
    chat.transcript(JOE, [("we want the furnace one", "Which quote do you want to approve?"),
                          ("yes", "Which quote do you want to approve?")])
    assert chat.changed_since(before) == set()


@pytest.mark.parametrize("say", ["no thanks, we found someone cheaper",
                                 "we went with another company"])
def test_having_found_someone_else_asks_to_decline(chat: ChatWorld, say: str) -> None:
    chat.transcript(JOE, [(say, "Decline quote Q-2001"), ("n", "stays open")])
    assert chat.quote_states() == OPEN


def test_a_lower_price_asked_on_an_open_quote_goes_to_the_office_and_changes_no_quote(
        chat: ChatWorld) -> None:
    told = chat.text(JOE, "can you knock something off the price on the sewer quote?").text
    assert "office" in told and "Q-2001" in told
    assert chat.quote_states() == OPEN and chat.visits(JOE)


@pytest.mark.parametrize("ask", ["what quotes do i have?", "do i have any open estimates"])
def test_asking_which_quotes_there_are_lists_each_with_its_total(chat: ChatWorld, ask: str) -> None:
    told = chat.text(MARIA, ask).text
    assert "Q-1042" in told and "$1,850.00" in told and "Q-1043" in told and "$4,250.00" in told


@pytest.mark.parametrize("pick", ["the AC one", "AC replacement please"])
def test_which_quote_to_approve_is_answered_by_its_title(chat: ChatWorld, pick: str) -> None:
    before = chat.model()
    chat.transcript(MARIA, [("approve the quote", "Which quote do you want to approve?"),
                            (pick, "Approve quote Q-1043 (AC replacement) for $4,250.00?")])
    assert chat.changed_since(before) == set()


@pytest.mark.parametrize("ask", ["whats in it and how much", "what's included?"])
def test_what_is_in_a_quote_lists_its_lines_and_its_total(chat: ChatWorld, ask: str) -> None:
    chat.transcript(JOE, [(ask, "Quote Q-2001 (Sewer line repair) for $9,900.00: 1x")])


@pytest.mark.parametrize("say", ["we'd probably only do the cheaper one for now",
                                 "which one is cheaper?"])
def test_the_cheaper_one_is_not_a_lower_price_asked(chat: ChatWorld, say: str) -> None:
    chat.text(MARIA, say)
    assert chat.notices() == [] and chat.quote_states() == OPEN


def test_wanting_to_go_for_a_quote_named_by_title_asks_to_approve_it(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("weve thought about the AC replacement quote and we want to go for it",
                             "Approve quote Q-1043 (AC replacement) for $4,250.00?")])
    assert chat.quote_states() == OPEN


def test_a_question_while_a_decline_is_asked_is_answered_and_the_question_asked_again(
        chat: ChatWorld) -> None:
    chat.transcript(JOE, [("too expensive, we'll pass", "Decline quote Q-2001"),
                          ("so is it declined now or what", "nothing has been approved or declined yet. "
                                                            "Decline quote Q-2001"),
                          ("y", "Quote Q-2001 declined.")])
    assert chat.quote_states() == {**OPEN, "Q-2001": QuoteState.DECLINED}


def test_accepting_a_quote_after_saying_no_visit_is_needed_asks_to_approve_it(
        chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(MARIA, [("i dont need a visit booked, i want to accept the quote for the AC",
                             "Approve quote Q-1043")])
    assert chat.changed_since(before) == set()
