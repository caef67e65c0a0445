"""Slot search: offers respect hours, skills, zones, lead time, bookings, travel and DST."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.bus import MessageBus
from domain.business import BusinessSettings, ServiceZone
from domain.catalog import DEMO_CATALOG, Service
from domain.clock import FixedClock
from domain.commands import BookAppointment
from domain.demo import demo_business
from domain.hours import Span, WeeklyHours
from domain.jobs import Appointment, AppointmentStatus
from domain.scheduling import Offer, Wish, find_offers
from domain.staff import Role, StaffMember
from tests.fakes import DemoWorld, demo_world, make_bus

CHICAGO = ZoneInfo("America/Chicago")
REPAIR = Service(id="hvac_repair", name="HVAC repair", duration=timedelta(hours=2), skill="hvac")
ALL_DAY = WeeklyHours((Span(time(0, 0), time(23, 59)),) * 7)


def settings(
    hours: WeeklyHours | None = None, lead: timedelta = timedelta(hours=2)
) -> BusinessSettings:
    return BusinessSettings(
        name="Acme",
        timezone="America/Chicago",
        phone="+13125550100",
        business_hours=hours or WeeklyHours.weekdays("08:00", "17:00", saturday="09:00-13:00"),
        zones=(ServiceZone("north", "North", ("60601",), "America/Chicago"),),
        min_lead_time=lead,
    )


def technician(tech_id: int, *, skills: tuple[str, ...] = ("hvac",),
               zones: tuple[str, ...] = ("north",), hours: WeeklyHours | None = None,
               ) -> StaffMember:
    return StaffMember(
        name=f"Tech {tech_id}", role=Role.TECHNICIAN, skills=skills, zones=zones,
        working_hours=hours or WeeklyHours.weekdays("08:00", "17:00"), id=tech_id,
    )


def local(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm), CHICAGO)


def booked(tech_id: int, start: datetime, hours: float = 2, zone_id: str = "north",
           status: AppointmentStatus = AppointmentStatus.BOOKED) -> Appointment:
    start = start.astimezone(UTC)
    return Appointment(
        job_id=1, technician_id=tech_id, start=start, end=start + timedelta(hours=hours),
        window_start=start, window_end=start + timedelta(hours=2), account_id=1, zone_id=zone_id,
        status=status,
    )


MONDAY = date(2026, 11, 30)
CLOCK = FixedClock(local(MONDAY, 6))  # Monday 06:00 in Chicago


def search(*, technicians: list[StaffMember] | None = None,
           appointments: list[Appointment] | None = None, wish: Wish | None = None,
           business: BusinessSettings | None = None, now: datetime | None = None,
           service: Service = REPAIR, zone_id: str = "north", limit: int = 3) -> list[Offer]:
    return find_offers(
        service=service, zone_id=zone_id, timezone="America/Chicago", wish=wish,
        technicians=technicians if technicians is not None else [technician(1)],
        appointments=appointments or [], settings=business or settings(),
        now=now or CLOCK.now(), limit=limit,
    )


def local_starts(offers: list[Offer]) -> list[datetime]:
    return [o.start.astimezone(CHICAGO).replace(tzinfo=None) for o in offers]


def test_first_offer_is_the_earliest_good_one_after_the_lead_time() -> None:
    offers = search()
    assert offers[0].start == local(MONDAY, 8)
    assert offers[0].end == local(MONDAY, 10)
    assert offers[0].start.tzinfo is UTC


def test_offers_respect_working_hours() -> None:
    late_starter = technician(1, hours=WeeklyHours.weekdays("13:00", "16:00"))
    offers = search(technicians=[late_starter])
    for offer in offers:
        assert local(offer.start.astimezone(CHICAGO).date(), 13) <= offer.start
        assert offer.end <= local(offer.start.astimezone(CHICAGO).date(), 16)
    assert offers[0].start == local(MONDAY, 13)


def test_offers_respect_business_hours() -> None:
    offers = search(
        technicians=[technician(1, hours=ALL_DAY)],
        business=settings(WeeklyHours.weekdays("10:00", "15:00")),
    )
    assert offers[0].start == local(MONDAY, 10)
    assert all(o.end <= local(o.start.astimezone(CHICAGO).date(), 15) for o in offers)
    assert all(o.start.astimezone(CHICAGO).weekday() < 5 for o in offers)


def test_offers_go_only_to_technicians_with_the_skill() -> None:
    offers = search(technicians=[technician(1, skills=("plumbing",)), technician(2)])
    assert {o.technician_id for o in offers} == {2}


def test_no_offers_when_no_technician_has_the_skill() -> None:
    assert search(technicians=[technician(1, skills=("plumbing",))]) == []


def test_offers_go_only_to_technicians_serving_the_zone() -> None:
    offers = search(technicians=[technician(1, zones=("south",)), technician(2)])
    assert {o.technician_id for o in offers} == {2}
    assert search(technicians=[technician(1, zones=("south",))]) == []


def test_offers_respect_the_minimum_lead_time() -> None:
    offers = search(now=local(MONDAY, 9, 10))  # +2h lead = 11:10 -> next grid slot 11:30
    assert offers[0].start == local(MONDAY, 11, 30)


def test_offers_never_overlap_existing_appointments() -> None:
    busy = [booked(1, local(MONDAY, 8), hours=3)]  # 08:00-11:00
    offers = search(appointments=busy)
    assert offers[0].start == local(MONDAY, 11)
    assert all(not a.clashes_with(o.start, o.end, "north", timedelta(minutes=30))
               for o in offers for a in busy)


def test_cancelled_appointments_do_not_block_offers() -> None:
    cancelled = [booked(1, local(MONDAY, 8), hours=3, status=AppointmentStatus.CANCELLED)]
    assert search(appointments=cancelled)[0].start == local(MONDAY, 8)


def test_travel_buffer_applies_only_between_different_zones() -> None:
    same_zone = search(appointments=[booked(1, local(MONDAY, 8), hours=3, zone_id="north")])
    other_zone = search(appointments=[booked(1, local(MONDAY, 8), hours=3, zone_id="south")])
    assert same_zone[0].start == local(MONDAY, 11)
    assert other_zone[0].start == local(MONDAY, 11, 30)


def test_travel_buffer_also_applies_before_a_visit_in_another_zone() -> None:
    # Free 08:00-12:00, then a visit in another zone at 12:00: a 2h job must end by 11:30.
    offers = search(appointments=[booked(1, local(MONDAY, 12), hours=5, zone_id="south")],
                    wish=Wish(date=MONDAY))
    assert offers[0].start == local(MONDAY, 8)
    assert all(o.end <= local(MONDAY, 11, 30) for o in offers if o.start < local(MONDAY, 12))


def test_a_morning_wish_gets_morning_offers() -> None:
    offers = search(wish=Wish.from_when({"date": None, "start": "08:00", "end": "12:00"}))
    assert len(offers) == 3
    assert all(time(8) <= s.time() < time(12) for s in local_starts(offers))


def test_an_afternoon_wish_gets_afternoon_offers() -> None:
    offers = search(wish=Wish.from_when({"date": None, "start": "12:00", "end": "17:00"}))
    assert all(time(12) <= s.time() < time(17) for s in local_starts(offers))
    assert local_starts(offers)[0] == datetime(2026, 11, 30, 12, 0)


def test_an_after_two_wish_starts_at_two_or_later() -> None:
    offers = search(wish=Wish.from_when({"date": None, "start": "14:00", "end": None}))
    assert local_starts(offers)[0] == datetime(2026, 11, 30, 14, 0)
    assert all(s.time() >= time(14) for s in local_starts(offers))


def test_a_date_wish_is_offered_on_that_date() -> None:
    thursday = date(2026, 12, 3)
    wish = Wish.from_when({"date": "2026-12-03", "start": None, "end": None})
    offers = search(wish=wish)
    assert [s.date() for s in local_starts(offers)] == [thursday] * 3
    assert all(wish.is_met_by(o, "America/Chicago") for o in offers)
    starts = local_starts(offers)
    assert starts[0].time() == time(8)
    assert any(s.time() >= time(12) for s in starts)  # morning and afternoon, not three adjacent


def test_a_full_wished_date_gives_the_nearest_days_after_it() -> None:
    thursday = date(2026, 12, 3)
    busy = [booked(1, local(thursday, 8), hours=9)]
    wish = Wish(date=thursday)
    offers = search(wish=wish, appointments=busy)
    assert offers and offers[0].start == local(date(2026, 12, 4), 8)
    assert not any(wish.is_met_by(o, "America/Chicago") for o in offers)


def test_offers_are_spread_over_half_days_rather_than_adjacent() -> None:
    starts = local_starts(search())
    assert starts == [datetime(2026, 11, 30, 8), datetime(2026, 11, 30, 12),
                      datetime(2026, 12, 1, 8)]


def test_offers_on_a_wished_day_never_have_overlapping_arrival_windows() -> None:
    offers = search(wish=Wish(date=date(2026, 11, 30), start=time(12, 0), end=time(17, 0)))
    assert len(offers) == 3
    for first, second in zip(offers, offers[1:], strict=False):
        assert second.start >= first.window_end


def test_offers_carry_the_arrival_window_book_appointment_records() -> None:
    offer = search()[0]
    assert (offer.window_start, offer.window_end) == (offer.start, offer.start + timedelta(hours=2))
    assert offer.technician_name == "Tech 1"


def test_spring_forward_day_has_no_offer_at_a_missing_local_time() -> None:
    sunday = date(2026, 3, 8)  # 02:00 -> 03:00 in Chicago
    night = WeeklyHours((Span(time(1, 0), time(5, 0)),) * 7)
    short = Service(id="s", name="Short", duration=timedelta(minutes=30), skill="hvac")
    # A 30-minute arrival window lets every grid time be offered, so the whole day shows.
    half_hour_windows = replace(settings(night, lead=timedelta(0)),
                                arrival_window=timedelta(minutes=30))
    offers = search(
        technicians=[technician(1, hours=night)], business=half_hour_windows,
        wish=Wish(date=sunday), service=short, limit=10, now=local(date(2026, 3, 7), 12),
    )
    on_sunday = [o for o in offers if o.start.astimezone(CHICAGO).date() == sunday]
    utc_starts = [o.start for o in on_sunday]
    # 01:00 CST = 07:00Z, 01:30 CST = 07:30Z; 02:00 and 02:30 do not exist; 03:00 CDT = 08:00Z.
    assert utc_starts[:3] == [datetime(2026, 3, 8, 7, 0, tzinfo=UTC),
                              datetime(2026, 3, 8, 7, 30, tzinfo=UTC),
                              datetime(2026, 3, 8, 8, 0, tzinfo=UTC)]
    assert all(o.start.astimezone(CHICAGO).hour != 2 for o in on_sunday)


def test_spring_forward_day_offers_are_at_the_right_utc_instant() -> None:
    sunday = date(2026, 3, 8)
    offers = search(
        technicians=[technician(1, hours=ALL_DAY)], business=settings(ALL_DAY),
        wish=Wish(date=sunday, start=time(9)), now=local(date(2026, 3, 7), 12),
    )
    assert offers[0].start == datetime(2026, 3, 8, 14, 0, tzinfo=UTC)  # 09:00 CDT = UTC-5


def test_fall_back_day_offers_are_at_the_right_utc_instant() -> None:
    sunday = date(2026, 11, 1)  # 02:00 CDT -> 01:00 CST
    offers = search(
        technicians=[technician(1, hours=ALL_DAY)], business=settings(ALL_DAY),
        wish=Wish(date=sunday, start=time(9)), now=local(date(2026, 10, 31), 12),
    )
    assert offers[0].start == datetime(2026, 11, 1, 15, 0, tzinfo=UTC)  # 09:00 CST = UTC-6
    assert offers[0].end == datetime(2026, 11, 1, 17, 0, tzinfo=UTC)


def test_fall_back_day_jobs_fit_the_real_length_of_a_shift() -> None:
    # 00:00-03:00 local on fall-back day lasts four real hours; a 2h job may start at 01:00 CST.
    sunday = date(2026, 11, 1)
    night = WeeklyHours((Span(time(0, 0), time(3, 0)),) * 7)
    offers = search(
        technicians=[technician(1, hours=night)], business=settings(night, lead=timedelta(0)),
        wish=Wish(date=sunday), limit=10, now=local(date(2026, 10, 31), 12),
    )
    on_sunday = [o for o in offers if o.start.astimezone(CHICAGO).date() == sunday]
    assert on_sunday[0].start == datetime(2026, 11, 1, 5, 0, tzinfo=UTC)  # 00:00 CDT
    assert all(o.end <= datetime(2026, 11, 1, 9, 0, tzinfo=UTC) for o in on_sunday)  # 03:00 CST


def test_a_wish_without_a_date_searches_from_today() -> None:
    offers = search(wish=Wish(start=time(15)), now=local(MONDAY, 14))
    # Today 14:00 + 2h lead leaves no room for a 2h job before 17:00: tomorrow at 15:00.
    assert local_starts(offers)[0] == datetime(2026, 12, 1, 15, 0)



def tom_out_west(day: date) -> tuple[DemoWorld, MessageBus]:
    """The demo world with Tom booked in the west zone 09:00-11:00 on `day`."""
    world = demo_world()
    bus = make_bus(world.uow, CLOCK, demo_business())
    bus.handle(BookAppointment(
        account_id=world.account_id, site_id=world.west_site_id, service_id="hvac_repair",
        technician_id=world.tom_id, start=local(day, 9), actor=world.dispatcher(),
    ))
    return world, bus


def test_every_offer_can_be_booked_by_book_appointment() -> None:
    tuesday = date(2026, 12, 1)
    for wish in (Wish(date=tuesday), Wish(start=time(14)), None):
        world, _ = tom_out_west(tuesday)
        offers = find_offers(
            service=DEMO_CATALOG.get("hvac_repair"), zone_id="north", timezone="America/Chicago",
            wish=wish, technicians=world.uow.staff.find(id=world.tom_id),
            appointments=list(world.uow.appointments.items), settings=demo_business(),
            now=CLOCK.now(), limit=5,
        )
        assert offers
        if wish is not None and wish.date == tuesday:
            # Tom's first north slot leaves exactly the 30-minute travel buffer after 11:00.
            assert (world.tom_id, local(tuesday, 11, 30)) in [
                (o.technician_id, o.start) for o in offers]
        for offer in offers:
            fresh, bus = tom_out_west(tuesday)
            appointment_id = bus.handle(BookAppointment(
                account_id=fresh.account_id, site_id=fresh.site_id, service_id="hvac_repair",
                technician_id=offer.technician_id, start=offer.start, actor=fresh.dispatcher(),
            ))
            visit = fresh.uow.appointments.get(appointment_id)
            assert visit is not None
            assert (visit.start, visit.end, visit.window_start, visit.window_end) == (
                offer.start, offer.end, offer.window_start, offer.window_end)


def test_days_turned_down_are_skipped_and_the_next_days_fill_in() -> None:
    tuesday, wednesday = MONDAY + timedelta(days=1), MONDAY + timedelta(days=2)
    wish = Wish(date=tuesday, start=time(8), end=time(12), not_days=frozenset({tuesday}))
    offers = search(technicians=[technician(1)], wish=wish)
    days = {o.start.astimezone(CHICAGO).date() for o in offers}
    assert tuesday not in days and wednesday in days
    assert not any(wish.is_met_by(o, "America/Chicago") for o in offers if
                   o.start.astimezone(CHICAGO).date() == tuesday)


def test_a_move_never_gets_its_own_window_nor_a_time_before_the_one_pushed_from() -> None:
    tuesday = MONDAY + timedelta(days=1)
    own = local(tuesday, 10).astimezone(UTC)
    wish = Wish(date=tuesday, not_within=(own - timedelta(minutes=59), own + timedelta(hours=1)),
                later_than=own)
    offers = search(technicians=[technician(1)], wish=wish)
    assert offers and all(o.start >= own + timedelta(hours=1) for o in offers)


def test_a_week_wished_is_met_by_any_day_of_it() -> None:
    next_monday = MONDAY + timedelta(days=7)
    week = Wish(date=next_monday, start=time(8), end=time(12),
                through=next_monday + timedelta(days=6))
    wednesday_morning = search(technicians=[technician(1)], wish=Wish(
        date=next_monday + timedelta(days=2), start=time(8), end=time(12)))[0]
    assert week.is_met_by(wednesday_morning, "America/Chicago")
    assert not Wish(date=next_monday, start=time(8), end=time(12)).is_met_by(
        wednesday_morning, "America/Chicago")
