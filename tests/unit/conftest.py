"""The unit tests' shared world: the small demo world on fakes and a bus with a fixed clock."""

from __future__ import annotations

import pytest

from domain.bus import MessageBus
from domain.clock import FixedClock
from tests.fakes import NOW, DemoWorld, demo_world, make_bus


@pytest.fixture
def world() -> DemoWorld:
    return demo_world()


@pytest.fixture
def bus(world: DemoWorld) -> MessageBus:
    return make_bus(world.uow, FixedClock(NOW))
