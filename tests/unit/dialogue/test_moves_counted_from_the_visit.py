"""Moves worded as an amount of time ("bump it out two weeks", "a couple of days after that")
count from the visit being moved, whichever way the amount is said, and a visit the text says
stays where it is is never the one moved. Maria: Thu Mar 5 8-10am and Fri Mar 6 1-3pm; the
clock stands at Mon Mar 2, 9:00."""

from __future__ import annotations

from bot.dialogue.reply import Expect
from tests.unit.dialogue.chat_world import MARIA, ChatWorld

_BEFORE_THE_WEEKEND = ("Mon Mar 2", "Tue Mar 3", "Wed Mar 4", "Thu Mar 5", "Fri Mar 6")


def test_bumping_a_visit_out_two_weeks_lands_two_weeks_after_its_day(chat: ChatWorld) -> None:
    [offers] = chat.answer(MARIA, "can you bump the thursday repair out 2 weeks")
    assert offers.expects is Expect.CHOICE
    assert offers.options[0].startswith("Thu Mar 19")


def test_a_week_said_after_push_counts_from_the_visit_named(chat: ChatWorld) -> None:
    before = chat.model()
    [offers] = chat.answer(MARIA, "push friday's electrical a week please")
    assert offers.options[0].startswith("Fri Mar 13")
    assert chat.changed_since(before) <= {"conversations", "messages"}


def test_a_couple_of_days_later_never_offers_days_before_it(chat: ChatWorld) -> None:
    [offers] = chat.answer(MARIA, "could the thursday repair be a couple of days later")
    assert offers.options
    assert not any(option.startswith(_BEFORE_THE_WEEKEND) for option in offers.options)


def test_an_amount_answered_to_when_counts_from_the_visit(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("I need to move my thursday visit", "Your visit is Thu Mar 5")])
    [offers] = chat.answer(MARIA, "3 days after that?")
    assert offers.expects is Expect.CHOICE
    assert not any(option.startswith(_BEFORE_THE_WEEKEND) for option in offers.options)


def test_a_day_said_to_stay_is_not_the_one_moved(chat: ChatWorld) -> None:
    [offers] = chat.answer(MARIA, "the thursday repair, push it one week. friday one stays")
    assert offers.options[0].startswith("Thu Mar 12")
    chat.answer(MARIA, "1")
    days = sorted(chat.visits(MARIA), key=lambda a: a.start)
    assert days[0].id == chat.ids["maria_fri"] and days[0].start.day == 6


def test_a_week_from_today_counts_from_today_not_the_visit(chat: ChatWorld) -> None:
    [offers] = chat.answer(MARIA, "move the thursday repair to a week from today")
    assert offers.options[0].startswith("Mon Mar 9")


def test_a_weekday_with_a_bare_date_is_that_date_when_moving(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("I need to move my thursday visit", "Your visit is Thu Mar 5")])
    [offers] = chat.answer(MARIA, "tue 17")
    assert offers.options[0].startswith("Tue Mar 17")


def test_hours_never_open_on_the_day_asked_still_offer_that_day(chat: ChatWorld) -> None:
    [offers] = chat.answer(MARIA, "move the thursday repair to friday the 13th at 11pm")
    assert offers.expects is Expect.CHOICE
    assert offers.options[0].startswith("Fri Mar 13")
    assert "no openings" not in offers.text
