"""Fixtures for the conversation core's unit tests: one parser per run, a fresh world per test."""

from __future__ import annotations

import pytest

from bot.nlu import Parser
from domain.catalog import DEMO_CATALOG
from tests.unit.dialogue.chat_world import ChatWorld, build_chat_world


@pytest.fixture(scope="session")
def dialogue_parser() -> Parser:
    """The real parser, built once: every test reads texts the way production does."""
    return Parser(DEMO_CATALOG)


@pytest.fixture
def chat(dialogue_parser: Parser) -> ChatWorld:
    return build_chat_world(dialogue_parser)
