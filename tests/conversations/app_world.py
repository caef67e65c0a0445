"""A conversation's world end to end: the FastAPI app on a real database, texted through the
signed Twilio webhook, its state read through the read API.

The demo company is loaded as `fieldbot demo` loads it (api.business_commands), the app's
container gets a fixed clock (as tests/e2e/conftest.py builds it), and the customer's phone is
tests/e2e/sms.py's. fieldbot answers STOP/START/HELP itself, as in tests/conversations/fake_world.py.
Dispatcher notices are read from the store: the API shows no notice's key.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient

from api.app import create_app
from api.bootstrap import bootstrap
from api.business_commands import load_demo_company_if_none
from domain.clock import FixedClock
from tests.conversations.fake_world import demo_parser
from tests.conversations.spec import ConversationSpec
from tests.conversations.state import JobRow, QuoteRow, State, VisitRow, read_state
from tests.conversations.world import Seeded, seed_world, setup_time
from tests.e2e.conftest import ADMIN, sms_settings
from tests.e2e.sms import Phone

EVERYTHING = {"limit": 1000}  # one page holds a conversation's whole world


class AppWorld:
    """One conversation's world behind the app's webhook, on `database_url`."""

    def __init__(self, spec: ConversationSpec, database_url: str, stack: ExitStack) -> None:
        load_demo_company_if_none(database_url)
        self.clock = FixedClock(setup_time(spec))
        self.container = bootstrap(sms_settings(database_url, twilio_handles_keywords=False),
                                   clock=self.clock)
        stack.callback(self.container.engine.dispose)
        self.container.parser = demo_parser()  # type: ignore[misc]  # built once per run
        self.seeded: Seeded = seed_world(
            spec, uow_factory=self.container.uow_factory, bus=self.container.bus,
            clock=self.clock, business=self.container.business, catalog=self.container.catalog)
        self.client = stack.enter_context(TestClient(create_app(container=self.container)))
        self.phone = Phone(self.client, spec.phone)

    def text(self, body: str) -> str:
        return self.phone.text(body)

    def advance(self, delta: timedelta) -> None:
        self.clock.advance(delta)

    def get(self, path: str) -> list[dict[str, Any]]:
        response = self.client.get(path, params=EVERYTHING, headers=ADMIN)
        assert response.status_code == 200, response.text
        found = response.json()
        assert isinstance(found, list) and len(found) < EVERYTHING["limit"]
        return found

    def state(self) -> State:
        """The state as the read API shows it; notices from the store."""
        state = State()
        response = self.client.get("/api/appointments", headers=ADMIN,
                                   params={**EVERYTHING, "include_cancelled": "true"})
        assert response.status_code == 200, response.text
        for visit in response.json():
            state.visits[visit["id"]] = VisitRow(visit["job_id"], visit["status"],
                                                 datetime.fromisoformat(visit["start"]["utc"]),
                                                 visit["technician_id"])
        for job in self.get("/api/jobs"):
            state.jobs[job["id"]] = JobRow(job["state"], job["scope"], job["service_id"],
                                           job["site_id"])
        for quote in self.get("/api/quotes"):
            state.quotes[quote["number"]] = QuoteRow(quote["id"], quote["state"], quote["job_id"])
        for customer in self.get("/api/customers"):
            account = customer["account_id"]
            known = state.accounts.get(account, (customer["account_name"],))
            state.accounts[account] = (*known, f"{customer['name']} {customer['phone']}")
            for site in customer["sites"]:
                state.sites[site["id"]] = (account, site["address"], site["city"],
                                           site["postal_code"])
        with self.container.uow_factory() as uow:
            state.notices = read_state(uow, self.seeded.dispatchers).notices
        return state

    def stored_state(self) -> State:
        """The same state read from the store, to prove the API shows all of it."""
        with self.container.uow_factory() as uow:
            return read_state(uow, self.seeded.dispatchers)


@contextmanager
def app_worlds(database_url: str) -> Iterator[Any]:
    """A builder of AppWorlds on `database_url` (one conversation per database), closed after."""
    with ExitStack() as stack:
        yield lambda spec: AppWorld(spec, database_url, stack)
