"""`fieldbot business load FILE.toml` and `fieldbot business export`: your company in the database."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from domain.company import Company, StaffChanges
    from store.uow import SqlAlchemyUnitOfWork

INVALID = 2  # the file was refused, nothing written
FAILED = 1  # the database could not be read or written


def register(commands: Any) -> None:
    business = commands.add_parser(
        "business", help="your company: business hours, zones, services and staff")
    business_commands = business.add_subparsers(dest="business_command", required=True)
    load = business_commands.add_parser(
        "load", help="check a company file and put it in the database, all or nothing")
    load.add_argument("file", type=Path, help="the company file (TOML)")
    load.add_argument("--database-url", help="overrides DATABASE_URL")
    load.set_defaults(func=run_load)
    export = business_commands.add_parser(
        "export", help="write the company in the database as a company file")
    export.add_argument("--output", "-o", type=Path, help="write here instead of to stdout")
    export.add_argument("--database-url", help="overrides DATABASE_URL")
    export.set_defaults(func=run_export)


def run_load(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from domain.company import CompanyFileError, parse_company
    from store.migrate import upgrade

    database_url = _database_url(args)
    try:
        text = args.file.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"{args.file}: cannot read it ({getattr(exc, 'strerror', None) or exc})",
              file=sys.stderr)
        return INVALID
    try:
        company = parse_company(text)  # the whole file is checked before the database is opened
        upgrade(database_url)
        with unit_of_work(database_url) as uow:
            changes = uow.business.replace(company)
            uow.commit()
    except CompanyFileError as exc:
        print(f"{args.file}: not loaded, nothing was changed; {len(exc.problems)} "
              f"problem{'s' if len(exc.problems) != 1 else ''}:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return INVALID
    except SQLAlchemyError as exc:
        print(f"could not write the company to the database ({type(exc).__name__}); "
              "nothing was changed", file=sys.stderr)
        return FAILED
    print(_loaded(company, changes))
    return 0


def run_export(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    try:
        with unit_of_work(_database_url(args)) as uow:
            company = uow.business.company()
    except SQLAlchemyError as exc:
        print(f"could not read the database ({type(exc).__name__}); is it migrated "
              "(`fieldbot db upgrade`)?", file=sys.stderr)
        return FAILED
    if company is None:
        print("no business in the database yet; load one with "
              "`fieldbot business load FILE.toml`", file=sys.stderr)
        return FAILED
    text = company_file_text(company)
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, "utf-8")
        print(f"wrote {company.business.name} to {args.output}", file=sys.stderr)
    return 0


def company_file_text(company: Company) -> str:
    """The company as the TOML text of a company file that `business load` accepts unchanged."""
    import tomli_w

    from domain.company import company_document

    return ("# fieldbot company file: `fieldbot business load FILE.toml` puts it in the database.\n"
            "# Durations: \"2h\", \"90m\", \"1h30m\"; hours: \"07:00-19:00\"; a day left out is "
            "closed.\n\n" + tomli_w.dumps(company_document(company)))


def load_demo_company_if_none(database_url: str) -> bool:
    """Load the bundled demo company when the database has no business yet; True if it did."""
    from domain.demo import demo_company

    with unit_of_work(database_url) as uow:
        if uow.business.get() is not None:
            return False
        uow.business.replace(demo_company())
        uow.commit()
    return True


@contextmanager
def unit_of_work(database_url: str) -> Iterator[SqlAlchemyUnitOfWork]:
    """One unit of work on its own engine, holding the SQLite writer lock like every writer."""
    from store.engine import create_db_engine, make_session_factory
    from store.uow import SqlAlchemyUnitOfWork
    from store.writer_lock import writer_lock_for

    engine = create_db_engine(database_url)
    try:
        with SqlAlchemyUnitOfWork(make_session_factory(engine), writer_lock_for(engine)) as uow:
            yield uow
    finally:
        engine.dispose()


def _database_url(args: argparse.Namespace) -> str:
    from api.logs import configure_logging
    from api.settings import Settings

    settings = Settings(**({"database_url": args.database_url} if args.database_url else {}))
    configure_logging(settings.log_level)
    return settings.database_url


def _loaded(company: Company, changes: StaffChanges) -> str:
    business = company.business
    lines = [f"Loaded {business.name}: {len(business.zones)} zones, "
             f"{len(company.catalog.services)} services, {len(company.staff)} staff "
             f"({len(changes.added)} added, {len(changes.updated)} updated, "
             f"{len(changes.deactivated)} deactivated)."]
    if changes.deactivated:
        lines.append(f"Deactivated (not in the file): {', '.join(changes.deactivated)}.")
    lines.append("Restart `fieldbot serve` to run with it.")
    return "\n".join(lines)
