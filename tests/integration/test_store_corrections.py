"""Corrections stored for real: a cancelled visit put back, a job moved to another address."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.commands import (
    AddSite,
    BookAppointment,
    CancelAppointment,
    ChangeJobSite,
    CorrectSiteAddress,
    RestoreAppointment,
)
from domain.errors import InvalidTransition, NotFound, OutsideServiceArea, SchedulingConflict
from domain.jobs import AppointmentStatus, JobState
from tests.integration.world import MONDAY_9AM_CHICAGO, bus_on, stored_world

TUESDAY_9AM = MONDAY_9AM_CHICAGO + timedelta(days=1)


def _booked(bus, world, site_id=None):  # type: ignore[no-untyped-def]
    return bus.handle(BookAppointment(
        account_id=world.account_id, site_id=site_id or world.site_id, service_id="hvac_repair",
        technician_id=world.tom_id, start=TUESDAY_9AM, actor=world.customer()))


def test_a_cancelled_visit_is_restored_in_its_slot_and_its_job_reopened(uow_factory):
    world = stored_world(uow_factory)
    bus = bus_on(uow_factory)
    visit_id = _booked(bus, world)
    bus.handle(CancelAppointment(appointment_id=visit_id, actor=world.customer()))

    bus.handle(RestoreAppointment(appointment_id=visit_id, actor=world.customer()))

    with uow_factory() as uow:
        visit = uow.appointments.get(visit_id)
        assert visit is not None and visit.status is AppointmentStatus.BOOKED
        assert visit.start == TUESDAY_9AM
        job = uow.jobs.get(visit.job_id)
        assert job is not None and job.state is JobState.SCHEDULED
        summaries = [a.summary for a in uow.activities.find(subject_type="appointment",
                                                            subject_id=visit_id)]
        assert summaries[-1].endswith("restored")


def test_a_visit_whose_slot_was_taken_is_not_restored_there(uow_factory):
    world = stored_world(uow_factory)
    bus = bus_on(uow_factory)
    visit_id = _booked(bus, world)
    bus.handle(CancelAppointment(appointment_id=visit_id, actor=world.customer()))
    _booked(bus, world)  # someone else takes the slot

    with pytest.raises(SchedulingConflict):
        bus.handle(RestoreAppointment(appointment_id=visit_id, actor=world.customer()))
    bus.handle(RestoreAppointment(appointment_id=visit_id, actor=world.customer(),
                                  technician_id=world.tom_id,
                                  start=TUESDAY_9AM + timedelta(hours=4)))

    with uow_factory() as uow:
        visit = uow.appointments.get(visit_id)
        assert visit is not None and visit.status is AppointmentStatus.BOOKED
        assert visit.start == TUESDAY_9AM + timedelta(hours=4)


def test_another_account_cannot_restore_a_visit(uow_factory):
    world = stored_world(uow_factory)
    bus = bus_on(uow_factory)
    visit_id = _booked(bus, world)
    bus.handle(CancelAppointment(appointment_id=visit_id, actor=world.customer()))
    with pytest.raises(NotFound):
        bus.handle(RestoreAppointment(appointment_id=visit_id,
                                      actor=world.customer(world.other_account_id)))


def test_a_job_moves_to_a_new_site_of_its_account(uow_factory):
    world = stored_world(uow_factory)
    bus = bus_on(uow_factory)
    visit_id = _booked(bus, world)
    site_id = bus.handle(AddSite(account_id=world.account_id, street="22 Elm St",
                                 city="Chicago", postal_code="60618", actor=world.customer()))
    with uow_factory() as uow:
        visit = uow.appointments.get(visit_id)
        assert visit is not None
        job_id = visit.job_id

    bus.handle(ChangeJobSite(job_id=job_id, site_id=site_id, actor=world.customer()))

    with uow_factory() as uow:
        site = uow.sites.get(site_id)
        job = uow.jobs.get(job_id)
        assert site is not None and (site.account_id, site.zone_id) == (world.account_id, "north")
        assert job is not None and job.site_id == site_id
        assert any(a.summary.startswith(f"Job J-{job_id} moved to 22 Elm St")
                   for a in uow.activities.find(account_id=world.account_id))


def test_a_site_outside_the_area_or_of_another_account_is_refused(uow_factory):
    world = stored_world(uow_factory)
    bus = bus_on(uow_factory)
    visit_id = _booked(bus, world)
    with pytest.raises(OutsideServiceArea):
        bus.handle(AddSite(account_id=world.account_id, street="5 Main St", city="Springfield",
                           postal_code="62701", actor=world.customer()))
    with uow_factory() as uow:
        visit = uow.appointments.get(visit_id)
        assert visit is not None
        job_id = visit.job_id
    with pytest.raises(NotFound):
        bus.handle(ChangeJobSite(job_id=job_id, site_id=world.other_site_id,
                                 actor=world.customer()))
    with uow_factory() as uow:
        job = uow.jobs.get(job_id)
        assert job is not None and job.site_id == world.site_id
        assert len(uow.sites.find(account_id=world.account_id)) == 2


def test_a_retyped_address_is_stored_in_place_while_no_job_is_at_it(uow_factory):
    world = stored_world(uow_factory)
    bus = bus_on(uow_factory)
    site_id = bus.handle(AddSite(account_id=world.account_id, street="2231 W Roscoe St",
                                 city="Chicago", postal_code="60618", actor=world.customer()))
    bus.handle(CorrectSiteAddress(site_id=site_id, street="2213 W Roscoe St", city="Chicago",
                                  postal_code="60618", actor=world.customer()))
    with uow_factory() as uow:
        site = uow.sites.get(site_id)
        assert site is not None and site.one_line() == "2213 W Roscoe St, Chicago 60618"
    with pytest.raises(OutsideServiceArea):
        bus.handle(CorrectSiteAddress(site_id=site_id, street="1 Main St", city="Evanston",
                                      postal_code="60201", actor=world.customer()))
    _booked(bus, world, site_id)
    with pytest.raises(InvalidTransition):  # work is booked there: add another address instead
        bus.handle(CorrectSiteAddress(site_id=site_id, street="2215 W Roscoe St", city="Chicago",
                                      postal_code="60618", actor=world.customer()))
