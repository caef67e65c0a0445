"""Days said about a visit being moved count from that visit ("push it", "the thursday after",
"same time next week"), its own time is never offered again, and a time offered can be asked
for later without the same list coming back. Maria: Thu Mar 5 8-10am and Fri Mar 6 1-3pm;
Joe: today (Mon Mar 2) 1-3pm; the clock stands at Mon Mar 2, 9:00."""

from __future__ import annotations

from bot.dialogue.reply import Expect
from tests.unit.dialogue.chat_world import JOE, MARIA, ChatWorld


def test_pushing_a_visit_back_to_a_weekday_before_it_means_the_one_after_it(
        chat: ChatWorld) -> None:
    [offers] = chat.answer(MARIA, "could you push thursday's repair back to tuesday?")
    assert offers.expects is Expect.CHOICE
    assert offers.options and all(option.startswith("Tue Mar 10") for option in offers.options)


def test_a_weekday_after_the_visit_counts_from_its_day(chat: ChatWorld) -> None:
    [offers] = chat.answer(MARIA, "move friday's electrical to the thursday after")
    assert offers.options[0].startswith("Thu Mar 12")
    assert not any(option.startswith("Thu Mar 5") for option in offers.options)


def test_same_time_next_week_is_the_visits_own_time_a_week_on(chat: ChatWorld) -> None:
    [offers] = chat.answer(MARIA, "can friday's electrical go to the same time next week")
    assert offers.options[0].startswith("Fri Mar 13, 1-3pm")


def test_a_week_later_counts_from_the_visit(chat: ChatWorld) -> None:
    [offers] = chat.answer(MARIA, "can the thursday repair be a week later")
    assert offers.options[0].startswith("Thu Mar 12")


def test_later_in_the_week_is_after_the_visits_day_in_its_week(chat: ChatWorld) -> None:
    [offers] = chat.answer(MARIA, "push thursday's repair to later in the week")
    assert offers.options and all(option.startswith(("Fri Mar 6", "Sat Mar 7", "Sun Mar 8"))
                                  for option in offers.options)


def test_pushing_back_a_bit_offers_later_times_at_once(chat: ChatWorld) -> None:
    [offers] = chat.answer(JOE, "hmm can you push my visit back a bit")
    assert offers.expects is Expect.CHOICE
    assert not any(option.startswith(("Mon Mar 2, 1-3pm", "Mon Mar 2, 12", "Mon Mar 2, 1:30"))
                   for option in offers.options)


def test_the_visits_own_time_is_never_offered_for_a_move(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("I need to reschedule", "Which visit do you want to move?"),
                            ("the thursday one", "Your visit is Thu Mar 5, 8-10am.")])
    [offers] = chat.answer(MARIA, "thursday morning still, if you can")
    assert offers.options and not any(option.startswith(("Thu Mar 5, 8-10am", "Thu Mar 5, 8:30"))
                                      for option in offers.options)


def test_asking_for_the_first_time_offered_later_lists_later_times(chat: ChatWorld) -> None:
    [first] = chat.answer(MARIA, "the bathroom tap drips all day, can someone look at it")
    assert first.expects is Expect.CHOICE
    [later] = chat.answer(MARIA, "can the first one be later?")
    assert later.expects is Expect.CHOICE and later.options != first.options
    assert first.options[0] not in later.options


def test_a_cancel_while_times_are_offered_asks_yes_or_no_and_books_nothing(
        chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("the bathroom tap drips all day, thursday afternoon if possible",
                             "1) Thu Mar 5, 12-2pm")])
    before = chat.model()
    [asked] = chat.answer(MARIA, "Sorry, I do not want a new appointment. I would like to cancel "
                                 "the one on thursday the 5th.")
    assert asked.expects is Expect.YES_NO and "Thu Mar 5, 8-10am" in asked.text
    assert chat.changed_since(before) <= {"conversations", "messages"}
    chat.transcript(MARIA, [("yes", "cancelled")])
    assert [a.id for a in chat.visits(MARIA)] == [chat.ids["maria_fri"]]


def test_moving_a_visit_back_to_its_old_day_is_no_push(chat: ChatWorld) -> None:
    [offers] = chat.answer(MARIA, "can you move friday's electrical back to tuesday the 3rd")
    assert offers.options and offers.options[0].startswith(("Tue Mar 3", "Wed Mar 4"))
