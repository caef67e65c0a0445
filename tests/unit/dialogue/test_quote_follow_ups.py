"""Follow-ups in quote talk and prices asked during live work, in wordings of their own: a text
that only points at another quote asks it the question just answered; "the cheaper one" is a
quote named; a time said beside a quote question books nothing; a decision in one sentence is
not undone by a hold in the next; the visit's own price asked while its technician comes or
works is the catalog's. Nothing is approved before the usual Y.

Maria has Q-1042 (water heater, $1,850) and Q-1043 (AC, $4,250); Joe has Q-2001 (sewer line,
$9,900) and a plumbing repair today 1-3pm with Tom; the clock starts at 9am Chicago."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.dialogue.reply import Expect
from bot.dialogue.status import asks_visit_price
from domain.quotes import QuoteState
from tests.unit.dialogue.chat_world import JOE, MARIA, TOM, ChatWorld

OPEN = {"Q-1042": QuoteState.SENT, "Q-1043": QuoteState.SENT, "Q-2001": QuoteState.SENT}


@pytest.mark.parametrize("follow_up", ["what about the water heater one?", "and the other one?",
                                       "same for q-1042?", "ok and the water heater quote"])
def test_a_text_pointing_at_the_other_quote_asks_it_the_same_question(
        chat: ChatWorld, follow_up: str) -> None:
    before = chat.model()
    chat.transcript(MARIA, [("what's included in the AC quote", "Quote Q-1043 (AC replacement)")])
    [told] = chat.answer(MARIA, follow_up)
    assert told.text.startswith("Quote Q-1042 (Water heater replacement) for $1,850.00: 1x ")
    assert told.expects is Expect.TEXT
    assert chat.changed_since(before) == set()


@pytest.mark.parametrize("choice", [
    "ok let's go with the cheaper one", "we'll go w the less expensive one",
    "going with the cheapest option",
    # one sentence decides, the next holds the other quote
    "lets do the water heater one. still mulling over the AC",
    "we'll take the water heater one; the AC can wait till spring"])
def test_the_quote_chosen_is_asked_about_and_only_a_y_approves_it(
        chat: ChatWorld, choice: str) -> None:
    before = chat.model()
    [asked] = chat.answer(MARIA, choice)
    assert asked.text == "Approve quote Q-1042 (Water heater replacement) for $1,850.00?"
    assert asked.expects is Expect.YES_NO
    assert chat.changed_since(before) == set()
    chat.transcript(MARIA, [("yes", "Approved: quote Q-1042, $1,850.00.")])
    assert chat.quote_states() == {**OPEN, "Q-1042": QuoteState.APPROVED}


@pytest.mark.parametrize("ask", ["we're open till 6 today. what did the sewer quote come to?",
                                 "i get home at 5. how much was that quote again",
                                 "shop closes at 8 tonight so quick q, what did the quote come out to"])
def test_a_time_said_beside_a_quote_question_books_nothing(chat: ChatWorld, ask: str) -> None:
    before = chat.model()
    [told] = chat.answer(JOE, ask)
    assert "$9,900.00" in told.text and "1)" not in told.text
    assert chat.changed_since(before) == set()


@pytest.mark.parametrize("ask", ["can we still accept the sewer quote?",
                                 "is it too late to take you up on the sewer estimate",
                                 "is it too late to accept the sewer quote now?"])
def test_whether_a_quote_can_still_be_taken_is_its_validity(chat: ChatWorld, ask: str) -> None:
    before = chat.model()
    told = chat.answer(JOE, ask)
    assert "no expiry date" in told[0].text and told[-1].expects is not Expect.CHOICE
    assert chat.changed_since(before) == set()


def test_did_you_get_my_yes_says_it_is_still_waiting(chat: ChatWorld) -> None:
    before = chat.model()
    told = chat.answer(JOE, "did you guys get my yes on the sewer quote?")
    assert "waiting for your decision" in told[0].text
    assert chat.changed_since(before) == set()


@pytest.mark.parametrize("ask", ["he's working on it now. how much is this visit going to cost?",
                                 "what's the service call fee for today?",
                                 "tom is here, what will this cost me"])
def test_the_visits_price_asked_while_its_technician_works_is_the_catalogs(
        chat: ChatWorld, ask: str) -> None:
    chat.clock.advance(timedelta(hours=4))  # 1pm, Tom at Joe's
    chat.text(TOM, "here")
    before = chat.model()
    told = "\n".join(r.text for r in chat.answer(JOE, ask))
    assert "Plumbing repair: $89.00" in told and "1)" not in told and "To book" not in told
    assert chat.changed_since(before) == set()


@pytest.mark.parametrize(("ask", "price"), [
    ("is he on his way? and whats the service call charge", "Plumbing repair: $89.00"),
    ("how much is the plumber gonna charge me", "Plumbing repair: $89.00"),
    ("whats the fee for him coming out", "Plumbing repair: $89.00"),
    ("how much is a drain cleaning by the way", "Drain cleaning: $149.00")])  # another service's
def test_a_price_asked_while_the_technician_comes_is_the_visits_unless_another_is_named(
        chat: ChatWorld, ask: str, price: str) -> None:
    chat.clock.advance(timedelta(hours=3, minutes=50))
    chat.text(TOM, "omw 20")
    before = chat.model()
    told = "\n".join(r.text for r in chat.answer(JOE, ask))
    assert price in told and "1)" not in told
    assert chat.changed_since(before) == set()


@pytest.mark.parametrize(("text", "asks"), [
    ("how much is this visit", True), ("whats the service call fee", True),
    ("what's it gonna cost", True), ("what do i owe for the visit", False),
    ("how much is the quote", False), ("how much for a drain cleaning", False),
    ("what's the bill for today's repair", False)])
def test_the_visits_own_price_is_told_from_other_prices(text: str, asks: bool) -> None:
    assert asks_visit_price(text) is asks


@pytest.mark.parametrize(("turns", "asked"), [
    (["how do the two quotes compare", "ok the cheaper one then"], "Approve quote Q-1042"),
    (["what's the difference between my quotes", "the second one"], "Approve quote Q-1043"),
    (["which estimate is less", "the AC one, we'll pass on it"], "Decline quote Q-1043"),
    (["what are my quotes", "approve the first one"], "Approve quote Q-1042")])
def test_a_quote_picked_after_a_comparison_or_a_list_is_asked_about_first(
        chat: ChatWorld, turns: list[str], asked: str) -> None:
    before = chat.model()
    for text in turns[:-1]:
        chat.answer(MARIA, text)
    [question] = chat.answer(MARIA, turns[-1])
    assert question.text.startswith(asked) and question.expects is Expect.YES_NO
    assert chat.changed_since(before) == set()


@pytest.mark.parametrize(("text", "verb", "state"), [
    ("we're gonna pass on both quotes, thanks", "Decline", QuoteState.DECLINED),
    ("approve them all please", "Approve", QuoteState.APPROVED)])
def test_both_quotes_decided_at_once_are_named_in_one_yes_or_no(
        chat: ChatWorld, text: str, verb: str, state: QuoteState) -> None:
    before = chat.model()
    [asked] = chat.answer(MARIA, text)
    assert asked.text.startswith(f"{verb} quote Q-1042") and "Q-1043" in asked.text
    assert asked.expects is Expect.YES_NO and chat.changed_since(before) == set()
    chat.answer(MARIA, "yes")
    assert chat.quote_states() == {**OPEN, "Q-1042": state, "Q-1043": state}


@pytest.mark.parametrize("ask", ["did the water heater quote get approved?",
                                 "is my AC quote approved yet", "has the ac one been accepted"])
def test_whether_a_named_quote_was_approved_is_its_standing_never_a_booking(
        chat: ChatWorld, ask: str) -> None:
    before = chat.model()
    [told] = chat.answer(MARIA, ask)
    assert "is waiting for your decision" in told.text and told.expects is Expect.TEXT
    assert chat.changed_since(before) == set()


def test_go_for_it_after_a_quotes_standing_asks_the_usual_yes_or_no(chat: ChatWorld) -> None:
    chat.answer(MARIA, "is my AC quote approved yet")
    [asked] = chat.answer(MARIA, "ok go for it")
    assert asked.text == "Approve quote Q-1043 (AC replacement) for $4,250.00?"


def test_a_word_ending_the_question_is_not_a_thing_asked_about(chat: ChatWorld) -> None:
    [told] = chat.answer(JOE, "what does the sewer quote include exactly")
    assert told.text == "Quote Q-2001 (Sewer line repair) for $9,900.00: 1x Sewer line repair $9,900.00."


@pytest.mark.parametrize(("first", "reply"), [
    ("approve the AC quote", "maybe"), ("approve the AC quote", "not sure yet"),
    ("approve the AC quote", "let me think about it"),
    ("approve the AC quote", "need to run it by my wife first"),
    ("approve the AC quote", "idk, later"),
    # a nod after a quote's price
    ("how much is the AC quote", "cool"), ("how much is the AC quote", "ok"),
    ("how much is the AC quote", "got it")])
def test_no_decision_yet_leaves_the_quote_open_and_talked_about(
        chat: ChatWorld, first: str, reply: str) -> None:
    before = chat.model()
    chat.transcript(MARIA, [(first, "Q-1043"), (reply, "OK, quote Q-1043 stays open."),
                            ("ok fine approve it", "Approve quote Q-1043")])
    assert chat.changed_since(before) == set()


@pytest.mark.parametrize(("decision", "again", "said"), [
    ("y", "ok approve it", "Quote Q-1043 is already approved."),
    ("y", "yes accept that one", "Quote Q-1043 is already approved.")])
def test_approve_it_right_after_an_approval_never_asks_about_the_other_quote(
        chat: ChatWorld, decision: str, again: str, said: str) -> None:
    chat.transcript(MARIA, [("approve the AC quote", "Approve quote Q-1043"),
                            (decision, "Approved: quote Q-1043")])
    before = chat.model()
    chat.transcript(MARIA, [(again, said)])
    assert chat.changed_since(before) == set()


@pytest.mark.parametrize("ask", ["if i approve the AC quote today when could you do the install",
                                 "do i need to approve the AC quote before you schedule it?",
                                 "how soon could you start on the AC one"])
def test_when_quoted_work_can_be_done_is_answered_from_the_quote_never_booked(
        chat: ChatWorld, ask: str) -> None:
    before = chat.model()
    [told] = chat.answer(MARIA, ask)
    assert told.text.startswith("Quote Q-1043 (AC replacement) for $4,250.00 is waiting for your "
                                "decision; once it's approved")
    assert told.expects is Expect.TEXT and chat.changed_since(before) == set()
    chat.transcript(MARIA, [("ok approve it", "Approve quote Q-1043")])


@pytest.mark.parametrize("ask", ["can you resend the AC quote", "email me a copy of the AC estimate",
                                 "could you send the AC quote again"])
def test_a_quote_asked_for_again_goes_to_the_office(chat: ChatWorld, ask: str) -> None:
    before = chat.model()
    [told] = chat.answer(MARIA, ask)
    assert told.text == "I've asked the office to send you quote Q-1043 (AC replacement) again ($4,250.00)."
    assert chat.changed_since(before) <= {"notices", "outbox", "timeline"}  # a dispatcher item only
    assert chat.quote_states() == OPEN


def test_with_or_without_a_thing_asks_whether_the_quote_includes_it(chat: ChatWorld) -> None:
    [told] = chat.answer(JOE, "sewer quote - is that price with the permit or without")
    assert told.text.endswith("It doesn't list the permit as a line; ask us and the office will confirm.")


def test_whether_a_return_visit_is_charged_goes_to_the_office_never_the_catalog(
        chat: ChatWorld) -> None:
    chat.clock.advance(timedelta(hours=4))
    chat.text(TOM, "here")
    chat.text(TOM, "need a part, back tmrw")
    before = chat.model()
    told = "\n".join(r.text for r in chat.answer(JOE, "is there a charge for him coming back?"))
    assert "office to confirm" in told and "$89.00" not in told
    assert chat.changed_since(before) <= {"notices", "outbox", "timeline"}


@pytest.mark.parametrize(("ask", "said"), [
    ("how much is the service call for my visit today", "Plumbing repair: $89.00"),
    ("what will my appointment cost", "Plumbing repair: $89.00")])
def test_the_price_of_a_booked_visit_is_its_works_standard_price(
        chat: ChatWorld, ask: str, said: str) -> None:
    before = chat.model()
    [told] = chat.answer(JOE, ask)
    assert told.text.startswith(said) and "To book" not in told.text
    assert chat.changed_since(before) == set()


def test_the_price_of_each_booked_visit_when_they_are_of_other_kinds(chat: ChatWorld) -> None:
    [told] = chat.answer(MARIA, "how much is my appointment")
    assert "Heating & cooling repair on Thu Mar 5, 8-10am: $89.00" in told.text
    assert "Electrical repair on Fri Mar 6, 1-3pm: $95.00" in told.text


def test_the_fee_for_today_once_the_work_is_done_is_the_invoice(chat: ChatWorld) -> None:
    chat.clock.advance(timedelta(hours=4))
    chat.text(TOM, "here")
    chat.text(TOM, "done, replaced trap")
    [told] = chat.answer(JOE, "he left. whats the fee for today")
    assert told.text.startswith("Your invoice") and "$89.00" in told.text


def test_a_charge_for_coming_back_asked_while_the_technician_works_goes_to_the_office(
        chat: ChatWorld) -> None:
    chat.clock.advance(timedelta(hours=4))
    chat.text(TOM, "here")
    told = "\n".join(r.text for r in chat.answer(JOE, "will i be charged again if he comes back?"))
    assert "office to confirm" in told and "$89.00" not in told
