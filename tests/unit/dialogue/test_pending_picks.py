"""Times offered to move a visit stay tied to that visit: whatever comes in between (a question,
a rant, a reply not understood, another visit's correction), the next pick moves that visit and
never books a new job or moves another one."""

from __future__ import annotations

import re

import pytest

from tests.unit.dialogue.chat_world import MARIA, ChatWorld

MOVE_THU = "can the heating repair on thursday go to friday instead"


def _offered(chat: ChatWorld, ask: str = MOVE_THU) -> list[str]:
    said = chat.text(MARIA, ask).text
    offered = re.findall(r"^\d\) (.+?) with", said, re.MULTILINE)
    assert len(offered) >= 2, said
    return offered


def _jobs(chat: ChatWorld) -> int:
    return len(chat.uow.jobs.find())


@pytest.mark.parametrize("aside", [
    "wait, is the tech actually licensed for furnaces?",
    "are you even a real person",
    "hmm let me think, my husband works fridays",
    "the furnace is making a rattling noise too btw",
])
def test_an_aside_mid_move_keeps_the_times_for_that_visit(chat: ChatWorld, aside: str) -> None:
    offered = _offered(chat)
    jobs = _jobs(chat)
    before = chat.model()
    said = chat.text(MARIA, aside).text
    assert "Booked" not in said
    assert chat.changed_since(before) <= {"notices", "timeline"}  # a person may be told, no more
    conversation = chat.conversation(MARIA)
    assert conversation is not None and conversation.step == "pick"
    assert conversation.data["appointment_id"] == chat.ids["maria_thu"]
    said = chat.text(MARIA, "ok the first one").text
    assert said.startswith("Done! Moved") and offered[0] in said
    assert _jobs(chat) == jobs
    assert chat.visit("maria_fri").start == before_fri(chat, before)


def before_fri(chat: ChatWorld, before: dict[str, object]) -> object:
    """Maria's Friday visit's start as it was in `before`."""
    visits = before["visits"]
    assert isinstance(visits, list)
    return next(start for id_, _, start, _ in visits if id_ == chat.ids["maria_fri"])


@pytest.mark.parametrize(("pick", "index"), [
    ("1 obviously", 0), ("2 i guess", 1), ("whatever, 2", 1),
    ("ugh why is this so hard. fine just give me the earliest one", 0),
])
def test_a_pick_said_with_a_shrug_moves_that_visit(chat: ChatWorld, pick: str, index: int) -> None:
    offered = _offered(chat)
    jobs = _jobs(chat)
    said = chat.text(MARIA, pick).text
    assert said.startswith("Done! Moved your Heating & cooling repair") and offered[index] in said
    assert _jobs(chat) == jobs


def test_a_time_in_bare_figures_picks_the_time_starting_then(chat: ChatWorld) -> None:
    offered = _offered(chat)
    start = re.search(r", (\d{1,2})(?::(\d\d))?(?:am|pm)?-", offered[1])
    assert start is not None
    figures = f"{start.group(1)}{start.group(2) or '00'}"  # "12-2pm" -> "1200"
    said = chat.text(MARIA, f"{figures} works").text
    assert said.startswith("Done! Moved") and offered[1] in said


def test_a_move_named_while_new_work_is_offered_moves_that_visit(chat: ChatWorld) -> None:
    said = chat.text(MARIA, "my kitchen faucet drips, can someone come this week").text
    assert "Reply 1" in said
    jobs = _jobs(chat)
    said = chat.text(MARIA, "hold that thought. move the electrical repair to thursday 2pm").text
    assert "Booked" not in said and "Thu Mar 5" in said
    said = chat.text(MARIA, "1").text
    assert said.startswith("Done! Moved your Electrical repair")
    assert _jobs(chat) == jobs


def test_i_said_while_another_visit_is_moved_answers_that_move(chat: ChatWorld) -> None:
    _offered(chat, "can the heating repair on thursday go to wednesday instead")
    chat.transcript(MARIA, [("1", "Done! Moved your Heating & cooling repair")])
    moved = chat.visit("maria_thu").start
    said = chat.text(MARIA, "the electrical repair on friday needs to move too").text
    assert "Fri Mar 6" in said
    said = chat.text(MARIA, "i said next week. tuesday?").text  # never the heating repair's
    assert "Reply 1" in said
    conversation = chat.conversation(MARIA)
    assert conversation is not None and conversation.data["appointment_id"] == chat.ids["maria_fri"]
    said = chat.text(MARIA, "1").text
    assert said.startswith("Done! Moved your Electrical repair")
    assert chat.visit("maria_thu").start == moved


def test_a_question_before_a_cancel_yes_keeps_the_same_visit(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("please cancel the electrical repair on friday", "Fri Mar 6")])
    said = chat.text(MARIA, "before i say yes, the heating one on thursday is still on right?").text
    assert "Thu Mar 5" in said and said.rstrip().endswith("Reply Y or N")
    assert "Cancel your Fri Mar 6" in said
    chat.transcript(MARIA, [("yes", "cancelled")])
    assert chat.visit("maria_thu").is_active and not chat.visit("maria_fri").is_active


@pytest.mark.parametrize("pick", ["the tuesday one. will the plumber bring a flapper?",
                                  "the tuesday one please! do i need to buy parts"])
def test_the_one_day_named_picks_beside_a_question(chat: ChatWorld, pick: str) -> None:
    said = chat.text(MARIA, "my toilet keeps running, could someone come at 4pm").text
    tuesday = re.findall(r"^\d\) (Tue Mar 3, .+?) with", said, re.MULTILINE)
    assert len(tuesday) == 1, said
    said = chat.text(MARIA, pick).text
    assert said.startswith("Booked") and tuesday[0] in said


def test_a_hand_over_after_two_misreadings_keeps_the_times_for_that_visit(chat: ChatWorld) -> None:
    offered = _offered(chat)
    jobs = _jobs(chat)
    chat.text(MARIA, "blergh")
    said = chat.text(MARIA, "zzz whatevs")
    assert "call you" in said.text
    said = chat.text(MARIA, "2").text
    assert said.startswith("Done! Moved your Heating & cooling repair") and offered[1] in said
    assert _jobs(chat) == jobs


@pytest.mark.parametrize("text", [
    "I do not want a new appointment. I would like to cancel the one on thursday",
    "no no, dont book anything, cancel my thursday visit",
])
def test_a_cancel_while_new_times_are_offered_is_never_a_pick(chat: ChatWorld, text: str) -> None:
    chat.transcript(MARIA, [("the outlets in my garage are dead, can an electrician come thursday",
                             "Reply 1")])
    jobs = _jobs(chat)
    said = chat.text(MARIA, text).text
    assert "Booked" not in said and "Cancel your Thu Mar 5" in said
    assert _jobs(chat) == jobs


def test_a_new_time_beside_the_visit_named_is_offered_for_it(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("I need to reschedule", "Which visit do you want to move?")])
    said = chat.text(MARIA, "the friday one obviously. wednesday the 11th, afternoon?").text
    assert "Wed Mar 11" in said and "Reply 1" in said
    conversation = chat.conversation(MARIA)
    assert conversation is not None and conversation.data["appointment_id"] == chat.ids["maria_fri"]
