"""Questions asked while times are offered: who the times are with, what another visit is for,
and a time that only asks ("thursday before noon?") are read as questions, never as picks or
moves; a pick said with a polite word ("2 pls") is still a pick."""

from __future__ import annotations

import pytest

from bot.dialogue.offers import asks_only_a_time, asks_who_does_it
from bot.dialogue.reschedule import asks_what_a_visit_is_for


@pytest.mark.parametrize("text", [
    "hold on, is the new tech an electrician?",
    "is she a licensed plumber?",
    "will he be certified for gas?",
    "who is coming?",
])
def test_who_the_times_are_with_is_asked(text: str) -> None:
    assert asks_who_does_it(text)


@pytest.mark.parametrize("text", [
    "the tuesday one. will the plumber bring a flapper?",
    "is the plumber bringing parts?",
    "is an electrician needed for this",  # no question mark: told, not asked
])
def test_other_texts_ask_nothing_of_who_comes(text: str) -> None:
    assert not asks_who_does_it(text)


@pytest.mark.parametrize("text", [
    "before i pick, the monday one with ben is that for the same leak?",
    "what's the dec 17 visit with eddie for?",
    "is that the same problem as the one on friday?",
])
def test_what_a_visit_is_for_is_asked(text: str) -> None:
    assert asks_what_a_visit_is_for(text)


@pytest.mark.parametrize("text", [
    "can the friday one be moved instead?",
    "what about the friday one?",
    "the friday one is for the outlets",
])
def test_moves_and_statements_are_no_question_about_a_visit(text: str) -> None:
    assert not asks_what_a_visit_is_for(text)


@pytest.mark.parametrize(("text", "only"), [
    ("thursday afternoon before 5?", True),
    ("ok. tues at 10 then?", True),
    ("is thursday's visit still on?", False),
    ("thursday at 2 works", False),  # no question
])
def test_a_question_naming_only_a_time_asks_for_times(text: str, only: bool) -> None:
    assert asks_only_a_time(text) is only
