"""Corrections put right exactly what the last step changed, and nothing else."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from domain.commands import BookAppointment
from domain.jobs import AppointmentStatus, JobState
from tests.unit.dialogue.chat_world import JOE, MARIA, ChatWorld

THU_8AM = datetime(2026, 3, 5, 14, 0, tzinfo=UTC)


def _cancel_thursday(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("cancel the thursday one", "Cancel your Thu Mar 5, 8-10am visit?"),
                            ("y", "is cancelled")])


def test_a_cancelled_visit_is_put_back_in_its_slot(chat: ChatWorld) -> None:
    _cancel_thursday(chat)
    chat.transcript(MARIA, [("put the thursday appointment back",
                             "Done! Your Thu Mar 5, 8-10am visit is back on, with Tom.")])
    thursday = chat.visit("maria_thu")
    assert thursday.status is AppointmentStatus.BOOKED and thursday.start == THU_8AM
    job = chat.uow.jobs.get(thursday.job_id)
    assert job is not None and job.state is JobState.SCHEDULED
    assert "restored" in chat.timeline(chat.ids["maria_account"])[-1].summary
    assert chat.visit("maria_fri").start == datetime(2026, 3, 6, 19, 0, tzinfo=UTC)


def test_keeping_it_after_all_or_wrong_one_restores_it(chat: ChatWorld) -> None:
    for text in ("keep the thursday one after all", "wrong one"):
        _cancel_thursday(chat)
        chat.transcript(MARIA, [(text, "is back on")])
        assert chat.visit("maria_thu").status is AppointmentStatus.BOOKED


def test_undo_with_nothing_to_undo_says_so(chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(MARIA, [("undo", "There's nothing I changed recently to undo.")])
    assert chat.changed_since(before) == set()


def test_an_undo_is_done_once(chat: ChatWorld) -> None:
    _cancel_thursday(chat)
    chat.transcript(MARIA, [("undo", "is back on"), ("undo", "nothing I changed recently")])
    assert chat.visit("maria_thu").status is AppointmentStatus.BOOKED


def test_an_undo_after_half_an_hour_finds_nothing_to_undo(chat: ChatWorld) -> None:
    _cancel_thursday(chat)
    chat.clock.advance(timedelta(minutes=31))
    chat.transcript(MARIA, [("undo", "nothing I changed recently")])
    assert chat.visit("maria_thu").status is AppointmentStatus.CANCELLED


def test_putting_back_another_visit_than_the_one_changed_touches_nothing(chat: ChatWorld) -> None:
    _cancel_thursday(chat)
    before = chat.model()
    chat.transcript(MARIA, [("put the friday one back", "I can only undo that one")])
    assert chat.changed_since(before) == set()


def test_a_slot_taken_since_is_said_and_the_nearest_times_offered(chat: ChatWorld) -> None:
    _cancel_thursday(chat)
    chat.run(BookAppointment(account_id=chat.ids["joe_account"], site_id=chat.ids["joe_site"],
                             service_id="plumbing_repair", technician_id=chat.ids["tom"],
                             start=THU_8AM, actor=chat.dispatcher()))
    jobs = len(chat.uow.jobs.find())
    chat.transcript(MARIA, [("undo", "Thu Mar 5, 8-10am has been taken since"),
                            ("1", "is back on")])
    thursday = chat.visit("maria_thu")
    assert thursday.status is AppointmentStatus.BOOKED and thursday.start != THU_8AM
    assert len(chat.uow.jobs.find()) == jobs


def test_a_move_is_undone_back_to_the_previous_time(chat: ChatWorld) -> None:
    chat.transcript(JOE, [("can the tech come at 2pm instead?", "with Tom"),
                          ("1", "to Mon Mar 2, 2-4pm"),
                          ("undo", "Done! Your visit is back to Mon Mar 2, 1-3pm with Tom.")])
    assert chat.visit("joe_today").start == datetime(2026, 3, 2, 19, 0, tzinfo=UTC)


def test_undoing_a_booking_asks_before_cancelling_it(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("my water heater is leaking", "Reply 1, 2 or 3"), ("1", "Booked"),
                            ("undo", "Reply Y or N"), ("y", "is cancelled")])
    assert len(chat.visits(MARIA)) == 2


def test_a_wrong_address_moves_the_booking_to_another_of_the_accounts_sites(
        chat: ChatWorld) -> None:
    chat.transcript(JOE, [("my kitchen drain is clogged", "Which address"),
                          ("1", "Reply 1, 2 or 3"), ("1", "Booked"),
                          ("no, that's the wrong address", "Which address is the visit for?"),
                          ("1", "is now at 9 Oak Ave, Oak Park 60302")])
    jobs = chat.uow.jobs.find()
    assert len(jobs) == 4 and jobs[-1].site_id == chat.ids["joe_west_site"]


def test_a_new_address_becomes_a_site_of_the_account(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("my water heater is leaking", "Reply 1, 2 or 3"), ("1", "Booked"),
                            ("it's for my rental unit at 22 Elm St, Chicago 60618",
                             "is now at 22 Elm St, Chicago 60618")])
    [rental] = [s for s in chat.uow.sites.find() if s.address == "22 Elm St"]
    assert rental.account_id == chat.ids["maria_account"] and rental.zone_id == "north"
    assert chat.uow.jobs.find()[-1].site_id == rental.id
    assert len(chat.uow.jobs.find()) == 4


def test_an_address_outside_the_area_is_refused_honestly(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("my water heater is leaking", "Reply 1, 2 or 3"), ("1", "Booked")])
    before = chat.model()
    chat.transcript(MARIA, [("it's for my rental unit at 5 Main St, Springfield 62701",
                             "ZIP 62701 is outside the area we serve")])
    assert chat.changed_since(before) == set()


def test_putting_a_visit_back_an_hour_is_no_undo(chat: ChatWorld) -> None:
    _cancel_thursday(chat)
    answer = chat.text(MARIA, "put my friday appointment back an hour").text
    assert "back on" not in answer and "undo" not in answer
    assert chat.visit("maria_thu").status is AppointmentStatus.CANCELLED


def test_an_address_named_while_booking_offers_times_there(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("my water heater is leaking", "Reply 1, 2 or 3"),
                            ("it's for my rental unit at 22 Elm St, Chicago 60618",
                             "Reply 1, 2 or 3"),
                            ("1", "Tom will come to 22 Elm St, Chicago 60618")])
    assert len(chat.uow.jobs.find()) == 4


def test_an_address_outside_the_area_while_booking_books_nothing_there(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("my water heater is leaking", "Reply 1, 2 or 3")])
    before = chat.model()
    chat.transcript(MARIA, [("it's for my rental unit at 5 Main St, Springfield 62701",
                             "ZIP 62701 is outside the area we serve")])
    assert chat.changed_since(before) == set()


def test_an_undo_the_bot_cannot_do_goes_to_a_person(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("approve Q-1042", "Reply Y or N"), ("y", "Approved")])
    before = chat.model()
    chat.transcript(MARIA, [("undo", "I've asked our team to call you")])
    assert chat.changed_since(before) == {"notices", "timeline", "outbox"}
    assert chat.quote_states()["Q-1042"].value == "approved"


def test_the_address_it_already_has_changes_nothing_and_asks_again(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("my ac is broken", "Reply 1, 2 or 3"), ("1", "Booked")])
    before = chat.model()
    chat.transcript(MARIA, [("no, that's the wrong address", "What's the right address?"),
                            ("1 Clark St", "is already at 1 Clark St, Chicago 60614")])
    assert chat.changed_since(before) == set()


def test_a_time_is_never_read_as_an_address(chat: ChatWorld) -> None:
    _cancel_thursday(chat)
    before = chat.model()
    answer = chat.text(MARIA, "its for the furnace at 2 tomorrow?").text
    assert "back on" not in answer and "address" not in answer
    assert chat.changed_since(before) <= {"notices", "timeline", "outbox"}


def test_an_address_with_a_zip_and_no_town_takes_the_zips_town(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("my water heater is leaking", "Reply 1, 2 or 3"), ("1", "Booked"),
                            ("oh wait its for my rental unit at 22 Elm St 60618, not my house",
                             "is now at 22 Elm St, Chicago 60618")])
    assert len(chat.uow.jobs.find()) == 4


def test_a_house_number_put_right_keeps_the_street_town_and_zip(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("my water heater is leaking", "Reply 1, 2 or 3"), ("1", "Booked"),
                            ("no wait thats the wrong address, its 3 Clark St not 1",
                             "is now at 3 Clark St, Chicago 60614")])
    assert len(chat.uow.jobs.find()) == 4


def test_an_address_the_technician_does_not_cover_goes_to_a_person(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("my water heater is leaking", "Reply 1, 2 or 3"), ("1", "Booked")])
    before, notices = chat.model(), len(chat.notices())
    [reply] = chat.answer(MARIA, "it's for my rental unit at 9 Pine St, Oak Park 60302")
    assert "9 Pine St, Oak Park 60302" in reply.text and "re-book" in reply.text
    assert len(chat.notices()) == notices + 1
    assert len(chat.uow.jobs.find()) == 4
    assert "visits" not in chat.changed_since(before)


def test_a_new_request_for_another_address_is_booked_there_not_at_home(chat: ChatWorld) -> None:
    wordings = ("need a plumber for a dripping bathroom tap, its for my rental at 22 Elm St, "
                "Chicago 60618 not my house",
                "my water heater is leaking at my moms place, 40 W Roscoe St 60618",
                "can you send someone for the clogged kitchen drain at our second property "
                "7 N Damen Ave 60618")
    for n, text in enumerate(wordings):
        notices = len(chat.notices())
        answer = chat.text(MARIA, text).text
        assert "Got it, this visit is for" in answer and "60618" in answer, answer
        assert "Reply 1, 2 or 3" in answer and len(chat.notices()) == notices
        chat.transcript(MARIA, [("1", "60618")])
        site = chat.uow.sites.get(chat.uow.jobs.find()[-1].site_id)
        assert site is not None and site.postal_code == "60618", text
        assert site.account_id == chat.ids["maria_account"] and len(chat.uow.jobs.find()) == 4 + n


def test_a_town_with_one_served_zip_places_a_new_address_without_its_zip(
        chat: ChatWorld) -> None:
    chat.text(MARIA, "the kitchen sink is leaking at my rental at 18 Lathrop Ave in River Forest")
    [rental] = [s for s in chat.uow.sites.find() if s.address == "18 Lathrop Ave"]
    assert (rental.city, rental.postal_code) == ("River Forest", "60305")


def test_a_new_address_with_no_zip_or_town_is_asked_for_before_any_times(
        chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(MARIA, [("need a plumber at my rental, 22 Elm St", "ZIP code for 22 Elm St")])
    assert chat.changed_since(before) <= {"conversations"}
    chat.transcript(MARIA, [("22 Elm St, Chicago 60618", "Reply 1, 2 or 3"), ("1", "22 Elm St")])


def test_what_comes_before_a_put_back_is_taken_back_with_it(chat: ChatWorld) -> None:
    for text in ("ugh scratch that, it stopped working again. can you put it back",
                 "argh cancel that. put it back please",
                 "no wait, scratch that! bring it back"):
        _cancel_thursday(chat)
        answer = chat.text(MARIA, text).text
        assert "is back on" in answer and "Reply Y or N" not in answer, text
        chat.transcript(MARIA, [("yes thank you!", "welcome")])
        assert chat.visit("maria_thu").status is AppointmentStatus.BOOKED
