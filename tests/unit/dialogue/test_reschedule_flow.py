"""Moving a visit: which one (when several), to when, offers, a pick; the same visit moves."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.dialogue.reply import Expect
from tests.unit.dialogue.chat_world import JOE, MARIA, ChatWorld


def test_the_only_visit_is_moved_to_the_day_asked_for(chat: ChatWorld) -> None:
    [offers] = chat.answer(JOE, "can we move it to wednesday morning?")
    assert offers.expects is Expect.CHOICE
    assert offers.options[0] == "Wed Mar 4, 8-10am with Tom"
    before = chat.model()
    chat.transcript(JOE, [("1", "Done! Moved your Plumbing repair visit from ")])
    assert chat.changed_since(before) == {"visits", "timeline"}  # the same visit, no new one
    [moved] = chat.visits(JOE)
    assert moved.id == chat.ids["joe_today"]
    assert moved.start == datetime(2026, 3, 4, 14, 0, tzinfo=UTC)
    assert chat.timeline(chat.ids["joe_account"])[-1].summary.endswith("rescheduled")


def test_the_only_visit_with_no_time_named_is_asked_when(chat: ChatWorld) -> None:
    chat.transcript(JOE, [
        ("I need to move my visit", "Your visit is Mon Mar 2, 1-3pm. When would suit you better?"),
        ("thursday after 2", "1) Thu Mar 5, 2-4pm with Tom"),
        ("2", "to Thu Mar 5, 4-6pm with Tom."),
    ])


def test_with_several_visits_the_customer_is_asked_which_then_when(chat: ChatWorld) -> None:
    [which] = chat.answer(MARIA, "I need to reschedule")
    assert which.expects is Expect.CHOICE and which.text == "Which visit do you want to move?"
    assert which.options == ("Thu Mar 5, 8-10am, Heating & cooling repair",
                             "Fri Mar 6, 1-3pm, Electrical repair")
    chat.transcript(MARIA, [
        ("1", "Your visit is Thu Mar 5, 8-10am. When would suit you better?"),
        ("friday morning", "1) Fri Mar 6, 8-10am with Tom"),
        ("1", "to Fri Mar 6, 8-10am with Tom."),
    ])
    assert chat.visit("maria_thu").start == datetime(2026, 3, 6, 14, 0, tzinfo=UTC)
    assert chat.visit("maria_fri").start == datetime(2026, 3, 6, 19, 0, tzinfo=UTC)  # untouched


def test_the_visit_can_be_named_by_its_day(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("I need to reschedule", "Which visit do you want to move?"),
                            ("the friday one", "Your visit is Fri Mar 6, 1-3pm.")])


def test_a_time_without_a_day_keeps_the_visits_own_day(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [
        ("can the tech come at 4pm instead?", "Which visit do you want to move?"),
        ("1", "1) Thu Mar 5, 4-6pm with Tom"),
        ("1", "from Thu Mar 5, 8-10am to Thu Mar 5, 4-6pm with Tom"),
    ])
    assert chat.visit("maria_thu").start == datetime(2026, 3, 5, 22, 0, tzinfo=UTC)


def test_joes_visit_can_move_into_its_own_time(chat: ChatWorld) -> None:
    # 2-4pm overlaps the visit being moved (1-3pm): its own time never blocks it.
    chat.transcript(JOE, [("can the tech come at 2pm instead?", "with Tom"),
                          ("1", "to Mon Mar 2, 2-4pm with Tom.")])
    assert [a.id for a in chat.visits(JOE)] == [chat.ids["joe_today"]]


def test_an_unreadable_time_asks_again_and_moves_nothing(chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(JOE, [("I need to move my visit", "When would suit you better?"),
                          ("2", "When would suit you better?")])
    assert chat.changed_since(before) == set()


def test_turning_a_day_down_while_choosing_moves_nothing(chat: ChatWorld) -> None:
    chat.transcript(JOE, [("can we move it to wednesday morning?", "3) Thu Mar 5, 10am-12pm")])
    answer = chat.text(JOE, "can't do thursday").text
    assert "Done" not in answer and "Tell me a day or time that suits you" in answer
    assert chat.visit("joe_today").start == datetime(2026, 3, 2, 19, 0, tzinfo=UTC)


def test_a_move_dropped_with_the_hours_misremembered_keeps_the_visit_at_its_own(
        chat: ChatWorld) -> None:
    said = chat.text(MARIA, "can the thursday heating repair be moved to friday").text
    assert "Reply 1" in said
    before = chat.model()
    # the visit is Thursday 8-10am: "nvm" drops the move whatever hours the customer recalls
    assert chat.text(MARIA, "nah nvm leave it at 2-4 thurs").text == (
        "OK, your Thu Mar 5, 8-10am visit stays as booked.")
    assert chat.text(MARIA, "no just keep it as is").text == (
        "OK, your Thu Mar 5, 8-10am visit stays as booked.")
    assert chat.changed_since(before) == set()


def test_a_move_offer_among_several_visits_names_the_visit_it_moves(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("what do i have", "You have 2 visits")])
    offer = chat.text(MARIA, "can you move the 2nd one to monday morning").text
    assert offer.startswith("Moving your Fri Mar 6 electrical repair visit (1-3pm).")


def test_a_move_offer_for_the_only_visit_needs_no_name(chat: ChatWorld) -> None:
    assert chat.text(JOE, "can you move my visit to thursday").text.startswith("We can come:")
