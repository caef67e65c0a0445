"""Server commands: `serve`, `demo`, `db upgrade`, `seed demo`."""

from __future__ import annotations

import argparse
import logging
import secrets
from typing import Any

logger = logging.getLogger("fieldbot")


def register(commands: Any) -> None:
    serve = commands.add_parser("serve", help="migrate the database and serve the API")
    _server_options(serve)
    serve.set_defaults(func=run_serve)

    demo = commands.add_parser("demo", help="migrate, seed demo data and serve")
    _server_options(demo)
    demo.set_defaults(func=run_demo)

    db = commands.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    upgrade = db_commands.add_parser("upgrade", help="apply migrations up to the latest")
    upgrade.add_argument("--database-url", help="overrides DATABASE_URL")
    upgrade.set_defaults(func=run_db_upgrade)

    seed = commands.add_parser("seed", help="load data")
    seed_commands = seed.add_subparsers(dest="seed_command", required=True)
    seed_demo = seed_commands.add_parser("demo", help="the demo company (once)")
    seed_demo.add_argument("--database-url", help="overrides DATABASE_URL")
    seed_demo.set_defaults(func=run_seed_demo)


def _server_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--database-url", help="overrides DATABASE_URL")
    sender = parser.add_mutually_exclusive_group()
    sender.add_argument("--sender", dest="sender", action="store_true", default=None,
                        help="run the outbox sender beside the app (the default on SQLite)")
    sender.add_argument("--no-sender", dest="sender", action="store_false",
                        help="do not run the outbox sender here (the default on PostgreSQL, "
                             "where `fieldbot worker` processes send)")
    parser.add_argument("--workers", type=int, default=1,
                        help="serve from this many processes (the outbox sender then runs in the "
                             "supervising process, one at a time across servers)")


def _settings(args: argparse.Namespace, **overrides: Any) -> Any:
    from api.settings import Settings

    if getattr(args, "database_url", None):
        overrides["database_url"] = args.database_url
    if getattr(args, "sender", None) is not None:
        overrides["run_sender"] = args.sender
        if not args.sender:
            overrides["run_scheduler"] = False
    return Settings(**overrides)


def run_db_upgrade(args: argparse.Namespace) -> int:
    from api.logs import configure_logging
    from store.migrate import upgrade

    settings = _settings(args)
    configure_logging(settings.log_level)
    upgrade(settings.database_url)
    logger.info("database is at the latest migration")
    return 0


def run_seed_demo(args: argparse.Namespace) -> int:
    from api.logs import configure_logging

    settings = _settings(args)
    configure_logging(settings.log_level)
    _migrate_and_seed(settings)
    return 0


def run_serve(args: argparse.Namespace) -> int:
    from api.logs import configure_logging
    from store.migrate import upgrade

    settings = _settings(args)
    configure_logging(settings.log_level)
    upgrade(settings.database_url)
    _serve(settings, args)
    return 0


def run_demo(args: argparse.Namespace) -> int:
    from api.logs import configure_logging

    overrides: dict[str, Any] = {}
    from api.settings import Settings

    if not Settings().admin_token:
        overrides["admin_token"] = secrets.token_urlsafe(24)
    if not Settings().public_base_url or args.port != 8000:
        overrides["public_base_url"] = f"http://{args.host}:{args.port}"
    settings = _settings(args, **overrides)
    configure_logging(settings.log_level)
    business_name = _migrate_and_seed(settings)
    base = f"http://{args.host}:{args.port}"
    print(f"\nfieldbot demo for {business_name}", flush=True)
    print(f"  API:          {base}/docs", flush=True)
    print(f"  Health:       {base}/healthz", flush=True)
    print(f"  Admin token:  {settings.admin_token}", flush=True)
    print(f"  Try:          curl -H 'Authorization: Bearer {settings.admin_token}' "
          f"{base}/api/appointments", flush=True)
    print("  Chat as a customer:  .venv/bin/fieldbot chat --phone +15550100001\n", flush=True)
    _serve(settings, args)
    return 0


def _migrate_and_seed(settings: Any) -> str:
    """Migrate, load the demo company file into a database without a business, seed it once;
    returns the name of the business the database holds."""
    from api.bootstrap import bootstrap
    from api.business_commands import load_demo_company_if_none
    from store.migrate import upgrade
    from store.seed import seed_demo

    upgrade(settings.database_url)
    if load_demo_company_if_none(settings.database_url):
        logger.info("demo company loaded from its company file")
    container = bootstrap(settings)
    seeded = seed_demo(bus=container.bus, uow_factory=container.uow_factory,
                       business=container.business, catalog=container.catalog,
                       now=container.clock.now())
    logger.info("demo data %s", "seeded" if seeded else "not seeded")
    container.engine.dispose()
    return container.business.name


def _serve(settings: Any, args: argparse.Namespace) -> None:
    """Serve the app. One process: its lifespan runs the background work (api/background.py).
    Several: the workers only serve, and this supervising process runs the background work, so
    a sender's transactions never hold up a worker's requests."""
    import uvicorn

    from api.app import create_app

    options: dict[str, Any] = {"host": args.host, "port": args.port, "access_log": False,
                               "log_level": settings.log_level.lower()}
    if getattr(args, "workers", 1) <= 1:
        uvicorn.run(create_app(settings), **options)
        return
    from api.background import running
    from api.bootstrap import bootstrap

    # Each worker builds its own app from the environment (uvicorn factory mode), so the
    # settings this command resolved are handed down as environment variables.
    _export_settings(settings.model_copy(update={"run_sender": False, "run_scheduler": False}))
    container = bootstrap(settings)
    try:
        with running(container):
            uvicorn.run("api.app:create_app", factory=True, workers=args.workers, **options)
    finally:
        container.engine.dispose()


def _export_settings(settings: Any) -> None:
    import os

    for name, value in settings.model_dump().items():
        if value is not None:
            os.environ[_ENV_NAMES.get(name, name.upper())] = str(value)


_ENV_NAMES = {"admin_token": "FIELDBOT_ADMIN_TOKEN"}
