"""Approving or declining a quote: which one, its total restated, a Y/N, then the decision."""

from __future__ import annotations

import pytest

from bot.dialogue.reply import Expect
from domain.quotes import QuoteState
from tests.unit.dialogue.chat_world import JOE, MARIA, ChatWorld

OPEN = {"Q-1042": QuoteState.SENT, "Q-1043": QuoteState.SENT, "Q-2001": QuoteState.SENT}


def test_a_quote_named_by_number_is_restated_and_approved_on_y(chat: ChatWorld) -> None:
    before = chat.model()
    [question] = chat.answer(MARIA, "I approve quote 1043")
    assert question.expects is Expect.YES_NO
    assert question.text == "Approve quote Q-1043 (AC replacement) for $4,250.00?"
    assert chat.changed_since(before) == set()
    chat.transcript(MARIA, [("Y", "Approved: quote Q-1043, $4,250.00. Thank you!")])
    assert chat.quote_states() == {**OPEN, "Q-1043": QuoteState.APPROVED}
    assert chat.changed_since(before) == {"quotes", "timeline", "notices", "outbox"}
    [notice] = chat.notices()
    assert notice.body == "Quote Q-1043 was approved by the customer ($4,250.00)."
    approved = chat.timeline(chat.ids["maria_account"])[-1]
    assert approved.summary == "Quote Q-1043 approved ($4,250.00)"
    assert approved.actor == f"customer:{chat.ids['maria_contact']}"
    chat.transcript(MARIA, [("ok", "We'll be in touch to schedule the work.")])


def test_with_several_open_quotes_the_customer_is_asked_which(chat: ChatWorld) -> None:
    [which] = chat.answer(MARIA, "approve the quote")
    assert which.expects is Expect.CHOICE and which.text == "Which quote do you want to approve?"
    assert which.options == ("Q-1042 Water heater replacement, $1,850.00",
                             "Q-1043 AC replacement, $4,250.00")
    chat.transcript(MARIA, [
        ("1", "Approve quote Q-1042 (Water heater replacement) for $1,850.00? Reply Y or N"),
        ("no", "OK, quote Q-1042 stays open."),
    ])
    assert chat.quote_states() == OPEN


def test_a_quote_number_answers_which_quote(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("approve the quote", "Which quote"),
                            ("Q-1043", "Approve quote Q-1043 (AC replacement)"),
                            ("yes", "Approved: quote Q-1043")])
    assert chat.quote_states() == {**OPEN, "Q-1043": QuoteState.APPROVED}


def test_the_only_open_quote_is_asked_about_directly(chat: ChatWorld) -> None:
    chat.transcript(JOE, [("approve the quote", "Approve quote Q-2001 (Sewer line repair) for "
                                                "$9,900.00? Reply Y or N"),
                          ("n", "stays open")])
    assert chat.quote_states() == OPEN


@pytest.mark.parametrize("ask", ["approve quote 2001", "approve quote Q-2001"])
def test_someone_elses_quote_number_is_refused_like_a_missing_one(chat: ChatWorld,
                                                                  ask: str) -> None:
    before = chat.model()
    refusal = chat.text(MARIA, ask).text
    missing = chat.text(MARIA, "approve quote 9999").text
    assert refusal == "I can't find quote 2001 waiting on your account. Please check the number."
    assert refusal == missing.replace("9999", "2001")  # nothing tells the two apart
    assert "Sewer" not in refusal and "9,900" not in refusal
    chat.transcript(MARIA, [("Y", "Nothing is waiting for a yes")])  # no question was pending
    assert chat.changed_since(before) == set()


def test_a_quote_is_declined_after_confirming(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [
        ("decline quote 1042", "Decline quote Q-1042 (Water heater replacement) for $1,850.00?"),
        ("yes", "Quote Q-1042 declined. Thanks for letting us know; I've told the office"),
    ])
    assert chat.quote_states() == {**OPEN, "Q-1042": QuoteState.DECLINED}
    assert [n.body for n in chat.notices()] == ["Quote Q-1042 was declined by the customer."]


def test_an_unclear_answer_to_the_confirmation_asks_for_y_or_n(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("approve quote 1043", "Reply Y or N")])
    [again] = chat.text(MARIA, "hmm").replies  # "maybe" decides nothing yet: test_quote_follow_ups
    assert again.expects is Expect.YES_NO and again.text.startswith("Please answer Y or N.")
    assert chat.quote_states() == OPEN


def test_a_decided_quote_is_said_to_be_decided(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("approve quote 1043", "Reply Y or N"), ("y", "Approved"),
                            ("approve quote 1043", "Quote Q-1043 is already approved.")])


def test_a_yes_to_which_quote_asks_which_again(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("approve the quote", "Which quote do you want to approve?"),
                            ("yes", "Which quote do you want to approve?"),
                            ("2", "Approve quote Q-1043")])


@pytest.mark.parametrize("answer", ["yes decline", "yep, decline it", "yes we'll pass",
                                    "ok decline that one"])
def test_a_yes_that_repeats_decline_declines(chat: ChatWorld, answer: str) -> None:
    chat.transcript(MARIA, [("decline quote 1042", "Decline quote Q-1042"),
                            (answer, "Quote Q-1042 declined")])
    assert chat.quote_states()["Q-1042"].value == "declined"


def test_a_yes_with_a_but_declines_nothing(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("decline quote 1042", "Decline quote Q-1042")])
    chat.text(MARIA, "yes but not decline yet, let me think")
    assert chat.quote_states()["Q-1042"].value == "sent"


@pytest.mark.parametrize("answer", ["N actually keep it open, i'll ask my husband", "n. not yet",
                                    "N, leave it for now"])
def test_a_leading_n_with_its_reason_keeps_the_quote_open(chat: ChatWorld, answer: str) -> None:
    chat.transcript(MARIA, [("decline quote 1042", "Decline quote Q-1042"),
                            (answer, "OK, quote Q-1042 stays open.")])
    assert chat.quote_states() == OPEN
