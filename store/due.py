"""The scheduler's reads (domain/due.py's DueSource) and writes, in SQL: each read selects one
time window from an index and joins what the message names, so a pass reads what is due, not
every visit and quote there is."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import String, and_, cast, exists, func, literal, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, aliased

from domain.deals import DealStage
from domain.due import (
    QUOTE_NUDGES,
    QUOTE_STALE_AFTER,
    Due,
    FinishedJob,
    FollowUps,
    Listed,
    QueuedReminder,
    Recipient,
    Rep,
    UnscheduledJob,
    UpcomingVisit,
    WaitingQuote,
)
from domain.follow_ups import FollowUpRules
from domain.jobs import AppointmentStatus, JobState
from domain.messages import Direction, MessageKind, MessageStatus
from domain.notices import reach_of
from domain.parties import Channel
from domain.quotes import QuoteState
from domain.staff import Role
from store import orm
from store.uow import follow_up_condition

FINISHED = (JobState.COMPLETED, JobState.INVOICED)
# How a complaint and a pause are recorded on the timeline (domain/handlers.py, domain/jobs.py).
COMPLAINT_NOTE = "Customer complaint:%"
PAUSED_NOTE = f"% -> {JobState.PAUSED.value}%"

# The tables' columns, by what a row of each is.
visit, job, site, contact = orm.appointments.c, orm.jobs.c, orm.sites.c, orm.contacts.c
member, service, quote, deal = orm.staff.c, orm.services.c, orm.quotes.c, orm.deals.c
message = orm.messages.c


def _first_contact(account_id: Any) -> Any:
    """The account's first contact: the one automated messages go to (domain/notices.py)."""
    return (select(func.min(contact.id)).where(contact.account_id == account_id)
            .correlate_except(orm.contacts).scalar_subquery())


def _first_site_zone(account_id: Any) -> Any:
    first = aliased(orm.sites)
    return (select(first.c.timezone).where(first.c.account_id == account_id)
            .order_by(first.c.id).limit(1).correlate_except(first).scalar_subquery())


_CONTACT = (contact.id.label("contact_id"), contact.preferred_channel, contact.phone,
            contact.telegram_chat_id)


def _not_written(prefix: str, object_id: Any, suffix: str = "") -> Any:
    """No message keyed `prefix` + the object's id yet (domain/due.py's keys): a row whose last
    message is written is not read again, pass after pass (the unique key's index answers)."""
    key = literal(prefix) + cast(object_id, String)
    if suffix:
        key = key + literal(suffix)
    return ~exists().where(message.idempotency_key == key)


def _customer(row: Any, timezone: str) -> Recipient | None:
    if row.contact_id is None:
        return None
    reach = reach_of(row.preferred_channel, row.phone, row.telegram_chat_id)
    if reach is None:
        return None
    return Recipient(reach[0], reach[1], timezone, contact_id=row.contact_id)


def _staff(staff_id: int | None, phone: str | None, chat_id: int | None,
           timezone: str | None) -> Recipient | None:
    if staff_id is None:
        return None
    if chat_id is not None:
        return Recipient(Channel.TELEGRAM, str(chat_id), timezone or "UTC", staff_id=staff_id)
    if phone is not None:
        return Recipient(Channel.SMS, phone, timezone or "UTC", staff_id=staff_id)
    return None


def _aware(moment: datetime | None) -> datetime | None:
    """A moment read through an aggregate (SQLite returns MAX() of a column as naive text)."""
    if moment is None or isinstance(moment, datetime) and moment.tzinfo is not None:
        return moment
    read = moment if isinstance(moment, datetime) else datetime.fromisoformat(str(moment))
    return read if read.tzinfo is not None else read.replace(tzinfo=UTC)


class SqlDueSource:
    """domain.due.DueSource over one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def upcoming_visits(self, after: datetime, until: datetime) -> list[UpcomingVisit]:
        technician = aliased(orm.staff)
        query = (
            select(visit.id, visit.account_id, visit.start, visit.window_start, visit.window_end,
                   func.coalesce(service.name, job.service_id).label("service"),
                   technician.c.name.label("technician"), site.timezone, *_CONTACT)
            .select_from(orm.appointments)
            .join(orm.jobs, job.id == visit.job_id)
            .join(orm.sites, site.id == job.site_id)
            .join(technician, technician.c.id == visit.technician_id)
            .outerjoin(orm.services, service.id == job.service_id)
            .outerjoin(orm.contacts, contact.id == _first_contact(visit.account_id))
            .where(visit.start > after, visit.start <= until,
                   visit.status == AppointmentStatus.BOOKED)
        )
        return [UpcomingVisit(row.id, row.account_id, row.start, row.window_start,
                              row.window_end, row.service, row.technician,
                              _customer(row, row.timezone))
                for row in self.session.execute(query)]

    def queued_reminders(self) -> list[QueuedReminder]:
        query = (
            select(message.id, message.idempotency_key, message.about_id, visit.start, visit.status)
            .select_from(orm.messages)
            .outerjoin(orm.appointments, visit.id == message.about_id)
            .where(message.status == MessageStatus.QUEUED, message.kind == MessageKind.REMINDER,
                   message.about_kind == "appointment")
        )
        return [QueuedReminder(row.id, row.idempotency_key or "", row.about_id,
                               row.start if row.status is AppointmentStatus.BOOKED else None)
                for row in self.session.execute(query)]

    def waiting_quotes(self, sent_from: datetime, now: datetime) -> list[WaitingQuote]:
        rep = aliased(orm.staff)
        # Each stage's follow-up, by the quote's age: one not written yet is what is left to do.
        stages = [(after, "quote-nudge:", f":{after.days}d") for after in QUOTE_NUDGES]
        stages.append((QUOTE_STALE_AFTER, "quote-stale:", ""))
        left = or_(*(and_(quote.sent_at <= now - after,
                          *((quote.sent_at > now - stages[i + 1][0],) if i + 1 < len(stages)
                            else ()),
                          _not_written(prefix, quote.id, suffix))
                     for i, (after, prefix, suffix) in enumerate(stages)))
        # The account's latest text to us: a customer who just talked is not nudged.
        texted = (select(func.max(message.created_at))
                  .where(message.account_id == quote.account_id,
                         message.direction == Direction.IN)
                  .correlate_except(orm.messages).scalar_subquery())
        query = (
            select(quote.id, quote.account_id, quote.number, quote.title, quote.sent_at,
                   texted.label("texted"),
                   _first_site_zone(quote.account_id).label("timezone"), *_CONTACT,
                   rep.c.id.label("rep_id"), rep.c.phone.label("rep_phone"),
                   rep.c.telegram_chat_id.label("rep_chat"), rep.c.timezone.label("rep_zone"))
            .select_from(orm.quotes)
            .outerjoin(orm.deals, deal.id == quote.deal_id)
            .outerjoin(rep, and_(rep.c.id == deal.owner_id, rep.c.active))
            .outerjoin(orm.contacts, contact.id == _first_contact(quote.account_id))
            .where(quote.state == QuoteState.SENT, quote.sent_at >= sent_from, left,
                   # a lost deal's quote is nobody's to chase (a customer's late yes still
                   # reaches the office: domain/handlers.approve_quote)
                   or_(deal.stage.is_(None), deal.stage != DealStage.LOST))
        )
        return [WaitingQuote(row.id, row.account_id, row.number, row.title, row.sent_at,
                             _customer(row, row.timezone or "UTC"),
                             _staff(row.rep_id, row.rep_phone, row.rep_chat, row.rep_zone),
                             _aware(row.texted))
                for row in self.session.execute(query)]

    def finished_jobs(self, since: datetime, until: datetime) -> list[FinishedJob]:
        return self._finished(since, until, unwritten="review:")

    def upkeep_due(self, months: int, since: datetime, until: datetime) -> list[FinishedJob]:
        return self._finished(since, until, unwritten="tune-up:", upkeep_months=months)

    def _finished(self, since: datetime, until: datetime, *, unwritten: str,
                  upkeep_months: int | None = None) -> list[FinishedJob]:
        activity = orm.activities.c
        complained = exists().where(activity.account_id == job.account_id,
                                    activity.kind == "note",
                                    activity.summary.like(COMPLAINT_NOTE),
                                    activity.at >= func.coalesce(job.created_at, job.updated_at))
        # By account first: the timeline's (account_id, at) index finds the job's few entries.
        paused = exists().where(activity.account_id == job.account_id,
                                activity.subject_type == "job", activity.subject_id == job.id,
                                activity.summary.like(PAUSED_NOTE))
        columns: list[Any] = [job.id, job.account_id, job.service_id,
                              func.coalesce(service.name, job.service_id).label("service"),
                              job.updated_at, site.timezone, *_CONTACT,
                              complained.label("complained"), paused.label("paused")]
        query = (
            select(*columns)
            .select_from(orm.jobs)
            .join(orm.sites, site.id == job.site_id)
            .outerjoin(orm.services, service.id == job.service_id)
            .outerjoin(orm.contacts, contact.id == _first_contact(job.account_id))
            .where(job.state.in_(FINISHED), job.updated_at >= since, job.updated_at <= until,
                   _not_written(unwritten, job.id))
        )
        upkeep = aliased(orm.services)
        if upkeep_months is not None:
            later = aliased(orm.jobs)
            booked = exists().where(later.c.account_id == job.account_id,
                                    later.c.service_id == upkeep.c.id, later.c.id > job.id,
                                    later.c.state != JobState.CANCELLED)
            query = (query.add_columns(upkeep.c.name.label("upkeep"), booked.label("booked"))
                     .join(upkeep, and_(upkeep.c.skill == service.skill,
                                        upkeep.c.upkeep_months == upkeep_months)))
        found: dict[int, FinishedJob] = {}
        for row in self.session.execute(query):
            if row.id in found:
                continue  # two upkeep services for one skill: the first is enough
            found[row.id] = FinishedJob(
                row.id, row.account_id, row.service_id, row.service, row.updated_at,
                _customer(row, row.timezone), complained=bool(row.complained),
                paused=bool(row.paused),
                upkeep_months=upkeep_months,
                upkeep_service=row.upkeep if upkeep_months is not None else "",
                upkeep_booked=bool(row.booked) if upkeep_months is not None else False)
        return list(found.values())

    def reps(self) -> list[Rep]:
        query = select(orm.staff).where(member.role == Role.SALES, member.active)
        reps: list[Rep] = []
        for row in self.session.execute(query):
            reach = _staff(row.id, row.phone, row.telegram_chat_id, row.timezone)
            if reach is not None:
                reps.append(Rep(row.id, row.name, reach, row.working_hours))
        return reps

    def written(self, keys: Iterable[str]) -> set[str]:
        return known_keys(self.session, list(keys))

    def follow_ups(self, rep: Rep, now: datetime,
                   yesterday: tuple[datetime, datetime]) -> FollowUps:
        """What the rep's `followups` answers (domain/follow_ups.py's rule, the same query): deals
        to follow up on today, most valuable first, and quotes unanswered two days on; and the
        deals they won or lost yesterday. Counted, and the first named."""
        account = orm.accounts.c
        deal_label = (deal.title + " (" + account.name + ")")
        owned = (select(deal_label).join(orm.accounts, account.id == deal.account_id)
                 .where(deal.owner_id == rep.staff_id))
        rules = FollowUpRules.at(now, rep.reach.timezone)
        quote_label = quote.number + " (" + account.name + ")"
        waiting = (select(quote_label).join(orm.deals, deal.id == quote.deal_id)
                   .join(orm.accounts, account.id == quote.account_id)
                   .where(deal.owner_id == rep.staff_id, quote.state == QuoteState.SENT,
                          deal.stage != DealStage.LOST, quote.sent_at < rules.quoted_before))
        on_yesterday = (deal.last_touch_at >= yesterday[0], deal.last_touch_at < yesterday[1])
        return FollowUps(
            deals_due=self._listed(owned.where(follow_up_condition(rules))
                                   .order_by(deal.amount_cents.desc(), deal.id)),
            quotes_waiting=self._listed(waiting.order_by(quote.sent_at)),
            won=self._listed(owned.where(deal.stage == DealStage.WON, *on_yesterday)),
            lost=self._listed(owned.where(deal.stage == DealStage.LOST, *on_yesterday)))

    def _listed(self, query: Any) -> Listed:
        counted = query.order_by(None).subquery()  # a count needs no order (nor its sort)
        count = self.session.scalar(select(func.count()).select_from(counted)) or 0
        first = tuple(self.session.scalars(query.limit(LISTED)).all()) if count else ()
        return Listed(count, first)

    def unscheduled_won_jobs(self, created_before: datetime,
                             created_after: datetime) -> list[UnscheduledJob]:
        account = orm.accounts.c
        booked = exists().where(visit.job_id == job.id, visit.status == AppointmentStatus.BOOKED)
        query = (
            select(job.id, job.account_id, func.coalesce(service.name, job.service_id).label("service"),
                   account.name, job.created_at)
            .join(orm.accounts, account.id == job.account_id)
            .outerjoin(orm.services, service.id == job.service_id)
            .where(job.state == JobState.REQUESTED, job.deal_id.is_not(None),
                   job.created_at <= created_before, job.created_at >= created_after, ~booked)
        )
        return [UnscheduledJob(row.id, row.account_id, row.service, row.name, row.created_at)
                for row in self.session.execute(query)]

    def dispatchers(self) -> list[Recipient]:
        query = select(member.id, member.phone, member.telegram_chat_id, member.timezone).where(
            member.role == Role.DISPATCHER, member.active)
        found = (_staff(row.id, row.phone, row.telegram_chat_id, row.timezone)
                 for row in self.session.execute(query))
        return [person for person in found if person is not None]


def known_keys(session: Session, keys: Collection[str]) -> set[str]:
    """Which of `keys` are stored already: read from the unique index, a chunk at a time."""
    wanted, known = list(keys), set[str | None]()
    for start in range(0, len(wanted), CHUNK):
        known.update(session.scalars(select(message.idempotency_key).where(
            message.idempotency_key.in_(wanted[start:start + CHUNK]))).all())
    return {key for key in known if key is not None}


def queue_once(session: Session, items: Collection[tuple[Due, str]], now: datetime) -> list[str]:
    """Write outbox rows with INSERT ... ON CONFLICT (idempotency_key) DO NOTHING, as one batched
    statement; the keys given (callers leave out the keys already stored, see `known_keys`, so
    only a pass racing this one can have written one of them first). Rows are plain column
    values: thousands of messages cost no mapped objects."""
    if not items:
        return []
    session.flush()
    rows = [_row(item, body, now) for item, body in items]
    dialect = session.get_bind().dialect.name
    statement = _INSERT_ONCE.get(dialect)
    if statement is None:  # one compiled statement, run as a batched executemany
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        statement = _INSERT_ONCE[dialect] = (
            insert(orm.messages).on_conflict_do_nothing(index_elements=["idempotency_key"]))
    # The conflict clause decides: a row a racing pass wrote meanwhile is left as it is. (No
    # RETURNING: with ON CONFLICT it makes the driver send the rows one at a time.)
    session.execute(statement, rows)
    return [row["idempotency_key"] for row in rows]


def _row(item: Due, body: str, now: datetime) -> dict[str, Any]:
    recipient = item.recipient
    return {
        "channel": recipient.channel, "direction": Direction.OUT, "address": recipient.address,
        "body": body, "created_at": now,
        "status": MessageStatus.CANCELLED if item.dropped else MessageStatus.QUEUED,
        "kind": item.kind, "account_id": item.account_id, "contact_id": recipient.contact_id,
        "staff_id": recipient.staff_id, "provider_message_id": None,
        "idempotency_key": item.key, "due_at": item.due_at, "attempts": 0,
        "last_error": item.dropped, "sent_at": None, "timezone": recipient.timezone,
        "reply_to_id": None, "about_kind": item.about_kind, "about_id": item.about_id}


LISTED = 3  # names read per digest line (bot/scheduler_texts.py shows the first by SMS)
CHUNK = 500  # keys a read names at once (SQLite allows 32,766 bound values a statement)
_INSERT_ONCE: dict[str, Any] = {}


def withdraw(session: Session, stale: Collection[tuple[int, str]]) -> int:
    """Cancel queued messages, each with its reason; those no longer queued are left alone. One
    UPDATE per reason and chunk of ids (a pass after a long stop withdraws many at once)."""
    by_reason: dict[str, list[int]] = {}
    for message_id, reason in stale:
        by_reason.setdefault(reason, []).append(message_id)
    withdrawn = 0
    for reason, ids in by_reason.items():
        for start in range(0, len(ids), CHUNK):
            result = session.execute(
                update(orm.messages)
                .where(message.id.in_(ids[start:start + CHUNK]),
                       message.status == MessageStatus.QUEUED, message.direction == Direction.OUT)
                # The key is freed (as domain.reactions.void_key does) for a visit moved back later.
                .values(status=MessageStatus.CANCELLED, last_error=reason,
                        idempotency_key=(message.idempotency_key + ":void:"
                                         + cast(message.id, String))))
            withdrawn += int(getattr(result, "rowcount", 0) or 0)
    return withdrawn
