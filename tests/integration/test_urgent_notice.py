"""An emergency's urgent notice and timeline note are stored, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from domain.messages import Direction, MessageKind, MessageStatus
from domain.timeline import ActivityKind
from tests.integration.dialogue_world import MARIA, NEWCOMER, World, build_world


@pytest.fixture
def world(uow_factory) -> World:  # type: ignore[no-untyped-def]
    return build_world(uow_factory)


def test_a_gas_smell_stores_an_urgent_notice_and_an_urgent_timeline_note(world: World) -> None:
    world.transcript(MARIA, [("i smell gas in the kitchen", "leave the house now")])
    with world.uow_factory() as uow:
        [notice] = uow.messages.find(direction=Direction.OUT, kind=MessageKind.NOTICE,
                                     staff_id=world.ids["dana"])
        contact = uow.contacts.first(phone=MARIA)
        assert contact is not None
        notes = [a for a in uow.activities.find(account_id=contact.account_id)
                 if a.kind is ActivityKind.NOTE]
    assert notice.status is MessageStatus.QUEUED
    assert notice.body.startswith("URGENT, call now: Maria Rivera")
    assert "gas smell" in notice.body and "i smell gas in the kitchen" in notice.body
    assert notes[-1].summary.startswith("URGENT: Customer reported a gas smell")


def test_a_spanish_text_from_a_new_number_stores_a_notice_and_no_account(world: World) -> None:
    world.transcript(NEWCOMER, [("perdon, mi direccion es 1500 W Addison St",
                                 "Una persona del equipo le va a llamar pronto")])
    with world.uow_factory() as uow:
        assert uow.contacts.first(phone=NEWCOMER) is None
        [notice] = uow.messages.find(direction=Direction.OUT, kind=MessageKind.NOTICE,
                                     staff_id=world.ids["dana"])
    assert "wrote in Spanish" in notice.body
