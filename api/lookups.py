"""Shared read helpers for routes: phone and day filters that answer 422 on garbage, and pages."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Any, Protocol, TypeVar
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from fastapi import HTTPException, Query, Request, Response, status

from domain.errors import InvalidPhoneNumber, NotFound
from domain.parties import Account, Contact, Site
from domain.phones import normalize_phone
from domain.ports import AbstractUnitOfWork, TimeRange

# Row ids are 32-bit INTEGER columns; a bigger id in a filter could never match, and the database
# driver would refuse to bind it (a 500), so the query validation answers 422 instead.
MAX_ID = 2**31 - 1

# Every listing is paged: `limit` rows at most, and a cursor (the id of an item already seen).
Limit = Annotated[int, Query(ge=1, le=1000, description="items per page (at most 1000)")]
AfterId = Annotated[int | None, Query(ge=1, le=MAX_ID, description="continue after this item "
                                      "(the Link header's rel=\"next\" URL carries it)")]
BeforeId = Annotated[int | None, Query(ge=1, le=MAX_ID, description="the items before this one")]
PAGE = 100  # the default `limit`


def e164_or_422(phone: str) -> str:
    try:
        return normalize_phone(phone)
    except InvalidPhoneNumber as exc:
        raise HTTPException(status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
                            detail=str(exc)) from exc


def contact_by_phone(uow: AbstractUnitOfWork, phone: str) -> Contact | None:
    """The contact with this phone (any common format)."""
    return uow.contacts.first(phone=e164_or_422(phone))


def account_or_404(uow: AbstractUnitOfWork, account_id: int) -> Account:
    """The account with this id; NotFound (a 404) when there is none."""
    account = uow.accounts.get(account_id)
    if account is None:
        raise NotFound(f"No account {account_id}")
    return account


def given(**filters: Any) -> dict[str, Any]:
    """The query filters the caller actually supplied (None means "not filtered")."""
    return {name: value for name, value in filters.items() if value is not None}


def local_day(attribute: str, day: date, zone: str) -> TimeRange:
    """The local `day` in `zone` as a UTC range on `attribute`; 422 for a day whose start or
    end a datetime cannot hold (9999-12-31, or 0001-01-01 east of UTC). Every day filter of the
    API goes through here: a far day that can be held simply matches nothing."""
    tz = ZoneInfo(zone)
    try:
        since = datetime.combine(day, time(0), tz).astimezone(UTC)
        until = datetime.combine(day + timedelta(days=1), time(0), tz).astimezone(UTC)
    except OverflowError:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"date {day.isoformat()} is out of range: in {zone} a day from 0001-01-02 "
            "to 9999-12-30 can be listed") from None
    return TimeRange(attribute, since=since, until=until)


class _Identified(Protocol):
    id: int | None


Item = TypeVar("Item", bound=_Identified)


def page_of(found: Sequence[Item], limit: int, *, request: Request, response: Response,
            base_url: str, cursor: str) -> list[Item]:
    """The first `limit` items of `found` (read with limit + 1): when there was one more, the
    response gets an RFC 8288 `Link: <...>; rel="next"` to the page that continues from the
    last item, by the `cursor` query parameter (after_id or before_id). The URL is built from
    PUBLIC_BASE_URL, never from the Host header."""
    page = list(found[:limit])
    if len(found) > limit and page:
        last = page[-1].id
        query = [(name, value) for name, value in request.query_params.multi_items()
                 if name != cursor]
        query.append((cursor, str(last)))
        url = f"{base_url}{request.url.path}?{urlencode(query)}"
        response.headers["Link"] = f'<{url}>; rel="next"'
    return page


def sites_of(uow: AbstractUnitOfWork, account_ids: Collection[int]) -> dict[int, list[Site]]:
    """The sites of these accounts, in one query per thousand sites instead of one per account."""
    sites: dict[int, list[Site]] = {account_id: [] for account_id in account_ids}
    after: int | None = None
    while account_ids:
        batch = uow.sites.page(limit=1000, after_id=after, account_id=frozenset(account_ids))
        for site in batch:
            sites[site.account_id].append(site)
        if len(batch) < 1000:
            break
        after = batch[-1].id
    return sites
