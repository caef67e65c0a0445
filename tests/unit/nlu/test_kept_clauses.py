"""What a text says to keep ("keep thursday", "not the drain") is split from what it asks."""

from __future__ import annotations

import pytest

from bot.nlu.keeps import split_kept


@pytest.mark.parametrize(("text", "spared", "rest"), [
    ("keep thursday, cancel the other one", ("thursday",), "cancel the other one"),
    ("n! keep the 3rd. cancel the dec 8 sink one", ("the 3rd",), "cancel the dec 8 sink one"),
    ("wait no, the water heater one friday, not the drain", ("the drain",), "water heater one"),
    ("no not the sink. the friday 2-4 electrical", ("the sink",), "friday 2-4 electrical"),
    ("dont cancel the 4th, cancel the one on the 9th", ("the 4th",), "the one on the 9th"),
    ("cancel that one too. keep the tune up", ("the tune up",), "cancel that one too"),
    ("we only need the one on the 14th. cancel those two", ("the one on the 14th",),
     "cancel those two"),
    ("i only want friday's, drop the rest", ("friday's",), "drop the rest"),
    ("drop the 11th, it's a dupe of the 10th", ("the 10th",), "drop the 11th"),
    ("cancel monday's. it is the same as tuesday's", ("tuesday's",), "cancel monday's"),
])
def test_spared_clauses_are_split_from_the_request(text: str, spared: tuple[str, ...],
                                                    rest: str) -> None:
    kept = split_kept(text)
    assert kept.spared == spared
    assert rest in kept.rest
    assert not any(clause in kept.rest for clause in spared)


@pytest.mark.parametrize("text", ["we only need the furnace one moved",
                                  "the breaker keeps tripping", "i can leave for work after",
                                  "im not sure about thursday", "can you keep me posted",
                                  "is the friday one a duplicate of the 10th?"])
def test_texts_that_spare_nothing(text: str) -> None:
    kept = split_kept(text)
    assert kept.spared == () and not kept.keeps_it and kept.rest == text


def test_keep_it_and_leave_both() -> None:
    assert split_kept("hmm wait no keep it").keeps_it
    assert split_kept("ok leave both then").keeps_all
    assert split_kept("keep the first one, cancel the other two").others


@pytest.mark.parametrize(("text", "spared"), [
    ("cancel the furnace one on the 21st, dave can look at it today", "dave can look at it today"),
    ("cancel the 11th, he will fix it on the 14th", "he will fix it on the 14th"),
])
def test_a_day_someone_else_works_on_it_is_kept(text: str, spared: str) -> None:
    kept = split_kept(text)
    assert kept.spared == (spared,) and spared not in kept.rest


@pytest.mark.parametrize("text", ["cancel friday, someone can look at it monday?",
                                  "my furnace is out can dave look at it tomorrow",
                                  "you guys can look at it tomorrow"])
def test_a_visit_asked_for_on_a_day_keeps_nothing(text: str) -> None:
    assert split_kept(text).spared == ()


def test_in_a_move_a_day_someone_can_do_it_is_where_it_goes() -> None:
    assert split_kept("can you move it? dave can do it friday").spared == ()
