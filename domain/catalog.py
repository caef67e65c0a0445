"""The service catalog: what the business sells and the words customers use for it.

A company's catalog comes from its company file (domain/company.py); the demo company's is
`domain/companies/northwind.toml`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from domain.errors import UnknownService


@dataclass(frozen=True)
class Service:
    """One bookable service: how long it takes, who can do it, how customers describe it."""

    id: str
    name: str
    duration: timedelta
    skill: str
    keywords: tuple[str, ...] = field(default=())
    price_cents: int = 0  # the standard price ("service call"), before any quote
    # How often the equipment should be seen again (12: yearly), for maintenance follow-ups.
    upkeep_months: int | None = None


@dataclass(frozen=True)
class Catalog:
    """The business's services, looked up by id."""

    services: tuple[Service, ...]

    def get(self, service_id: str) -> Service:
        for service in self.services:
            if service.id == service_id:
                return service
        known = ", ".join(s.id for s in self.services)
        raise UnknownService(f"Unknown service '{service_id}'. Known services: {known}")

    def ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.services)


def __getattr__(name: str) -> Catalog:
    # DEMO_CATALOG is read from the demo company file on first use, not when this module loads.
    if name == "DEMO_CATALOG":
        from domain.demo import demo_catalog

        return demo_catalog()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
