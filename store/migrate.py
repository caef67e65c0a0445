"""Bring a database's schema up to date with Alembic, configured in code (no alembic.ini needed)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(database_url: str) -> Config:
    """An Alembic config for `database_url` that works from any directory and an installed package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    # Handed over as an attribute, not an ini option, so "%" in a password needs no escaping.
    config.attributes["database_url"] = database_url
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    """Upgrade the database at `database_url` to `revision` (the newest by default)."""
    command.upgrade(alembic_config(database_url), revision)


def revision(database_url: str, message: str) -> None:
    """Autogenerate a new revision by comparing the models with the database (for developers)."""
    command.revision(alembic_config(database_url), message=message, autogenerate=True)
