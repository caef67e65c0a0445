"""Picking an offered time in words, asking how soon, and a pick sent again after booking."""

from __future__ import annotations

import re

import pytest

from tests.unit.dialogue.chat_world import MARIA, ChatWorld

ASK = "my kitchen sink is leaking, can someone come this week"


def _offered(chat: ChatWorld) -> list[str]:
    said = chat.text(MARIA, ASK).text
    return re.findall(r"^\d\) (.+?) with", said, re.MULTILINE)


@pytest.mark.parametrize(("pick", "index"), [
    ("the earliest one pls", 0), ("ok book the first one", 0), ("soonest please", 0),
    ("i'll take the second one", 1), ("we'll go with the 2nd", 1), ("the last one works", 2),
    ("ok the third option", 2), ("gimme the first slot", 0), ("whatever is soonest", 0),
    ("the earliest you have", 0), ("lets do the second", 1),
])
def test_a_pick_in_words_books_that_time(chat: ChatWorld, pick: str, index: int) -> None:
    offered = _offered(chat)
    assert len(offered) == 3
    said = chat.text(MARIA, pick).text
    assert said.startswith("Booked") and offered[index] in said


@pytest.mark.parametrize("question", ["earliest tomorrow?", "is the first one with Dave?",
                                      "first thing tomorrow"])
def test_a_question_naming_an_option_books_nothing(chat: ChatWorld, question: str) -> None:
    _offered(chat)
    before = chat.model()
    assert "Booked" not in chat.text(MARIA, question).text
    assert chat.changed_since(before) == set()


@pytest.mark.parametrize("question", ["how soon can someone get here", "how fast can you come?",
                                      "when can someone come out"])
def test_how_soon_while_times_are_offered_names_the_soonest(chat: ChatWorld, question: str) -> None:
    offered = _offered(chat)
    before = chat.model()
    said = chat.text(MARIA, question).text
    assert said.startswith(f"The soonest we can come is {offered[0]}") and "Reply 1" in said
    assert chat.changed_since(before) == set()
    assert chat.text(MARIA, "1").text.startswith("Booked")


@pytest.mark.parametrize("again", ["1", "the earliest one pls", "ok book the first one"])
def test_a_pick_sent_again_after_booking_books_nothing_more(chat: ChatWorld, again: str) -> None:
    offered = _offered(chat)
    chat.transcript(MARIA, [("1", "Booked")])
    before = chat.model()
    said = chat.text(MARIA, again).text
    assert said.startswith("You're all set") and offered[0] in said
    assert chat.changed_since(before) == set()


def _window_holding(offered: list[str], hour: int) -> str | None:
    """The offered window ("Mon Mar 2, 11am-1pm") whose arrival hours hold `hour`."""
    for label in offered:
        start = re.search(r", (\d{1,2})(?::\d\d)?(am|pm)?-(\d{1,2})(?::\d\d)?(am|pm)", label)
        if start is None:
            continue
        first = int(start.group(1)) % 12 + (12 if (start.group(2) or start.group(4)) == "pm" else 0)
        if first <= hour < first + 2:
            return label
    return None


@pytest.mark.parametrize("pick", ["ok {h} works", "{h} is fine", "lets do {h}"])
def test_an_hour_beyond_the_options_picks_the_time_not_an_option(chat: ChatWorld,
                                                                 pick: str) -> None:
    offered = _offered(chat)
    hour = next(h for h in range(7, 13) if _window_holding(offered, h) is not None)
    said = chat.text(MARIA, pick.format(h=hour)).text
    assert said.startswith("Booked") and str(_window_holding(offered, hour)) in said


def test_a_pick_beside_a_billing_question_is_booked_and_the_question_answered(
        chat: ChatWorld) -> None:
    offered = _offered(chat)
    day, hours = offered[0].split(", ")[0], offered[0].split(", ")[1]
    said = chat.text(MARIA, f"ok {day} {hours.split('-')[0]}. and i shouldn't have to pay for "
                            "this one right?").text
    assert "charge" in said and "Booked" in said and offered[0] in said
    assert "question still stands" not in said


def _offered_full(chat: ChatWorld, ask: str) -> list[str]:
    said = chat.text(MARIA, ask).text
    return re.findall(r"^\d\) (.+)$", said, re.MULTILINE)


@pytest.mark.parametrize(("pick", "index"), [("the last one", -1), ("the later one", -1),
                                             ("the earlier one", 0)])
def test_a_move_picks_the_time_named_by_its_order(chat: ChatWorld, pick: str, index: int) -> None:
    offered = _offered_full(chat, "can we move the thursday one to friday")
    assert len(offered) == 3, offered
    said = chat.text(MARIA, pick).text
    assert said.startswith("Done!") and offered[index].split(" with ")[0] in said


def test_a_time_alone_picks_the_window_it_falls_in(chat: ChatWorld) -> None:
    offered = _offered_full(chat, ASK)
    first = re.match(r"\w+ \w+ \d+, (\d+)(?::\d+)?(am|pm)?", offered[0])
    assert first is not None
    hour = int(first.group(1))
    said = chat.text(MARIA, f"{hour}:30").text
    assert said.startswith("Booked") and offered[0].split(" with ")[0] in said


def test_a_day_and_technician_with_the_earlier_one_picks_among_those(chat: ChatWorld) -> None:
    offered = _offered_full(chat, ASK)
    day, person = offered[-1].split(",")[0], offered[-1].split(" with ")[-1]
    same = [o for o in offered if o.startswith(day) and o.endswith(person)]
    said = chat.text(MARIA, f"{day.split()[0]} with {person}, the earlier one").text
    assert said.startswith("Booked") and same[0].split(" with ")[0] in said


@pytest.mark.parametrize("text", ["no just leave it how it was. 1pm with tom right?",
                                  "is the later one with tom?"])
def test_a_question_or_a_keep_beside_a_time_picks_nothing(chat: ChatWorld, text: str) -> None:
    _offered_full(chat, "can we move the thursday one to friday")
    before = chat.model()
    assert "Done!" not in chat.text(MARIA, text).text
    assert "visits" not in chat.changed_since(before)


def test_a_window_named_as_a_range_picks_the_time_starting_then(chat: ChatWorld) -> None:
    said = chat.text(MARIA, "my kitchen sink is leaking, can someone come wednesday").text
    windows = re.findall(r"^\d\) \w+ \w+ \d+, ([\d:]+-[\d:]+(?:am|pm)) with (\w+)", said, re.MULTILINE)
    assert len(windows) == 3
    window, person = windows[1]
    picked = chat.text(MARIA, f"yes the {window.rstrip('apm')} one with {person.lower()}").text
    assert picked.startswith("Booked") and window in picked


def test_a_range_with_someone_not_free_then_books_that_time_never_their_other_time(
        chat: ChatWorld) -> None:
    said = chat.text(MARIA, "my kitchen sink is leaking, can someone come wednesday").text
    windows = re.findall(r"^\d\) \w+ \w+ \d+, ([\d:]+-[\d:]+(?:am|pm)) with (\w+)", said,
                         re.MULTILINE)
    window, person = windows[1]
    booked = chat.text(MARIA, f"{window.rstrip('apm')} with ana please").text
    assert booked.startswith("Booked") and window in booked and f"{person} will come" in booked


@pytest.mark.parametrize("named", ["go back to the thursday 2-4 then", "thurs 2-4pm then",
                                   "thursday 2 to 4 instead"])
def test_a_window_named_by_day_and_hours_is_offered_alone(chat: ChatWorld, named: str) -> None:
    said = chat.text(MARIA, "can the thursday heating repair be moved to friday").text
    assert "Fri Mar 6" in said and "Thu Mar 5, 2-4pm" not in said, said
    said = chat.text(MARIA, named).text
    # that window, not the same hours on other days to choose among
    assert said.startswith("We can come:\n1) Thu Mar 5, 2-4pm with") and "2)" not in said, said
    assert chat.text(MARIA, "1").text.startswith("Done! Moved your Heating & cooling repair")


def test_the_window_just_booked_named_again_books_nothing_more(chat: ChatWorld) -> None:
    offered = _offered(chat)
    assert offered[2] == "Tue Mar 3, 7-9am"
    chat.text(MARIA, "3")
    jobs = len(chat.uow.jobs.find())
    said = chat.text(MARIA, "yes the tuesday 7-9 with ana, book it").text
    assert said.startswith("You're all set") and "Tue Mar 3, 7-9am with Tom" in said, said
    assert len(chat.uow.jobs.find()) == jobs


def test_a_visits_own_window_said_again_after_putting_it_back_is_confirmed(chat: ChatWorld) -> None:
    chat.text(MARIA, "can the thursday heating repair be moved to friday")
    chat.text(MARIA, "1")
    assert chat.text(MARIA, "put it back to thursday").text.startswith("Done!")
    before = chat.model()
    said = chat.text(MARIA, "the 8-10 one - same as before").text
    assert said.startswith("You're all set") and "Thu Mar 5, 8-10am with Tom" in said, said
    assert chat.changed_since(before) == set()


@pytest.mark.parametrize(("pick", "booked"), [("the tuesday one at 7", "Tue Mar 3, 7-9am"),
                                              ("tue 7-9 then", "Tue Mar 3, 7-9am")])
def test_a_time_named_from_a_list_before_the_latest_one_is_picked(chat: ChatWorld, pick: str,
                                                                  booked: str) -> None:
    assert "Tue Mar 3, 7-9am" in chat.text(MARIA, ASK).text
    said = chat.text(MARIA, "what about thursday afternoon").text
    assert "Thu Mar 5" in said and "Tue Mar 3" not in said, said
    jobs = len(chat.uow.jobs.find())
    said = chat.text(MARIA, pick).text
    assert said.startswith(f"Booked: Plumbing repair on {booked}"), said
    assert len(chat.uow.jobs.find()) == jobs + 1


def test_a_list_for_another_visit_is_never_picked_from(chat: ChatWorld) -> None:
    assert "Fri Mar 6, 9-11am" in chat.text(MARIA, "can the thursday heating repair be moved to "
                                                   "friday").text
    chat.text(MARIA, "no, the electrical one, to monday")
    said = chat.text(MARIA, "the friday one at 9").text
    assert not said.startswith("Done!"), said
