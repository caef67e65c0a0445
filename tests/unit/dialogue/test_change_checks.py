"""A customer checking a change they believe made is told the visits as they are: a visit still
booked is said to be (the question pending asked again), an emptied day is confirmed; nothing
changes either way."""

from __future__ import annotations

import pytest

from tests.unit.dialogue.chat_world import MARIA, ChatWorld


@pytest.mark.parametrize("check", [
    "thanks. and the thursday one is cancelled?",
    "ok so the thursday visit is off the schedule now, right?",
    "so nobody is coming on thursday, correct?",
])
def test_a_check_while_the_cancel_waits_for_its_yes_says_it_is_still_booked(
        chat: ChatWorld, check: str) -> None:
    said = chat.text(MARIA, "drop the thursday one please, keep friday").text
    assert "Cancel your Thu Mar 5" in said
    before = chat.model()
    said = chat.text(MARIA, check).text
    assert "still booked" in said and "Thu Mar 5" in said and "welcome" not in said.lower(), said
    assert "Reply Y or N" in said  # the cancel's question again
    assert chat.changed_since(before) <= {"timeline"}
    said = chat.text(MARIA, "y").text
    assert "cancelled" in said
    said = chat.text(MARIA, "and the thursday one is cancelled?").text
    assert "Thu Mar 5" in said and "still booked" not in said, said


def test_a_move_believed_done_is_told_as_not_yet(chat: ChatWorld) -> None:
    said = chat.text(MARIA, "can the heating repair on thursday go to friday instead").text
    assert "Reply 1" in said
    thursday = chat.visit("maria_thu").start
    said = chat.text(MARIA, "so the heating visit on thursday is moved to friday now, correct?").text
    assert said.startswith("Not yet") and "Thu Mar 5" in said, said
    assert chat.visit("maria_thu").start == thursday
    said = chat.text(MARIA, "1").text
    assert said.startswith("Done! Moved")
    said = chat.text(MARIA, "so nobody comes on thursday for the heating, right?").text
    assert "Thu Mar 5" in said and "still booked" not in said, said


def test_a_request_to_move_is_never_read_as_a_check(chat: ChatWorld) -> None:
    said = chat.text(MARIA, "can the thursday one be moved to friday? same time if possible").text
    assert "That's right" not in said and "Not yet" not in said


@pytest.mark.parametrize("question", [
    "k. thursday and friday. need both?",
    "do we really need both the thursday and the friday one",
    "thu and fri visits - both needed?",
])
def test_asking_whether_both_are_needed_lists_them_and_cancels_nothing(chat: ChatWorld,
                                                                       question: str) -> None:
    before = chat.model()
    said = chat.text(MARIA, question).text
    assert "Both are still booked" in said and "Thu Mar 5" in said and "Fri Mar 6" in said, said
    assert "Reply Y or N" not in said and "Reply 1" not in said
    assert chat.changed_since(before) <= {"timeline"}
    said = chat.text(MARIA, "yes").text
    assert "cancelled" not in said.lower()
    assert chat.changed_since(before) <= {"timeline"}


@pytest.mark.parametrize("text", [
    "the friday one, dont need it if the tech fixes it thursday. cancel that",
    "friday's visit - no need once thursday's guy is done. cancel that one",
])
def test_a_condition_beside_the_visit_named_never_picks_the_visit_to_cancel(chat: ChatWorld,
                                                                         text: str) -> None:
    said = chat.text(MARIA, text).text
    assert "Fri Mar 6" in said and "Thu Mar 5" not in said, said
    said = chat.text(MARIA, "yes").text
    assert "Fri Mar 6" in said and "cancelled" in said
    assert chat.visit("maria_thu").is_active


def test_make_sure_nobody_comes_on_an_empty_day_is_confirmed(chat: ChatWorld) -> None:
    chat.text(MARIA, "can the heating repair on thursday go to friday instead")
    said = chat.text(MARIA, "No more questions please. Please make sure no one comes thursday.").text
    assert said.startswith("Not yet") and "Thu Mar 5" in said, said
    said = chat.text(MARIA, "1").text
    assert said.startswith("Done! Moved")
    before = chat.model()
    said = chat.text(MARIA, "please make sure nobody comes on thursday").text
    assert said.startswith("That's right") and "Thu Mar 5" in said, said
    assert chat.changed_since(before) <= {"timeline"}
