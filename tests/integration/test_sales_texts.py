"""A sales rep works the pipeline by SMS on real SQLite and PostgreSQL: the follow-up list, "won",
"lost" and "snooze" by number or by name, the one job a won deal becomes, the notices to dispatch
and the customer, and the customer's reply that books that very job."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.deals import Deal, DealStage
from domain.jobs import Job, JobState
from domain.messages import Direction, Message, MessageKind
from tests.conversation_people import DANA, RITA
from tests.integration.dialogue_world import World
from tests.integration.sales_world import (
    ACME_PHONE,
    LENA,
    MAPLE_PHONE,
    SAM,
    SUMMIT_PHONE,
    add_maple_furnace,
    answer,
    build_sales_world,
    deal,
    won_by_rita,
)


@pytest.fixture
def world(uow_factory) -> World:  # type: ignore[no-untyped-def]
    return build_sales_world(uow_factory)


def jobs_of(world: World, key: str) -> list[Job]:
    with world.uow_factory() as uow:
        return uow.jobs.find(deal_id=world.ids[key])


def notices_to(world: World, phone: str) -> list[Message]:
    with world.uow_factory() as uow:
        return [m for m in uow.messages.find(direction=Direction.OUT, kind=MessageKind.NOTICE)
                if m.address == phone]


def test_followups_lists_the_reps_own_deals_most_valuable_first_with_why(world: World) -> None:
    listing = answer(world, RITA, "who should I call today?")
    lines = [line for line in listing.splitlines() if line[:1].isdigit()]
    assert lines == [
        "1. Acme Corp, Furnace replacement ($12,500.00): quote Q-3001 unanswered 4 days",
        "2. Maple Grove Apartments, Boiler service contract ($4,800.00): untouched 9 days "
        "(qualified limit 5)",
        "3. Harborview Medical, Panel upgrade ($3,000.00): due today",
    ]
    assert "Summit" not in listing and "Birch" not in listing  # Sam's deal; snoozed deals


def test_a_one_line_list_gives_examples_of_that_line_only(world: World) -> None:
    listing = answer(world, SAM, "followups")
    assert "1. Summit Storage" in listing and "2. " not in listing
    assert listing.endswith('Text "won 1", "snooze 1 till monday" or "lost 1".')


def test_won_by_number_makes_one_job_tells_dispatch_and_invites_the_customer(
        world: World) -> None:
    world.text(RITA, "followups")
    confirm = answer(world, RITA, "won 2")
    assert "Maple Grove Apartments, Boiler service contract ($4,800.00) as won?" in confirm
    assert deal(world, "maple").stage is DealStage.QUALIFIED  # nothing before the Y
    done = answer(world, RITA, "Y")
    [job] = jobs_of(world, "maple")
    assert f"Job {job.number} is open" in done
    assert (job.site_id, job.service_id, job.scope, job.state) == (
        world.ids["maple_site"], "plumbing_repair",
        "Boiler service contract at Maple Grove Apartments", JobState.REQUESTED)
    assert deal(world, "maple").stage is DealStage.WON
    [dispatch] = notices_to(world, DANA)
    assert dispatch.body.startswith("Deal won by Rita Moss: Maple Grove Apartments")
    assert job.number in dispatch.body
    # The work is the deal's, the catalog's service only its trade: no "Plumbing repair" job.
    assert "Boiler service contract" in dispatch.body and "plumbing work" in dispatch.body
    assert "Plumbing repair" not in dispatch.body
    [invite] = notices_to(world, MAPLE_PHONE)
    assert job.number in invite.body and "Reply with a day" in invite.body
    with world.uow_factory() as uow:
        timeline = [a.summary for a in uow.activities.find(account_id=world.ids["maple_account"])]
    assert any(job.number in line and "dispatch told" in line for line in timeline)
    # The same yes again, and the same news again: still one job.
    answer(world, RITA, "Y")
    assert "already won" in answer(world, RITA, "Maple Grove signed!")
    assert answer(world, RITA, "Y").startswith("Nothing is waiting")
    assert f"already won. Its job is {job.number}" in answer(world, RITA, "won 2")
    assert "is already won" in answer(world, RITA, "lost 2")
    assert len(jobs_of(world, "maple")) == 1 and len(notices_to(world, MAPLE_PHONE)) == 1


def test_a_fuzzy_won_then_the_customers_reply_books_that_same_job(world: World) -> None:
    assert "Acme Corp, Furnace replacement ($12,500.00) as won?" in answer(world, RITA,
                                                                          "Acme signed!")
    answer(world, RITA, "y")
    [job] = jobs_of(world, "acme")
    times = answer(world, ACME_PHONE, "tuesday morning")
    assert "1) Tue Mar 3" in times
    # The work is named as the deal's title, as the rep wrote it, not the catalog's service.
    [invite] = notices_to(world, ACME_PHONE)
    assert f"Job {job.number} (Furnace replacement) is ready" in invite.body
    assert "Booked: Furnace replacement on Tue Mar 3" in answer(world, ACME_PHONE, "1")
    with world.uow_factory() as uow:
        assert len(uow.jobs.find(account_id=world.ids["acme_account"])) == 1
        [visit] = uow.appointments.find(account_id=world.ids["acme_account"])
        booked = uow.jobs.get(job.id or 0)
        assert visit.job_id == job.id and booked is not None
        assert booked.state is JobState.SCHEDULED


def test_a_yes_from_the_customer_offers_times_for_the_waiting_job(world: World) -> None:
    world.text(RITA, "Acme signed!")
    world.text(RITA, "y")
    assert "We can come" in answer(world, ACME_PHONE, "yes")
    assert "Booked" in answer(world, ACME_PHONE, "2")
    with world.uow_factory() as uow:
        assert len(uow.jobs.find(account_id=world.ids["acme_account"])) == 1


def test_a_tied_match_is_asked_about_and_never_acted_on(world: World) -> None:
    question = answer(world, RITA, "Birch signed")
    assert "Which deal (won)?" in question and "AC tune-up" in question
    assert "Heat pump install" in question
    assert deal(world, "birch_ac").stage is DealStage.NEW
    assert "Heat pump install ($950.00) as won?" in answer(world, RITA, "2")
    assert "stays open" in answer(world, RITA, "n")
    assert deal(world, "birch_heat").stage is DealStage.NEW and jobs_of(world, "birch_heat") == []


def test_another_reps_deal_gets_the_same_answer_as_no_deal_at_all(world: World) -> None:
    theirs = answer(world, RITA, "Summit Storage signed!")
    nobody = answer(world, RITA, "Zenith Logistics signed!")
    assert theirs.replace("summit storage", "X") == nobody.replace("zenith logistics", "X")
    assert "can't find an open deal of yours" in theirs
    assert answer(world, RITA, "lost Summit Storage").replace("summit storage", "X") == \
        answer(world, RITA, "lost Zenith Logistics").replace("zenith logistics", "X")
    assert deal(world, "summit").stage is DealStage.NEW and notices_to(world, SUMMIT_PHONE) == []


def test_a_sales_manager_sees_and_wins_any_reps_deal(world: World) -> None:
    assert "Summit Storage, Rooftop unit replacement ($20,000.00) [Sam]" in answer(
        world, LENA, "followups")
    assert "as won?" in answer(world, LENA, "won 1")
    answer(world, LENA, "yes")
    assert deal(world, "summit").stage is DealStage.WON and len(jobs_of(world, "summit")) == 1


def test_lost_with_its_reason_in_the_text_records_it_on_the_deal_and_timeline(
        world: World) -> None:
    assert "Maple Grove Apartments, Boiler service contract ($4,800.00) as lost (to a cheaper " \
           "bid)?" in answer(world, RITA, "lost maple grove to a cheaper bid")
    assert "lost: to a cheaper bid" in answer(world, RITA, "y")
    lost = deal(world, "maple")
    assert (lost.stage, lost.lost_reason) == (DealStage.LOST, "to a cheaper bid")
    with world.uow_factory() as uow:
        timeline = [a.summary for a in uow.activities.find(account_id=world.ids["maple_account"])]
    assert "Deal 'Boiler service contract' lost: to a cheaper bid" in timeline
    assert jobs_of(world, "maple") == []


@pytest.mark.parametrize("said", ["Maple Grove went another way", "no go on maple grove, budget got cut",
                                  "it's a no-go on Maple Grove"])
def test_a_loss_said_as_a_saying_is_confirmed_before_the_deal_is_lost(world: World, said: str) -> None:
    assert "Maple Grove Apartments, Boiler service contract ($4,800.00) as lost" in answer(world, RITA, said)
    assert deal(world, "maple").stage is not DealStage.LOST
    answer(world, RITA, "yes")
    assert deal(world, "maple").stage is DealStage.LOST


def test_lost_by_number_asks_why_and_records_the_answer(world: World) -> None:
    world.text(RITA, "followups")
    assert "Harborview Medical, Panel upgrade ($3,000.00) as lost?" in answer(world, RITA,
                                                                              "lost 3")
    assert "Why was it lost" in answer(world, RITA, "yes")
    assert deal(world, "harbor").stage is DealStage.LOST
    assert "Noted why" in answer(world, RITA, "they are moving out of state")
    assert deal(world, "harbor").lost_reason == "they are moving out of state"


def test_snooze_by_number_sets_the_follow_up_and_confirms_the_local_date(world: World) -> None:
    world.text(RITA, "followups")
    told = answer(world, RITA, "snooze 3 till monday")
    assert "Harborview Medical comes back on your follow-ups Mon Mar 9 at 9am" in told
    snoozed = deal(world, "harbor")
    assert snoozed.next_follow_up_at == datetime(2026, 3, 9, 14, 0, tzinfo=UTC)  # 9am CDT
    assert snoozed.last_touch_at == world.clock.now()
    assert "Harborview" not in answer(world, RITA, "followups")


def test_snooze_without_a_time_asks_when(world: World) -> None:
    assert "When should I bring up Maple Grove Apartments" in answer(
        world, RITA, "snooze maple grove")
    assert "Fri Mar 6 at 9am" in answer(world, RITA, "friday")
    assert deal(world, "maple").next_follow_up_at == datetime(2026, 3, 6, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize("said", ["remind me about Maple Grove later", "put Maple Grove on the back burner",
                                  "ping me re maple grove sometime"])
def test_a_snooze_said_without_a_time_changes_nothing_until_the_time_is_given(
        world: World, said: str) -> None:
    before = deal(world, "maple").next_follow_up_at
    assert "When should I bring up Maple Grove Apartments" in answer(world, RITA, said)
    assert deal(world, "maple").next_follow_up_at == before
    assert "Fri Mar 6 at 9am" in answer(world, RITA, "friday")
    assert deal(world, "maple").next_follow_up_at == datetime(2026, 3, 6, 15, 0, tzinfo=UTC)


def test_a_number_without_a_list_or_past_its_end_acts_on_nothing(world: World) -> None:
    assert "followups" in answer(world, RITA, "won 2")
    world.text(RITA, "followups")
    assert "not 5" in answer(world, RITA, "won 5")
    assert all(jobs_of(world, key) == [] for key in ("acme", "maple", "harbor"))


def test_a_customer_texting_staff_words_is_a_customer(world: World) -> None:
    for text in ("won", "snooze", "followups", "Acme signed!"):
        assert "deal" not in answer(world, ACME_PHONE, text).lower()
    assert deal(world, "acme").stage is DealStage.QUOTED and jobs_of(world, "acme") == []


@pytest.mark.parametrize("asked", ["HELP", "what can you do?"])
def test_help_lists_what_a_rep_can_say(world: World, asked: str) -> None:
    menu = answer(world, RITA, asked)
    for said in ("followups", "won 2", "snooze 3 till monday", "lost 1", "signed"):
        assert said in menu


def test_a_rep_works_the_list_in_fieldbot_chat(world: World) -> None:
    from bot.chat import converse

    said: list[str] = []
    converse(uow_factory=world.uow_factory, engine=world.engine, clock=world.clock, phone=RITA,
             lines=["followups", "won 1", "y"], write=said.append)
    [job] = jobs_of(world, "acme")
    assert any("1. Acme Corp" in line for line in said)
    assert f"Job {job.number} is open" in said[-1]


def test_work_of_another_trade_is_a_booking_of_its_own_beside_the_waiting_job(
        world: World) -> None:
    world.text(RITA, "Acme signed!")
    world.text(RITA, "y")
    [waiting] = jobs_of(world, "acme")  # heating work
    times = answer(world, ACME_PHONE, "our kitchen drain is clogged, can someone come tomorrow?")
    assert "1) " in times
    assert answer(world, ACME_PHONE, "1").startswith("Booked: ")
    with world.uow_factory() as uow:
        jobs = uow.jobs.find(account_id=world.ids["acme_account"])
        still = uow.jobs.get(waiting.id or 0)
    assert still is not None and still.state is JobState.REQUESTED
    assert {j.service_id for j in jobs} - {"hvac_repair"}  # the drain is a job of its own


def test_a_customers_approval_wins_the_deal_as_the_reps_won_does(world: World) -> None:
    assert "Approve quote Q-3001" in answer(world, ACME_PHONE, "we approve quote Q-3001")
    approved = answer(world, ACME_PHONE, "Y")
    [job] = jobs_of(world, "acme")
    assert deal(world, "acme").stage is DealStage.WON
    assert f"Job {job.number} (Furnace replacement) is ready to schedule" in approved
    assert "in touch" not in approved
    [dispatch] = notices_to(world, DANA)
    assert job.number in dispatch.body and "ready to schedule" in dispatch.body
    assert any(f"Its job is {job.number}" in m.body for m in notices_to(world, RITA))
    assert notices_to(world, ACME_PHONE) == []  # the reply invited them: no second text
    # Their reply picks a time for that very job.
    assert "1) " in answer(world, ACME_PHONE, "tuesday morning")
    assert "Booked: Furnace replacement" in answer(world, ACME_PHONE, "1")
    with world.uow_factory() as uow:
        [visit] = uow.appointments.find(account_id=world.ids["acme_account"])
        assert visit.job_id == job.id
        assert len(uow.jobs.find(account_id=world.ids["acme_account"])) == 1


def test_approving_a_quote_whose_work_is_booked_says_so(world: World) -> None:
    world.text(RITA, "Acme signed!")
    world.text(RITA, "y")
    world.text(ACME_PHONE, "tuesday morning")
    assert "Booked" in answer(world, ACME_PHONE, "1")
    # The rep's "won" approved the quote: nothing to approve, and where the work stands.
    told = answer(world, ACME_PHONE, "approve quote Q-3001")
    assert told.startswith("Quote Q-3001 is already approved") and "booked for Tue Mar 3" in told
    assert "Approve quote" not in answer(world, ACME_PHONE, "Y")
    assert "in touch" not in answer(world, ACME_PHONE, "ok")
    assert len(jobs_of(world, "acme")) == 1


def test_a_won_jobs_quote_asked_about_before_booking_points_to_picking_a_time(
        world: World) -> None:
    job = won_by_rita(world, "Acme signed!", "acme")
    told = answer(world, ACME_PHONE, "approve Q-3001")
    assert f"already approved: nothing more to sign. Job {job.number} (Furnace replacement) " \
        "is ready to schedule" in told
    assert "Booked: Furnace replacement on Tue Mar 3" in answer(world, ACME_PHONE,
                                                                "tuesday morning") + answer(
        world, ACME_PHONE, "1")
    assert len(jobs_of(world, "acme")) == 1


@pytest.mark.parametrize("asked", ["do we still need to approve the furnace quote or is that done?",
                                   "i want to approve the quote", "approve Q-3001"])
def test_a_reps_won_approves_the_deals_quote_so_the_customer_is_never_asked(
        world: World, asked: str) -> None:
    job = won_by_rita(world, "Acme signed!", "acme")
    with world.uow_factory() as uow:
        quote = uow.quotes.first(number="Q-3001")
        rita = uow.staff.get(world.ids["rita"])
    assert quote is not None and rita is not None
    assert (quote.state.value, quote.decided_by, quote.decided_channel, quote.job_id) == (
        "approved", f"sales:{rita.id}", "sms", job.id)
    world.text(ACME_PHONE, "tuesday morning")
    assert "Booked" in answer(world, ACME_PHONE, "1")
    told = answer(world, ACME_PHONE, asked)
    assert "already approved" in told and "booked for Tue Mar 3" in told
    assert "Approve quote" not in told and "Reply Y or N" not in told
    # The rep is not told of an approval "by the customer"; the list no longer chases the quote.
    assert not any("approved by the customer" in m.body for m in notices_to(world, RITA))
    assert "Q-3001" not in answer(world, RITA, "followups")


def test_a_quote_of_a_lost_deal_is_not_approved_and_the_office_calls(world: World) -> None:
    world.text(RITA, "lost acme to a cheaper bid")
    world.text(RITA, "y")
    world.text(ACME_PHONE, "approve quote Q-3001")
    told = answer(world, ACME_PHONE, "yes")
    assert "someone will call you" in told and "in touch to schedule" not in told
    assert deal(world, "acme").stage is DealStage.LOST and jobs_of(world, "acme") == []
    with world.uow_factory() as uow:
        quote = uow.quotes.first(number="Q-3001")
        assert quote is not None and quote.state.value == "sent"
    [dispatch] = notices_to(world, DANA)
    assert "Call Acme Corp" in dispatch.body and "marked lost (to a cheaper bid)" in dispatch.body


def test_a_yes_with_nothing_pending_gets_a_reps_answer_not_the_customers(world: World) -> None:
    assert "nothing changed" in answer(world, RITA, "N") and "anytime" not in answer(world, RITA,
                                                                                     "nope")
    told = answer(world, RITA, "Y")
    assert told.startswith("Nothing is waiting") and "followups" in told
    assert "book a visit" not in told and "approve a quote" not in told
    assert "book a visit" not in answer(world, RITA, "\N{THUMBS UP SIGN}")


def test_an_aside_keeps_the_pending_yes_no_and_asks_it_again(world: World) -> None:
    answer(world, RITA, "Acme signed!")
    again = answer(world, RITA, "hang on what amount was that")
    assert "Acme Corp, Furnace replacement ($12,500.00) as won?" in again
    assert jobs_of(world, "acme") == []
    assert "is open" in answer(world, RITA, "Y")
    assert deal(world, "acme").stage is DealStage.WON and len(jobs_of(world, "acme")) == 1


def test_a_new_request_replaces_the_pending_yes_no(world: World) -> None:
    answer(world, RITA, "Acme signed!")
    assert "Maple Grove Apartments" in answer(world, RITA, "lost maple grove")
    answer(world, RITA, "Y")
    assert deal(world, "maple").stage is DealStage.LOST
    assert deal(world, "acme").stage is DealStage.QUOTED


@pytest.mark.parametrize("said", ["lost 2 - price", "lost 2: price", "lost maple grove - price",
                                  "lost maple grove, price"])
def test_the_reason_after_a_lost_deal_is_taken(world: World, said: str) -> None:
    world.text(RITA, "followups")
    assert "Maple Grove Apartments, Boiler service contract ($4,800.00) as lost (price)?" in \
        answer(world, RITA, said)
    assert "lost: price" in answer(world, RITA, "Y")
    assert deal(world, "maple").lost_reason == "price"


def test_the_account_and_title_named_together_pick_the_deal(world: World) -> None:
    add_maple_furnace(world)
    assert "Mark Acme Corp, Furnace replacement ($12,500.00) as won?" in answer(
        world, RITA, "acme furnace signed")


def test_a_numbered_question_is_asked_again_and_answered_by_name(world: World) -> None:
    answer(world, RITA, "Birch signed")
    again = answer(world, RITA, "Y")
    assert "Which deal (won)?" in again and "Heat pump install" in again
    assert "Heat pump install ($950.00) as won?" in answer(world, RITA, "the heat pump one")


@pytest.mark.parametrize("said", ["won summit storage", "lost summit storage",
                                  "Summit Storage signed!"])
def test_another_reps_deal_by_verb_and_name_is_no_deal_of_yours(world: World, said: str) -> None:
    told = answer(world, RITA, said)
    assert "can't find an open deal of yours matching" in told and "summit storage" in \
        told.lower()
    assert deal(world, "summit").stage is DealStage.NEW


@pytest.mark.parametrize("said", ["mark 2 as won", "#2 closed won", "number two won", "2 is won!"])
def test_a_line_number_said_before_the_verdict_wins_that_line(world: World, said: str) -> None:
    world.text(RITA, "followups")
    assert "Maple Grove Apartments, Boiler service contract ($4,800.00) as won?" in answer(
        world, RITA, said)
    assert deal(world, "maple").stage is DealStage.QUALIFIED  # nothing before the Y


@pytest.mark.parametrize(("said", "reason"), [
    ("mark 3 lost, they're doing it in house", "they're doing it in house"),
    ("3 is lost. went w another electrician", "went w another electrician"),
])
def test_a_line_number_lost_with_a_reason_takes_the_reason(world: World, said: str,
                                                          reason: str) -> None:
    world.text(RITA, "followups")
    assert f"Harborview Medical, Panel upgrade ($3,000.00) as lost ({reason})?" in answer(
        world, RITA, said)
    answer(world, RITA, "y")
    assert (deal(world, "harbor").stage, deal(world, "harbor").lost_reason) == (DealStage.LOST, reason)


def test_a_snooze_by_number_reads_the_hour_after_the_day_not_the_number(world: World) -> None:
    world.text(RITA, "followups")
    told = answer(world, RITA, "remind me about 3 monday at 10")
    assert "Harborview Medical comes back on your follow-ups Mon Mar 9 at 10am" in told


@pytest.mark.parametrize("said", ["push summit storage to next week", "summit rooftop signed!",
                                  "lost summit, price"])
def test_another_reps_deal_named_while_a_yes_no_waits_changes_nothing_and_keeps_the_question(
        world: World, said: str) -> None:
    assert "Acme Corp, Furnace replacement ($12,500.00) as won?" in answer(world, RITA,
                                                                          "acme signed")
    told = answer(world, RITA, said)
    assert "can't find an open deal of yours" in told and "Still waiting on this" in told
    assert "Acme Corp" in told and "Rooftop" not in told
    assert deal(world, "acme").stage is DealStage.QUOTED
    assert deal(world, "acme").next_follow_up_at == world.clock.now() + timedelta(days=7)
    assert deal(world, "summit").stage is DealStage.NEW
    assert "is open" in answer(world, RITA, "yes")  # the question it kept is still answered
    assert deal(world, "acme").stage is DealStage.WON


def test_a_name_and_title_of_another_reps_deal_is_not_matched_to_ones_own_by_name_alone(
        world: World) -> None:
    with world.uow_factory() as uow:  # Sam has a rooftop deal at Birch too; Rita has two others
        uow.deals.add(Deal(account_id=world.ids["birch_ac_account"],
                           site_id=world.ids["birch_ac_site"], title="Rooftop unit replacement",
                           service_id="hvac_repair", owner_id=world.ids["sam"],
                           amount_cents=1_800_000, stage=DealStage.QUOTED,
                           last_touch_at=world.clock.now()))
        uow.commit()
    told = answer(world, RITA, "birch signed the rooftop unit")
    assert "can't find an open deal of yours" in told and "as won?" not in told
    assert "Which deal" in answer(world, RITA, "birch signed")  # her own two, asked about


@pytest.mark.parametrize(("said", "reason"), [
    ("yes. they went w/ a guy off craigslist", "they went w/ a guy off craigslist"),
    ("yep - landlord is doing it", "landlord is doing it")])
def test_a_yes_with_the_story_after_it_confirms_the_loss_with_that_reason(
        world: World, said: str, reason: str) -> None:
    answer(world, RITA, "lost maple grove")
    assert "lost:" in answer(world, RITA, said)
    assert (deal(world, "maple").stage, deal(world, "maple").lost_reason) == (DealStage.LOST,
                                                                               reason)


@pytest.mark.parametrize("said", ["ok snooze 2 till thurs", "k, snooze 2 till thursday",
                                  "alright snooze 2 till thurs"])
def test_a_numbered_line_after_an_opening_ok_is_that_line(world: World, said: str) -> None:
    world.text(RITA, "followups")
    assert "Maple Grove Apartments comes back on your follow-ups Thu Mar 5" in answer(
        world, RITA, said)


@pytest.mark.parametrize("said", ["acme signed, deposit coming friday",
                                  "Acme Corp closed! sending the paperwork tmrw"])
def test_signed_with_news_after_it_asks_to_win_that_deal(world: World, said: str) -> None:
    assert "Acme Corp, Furnace replacement ($12,500.00) as won?" in answer(world, RITA, said)
    assert deal(world, "acme").stage is DealStage.QUOTED


def test_a_name_that_fits_a_won_deal_as_well_as_an_open_one_asks_and_says_which_is_won(
        world: World) -> None:
    won_by_rita(world, "birch heat pump signed", "birch_heat")
    again = answer(world, RITA, "birch signed!")
    assert "Heat pump install ($950.00) is already won" in again
    assert "Which deal (won)?" in again and "AC tune-up" in again and "as won?" not in again
    assert deal(world, "birch_ac").stage is DealStage.NEW
    assert "AC tune-up ($900.00) as won?" in answer(world, RITA, "1")


def test_another_reps_deal_named_while_asked_which_deal_is_refused_and_changes_nothing(
        world: World) -> None:
    assert "Which deal (won)?" in answer(world, RITA, "Birch signed")
    told = answer(world, RITA, "push summit storage to next week")
    assert "can't find an open deal of yours" in told and "Rooftop" not in told
    assert deal(world, "summit").next_follow_up_at is None
    assert deal(world, "birch_ac").stage is DealStage.NEW
    assert deal(world, "birch_heat").stage is DealStage.NEW


@pytest.mark.parametrize("news", [
    "maple grove is dead too, they'd rather wait for the new budget",
    "acme furnace is also dead - going with the cheaper outfit",
])
def test_another_deals_loss_after_why_is_a_new_loss_asked_about_not_the_first_reason(
        world: World, news: str) -> None:
    world.text(RITA, "followups")
    answer(world, RITA, "lost 3")
    assert "Why was it lost" in answer(world, RITA, "yes")
    asked = answer(world, RITA, news)
    assert "as lost" in asked and "Y or N" in asked and "Harborview" not in asked
    assert deal(world, "harbor").lost_reason == ""  # never the other deal's news
    assert deal(world, "acme").stage is not DealStage.LOST
    assert deal(world, "maple").stage is not DealStage.LOST
