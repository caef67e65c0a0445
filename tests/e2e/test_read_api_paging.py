"""The read API's listings come a page at a time: limit + cursor, an RFC 8288 Link to the next
page built from PUBLIC_BASE_URL, and every item met exactly once when the links are followed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

import httpx
import pytest
from fastapi import HTTPException
from fastapi.testclient import TestClient

from api.app import create_app
from api.bootstrap import bootstrap
from api.lookups import local_day
from api.settings import Settings
from domain.clock import FixedClock
from domain.messages import Direction, Message, MessageKind, MessageStatus
from domain.parties import Channel
from store.seed import seed_demo

TOKEN = "test-admin-token"
NOW = datetime(2026, 3, 2, 15, 30, tzinfo=UTC)  # Monday 09:30 in Chicago
AUTH = {"Authorization": f"Bearer {TOKEN}"}
PUBLIC = "https://crm.example.test"
MARIA, OTHER = "+15550100001", "+15550100002"
LISTINGS = ["/api/customers", "/api/jobs", "/api/appointments", "/api/quotes", "/api/deals",
            "/api/messages", "/api/staff"]


@pytest.fixture(scope="module")
def client(module_database_url: str) -> Iterator[TestClient]:
    container = bootstrap(Settings(database_url=module_database_url, admin_token=TOKEN,
                                   public_base_url=PUBLIC), clock=FixedClock(NOW))
    assert seed_demo(bus=container.bus, uow_factory=container.uow_factory,
                     business=container.business, catalog=container.catalog, now=NOW)
    with container.uow_factory() as uow:  # a thread of 24 with Maria and 13 with someone else
        for i in range(37):
            uow.messages.add(Message(
                channel=Channel.SMS, direction=Direction.IN if i % 2 else Direction.OUT,
                address=MARIA if i % 3 else OTHER, body=f"text {i}",
                created_at=NOW + timedelta(minutes=i), status=MessageStatus.RECEIVED,
                kind=MessageKind.INBOUND if i % 2 else MessageKind.REPLY))
        uow.commit()
    with TestClient(create_app(container=container)) as test_client:
        yield test_client
    container.engine.dispose()


def next_link(response: httpx.Response) -> str | None:
    found = re.fullmatch(r'<([^>]+)>; rel="next"', response.headers.get("link", ""))
    return found.group(1) if found else None


def walk(client: TestClient, path: str, **params: object) -> list[list[dict]]:
    """Every page of a listing, following the Link headers."""
    pages = []
    response = client.get(path, headers=AUTH, params=params)
    while True:
        assert response.status_code == 200, response.text
        pages.append(response.json())
        link = next_link(response)
        if link is None:
            return pages
        assert link.startswith(PUBLIC + path + "?")
        parts = urlsplit(link)
        response = client.get(f"{parts.path}?{parts.query}", headers=AUTH)


def key(item: dict) -> object:
    return item.get("id", item.get("contact_id"))


@pytest.mark.parametrize("path", LISTINGS)
def test_following_the_links_meets_every_item_once_in_the_order_of_one_long_page(
        client: TestClient, path: str) -> None:
    everything = client.get(path, headers=AUTH, params={"limit": 1000}).json()
    assert len(everything) > 6
    pages = walk(client, path, limit=3)
    assert all(len(page) == 3 for page in pages[:-1]) and 1 <= len(pages[-1]) <= 3
    if path == "/api/messages":  # newest page first, each page oldest first: read back in time
        pages = pages[::-1]
    walked = [key(item) for page in pages for item in page]
    assert walked == [key(item) for item in everything]
    assert len(set(walked)) == len(walked)


def test_an_accounts_timeline_pages_back_in_time_meeting_every_entry_once(
        client: TestClient) -> None:
    accounts = {visit["account_id"] for visit in client.get(
        "/api/appointments", headers=AUTH, params={"limit": 1000}).json()}
    busiest = max(accounts, key=lambda account: len(client.get(
        f"/api/accounts/{account}/timeline", headers=AUTH, params={"limit": 1000}).json()))
    path = f"/api/accounts/{busiest}/timeline"
    everything = client.get(path, headers=AUTH, params={"limit": 1000}).json()
    assert len(everything) > 3
    pages = walk(client, path, limit=2)
    walked = [entry["id"] for page in pages for entry in page]
    assert walked == [entry["id"] for entry in everything] and len(set(walked)) == len(walked)
    moments = [(entry["at"]["utc"], entry["id"]) for entry in everything]
    assert moments == sorted(moments, reverse=True)


def test_a_listing_that_fits_in_one_page_has_no_next_link(client: TestClient) -> None:
    response = client.get("/api/deals", headers=AUTH, params={"limit": 1000})
    assert response.status_code == 200 and "link" not in response.headers


def test_the_default_page_is_100_and_at_most_1000_can_be_asked_for(client: TestClient) -> None:
    visits = client.get("/api/appointments", headers=AUTH, params={"include_cancelled": True})
    assert len(visits.json()) == 100 and next_link(visits)
    refused = client.get("/api/appointments", headers=AUTH, params={"limit": 1001})
    assert refused.status_code == 422 and refused.json()["detail"]


def test_the_next_link_keeps_the_filters_and_never_uses_the_host_header(client: TestClient) -> None:
    response = client.get("/api/messages", headers={**AUTH, "Host": "evil.example"},
                          params={"phone": "(555) 010-0001", "limit": 5})
    link = next_link(response)
    assert link is not None and link.startswith(f"{PUBLIC}/api/messages?")
    assert "evil" not in link and "phone=%28555%29+010-0001" in link and "limit=5" in link


def test_a_phone_thread_ends_with_the_newest_messages_and_pages_back_in_time(
        client: TestClient) -> None:
    thread = walk(client, "/api/messages", phone=MARIA, limit=10)
    assert [len(page) for page in thread] == [10, 10, 4]
    newest = thread[0]
    assert [m["body"] for m in newest][-1] == "text 35"  # the thread's last text, at the end
    ids = [m["id"] for page in thread[::-1] for m in page]
    assert ids == sorted(ids) and all(m["address"] == MARIA for page in thread for m in page)


def test_after_id_reads_forward_from_a_message(client: TestClient) -> None:
    thread = client.get("/api/messages", headers=AUTH, params={"phone": MARIA, "limit": 1000}).json()
    start = thread[4]["id"]
    response = client.get("/api/messages", headers=AUTH,
                          params={"phone": MARIA, "after_id": start, "limit": 3})
    assert [m["id"] for m in response.json()] == [m["id"] for m in thread[5:8]]
    link = next_link(response)
    assert link is not None and f"after_id={thread[7]['id']}" in link


def test_appointments_page_in_start_order_within_a_day(client: TestClient) -> None:
    everything = client.get("/api/appointments", headers=AUTH, params={"limit": 1000}).json()
    starts = [visit["start"]["utc"] for visit in everything]
    assert starts == sorted(starts)
    day = everything[len(everything) // 2]["start"]["local"][:10]
    pages = walk(client, "/api/appointments", date=day, limit=2)
    visits = [visit for page in pages for visit in page]
    assert len(pages) > 1 and all(visit["start"]["local"][:10] == day for visit in visits)
    assert visits == [visit for visit in everything if visit["start"]["local"][:10] == day]


def test_a_cursor_naming_no_visit_is_a_clear_404(client: TestClient) -> None:
    response = client.get("/api/appointments", headers=AUTH, params={"after_id": 999_999})
    assert response.status_code == 404 and "999999" in response.json()["detail"]


@pytest.mark.parametrize("day, status", [("9999-12-31", 422), ("9999-12-30", 200),
                                         ("0001-01-01", 200), ("2300-01-01", 200)])
def test_a_far_day_is_an_empty_list_and_a_day_no_clock_can_hold_is_422(
        client: TestClient, day: str, status: int) -> None:
    response = client.get("/api/appointments", headers=AUTH, params={"date": day})
    assert response.status_code == status, response.text
    if status == 200:
        assert response.json() == []
    else:
        assert "9999-12-31" in response.json()["detail"]


def test_the_first_day_of_the_calendar_east_of_utc_is_422_not_a_500() -> None:
    assert local_day("start", date(1, 1, 1), "America/Chicago").since is not None
    with pytest.raises(HTTPException) as refused:
        local_day("start", date(1, 1, 1), "Asia/Tokyo")
    assert refused.value.status_code == 422


@pytest.mark.parametrize("path", ["/api/messages/", "/api/appointments/", "/healthz/"])
def test_a_trailing_slash_is_a_plain_404_not_a_redirect_built_from_the_host(
        client: TestClient, path: str) -> None:
    response = client.get(path, headers={**AUTH, "Host": "evil.example"}, follow_redirects=False)
    assert response.status_code == 404
    assert "location" not in response.headers
