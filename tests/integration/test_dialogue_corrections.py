"""Corrections in whole conversations on real SQLite and PostgreSQL: undo, and the right address."""

from __future__ import annotations

import pytest

from domain.jobs import AppointmentStatus, JobState
from tests.integration.dialogue_world import MARIA, World, build_world


@pytest.fixture
def world(uow_factory) -> World:  # type: ignore[no-untyped-def]
    return build_world(uow_factory)


def test_a_cancelled_visit_is_put_back_from_the_stored_conversation(world: World) -> None:
    world.transcript(MARIA, [("cancel the thursday one", "Cancel your Thu Mar 5, 8-10am visit?"),
                             ("y", "is cancelled"),
                             ("put it back", "Done! Your Thu Mar 5, 8-10am visit is back on")])
    with world.uow_factory() as uow:
        visit = uow.appointments.get(world.ids["maria_thu"])
        assert visit is not None and visit.status is AppointmentStatus.BOOKED
        job = uow.jobs.get(visit.job_id)
        assert job is not None and job.state is JobState.SCHEDULED


def test_a_booking_is_moved_to_a_new_address_of_the_account(world: World) -> None:
    world.transcript(MARIA, [("my water heater is leaking", "Reply 1, 2 or 3"), ("1", "Booked"),
                             ("it's for my rental unit at 22 Elm St, Chicago 60618",
                              "is now at 22 Elm St, Chicago 60618")])
    with world.uow_factory() as uow:
        account_id = world.ids["maria_account"]
        [rental] = [s for s in uow.sites.find(account_id=account_id) if s.address == "22 Elm St"]
        newest = max(uow.jobs.find(account_id=account_id), key=lambda j: j.id or 0)
        assert newest.site_id == rental.id and newest.service_id == "water_heater"
