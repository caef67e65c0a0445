"""The readers of a rep's asks beside the pipeline's verbs (bot/dialogue/sales_asks.py) and of
several requests in one text (bot/dialogue/sales.py)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.dialogue.sales import requests_in
from bot.dialogue.sales_asks import asks_follow_ups, month_start, status_target, takes_back


@pytest.mark.parametrize(("text", "name"), [
    ("status on oak ridge?", "oak ridge"), ("where are we at with the lopez job", "lopez"),
    ("whats happening with birch dental", "birch dental"), ("the greer deal??", "greer"),
    ("hows the okafor quote looking", "okafor")])
def test_a_status_ask_gives_the_name_asked_about(text: str, name: str) -> None:
    assert status_target(text) == name


@pytest.mark.parametrize("text", ["greer signed", "followups", "snooze 2 till friday",
                                  "lost lopez - price"])
def test_other_texts_ask_no_status(text: str) -> None:
    assert status_target(text) is None


@pytest.mark.parametrize(("text", "day"), [("in april", date(2027, 4, 1)),
                                           ("circle back in jan", date(2027, 1, 1)),
                                           ("push it to may", date(2027, 5, 3))])
def test_a_month_alone_is_its_first_working_day_ahead(text: str, day: date) -> None:
    assert month_start(text, date(2026, 12, 9)) == day


def test_a_month_with_a_day_is_no_month_alone() -> None:
    assert month_start("remind me on jan 5", date(2026, 12, 9)) is None


@pytest.mark.parametrize("text", ["anything pressing?", "who else do i have to ring today",
                                  "what's hot"])
def test_the_follow_up_list_in_other_words(text: str) -> None:
    assert asks_follow_ups(text)


@pytest.mark.parametrize("text", ["undo", "oops wrong deal", "reopen greer pls",
                                  "lopez isnt actually lost, put it back"])
def test_a_verdict_taken_back(text: str) -> None:
    assert takes_back(text)


@pytest.mark.parametrize(("text", "parts"), [
    ("greer signed! and snooze lopez till friday", ["greer signed", "snooze lopez till friday"]),
    ("won 2 & 4", ["won 2", "won 4"]),
    ("push 1, 3 and 5 to next week", ["push 1 to next week", "push 3 to next week",
                                       "push 5 to next week"])])
def test_several_requests_are_read_in_order(text: str, parts: list[str]) -> None:
    assert requests_in(text) == parts


@pytest.mark.parametrize("text", ["lost 1 - price, they went w home depot",
                                  "greer signed! so happy", "snooze lopez till friday"])
def test_one_request_with_more_words_is_one(text: str) -> None:
    assert requests_in(text) == []
