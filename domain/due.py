"""What is due: the reminders, follow-ups and nudges the database calls for at a moment.

Nothing here is scheduled ahead. Each pass reads lean rows (a visit, a quote waiting, a finished
job, a rep) through `DueSource` and derives the messages due by `now`, each with an idempotency
key naming its kind, its object and its offset or day: writing them with ON CONFLICT DO NOTHING
makes a second pass write nothing twice. A visit's reminder key holds the visit's start, so a
moved visit is reminded of its new time; `stale_reminders` names the queued ones that no longer
match their visit (moved, cancelled, or already started).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from domain.business import BusinessSettings, next_allowed_moment
from domain.hours import WeeklyHours
from domain.messages import MessageKind
from domain.parties import Channel

# Quote nudges to the customer this long after sending; then the quote is stale and its rep told.
QUOTE_NUDGES = (timedelta(days=2), timedelta(days=5))
QUOTE_STALE_AFTER = timedelta(days=7)
# A customer who texted this recently (about the quote or anything else) is not nudged: the
# conversation just had says more than a "just checking in"; the nudge is dropped, not deferred.
NUDGE_QUIET_AFTER_TEXT = timedelta(days=2)
# Reviews, tune-ups and the rep's digest go out at these local times.
REVIEW_AT = time(10, 0)
TUNE_UP_AT = time(10, 0)
DIGEST_AT = time(8, 0)
# A digest not sent by then (everything was down) is skipped: the next day's says it all.
DIGEST_LATEST = timedelta(hours=10)
# How far back a pass looks for what it missed while nothing ran (a worker down for days).
CATCH_UP = timedelta(days=7)


@dataclass(frozen=True)
class Recipient:
    """Where an automated message goes, and the zone its quiet hours are kept in."""

    channel: Channel
    address: str
    timezone: str
    contact_id: int | None = None
    staff_id: int | None = None


# --- Lean rows read by the store ------------------------------------------------------------


@dataclass(frozen=True)
class UpcomingVisit:
    """A booked visit about to start, with what its reminder names."""

    appointment_id: int
    account_id: int
    start: datetime
    window_start: datetime
    window_end: datetime
    service: str
    technician: str
    customer: Recipient | None


@dataclass(frozen=True)
class QueuedReminder:
    """A reminder still in the outbox, beside the current state of the visit it names."""

    message_id: int
    key: str
    appointment_id: int
    visit_start: datetime | None  # None: the visit is gone or no longer booked


@dataclass(frozen=True)
class WaitingQuote:
    """A sent quote with no answer yet."""

    quote_id: int
    account_id: int
    number: str
    title: str
    sent_at: datetime
    customer: Recipient | None
    rep: Recipient | None
    last_customer_text: datetime | None = None  # the account's latest text to us


@dataclass(frozen=True)
class FinishedJob:
    """A completed job: the review request and the next tune-up follow from it."""

    job_id: int
    account_id: int
    service_id: str
    service: str
    finished_at: datetime
    customer: Recipient | None
    complained: bool = False  # the customer complained since the job was opened
    paused: bool = False  # the job was paused on the way (parts, a problem): no review asked
    upkeep_months: int | None = None  # when its equipment should be seen again
    upkeep_service: str = ""  # the visit that does it (the tune-up)
    upkeep_booked: bool = False  # a later upkeep visit already exists at the account


@dataclass(frozen=True)
class Rep:
    """A sales rep who gets a morning digest."""

    staff_id: int
    name: str
    reach: Recipient
    working_hours: WeeklyHours | None = None


@dataclass(frozen=True)
class Listed:
    """How many there are, and the first few by name (a digest names a few, counts the rest)."""

    count: int = 0
    first: tuple[str, ...] = ()


@dataclass(frozen=True)
class FollowUps:
    """What a rep should act on today (what `followups` answers), and yesterday's results."""

    deals_due: Listed = field(default_factory=lambda: Listed())
    quotes_waiting: Listed = field(default_factory=lambda: Listed())
    won: Listed = field(default_factory=lambda: Listed())
    lost: Listed = field(default_factory=lambda: Listed())

    @property
    def empty(self) -> bool:
        return not (self.deals_due.count or self.quotes_waiting.count or self.won.count
                    or self.lost.count)


@dataclass(frozen=True)
class UnscheduledJob:
    """A job from a won deal with no visit booked yet."""

    job_id: int
    account_id: int
    service: str
    account: str
    created_at: datetime


class DueSource(Protocol):
    """What a pass reads; each read selects its window in the database, from an index."""

    def upcoming_visits(self, after: datetime, until: datetime) -> list[UpcomingVisit]:
        """Booked visits starting in (after, until]."""
        ...

    def queued_reminders(self) -> list[QueuedReminder]:
        """Visit reminders still queued, each with its visit's current start."""
        ...

    def waiting_quotes(self, sent_from: datetime, now: datetime) -> list[WaitingQuote]:
        """Quotes still sent (unanswered), sent since `sent_from`, whose latest follow-up due by
        `now` (QUOTE_NUDGES, QUOTE_STALE_AFTER) is not written yet."""
        ...

    def finished_jobs(self, since: datetime, until: datetime) -> list[FinishedJob]:
        """Jobs completed (or invoiced) in [since, until]."""
        ...

    def upkeep_due(self, months: int, since: datetime, until: datetime) -> list[FinishedJob]:
        """Jobs whose equipment is seen every `months` months, finished in [since, until]."""
        ...

    def reps(self) -> list[Rep]: ...

    def written(self, keys: Iterable[str]) -> set[str]:
        """Those of these message keys already written (nothing more to read for them)."""
        ...

    def follow_ups(self, rep: Rep, now: datetime, yesterday: tuple[datetime, datetime]
                   ) -> FollowUps:
        """A rep's follow-ups due by `now`, and the deals won or lost in `yesterday`."""
        ...

    def unscheduled_won_jobs(self, created_before: datetime,
                             created_after: datetime) -> list[UnscheduledJob]: ...

    def dispatchers(self) -> list[Recipient]: ...


# --- What a message says, kept as facts: the words are in bot/scheduler_texts.py ---------------


@dataclass(frozen=True)
class VisitReminder:
    service: str
    technician: str
    window_start: datetime
    window_end: datetime
    asks_confirmation: bool  # the first reminder asks "reply Y to confirm or R to reschedule"


@dataclass(frozen=True)
class QuoteNudge:
    number: str
    title: str


@dataclass(frozen=True)
class QuoteStale:
    number: str
    title: str
    days: int


@dataclass(frozen=True)
class ReviewRequest:
    service: str


@dataclass(frozen=True)
class TuneUpReminder:
    service: str
    last_service: str


@dataclass(frozen=True)
class RepDigest:
    name: str
    follow_ups: FollowUps


@dataclass(frozen=True)
class UnscheduledAlert:
    job_id: int
    service: str
    account: str


Facts = (VisitReminder | QuoteNudge | QuoteStale | ReviewRequest | TuneUpReminder | RepDigest
         | UnscheduledAlert)


@dataclass(frozen=True)
class Due:
    """One message the database calls for: an outbox row once written."""

    purpose: str  # "reminder", "quote-nudge" ...: the first part of the key, for reports
    key: str
    kind: MessageKind
    due_at: datetime  # when it may go: already moved out of the recipient's quiet hours
    recipient: Recipient
    about_kind: str
    about_id: int
    account_id: int | None
    facts: Facts
    dropped: str | None = None  # recorded, never sent: why


@dataclass
class Derived:
    """A pass's result: what to write, and what reads it took."""

    due: list[Due] = field(default_factory=list)

    def extend(self, items: Iterable[Due]) -> None:
        self.due.extend(items)


# --- Deriving ---------------------------------------------------------------------------------


def reminder_key(appointment_id: int, start: datetime, offset: timedelta) -> str:
    """A visit's reminder at `offset` before `start`: a moved visit has new keys."""
    minutes = int(offset.total_seconds() // 60)
    return f"reminder:{appointment_id}:{start.isoformat()}:{minutes}m"


@dataclass(frozen=True)
class ReminderKey:
    """What a visit reminder's key says: which visit, at which start, how long before."""

    appointment_id: int
    start: datetime
    offset: timedelta

    @classmethod
    def parse(cls, key: str | None) -> ReminderKey | None:
        """Read a key written by `reminder_key`; None for any other key (or a withdrawn one)."""
        head, _, rest = (key or "").partition(":")
        appointment, _, rest = rest.partition(":")
        start, _, minutes = rest.rpartition(":")
        if head != "reminder" or not appointment.isdigit() or not minutes.endswith("m"):
            return None
        try:
            return cls(int(appointment), datetime.fromisoformat(start),
                       timedelta(minutes=int(minutes[:-1])))
        except ValueError:
            return None

    def asks_confirmation(self, business: BusinessSettings) -> bool:
        """The first reminder (the farthest offset) asks "reply Y to confirm or R to reschedule"."""
        return self.offset == max(business.reminder_offsets, default=None)


def visit_reminders(visit: UpcomingVisit, business: BusinessSettings, now: datetime) -> list[Due]:
    """The reminder due by `now` for a visit: the nearest offset passed (a pass that missed the
    earlier one sends the later one only). One moved by quiet hours past the start is dropped."""
    if visit.customer is None or visit.start <= now:
        return []
    zone = ZoneInfo(visit.customer.timezone)
    offsets = sorted(business.reminder_offsets)  # nearest the visit first
    passed = [offset for offset in offsets if reminder_moment(visit.start, offset, zone) <= now]
    if not passed:
        return []
    offset = passed[0]
    at = next_allowed_moment(max(reminder_moment(visit.start, offset, zone), now), zone, business)
    dropped = ("the visit starts before quiet hours end: not sent"
               if at >= visit.start else None)
    facts = VisitReminder(service=visit.service, technician=visit.technician,
                          window_start=visit.window_start, window_end=visit.window_end,
                          asks_confirmation=offset == offsets[-1])
    return [Due("reminder", reminder_key(visit.appointment_id, visit.start, offset),
                MessageKind.REMINDER, at, visit.customer, "appointment", visit.appointment_id,
                visit.account_id, facts, dropped)]


def reminder_moment(start: datetime, offset: timedelta, zone: ZoneInfo) -> datetime:
    """When a reminder `offset` before `start` is due. Whole days keep the local clock time (the
    24 h reminder of a 9:00 visit comes at 9:00 the day before, also across a DST change, when
    that is 23 or 25 hours); shorter offsets are hours on the clock."""
    if offset % timedelta(days=1):
        return start - offset
    local = start.astimezone(zone)
    back = local_moment(local.date() - timedelta(days=offset.days), local.time(), zone)
    return back.astimezone(start.tzinfo)


def stale_reminders(queued: Iterable[QueuedReminder], now: datetime) -> list[tuple[int, str]]:
    """Queued reminders that must not go: (message id, why). A reminder never names an old time."""
    stale: list[tuple[int, str]] = []
    for reminder in queued:
        if reminder.visit_start is None:
            stale.append((reminder.message_id, "the visit was cancelled"))
        elif not reminder.key.startswith(f"reminder:{reminder.appointment_id}:"
                                         f"{reminder.visit_start.isoformat()}:"):
            stale.append((reminder.message_id, "the visit was moved"))
        elif reminder.visit_start <= now:
            stale.append((reminder.message_id, "the visit started before it could go out"))
    return stale


def quote_follow_ups(quote: WaitingQuote, business: BusinessSettings, now: datetime) -> list[Due]:
    """The latest customer nudge due for an unanswered quote, and the rep's stale-quote nudge."""
    found: list[Due] = []
    # Keys as the store's waiting_quotes reads them: quote-nudge:<id>:<days>d, quote-stale:<id>.
    nudges = [after for after in QUOTE_NUDGES if quote.sent_at + after <= now]
    if nudges and quote.customer is not None and quote.sent_at + QUOTE_STALE_AFTER > now:
        after = nudges[-1]
        zone = ZoneInfo(quote.customer.timezone)
        found.append(Due("quote-nudge", f"quote-nudge:{quote.quote_id}:{after.days}d",
                         MessageKind.FOLLOW_UP,
                         next_allowed_moment(quote.sent_at + after, zone, business),
                         quote.customer, "quote", quote.quote_id, quote.account_id,
                         QuoteNudge(quote.number, quote.title), _just_talked(quote, now)))
    if quote.sent_at + QUOTE_STALE_AFTER <= now and quote.rep is not None:
        found.append(Due("quote-stale", f"quote-stale:{quote.quote_id}", MessageKind.NOTICE,
                         quote.sent_at + QUOTE_STALE_AFTER, quote.rep, "quote", quote.quote_id,
                         quote.account_id,
                         QuoteStale(quote.number, quote.title, QUOTE_STALE_AFTER.days)))
    return found


def _just_talked(quote: WaitingQuote, now: datetime) -> str | None:
    """Why a nudge is dropped: the customer texted us since the quote was sent, and lately."""
    texted = quote.last_customer_text
    if texted is None or texted < quote.sent_at or now - texted >= NUDGE_QUIET_AFTER_TEXT:
        return None
    return "the customer texted us since the quote was sent: not nudged"


def review_request(job: FinishedJob, business: BusinessSettings, now: datetime) -> list[Due]:
    """A review asked the day after a job is finished, once; not after a complaint or a pause."""
    if job.customer is None or job.complained or job.paused:
        return []
    zone = ZoneInfo(job.customer.timezone)
    at = local_moment(job.finished_at.astimezone(zone).date() + timedelta(days=1), REVIEW_AT,
                      zone)
    if at > now:
        return []
    return [Due("review", f"review:{job.job_id}", MessageKind.FOLLOW_UP,
                next_allowed_moment(at, zone, business), job.customer, "job", job.job_id,
                job.account_id, ReviewRequest(job.service))]


def tune_up_reminder(job: FinishedJob, business: BusinessSettings, now: datetime) -> list[Due]:
    """The next tune-up, `upkeep_months` after a repair or tune-up, unless one is booked."""
    if job.customer is None or job.upkeep_months is None or job.upkeep_booked:
        return []
    zone = ZoneInfo(job.customer.timezone)
    day = add_months(job.finished_at.astimezone(zone).date(), job.upkeep_months)
    at = local_moment(day, TUNE_UP_AT, zone)
    if at > now:
        return []
    return [Due("tune-up", f"tune-up:{job.job_id}", MessageKind.REMINDER,
                next_allowed_moment(at, zone, business), job.customer, "job", job.job_id,
                job.account_id, TuneUpReminder(job.upkeep_service or job.service, job.service))]


def digest_day(rep: Rep, business: BusinessSettings, now: datetime) -> date | None:
    """The rep's local day whose 08:00 digest is due by `now` (a working day), else None."""
    zone = ZoneInfo(rep.reach.timezone)
    today = now.astimezone(zone).date()
    hours = rep.working_hours or business.business_hours
    if hours.for_day(today) is None:
        return None
    at = local_moment(today, DIGEST_AT, zone)
    return today if at <= now < at + DIGEST_LATEST else None


def rep_digest(rep: Rep, day: date, follow_ups: FollowUps) -> list[Due]:
    """The rep's digest for `day`; nothing when there is nothing to say."""
    if follow_ups.empty:
        return []
    at = local_moment(day, DIGEST_AT, ZoneInfo(rep.reach.timezone))
    return [Due("digest", digest_key(rep, day), MessageKind.NOTICE, at,
                rep.reach, "staff", rep.staff_id, None, RepDigest(rep.name, follow_ups))]


def digest_key(rep: Rep, day: date) -> str:
    return f"digest:{rep.staff_id}:{day.isoformat()}"


def yesterday(rep: Rep, now: datetime) -> tuple[datetime, datetime]:
    """The rep's local yesterday as a UTC [start, end) pair (23 or 25 hours across DST)."""
    zone = ZoneInfo(rep.reach.timezone)
    today = now.astimezone(zone).date()
    return (local_moment(today - timedelta(days=1), time(0), zone).astimezone(now.tzinfo),
            local_moment(today, time(0), zone).astimezone(now.tzinfo))


def unscheduled_alerts(job: UnscheduledJob, dispatchers: Sequence[Recipient],
                       business: BusinessSettings, now: datetime) -> list[Due]:
    """Tell every dispatcher of a won job still without a visit one working day after it came."""
    at = after_working_day(job.created_at, business)
    if at > now:
        return []
    return [Due("unscheduled", f"unscheduled:{job.job_id}:staff:{person.staff_id}",
                MessageKind.NOTICE, at, person, "job", job.job_id, job.account_id,
                UnscheduledAlert(job.job_id, job.service, job.account)) for person in dispatchers]


def after_working_day(moment: datetime, business: BusinessSettings) -> datetime:
    """The same local time on the business's next working day after `moment`, or that day's
    closing when it closes earlier (a short Saturday)."""
    zone = business.zone_info
    local = moment.astimezone(zone)
    day = local.date() + timedelta(days=1)
    hours = business.business_hours.for_day(day)
    for _ in range(7):
        if hours is not None:
            break
        day += timedelta(days=1)
        hours = business.business_hours.for_day(day)
    at = min(local.time(), hours.end) if hours is not None else local.time()
    return local_moment(day, at, zone).astimezone(moment.tzinfo)


def local_moment(day: date, at: time, zone: ZoneInfo) -> datetime:
    """A local wall-clock time on a day, as an aware datetime; a time skipped by DST moves on."""
    moment = datetime.combine(day, at, zone)
    # Round-tripping through UTC turns a time that does not exist (02:30 on the spring-forward
    # night) into the real moment after the gap.
    return moment.astimezone(ZoneInfo("UTC")).astimezone(zone)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_before(moment: datetime, months: int) -> datetime:
    """`moment` moved back by calendar months (for the window of finished jobs to look at)."""
    back = add_months(moment.date(), -months)
    return moment.replace(year=back.year, month=back.month, day=back.day)


def derive(source: DueSource, business: BusinessSettings, upkeep_intervals: Iterable[int],
           now: datetime) -> Derived:
    """Everything due by `now`, read from `source` window by window."""
    derived = Derived()
    # An hour more: a day-long offset across a DST change is 25 hours.
    farthest = max(business.reminder_offsets, default=timedelta(0)) + timedelta(hours=1)
    for visit in source.upcoming_visits(now, now + farthest):
        derived.extend(visit_reminders(visit, business, now))
    for quote in source.waiting_quotes(now - QUOTE_STALE_AFTER - CATCH_UP, now):
        derived.extend(quote_follow_ups(quote, business, now))
    for job in source.finished_jobs(now - timedelta(days=2) - CATCH_UP, now):
        derived.extend(review_request(job, business, now))
    for months in sorted(set(upkeep_intervals)):
        since = months_before(now, months) - timedelta(days=1) - CATCH_UP
        for job in source.upkeep_due(months, since, months_before(now, months) + timedelta(days=1)):
            derived.extend(tune_up_reminder(job, business, now))
    digests = {rep: day for rep in source.reps()
               if (day := digest_day(rep, business, now)) is not None}
    done = source.written(digest_key(rep, day) for rep, day in digests.items())
    for rep, day in digests.items():
        if digest_key(rep, day) not in done:
            derived.extend(rep_digest(rep, day, source.follow_ups(rep, now,
                                                                  yesterday(rep, now))))
    dispatchers = source.dispatchers()
    for won in source.unscheduled_won_jobs(now - timedelta(days=1), now - CATCH_UP * 4):
        derived.extend(unscheduled_alerts(won, dispatchers, business, now))
    return derived
