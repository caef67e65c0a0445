"""Alembic brings an empty database to the newest schema, and that schema matches the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from store.engine import create_db_engine
from store.migrate import alembic_config, upgrade
from store.orm import metadata


def test_migrations_upgrade_an_empty_database_to_head(empty_database_url, tmp_path,
                                                      monkeypatch):
    monkeypatch.chdir(tmp_path)  # no alembic.ini around: the config is built in code
    head = ScriptDirectory.from_config(alembic_config(empty_database_url)).get_current_head()

    upgrade(empty_database_url)
    upgrade(empty_database_url)  # a second run has nothing to do

    engine = create_db_engine(empty_database_url)
    try:
        with engine.connect() as connection:
            assert MigrationContext.configure(connection).get_current_revision() == head
            assert set(metadata.tables) <= set(inspect(connection).get_table_names())
    finally:
        engine.dispose()


def test_the_migrated_schema_matches_the_models(database_url):
    engine = create_db_engine(database_url)
    try:
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), metadata)
    finally:
        engine.dispose()

    assert differences == []
