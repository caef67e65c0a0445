"""Whatever arrives, the inbox stores it and answers briefly, without raising."""

from __future__ import annotations

import pytest

from bot.dialogue.gsm import MAX_REPLY, is_gsm
from bot.inbox import MAX_INBOUND_CHARS
from tests.integration.dialogue_world import MARIA, NEWCOMER, World, build_world

NASTY = [
    "x" * 20_000,
    "nul \x00 byte",
    "\u202eRTL override 🤖🔥💯",
    "   ",
    "'; DROP TABLE messages; --",
    "Y" * 5,
    "1" * 40,
    "approve quote 99999999999999999999",
    "cancel",  # a bare carrier keyword
    "\u0000",
]


@pytest.fixture
def world(uow_factory) -> World:  # type: ignore[no-untyped-def]
    return build_world(uow_factory)


@pytest.mark.parametrize("phone", [MARIA, NEWCOMER])
def test_junk_is_stored_and_answered_briefly_in_gsm(world: World, phone: str) -> None:
    for text in NASTY:
        result = world.text(phone, text, reply_to_keywords=True)
        assert all(len(r) <= MAX_REPLY and is_gsm(r) for r in result.replies), text[:40]
    with world.uow_factory() as uow:
        stored = [m.body for m in uow.messages.find(address=phone)]
    assert max(len(body) for body in stored) <= MAX_INBOUND_CHARS
    assert not any("\x00" in body for body in stored)
