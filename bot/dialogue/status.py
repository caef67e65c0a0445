"""Where things stand: answered from the job's real state, never from a guess."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.dialogue import quote_questions, replies, visit_questions, visits
from bot.dialogue.reply import Reply
from bot.dialogue.times import clock_label, day_label
from domain.jobs import Appointment, Job, JobState

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

# Which job to talk about when several are open: the one nearest to the customer's door first.
_URGENCY = {JobState.EN_ROUTE: 0, JobState.ON_SITE: 1, JobState.PAUSED: 2,
            JobState.SCHEDULED: 3, JobState.REQUESTED: 4}


def start(turn: Turn) -> None:
    """A question about where things stand: a quote's, the visits asked about, or the next one."""
    assert turn.customer is not None
    if quote_questions.says_quote(turn) and quote_questions.answer(turn):
        return  # "what's the status of quote 1043"
    if visit_questions.answer(turn):
        return
    jobs = turn.uow.jobs.find(account_id=turn.customer.account_id)
    visits_of: dict[int | None, list[Appointment]] = {}
    for appointment in turn.uow.appointments.find(account_id=turn.customer.account_id):
        visits_of.setdefault(appointment.job_id, []).append(appointment)

    def next_start(job: Job) -> float:
        starts = [a.start.timestamp() for a in visits_of.get(job.id, []) if a.is_active]
        return min(starts, default=float("inf"))

    open_jobs = sorted((j for j in jobs if j.state in _URGENCY),
                       key=lambda j: (_URGENCY[j.state], next_start(j)))
    if open_jobs:
        described = _describe(turn, open_jobs[0], visits_of.get(open_jobs[0].id, []))
        turn.finish(replies.more_booked(described, _others(turn, open_jobs[0])))
        return
    done = [j for j in jobs if j.state in (JobState.COMPLETED, JobState.INVOICED)]
    if done:
        latest = max(done, key=lambda j: (j.updated_at or turn.now, j.id or 0))
        turn.finish(replies.status_done(_service(turn, latest), turn.business.name))
        return
    turn.finish(replies.status_nothing())


def of_visit(turn: Turn, appointment: Appointment) -> Reply | None:
    """Where the technician of one booked visit is, as the status answer says it."""
    job = turn.uow.jobs.get(appointment.job_id)
    return _describe(turn, job, [appointment]) if job is not None else None


def _describe(turn: Turn, job: Job, booked: list[Appointment]) -> Reply:
    technician = _technician_first_name(turn, booked)
    if job.state is JobState.EN_ROUTE:
        if job.eta is None or job.eta <= turn.now:
            return replies.status_en_route(technician, None)
        minutes = round((job.eta - turn.now).total_seconds() / 60)
        return replies.status_en_route(technician, clock_label(job.eta, turn.timezone), minutes)
    if job.state is JobState.ON_SITE:
        return replies.status_on_site(technician)
    if job.state is JobState.PAUSED:
        return replies.status_paused(_service(turn, job))
    upcoming = sorted((a for a in booked if a.is_active and a.end > turn.now),
                      key=lambda a: a.start)
    if job.state is JobState.SCHEDULED and upcoming:
        return replies.status_scheduled(visits.label(turn, upcoming[0]), technician)
    return replies.status_requested(_service(turn, job))


def _others(turn: Turn, told: Job) -> list[str]:
    """The days of the upcoming visits besides the job just described."""
    return [day_label(a.window_start, visits.timezone_of(turn, a)) for a in visits.upcoming(turn)
            if a.job_id != told.id]


def _technician_first_name(turn: Turn, booked: list[Appointment]) -> str:
    candidates = [a for a in booked if a.is_active] or booked
    nearest = min(candidates, key=lambda a: abs(a.start - turn.now), default=None)
    person = turn.uow.staff.get(nearest.technician_id) if nearest else None
    return person.first_name if person else "Your technician"


def _service(turn: Turn, job: Job) -> str:
    return visits.work_name(turn, job)
