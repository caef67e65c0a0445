"""The readers of a rep's asks beside the pipeline's verbs (bot/dialogue/sales_asks.py) and of
several requests in one text (bot/dialogue/sales.py)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.dialogue import sales_texts
from bot.dialogue.sales import read_list_line, requests_in
from bot.dialogue.sales_asks import (
    asks_follow_ups,
    asks_pipeline,
    month_start,
    status_target,
    takes_back,
    week_start,
)
from bot.dialogue.sales_reopen import asks_whether_reopened, withdraws
from bot.nlu.deal_lines import line_place


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


@pytest.mark.parametrize(("text", "name"), [
    ("whats the kowalski deal at", "kowalski"), ("whats my fischer deal at rn?", "fischer"),
    ("how much is the patel one", "patel"), ("what stage is chen", "chen"),
    ("how much was the patel repipe quote again", "patel repipe"),
    ("how much is the kowalski plan? $258 right?", "kowalski plan"),
    ("where are we on nguyen? what stage and how much was it", "nguyen")])
def test_a_question_about_one_deal_gives_its_name(text: str, name: str) -> None:
    assert status_target(text) == name


@pytest.mark.parametrize("text", ["did the office reopen alvarez yet?", "has chen been reopened",
                                  "is alvarez back open?"])
def test_a_question_whether_a_deal_was_reopened_takes_nothing_back(text: str) -> None:
    assert asks_whether_reopened(text) and not takes_back(text)


@pytest.mark.parametrize("text", ["no no dont reopen chen!! chen is lost for real",
                                  "never mind the reopen", "do not undo that"])
def test_a_reopen_withdrawn_takes_nothing_back(text: str) -> None:
    assert withdraws(text) and not takes_back(text)


@pytest.mark.parametrize("text", ["can you reopen alvarez?", "undo", "dont forget to reopen chen"])
def test_a_reopen_asked_for_is_no_question_and_no_withdrawal(text: str) -> None:
    assert not asks_whether_reopened(text) and not withdraws(text)


@pytest.mark.parametrize("text", ["show me all my open deals", "whats my whole pipeline look like",
                                  "what about the rest of the week", "all my deals"])
def test_the_whole_pipeline_asked_for(text: str) -> None:
    assert asks_pipeline(text)


def test_an_empty_follow_up_list_says_deals_are_still_open() -> None:
    [told] = sales_texts.follow_ups([], others=False, still_open=2)
    assert "Nice work" not in told.text and "2 open deals" in told.text


@pytest.mark.parametrize(("text", "day"), [("first week of jan", date(2027, 1, 4)),
                                           ("snooze 3 till the 2nd week of january",
                                            date(2027, 1, 11)),
                                           ("last week in march", date(2027, 3, 29))])
def test_a_week_of_a_month_is_its_monday(text: str, day: date) -> None:
    assert week_start(text, date(2026, 12, 8)) == day


@pytest.mark.parametrize(("text", "number"), [
    ("push the 1st to after new year", 1), ("snooze the 2nd one til end of month", 2),
    ("the third one is lost", 3), ("lol he finally answered. won 1", 1),
    ("ok just talked to mr patel, hes in. won 2", 2)])
def test_a_line_named_by_its_place_or_after_small_talk(text: str, number: int) -> None:
    line = read_list_line(text)
    assert line is not None and line.number == number


@pytest.mark.parametrize("text", ["won first prize at the chili cookoff", "snooze till the 1st",
                                  "he won 2. lol"])
def test_no_line_in_other_texts(text: str) -> None:
    assert read_list_line(text) is None


@pytest.mark.parametrize(("text", "number"), [("the 2nd one", 2), ("whats the 1st one at", 1),
                                              ("#3", 3), ("what about the third one?", 3)])
def test_a_line_named_alone(text: str, number: int) -> None:
    assert line_place(text) == number


@pytest.mark.parametrize("text", ["won the 2nd one", "the 2nd of january", "first thing tomorrow"])
def test_no_line_named_alone_in_other_texts(text: str) -> None:
    assert line_place(text) is None
