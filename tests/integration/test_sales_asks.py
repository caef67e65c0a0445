"""A rep's texts beside the pipeline's verbs, on real SQLite and PostgreSQL: a deal's status asked
by name, the follow-up list asked for in other words, two requests in one text, a verdict taken
back or a person asked for (a dispatcher item), a month to be reminded in, and the deal named by
the clause that gives the news."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from domain.deals import DealStage
from tests.conversation_people import RITA
from tests.integration.dialogue_world import World
from tests.integration.sales_world import (
    ACME_PHONE,
    answer,
    build_sales_world,
    deal,
    dispatch_notices,
)


@pytest.fixture
def world(uow_factory) -> World:  # type: ignore[no-untyped-def]
    return build_sales_world(uow_factory)


@pytest.mark.parametrize("asked", ["any news on acme?", "where do we stand with acme corp",
                                   "how's the acme furnace looking", "the acme deal?"])
def test_a_deal_asked_about_by_name_gets_its_stage_amount_touch_and_follow_up(
        world: World, asked: str) -> None:
    told = answer(world, RITA, asked)
    assert "Acme Corp, Furnace replacement ($12,500.00): quoted" in told
    assert "last touch Fri Feb 27" in told and "next follow-up Mon Mar 9" in told
    assert deal(world, "acme").stage is DealStage.QUOTED


@pytest.mark.parametrize("asked", ["status on oak ridge plaza", "what's going on with summit"])
def test_a_status_ask_naming_no_deal_of_ones_own_says_so_without_revealing(
        world: World, asked: str) -> None:
    told = answer(world, RITA, asked)
    assert "No open deal of yours by that name" in told
    assert "Rooftop" not in told and "$" not in told


@pytest.mark.parametrize("asked", ["any fires to put out today?", "whats most urgent",
                                   "who else should i be calling"])
def test_the_follow_up_list_asked_in_other_words(world: World, asked: str) -> None:
    assert "1. Acme Corp" in answer(world, RITA, asked)


def test_two_verdicts_in_one_text_are_each_confirmed_in_turn(world: World) -> None:
    first = answer(world, RITA, "acme finally signed. and lost maple grove")
    assert "Acme Corp, Furnace replacement ($12,500.00) as won?" in first
    second = answer(world, RITA, "yep")
    assert "Acme Corp is won" in second and "Maple Grove Apartments" in second and "lost" in second
    answer(world, RITA, "y")
    assert deal(world, "acme").stage is DealStage.WON
    assert deal(world, "maple").stage is DealStage.LOST


def test_one_snooze_for_two_lines_puts_off_both(world: World) -> None:
    world.text(RITA, "followups")
    told = answer(world, RITA, "push 1 & 2 to thursday")
    assert told.count("comes back on your follow-ups Thu Mar 5") == 2
    assert deal(world, "acme").next_follow_up_at == deal(world, "maple").next_follow_up_at


def test_a_win_taken_back_goes_to_the_office_with_its_job(world: World) -> None:
    answer(world, RITA, "acme signed")
    answer(world, RITA, "y")
    before = len(dispatch_notices(world))
    told = answer(world, RITA, "oops that was the wrong one, undo it")
    assert "reopen Acme Corp" in told and "J-" in told
    notices = dispatch_notices(world)[before:]
    assert len(notices) == 1 and "reopen deal Acme Corp" in notices[0]
    assert "nothing for me to undo" in answer(world, RITA, "undo")  # asked once only


def test_undo_with_nothing_marked_changes_nothing(world: World) -> None:
    assert "nothing for me to undo" in answer(world, RITA, "undo")
    assert dispatch_notices(world) == []


def test_a_rep_asking_for_a_person_opens_a_dispatcher_item(world: World) -> None:
    before = len(dispatch_notices(world))
    assert "office to call you back" in answer(world, RITA, "can someone from the office call me")
    assert len(dispatch_notices(world)) == before + 1


@pytest.mark.parametrize(("said", "day"), [("remind me about maple grove in may", "Fri May 1"),
                                           ("push acme to august", "Mon Aug 3")])
def test_a_month_alone_brings_the_deal_back_on_its_first_working_day(
        world: World, said: str, day: str) -> None:
    told = answer(world, RITA, said)
    assert f"comes back on your follow-ups {day} at 9am" in told
    key = "maple" if "maple" in said else "acme"
    due = deal(world, key).next_follow_up_at
    assert due is not None and due.astimezone(ZoneInfo("America/Chicago")).hour == 9
    assert due > datetime(2026, 4, 30, tzinfo=ZoneInfo("UTC"))


def test_the_deal_is_named_by_the_clause_with_the_news(world: World) -> None:
    told = answer(world, RITA, "financing got approved today, acme furnace signed for good")
    assert "Acme Corp, Furnace replacement ($12,500.00) as won?" in told


def test_a_yes_with_regret_is_a_yes_and_a_closing_not_yet_is_a_no(world: World) -> None:
    answer(world, RITA, "lost maple grove to a competitor")
    assert "lost" in answer(world, RITA, "yeah sadly")
    assert deal(world, "maple").stage is DealStage.LOST
    answer(world, RITA, "acme signed")
    assert "stays open" in answer(world, RITA, "he wants to sleep on it, hold off")
    assert deal(world, "acme").stage is DealStage.QUOTED


def test_a_pick_with_other_words_around_the_name_picks_it(world: World) -> None:
    answer(world, RITA, "Birch signed")
    assert "Heat pump install ($950.00) as won?" in answer(world, RITA, "dr birch's. heat pump")


def test_the_customers_open_day_wish_gets_times_for_the_won_job(world: World) -> None:
    answer(world, RITA, "acme signed")
    answer(world, RITA, "y")
    offered = answer(world, ACME_PHONE, "great! sometime next week works, mornings ideally")
    assert "1) " in offered and "Reply 1" in offered


@pytest.mark.parametrize("said", ["acme called this morning, they're moving forward with the furnace",
                                  "great news - acme corp is going ahead"])
def test_news_of_going_ahead_told_as_a_story_asks_to_win_the_deal(world: World, said: str) -> None:
    assert "Acme Corp, Furnace replacement ($12,500.00) as won?" in answer(world, RITA, said)
    assert deal(world, "acme").stage is DealStage.QUOTED


def test_a_question_whether_someone_goes_ahead_wins_nothing(world: World) -> None:
    assert "as won?" not in answer(world, RITA, "is acme going ahead?")
