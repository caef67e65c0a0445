"""Jobs (work orders) and their appointments, with the job's state machine."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from domain import events
from domain.actors import Actor
from domain.errors import InvalidTransition
from domain.events import AppointmentEvent
from domain.money import Line


class JobState(StrEnum):
    REQUESTED = "requested"
    SCHEDULED = "scheduled"
    EN_ROUTE = "en_route"
    ON_SITE = "on_site"
    PAUSED = "paused"
    COMPLETED = "completed"
    INVOICED = "invoiced"
    CANCELLED = "cancelled"


JOB_TRANSITIONS: dict[JobState, frozenset[JobState]] = {
    JobState.REQUESTED: frozenset({JobState.SCHEDULED, JobState.CANCELLED}),
    JobState.SCHEDULED: frozenset({JobState.EN_ROUTE, JobState.CANCELLED}),
    JobState.EN_ROUTE: frozenset({JobState.ON_SITE, JobState.CANCELLED}),
    JobState.ON_SITE: frozenset({JobState.PAUSED, JobState.COMPLETED}),
    JobState.PAUSED: frozenset({JobState.ON_SITE, JobState.SCHEDULED}),
    JobState.COMPLETED: frozenset({JobState.INVOICED}),
    JobState.INVOICED: frozenset(),
    JobState.CANCELLED: frozenset(),
}


# A status set by mistake may be taken back to the state it came from (see Job.revert_to).
REVERTIBLE: dict[JobState, frozenset[JobState]] = {
    JobState.EN_ROUTE: frozenset({JobState.SCHEDULED}),
    JobState.ON_SITE: frozenset({JobState.EN_ROUTE, JobState.SCHEDULED, JobState.PAUSED}),
    JobState.PAUSED: frozenset({JobState.ON_SITE, JobState.EN_ROUTE, JobState.SCHEDULED}),
    JobState.COMPLETED: frozenset({JobState.ON_SITE, JobState.EN_ROUTE, JobState.SCHEDULED,
                                   JobState.PAUSED}),
}


@dataclass(eq=False)
class Job:
    """A work order at a site: what to do, and where it stands."""

    account_id: int
    site_id: int
    service_id: str
    scope: str = ""
    state: JobState = JobState.REQUESTED
    deal_id: int | None = None
    summary: str = ""  # what the technician did
    eta: datetime | None = None  # expected arrival while en route (UTC)
    lines: tuple[Line, ...] = ()  # work done, for the invoice
    created_at: datetime | None = None
    updated_at: datetime | None = None
    id: int | None = None
    events: list[events.Event] = field(default_factory=list, repr=False)

    @property
    def number(self) -> str:
        return f"J-{self.id}"

    def allowed_next(self) -> frozenset[JobState]:
        return JOB_TRANSITIONS[self.state]

    def move_to(self, new: JobState, *, by: Actor, at: datetime, note: str = "") -> None:
        """Move along the state machine or raise InvalidTransition naming what is allowed."""
        if new not in JOB_TRANSITIONS[self.state]:
            allowed = ", ".join(sorted(s.value for s in JOB_TRANSITIONS[self.state])) or "nothing"
            raise InvalidTransition(
                f"Job {self.number} is {self.state.value} and cannot become {new.value}; "
                f"from {self.state.value} it can become: {allowed}"
            )
        assert self.id is not None, "job must be stored before it records events"
        old, self.state, self.updated_at = self.state, new, at
        self.events.append(
            events.JobStateChanged(
                job_id=self.id,
                account_id=self.account_id,
                old=old.value,
                new=new.value,
                actor=by.label(),
                channel=by.channel.value,
                message_id=by.message_id,
                note=note,
            )
        )
        if new is JobState.COMPLETED:
            self.events.append(events.JobCompleted(job_id=self.id, account_id=self.account_id))

    def reopen(self, *, by: Actor, at: datetime) -> None:
        """A job cancelled with its only visit is scheduled again when that visit is restored."""
        if self.state is not JobState.CANCELLED:
            return
        assert self.id is not None, "job must be stored before it records events"
        self.state, self.updated_at = JobState.SCHEDULED, at
        self.events.append(events.JobStateChanged(
            job_id=self.id, account_id=self.account_id, old=JobState.CANCELLED.value,
            new=JobState.SCHEDULED.value, actor=by.label(), channel=by.channel.value,
            message_id=by.message_id, note="visit restored"))

    def revert_to(self, old: JobState, *, by: Actor, at: datetime,
                  eta: datetime | None = None) -> None:
        """Undo the last status, set by mistake: back to `old`, outside the usual transitions."""
        if old is self.state:  # only the ETA changed (running late): put it back
            self.eta, self.updated_at = eta, at
            return
        if old not in REVERTIBLE.get(self.state, frozenset()):
            raise InvalidTransition(
                f"Job {self.number} is {self.state.value} and cannot go back to {old.value}")
        assert self.id is not None
        previous, self.state, self.updated_at, self.eta = self.state, old, at, eta
        if previous is JobState.COMPLETED:
            self.summary = ""
        self.events.append(events.JobStateChanged(
            job_id=self.id, account_id=self.account_id, old=previous.value, new=old.value,
            actor=by.label(), channel=by.channel.value, message_id=by.message_id,
            note="undone, set by mistake"))
        if previous is JobState.COMPLETED:
            self.events.append(events.JobReopened(job_id=self.id, account_id=self.account_id))

    def add_to_summary(self, more: str, *, at: datetime) -> None:
        """Work said after the job was finished, kept beside what was said before."""
        if self.state is not JobState.COMPLETED:
            raise InvalidTransition(f"Job {self.number} is {self.state.value}, not finished")
        self.summary = f"{self.summary}; {more}" if self.summary else more
        self.updated_at = at

    def complete(self, *, summary: str, lines: tuple[Line, ...], by: Actor, at: datetime) -> None:
        self.move_to(JobState.COMPLETED, by=by, at=at, note=summary)
        self.summary = summary
        if lines:
            self.lines = lines

    def expect_at(self, eta: datetime) -> None:
        """The technician's expected arrival while on the way (UTC)."""
        self.eta = eta

    def price(self, lines: tuple[Line, ...]) -> None:
        """Price the work from an approved quote, unless it already has lines or was cancelled."""
        if not self.lines and self.state is not JobState.CANCELLED:
            self.lines = lines

    @property
    def is_open(self) -> bool:
        return self.state not in (JobState.COMPLETED, JobState.INVOICED, JobState.CANCELLED)


class BookedTime:
    """A technician's booked time: the one rule for whether another visit can share their day."""

    __slots__ = ()
    start: datetime
    end: datetime
    zone_id: str

    def clashes_with(
        self, start: datetime, end: datetime, zone_id: str, travel_buffer: timedelta
    ) -> bool:
        """True when a visit [start, end) in `zone_id` cannot share this technician's day with it:
        visits overlap, or leave less than the travel buffer between them in different zones."""
        buffer = timedelta(0) if zone_id == self.zone_id else travel_buffer
        return self.start < end + buffer and start < self.end + buffer


class AppointmentStatus(StrEnum):
    BOOKED = "booked"
    CANCELLED = "cancelled"
    DONE = "done"


@dataclass(eq=False)
class Appointment(BookedTime):
    """A technician's visit for a job: start/end in UTC and the arrival window promised."""

    job_id: int
    technician_id: int
    start: datetime
    end: datetime
    window_start: datetime
    window_end: datetime
    account_id: int
    zone_id: str  # where the visit is, for travel buffers between zones
    confirmed: bool = False
    status: AppointmentStatus = AppointmentStatus.BOOKED
    id: int | None = None
    events: list[events.Event] = field(default_factory=list, repr=False)

    @property
    def is_active(self) -> bool:
        return self.status is AppointmentStatus.BOOKED

    def record_booked(self, *, by: Actor) -> None:
        """Record that this visit, just stored, was booked by `by`."""
        self._record(events.AppointmentBooked, by)

    def mark_done(self) -> None:
        """The visit took place and its job is finished."""
        if self.is_active:
            self.status = AppointmentStatus.DONE

    def reopen(self) -> None:
        """The job was marked finished by mistake: the visit is booked again."""
        if self.status is AppointmentStatus.DONE:
            self.status = AppointmentStatus.BOOKED

    def move(
        self,
        *,
        technician_id: int,
        start: datetime,
        end: datetime,
        window_start: datetime,
        window_end: datetime,
        by: Actor,
    ) -> None:
        if not self.is_active:
            raise InvalidTransition(
                f"This visit is {self.status.value}; only a booked visit can be moved"
            )
        old_start = self.start
        if start != old_start:
            self.confirmed = False  # a new time is confirmed anew, by its own reminder
        self.technician_id, self.start, self.end = technician_id, start, end
        self.window_start, self.window_end = window_start, window_end
        self._record(events.AppointmentRescheduled, by, old_start=old_start)

    def confirm(self, *, at_start: datetime, by: Actor) -> None:
        """The customer confirms the visit they were reminded of, if it still starts then."""
        if not self.is_active or self.start != at_start:
            raise InvalidTransition("That visit has changed since the reminder; reply with what "
                                    "you'd like to do, or call us")
        if not self.confirmed:
            self.confirmed = True
            self._record(events.AppointmentConfirmed, by)

    def cancel(self, *, by: Actor) -> None:
        if not self.is_active:
            raise InvalidTransition(
                f"This visit is already {self.status.value}; only a booked visit can be cancelled"
            )
        self.status = AppointmentStatus.CANCELLED
        self._record(events.AppointmentCancelled, by)

    def restore(self, *, by: Actor) -> None:
        """Put a cancelled visit back (its time already checked free by the caller)."""
        if self.status is not AppointmentStatus.CANCELLED:
            raise InvalidTransition(
                f"This visit is {self.status.value}; only a cancelled visit can be put back")
        self.status = AppointmentStatus.BOOKED
        self._record(events.AppointmentRestored, by)

    def _record(self, event: type[AppointmentEvent], by: Actor, **more: datetime) -> None:
        assert self.id is not None, "appointment must be stored before it records events"
        self.events.append(event(
            appointment_id=self.id, job_id=self.job_id, account_id=self.account_id,
            actor=by.label(), channel=by.channel.value, message_id=by.message_id, **more,
        ))
