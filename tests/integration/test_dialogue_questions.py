"""Questions answered on real databases: nothing changes, and only a Y to the offer approves."""

from __future__ import annotations

import pytest

from domain.quotes import QuoteState
from tests.integration.dialogue_world import JOE, MARIA, World, build_world


@pytest.fixture
def world(uow_factory) -> World:  # type: ignore[no-untyped-def]
    return build_world(uow_factory)


def quote_states(world: World) -> dict[str, QuoteState]:
    with world.uow_factory() as uow:
        return {q.number: q.state for q in uow.quotes.find()}


def test_a_price_question_changes_nothing_and_a_y_after_it_asks_before_approving(
        world: World) -> None:
    world.transcript(JOE, [("maybe, how much again?", "Quote Q-2001 (Sewer line repair) is $9,900.00.")])
    assert quote_states(world)["Q-2001"] is QuoteState.SENT
    world.transcript(JOE, [("Y", "Approve quote Q-2001"),
                           ("Y", "Approved: quote Q-2001, $9,900.00."),
                           ("did my approval go through?", "was approved on")])
    assert quote_states(world)["Q-2001"] is QuoteState.APPROVED


def test_visit_questions_list_the_visits_asked_about_and_change_nothing(world: World) -> None:
    before = quote_states(world)
    world.transcript(MARIA, [
        ("who's coming thursday", "Your visit on Thu Mar 5: 8-10am, Heating & cooling repair with Tom."),
        ("when is the electrician coming", "Your electrical repair visit: Fri Mar 6, 1-3pm with Ana."),
        ("do i have anyone coming tomorrow", "You have no visit booked on Tue Mar 3."),
        ("how much was it again", "Quote Q-1042 (Water heater replacement) is $1,850.00. Quote "
                                  "Q-1043 (AC replacement) is $4,250.00."),
        ("Y", "Nothing is waiting for a yes"),
    ])
    assert quote_states(world) == before
