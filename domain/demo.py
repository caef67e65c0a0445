"""The demo company, Northwind Heating & Plumbing in Chicago: one company file like any other."""

from __future__ import annotations

from functools import cache
from importlib import resources

from domain.business import BusinessSettings
from domain.catalog import Catalog
from domain.company import Company, parse_company

DEMO_TIMEZONE = "America/Chicago"
DEMO_COMPANY_FILE = "northwind.toml"


def demo_company_text() -> str:
    """The bundled company file of the demo company (domain/companies/northwind.toml)."""
    return resources.files("domain").joinpath("companies", DEMO_COMPANY_FILE).read_text("utf-8")


@cache
def demo_company() -> Company:
    """The demo company, read once from its bundled file."""
    return parse_company(demo_company_text())


def demo_business() -> BusinessSettings:
    """The business the demo data belongs to."""
    return demo_company().business


def demo_catalog() -> Catalog:
    """The demo company's services and the words its customers use for them."""
    return demo_company().catalog
