"""The bus commits a command with all it caused, or nothing at all."""

from __future__ import annotations

import logging

import pytest

from domain.bus import MessageBus, parameter_names
from domain.catalog import DEMO_CATALOG
from domain.clock import FixedClock
from domain.commands import BookAppointment, CreateJob, OptOut
from domain.errors import UnknownService
from domain.events import JobCreated, OptedOut
from domain.handlers import COMMAND_HANDLERS
from domain.jobs import Job
from domain.parties import Channel
from tests.fakes import NOW, FakeUnitOfWork, make_bus


def test_a_handled_command_is_committed(world):
    make_bus(world.uow, FixedClock(NOW)).handle(
        CreateJob(account_id=world.account_id, site_id=world.site_id, service_id="electrical",
                  actor=world.dispatcher()))
    assert world.uow.committed


def test_the_unit_of_work_is_not_committed_when_the_handler_raises(world):
    bus = make_bus(world.uow, FixedClock(NOW))
    with pytest.raises(UnknownService):
        bus.handle(BookAppointment(account_id=world.account_id, site_id=world.site_id,
                                   service_id="roofing", technician_id=world.tom_id, start=NOW,
                                   actor=world.dispatcher()))
    assert not world.uow.committed
    assert world.uow.rollbacks == 1


def test_an_unknown_service_lists_the_known_ids(world):
    with pytest.raises(UnknownService, match="hvac_repair, hvac_maintenance, plumbing_repair"):
        make_bus(world.uow, FixedClock(NOW)).handle(
            CreateJob(account_id=world.account_id, site_id=world.site_id, service_id="roof",
                      actor=world.dispatcher()))
    assert len(world.uow.jobs) == 0


def test_a_failing_event_handler_is_logged_and_the_command_still_commits(world, caplog):
    def broken(event, uow):
        raise RuntimeError("boom")

    seen: list[object] = []
    bus = MessageBus(
        uow_factory=lambda: world.uow,
        command_handlers=COMMAND_HANDLERS,
        event_handlers={OptedOut: [broken, lambda event: seen.append(event)]},
        dependencies={"clock": FixedClock(NOW)},
    )
    with caplog.at_level(logging.ERROR, logger="domain.bus"):
        bus.handle(OptOut(channel=Channel.SMS, address="+13125550142"))
    assert world.uow.committed
    assert seen == [OptedOut(channel="sms", address="+13125550142", actor="recipient")]
    assert "broken failed on OptedOut" in caplog.text


def test_events_raised_by_event_handlers_are_handled_too(world):
    handled: list[JobCreated] = []

    def open_a_second_job_once(event, uow):
        handled.append(event)
        if len(handled) == 1:
            job = uow.jobs.add(Job(account_id=event.account_id, site_id=world.site_id,
                                   service_id="electrical"))
            job.events.append(JobCreated(job_id=job.id, account_id=event.account_id))

    bus = MessageBus(uow_factory=lambda: world.uow, command_handlers=COMMAND_HANDLERS,
                     event_handlers={JobCreated: [open_a_second_job_once]},
                     dependencies={"clock": FixedClock(NOW), "catalog": DEMO_CATALOG})
    bus.handle_in(world.uow, CreateJob(account_id=world.account_id, site_id=world.site_id,
                                       service_id="electrical", actor=world.dispatcher()))
    assert [e.job_id for e in handled] == [1, 2]
    assert not world.uow.committed  # handle_in leaves committing to the caller


def test_handler_signatures_are_read_once():
    def handler(command, uow, clock):
        return None

    parameter_names.cache_clear()
    for _ in range(3):
        assert parameter_names(handler) == ("command", "uow", "clock")
    assert parameter_names.cache_info().misses == 1


def test_a_fresh_fake_unit_of_work_starts_uncommitted_and_empty():
    uow = FakeUnitOfWork()
    assert not uow.committed
    assert all(len(repository) == 0 for repository in uow.repositories())
