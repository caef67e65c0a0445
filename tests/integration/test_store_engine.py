"""How the engine sets up PostgreSQL connections beyond the timeouts (tests/e2e/test_sms_timeouts.py)."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from store.engine import create_db_engine


@pytest.mark.postgres
def test_postgres_runs_statements_without_jit_unless_the_url_asks(postgres_url: str) -> None:
    """Compiling with JIT cost more than running the scheduler's reads; a URL's own option wins."""
    for url, shown in ((postgres_url, "off"), (_with_option(postgres_url, "-c jit=on"), "on")):
        engine = create_db_engine(url)
        try:
            with engine.connect() as connection:
                assert connection.execute(text("SHOW jit")).scalar() == shown
        finally:
            engine.dispose()


def _with_option(url: str, option: str) -> str:
    parsed = make_url(url)
    given = parsed.query.get("options", "")
    given = given if isinstance(given, str) else " ".join(given)
    return parsed.update_query_dict({"options": f"{given} {option}".strip()}).render_as_string(
        hide_password=False)
