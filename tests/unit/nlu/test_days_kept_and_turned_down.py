"""Days a text keeps or turns down are never its target: a list of days kept stays kept, a day
turned down is never wished for, and a letter's courtesies neither hedge nor name a day."""

from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.evidence import is_hedged, without_courtesies
from bot.nlu.keeps import split_kept
from bot.nlu.text import normalize
from bot.nlu.when import in_kept_clause, names_a_week, turned_down_days

MONDAY = date(2026, 12, 14)


@pytest.mark.parametrize(("text", "spared", "acted_on"), [
    ("cancel the 22nd, keep the 15th and 17th", "the 15th and 17th", "the 22nd"),
    ("keep tuesday, wednesday and friday, drop monday", "tuesday, wednesday and friday", "monday"),
    ("please keep dec 15 or dec 16, cancel dec 21", "dec 15 or dec 16", "dec 21"),
    ("keep the 3rd and cancel the 9th", "the 3rd", "cancel the 9th"),
])
def test_a_list_of_days_kept_stays_in_the_kept_clause(text: str, spared: str,
                                                       acted_on: str) -> None:
    kept = split_kept(text)
    assert kept.spared == (spared,)
    assert acted_on in kept.rest


def test_a_day_after_a_refusal_and_a_comma_is_the_one_wanted() -> None:
    kept = split_kept("not thursday, friday is better")
    assert kept.spared == ("thursday",) and "friday" in kept.rest


def test_a_comma_after_an_or_list_starts_the_days_wanted() -> None:
    kept = split_kept("not saturday or sunday, monday or tuesday is fine")
    assert kept.spared == ("saturday or sunday",) and "monday or tuesday" in kept.rest


def test_the_day_naming_the_visit_to_move_is_not_the_day_wished(understand) -> None:
    when = understand("can we move friday's tune up? not monday though, wednesday is ok").slots
    assert when["when"]["date"] == "2026-03-04"


def test_every_day_of_a_kept_list_is_in_a_kept_clause() -> None:
    text = "drop friday's, keep monday, tuesday and the 10th"
    assert not in_kept_clause(text, text.index("friday"))
    assert all(in_kept_clause(text, text.index(word)) for word in ("monday", "tuesday", "10th"))


@pytest.mark.parametrize(("text", "refused"), [
    ("any afternoon next week but not thursday", {date(2026, 12, 17), date(2026, 12, 24)}),
    ("cannot do tuesday or wednesday, friday morning?", {date(2026, 12, 15), date(2026, 12, 16),
                                                        date(2026, 12, 22), date(2026, 12, 23)}),
    ("anything except the 18th works", {date(2026, 12, 18)}),
])
def test_days_turned_down(text: str, refused: set[date]) -> None:
    found = turned_down_days(normalize(text), MONDAY, through=date(2026, 12, 27))
    assert refused <= found
    assert not any(d.weekday() == 4 for d in found if "friday" in text and d.day != 18)


@pytest.mark.parametrize("text", ["not sure about thursday, maybe friday",
                                  "heater not working since saturday, can you come monday",
                                  "tuesday works"])
def test_texts_that_turn_no_day_down(text: str) -> None:
    assert turned_down_days(normalize(text), MONDAY, through=date(2026, 12, 31)) == frozenset()


def test_a_week_named_is_told_from_a_day_named() -> None:
    next_monday = date(2026, 12, 21)
    assert names_a_week("sometime next week please", MONDAY, next_monday)
    assert not names_a_week("monday next week please", MONDAY, next_monday)


def test_a_letters_courtesies_hedge_nothing_and_name_no_day() -> None:
    letter = normalize("Dear team, I hope this note finds you well on this fine Tuesday morning. "
                       "Please cancel my visit. Regards, May")
    assert not is_hedged(letter)
    assert "tuesday" not in without_courtesies(letter)
    assert is_hedged(normalize("I hope to cancel my visit if the part comes"))


@pytest.mark.parametrize("text", [
    "could the second one be a little later?",
    "can the last one be earlier please",
    "can the plumbing on the 20th go two weeks later",
    "could my tune up move to the same time next week",
])
def test_asking_a_visit_to_be_later_or_counted_from_it_is_a_move(understand, text: str) -> None:
    assert understand(text).intent == "reschedule"


@pytest.mark.parametrize("text", ["she came back a week later and it leaked again",
                                  "no one called me later"])
def test_a_week_later_told_of_the_past_moves_nothing(understand, text: str) -> None:
    assert understand(text).intent != "reschedule"


@pytest.mark.parametrize("text", ["Yes. Thank you kindly.", "yes, thanks a lot"])
def test_a_yes_with_warm_thanks_is_a_yes(understand, text: str) -> None:
    assert understand(text).intent == "affirm"


def test_a_polite_cancel_letter_is_a_cancel(understand) -> None:
    letter = ("Good afternoon, I trust this message finds you well. We will not be needing the "
              "electrician on Friday after all, my nephew reset the breaker. Please cancel the "
              "appointment, and thank you for your help. Sincerely, Walter")
    assert understand(letter).intent == "cancel"
