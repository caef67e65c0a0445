"""A rep's answers to the bot's "Mark ... as won/lost?" on real SQLite and PostgreSQL: a no with
words around it, the reason given instead of a yes, a snooze instead of the loss, a repeated
"signed" by name; and a nod afterwards never acts on a question answered or replaced."""

from __future__ import annotations

import pytest

from domain.deals import DealStage
from tests.conversation_people import RITA
from tests.integration.dialogue_world import World
from tests.integration.sales_world import add_maple_furnace, build_sales_world, won_by_rita
from tests.integration.test_sales_texts import answer, deal, jobs_of

THUMBS_UP = "\N{THUMBS UP SIGN}"


@pytest.fixture
def world(uow_factory) -> World:  # type: ignore[no-untyped-def]
    return build_sales_world(uow_factory)


@pytest.mark.parametrize(("said", "day"), [
    ("no wait, not yet. snooze it till jan 5", "Tue Jan 5"),
    ("not yet - push it to friday", "Fri Mar 6"), ("nope, remind me friday", "Fri Mar 6"),
    ("hold on no, snooze till friday", "Fri Mar 6")])
def test_a_snooze_instead_of_the_loss_keeps_the_deal_open_and_snoozes_it(
        world: World, said: str, day: str) -> None:
    world.text(RITA, "followups")
    assert "as lost?" in answer(world, RITA, "lost 2")
    told = answer(world, RITA, said)
    assert f"Maple Grove Apartments stays open and comes back on your follow-ups {day} at 9am" \
        in told
    for nod in (THUMBS_UP, "ok", "Y"):
        assert answer(world, RITA, nod).startswith("Nothing is waiting")
    maple = deal(world, "maple")
    assert maple.stage is DealStage.QUALIFIED and maple.next_follow_up_at is not None
    assert maple.lost_reason in (None, "")


def test_a_snooze_without_a_day_instead_of_the_win_asks_when(world: World) -> None:
    assert "as won?" in answer(world, RITA, "Acme signed!")
    assert "stays open. When should I bring up Acme Corp again?" in answer(
        world, RITA, "actually not yet, snooze it")
    assert "comes back on your follow-ups" in answer(world, RITA, "next tuesday")
    assert deal(world, "acme").stage is DealStage.QUOTED and jobs_of(world, "acme") == []


@pytest.mark.parametrize("said", ["wait no wrong deal", "no wait, not yet", "oops no, not that one",
                                  "not yet, they're still thinking", "wrong one sorry"])
def test_a_no_with_words_around_it_leaves_the_deal_and_a_later_nod_changes_nothing(
        world: World, said: str) -> None:
    world.text(RITA, "followups")
    answer(world, RITA, "lost 2")
    assert answer(world, RITA, said) == "OK, Maple Grove Apartments stays open."
    assert answer(world, RITA, THUMBS_UP).startswith("Nothing is waiting")
    assert deal(world, "maple").stage is DealStage.QUALIFIED


@pytest.mark.parametrize(("said", "reason"), [
    ("they went with a cheaper guy", "they went with a cheaper guy"),
    ("yeah, price", "price"),
    ("yes - went with another contractor", "went with another contractor"),
    ("budget got cut", "budget got cut"),
])
def test_the_reason_given_instead_of_a_yes_marks_it_lost_and_is_never_asked_for(
        world: World, said: str, reason: str) -> None:
    assert "Maple Grove Apartments, Boiler service contract ($4,800.00) as lost?" in answer(
        world, RITA, "lost maple grove")
    told = answer(world, RITA, said)
    assert told.startswith(f"Marked Maple Grove Apartments lost: {reason}")
    assert "Why was it lost" not in told
    assert answer(world, RITA, "Y").startswith("Nothing is waiting")
    maple = deal(world, "maple")
    assert (maple.stage, maple.lost_reason) == (DealStage.LOST, reason)


@pytest.mark.parametrize("said", ["did they go with someone cheaper?", "yes but wait, price?",
                                  "not sure they went with anyone"])
def test_a_question_or_a_held_back_yes_is_no_loss(world: World, said: str) -> None:
    answer(world, RITA, "lost maple grove")
    told = answer(world, RITA, said)
    assert "as lost" in told or "stays open" in told
    assert deal(world, "maple").stage is DealStage.QUALIFIED


def test_a_deal_named_while_a_loss_is_asked_is_a_request_of_its_own(world: World) -> None:
    answer(world, RITA, "lost maple grove")
    assert "Acme Corp, Furnace replacement ($12,500.00) as won?" in answer(
        world, RITA, "acme furnace signed!!")
    answer(world, RITA, "Y")
    assert deal(world, "acme").stage is DealStage.WON
    assert deal(world, "maple").stage is DealStage.QUALIFIED


@pytest.mark.parametrize("again", ["acme furnace signed!!", "Acme signed!", "won acme corp",
                                   "acme corp closed", "lost acme furnace"])
def test_a_deal_named_again_after_its_win_is_already_won_never_another(
        world: World, again: str) -> None:
    job = won_by_rita(world, "acme furnace signed!!", "acme")
    add_maple_furnace(world)  # the title alone would now name Maple Grove's open deal
    told = answer(world, RITA, again)
    assert f"Acme Corp, Furnace replacement ($12,500.00) is already won. Its job is {job.number}" \
        in told
    assert "Maple" not in told and "Which deal" not in told
    assert answer(world, RITA, "y").startswith("Nothing is waiting")
    assert len(jobs_of(world, "acme")) == 1
