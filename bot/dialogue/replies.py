"""Every text the bot sends a customer: short, and never "reply CANCEL".

Each template takes already formatted pieces (times in the customer's zone, money as "$1,850.00")
and clips the free-text ones, so no reply exceeds two SMS segments whatever the data holds.
Templates say what they wait for (yes/no, a numbered choice) as structure, not as words: each
channel renders that its own way (bot/channels/sms.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.dialogue.gsm import clip
from bot.dialogue.reply import Reply
from domain.phones import display_phone

NAME = 30  # a person's or business's name
PLACE = 60  # a street address
THING = 40  # a service or quote title



def _in_sentence(name: str) -> str:
    """A service's or work's name inside a sentence: its first letter lowered ("panel upgrade to
    200 A"), the rest kept as written (units, acronyms: "PEX", "200 A"); an acronym first stays."""
    first = name.split(" ", 1)[0]
    return name if first.isupper() and len(first) > 1 else name[:1].lower() + name[1:]


EXAMPLE_DETAILS = "Maria Rivera, 12 Elm St, Chicago 60614"
ANOTHER_DAY = "tell me another day"


# Onboarding -------------------------------------------------------------------------------

def ask_details(business: str) -> Reply:
    return Reply(f"Hi, this is {clip(business, NAME)}! I don't have this number yet. Please send "
               f"your name and service address with ZIP, e.g. {EXAMPLE_DETAILS}")


def details_unclear() -> Reply:
    return Reply("Sorry, I couldn't read that. Please send your name, street, town and ZIP in one "
               f"text, e.g. {EXAMPLE_DETAILS}")


def details_when_ready() -> Reply:
    return Reply(f"OK! Whenever you're ready, send your name and service address with ZIP, e.g. "
                 f"{EXAMPLE_DETAILS}")


def details_still_needed() -> Reply:
    """More about the problem, while the name and address are still missing."""
    return Reply("Sorry to hear that! To send someone I still need your "
                 f"name and service address with ZIP, e.g. {EXAMPLE_DETAILS}")


def details_first() -> Reply:
    return Reply("Happy to help! First I need your name and service address with ZIP, e.g. "
               f"{EXAMPLE_DETAILS}")


def outside_area(where: str, served: str) -> Reply:
    return Reply(f"Sorry, we don't serve {clip(where, PLACE)}. We serve {served}. I've passed "
                 "your details to our team; someone will call you if we can still help.")


def locations_added(added: list[str]) -> Reply:
    """Addresses added to the account: kept for later visits, nothing booked."""
    if not added:
        return Reply("Nothing was added to your account. Text us an address we serve to add it.")
    return Reply(f"Done: I've added {clip('; '.join(added), PLACE * 2)} to your account, and our "
                 "team knows. Text us whenever you'd like a visit there.")


def also_on_file(addresses: list[str]) -> Reply:
    """The other addresses given at sign-up, kept on the account too."""
    return Reply(f"I've also added {clip('; '.join(addresses), PLACE * 2)} to your account.")


def one_address_outside(street: str, code: str) -> Reply:
    """Of several addresses given at once, one we do not serve: said plainly, the rest go on."""
    return Reply(f"Sorry, {clip(street, PLACE)} (ZIP {code}) is outside our service area; I've "
                 "passed it to our team in case we can still help there.")


def still_outside_area(where: str) -> Reply:
    """Asked again after hearing the address is not served: the honest no, and the call stands."""
    return Reply(f"Sorry, we can't send a technician to {clip(where, PLACE)}: it's outside our "
                 "service area. Our team has your details and will call if we can still help. "
                 "If you have an address in our area, send it.")


def outside_area_other_help(where: str, *, trade: str) -> Reply:
    """After the honest no, asked who else could come: no company named, what to do instead."""
    return Reply(f"Sorry, we can't recommend another company, and we can't come to "
                 f"{clip(where, PLACE)}. Please call a licensed {trade} near you; our team has your "
                 "details and will call if we can still help.")


def off_topic(offered: str) -> Reply:
    """A question about something else than the business (the weather, a game)."""
    return Reply(f"Sorry, that's not something we can help with. We do {offered}. To book a "
                 "visit, text what you need.")


def name_passed_on(first: str) -> Reply:
    """A name given after asking for a person: passed on to whoever calls."""
    return Reply(f"Thanks, {clip(first, NAME)}! I've passed that on; someone will call you shortly.")


def for_someone_else() -> Reply:
    """A newcomer asks to book for a relative, a tenant or a rental: yes, at that address."""
    return Reply("Sure, you can book for someone else. Please send their name and the service "
                 f"address with ZIP, e.g. {EXAMPLE_DETAILS}")


def no_visit_for_number() -> Reply:
    """An unknown number asks about a visit: none is booked from it; it may be under another."""
    return Reply("I don't see a visit booked from this number. If it was booked under another "
                 "number, send the name and address it's under and I'll have our team check.")


def visit_lookup_passed_on(where: str) -> Reply:
    return Reply(f"Thanks! I've asked our team to look up the visit for {clip(where, PLACE)}. "
                 "Someone will call you at this number shortly.")


def booked_already(service: str, visit: str, technician: str | None) -> Reply:
    """Said before the times a visit already booked could move to, when it is wanted sooner."""
    who = f" with {clip(technician, NAME)}" if technician else ""
    return Reply(f"Your {_in_sentence(clip(service, THING))} visit is booked for {visit}{who}. To have it "
                 "sooner, pick a time:")


def booking_at(address: str) -> Reply:
    """The visit being booked is at another address of the customer's."""
    return Reply(f"Got it, this visit is for {clip(address, PLACE)}.")


def already_set_up(first_name: str, address: str) -> Reply:
    """A customer just set up sends their name or ZIP again: nothing is asked twice."""
    return Reply(f"Got it, {clip(first_name, NAME)}: you're all set up at {clip(address, PLACE)}.")


def address_corrected(address: str) -> Reply:
    return Reply(f"Thanks, I've corrected your address to {clip(address, PLACE)}.")


def address_on_file(address: str) -> Reply:
    """A correction to the address already on file: nothing to change."""
    return Reply(f"Your address is {clip(address, PLACE)}; that's what I have on file.")


def retyped_outside_area(postal_code: str, kept: str) -> Reply:
    return Reply(f"Sorry, we don't serve ZIP {clip(postal_code, 10)}, so I've kept your address as "
                 f"{clip(kept, PLACE)}. Text us if that's wrong and someone will call you.")


def ask_name() -> Reply:
    return Reply("Thanks! What name should I put the account under? Please send your first and "
                 "last name, e.g. Maria Rivera.")


def ask_address(first_name: str) -> Reply:
    return Reply(f"Thanks, {clip(first_name, NAME)}! What's the service address, with ZIP? "
                 "e.g. 12 Elm St, Chicago 60614")


def ask_street(postal_code: str) -> Reply:
    """Only a ZIP was given so far: the street and the name are still needed."""
    return Reply(f"Thanks! What's the street address in {clip(postal_code, 10)}, and your name? "
                 "e.g. Maria Rivera, 12 Elm St")


def ask_zip(street: str, choices: Sequence[str] = ()) -> Reply:
    if choices:
        return Reply(f"What's the ZIP code for {clip(street, PLACE)}: {' or '.join(choices[:6])}?")
    return Reply(f"Thanks! What's the ZIP code for {clip(street, PLACE)}?")


def zip_guessed(street: str, served: str, unserved: Sequence[str]) -> Reply:
    """Two ZIPs given unsure, one of them served: that one is asked about."""
    others = " or ".join(unserved[:2])
    return Reply(f"Is {clip(street, PLACE)} in {served}? We don't serve {others}, so if it's "
                 f"{served}, reply Y or send the right ZIP.")


def name_corrected(name: str) -> Reply:
    return Reply(f"Sorry about that! I've changed your name to {clip(name, NAME)}.")


def account_named(business: str) -> Reply:
    return Reply(f"Your account is now under {clip(business, NAME)}.")


def name_on_file(name: str) -> Reply:
    return Reply(f"We have your name as {clip(name, NAME)}, so that's right already.")


def ask_right_name() -> Reply:
    return Reply("Sorry about that! What's the right name? Please send your first and last name, "
                 "e.g. Maria Rivera.")


def welcome(first_name: str, address: str) -> Reply:
    return Reply(f"Thanks, {clip(first_name, NAME)}! You're set up at {clip(address, PLACE)}.")


# Booking and rescheduling -------------------------------------------------------------------

def which_site(choices: Sequence[str]) -> Reply:
    return Reply.choice("Which address is this for?", tuple(clip(text, 60) for text in choices[:4]))


def ask_problem() -> Reply:
    return Reply("What do you need help with? e.g. AC not cooling, leaking pipe, no hot water, "
               "clogged drain")


def offers(choices: Sequence[str], *, wish_missed: bool, wish_past: bool = False,
           wish_held: bool = False, moving: tuple[str, str, str] | None = None) -> Reply:
    """Up to three numbered choices, e.g. "1) Thu Mar 5, 8-10am with Tom"; `wish_held`: the time
    asked for is inside the window offered; `moving`: the service, day and window of the visit
    the times would move, said first ("Moving your Thu Dec 10 tune-up visit (10am-12pm).")."""
    head = ("That time has passed; the soonest we can come:" if wish_past else
            "Nothing is free then; the nearest times are:" if wish_missed else
            "Yes, we can come then:" if wish_held else "We can come:")
    if moving is not None:
        service, day, window = moving
        head = (f"Moving your {clip(day, 12)} {_in_sentence(clip(service, THING))} visit "
                f"({clip(window, 16)}). {head}")
    return Reply.choice(head, tuple(clip(text, 45) for text in choices[:3]), ANOTHER_DAY)


def which_offer(choices: Sequence[str]) -> Reply:
    return Reply.choice("Which time suits you?", tuple(clip(text, 45) for text in choices[:3]),
                        ANOTHER_DAY)


def offered_with(names: Sequence[str], work: str | None) -> Reply:
    """Who the times offered are with, asked while they are offered ("is he an electrician?")."""
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
    if work is None:
        return Reply(f"These times are with {who}.")
    does = "who does" if len(names) == 1 else "who all do"
    return Reply(f"These times are with {who}, {does} our {work} work.")


def soonest_offered(choice: str, option: int) -> Reply:
    """ "How soon can someone come?" while times are offered: the soonest of them."""
    return Reply(f"The soonest we can come is {clip(choice, 45)}. Reply {option} to book it, or "
                 "tell me another day.")


def already_booked(service: str, visit: str, technician: str) -> Reply:
    """A pick sent again after the visit was booked or moved: nothing more is booked."""
    return Reply(f"You're all set: your {_in_sentence(clip(service, THING))} visit is booked for "
                 f"{visit} with {clip(technician, NAME)}. Text us anytime to change it.")


def no_offers() -> Reply:
    return Reply.yes_no("Sorry, we have no openings for that in the next two weeks. Would you "
                        "like someone from our team to call you?")


def slot_taken() -> Reply:
    return Reply("Sorry, that time was just taken.")


def booked(service: str, visit: str, technician: str, address: str) -> Reply:
    return Reply(f"Booked: {clip(service, THING)} on {visit}. {clip(technician, NAME)} will come to "
               f"{clip(address, PLACE)}. Text us anytime to reschedule.")


def noted_for_technician(note: str) -> Reply:
    """What the customer told beside a pick, kept on the visit for the technician."""
    return Reply(f"I've noted that for the technician: {clip(note, 120)}")


def move_sooner(service: str, visit: str) -> Reply:
    """Said before the times a booked visit could be moved to, when asked to bring it forward."""
    return Reply(f"Your {_in_sentence(clip(service, THING))} visit is {visit}. To move it sooner:")


def nothing_sooner() -> Reply:
    return Reply("Sorry, nothing is free before then, so it stays as it is. Text us if you'd like "
                 "someone to call you.")


def counted_from(service: str, visit: str) -> Reply:
    """Said before times counted from the visit being moved ("a week later"), when another visit
    of the same work could be meant: which one moves, and from when."""
    return Reply(f"Moving your {_in_sentence(clip(service, THING))} visit of {visit}.")


def ask_new_time(visit: str) -> Reply:
    return Reply(f"Your visit is {visit}. When would suit you better? e.g. Friday morning, or "
               "Monday after 2")


def rescheduled(service: str, was: str, visit: str, technician: str) -> Reply:
    """What moved, from when to when: "Done! Moved your Plumbing repair visit from ... to ..."."""
    return Reply(f"Done! Moved your {service} visit from {was} to {visit} "
                 f"with {clip(technician, NAME)}.")


def keep_searching() -> Reply:
    return Reply("OK. Tell me a day or time that suits you, e.g. Monday after 2.")


# Appointments ---------------------------------------------------------------------------------

def no_upcoming() -> Reply:
    return Reply("You have no upcoming visits with us. Want one? Tell me what's wrong, e.g. "
               "no hot water.")


LISTED = 3  # choices shown in one text; the rest are named by day or number


def which_appointment(choices: Sequence[str], verb: str) -> Reply:
    """The next three visits; with more, how to reach the later ones."""
    later = len(choices) - LISTED
    return Reply.choice(f"Which visit do you want to {verb}?",
                        tuple(clip(text, 60) for text in choices[:LISTED]),
                        f"the date of a later one ({later} more)" if later > 0 else "")


def confirm_cancel(visit: str) -> Reply:
    return Reply.yes_no(f"Cancel your {visit} visit?")


def confirm_cancel_several(visits: Sequence[str]) -> Reply:
    """Cancelling two or more visits at once: each named, one Y/N."""
    return Reply.yes_no(f"Cancel these {len(visits)} visits: "
                        f"{'; '.join(clip(v, 60) for v in visits[:LISTED + 1])}?")


def cancelled_several(visits: Sequence[str]) -> Reply:
    return Reply(f"Done, {len(visits)} visits are cancelled: "
                 f"{'; '.join(clip(v, 60) for v in visits[:LISTED + 1])}. Text us anytime to book "
                 "again.")


def kept_beside(visit: str, changed: str, now: str) -> Reply:
    """A visit said to keep stays; the one last changed is told as it is now ("now Mon Dec 14")."""
    return Reply(f"OK, your {visit} visit stays as booked. Your {clip(changed, THING)} visit is "
                 f"{now}.")


def then_next(request: str) -> Reply:
    """A second request of the same text, taken up once the question above is answered."""
    return Reply(f'After this one, I\'ll take up your other request: "{clip(request, 80)}"')


def then_visit(verb: str, visit: str) -> Reply:
    """The visit another request of the same text is about, taken up once the question above is
    answered ("cancelling your Wed Dec 16, 3-5pm visit")."""
    return Reply(f"After this one, I'll ask about {verb} your {visit} visit.")


def kept_several(count: int) -> Reply:
    return Reply(f"OK, your {count} visits stay as booked.")
def confirm_cancel_many(visits: Sequence[str]) -> Reply:
    return Reply.yes_no(clip(f"Cancel these {len(visits)} visits: {'; '.join(visits)}?", 280))


def cancelled_many(visits: Sequence[str]) -> Reply:
    return Reply(clip(f"Cancelled: {'; '.join(visits)}. Text us anytime to book again.", 320))


def kept_many() -> Reply:
    return Reply("OK, nothing is cancelled; your visits stay as booked.")


def then_also(question: Reply, work: str) -> Reply:
    """A Y/N that also says the other request in the same text comes right after."""
    return Reply.yes_no(f"Sure, the {work} comes right after. {question.text}")


def now_for(work: str) -> Reply:
    """The lead to the other request of the same text, taken up after the first was answered."""
    return Reply(f"Now for the {work}:")


def confirm_cancel_underway(technician: str, there: bool, eta: str | None) -> Reply:
    """Cancelling a visit whose technician is already on the way or on site."""
    where = "there" if there else "on the way" + (f" (ETA {eta})" if eta else "")
    return Reply.yes_no(f"{clip(technician, NAME)} is already {where}. Cancel anyway?")


def confirm_move_underway(technician: str, there: bool, eta: str | None) -> Reply:
    """Moving a visit whose technician is already on the way or on site."""
    where = "there" if there else "on the way" + (f" (ETA {eta})" if eta else "")
    return Reply.yes_no(f"{clip(technician, NAME)} is already {where}. Move this visit anyway? "
                        "We'd let them and our dispatcher know.")


def cancel_told_crew(visit: str, technician: str) -> Reply:
    return Reply(f"Your {visit} visit is cancelled. We've told {clip(technician, NAME)} and our "
                 "dispatcher. Text us anytime to book again.")


def visits_meant(labels: Sequence[str]) -> Reply:
    """A text about visits the customer has, that asks for nothing we can tell."""
    listed = "; ".join(clip(text, 60) for text in labels[:LISTED])
    return Reply(f"Your {'visit is' if len(labels) == 1 else 'visits are'}: {listed}. "
                 "Want to move or cancel it? Or tell me what's wrong for a new visit.")


def nothing_to_undo() -> Reply:
    return Reply("There's nothing I changed recently to undo. What do you need? E.g. move or "
                 "cancel a visit.")


def undo_by_a_person() -> Reply:
    return Reply("I can't undo that by text, so I've asked our team to call you about it.")


def quote_undo_by_a_person(number: str, state: str) -> Reply:
    """ "undo that approval": a decided quote cannot be reopened by text; a person follows up."""
    return Reply(f"Quote {number} is {state}, and I can't undo that by text, so I've asked our "
                 "team to call you about it.")


def only_last_change(what: str) -> Reply:
    """A correction naming a visit other than the one last changed: nothing is touched."""
    return Reply(f"The last change was: {clip(what, 80)}. I can only undo that one, so I've "
                 "changed nothing. Tell me what you need.")


def restored(visit: str, technician: str) -> Reply:
    return Reply(f"Done! Your {visit} visit is back on, with {clip(technician, NAME)}.")


def moved_back(visit: str, technician: str) -> Reply:
    return Reply(f"Done! Your visit is back to {visit} with {clip(technician, NAME)}.")


def slot_gone(visit: str) -> Reply:
    return Reply(f"Sorry, {visit} has been taken since, so I can't put it back there.")


def which_site_instead(sites: Sequence[str]) -> Reply:
    return Reply.choice("Which address is the visit for? Or text the full address with the ZIP.",
                        tuple(clip(s, 60) for s in sites[:LISTED]))


def address_to_team() -> Reply:
    return Reply("Thanks! I've passed the right address to our team; they'll update it and call "
                 "you if anything is unclear.")


def ask_right_address() -> Reply:
    return Reply("What's the right address? Please include the street, town and ZIP, e.g. "
                 "12 Elm St, Chicago 60614.")


def site_outside_area(postal_code: str, visit: str | None) -> Reply:
    """A new address outside the area: the visit (or the booking under way) stays where it was."""
    stays = (f"your {visit} visit stays where it was" if visit
             else "I can only book at an address we serve")
    return Reply(f"Sorry, ZIP {clip(postal_code, 10)} is outside the area we serve, so {stays}.")


def already_there(visit: str, address: str) -> Reply:
    return Reply(f"Your {visit} visit is already at {clip(address, PLACE)}. What's the right "
                 "address? Please include the street, town and ZIP.")


def visit_unchanged(service: str, visit: str, technician: str) -> Reply:
    return Reply(f"Your {service} visit is unchanged: still {visit} with "
                 f"{clip(technician, NAME)}.")


def heads_up_noted(visit: str | None) -> Reply:
    which = f"your {visit} visit" if visit else "your visit"
    return Reply(f"Sure. I've asked our team to have the technician let you know when heading "
                 f"over for {which}.")


def note_passed_on(visit: str, technician: str, asked: str) -> Reply:
    """More work asked of a visit booked ("can eddie also check the garage outlet"): passed on as
    a note, no new visit."""
    return Reply(clip(f"I've passed that on to the office as a note for {clip(technician, NAME)} "
                      f"on your {visit} visit: \"{clip(asked, 90)}\". No new visit is booked.", 320))


def wrong_number() -> Reply:
    """Someone texting by mistake, or saying goodbye before signing up: let them go kindly."""
    return Reply("No problem, sorry for the bother! Have a good day.")


def cancel_confirmed_told(visit: str, technician: str) -> Reply:
    return Reply(f"{clip(technician, NAME)} has been told your {visit} visit is cancelled, "
                 "and our office knows too. Nobody will come for it.")


def cancel_confirmed(visit: str) -> Reply:
    return Reply(f"Your {visit} visit is cancelled; nobody will come for that one.")


def move_confirmed(service: str, was: str, visit: str, technician: str) -> Reply:
    before = f", no longer {was}" if was else ""
    return Reply(f"Your {service} visit was moved: it's now {visit} with "
                 f"{clip(technician, NAME)}{before}.")


def site_needs_rebooking(visit: str, address: str) -> Reply:
    """The address is on the account, but the visit's technician can't go there: a person re-books."""
    return Reply(f"I've added {clip(address, PLACE)} to your account. The technician booked for "
                 f"your {visit} visit doesn't cover that area, so I've asked our office to "
                 "re-book it there; they'll text or call you shortly.")


def site_changed(visit: str, address: str) -> Reply:
    return Reply(f"Done! Your {visit} visit is now at {clip(address, PLACE)}.")


def site_kept(visit: str, address: str) -> Reply:
    """A visit said to stay at the address it already has: nothing was changed."""
    return Reply(f"Your {visit} visit stays at {clip(address, PLACE)}; nothing has changed.")


def site_confirmed(visit: str, address: str) -> Reply:
    """The address just changed, asked about or said again: it is done, the time unchanged."""
    return Reply(f"Yes, that's done: your {visit} visit is at {clip(address, PLACE)} now, at the "
                 "same time.")


def cancelled(visit: str) -> Reply:
    return Reply(f"Your {visit} visit is cancelled. Text us anytime to book again.")


def moved_told_crew(visit: str, technician: str) -> Reply:
    return Reply(f"Done! Your visit is now {visit}. We've told {clip(technician, NAME)} and our "
                 "dispatcher.")


def already_cancelled(visit: str) -> Reply:
    return Reply(f"Your {visit} visit is already cancelled. Nothing else was changed.")


def kept(visit: str, technician: str | None = None) -> Reply:
    """A visit that stays as it is, with its technician when the customer asked who comes."""
    with_whom = f" with {clip(technician, NAME)}" if technician else ""
    return Reply(f"OK, your {visit} visit{with_whom} stays as booked.")


def yours_to_decide(work: str, when: str) -> Reply:
    """ "Should we cancel the tune-up?": nothing changes until they say so."""
    day = when.split(",")[0]
    return Reply(f"Your {clip(work, 40)} visit on {when} is still on, and it stays unless you "
                 f"want it cancelled. That's your call: reply \"cancel {day}\" and I'll cancel it.")


def all_still_on(visits: Sequence[str]) -> Reply:
    """ "Do we need both?": every visit asked about is still on; nothing changes unless asked."""
    head = f"All {len(visits)} are still booked: " if len(visits) > 2 else "Both are still booked: "
    return Reply(clip(_listed(head, visits).rstrip(".") + ". Each stays unless you want it "
                      "cancelled; just tell me which.", 320))


def no_visit_named(missing: str) -> Reply:
    """A day or service named that none of the customer's visits has."""
    return Reply(f"You have no visit {clip(missing, 60)}.")


def no_visit_then(missing: str, have: Sequence[str]) -> Reply:
    """Nothing matches what was named: say so, and what they do have."""
    listed = "; ".join(clip(text, 60) for text in have[:LISTED])
    return Reply(f"You have no visit {clip(missing, 60)}. Your upcoming "
                 f"{'visit is' if len(have) == 1 else 'visits are'}: {listed}.")


# Job status ---------------------------------------------------------------------------------

def status_scheduled(visit: str, technician: str) -> Reply:
    return Reply(f"Your visit is {visit} (arrival window) with {clip(technician, NAME)}. "
               "We'll text you when they're on the way.")


def status_en_route(technician: str, eta: str | None, minutes: int = 0) -> Reply:
    """ "Tom is on the way, arriving about 9:25am (in about 25 min)." (0 minutes: not said)."""
    within = f" (in about {minutes} min)" if minutes > 0 else ""
    arriving = f", arriving about {eta}{within}" if eta else ""
    return Reply(f"{clip(technician, NAME)} is on the way{arriving}.")


def status_running_late(technician: str, eta: str | None) -> Reply:
    """The technician is on the way and past the time they gave: said plainly, with an apology."""
    expected = f" (expected about {eta})" if eta else ""
    return Reply(f"Sorry, {clip(technician, NAME)} is running late{expected} and is still on the "
                 "way. I've asked our office to check on the arrival time.")


def status_behind(technician: str, eta: str | None) -> Reply:
    """The technician has not set off and the time given (or the window) has passed: said
    plainly, with an apology, never as a time still to come."""
    expected = f" (expected about {eta})" if eta else ""
    return Reply(f"Sorry, {clip(technician, NAME)} is running behind{expected} and hasn't reached "
                 "you yet. I've asked our office to check on the arrival time and update you.")


def customer_waiting_notice(job: str, technician: str) -> Reply:
    """To the dispatchers: a customer asks after a technician past the arrival time given."""
    return Reply(f"Job {job}: the customer is still waiting for {clip(technician, NAME)}, who is "
                 "past the arrival time given. Please check on the arrival and update them.")


def customer_asks_notice(job: str, technician: str, text: str) -> Reply:
    """To the dispatchers: a customer asks about an open job the technician seems to have left."""
    name = clip(technician, NAME)
    return Reply(f"Job {job} is still open (on site) with {name} and the customer asks: "
                 f"\"{clip(text, 160)}\". Please check with {name} and call them back.")


def came_before_record_notice(job: str, technician: str, *, left: bool) -> Reply:
    """To the dispatchers: the job shows the technician on the way; the customer says otherwise."""
    name = clip(technician, NAME)
    said = "has been and left" if left else "has arrived"
    return Reply(f"Job {job} still shows {name} on the way, but the customer says {name} {said}. "
                 f"Please check with {name} and update the job.")


def arrived_noted(technician: str) -> Reply:
    """The customer says the technician has come while the record still says on the way."""
    name = clip(technician, NAME)
    return Reply(f"Thanks for letting us know {name} is there! I've told our office so "
                 f"{name}'s job is updated.")


# Whether a job's return visit costs anything: the office's to say, not the catalog's.
RETURN_CHARGE_ASKED = Reply("Whether the return visit costs anything is for our office to "
                            "confirm; I've asked them to let you know.")


def return_charge_notice(job: str, text: str) -> Reply:
    """To the dispatchers: a customer asks whether the return visit of a job costs anything."""
    return Reply(f"Job {job}: the customer asks whether the return visit is charged: "
                 f"\"{clip(text, 160)}\". Please let them know.")


def not_there_notice(job: str, technician: str, text: str) -> Reply:
    """To the dispatchers: the job shows the technician on site, the customer says nobody came."""
    name = clip(technician, NAME)
    return Reply(f"Job {job} shows {name} on site, but the customer says nobody is there: "
                 f"\"{clip(text, 160)}\". Please check with {name} and call them back.")


def not_there(technician: str) -> Reply:
    name = clip(technician, NAME)
    return Reply(f"I'm so sorry, something has gone wrong: our system shows {name} as arrived, "
                 f"but you say nobody is there. I've asked the office to check with {name} right "
                 "away and call you back.")


def passed_to_technician(technician: str, when: str | None) -> Reply:
    """A word for the technician on the way ("tell him to wait 10 min"): passed on, not promised."""
    name = clip(technician, NAME)
    due = f", who's due about {when}" if when else ""
    return Reply(f"OK, I've asked the office to pass that on to {name}{due}. I can't promise it, "
                 "so someone will call you if it's a problem.")


def switch_off_until_visit(thing: str | None, technician: str) -> Reply:
    """ "Should I shut the washer off?" before a visit: general guidance, no danger told."""
    if thing in ("furnace", "boiler"):  # the heat off in winter is its own risk
        return Reply(f"If the {thing} is making odd noises or keeps cycling, it's fine to switch it "
                     f"off at the thermostat until {clip(technician, NAME)} gets there; otherwise "
                     "leave it on so the house (and pipes) stay warm. The office can confirm if "
                     "you're unsure.")
    what = f"the {thing}" if thing else "it"
    wet = thing in ("washer", "washing machine", "dishwasher", "sink", "faucet", "toilet",
                    "disposal")
    drains = " (and not running water down the drains)" if wet else ""
    return Reply(f"Yes, if you can reach it easily and safely, switching {what} off{drains} "
                 f"until {clip(technician, NAME)} gets there is fine and stops it getting worse. "
                 "The office can confirm if you're unsure.")


def be_home_for_visit(technician: str) -> Reply:
    return Reply(f"Yes, please have an adult (18+) at home to let {clip(technician, NAME)} in and "
                 "OK the work. If nobody can be there, reply and the office will sort out another "
                 "way.")


def clear_for_visit(thing: str | None) -> Reply:
    where = f"the {thing}" if thing else "the problem area"
    return Reply(f"It helps to clear a few feet around {where} and a path to it; no need to do "
                 "more. The technician takes it from there, and the office can confirm anything "
                 "else.")


def pets_for_visit() -> Reply:
    return Reply("Please keep pets in another room while the technician works, for their safety "
                 "and the tech's.")


def status_on_site(technician: str) -> Reply:
    return Reply(f"{clip(technician, NAME)} is at your place now.")


def live_on_site(technician: str, service: str, *, billed: bool | None, left: bool,
                 broken: bool) -> Reply:
    """A question about a job the technician is on and has not finished: where it stands;
    `billed`: whether an invoice went out, when the question is about finishing or the bill."""
    name, work = clip(technician, NAME), _in_sentence(clip(service, THING))
    state = (f"{name} hasn't marked your {work} finished yet" if left else
             f"{name} is still working on your {work}; it isn't finished yet")
    bill = " and no invoice has gone out" if billed is False else ""
    if broken:
        follow = f" I've let our office know it still isn't working so they can check with {name}."
    elif left:
        follow = f" I've asked our office to check with {name} and get back to you."
    else:
        follow = ""
    return Reply(f"{state}{bill}.{follow}")


def status_nobody_home_back(technician: str | None) -> Reply:
    """A customer texting after the technician found nobody home: passed on at once."""
    who = clip(technician, NAME) if technician else "your technician"
    return Reply(f"Thanks! I've passed your message to {who} and our office; they'll be in "
                 "touch shortly about today's visit.")


def status_paused(service: str, technician: str | None = None, back: str | None = None) -> Reply:
    """Paused work: the return visit booked, else that the office will call to arrange it."""
    work = _in_sentence(clip(service, THING))
    if back:
        return Reply(f"Work on your {work} is paused until the return visit: {back}.")
    who = f"{clip(technician, NAME)} needs to come back to finish" if technician else (
        "We need to come back to finish")
    return Reply(f"{who} your {work}; the return visit isn't booked yet. Our office will contact "
                 "you to arrange it.")


def status_requested(service: str) -> Reply:
    return Reply(f"We have your request for {_in_sentence(clip(service, THING))}. We'll text you "
                 "a time soon.")


def status_done(service: str, business: str) -> Reply:
    return Reply(f"Your {_in_sentence(clip(service, THING))} is done. Thanks for choosing "
               f"{clip(business, NAME)}!")


def status_nothing() -> Reply:
    return Reply("You have no open jobs with us. Want a visit? Tell me what's wrong, e.g. "
               "AC not cooling.")


# Questions about visits ----------------------------------------------------------------------

def visits_on(day: str, visits: Sequence[str]) -> Reply:
    """Every visit booked on one day, e.g. "8-10am, Plumbing repair with Tom"."""
    if len(visits) == 1:
        return Reply(clip(f"Your visit on {day}: {visits[0]}.", 320))
    return Reply(_listed(f"You have {len(visits)} visits on {day}: ", visits))


def visits_for(service: str, visits: Sequence[str]) -> Reply:
    """Every upcoming visit for one kind of work, e.g. "Fri Mar 6, 1-3pm with Ana"."""
    if len(visits) == 1:
        return Reply(clip(f"Your {clip(service, THING)} visit: {visits[0]}.", 320))
    return Reply(_listed(f"You have {len(visits)} {clip(service, THING)} visits: ", visits))


def still_booked(visits: Sequence[tuple[str, str]], not_on: str | None = None) -> Reply:
    """A change the customer believes made was not: the visits (service, when) still booked,
    and nothing yet on the day it was to move to."""
    said = "; your ".join(f"{_in_sentence(clip(service, THING))} visit {when}"
                          for service, when in visits)
    empty = f" Nothing is booked on {not_on} yet." if not_on else ""
    return Reply(clip(f"Not yet: your {said} is still booked.{empty}", 320))


def day_left_empty(days: Sequence[str], elsewhere: Sequence[tuple[str, str]]) -> Reply:
    """Nothing is booked on the days asked about; where that work's visit is now, if any."""
    now = "".join(f" Your {_in_sentence(clip(service, THING))} visit is {when}."
                  for service, when in elsewhere)
    return Reply(clip(f"That's right: nobody is booked to come on {' or '.join(days)}.{now}", 320))


def your_visits(verdict: str, visits: Sequence[str]) -> Reply:
    """The visits a question was about, after its "Yes"/"No" when it asked one."""
    lead = f"{verdict}. " if verdict else ""
    if len(visits) == 1:
        return Reply(clip(f"{lead}Your visit: {visits[0]}.", 320))
    return Reply(_listed(f"{lead}You have {len(visits)} visits: ", visits))


def no_visit_booked(asked: str, next_visit: str | None) -> Reply:
    """Nothing booked on the day or for the work asked about; the next visit, and an offer."""
    nearest = f" Your next visit is {next_visit}." if next_visit else ""
    return Reply(f"You have no visit booked {clip(asked, PLACE + 20)}.{nearest} Want one? Tell me what "
                 "you need, e.g. no hot water.")


def more_booked(reply: Reply, others: Sequence[str]) -> Reply:
    """A status answer about the next visit, then the other booked visits (or how many, and the
    next of them), each as "Wed Dec 9, 10am-12pm, Electrical repair with Alicia"."""
    if not others:
        return reply
    more = (f"Also booked: {'; '.join(others)}." if len(others) <= 2 else
            f"{len(others)} more visits are booked, the next on {others[0]}.")
    return Reply(clip(f"{reply.text} {more}", 320))


def work_done(technician: str, service: str, day: str, summary: str) -> Reply:
    """What the technician did on a finished job, from their summary."""
    notes = f": {summary}" if summary else ". No work notes were left."
    return Reply(clip(f"{clip(technician, NAME)} finished your {clip(service, THING)} on {day}"
                      f"{notes}", 320))


def no_work_done(asked: str) -> Reply:
    asked = f" {clip(asked.strip(), THING)}" if asked.strip() else ""
    return Reply(f"I don't see finished work on your account{asked}. Text us if "
                 "something's wrong and a person will look into it.")


def _listed(head: str, items: Sequence[str]) -> str:
    """`head` and as many items as fit in two SMS, then how many were left out."""
    text, shown = head, 0
    for item in items:
        rest = len(items) - shown - 1
        tail = f"; +{rest} more" if rest else "."
        piece = ("; " if shown else "") + item
        if len(text + piece + tail) > 320:
            break
        text, shown = text + piece, shown + 1
    left = len(items) - shown
    return text + (f"; +{left} more." if left else ".")


def visit_length(work: str, visit: str, technician: str | None, window: str,
                 typical: str | None) -> Reply:
    """How long a visit takes: its arrival window, the usual length of its work, and that the
    technician can tell more on site."""
    who = clip(technician, NAME) if technician else "your technician"
    usual = (f"The work itself usually takes about {typical}, but it depends on what's found"
             if typical else "How long the work takes depends on what's found")
    return Reply(clip(f"Your {clip(work, THING)} visit is {visit} with {who}; that's the {window} "
                      f"arrival window. {usual}: {who} can tell you on site.", 320))


def visits_length(window: str, typical: Sequence[str]) -> Reply:
    """How long visits take when several are meant: the window, and each kind of work's usual length."""
    usual = f" Usually {'; '.join(typical)}." if typical else ""
    return Reply(clip(f"Each visit has a {window} arrival window.{usual} It depends on what the "
                      "technician finds; they can tell you more on site.", 320))


def work_length(typical: str | None, window: str) -> Reply:
    """How long a kind of work takes, with no visit of theirs meant."""
    usual = f"Usually {typical}, but it" if typical else "It"
    return Reply(clip(f"{usual} depends on what the technician finds; they can tell you more on "
                      f"site. They arrive within a {window} window.", 320))


def work_length_under_way(typical: str | None, technician: str) -> Reply:
    """How long the work under way takes: the usual length, and that the technician knows more."""
    name = clip(technician, NAME) or "your technician"
    usual = f"Usually {typical}, but it" if typical else "It"
    return Reply(clip(f"{usual} depends on what {name} finds; {name} can tell you more.", 320))


def _visits_on(work: str, days: Sequence[str]) -> str:
    """ "your 2 water heater service visits (Tue Dec 8, Mon Dec 14)"."""
    what = f"{clip(work, THING)} visits" if work else "visits"
    return f"your {len(days)} {what} ({', '.join(days)})"


def same_problem(work: str, days: Sequence[str], scope: str) -> Reply:
    """Visits asked about that were booked for the same problem, and what it is."""
    both = "both" if len(days) == 2 else "all"
    return Reply(clip(f"Yes, {_visits_on(work, days)} are {both} for the same problem: "
                      f"{clip(scope, 120)}.", 320))


def different_problems(work: str, problems: Sequence[str]) -> Reply:
    """Visits asked about that were booked for different problems, each with its own."""
    days = [p.split(":", 1)[0] for p in problems]
    return Reply(_listed(f"No, {_visits_on(work, days)} are for different problems: ",
                         [clip(p, 90) for p in problems]))


def same_as_before(work: str, visit_day: str, done_day: str, scope: str) -> Reply:
    """A visit booked for the same problem as the work of its kind finished before."""
    return Reply(clip(f"Yes: your {visit_day} {clip(work, THING)} visit is for the same problem as "
                      f"the one finished {done_day}: {clip(scope, 120)}.", 320))


def unlike_before(work: str, visit_day: str, scope: str, done_day: str, before: str) -> Reply:
    """A visit booked for another problem than the work of its kind finished before."""
    now_for = f"is for: {clip(scope, 100)}" if scope else "doesn't say what it's for"
    then_for = f"was for: {clip(before, 100)}" if before else "didn't say what it was for"
    return Reply(clip(f"Your {visit_day} {clip(work, THING)} visit {now_for}. The one finished "
                      f"{done_day} {then_for}. The technician can tell you on site if they're "
                      "related.", 320))


def no_earlier_visit(work: str, visit_day: str, scope: str) -> Reply:
    """No finished work of that kind to compare a visit with."""
    what = f" (booked for: {clip(scope, 100)})" if scope else ""
    return Reply(clip(f"I don't see an earlier {clip(work, THING)} visit on your account, so your "
                      f"{visit_day} visit{what} is the first for it.", 320))


def problems_unknown(work: str, days: Sequence[str]) -> Reply:
    """Visits whose bookings do not say what they are for: nothing can be compared."""
    return Reply(clip(f"The bookings of {_visits_on(work, days)} don't say what each is for, so I "
                      "can't tell if they're the same problem. Ask for a person and someone will "
                      "call you.", 320))


# Quotes -------------------------------------------------------------------------------------

def no_open_quotes() -> Reply:
    return Reply("You have no quotes waiting for a decision.")


def quote_not_found(digits: str) -> Reply:
    return Reply(f"I can't find quote {clip(digits, 12)} waiting on your account. Please check "
               "the number.")


def quote_decided(number: str, state: str) -> Reply:
    if state == "expired":  # nothing left to decide: a new price is the office's to give
        return Reply(f"Quote {clip(number, 16)} has expired, so it can't be approved now. Ask us "
                     "for a new one and the office will send an updated quote.")
    return Reply(f"Quote {clip(number, 16)} is already {state}.")


def quote_already_approved(number: str, visit: str | None, job: str, work: str) -> Reply:
    """An approved quote asked about again: nothing to approve, and where its work stands."""
    settled = f"Quote {clip(number, 16)} is already approved: nothing more to sign."
    if visit is not None:
        return Reply(f"{settled} The work is booked for {visit}. Text us anytime to change it.")
    return Reply(f"{settled} Job {clip(job, 12)} ({clip(work, THING)}) is ready to schedule: "
                 "reply with a day that suits (e.g. 'tuesday morning') and we'll offer times.")


def which_quote(choices: Sequence[str], verb: str) -> Reply:
    """The first three open quotes; with more, how to name one of the others."""
    later = len(choices) - LISTED
    return Reply.choice(f"Which quote do you want to {verb}?",
                        tuple(clip(text, 60) for text in choices[:LISTED]),
                        f"the quote number of another ({later} more)" if later > 0 else "")


def confirm_quote(verb: str, number: str, title: str, total: str) -> Reply:
    what = f" ({clip(title, THING)})" if title else ""
    return Reply.yes_no(f"{verb.capitalize()} quote {clip(number, 16)}{what} for {total}?")


def quote_approved(number: str, total: str) -> Reply:
    return Reply(f"Approved: quote {clip(number, 16)}, {total}. Thank you! Our team will be in "
               "touch to schedule the work.")


def quote_approved_pick_a_time(number: str, total: str, job: str, work: str) -> Reply:
    """Approved, and its job waits for a visit: the customer's next text picks the time."""
    return Reply(f"Approved: quote {clip(number, 16)}, {total}. Thank you! Job {clip(job, 12)} "
                 f"({clip(work, THING)}) is ready to schedule: reply with a day that suits (e.g. "
                 "'tuesday morning') and we'll offer times.")


def quote_approved_visit_booked(number: str, total: str, visit: str) -> Reply:
    return Reply(f"Approved: quote {clip(number, 16)}, {total}. Thank you! The work is booked "
                 f"for {visit}, as planned. Text us anytime to change it.")


def quote_referred(number: str) -> Reply:
    """A quote of a deal the office closed: nothing approved, a dispatcher asked to call."""
    return Reply(f"Thanks for letting us know! Quote {clip(number, 16)} needs a quick check by "
                 "our office before we go ahead, so nothing is scheduled yet: someone will call "
                 "you shortly.")


def quote_declined(number: str) -> Reply:
    """The decline done; the staff notice it raised (domain/reactions.py) lets the office follow up."""
    return Reply(f"Quote {clip(number, 16)} declined. Thanks for letting us know; I've told the "
                 "office so someone can follow up if you have questions.")


def quote_left_open(number: str) -> Reply:
    return Reply(f"OK, quote {clip(number, 16)} stays open. Text us when you decide.")


def quotes_left_open(numbers: Sequence[str]) -> Reply:
    """A no to deciding several quotes at once: each stays open."""
    if len(numbers) == 1:
        return quote_left_open(numbers[0])
    named = " and ".join(clip(n, 16) for n in numbers)
    return Reply(f"OK, nothing decided: quotes {named} stay open. Text us when you decide.")


def confirm_quotes(asked: Sequence[str]) -> Reply:
    """One Y/N for several quote decisions, each with its quote and total."""
    return Reply.yes_no(clip(" and ".join(asked) + "?", 300))


# Questions about quotes ----------------------------------------------------------------------



def quote_fact(fact: str) -> Reply:
    """One answered fact about a quote, e.g. "Quote Q-1043 (AC replacement) is $4,250.00"."""
    return Reply(clip(f"{fact}.", 320))


APPROVE_HINT = " To approve it, just say so and I'll confirm it with you."


def quote_open_fact(fact: str, hint: bool = False) -> Reply:
    """The answer about an open quote, asking nothing back; `hint` tells how to approve it."""
    tail = APPROVE_HINT if hint else ""
    return Reply(clip(f"{fact}.", 320 - len(tail)) + tail)


def fact_then_question(fact: str, question: str) -> Reply:
    """A question answered while a Y/N is pending, then that Y/N again."""
    return Reply.yes_no(clip(fact, 300 - len(question)) + " " + question)


def quote_haggle(number: str) -> Reply:
    """A lower price asked for: a person decides that, so the office is asked to call."""
    what = f" on quote {clip(number, 16)}" if number else ""
    return Reply(f"I've asked the office to look at the price{what}; someone will call you "
                 "to talk it over.")


def quote_lines(name: str, lines: Sequence[str]) -> Reply:
    """ "Quote Q-1043 (AC replacement): 1x AC unit $4,000.00; 1x Labor $250.00"."""
    return Reply(_listed(f"{clip(name, 80)}: ", [clip(line, 80) for line in lines]).rstrip("."))


def quotes_overview(facts: Sequence[str]) -> Reply:
    """The same question answered for every quote (the caller checks that it fits one text)."""
    return Reply(clip(". ".join(facts) + ".", 320))


def which_quote_about(choices: Sequence[str]) -> Reply:
    return Reply.choice("Which quote do you mean?", tuple(clip(text, 60) for text in choices[:LISTED]),
                        "its quote number" if len(choices) > LISTED else "")


def quote_difference(first: str, second: str, differences: Sequence[str]) -> Reply:
    """Two quotes side by side: each with its total, then what differs."""
    return Reply(clip(" ".join([f"{first}.", f"{second}.", *differences]), 320))


def quote_not_on_account(digits: str) -> Reply:
    return Reply(f"I can't find quote {clip(digits, 12)} on your account. Please check the number.")


def no_quotes() -> Reply:
    return Reply("I don't see any quotes on your account. Want one? Tell me what work you need "
                 "priced.")


def quote_still_coming(what: str, asked_on: str) -> Reply:
    """ "and the sump pump quote?" before the office has sent it."""
    return Reply(f"The office is still preparing your quote for {clip(what, THING)} (asked for "
                 f"{asked_on}). I've reminded them, and they'll be in touch.")


def quote_requested(what: str) -> Reply:
    """A quote asked for: the office prepares it, no visit is offered ("" when no work was named)."""
    if not what:
        return Reply("I've asked the office to prepare a quote; they'll be in touch to ask what "
                     "the work is.")
    return Reply(f"I've asked the office to prepare a quote for {clip(what, THING)}; they'll be in "
                 "touch.")


# People, menu and consent ---------------------------------------------------------------------

def reminders(befores: Sequence[str], visit: str | None) -> Reply:
    """Whether and when visit reminders are texted (the business's reminder offsets)."""
    if not befores:
        return Reply("We don't send reminder texts, but you can text us anytime to check your "
                     "visit.")
    when = " and ".join(befores)
    return Reply(f"Yes, we'll text you a reminder {when} your visit" +
                 (f" on {visit}." if visit else "."))


def call_today(closes: str) -> Reply:
    return Reply(f"Someone from the office will call you today, during business hours (we're open "
                 f"until {closes}).")


def call_when_open(opens: str | None) -> Reply:
    when = f", {opens}" if opens else ""
    return Reply(f"The office is closed right now; someone will call you as soon as we open{when}.")


def _call_when(opens: str | None) -> str:
    """ "shortly" while the office is open (`opens` None), else when it opens."""
    return "shortly" if opens is None else f"when the office opens, {opens}"


def detail_passed_on(opens: str | None = None) -> Reply:
    """More said after a person was asked for: it goes to them, nothing else is done."""
    return Reply(f"Thanks, I've passed that on to the team. Someone will call you {_call_when(opens)}.")


def handoff(business: str, *, opens: str | None = None) -> Reply:
    return Reply(f"Got it. Someone from {clip(business, NAME)} will call you {_call_when(opens)}.")


def win_disputed(work: str, job: str, *, booked: bool, opens: str | None) -> Reply:
    """A customer who says they never agreed to work we marked won: no booking offered, our
    record told as it is, and a person to call."""
    kept = ("Your visit for it stays as it is until we've talked" if booked
            else "I haven't scheduled anything")
    return Reply(f"Sorry about that. Our records show the {clip(work, THING)} (job "
                 f"{clip(job, 12)}) as agreed, and that may be our mistake. {kept}: I've told the "
                 f"office and your sales rep, and someone will call you {_call_when(opens)}.")


def handoff_after_confusion(business: str, *, opens: str | None = None) -> Reply:
    return Reply(f"Sorry, I'm not getting it. I've asked someone from {clip(business, NAME)} to "
               f"call you {_call_when(opens)}.")


def who_we_are(business: str, *, opens: str | None) -> Reply:
    """ "are you a robot?", "who am I talking to?": the honest answer, and when a person can call."""
    person = ("a person from the office can call you today" if opens is None
              else f"a person can call you when the office opens, {opens}")
    return Reply(f"You're texting {clip(business, NAME)}'s automated assistant. I can book, move "
                 f"or cancel visits and answer questions; if you'd rather talk, say so and "
                 f"{person}.")


def book_asked_service(service: str) -> Reply:
    """After a sign-up, the service asked about before it: on with booking it."""
    return Reply(f"For the {clip(service, THING)}, text a day and time that suit you, e.g. "
                 '"next Tuesday morning".')


def no_call() -> Reply:
    return Reply("OK. Text us anytime.")


def menu(business: str) -> Reply:
    return Reply(f"Hi from {clip(business, NAME)}! I can book a visit, reschedule it, tell you "
               "where your tech is, or approve a quote, and answer questions about our hours, "
               'area and prices. Just text what you need, e.g. "AC not cooling, tomorrow morning".')


def not_understood() -> Reply:
    return Reply("Sorry, I didn't get that. You can ask me to book, reschedule or cancel a visit, "
               "check on your tech, or approve a quote. Or ask for a person.")


def yes_or_no(question: Reply) -> Reply:
    return Reply.yes_no(f"Please answer Y or N. {question.text}")


def acknowledged(after: str | None) -> Reply:
    """A "yes", "ok" or thumbs-up that answers no question: a friendly word, nothing more."""
    if after in ("booked", "rescheduled"):
        return Reply("Great, see you then!")
    if after == "approved":
        return Reply("Great! We'll be in touch to schedule the work.")
    if after == "offered_visit":
        return ask_problem()
    if after == "cancelled":
        return Reply("OK, that visit stays cancelled. Text us anytime if you need anything.")
    if after == "complaint":
        return Reply("OK. Someone from the office will call you soon.")
    if after == "answered":
        return Reply("Great! Text us anytime if you need anything.")
    return Reply("Nothing is waiting for a yes from you right now. What do you need? e.g. book a "
                 "visit, check on your tech, or approve a quote.")


def nothing_waiting_staff() -> Reply:
    """A staff member's "Y" or thumbs-up that answers no question."""
    return Reply('Got it. Nothing is waiting for a yes from you right now; text "help" for what '
                 "you can text me.")


def offer_dropped() -> Reply:
    """Times offered, dropped by "i dont need anything booked" beside a question."""
    return Reply("OK, nothing booked or moved; your visits stay as they are.")


def left_as_is() -> Reply:
    """The customer dropped a pending question ("n", "never mind")."""
    return Reply("OK, I've left everything as it is. Text us anytime if you need anything.")


def question_lapsed() -> Reply:
    """A "yes", "no" or number after the question it answered has expired."""
    return Reply("Sorry, that question has timed out, so nothing was changed. What would you "
               'like to do? e.g. "book a visit", "cancel my visit" or "approve my quote".')


def take_your_time() -> Reply:
    """ "Let me check with my wife" while a question waits: it stays open."""
    return Reply("Sure, take your time. Text us when you're ready.")


def goodbye() -> Reply:
    return Reply("Thanks! Text us anytime.")


def see_you(visit: str) -> Reply:
    return Reply(f"See you then! Your visit is {visit}. Text us anytime.")


def no_visit_that_day(day: str, booked: str | None) -> Reply:
    """ "See you wednesday" with no visit that day: the visit that is booked, or none."""
    booked_is = f" Your next visit is {booked}." if booked else " You have no visit booked."
    on = "" if day in ("today", "tomorrow") else "on "
    return Reply(f"Just to check: I don't have a visit for you {on}{day}.{booked_is} Text us if "
                 "that's not right.")


def thanks() -> Reply:
    return Reply("You're welcome! Text us anytime.")


# Questions about the business, complaints ---------------------------------------------------
# `week`, `summary` and `offered` are lists the caller has already fitted (topics.py).

TO_BOOK = "To book, text what you need and when"


def open_on(day: str, span: str, *, yes: bool) -> Reply:
    return Reply(f"{'Yes, we' if yes else 'We'}'re open {day}, {span}. {TO_BOOK}.")


def open_now(until: str) -> Reply:
    return Reply(f"Yes, we're open now, until {until}. {TO_BOOK}.")


def closed_now(week: str) -> Reply:
    return Reply(f"We're closed right now, but you can text us anytime. Our hours: {week}.")


def closed_on(day: str, week: str) -> Reply:
    return Reply(f"Sorry, we're closed {day}. Our hours: {week}.")


def hours_on(days: str, week: str) -> Reply:
    """ "We're open Saturday 8am-2pm, closed Sunday." and the whole week."""
    return Reply(f"We're {days}. Our hours: {week}.")


def holiday_hours(week: str, phone: str) -> Reply:
    return Reply(f"Our usual hours: {week}. Holiday hours may differ; please call {clip(phone, 20)} "
                 "to check.")


def hours(week: str) -> Reply:
    return Reply(f"Our hours: {week}. {TO_BOOK}.")


def area(summary: str) -> Reply:
    return Reply(f"We serve {summary}.")


def area_served(place: str, where: str) -> Reply:
    return Reply(f"Yes, we serve {clip(place, NAME)} ({where}). {TO_BOOK}.")


def area_served_briefly(place: str) -> Reply:
    """A place asked about beside a request: served, and the request goes on."""
    return Reply(f"Yes, we serve {clip(place, NAME)}.")


def area_not_served(place: str, summary: str) -> Reply:
    return Reply(f"Sorry, we don't serve {clip(place, NAME)}: it's outside our service area. We "
                 f"serve {summary}.")


def areas_listed(served: Sequence[str], not_served: Sequence[str], summary: str) -> Reply:
    """Several places asked about at once: which are served, which are not."""
    if not not_served:
        return Reply(f"Yes, we serve {clip(_and_listed(served), THING)}. {TO_BOOK}.")
    outside = (f"{clip(_and_listed(not_served), THING)} {'is' if len(not_served) == 1 else 'are'} "
               "outside our service area")
    if not served:
        return Reply(f"Sorry, {outside}. We serve {summary}.")
    return Reply(f"We serve {clip(_and_listed(served), THING)}, but {outside}. {TO_BOOK}.")


def area_unknown(place: str, summary: str) -> Reply:
    return Reply(f"I'm not sure where {clip(place, NAME)} is. We serve {summary}. If your ZIP is "
                 "one of these, we can come.")


def service_offered(service: str, price: str, *, thing: str = "", verb: str = "do",
                    details_next: bool = False) -> Reply:
    """`thing`: the work asked about in the customer's words when the service's name does not
    say it ("ceiling fans"); `details_next`: a newcomer who told a problem is asked who and where."""
    named = clip(service, THING).lower()
    head = (f"Yes, we {verb} {clip(thing, THING)}: that's our {named} ({price})." if thing
            else f"Yes, we do {named} ({price}).")
    if details_next:
        return Reply(f"{head} To send someone, text your name and the service address with ZIP.")
    return Reply(f'{head} {TO_BOOK}, e.g. "{named} tomorrow morning".')


def _and_listed(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def times_for_place(place: str, more: Sequence[str]) -> Reply:
    """Which building the times offered are for, and those that come after it."""
    then = f" {clip(_and_listed(more), 200)} next, one at a time." if more else ""
    return Reply(f"These times are for {clip(place, THING)}.{then}")


def several_places(service: str, places: Sequence[str]) -> Reply:
    """A request for several buildings at once: each named, booked one at a time."""
    return Reply(f"Sure, a {clip(service, THING).lower()} at each: {clip(_and_listed(places), 300)}. "
                 f"Let's book them one at a time, starting with {clip(places[0], THING)}.")


def next_place(service: str, place: str, after: Sequence[str]) -> Reply:
    """The next building of a request for several, once the one before is booked."""
    then = f" (then {clip(_and_listed(after), 200)})" if after else ""
    return Reply(f"Next, the {clip(service, THING).lower()} at {clip(place, THING)}{then}.")


def also_work(verb: str, thing: str, service: str) -> Reply:
    """More work for the visit that a service of ours covers."""
    work = clip(service, THING).lower()
    return Reply(f"Yes, the technician can {verb} the {clip(thing, THING)} too ({work} work). "
                 "Mention it when they arrive so they can plan the time.")


def also_work_to_check(verb: str, thing: str) -> Reply:
    """More work for the visit that no service of ours names: a person confirms."""
    first, _, rest = verb.partition(" ")
    doing = {"put": "Putting", "swap": "Swapping", "replace": "Replacing"}.get(
        first, f"{first.capitalize()}ing")
    return Reply(f"{doing}{' ' + rest if rest else ''} the {clip(thing, THING)} isn't something we "
                 "book by text. "
                 "I've asked the office to confirm; someone will get back to you.")


def service_to_check(thing: str) -> Reply:
    """Work no service of ours names, nor plainly another trade's: a person confirms."""
    return Reply(f"{clip(thing, THING)[:1].upper()}{clip(thing, THING)[1:]} isn't something we book "
                 "by text. I've asked the office to confirm whether we can do it; someone will "
                 "get back to you.")


def service_not_offered(thing: str, offered: str, *, verb: str = "do") -> Reply:
    return Reply(f"Sorry, we don't {verb} {clip(thing, THING)}. We do {offered}.")


def services(offered: str) -> Reply:
    return Reply(f"We do {offered}. {TO_BOOK}.")


def price(service: str, amount: str, *, booking: bool = False) -> Reply:
    """`booking`: said before the booking the same text asked for, so no "to book" hint."""
    tail = "" if booking else f" {TO_BOOK}."
    return Reply(f"{clip(service, THING)}: {amount}, our standard price.{tail}")


def install_price(work: str, service: str, amount: str) -> Reply:
    """The price asked to install something ("install a ceiling fan"): our service that does it
    and its standard price; an install may cost more, which the office confirms."""
    return Reply(f"To {clip(work, THING)}: that's our {clip(service, THING).lower()}, {amount} "
                 "standard price. An install can cost more with parts and extra work; I've asked "
                 "the office to confirm the price with you.")


def price_covers(service: str, amount: str) -> Reply:
    """What a service's standard price covers, asked: the rest is the office's to confirm."""
    return Reply(f"{amount} is our standard price for {clip(service, THING).lower()}. If the fix "
                 "needs parts or more work, the cost depends on what the technician finds; I've "
                 "asked the office to confirm the details with you.")


def visit_prices(visits: Sequence[tuple[str, str, str | None]]) -> Reply:
    """Each visit's standard price: (its day and window, its work, the price or None)."""
    said = [f"{clip(work, THING)} on {when}: {amount or 'price confirmed by the office'}"
            for when, work, amount in visits]
    return Reply(clip("; ".join(said) + ". Those are our standard prices.", 320))


def price_unknown(service: str) -> Reply:
    return Reply(f"The office will confirm the price of {clip(service, THING).lower()}. {TO_BOOK}.")


def replacement_priced_by_quote(thing: str) -> Reply:
    """A ballpark asked for new equipment: priced by a quote, often after a look; the office calls."""
    return Reply(f"A new {clip(thing, THING)} is priced with a quote, often after a technician takes "
                 "a look. I've asked the office to call you with an estimate and say if a visit "
                 "is needed first.")


def price_by_a_person() -> Reply:
    return Reply("I can't change prices by text, but I've asked the office to call you about it.")


def emergencies_anytime(week: str, *, days: Sequence[str] = ()) -> Reply:
    """Whether emergencies are taken: text anytime; the team is alerted and the soonest time
    offered; the days asked about ("on a sunday") are named back."""
    too = f", {' and '.join(clip(d, 10) for d in days[:2])} too" if days else ""
    return Reply(f"Yes{too}: for an emergency, text us anytime. Our team is alerted at once and we "
                 f"offer the soonest time a technician is free. Our hours: {week}.")


def phone_number(phone: str) -> Reply:
    """The business's phone, for someone who would rather call."""
    return Reply(f"You can call us at {clip(display_phone(phone), 20)}.")


def after_hours_charge(week: str) -> Reply:
    """An extra charge asked for nights, weekends or emergencies, which the price list has none of."""
    return Reply(f"Our price list has no extra charge for evenings or weekends: the same prices "
                 f"apply whenever we're open ({week}). For urgent work outside those "
                 "hours, the office tells you any extra cost before the work starts.")


def price_list(prices: str) -> Reply:
    return Reply(f"Our standard prices: {prices}. {TO_BOOK}.")


def complaint_no_show(visit: str | None, booked: tuple[str, str] | None = None) -> Reply:
    """`booked`: with no visit due, the next one booked (its service and "Sat Dec 5, 12-2pm")."""
    missed = f"for your {visit} visit" if visit else ""
    next_one = (f" Your {_in_sentence(clip(booked[0], THING))} visit is booked for {booked[1]}."
                if booked else "")
    return Reply(f"I'm so sorry nobody came {missed}".rstrip() + ". I've asked the office to call you "
                 f"right away to make it right.{next_one}")


def complaint(sorry_for: str) -> Reply:
    return Reply(f"I'm sorry about {sorry_for}. I've passed it to the office and someone will call "
                 "you shortly to make it right.")


def complaint_callback(service: str, visit: str) -> Reply:
    """The trouble is back after our visit: an apology naming that visit, and a call coming."""
    return Reply(f"I'm sorry about that: it should have been fixed by your "
                 f"{_in_sentence(clip(service, THING))} visit on {visit}. I've passed it to the office and "
                 "someone will call you shortly to make it right.")


def credit_asked(*, discount: bool = False) -> Reply:
    """A credit asked for: a person decides it, so no amount is promised here."""
    asked = "a discount" if discount else "a credit or refund"
    return Reply(f"I'm sorry about this. I've passed your request for {asked} to the office, and "
                 "someone will review it and call you shortly.")


def work_followed_up(*, back: bool) -> Reply:
    """After telling what was done: the trouble back, or the complaint before, goes to a person."""
    if back:
        return Reply("Sorry it's acting up again. I've asked the office to follow up, and someone "
                     "will call you about a return visit.")
    return Reply("I've added this to your note for the office; someone will call you shortly.")


def other_technician_asked(visits: Sequence[str]) -> Reply:
    """Another technician asked for: the office reassigns; the visits keep their times."""
    which = (f" for your {' and '.join(clip(v, 40) for v in visits[:LISTED])} "
             f"visit{'s' if len(visits) > 1 else ''}") if visits else ""
    return Reply(f"Understood. I've asked the office to send a different technician{which}; the "
                 "times stay as booked and someone will confirm who is coming.")


def complaint_noted() -> Reply:
    """Said before the flow the complaining text also asked for (a reschedule, a cancellation)."""
    return Reply("I'm sorry about that. I've told the office so someone can follow up.")


def question_again(question: str) -> Reply:
    """The pending question again, after an answer aside: "Back to my question: ..."."""
    return Reply(clip(f"Back to my question: {question}", 320))


def question_again_yes_no(question: str) -> Reply:
    return Reply.yes_no(clip(f"Back to my question: {question}", 320))


def question_again_pick(question: str | None, options: int) -> Reply:
    """After an answer aside, while a numbered list (times, visits, addresses) waits for a pick:
    its question in a line ("Which visit do you want to move?"), else which of the times sent."""
    asked = clip(question, 120) if question else "Which of the times I sent suits you?"
    numbers = f" (1-{options})" if options > 1 else ""
    return Reply(f"Back to my question: {asked} Send its number{numbers}.")


def question_still_open() -> Reply:
    """After an answer given aside, while the bot still waits on its own question."""
    return Reply("My earlier question still stands.")


def sorry_for_the_trouble() -> Reply:
    return Reply("Sorry for the trouble. Let's sort it out.")


def calm() -> Reply:
    """Rudeness with nothing else to act on: no lecture, an offer of help."""
    return Reply("I'm sorry this has been frustrating. I'm here to help: tell me what you need, "
                 "or ask for a person and someone will call you.")


def opted_out(business: str, next_visit: str | None = None) -> Reply:
    """Opted out; visits booked stay booked, only the texts about them stop."""
    kept = (f" Your visits stay booked (next: {next_visit}); we just won't text you about them."
            if next_visit else "")
    return Reply(f"You won't get more texts from {clip(business, NAME)}.{kept} Reply START to "
                 "resubscribe.")


def opted_in(business: str) -> Reply:
    return Reply(f"You're resubscribed to {clip(business, NAME)} texts. Reply STOP to opt out.")


def keyword_help(business: str, phone: str) -> Reply:
    return Reply(f"{clip(business, NAME)}: service visits and updates. Help: {clip(phone, 20)}. "
               "Msg & data rates may apply. Reply STOP to opt out.")


def refused(reason: str) -> Reply:
    """A rule said no (an expired quote, a job already started): say why."""
    return Reply(f"Sorry, that can't be done: {clip(reason, 200)}")


def staff_coming_soon(first_name: str, role: str) -> Reply:
    return Reply(f"Hi {clip(first_name, NAME)}! Texting {role} updates to the bot is coming soon. "
               "For now, please use the dispatcher console.")


# Answers to a visit reminder (bot/dialogue/reminder_answers.py) ----------------------------

def visit_confirmed(service: str, visit: str) -> Reply:
    return Reply(f"Thanks, you're confirmed: {clip(service, THING)} {visit}. See you then!")


def reminded_visit_gone() -> Reply:
    return Reply("That visit is no longer booked, so there's nothing to confirm. Text us if "
                 "you'd like to book a new one.")


def reminded_visit_changed(service: str, visit: str) -> Reply:
    return Reply(f"Your {clip(service, THING)} visit has moved since that reminder: it's now "
                 f"{visit}. Reply Y to confirm the new time or R to reschedule.")


def possibly_sent_notice(kind: str, recipient: str, message_id: int) -> Reply:
    """To dispatchers: a sender stopped mid-send, and nobody knows whether the text went out."""
    return Reply(f"Check outbox message {message_id} ({clip(kind, 20)} to {clip(recipient, 20)}): "
                 "the sender stopped while sending it, so it may or may not have arrived. It will "
                 "not be resent by itself.")
