"""Booking and moving visits: no technician is ever in two places at once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.commands import BookAppointment, CancelAppointment, RescheduleAppointment
from domain.errors import InvalidTransition, SchedulingConflict
from domain.jobs import AppointmentStatus, JobState

CHICAGO = ZoneInfo("America/Chicago")


def local(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=CHICAGO)


def book(bus, world, technician_id, start, site_id=None, service_id="hvac_repair", actor=None):
    return bus.handle(BookAppointment(
        account_id=world.account_id, site_id=site_id or world.site_id, service_id=service_id,
        technician_id=technician_id, start=start, actor=actor or world.dispatcher(),
    ))


def test_booking_stores_the_visit_in_utc_and_schedules_a_new_job(bus, world):
    appointment_id = book(bus, world, world.tom_id, local(3, 9))
    appointment = world.uow.appointments.get(appointment_id)
    assert appointment.start == datetime(2026, 3, 3, 15, 0, tzinfo=UTC)
    assert appointment.start.tzinfo is UTC and appointment.end.tzinfo is UTC
    assert appointment.end - appointment.start == timedelta(hours=2)
    assert world.uow.jobs.get(appointment.job_id).state is JobState.SCHEDULED
    assert world.uow.committed


def test_a_technician_cannot_be_booked_into_an_overlapping_visit(bus, world):
    book(bus, world, world.tom_id, local(3, 9))
    with pytest.raises(SchedulingConflict, match="Tom Baker already has a visit"):
        book(bus, world, world.tom_id, local(3, 10))
    assert len(world.uow.appointments) == 1


def test_another_technician_can_take_the_same_hour(bus, world):
    book(bus, world, world.tom_id, local(3, 9))
    book(bus, world, world.ana_id, local(3, 10))
    assert len(world.uow.appointments) == 2


def test_back_to_back_visits_in_the_same_zone_need_no_travel_buffer(bus, world):
    book(bus, world, world.tom_id, local(3, 9))
    book(bus, world, world.tom_id, local(3, 11))
    assert len(world.uow.appointments) == 2


def test_a_visit_in_another_zone_must_leave_the_travel_buffer(bus, world):
    book(bus, world, world.tom_id, local(3, 9))
    with pytest.raises(SchedulingConflict):
        book(bus, world, world.tom_id, local(3, 11, 15), site_id=world.west_site_id)
    book(bus, world, world.tom_id, local(3, 11, 30), site_id=world.west_site_id)
    with pytest.raises(SchedulingConflict):  # and before: 07:00-09:00 in west ends too late
        book(bus, world, world.tom_id, local(3, 7), site_id=world.west_site_id)


def test_a_technician_without_the_skill_cannot_be_booked(bus, world):
    with pytest.raises(SchedulingConflict, match="Ana Diaz does not do plumbing work"):
        book(bus, world, world.ana_id, local(3, 9), service_id="plumbing_repair")


def test_a_visit_cannot_be_booked_in_the_past(bus, world):
    with pytest.raises(SchedulingConflict, match="already past"):
        book(bus, world, world.tom_id, local(2, 8))


def test_rescheduling_cannot_move_a_visit_onto_another_of_the_technicians_visits(bus, world):
    first = book(bus, world, world.tom_id, local(3, 9))
    second = book(bus, world, world.tom_id, local(3, 13))
    with pytest.raises(SchedulingConflict):
        bus.handle(RescheduleAppointment(appointment_id=second, technician_id=world.tom_id,
                                         start=local(3, 10), actor=world.dispatcher()))
    assert world.uow.appointments.get(second).start == local(3, 13)
    assert world.uow.appointments.get(first).start == local(3, 9)


def test_rescheduling_may_overlap_the_visits_own_old_time(bus, world):
    visit = book(bus, world, world.tom_id, local(3, 9))
    bus.handle(RescheduleAppointment(appointment_id=visit, technician_id=world.tom_id,
                                     start=local(3, 10), actor=world.customer()))
    moved = world.uow.appointments.get(visit)
    assert (moved.start, moved.window_end) == (local(3, 10), local(3, 12))


def test_rescheduling_to_another_technician_checks_that_technicians_day(bus, world):
    book(bus, world, world.ana_id, local(3, 9))
    visit = book(bus, world, world.tom_id, local(3, 9))
    with pytest.raises(SchedulingConflict, match="Ana Diaz"):
        bus.handle(RescheduleAppointment(appointment_id=visit, technician_id=world.ana_id,
                                         start=local(3, 10), actor=world.dispatcher()))
    bus.handle(RescheduleAppointment(appointment_id=visit, technician_id=world.ana_id,
                                     start=local(3, 11), actor=world.dispatcher()))
    assert world.uow.appointments.get(visit).technician_id == world.ana_id


def test_a_cancelled_visit_frees_the_technician_and_cancels_its_job(bus, world):
    visit = book(bus, world, world.tom_id, local(3, 9))
    bus.handle(CancelAppointment(appointment_id=visit, actor=world.customer()))
    appointment = world.uow.appointments.get(visit)
    assert appointment.status is AppointmentStatus.CANCELLED
    assert world.uow.jobs.get(appointment.job_id).state is JobState.CANCELLED
    book(bus, world, world.tom_id, local(3, 9))
    with pytest.raises(InvalidTransition, match="already cancelled"):
        bus.handle(CancelAppointment(appointment_id=visit, actor=world.customer()))


def test_a_naive_start_time_is_refused(bus, world):
    with pytest.raises(ValueError, match="naive datetime"):
        book(bus, world, world.tom_id, datetime(2026, 3, 3, 9, 0))  # noqa: DTZ001


@pytest.mark.parametrize(("start", "utc_start", "utc_end"), [
    # spring forward: 09:00 CDT is 14:00 UTC
    (local(8, 9), datetime(2026, 3, 8, 14, tzinfo=UTC), datetime(2026, 3, 8, 16, tzinfo=UTC)),
    # across the gap: 01:00 CST + 2h ends at 04:00 CDT
    (local(8, 1), datetime(2026, 3, 8, 7, tzinfo=UTC), datetime(2026, 3, 8, 9, tzinfo=UTC)),
    # fall back: 09:00 CST is 15:00 UTC
    (local(1, 9, month=11), datetime(2026, 11, 1, 15, tzinfo=UTC),
     datetime(2026, 11, 1, 17, tzinfo=UTC)),
])
def test_a_local_visit_on_a_dst_day_converts_to_the_right_utc_time(bus, world, start,
                                                                    utc_start, utc_end):
    visit = world.uow.appointments.get(book(bus, world, world.tom_id, start))
    assert (visit.start, visit.end) == (utc_start, utc_end)
    assert visit.start.astimezone(CHICAGO).replace(tzinfo=None) == start.replace(tzinfo=None)


def test_a_visit_crossing_the_spring_gap_ends_at_four_local_time(bus, world):
    visit = world.uow.appointments.get(book(bus, world, world.tom_id, local(8, 1)))
    assert visit.end.astimezone(CHICAGO).hour == 4
