"""Shared fixtures for the parser tests: one parser, fixed local clocks, the shared data sets."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.nlu import Parser

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared"

# Monday 2 March 2026, 09:30 in Chicago: the reference time of most examples.
MONDAY = datetime(2026, 3, 2, 9, 30, tzinfo=ZoneInfo("America/Chicago"))


@pytest.fixture(scope="session")
def parser() -> Parser:
    return Parser()


@pytest.fixture(scope="session")
def understand(parser):
    """Parse as a customer on Monday 2 March 2026 unless told otherwise."""

    def run(text, role="customer", now=MONDAY, known_targets=()):
        return parser.parse(text, role=role, now=now, known_targets=known_targets)

    return run
