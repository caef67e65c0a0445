"""A rep asks about deals by text (one deal, the whole pipeline, a reopen request) and refers to
a list shown earlier; nothing changes and the office hears nothing a rep did not ask for.
Run on SQLite here (`-k sqlite`) and on PostgreSQL in the full suite."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.deals import DealStage
from tests.conversation_people import RITA
from tests.integration.dialogue_world import World
from tests.integration.sales_world import answer, build_sales_world, deal, dispatch_notices


@pytest.fixture
def world(uow_factory) -> World:  # type: ignore[no-untyped-def]
    return build_sales_world(uow_factory)


def _maple_lost(world: World) -> None:
    """Rita marks Maple Grove lost, for price."""
    answer(world, RITA, "lost maple grove")
    answer(world, RITA, "y")
    answer(world, RITA, "price")


def _maple_lost_and_taken_back(world: World) -> None:
    _maple_lost(world)
    assert "asked the office to reopen Maple Grove" in answer(world, RITA, "wrong one, undo")


def test_a_question_whether_the_office_reopened_a_deal_sends_the_office_nothing(
        world: World) -> None:
    _maple_lost_and_taken_back(world)
    answer(world, RITA, "lost harborview")
    assert "Why was it lost" in answer(world, RITA, "y")
    before = dispatch_notices(world)
    told = answer(world, RITA, "did the office reopen maple grove yet?")
    assert "Not yet" in told and "Maple Grove" in told and "still marked lost" in told
    assert "Harborview" not in told
    assert dispatch_notices(world) == before
    # the question about Harborview's reason is still open
    assert "Noted why Harborview" in answer(world, RITA, "they went with another company")
    assert dispatch_notices(world) == before


def test_a_reopen_request_withdrawn_tells_the_office_and_one_never_sent_sends_nothing(
        world: World) -> None:
    _maple_lost_and_taken_back(world)
    answer(world, RITA, "lost harborview")
    answer(world, RITA, "y")
    before = dispatch_notices(world)
    told = answer(world, RITA, "no no dont reopen harborview!! i was asking about maple")
    assert "no reopen request was sent for Harborview" in told and "Maple Grove" in told
    assert dispatch_notices(world) == before
    told = answer(world, RITA, "actually dont reopen maple grove, they're gone for good")
    assert "told the office to ignore the reopen request for Maple Grove" in told
    [withdrawal] = dispatch_notices(world)[len(before):]
    assert "withdraws the request to reopen deal Maple Grove" in withdrawal
    assert deal(world, "maple").stage is DealStage.LOST


def test_undo_after_another_change_asks_before_reopening_a_recent_loss(world: World) -> None:
    _maple_lost(world)
    world.clock.advance(timedelta(minutes=2))
    answer(world, RITA, "snooze acme till friday")
    world.clock.advance(timedelta(minutes=2))
    before = dispatch_notices(world)
    told = answer(world, RITA, "undo")
    assert "nothing for me to undo" not in told
    assert "Maple Grove" in told and "Ask the office to reopen it?" in told
    assert dispatch_notices(world) == before
    assert "asked the office to reopen Maple Grove" in answer(world, RITA, "y")
    assert len(dispatch_notices(world)) == len(before) + 1


def test_a_lost_deal_named_long_after_is_asked_about_before_any_reopen(world: World) -> None:
    _maple_lost(world)
    world.clock.advance(timedelta(hours=1))
    before = dispatch_notices(world)
    told = answer(world, RITA, "maple grove called back, reopen maple grove")
    assert "Ask the office to reopen it?" in told
    assert "OK, nothing sent" in answer(world, RITA, "n")
    assert dispatch_notices(world) == before


@pytest.mark.parametrize("asked", ["whats the acme deal at", "how much is the acme one",
                                   "what stage is acme", "how much was the acme quote again",
                                   "where are we on acme? what stage and how much was it",
                                   "acme"])
def test_a_question_about_ones_own_deal_is_answered_from_the_deal(world: World,
                                                                   asked: str) -> None:
    told = answer(world, RITA, asked)
    assert "Acme Corp, Furnace replacement ($12,500.00): quoted" in told
    assert "quote Q-3001 $12,500.00" in told and "unanswered" in told
    assert "next follow-up Mon Mar 9" in told


def test_a_lost_deal_asked_about_says_it_is_lost_and_how_to_bring_it_back(world: World) -> None:
    _maple_lost(world)
    told = answer(world, RITA, "what stage is maple grove")
    assert "Maple Grove Apartments" in told and "lost (price)" in told and "reopen maple" in told


@pytest.mark.parametrize("asked", ["show me all my open deals", "whats my whole pipeline look like",
                                   "thats it? what about the rest of the week"])
def test_the_whole_pipeline_lists_every_open_deal_numbered(world: World, asked: str) -> None:
    told = answer(world, RITA, asked)
    lines = [line for line in told.splitlines() if line[:1].isdigit()]
    assert [line[:3] for line in lines] == ["1. ", "2. ", "3. ", "4. ", "5. "]
    assert "Acme Corp" in lines[0] and "Birch Dental, AC tune-up" in told  # snoozed ones too
    assert "Summit" not in told  # Sam's
    assert "Mark Acme Corp" in answer(world, RITA, "won 1")



def test_a_line_named_by_its_place_acts_on_that_line(world: World) -> None:
    world.text(RITA, "followups")
    told = answer(world, RITA, "push the 2nd one to thursday, they need a week")
    assert "Maple Grove Apartments comes back on your follow-ups Thu Mar 5" in told


def test_a_line_of_an_older_list_with_its_name_acts_and_without_it_is_asked(world: World) -> None:
    world.text(RITA, "followups")
    world.clock.advance(timedelta(minutes=45))
    told = answer(world, RITA, "snooze 2 till thursday, maple grove is out of town")
    assert "Maple Grove Apartments comes back on your follow-ups Thu Mar 5" in told
    before = deal(world, "harbor").next_follow_up_at
    told = answer(world, RITA, "snooze 3 till friday")
    assert "Line 3 of your list from 9:30am is Harborview Medical" in told
    assert deal(world, "harbor").next_follow_up_at == before
    assert "Harborview Medical comes back on your follow-ups Fri Mar 6" in answer(world, RITA, "y")


def test_a_line_of_an_older_list_naming_another_deal_asks_which(world: World) -> None:
    world.text(RITA, "followups")
    world.clock.advance(timedelta(minutes=45))
    before = deal(world, "acme").next_follow_up_at, deal(world, "harbor").next_follow_up_at
    told = answer(world, RITA, "snooze 3 till friday, acme wants to wait")
    assert "Which deal (snooze)?" in told and "Harborview" in told and "Acme" in told
    assert (deal(world, "acme").next_follow_up_at, deal(world, "harbor").next_follow_up_at) == before


def test_a_deal_named_from_that_list_is_that_deal(world: World) -> None:
    world.text(RITA, "followups")
    assert "Mark Harborview Medical" in answer(world, RITA, "won the harborview one from that list")


def test_a_line_after_small_talk_in_the_same_text_is_read(world: World) -> None:
    world.text(RITA, "followups")
    assert "Mark Acme Corp" in answer(world, RITA, "lol he finally answered. won 1")
    assert deal(world, "acme").stage is DealStage.QUOTED


def test_the_first_week_of_a_month_is_its_first_monday(world: World) -> None:
    answer(world, RITA, "remind me about maple grove")
    told = answer(world, RITA, "first week of april")
    assert "Maple Grove Apartments comes back on your follow-ups Mon Apr 6" in told


def test_news_about_a_lost_deal_asks_whether_to_reopen_it_and_then_waits_on_the_office(
        world: World) -> None:
    _maple_lost(world)
    world.clock.advance(timedelta(hours=1))
    before = dispatch_notices(world)
    told = answer(world, RITA, "maple grove signed then")
    assert "was marked lost" in told and "Ask the office to reopen it?" in told
    assert dispatch_notices(world) == before
    answer(world, RITA, "y")
    told = answer(world, RITA, "ok and once its back remind me about maple grove first week of april")
    assert "still marked lost" in told and "reopen request" in told
    assert len(dispatch_notices(world)) == len(before) + 1
    assert "already lost" in answer(world, RITA, "lost maple grove")


def test_a_line_said_with_another_deals_name_asks_which(world: World) -> None:
    world.text(RITA, "followups")
    told = answer(world, RITA, "just talked to harborview, they're in. won 1")
    assert "Which deal (won)?" in told and "Acme Corp" in told and "Harborview" in told
    assert deal(world, "acme").stage is DealStage.QUOTED


def test_a_deal_asked_about_after_small_talk_is_answered(world: World) -> None:
    told = answer(world, RITA, "oh right thats sams. whats my acme deal at rn?")
    assert "Acme Corp, Furnace replacement ($12,500.00): quoted" in told


def test_the_pipeline_names_the_deals_closed_today(world: World) -> None:
    _maple_lost(world)
    told = answer(world, RITA, "my pipeline")
    assert "Maple Grove" not in told.split("Today:")[0]
    assert "Today: lost Maple Grove Apartments." in told


def test_a_line_named_alone_tells_how_its_deal_stands(world: World) -> None:
    world.text(RITA, "followups")
    told = answer(world, RITA, "the 2nd one")
    assert "Maple Grove Apartments, Boiler service contract ($4,800.00): qualified" in told
    assert deal(world, "maple").stage is DealStage.QUALIFIED
