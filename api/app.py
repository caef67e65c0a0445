"""The FastAPI app factory: routers, error handlers, the container in app.state, and the lifespan
that starts and stops background work (api/background.py)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from api.background import BackgroundService, background_services
from api.bootstrap import Container, bootstrap
from api.routes import (
    accounts,
    appointments,
    customers,
    deals,
    health,
    invoices,
    jobs,
    messages,
    outbox,
    quotes,
    staff,
    twilio,
)
from api.settings import Settings
from domain.errors import DomainError, InvalidTransition, NotAllowed, NotFound, SchedulingConflict

logger = logging.getLogger(__name__)

_STATUS_FOR_ERROR = {NotFound: 404, NotAllowed: 403, SchedulingConflict: 409,
                     InvalidTransition: 409}


def create_app(settings: Settings | None = None, *, container: Container | None = None) -> FastAPI:
    """Build the app for `settings` (or an already-built container, in tests)."""
    container = container or bootstrap(settings or Settings())
    built = container

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        """Start the background services (settings say which) and stop them on shutdown."""
        started: list[BackgroundService] = app.state.background
        try:
            for service in background_services(built):
                await service.start()
                started.append(service)
            yield
        finally:
            for service in reversed(started):
                await service.stop()
            started.clear()

    # No trailing-slash redirects: Starlette builds them from the Host header, which a caller
    # chooses; a path that is not ours is a plain 404.
    app = FastAPI(title="fieldbot", version="0.1.0", lifespan=lifespan, redirect_slashes=False,
                  description="Shared CRM/FSM model with a conversational front")
    app.state.container = container
    app.state.background = []  # the services running now, for health checks and tests
    for router in (health.router, customers.router, jobs.router, appointments.router,
                   quotes.router, deals.router, messages.router, outbox.router, staff.router,
                   invoices.router, accounts.router, twilio.router):
        app.include_router(router)
    for extra in container.extras.get("routers", []):
        app.include_router(extra)

    @app.exception_handler(DomainError)
    async def domain_error(_: Request, exc: DomainError) -> JSONResponse:
        status = next((code for kind, code in _STATUS_FOR_ERROR.items()
                       if isinstance(exc, kind)), 400)
        return JSONResponse({"detail": str(exc)}, status_code=status)

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception) -> JSONResponse:
        # Logged with its type only: the message could carry customer data.
        logger.error("unhandled %s", type(exc).__name__, exc_info=exc)
        return JSONResponse({"detail": "internal error; it has been logged"}, status_code=500)

    return app
