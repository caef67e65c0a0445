"""The unit of work over SQLAlchemy, with its repositories."""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import datetime
from typing import IO, Any, Generic, TypeVar

from sqlalchemy import (
    ColumnElement,
    Table,
    and_,
    bindparam,
    event,
    func,
    insert,
    inspect,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import ORMExecuteState, Session
from sqlalchemy.orm.util import identity_key

from domain.consent import Consent
from domain.conversations import Conversation
from domain.deals import Deal, DealName, DealStage
from domain.due import Due
from domain.errors import NotFound
from domain.follow_ups import QUOTE_UNANSWERED_AFTER, STAGE_LIMITS, FollowUpRules
from domain.jobs import Appointment, AppointmentStatus, Job
from domain.messages import Direction, Message, MessageStatus
from domain.parties import Account, Channel, Contact, Customer, Site
from domain.ports import AbstractUnitOfWork, TimeRange
from domain.quotes import Invoice, Quote, QuoteState
from domain.scheduling import Busy
from domain.staff import StaffMember
from domain.timeline import Activity
from store import orm
from store.business import SqlBusinessRepository
from store.types import later_by
from store.writer_lock import WriterLock

T = TypeVar("T")

_LOOKUPS: dict[tuple[Any, ...], Any] = {}


# --- Paged listings (Repository.page): keyset pagination, ordered and limited in SQL ------------


class SqlPagedListing(Generic[T]):
    """`page` for a mapped class: WHERE ... AND (key, id) > (cursor's key, cursor's id) ORDER BY
    key, id LIMIT n, so a page reads about `limit` rows from an index however deep it is."""

    session: Session
    cls: type[T]
    seen: set[Any]

    def page(self, *, limit: int, after_id: int | None = None, before_id: int | None = None,
             newest_first: bool = False, order_by: str = "id", during: TimeRange | None = None,
             **equals: Any) -> list[T]:
        """Up to `limit` items in (`order_by`, id) order after/before the cursors' items (see
        domain.ports.PagedListing)."""
        key = [self._attribute("id")] if order_by == "id" else [self._attribute(order_by),
                                                                 self._attribute("id")]
        query = select(self.cls).where(*(_matches(self._attribute(name), value)
                                         for name, value in equals.items()))
        if during is not None:
            moment = self._attribute(during.attribute)
            if during.since is not None:
                query = query.where(moment >= during.since)
            if during.until is not None:
                query = query.where(moment < during.until)
        if after_id is not None:
            query = query.where(_key(key) > self._position(key, after_id))
        if before_id is not None:
            query = query.where(_key(key) < self._position(key, before_id))
        query = query.order_by(*(column.desc() if newest_first else column for column in key))
        found = list(self.session.scalars(query.limit(limit)).all())
        self.seen.update(found)
        return found

    def _position(self, key: list[Any], item_id: int) -> Any:
        """Where the cursor's item stands in the order: its id, or its (key, id) row."""
        if len(key) == 1:
            return item_id
        row = self.session.execute(select(*key).where(self._attribute("id") == item_id)).first()
        if row is None:
            raise NotFound(f"No {self.cls.__name__.lower()} {item_id} to continue the listing from")
        return tuple_(*(bindparam(None, value, type_=column.type)
                        for column, value in zip(key, row, strict=True)))

    def _attribute(self, name: str) -> Any:
        return getattr(self.cls, name)


def _key(key: list[Any]) -> Any:
    return key[0] if len(key) == 1 else tuple_(*key)


def _matches(column: Any, value: Any) -> ColumnElement[bool]:
    if value is None:
        return column.is_(None)  # type: ignore[no-any-return]
    if isinstance(value, frozenset):
        return column.in_(sorted(value))  # type: ignore[no-any-return]
    return column == value  # type: ignore[no-any-return]


# --- Repositories -------------------------------------------------------------------------------


class SqlRepository(SqlPagedListing[T]):
    """Add, get and find one mapped class; everything it hands out is remembered in `seen`."""

    def __init__(self, session: Session, cls: type[T]) -> None:
        self.session = session
        self.cls = cls
        self.seen: set[Any] = set()

    def add(self, item: T) -> T:
        """Store a new item and flush, so that it has its id at once."""
        self.add_unflushed(item)
        self.session.flush()
        return item

    def add_unflushed(self, item: T) -> T:
        """Store a new item whose id nobody needs yet (a reply): its INSERT waits for the next
        flush (a query or the commit) and goes with the others."""
        self.session.add(item)
        self.seen.add(item)
        return item

    def add_written(self, items: Collection[T]) -> None:
        """Insert items nobody changes afterwards (replies, timeline entries) as plain rows, in
        one batched statement; the session does not track them, so the commit's flush has
        nothing to work out for them (thousands cost no INSERT each)."""
        if not items:
            return
        table: Table = inspect(self.cls).local_table
        key = (self.cls, "add_written")
        statement = _LOOKUPS.get(key)
        if statement is None:
            statement = _LOOKUPS[key] = insert(table)
        self.session.execute(statement, [column_values(table, item) for item in items])

    def get(self, item_id: int) -> T | None:
        item = self.session.get(self.cls, item_id)
        if item is not None:
            self.seen.add(item)
        return item

    def get_many(self, item_ids: Collection[int]) -> list[T]:
        """The items with these ids, in that order, leaving out missing ones: one SELECT ... IN
        for those the session does not hold yet, instead of one `get` each (the session's
        objects are handed back as they are, as `get` does)."""
        wanted = list(dict.fromkeys(item_ids))
        found = {item_id: item for item_id in wanted if (item := self._held(item_id)) is not None}
        missing = [item_id for item_id in wanted if item_id not in found]
        if len(missing) == 1:
            item = self.session.get(self.cls, missing[0])
            if item is not None:
                found[missing[0]] = item
        elif missing:
            key = (self.cls, "get_many")
            query = _LOOKUPS.get(key)
            if query is None:
                query = _LOOKUPS[key] = select(self.cls).where(
                    self._column("id").in_(bindparam("ids", expanding=True)))
            rows: Any = self.session.scalars(query, {"ids": missing})
            found.update((item.id, item) for item in rows)
        return self._remember([found[item_id] for item_id in wanted if item_id in found])

    def _held(self, item_id: int) -> T | None:
        """The item if the session holds it loaded (what `get` hands back without a query)."""
        item = self.session.identity_map.get(identity_key(self.cls, item_id))
        return None if item is None or inspect(item).expired else item

    def find(self, **equals: Any) -> list[T]:
        """Items whose attributes equal the given values, oldest (lowest id) first."""
        return self._remember(self._looked_up(equals, first=False))

    def first(self, **equals: Any) -> T | None:
        found = self._remember(self._looked_up(equals, first=True))
        return found[0] if found else None

    def _looked_up(self, equals: dict[str, Any], *, first: bool) -> list[T]:
        """A lookup's items; the same lookup again in this transaction, with nothing written or
        locked since, is answered from the first one's items without a round trip."""
        reads = _reads(self.session)
        key = (self.cls, first, tuple(sorted(equals.items())))
        try:
            hash(key)
        except TypeError:  # a value that is no key (a list): read each time
            reads = None
        if reads is not None and key in reads:
            return list(reads[key])
        query, params = self._lookup(equals, first=first)
        found = list(self.session.scalars(query, params).all())
        if reads is not None:
            reads[key] = tuple(found)
        return found

    def _lookup(self, equals: dict[str, Any], *, first: bool) -> tuple[Any, dict[str, Any]]:
        """A prebuilt statement per (class, attribute names): building one each time cost more
        than running it. A None value needs IS NULL, so it gets a statement of its own."""
        nulls = tuple(sorted(name for name, value in equals.items() if value is None))
        # A frozenset value means any of its members: one IN (...) instead of a read for each.
        members = tuple(sorted(name for name, value in equals.items()
                               if isinstance(value, frozenset)))
        names = tuple(sorted(name for name in equals if name not in nulls + members))
        key = (self.cls, names, nulls, members, first)
        query = _LOOKUPS.get(key)
        if query is None:
            query = select(self.cls).where(
                *(self._column(name) == bindparam(f"eq_{name}") for name in names),
                *(self._column(name).in_(bindparam(f"in_{name}", expanding=True))
                  for name in members),
                *(self._column(name).is_(None) for name in nulls),
            ).order_by(self._column("id"))
            query = _LOOKUPS[key] = query.limit(1) if first else query
        return query, {**{f"eq_{name}": equals[name] for name in names},
                       **{f"in_{name}": sorted(equals[name]) for name in members}}

    def _column(self, name: str) -> Any:
        return getattr(self.cls, name)

    def _remember(self, items: Collection[T]) -> list[T]:
        self.seen.update(items)
        return list(items)


# --- Lookups read once a transaction ----------------------------------------------------------

# Lookups (`find`, `first`) already read in the session's transaction, by (class, first, values).
# Answerers and flows ask for the same things in one turn (the sender's visits, quotes, the
# technicians); anything written, flushed or locked makes every one of them read afresh.
_READS = "lookups_read"


def _reads(session: Session) -> dict[tuple[Any, ...], tuple[Any, ...]] | None:
    """The session's remembered lookups, or None while it holds changes not yet flushed (a
    lookup then flushes them first and may find other rows)."""
    if session.new or session.dirty or session.deleted:
        session.info.pop(_READS, None)
        return None
    reads: dict[tuple[Any, ...], tuple[Any, ...]] = session.info.setdefault(_READS, {})
    return reads


def forget_reads(session: Session, *_: Any) -> None:
    session.info.pop(_READS, None)


def _forget_reads_on_write(state: ORMExecuteState) -> None:
    if not state.is_select:  # an INSERT, UPDATE or DELETE, through the ORM or not
        forget_reads(state.session)


event.listen(Session, "after_flush", forget_reads)
event.listen(Session, "after_transaction_end", forget_reads)
event.listen(Session, "do_orm_execute", _forget_reads_on_write)


def insert_once(session: Session, table: Table, values: dict[str, Any],
                conflict_columns: list[str]) -> int | None:
    """INSERT ... ON CONFLICT DO NOTHING in the session's transaction; the new id, or None."""
    dialect = session.get_bind().dialect.name
    key = ("insert_once", table.name, dialect, tuple(sorted(values)), tuple(conflict_columns))
    statement = _LOOKUPS.get(key)
    if statement is None:  # one prebuilt statement with bound parameters, not literals each time
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        statement = _LOOKUPS[key] = (
            insert(table)
            .values({name: bindparam(name, type_=table.c[name].type) for name in sorted(values)})
            .on_conflict_do_nothing(index_elements=conflict_columns)
            .returning(table.c.id)
        )
    session.flush()
    new_id: int | None = session.execute(statement, values).scalar_one_or_none()
    return new_id


def column_values(table: Table, item: Any) -> dict[str, Any]:
    return {c.key: getattr(item, c.key) for c in table.columns if c.key != "id"}


class SqlSenderDirectory:
    """Who writes from a channel address, read once per unit of work (a miss is remembered too).

    A customer's contact is read with its account and the account's sites in one statement:
    the account is then in the session (`accounts.get` of it costs no round trip).
    """

    def __init__(self, session: Session, contacts: SqlRepository[Contact],
                 staff: SqlRepository[StaffMember]) -> None:
        self.session, self._contacts, self._staff = session, contacts, staff
        self._customers: dict[tuple[Channel, str], Customer | None] = {}
        self._staff_members: dict[tuple[Channel, str], StaffMember | None] = {}

    def customer(self, channel: Channel, address: str) -> Customer | None:
        key = (channel, address)
        if key not in self._customers:
            equals = _address_key(channel, address)
            self._customers[key] = self._read_customer(equals) if equals else None
        return self._customers[key]

    def staff_member(self, channel: Channel, address: str) -> StaffMember | None:
        key = (channel, address)
        if key not in self._staff_members:
            equals = _address_key(channel, address)
            found = self._staff.first(**equals) if equals else None
            self._staff_members[key] = found if found is not None and found.active else None
        return self._staff_members[key]

    def remember(self, channel: Channel, address: str, customer: Customer) -> None:
        self._customers[(channel, address)] = customer

    def _read_customer(self, equals: dict[str, Any]) -> Customer | None:
        names = tuple(sorted(equals))
        key = ("customer_at_address", names)
        query = _LOOKUPS.get(key)
        if query is None:
            query = _LOOKUPS[key] = (
                select(Contact, Account, Site)
                .join(Account, orm.accounts.c.id == orm.contacts.c.account_id)
                .outerjoin(Site, orm.sites.c.account_id == orm.accounts.c.id)
                .where(*(getattr(Contact, name) == bindparam(f"eq_{name}") for name in names))
                .order_by(orm.contacts.c.id, orm.sites.c.id)
            )
        rows = self.session.execute(query, {f"eq_{name}": equals[name] for name in names}).all()
        if not rows:
            return None
        contact: Contact = rows[0][0]
        account: Account = rows[0][1]
        self._contacts.seen.add(contact)
        sites = [row[2] for row in rows if row[0] is contact and row[2] is not None]
        return Customer(account=account, contact=contact, sites=sites)


def _address_key(channel: Channel, address: str) -> dict[str, Any]:
    """The contact or staff column an address lives in; {} for an address that cannot be one."""
    if channel is Channel.TELEGRAM:
        return {"telegram_chat_id": int(address)} if address.lstrip("-").isdigit() else {}
    return {"phone": address}


class SqlAppointmentRepository(SqlRepository[Appointment]):
    def __init__(self, session: Session) -> None:
        super().__init__(session, Appointment)

    def overlapping(
        self, start: datetime, end: datetime, technician_ids: Collection[int] | None = None
    ) -> list[Appointment]:
        """Booked appointments that intersect [start, end), for the given technicians (or all)."""
        table = orm.appointments.c
        query = select(Appointment).where(
            table.status == AppointmentStatus.BOOKED, table.start < end, table.end > start
        )
        if technician_ids is not None:
            query = query.where(table.technician_id.in_(list(technician_ids)))
        return self._remember(self.session.scalars(query.order_by(table.start, table.id)).all())


    def busy_between(self, start: datetime, end: datetime,
                     technician_ids: Collection[int]) -> list[Busy]:
        """Booked time of these technicians intersecting [start, end), as plain rows for slot
        search: no ORM objects, and only the diaries of technicians who could take the visit."""
        query = _LOOKUPS.get(("busy_between",))
        if query is None:
            table = orm.appointments.c
            query = _LOOKUPS[("busy_between",)] = (
                select(table.id, table.technician_id, table.start, table.end, table.zone_id)
                .where(table.status == AppointmentStatus.BOOKED,
                       table.technician_id.in_(bindparam("technician_ids", expanding=True)),
                       table.start < bindparam("until"), table.end > bindparam("since"))
                .order_by(table.start, table.id)
            )
        if not technician_ids:
            return []
        rows = self.session.execute(
            query, {"since": start, "until": end, "technician_ids": list(technician_ids)})
        return [Busy(*row) for row in rows]


class SqlDealRepository(SqlRepository[Deal]):
    def __init__(self, session: Session) -> None:
        super().__init__(session, Deal)

    def needing_follow_up(self, rules: FollowUpRules, *, owner_id: int | None,
                          limit: int) -> list[Deal]:
        """FollowUpRules.needs_follow_up as one query, walking the owner's deals by amount; the
        statement is built once (its times are parameters), as building it cost more than
        running it."""
        key = ("needing_follow_up", owner_id is None, limit)
        query = _LOOKUPS.get(key)
        if query is None:
            query = _LOOKUPS[key] = _follow_up_query(everyone=owner_id is None, limit=limit)
        params: dict[str, Any] = {f"since_{stage.value}": rules.untouched_since(stage)
                                  for stage in STAGE_LIMITS}
        params.update(day_end=rules.day_end, quoted_before=rules.quoted_before)
        if owner_id is not None:
            params["owner_id"] = owner_id
        return self._remember(self.session.scalars(query, params).all())

    def names(self, *, owner_id: int | None, is_open: bool) -> list[DealName]:
        key = ("deal_names", owner_id is None, is_open)
        query = _LOOKUPS.get(key)
        if query is None:
            query = _LOOKUPS[key] = _names_query(everyone=owner_id is None, is_open=is_open)
        params = {} if owner_id is None else {"owner_id": owner_id}
        return [DealName(*row) for row in self.session.execute(query, params)]


def _names_query(*, everyone: bool, is_open: bool) -> Any:
    deal, account = orm.deals.c, orm.accounts.c
    stages = list(STAGE_LIMITS) if is_open else [DealStage.WON, DealStage.LOST]
    query = (select(deal.id, account.name, deal.title)
             .join_from(orm.deals, orm.accounts, deal.account_id == account.id)
             .where(deal.stage.in_(stages)))
    if not everyone:
        query = query.where(deal.owner_id == bindparam("owner_id"))
    return query.order_by(deal.id)


def follow_up_condition(rules: FollowUpRules | None = None) -> Any:
    """FollowUpRules.needs_follow_up as a SQL condition on a deal: its thresholds bound from
    `rules`, or left as parameters for a statement built once."""
    deal, quote = orm.deals.c, orm.quotes.c

    def value(name: str, given: datetime | None) -> Any:
        return bindparam(name) if given is None else bindparam(name, given)

    day_end = value("day_end", rules.day_end if rules else None)
    stale = [and_(deal.stage == stage, or_(
        deal.last_touch_at.is_(None),
        deal.last_touch_at < value(f"since_{stage.value}",
                                   rules.untouched_since(stage) if rules else None)))
             for stage in STAGE_LIMITS]
    waiting = select(quote.id).where(
        quote.deal_id == deal.id, quote.state == QuoteState.SENT,
        quote.sent_at < value("quoted_before", rules.quoted_before if rules else None),
        or_(deal.last_touch_at.is_(None),
            deal.last_touch_at < later_by(quote.sent_at, QUOTE_UNANSWERED_AFTER))).exists()
    not_snoozed = or_(deal.next_follow_up_at.is_(None), deal.next_follow_up_at < day_end)
    return and_(
        deal.stage.in_(list(STAGE_LIMITS)),
        or_(and_(not_snoozed, or_(*stale)), deal.next_follow_up_at < day_end, waiting),
    )


def _follow_up_query(*, everyone: bool, limit: int) -> Any:
    deal = orm.deals.c
    query = select(Deal).where(follow_up_condition())
    if not everyone:
        query = query.where(deal.owner_id == bindparam("owner_id"))
    return query.order_by(deal.amount_cents.desc(), deal.id).limit(limit)


class SqlMessageRepository(SqlRepository[Message]):
    """The message log and the outbox."""

    def __init__(self, session: Session) -> None:
        super().__init__(session, Message)

    def add_inbound_once(self, message: Message) -> bool:
        """Store an inbound message unless (channel, provider id) is already stored; True if stored.

        Uses INSERT ... ON CONFLICT DO NOTHING inside the current transaction, so a webhook
        retried by the provider, even concurrently, is recorded once.
        """
        if message.provider_message_id is None:
            raise ValueError("an inbound message needs the provider's message id")
        new_id = insert_once(self.session, orm.messages, column_values(orm.messages, message),
                             ["channel", "provider_message_id"])
        if new_id is None:
            return False
        message.id = new_id  # not tracked by the session: an inbound message never changes
        return True

    def replies_to(self, channel: Channel, provider_message_id: str) -> list[Message]:
        """The replies stored for the inbound text with this provider id, oldest first."""
        query = _LOOKUPS.get(("replies_to",))
        if query is None:
            table = orm.messages.c
            inbound = (select(table.id).where(table.channel == bindparam("channel"),
                                              table.provider_message_id == bindparam("sid"))
                       .scalar_subquery())
            query = _LOOKUPS[("replies_to",)] = (
                select(Message).where(table.reply_to_id == inbound).order_by(table.id))
        found = self.session.scalars(query, {"channel": channel, "sid": provider_message_id})
        return self._remember(found.all())

    def add_due(self, items: Collection[tuple[Due, str]], now: datetime) -> list[str]:
        """Outbox rows written with ON CONFLICT (idempotency_key) DO NOTHING; the keys written."""
        from store.due import queue_once

        return queue_once(self.session, items, now)

    def known_keys(self, keys: Collection[str]) -> set[str]:
        from store.due import known_keys

        return known_keys(self.session, keys)

    def withdraw(self, stale: Collection[tuple[int, str]]) -> int:
        from store.due import withdraw

        return withdraw(self.session, stale)

    def claim_due(self, now: datetime, limit: int, claimed_by: str | None = None) -> list[Message]:
        """Claim up to `limit` queued outbound messages due by `now`, oldest first, for sender
        `claimed_by`.

        Claimed rows become SENDING with one more attempt. On PostgreSQL rows locked by another
        sender are skipped (FOR UPDATE SKIP LOCKED), so concurrent senders never claim the same
        message and never wait for each other.
        """
        table = orm.messages
        due = (
            select(table.c.id)
            .where(
                table.c.direction == Direction.OUT,
                table.c.status == MessageStatus.QUEUED,
                table.c.due_at <= now,
            )
            .order_by(table.c.due_at, table.c.id)
            .limit(limit)
        )
        claimed = {"status": MessageStatus.SENDING, "attempts": table.c.attempts + 1,
                   "claimed_by": claimed_by, "claimed_at": now}
        self.session.flush()
        if self.session.get_bind().dialect.name == "postgresql":
            # One round trip: the locking SELECT as a MATERIALIZED CTE runs exactly once, so
            # the UPDATE claims at most `limit` rows (a LIMITed locking subquery may run again).
            locked = due.with_for_update(skip_locked=True).cte("due").prefix_with("MATERIALIZED")
            claim = (update(table).where(table.c.id == locked.c.id).values(**claimed)
                     .returning(*table.c))
            found = self.session.scalars(select(Message).from_statement(claim),
                                         execution_options={"populate_existing": True}).all()
            return self._remember(sorted(found, key=lambda m: (m.due_at, m.id or 0)))
        # SQLite: one writer at a time; the status guard keeps a claim from taking a row twice.
        due_ids = list(self.session.scalars(due).all())
        if not due_ids:
            return []
        claim = (
            update(table)
            .where(table.c.id.in_(due_ids), table.c.status == MessageStatus.QUEUED)
            .values(**claimed)
            .returning(table.c.id)
        )
        claimed_ids = list(self.session.scalars(claim).all())
        if not claimed_ids:
            return []
        query = (
            select(Message)
            .where(table.c.id.in_(claimed_ids))
            .order_by(table.c.due_at, table.c.id)
            .execution_options(populate_existing=True)
        )
        return self._remember(self.session.scalars(query).all())

    def record_sent(self, claimed_by: str, sent: Collection[tuple[int, str]], at: datetime) -> int:
        """Mark messages SENT with the provider's ids, in one round trip for all; only those
        still claimed by `claimed_by` (SENDING, or POSSIBLY_SENT when it was taken for dead)."""
        if not sent:
            return 0
        table = orm.messages.c
        statement = (
            update(orm.messages)
            .where(table.id == bindparam("message_id"), table.claimed_by == claimed_by,
                   # Not IN (...): an expanding list cannot go into executemany.
                   or_(table.status == MessageStatus.SENDING,
                       table.status == MessageStatus.POSSIBLY_SENT))
            .values(status=MessageStatus.SENT, provider_message_id=bindparam("provider_id"),
                    sent_at=at, last_error=None)
        )
        result = self.session.execute(statement, [
            {"message_id": message_id, "provider_id": provider_id}
            for message_id, provider_id in sent])
        return int(result.rowcount)  # type: ignore[attr-defined]

    def claimers(self) -> dict[str | None, int]:
        """Who holds SENDING messages, and how many each (None: claimed by an older sender)."""
        table = orm.messages.c
        rows = self.session.execute(
            select(table.claimed_by, func.count()).where(table.status == MessageStatus.SENDING)
            .group_by(table.claimed_by))
        return {claimer: count for claimer, count in rows}


# --- Consent (domain/consent.py) ------------------------------------------------------------------
class SqlConsentRepository(SqlRepository[Consent]):
    """One consent record per (channel, address)."""

    def __init__(self, session: Session) -> None:
        super().__init__(session, Consent)
        # Read along with a conversation in this transaction, and not changed since.
        self._read: dict[tuple[Channel, str], bool] = {}

    def read_with_conversation(self, channel: Channel, address: str, opted_out: bool) -> None:
        self._read[(channel, address)] = opted_out

    def for_address(self, channel: Channel, address: str, now: datetime) -> Consent:
        """The address's record, created (opted in) on first use and locked until commit.

        INSERT ... ON CONFLICT DO NOTHING, then SELECT ... FOR UPDATE: a second transaction
        racing for the same address waits for the first, then finds its row (and its opt-out),
        so neither fails and no savepoint is needed.
        """
        self._read.pop((channel, address), None)  # about to change: read it afresh from now on
        new = Consent(channel=channel, address=address, changed_at=now)
        insert_once(self.session, orm.consents, column_values(orm.consents, new),
                    ["channel", "address"])
        query = _LOOKUPS.get(("consent_for_address",))
        if query is None:
            table = orm.consents.c
            query = _LOOKUPS[("consent_for_address",)] = (
                select(Consent)
                .where(table.channel == bindparam("channel"), table.address == bindparam("address"))
                .with_for_update()  # SQLite renders nothing: the INSERT took its write lock
                .execution_options(populate_existing=True)
            )
        found: Consent = self.session.scalars(query, {"channel": channel, "address": address}).one()
        self.seen.add(found)
        return found

    def opted_out(self, channel: Channel, addresses: Collection[str]) -> set[str]:
        """Those of `addresses` that have opted out on `channel`, in one read."""
        wanted = sorted(set(addresses))
        if not wanted:
            return set()
        if all((channel, address) in self._read for address in wanted):
            return {address for address in wanted if self._read[(channel, address)]}
        query = _LOOKUPS.get(("consents_opted_out",))
        if query is None:
            table = orm.consents.c
            query = _LOOKUPS[("consents_opted_out",)] = (
                select(table.address)
                .where(table.channel == bindparam("channel"),
                       table.address.in_(bindparam("addresses", expanding=True)),
                       table.opted_out_at.is_not(None))
            )
        self.session.flush()  # an opt-out earlier in this transaction counts
        return set(self.session.scalars(query, {"channel": channel, "addresses": wanted}))
# --- end of consent ---------------------------------------------------------------------------------


class SqlConversationRepository:
    """Conversations as plain rows, not ORM objects: every text reads one and writes it back.

    The dialogue reads its sender's row, changes it in memory, and `save_changes` (called by the
    unit of work's commit) writes back each row whose fields changed, one UPDATE apiece. That is
    a fraction of what the ORM's identity map and flush cost on the path every text takes.
    """

    def __init__(self, session: Session, consents: SqlConsentRepository) -> None:
        self.session, self._consents = session, consents
        self.seen: set[Any] = set()  # the Repository interface; conversations record no events
        self._tracked: dict[int, tuple[Conversation, tuple[Any, ...]]] = {}
        self._by_sender: dict[tuple[Channel, str], Conversation] = {}  # read (and locked) once

    def add(self, conversation: Conversation) -> Conversation:
        statement = _LOOKUPS.get(("conversations_insert",))
        if statement is None:
            statement = _LOOKUPS[("conversations_insert",)] = (
                insert(orm.conversations).returning(orm.conversations.c.id))
        values = column_values(orm.conversations, conversation)
        conversation.id = self.session.execute(statement, values).scalar_one()
        return self._track(conversation)

    def get(self, conversation_id: int) -> Conversation | None:
        found = self.find(id=conversation_id)
        return found[0] if found else None

    def first(self, **equals: Any) -> Conversation | None:
        found = self.find(**equals)
        return found[0] if found else None

    def find(self, **equals: Any) -> list[Conversation]:
        table = orm.conversations.c
        query = select(orm.conversations).where(
            *(table[name] == value for name, value in equals.items())).order_by(table.id)
        return [self._loaded(row) for row in self.session.execute(query)]

    def for_sender(self, channel: Channel, address: str, now: datetime) -> Conversation:
        """The sender's conversation, locked FOR UPDATE on PostgreSQL until the transaction ends
        (SQLite serialises writers anyway); created empty on first contact.

        Two first texts racing from one sender end up with the same row: the insert does nothing
        on conflict, so neither transaction fails and no savepoint is needed.
        """
        found = self._by_sender.get((channel, address)) or self._locked(channel, address)
        if found is None:
            new = Conversation(channel=channel, address=address, updated_at=now)
            insert_once(self.session, orm.conversations, column_values(orm.conversations, new),
                        ["channel", "address"])
            found = self._locked(channel, address)
        assert found is not None, "the row was just inserted or already there"
        self._by_sender[(channel, address)] = found
        return found

    def _locked(self, channel: Channel, address: str) -> Conversation | None:
        """The row, locked; the sender's consent is read in the same statement (every text asks
        for it next), and handed to the consent repository."""
        query = _LOOKUPS.get(("conversation_for_sender",))
        if query is None:
            table, consent = orm.conversations.c, orm.consents.c
            query = _LOOKUPS[("conversation_for_sender",)] = (
                select(orm.conversations, consent.opted_out_at)
                .outerjoin(orm.consents, and_(consent.channel == table.channel,
                                              consent.address == table.address))
                .where(table.channel == bindparam("channel"), table.address == bindparam("address"))
                .with_for_update(of=orm.conversations)
            )
        row = self.session.execute(query, {"channel": channel, "address": address}).first()
        if row is None:
            return None
        self._consents.read_with_conversation(channel, address, row.opted_out_at is not None)
        return self._loaded(row)

    def save_changes(self) -> None:
        """Write back every conversation read or added here whose fields have changed."""
        statement = _LOOKUPS.get(("conversations_update",))
        if statement is None:
            table = orm.conversations.c
            statement = _LOOKUPS[("conversations_update",)] = (
                update(orm.conversations).where(table.id == bindparam("conversation_id"))
                .values({name: bindparam(name) for name in _CONVERSATION_FIELDS}))
        for conversation_id, (conversation, loaded) in self._tracked.items():
            now = _conversation_state(conversation)
            if now != loaded:
                values = {name: getattr(conversation, name) for name in _CONVERSATION_FIELDS}
                self.session.execute(statement, {"conversation_id": conversation_id, **values})
                self._tracked[conversation_id] = (conversation, now)

    def _loaded(self, row: Any) -> Conversation:
        tracked = self._tracked.get(row.id)
        if tracked is not None:  # one object per row in a unit of work, as the ORM would give
            return tracked[0]
        conversation = Conversation(
            channel=row.channel, address=row.address, role=row.role, flow=row.flow,
            step=row.step, data=dict(row.data), misunderstandings=row.misunderstandings,
            expires_at=row.expires_at, updated_at=row.updated_at, id=row.id)
        return self._track(conversation)

    def _track(self, conversation: Conversation) -> Conversation:
        assert conversation.id is not None
        self._tracked[conversation.id] = (conversation, _conversation_state(conversation))
        return conversation


_CONVERSATION_FIELDS = ("role", "flow", "step", "data", "misunderstandings", "expires_at",
                        "updated_at")


def _conversation_state(conversation: Conversation) -> tuple[Any, ...]:
    """What `save_changes` compares."""
    return (*conversation.state(), conversation.updated_at)


class SqlAlchemyUnitOfWork(AbstractUnitOfWork):
    """One session, one transaction; rolls back unless `commit()` is called."""

    session: Session
    messages: SqlMessageRepository
    conversations: SqlConversationRepository
    senders: SqlSenderDirectory
    consents: SqlConsentRepository

    def __init__(self, session_factory: Callable[[], Session],
                 writer_lock: WriterLock | None = None) -> None:
        self.session_factory = session_factory
        self.writer_lock = writer_lock  # held from enter to exit when given (SQLite files)
        self._held: IO[bytes] | None = None

    def __enter__(self) -> SqlAlchemyUnitOfWork:
        if self.writer_lock is not None:
            self._held = self.writer_lock.acquire()
        self.session = self.session_factory()
        self.accounts = SqlRepository(self.session, Account)
        self.contacts = SqlRepository(self.session, Contact)
        self.sites = SqlRepository(self.session, Site)
        self.staff = SqlRepository(self.session, StaffMember)
        self.deals = SqlDealRepository(self.session)
        self.jobs = SqlRepository(self.session, Job)
        self.appointments = SqlAppointmentRepository(self.session)
        self.quotes = SqlRepository(self.session, Quote)
        self.invoices = SqlRepository(self.session, Invoice)
        self.activities = SqlRepository(self.session, Activity)
        self.messages = SqlMessageRepository(self.session)
        self.senders = SqlSenderDirectory(self.session, self.contacts, self.staff)
        self.business = SqlBusinessRepository(self.session)
        self.consents = SqlConsentRepository(self.session)  # consent per (channel, address)
        self.conversations = SqlConversationRepository(self.session, self.consents)
        from store.due import SqlDueSource

        self.due = SqlDueSource(self.session)
        return self

    def __exit__(self, *args: object) -> None:
        # Closing rolls back whatever was not committed and detaches the objects without
        # expiring them, so what a caller loaded stays readable after the block.
        try:
            self.session.close()
        finally:
            if self._held is not None:
                self._held.close()
                self._held = None

    def lock_technician(self, technician_id: int) -> None:
        """Row lock on the technician (PostgreSQL), or SQLite's write lock taken now, not at flush.

        Either way a second booking for the same technician waits here until the first commits,
        and then its overlap check sees the first visit.
        """
        row = orm.staff.c.id == technician_id
        forget_reads(self.session)  # what is read after the lock is read afresh
        if self.session.get_bind().dialect.name == "postgresql":
            self.session.execute(select(orm.staff.c.id).where(row).with_for_update())
        else:
            self.session.execute(update(orm.staff).where(row).values(id=orm.staff.c.id))

    def lock_deal(self, deal_id: int) -> None:
        """Row lock on the deal (PostgreSQL), or SQLite's write lock taken now; then the deal is
        read again, so a confirmation that waited sees what the one before it did."""
        row = orm.deals.c.id == deal_id
        forget_reads(self.session)  # what is read after the lock is read afresh
        if self.session.get_bind().dialect.name == "postgresql":
            self.session.execute(select(orm.deals.c.id).where(row).with_for_update())
        else:
            self.session.execute(update(orm.deals).where(row).values(id=orm.deals.c.id))
        self.session.get(Deal, deal_id, populate_existing=True)

    def commit(self) -> None:
        self.conversations.save_changes()
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()
