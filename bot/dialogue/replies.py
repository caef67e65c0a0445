"""Every text the bot sends a customer: short, GSM-only, and never "reply CANCEL".

Each template takes already formatted pieces (times in the customer's zone, money as "$1,850.00")
and clips the free-text ones, so no reply exceeds 320 characters whatever the data holds.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.dialogue.gsm import clip, sms

NAME = 30  # a person's or business's name
PLACE = 60  # a street address
THING = 40  # a service or quote title

EXAMPLE_DETAILS = "Maria Rivera, 12 Elm St, Chicago 60614"


# Onboarding -------------------------------------------------------------------------------

def ask_details(business: str) -> str:
    return sms(f"Hi, this is {clip(business, NAME)}! I don't have this number yet. Please send "
               f"your name and service address with ZIP, e.g. {EXAMPLE_DETAILS}")


def details_unclear() -> str:
    return sms("Sorry, I couldn't read that. Please send your name, street, town and ZIP in one "
               f"text, e.g. {EXAMPLE_DETAILS}")


def details_first() -> str:
    return sms("Happy to help! First I need your name and service address with ZIP, e.g. "
               f"{EXAMPLE_DETAILS}")


def outside_area(postal_code: str) -> str:
    return sms(f"Sorry, we don't serve ZIP {clip(postal_code, 10)} yet. Would you like someone "
               "from our team to call you? Reply Y or N")


def welcome(first_name: str, address: str) -> str:
    return sms(f"Thanks, {clip(first_name, NAME)}! You're set up at {clip(address, PLACE)}.")


# Booking and rescheduling -------------------------------------------------------------------

def which_site(choices: Sequence[str]) -> str:
    lines = "\n".join(f"{n}) {clip(text, 60)}" for n, text in enumerate(choices[:4], start=1))
    return sms(f"Which address is this for?\n{lines}\nReply with its number.")


def ask_problem() -> str:
    return sms("What do you need help with? e.g. AC not cooling, leaking pipe, no hot water, "
               "clogged drain")


def offers(choices: Sequence[str], *, wish_missed: bool, wish_past: bool = False) -> str:
    """Up to three numbered choices, e.g. "1) Thu Mar 5, 8-10am with Tom"."""
    head = ("That time has passed; the soonest we can come:" if wish_past else
            "Nothing is free then; the nearest times are:" if wish_missed else "We can come:")
    lines = "\n".join(f"{n}) {clip(text, 45)}" for n, text in enumerate(choices[:3], start=1))
    numbers = _numbers(len(choices[:3]))
    return sms(f"{head}\n{lines}\nReply {numbers}, or tell me another day.")


def which_offer(count: int) -> str:
    return sms(f"Which time suits you? Reply {_numbers(count)}, or tell me another day.")


def no_offers() -> str:
    return sms("Sorry, we have no openings for that in the next two weeks. Would you like "
               "someone from our team to call you? Reply Y or N")


def slot_taken() -> str:
    return sms("Sorry, that time was just taken.")


def booked(service: str, visit: str, technician: str, address: str) -> str:
    return sms(f"Booked: {clip(service, THING)} on {visit}. {clip(technician, NAME)} will come to "
               f"{clip(address, PLACE)}. Text us anytime to reschedule.")


def ask_new_time(visit: str) -> str:
    return sms(f"Your visit is {visit}. When would suit you better? e.g. Friday morning, or "
               "Monday after 2")


def rescheduled(visit: str, technician: str) -> str:
    return sms(f"Done! Your visit is now {visit} with {clip(technician, NAME)}.")


def keep_searching() -> str:
    return sms("OK. Tell me a day or time that suits you, e.g. Monday after 2.")


# Appointments ---------------------------------------------------------------------------------

def no_upcoming() -> str:
    return sms("You have no upcoming visits with us. Want one? Tell me what's wrong, e.g. "
               "no hot water.")


LISTED = 3  # choices shown in one text; the rest are named by day or number


def which_appointment(choices: Sequence[str], verb: str) -> str:
    """The next three visits; with more, how to reach the later ones."""
    lines = "\n".join(f"{n}) {clip(text, 60)}" for n, text in enumerate(choices[:LISTED], start=1))
    later = len(choices) - LISTED
    how = "Reply with its number." if later <= 0 else (
        f"Reply with its number, or the date of a later one ({later} more).")
    return sms(f"Which visit do you want to {verb}?\n{lines}\n{how}")


def confirm_cancel(visit: str) -> str:
    return sms(f"Cancel your {visit} visit? Reply Y or N")


def cancelled(visit: str) -> str:
    return sms(f"Your {visit} visit is cancelled. Text us anytime to book again.")


def kept(visit: str) -> str:
    return sms(f"OK, your {visit} visit stays as booked.")


# Job status ---------------------------------------------------------------------------------

def status_scheduled(visit: str, technician: str) -> str:
    return sms(f"Your visit is {visit} (arrival window) with {clip(technician, NAME)}. "
               "We'll text you when they're on the way.")


def status_en_route(technician: str, eta: str | None) -> str:
    arriving = f", arriving about {eta}" if eta else ""
    return sms(f"{clip(technician, NAME)} is on the way{arriving}.")


def status_on_site(technician: str) -> str:
    return sms(f"{clip(technician, NAME)} is at your place now.")


def status_paused(service: str) -> str:
    return sms(f"Work on your {clip(service, THING)} is paused. We'll text you about the next "
               "visit.")


def status_requested(service: str) -> str:
    return sms(f"We have your request for {clip(service, THING)}. We'll text you a time soon.")


def status_done(service: str, business: str) -> str:
    return sms(f"Your {clip(service, THING)} is done. Thanks for choosing "
               f"{clip(business, NAME)}!")


def status_nothing() -> str:
    return sms("You have no open jobs with us. Want a visit? Tell me what's wrong, e.g. "
               "AC not cooling.")


# Quotes -------------------------------------------------------------------------------------

def no_open_quotes() -> str:
    return sms("You have no quotes waiting for a decision.")


def quote_not_found(digits: str) -> str:
    return sms(f"I can't find quote {clip(digits, 12)} waiting on your account. Please check "
               "the number.")


def quote_decided(number: str, state: str) -> str:
    return sms(f"Quote {clip(number, 16)} is already {state}.")


def which_quote(choices: Sequence[str], verb: str) -> str:
    """The first three open quotes; with more, how to name one of the others."""
    lines = "\n".join(f"{n}) {clip(text, 60)}" for n, text in enumerate(choices[:LISTED], start=1))
    later = len(choices) - LISTED
    how = "Reply with its number." if later <= 0 else (
        f"Reply with its number, or text the quote number of another ({later} more).")
    return sms(f"Which quote do you want to {verb}?\n{lines}\n{how}")


def confirm_quote(verb: str, number: str, title: str, total: str) -> str:
    what = f" ({clip(title, THING)})" if title else ""
    return sms(f"{verb.capitalize()} quote {clip(number, 16)}{what} for {total}? Reply Y or N")


def quote_approved(number: str, total: str) -> str:
    return sms(f"Approved: quote {clip(number, 16)}, {total}. Thank you! Our team will be in "
               "touch to schedule the work.")


def quote_declined(number: str) -> str:
    return sms(f"Quote {clip(number, 16)} declined. Thanks for letting us know.")


def quote_left_open(number: str) -> str:
    return sms(f"OK, quote {clip(number, 16)} stays open. Text us when you decide.")


# People, menu and consent ---------------------------------------------------------------------

def handoff(business: str) -> str:
    return sms(f"Got it. Someone from {clip(business, NAME)} will call you shortly.")


def handoff_after_confusion(business: str) -> str:
    return sms(f"Sorry, I'm not getting it. I've asked someone from {clip(business, NAME)} to "
               "call you shortly.")


def no_call() -> str:
    return sms("OK. Text us anytime.")


def menu(business: str) -> str:
    return sms(f"Hi from {clip(business, NAME)}! I can book a visit, reschedule it, tell you "
               "where your tech is, or approve a quote. Just text what you need, e.g. "
               '"AC not cooling, tomorrow morning".')


def not_understood() -> str:
    return sms("Sorry, I didn't get that. You can ask me to book, reschedule or cancel a visit, "
               "check on your tech, or approve a quote. Or ask for a person.")


def yes_or_no(question: str) -> str:
    return sms(f"Please answer Y or N. {question}")


def acknowledged(after: str | None) -> str:
    """A "yes", "ok" or thumbs-up that answers no question: a friendly word, nothing more."""
    if after in ("booked", "rescheduled"):
        return sms("Great, see you then!")
    if after == "approved":
        return sms("Great! We'll be in touch to schedule the work.")
    return sms("Great! Text us anytime if you need anything.")


def left_as_is() -> str:
    """The customer dropped a pending question ("n", "never mind")."""
    return sms("OK, I've left everything as it is. Text us anytime if you need anything.")


def question_lapsed() -> str:
    """A "yes", "no" or number after the question it answered has expired."""
    return sms("Sorry, that question has timed out, so nothing was changed. What would you "
               'like to do? e.g. "book a visit", "cancel my visit" or "approve my quote".')


def thanks() -> str:
    return sms("You're welcome! Text us anytime.")


def opted_out(business: str) -> str:
    return sms(f"You won't get more texts from {clip(business, NAME)}. Reply START to "
               "resubscribe.")


def opted_in(business: str) -> str:
    return sms(f"You're resubscribed to {clip(business, NAME)} texts. Reply STOP to opt out.")


def keyword_help(business: str, phone: str) -> str:
    return sms(f"{clip(business, NAME)}: service visits and updates. Help: {clip(phone, 20)}. "
               "Msg & data rates may apply. Reply STOP to opt out.")


def refused(reason: str) -> str:
    """A rule said no (an expired quote, a job already started): say why."""
    return sms(f"Sorry, that can't be done: {clip(reason, 200)}")


def staff_coming_soon(first_name: str, role: str) -> str:
    return sms(f"Hi {clip(first_name, NAME)}! Texting {role} updates to the bot is coming soon. "
               "For now, please use the dispatcher console.")


def _numbers(count: int) -> str:
    if count <= 1:
        return "1"
    return ", ".join(str(n) for n in range(1, count)) + f" or {count}"
