"""A long polite letter is read like a short text: its request found among the courtesies, the
visit it names by its time told apart from the time it asks for, and a question asked without a
question mark answered."""

from __future__ import annotations

import pytest

from tests.unit.dialogue.chat_world import MARIA, ChatWorld

LETTER = ("Good morning. My grandson tells me there is someone coming on Thursday at 8 in the "
          "morning. I am afraid that is much too early for me. Would it be possible to have them "
          "come later that same day, in the afternoon perhaps? Thank you kindly.")


def test_a_move_asked_in_a_letter_offers_the_afternoon_of_the_visits_own_day(
        chat: ChatWorld) -> None:
    before = chat.model()
    said = chat.text(MARIA, LETTER).text
    assert "We can come" in said and "Thu Mar 5" in said and "pm" in said
    offers = said[said.index("We can come"):]  # the visit moved may be named before them
    assert "8-10am" not in offers and "Which visit" not in said
    assert chat.changed_since(before) <= {"conversations"}


def test_the_wish_said_again_politely_asks_which_of_its_times(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [(LETTER, "We can come")])
    before = chat.model()
    said = chat.text(MARIA, "Yes that is the one. Please move it to the afternoon of "
                            "Thursday if you can.").text
    assert "Which time suits you?" in said and "Moved" not in said
    assert chat.changed_since(before) <= {"conversations"}


@pytest.mark.parametrize("text", [
    "One more thing, and then I will leave you be. Could they come later that same day, in the "
    "afternoon? The Thursday visit at 8 is too early.",
])
def test_a_courtesy_after_and_then_is_no_second_request(chat: ChatWorld, text: str) -> None:
    said = chat.text(MARIA, text).text
    assert "Thu Mar 5" in said and "Which visit" not in said


def test_a_question_in_a_letter_without_a_question_mark_is_answered(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [(LETTER, "We can come"), ("3", "Moved")])
    said = chat.text(MARIA, "Good evening. I was wondering if you could please tell me what it "
                            "was that she did, as my son will ask me. Thank you kindly.").text
    assert "We can come" not in said and "didn't get that" not in said
