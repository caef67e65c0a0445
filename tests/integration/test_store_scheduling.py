"""Finding the visits that get in the way of a new one."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from domain.actors import Actor
from domain.commands import BookAppointment
from domain.errors import SchedulingConflict
from domain.jobs import Appointment, AppointmentStatus, Job
from domain.parties import Channel
from domain.staff import Role
from tests.integration.world import MONDAY_9AM_CHICAGO, bus_on, stored_world

HOUR = timedelta(hours=1)


def test_overlapping_finds_booked_visits_that_intersect_the_span(uow_factory):
    world = stored_world(uow_factory)
    nine = MONDAY_9AM_CHICAGO
    with uow_factory() as uow:
        job = uow.jobs.add(Job(account_id=world.account_id, site_id=world.site_id,
                               service_id="hvac_repair"))

        def visit(technician_id: int, start, hours: int = 2,
                  status: AppointmentStatus = AppointmentStatus.BOOKED) -> Appointment:
            return uow.appointments.add(Appointment(
                job_id=job.id, technician_id=technician_id, start=start,
                end=start + hours * HOUR, window_start=start, window_end=start + 2 * HOUR,
                account_id=world.account_id, zone_id="north", status=status))

        toms_morning = visit(world.tom_id, nine)  # 9-11
        toms_afternoon = visit(world.tom_id, nine + 5 * HOUR)  # 14-16
        visit(world.tom_id, nine + 2 * HOUR, status=AppointmentStatus.CANCELLED)  # 11-13
        anas_morning = visit(world.ana_id, nine + HOUR)  # 10-12
        uow.commit()

    with uow_factory() as uow:
        toms = uow.appointments.overlapping(nine + HOUR, nine + 3 * HOUR, [world.tom_id])
        everyone = uow.appointments.overlapping(nine + HOUR, nine + 3 * HOUR)
        touching_only = uow.appointments.overlapping(nine + 2 * HOUR, nine + 5 * HOUR,
                                                     [world.tom_id])

    assert [a.id for a in toms] == [toms_morning.id]
    assert [a.id for a in everyone] == [toms_morning.id, anas_morning.id]
    assert touching_only == []  # [start, end): 11:00 neither overlaps 9-11 nor 14-16
    assert toms_afternoon.id not in [a.id for a in everyone]


def tom_tomorrow_at_nine(world) -> BookAppointment:  # type: ignore[no-untyped-def]
    """A dispatcher books Tom for the stored customer, Tuesday 9:00 in Chicago."""
    dispatcher = Actor(role=Role.DISPATCHER, channel=Channel.CONSOLE, staff_id=world.dispatcher_id)
    return BookAppointment(account_id=world.account_id, site_id=world.site_id,
                           service_id="hvac_repair", technician_id=world.tom_id,
                           start=MONDAY_9AM_CHICAGO + 24 * HOUR, actor=dispatcher)


def test_booking_through_the_bus_refuses_a_double_booking(uow_factory):
    world = stored_world(uow_factory)
    bus = bus_on(uow_factory)
    booking = tom_tomorrow_at_nine(world)

    appointment_id = bus.handle(booking)
    with pytest.raises(SchedulingConflict):
        bus.handle(booking)

    with uow_factory() as uow:
        (appointment,) = uow.appointments.find(technician_id=world.tom_id)
        assert appointment.id == appointment_id
        assert uow.activities.find(subject_type="appointment", subject_id=appointment_id)


def test_two_racing_bookings_of_one_slot_leave_one_visit(uow_factory):
    world = stored_world(uow_factory)
    bus = bus_on(uow_factory)
    booking = tom_tomorrow_at_nine(world)
    # Without a lock both would pass the overlap check before either commits; with it the second
    # waits inside the check, so the first stops waiting for it after a short while.
    both_checked = threading.Barrier(2, timeout=2)
    outcomes: list[object] = []

    def book() -> None:
        try:
            with uow_factory() as uow:
                appointment_id = bus.handle_in(uow, booking)
                try:
                    both_checked.wait()
                except threading.BrokenBarrierError:
                    pass
                uow.commit()
            outcomes.append(appointment_id)
        except SchedulingConflict as conflict:
            outcomes.append(conflict)

    racers = [threading.Thread(target=book) for _ in range(2)]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join(timeout=30)

    assert sorted(type(o).__name__ for o in outcomes) == ["SchedulingConflict", "int"], outcomes
    with uow_factory() as uow:
        assert len([a for a in uow.appointments.find(technician_id=world.tom_id)
                    if a.is_active]) == 1
