"""One text naming the visit meant (by weekday, date or time) and maybe the day wanted for it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.dialogue.reply import Expect
from domain.jobs import AppointmentStatus
from tests.unit.dialogue.chat_world import JOE, MARIA, ChatWorld


def _book_joe_next_wednesday(chat: ChatWorld) -> int:
    return chat.book("joe", "plumbing_repair", "tom", datetime(2026, 3, 11, 15, 0, tzinfo=UTC))


@pytest.mark.parametrize("text", ["cancel wednesdays visit", "cancel the wednesday one",
                                  "can you cancel my appointment on wednesday"])
def test_a_weekday_means_the_visit_on_that_weekday_even_a_week_out(chat: ChatWorld,
                                                                   text: str) -> None:
    _book_joe_next_wednesday(chat)
    [question] = chat.answer(JOE, text)
    assert question.expects is Expect.YES_NO
    assert "Wed Mar 11" in question.text


@pytest.mark.parametrize("text", ["can we push the one on the 5th to the 10th",
                                  "move my furnace appt on thursday to tuesday the 10th",
                                  "push the thursday visit to tuesday the 10th please"])
def test_the_visit_named_moves_to_the_day_asked_for(chat: ChatWorld, text: str) -> None:
    [offers] = chat.answer(MARIA, text)
    assert offers.expects is Expect.CHOICE
    assert all(option.startswith("Tue Mar 10") for option in offers.options)


def test_a_move_names_the_service_and_both_times(chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(MARIA, [("move the electrical one to thursday", "Thu Mar 5"),
                            ("1", "Moved your Electrical repair visit from Fri Mar 6, 1-3pm to "
                                  "Thu Mar 5")])
    assert chat.changed_since(before) == {"visits", "timeline"}
    assert chat.visit("maria_thu").status is AppointmentStatus.BOOKED


@pytest.mark.parametrize(("text", "meant"), [("cancel my 8am", "Thu Mar 5, 8-10am"),
                                             ("need to cancel the 1pm one", "Fri Mar 6, 1-3pm"),
                                             ("cancel my 1 pm appointment", "Fri Mar 6, 1-3pm")])
def test_a_time_names_the_visit_to_cancel(chat: ChatWorld, text: str, meant: str) -> None:
    [question] = chat.answer(MARIA, text)
    assert question.expects is Expect.YES_NO
    assert meant in question.text


@pytest.mark.parametrize("text", ["pls cancel my tuesday the 10th appointment",
                                  "cancel the one on tuesday march 10th"])
def test_a_weekday_and_date_with_no_visit_gets_an_honest_no(chat: ChatWorld, text: str) -> None:
    before = chat.model()
    reply = chat.text(MARIA, text).text
    assert "no visit on Tue Mar 10" in reply
    assert "Cancel your" not in reply
    assert chat.changed_since(before) <= {"conversations", "messages"}


def test_a_reference_alone_to_a_day_with_no_visit_says_so(chat: ChatWorld) -> None:
    reply = chat.text(MARIA, "the one on tuesday march 10th").text
    assert "no visit" in reply.lower()


def test_wrong_one_restores_the_visit_and_asks_about_the_one_meant(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("cancel my 8am", "Cancel your Thu Mar 5, 8-10am visit?"),
                            ("y", "is cancelled"),
                            ("oh no wrong one, i meant the 1pm one",
                             "Thu Mar 5, 8-10am visit is back on"),
                            ("yes cancel the 1pm", "Fri Mar 6, 1-3pm visit is cancelled")])
    assert chat.visit("maria_thu").status is AppointmentStatus.BOOKED
    assert chat.visit("maria_fri").status is AppointmentStatus.CANCELLED


@pytest.mark.parametrize("text", ["yes cancel it", "ok cancel it please"])
def test_a_yes_worded_as_cancel_it_confirms(chat: ChatWorld, text: str) -> None:
    chat.transcript(MARIA, [("cancel the furnace one", "Cancel your Thu Mar 5"),
                            (text, "is cancelled")])
    assert chat.visit("maria_thu").status is AppointmentStatus.CANCELLED


def test_undo_naming_the_day_a_moved_visit_had_moves_it_back(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("move the electrical one to thursday", "Thu Mar 5"),
                            ("1", "Moved your Electrical repair visit"),
                            ("undo that, i'd rather keep friday", "back to Fri Mar 6, 1-3pm")])
    assert chat.visit("maria_fri").status is AppointmentStatus.BOOKED


@pytest.mark.parametrize("text", ["can u move my wednesday plumbing appt to thursday",
                                  "please move my wednesday plumbing visit to thursday"])
def test_a_day_before_a_trade_and_a_booking_word_names_the_visit(chat: ChatWorld,
                                                                 text: str) -> None:
    _book_joe_next_wednesday(chat)
    [offers] = chat.answer(JOE, text)
    assert offers.expects is Expect.CHOICE, offers.text
    assert all(option.startswith("Thu Mar 5") for option in offers.options), offers.options


def test_the_morning_one_names_the_visit_before_noon(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("cancel the 1pm one", "Cancel your Fri Mar 6, 1-3pm visit?"),
                            ("y", "is cancelled"),
                            ("sorry not that one, the morning one",
                             "Cancel your Thu Mar 5, 8-10am visit?")])
    assert chat.visit("maria_fri").status is AppointmentStatus.BOOKED


def test_the_date_one_to_another_date_moves_that_visit_there(chat: ChatWorld) -> None:
    [offers] = chat.answer(MARIA, "can the march 5 one be moved to march 10th")
    assert offers.expects is Expect.CHOICE
    assert all(option.startswith("Tue Mar 10") for option in offers.options), offers.options


@pytest.mark.parametrize("text", ["ok cancel the other one", "yes cancel the other one instead"])
def test_cancel_the_other_one_is_no_yes_to_this_one(chat: ChatWorld, text: str) -> None:
    chat.transcript(MARIA, [("cancel the furnace one", "Cancel your Thu Mar 5")])
    chat.text(MARIA, text)
    assert chat.visit("maria_thu").status is AppointmentStatus.BOOKED
