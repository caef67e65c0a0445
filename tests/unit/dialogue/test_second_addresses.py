"""A customer's other address (a landlord's rental, a second home): a request there is a new
visit at a new site, never a booked visit moved there; a visit said to stay at (or go back to)
one of the account's addresses is kept or put back there.

The chat world's clock starts Mon Mar 2, 9am Chicago; Joe has two sites (5 Lake St 60613 and
9 Oak Ave, Oak Park) and a plumbing repair today 1-3pm with Tom at 5 Lake St."""

from __future__ import annotations

from bot.dialogue.addresses import read_signup
from tests.unit.dialogue.chat_world import JOE, ChatWorld


def _site_of_visit(chat: ChatWorld) -> str:
    job = chat.uow.jobs.get(chat.visit("joe_today").job_id)
    assert job is not None
    site = chat.uow.sites.get(job.site_id)
    assert site is not None
    return site.address


def test_a_tenants_request_at_another_address_never_moves_the_booked_visit(
        chat: ChatWorld) -> None:
    said = chat.text(JOE, "my tenant at 2231 W Roscoe St unit 2 (60618) says her sink is leaking, "
                          "can you send someone tomorrow?").text
    assert _site_of_visit(chat) == "5 Lake St"
    assert "is now at" not in said and "2231 W Roscoe St, Unit 2" in said and "(60618" not in said
    assert "Tue Mar 3" in said


def test_a_new_appointment_asked_for_at_the_other_place_is_no_move(chat: ChatWorld) -> None:
    chat.text(JOE, "the plumbing at my rental 9 oak ave needs a new appointment")
    assert _site_of_visit(chat) == "5 Lake St"


def test_a_visit_said_to_be_at_the_rental_still_moves_there(chat: ChatWorld) -> None:
    said = chat.text(JOE, "the plumbing visit today is actually at my rental, 9 Oak Ave").text
    assert _site_of_visit(chat) == "9 Oak Ave" and "is now at" in said


def test_a_visit_put_back_to_its_own_address_goes_back_there(chat: ChatWorld) -> None:
    chat.text(JOE, "the plumbing visit today is actually at my rental, 9 Oak Ave")
    chat.text(JOE, "thanks")
    said = chat.text(JOE, "no wait put today's visit back to 5 lake st").text
    assert _site_of_visit(chat) == "5 Lake St" and "5 Lake St" in said


def test_a_visit_said_to_stay_where_it_is_changes_nothing(chat: ChatWorld) -> None:
    before = chat.model()
    said = chat.text(JOE, "leave today's visit at 5 lake st").text
    assert "stays at 5 Lake St" in said
    assert chat.changed_since(before) <= {"conversations"}


def test_a_unit_and_a_zip_in_brackets_read_apart() -> None:
    address = read_signup("the tenant at 2231 W Roscoe St unit 2 (60618) says").address
    assert address is not None
    assert (address.street, address.postal_code) == ("2231 W Roscoe St, Unit 2", "60618")


def test_a_new_visit_asked_beside_the_kept_one_is_offered_next(chat: ChatWorld) -> None:
    said = chat.text(JOE, "leave today's visit at 5 lake st. i need a separate visit at 9 oak ave "
                          "tomorrow for a clogged drain").text
    assert "stays at 5 Lake St" in said and "9 Oak Ave" in said and "Tue Mar 3" in said
    assert _site_of_visit(chat) == "5 Lake St"


def test_a_thanks_then_the_request_again_says_where_the_times_are(chat: ChatWorld) -> None:
    chat.text(JOE, "my tenant at 9 oak ave has a leaky faucet, can you send someone tomorrow")
    said = chat.text(JOE, "ok thanks. so can u book a plumbing repair tomorrow at 9 oak ave").text
    assert said.count("this visit is for 9 Oak Ave") == 1 and "Tue Mar 3" in said
    assert _site_of_visit(chat) == "5 Lake St"


def test_a_problem_told_at_the_rental_on_the_visits_day_is_no_move(chat: ChatWorld) -> None:
    said = chat.text(JOE, "plumbing problem at my rental, 77 W Lake St 60618, today if possible").text
    assert _site_of_visit(chat) == "5 Lake St" and "is now at" not in said


def test_its_for_my_rental_never_moves_the_only_visit(chat: ChatWorld) -> None:
    for text in ("this is for my tenant at 77 W Lake St 60618",
                 "its for my rental at 77 W Lake St 60618, can you come tomorrow"):
        said = chat.text(JOE, text).text
        assert _site_of_visit(chat) == "5 Lake St" and "is now at" not in said
        assert "this visit is for 77 W Lake St" in said
