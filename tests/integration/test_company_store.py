"""`fieldbot business load/export` against real SQLite and PostgreSQL: all or nothing, staff kept."""

from __future__ import annotations

import logging
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from alembic import command

from api.bootstrap import bootstrap
from api.cli import main
from api.settings import Settings
from domain.clock import FixedClock
from domain.company import company_document, read_company
from domain.demo import demo_company, demo_company_text
from domain.jobs import Appointment, Job, JobState
from domain.parties import Account, Site
from domain.staff import Role, StaffMember
from store.engine import create_db_engine, make_session_factory
from store.migrate import alembic_config, upgrade
from store.uow import SqlAlchemyUnitOfWork

DESERT_AIR = Path(__file__).resolve().parents[1] / "data" / "desert_air.toml"
NOON = datetime(2026, 3, 3, 18, 0, tzinfo=UTC)
MONDAY = datetime(2026, 3, 2, 15, 30, tzinfo=UTC)


def write(path: Path, document: dict[str, Any]) -> Path:
    path.write_text(tomli_w.dumps(document), "utf-8")
    return path


def northwind() -> dict[str, Any]:
    return tomllib.loads(demo_company_text())


def load(path: Path, database_url: str) -> int:
    return main(["business", "load", str(path), "--database-url", database_url])


def staff_rows(database_url: str) -> list[tuple[Any, ...]]:
    engine = create_db_engine(database_url)
    try:
        with SqlAlchemyUnitOfWork(make_session_factory(engine)) as uow:
            return [(m.id, m.name, m.role, m.phone, m.telegram_chat_id, m.skills, m.zones,
                     m.active, m.manages_all_deals) for m in uow.staff.find()]
    finally:
        engine.dispose()


def stored(database_url: str) -> Any:
    engine = create_db_engine(database_url)
    try:
        with SqlAlchemyUnitOfWork(make_session_factory(engine)) as uow:
            return uow.business.get()
    finally:
        engine.dispose()


def test_a_loaded_company_exports_as_a_file_that_loads_unchanged(
        database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert load(write(tmp_path / "northwind.toml", northwind()), database_url) == 0
    assert "Loaded Northwind Heating & Plumbing: 3 zones, 6 services, 10 staff" in \
        capsys.readouterr().out
    assert stored(database_url) == (demo_company().business, demo_company().catalog)

    exported = tmp_path / "exported.toml"
    assert main(["business", "export", "--output", str(exported),
                 "--database-url", database_url]) == 0
    text = exported.read_text("utf-8")
    assert read_company(tomllib.loads(text)) is not None
    assert company_document(read_company(tomllib.loads(text))) == company_document(demo_company())

    before = staff_rows(database_url)
    assert load(exported, database_url) == 0
    assert "(0 added, 10 updated, 0 deactivated)" in capsys.readouterr().out
    assert staff_rows(database_url) == before
    assert main(["business", "export", "--database-url", database_url]) == 0
    assert capsys.readouterr().out == text


def test_a_file_with_several_errors_is_refused_whole_and_nothing_is_written(
        database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert load(DESERT_AIR, database_url) == 0
    before = (stored(database_url), staff_rows(database_url))
    document = northwind()  # a different company altogether, with mistakes in every part
    document["business"]["timezone"] = "Mars/Base"
    document["business"]["hours"]["sat"] = "8-14"
    document["zones"][0]["postal_codes"][3] = "6061"
    document["staff"][1]["phone"] = "555"
    document["services"][2]["skill"] = "roofing"
    document["services"][4]["duration"] = "0m"
    document["staff"][0]["shoe_size"] = 44
    capsys.readouterr()

    assert load(write(tmp_path / "broken.toml", document), database_url) == 2

    err = capsys.readouterr().err
    assert "not loaded, nothing was changed; 7 problems" in err
    for problem in [
        "business.timezone: 'Mars/Base' is not an IANA time zone",
        'business.hours.sat: expected a span such as "07:00-19:00"',
        "zones[0].postal_codes[3]: '6061' is not a 5-digit ZIP",
        "staff[0].shoe_size: unknown key; allowed: name, role, phone",
        "staff[1].phone: '555' is not a complete phone number",
        "services[2].skill: 'roofing' is not a skill any technician or the file declares; "
        "allowed: electrical, hvac, plumbing",
        "services[4].duration: must be longer than 0m",
    ]:
        assert problem in err
    assert "Traceback" not in err
    assert (stored(database_url), staff_rows(database_url)) == before


def test_a_service_or_zone_still_in_use_cannot_be_dropped(
        database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert load(write(tmp_path / "northwind.toml", northwind()), database_url) == 0
    _book_a_water_heater_visit_in_the_south(database_url)
    before = (stored(database_url), staff_rows(database_url))
    document = northwind()
    document["services"] = [s for s in document["services"] if s["id"] != "water_heater"]
    document["zones"] = [z for z in document["zones"] if z["id"] != "south"]
    for member in document["staff"]:
        if "zones" in member:
            member["zones"] = [z for z in member["zones"] if z != "south"] or ["north"]
    document["staff"] = document["staff"][1:]  # would deactivate Dave: must not happen either
    capsys.readouterr()

    assert load(write(tmp_path / "smaller.toml", document), database_url) == 2

    err = capsys.readouterr().err
    assert "services: 'water_heater' is not in the file, but it is still used by 1 job; " \
           "keep it in the file" in err
    assert "zones: 'south' is not in the file, but it is still used by 1 site and " \
           "1 appointment; keep it in the file" in err
    assert (stored(database_url), staff_rows(database_url)) == before


def _book_a_water_heater_visit_in_the_south(database_url: str) -> None:
    engine = create_db_engine(database_url)
    try:
        with SqlAlchemyUnitOfWork(make_session_factory(engine)) as uow:
            ben = uow.staff.first(name="Ben Okoro")
            assert ben is not None and ben.id is not None
            account = uow.accounts.add(Account(name="Okafor household"))
            assert account.id is not None
            site = uow.sites.add(Site(account_id=account.id, address="5 E 55th St",
                                      city="Chicago", postal_code="60615", zone_id="south",
                                      timezone="America/Chicago"))
            job = uow.jobs.add(Job(account_id=account.id, site_id=site.id or 0,
                                   service_id="water_heater", state=JobState.SCHEDULED))
            uow.appointments.add(Appointment(
                job_id=job.id or 0, technician_id=ben.id, start=NOON,
                end=NOON + timedelta(hours=2), window_start=NOON,
                window_end=NOON + timedelta(hours=2), account_id=account.id, zone_id="south"))
            uow.commit()
    finally:
        engine.dispose()


def test_staff_are_matched_by_phone_then_name_updated_and_the_missing_deactivated(
        database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert load(write(tmp_path / "northwind.toml", northwind()), database_url) == 0
    _book_a_water_heater_visit_in_the_south(database_url)  # Ben has a visit
    ids = {row[1]: row[0] for row in staff_rows(database_url)}
    document = northwind()
    people = {member["name"]: member for member in document["staff"]}
    people["Dave Kowalczyk"]["name"] = "David Kowalczyk"  # same phone: the same person
    people["Alicia Moreno"]["phone"] = "+15550100071"  # same name: the same person
    people["Lena Ortiz"]["manages_all_deals"] = True
    people["Dana Whitfield"]["telegram_chat_id"] = 4242
    document["staff"] = [m for m in document["staff"] if m["name"] != "Ben Okoro"]
    document["staff"].append({"name": "Gus Novak", "role": "technician", "phone": "+15550100097",
                              "skills": ["plumbing"], "zones": ["south"],
                              "hours": {"mon": "08:00-16:00"}})
    capsys.readouterr()

    assert load(write(tmp_path / "changed.toml", document), database_url) == 0

    out = capsys.readouterr().out
    assert "(1 added, 9 updated, 1 deactivated)" in out and "Deactivated (not in the file): " \
        "Ben Okoro." in out
    rows = {row[1]: row for row in staff_rows(database_url)}
    assert rows["David Kowalczyk"][0] == ids["Dave Kowalczyk"]
    assert rows["Alicia Moreno"][0] == ids["Alicia Moreno"]
    assert rows["Alicia Moreno"][3] == "+15550100071"
    assert rows["Ben Okoro"][0] == ids["Ben Okoro"] and rows["Ben Okoro"][7] is False
    assert rows["Lena Ortiz"][8] is True and rows["Dana Whitfield"][4] == 4242
    assert rows["Gus Novak"][2] is Role.TECHNICIAN and rows["Gus Novak"][7] is True
    engine = create_db_engine(database_url)
    try:
        with SqlAlchemyUnitOfWork(make_session_factory(engine)) as uow:
            [visit] = uow.appointments.find()
            assert visit.technician_id == ids["Ben Okoro"]  # his visit still points at him
    finally:
        engine.dispose()

    # Loading the demo file again brings Ben back on his phone and retires Gus.
    assert load(write(tmp_path / "northwind.toml", northwind()), database_url) == 0
    rows = {row[1]: row for row in staff_rows(database_url)}
    assert rows["Ben Okoro"][7] is True and rows["Gus Novak"][7] is False
    assert rows["Dave Kowalczyk"][0] == ids["Dave Kowalczyk"] and "David Kowalczyk" not in rows
    assert rows["Lena Ortiz"][8] is False


def test_a_telegram_chat_id_moves_to_the_person_the_file_now_gives_it(
        database_url: str, tmp_path: Path) -> None:
    document = northwind()
    document["staff"][6]["telegram_chat_id"] = 77  # Rachel
    assert load(write(tmp_path / "before.toml", document), database_url) == 0
    document["staff"][7]["telegram_chat_id"] = 77  # Tony takes the chat over ...
    del document["staff"][6]  # ... and Rachel leaves
    assert load(write(tmp_path / "after.toml", document), database_url) == 0
    rows = {row[1]: row for row in staff_rows(database_url)}
    assert rows["Tony Marsh"][4] == 77
    assert rows["Rachel Green"][4] is None and rows["Rachel Green"][7] is False


def test_the_app_runs_as_the_company_in_the_database(database_url: str) -> None:
    assert load(DESERT_AIR, database_url) == 0
    container = bootstrap(Settings(database_url=database_url))
    try:
        assert container.business.name == "Desert Air & Pools"
        assert container.business.timezone == "America/Phoenix"
        assert container.catalog.ids() == ("cooler_service", "pool_pump")
        parse = container.parser.parse("my swamp cooler is leaking, can you come tomorrow?",
                                       now=NOON)
        assert parse.slots.get("service") == "cooler_service"
    finally:
        container.engine.dispose()


def test_an_empty_database_runs_as_the_demo_company_and_says_how_to_load_one(
        sqlite_url: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="store.business"):
        container = bootstrap(Settings(database_url=sqlite_url))
    container.engine.dispose()
    assert container.business == demo_company().business
    assert "fieldbot business load FILE.toml" in caplog.text


def test_export_from_a_database_without_a_company_says_how_to_load_one(
        sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["business", "export", "--database-url", sqlite_url]) == 1
    assert "no business in the database yet; load one with `fieldbot business load" in \
        capsys.readouterr().err


def test_a_file_that_cannot_be_read_is_refused(sqlite_url: str, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert load(tmp_path / "missing.toml", sqlite_url) == 2
    assert "missing.toml: cannot read it (No such file or directory)" in capsys.readouterr().err
    (tmp_path / "bad.toml").write_text("[business\n", "utf-8")
    assert load(tmp_path / "bad.toml", sqlite_url) == 2
    assert "not valid TOML" in capsys.readouterr().err
    assert stored(sqlite_url) is None


def test_demo_seeding_loads_the_company_file_and_books_only_its_technicians(
        database_url: str) -> None:
    from store.seed import seed_demo

    container = bootstrap(Settings(database_url=database_url), clock=FixedClock(MONDAY))
    try:
        assert seed_demo(bus=container.bus, uow_factory=container.uow_factory,
                         business=container.business, catalog=container.catalog, now=MONDAY)
        assert stored(database_url) == (demo_company().business, demo_company().catalog)
        with container.uow_factory() as uow:
            technicians = {m.id for m in uow.staff.find(role=Role.TECHNICIAN)}
            assert len(technicians) == 6
            assert {a.technician_id for a in uow.appointments.find()} <= technicians
    finally:
        container.engine.dispose()


def test_demo_seeding_leaves_another_company_alone(database_url: str) -> None:
    from store.seed import seed_demo

    assert load(DESERT_AIR, database_url) == 0
    container = bootstrap(Settings(database_url=database_url), clock=FixedClock(MONDAY))
    try:
        assert not seed_demo(bus=container.bus, uow_factory=container.uow_factory,
                             business=container.business, catalog=container.catalog, now=MONDAY)
        with container.uow_factory() as uow:
            assert uow.accounts.first() is None
    finally:
        container.engine.dispose()


def test_the_business_migration_goes_down_and_up_again(empty_database_url: str) -> None:
    upgrade(empty_database_url)
    command.downgrade(alembic_config(empty_database_url), "0001")
    upgrade(empty_database_url)
    engine = create_db_engine(empty_database_url)
    try:
        with SqlAlchemyUnitOfWork(make_session_factory(engine)) as uow:
            uow.staff.add(StaffMember(name="Pat", role=Role.DISPATCHER))
            uow.business.replace(demo_company())
            uow.commit()
        with SqlAlchemyUnitOfWork(make_session_factory(engine)) as uow:
            assert uow.business.get() is not None
    finally:
        engine.dispose()
