"""What the bot says to technicians, and what it tells their customers on their behalf."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from bot.dialogue.gsm import clip
from bot.dialogue.reply import Reply
from bot.dialogue.technician_jobs import Visit
from bot.dialogue.times import clock_label, day_label, window_label
from bot.nlu import intents
from domain.jobs import JobState

UNDO_HINT = 'Wrong job? Text "undo" within 10 min.'


def help_menu(first_name: str) -> Reply:
    return Reply(f"Hi {clip(first_name, 20)}! Text me: \"omw 20\", \"here\", \"running 15 late\", "
                 "\"done, replaced the capacitor\", \"waiting on parts\", \"note gate code 4412\", "
                 "\"what's next?\" or \"my day\". Name the customer or street (\"at Fischer's\") "
                 "if it's not your current job; \"undo\" takes back a mistake.")


def label(visit: Visit, timezone: str) -> str:
    """ "1-3pm Joe Okafor, 5 Lake St"."""
    a = visit.appointment
    return (f"{window_label(a.window_start, a.window_end, timezone)} {clip(visit.customer, 30)}"
            f"{_business(visit)}, {clip(visit.site.address, 40)}")


def _business(visit: Visit) -> str:
    """ " (Riverside Dental)" after the contact's name when the account is a business of another
    name, which the technician may know it by; "" for a household."""
    account, customer = visit.account.lower(), visit.customer.lower()
    if (not account or account == customer or account.endswith(("household", "family", "home"))
            or set(account.split()) & set(customer.split())):
        return ""
    return f" ({clip(visit.account, 30)})"


def which_visit(action: str) -> str:
    return f"Which visit is that ({action})?"


def no_visit(named: bool) -> Reply:
    if named:
        return Reply("I can't find a visit of yours today by that name or street. Text \"my day\" "
                     "to see your visits.")
    return Reply("You have no visit left to update today. Text \"my day\" to see your visits.")


def not_on_your_schedule(visits: list[Visit], timezone: str, after_undo: bool = False) -> Reply:
    """A visit named that is none of the technician's today: their own listed, nothing said of
    whose it may be."""
    listed = "; ".join(f"{label(v, timezone)} ({v.job.number})" for v in visits)
    own = f"your visits: {listed}" if listed else "you have no visits today"
    nothing = "Nothing else was changed" if after_undo else "Nothing was changed"
    return Reply(f"I don't see that on your schedule today - {own}. {nothing}; text the office "
                 "if you're covering it.")


def already(visit: Visit, action: str) -> Reply:
    """An update a job is past: where it stands and what the technician can text instead."""
    who = f"{visit.job.number} at {clip(visit.customer, 30)}"
    state = visit.job.state
    if state is JobState.ON_SITE and action == "here":
        return Reply(f"You're already checked in at {who}. Text \"done\" when it's finished.")
    if state is JobState.ON_SITE:
        return Reply(f"You're checked in at {who}, so I didn't mark it {action} and nobody was "
                     "told. Text \"done\" when it's finished or \"waiting on parts\" to pause it; "
                     "if the check-in is wrong, call the office.")
    if state is JobState.COMPLETED:
        return Reply(f"{who} is already marked done, so nothing was changed and nobody was "
                     "told. If it needs reopening, call the office.")
    if state is JobState.PAUSED:
        return Reply(f"{who} is paused, waiting on a return visit, so nothing was changed. Text "
                     "\"back on the job\" when you're there again.")
    return Reply(f"{who} is {state.value.replace('_', ' ')}, so I didn't mark it {action} and "
                 "nobody was told. Call the office if that's wrong.")


def visit_on_another_day(visit: Visit, timezone: str) -> Reply:
    a = visit.appointment
    return Reply(f"{clip(visit.customer, 30)}'s visit is {day_label(a.window_start, timezone)}, "
                 f"{window_label(a.window_start, a.window_end, timezone)} ({visit.job.number}), "
                 "not today, so nothing was changed and nobody was told. If it has moved to "
                 "today, ask the office to move it first.")


def on_the_way(visit: Visit, eta: datetime | None, timezone: str, again: bool = False,
               behind: bool = False) -> Reply:
    when = f" ETA {clock_label(eta, timezone)}." if eta else ""
    delay = " you're running behind" if behind else ""
    if again:
        return Reply(f"You're already on the way to {label(visit, timezone)} "
                     f"({visit.job.number}).{when}")
    return Reply(f"Got it: on the way to {label(visit, timezone)} ({visit.job.number}).{when} "
                 f"{_first(visit.customer)} has been told{delay}. {UNDO_HINT}")


def on_the_way_early(visit: Visit, now: datetime, timezone: str) -> Reply:
    """Before telling a customer whose window opens hours from now that the technician set off."""
    hours = max(1, round((visit.appointment.window_start - now).total_seconds() / 3600))
    return Reply(f"Your visit at {label(visit, timezone)} ({visit.job.number}) starts in about "
                 f"{hours} h. Tell {_first(visit.customer)} you're on the way now? Reply Y or N "
                 "(or text your ETA, e.g. \"omw 20\").")


def on_the_way_yet(visit: Visit, now: datetime, minutes: int | None, timezone: str) -> Reply:
    """Before telling a customer the technician set off, when the text only promised a time."""
    when = (f" and should arrive about {clock_label(now + timedelta(minutes=minutes), timezone)}"
            if minutes is not None else "")
    return Reply(f"Are you on the way to {label(visit, timezone)} ({visit.job.number}) now? Reply Y "
                 f"to tell {_first(visit.customer)} you're on the way{when}, or N if not yet (text "
                 "\"omw\" when you set off).")


def plan_noted(visit: Visit, timezone: str) -> Reply:
    return Reply(f"OK, {label(visit, timezone)} ({visit.job.number}) is next; nothing sent yet. "
                 f"Text \"omw\" with your minutes (e.g. \"omw 20\") when you set off and I'll "
                 f"tell {_first(visit.customer)}.")


def still_open(visit: Visit) -> Reply:
    last = clip(visit.customer.split()[-1] if visit.customer.split() else visit.customer, 20)
    return Reply(f"{visit.job.number} at {clip(visit.customer, 30)} is still open (on site): text "
                 f"\"done at {last}\" when it's finished.")


def customer_on_the_way(tech: str, business: str, eta: datetime | None, timezone: str,
                        behind: bool = False) -> str:
    if behind:  # a delay said beside setting off is the customer's news too
        when = f" and should arrive about {clock_label(eta, timezone)}" if eta else ""
        return (f"{_first(tech)} from {business} is on the way, running a little behind{when}. "
                "Sorry for the wait!")
    when = f" and should arrive about {clock_label(eta, timezone)}" if eta else " now"
    return f"{_first(tech)} from {business} is on the way{when}."


def arrived(visit: Visit, timezone: str) -> Reply:
    access = f" Access: {clip(visit.site.access_notes, 80)}." if visit.site.access_notes else ""
    return Reply(f"Checked in at {label(visit, timezone)} ({visit.job.number}).{access} "
                 f"{UNDO_HINT}")


def late(visit: Visit, eta: datetime | None, timezone: str) -> Reply:
    when = f"new ETA {clock_label(eta, timezone)}" if eta else "no new time given"
    return Reply(f"Noted: running late to {clip(visit.customer, 30)} ({visit.job.number}), "
                 f"{when}. {_first(visit.customer)} has been told. {UNDO_HINT}")


def late_ahead(visit: Visit, busy: Visit | None, eta: datetime | None, now: datetime,
               timezone: str) -> Reply:
    """Before telling a customer whose visit is hours away that the technician runs late."""
    hours = max(1, round((visit.appointment.start - now).total_seconds() / 3600))
    still = (f"You're still on site at {clip(busy.customer, 30)} ({busy.job.number}). "
             if busy is not None else "")
    when = f" you'll arrive about {clock_label(eta, timezone)}" if eta else " you're running late"
    return Reply(f"{still}Your visit at {label(visit, timezone)} ({visit.job.number}) starts in "
                 f"about {hours} h. Tell {_first(visit.customer)}{when}? Reply Y or N.")


def late_nothing_after(held_up: Visit) -> Reply:
    return Reply(f"Noted. You have no visit after {clip(held_up.customer, 30)} "
                 f"({held_up.job.number}) today to run late for, so nobody was told.")


def late_in_time(visit: Visit, eta: datetime, timezone: str) -> Reply:
    a = visit.appointment
    return Reply(f"Noted: new ETA {clock_label(eta, timezone)} for {clip(visit.customer, 30)} "
                 f"({visit.job.number}), still within the "
                 f"{window_label(a.window_start, a.window_end, timezone)} window, so "
                 f"{_first(visit.customer)} wasn't told. {UNDO_HINT}")


def done_unstarted(visit: Visit, timezone: str) -> Reply:
    return Reply(f"{visit.job.number} at {label(visit, timezone)} hasn't started. Mark it done "
                 "anyway (the customer is told and invoiced)? Reply Y or N.")


def done_paused(visit: Visit) -> Reply:
    return Reply(f"{visit.job.number} at {clip(visit.customer, 30)} is paused. Mark it done after all "
                 "(the customer is told and invoiced, no return visit)? Reply Y or N.")


def left_alone(visit: Visit) -> Reply:
    return Reply(f"OK, nothing changed on {visit.job.number} and {_first(visit.customer)} "
                 "wasn't told.")


def customer_late(tech: str, business: str, eta: datetime | None, timezone: str) -> str:
    when = f" and should now arrive about {clock_label(eta, timezone)}" if eta else ""
    return f"{_first(tech)} from {business} is running a little late{when}. Sorry for the wait!"


def paused(visit: Visit) -> Reply:
    return Reply(f"Paused {visit.job.number} at {clip(visit.customer, 30)}; the office will "
                 f"arrange the return visit and {_first(visit.customer)} has been told. "
                 f"{UNDO_HINT}")


def day_over(left_open: list[Visit]) -> Reply:
    """The technician's day over: nothing changed, and the jobs left open as they stand."""
    standing = " ".join(
        f"{v.job.number} at {clip(v.customer, 30)} stays "
        f"{'paused' if v.job.state is JobState.PAUSED else 'open'}." for v in left_open)
    return Reply(" ".join(part for part in (
        "Thanks, have a good evening. Nothing was changed.", standing) if part))


def resumed(visit: Visit, customer_told: bool) -> Reply:
    told = f" and {_first(visit.customer)}" if customer_told else ""
    return Reply(f"Back on {visit.job.number} at {clip(visit.customer, 30)}: the office{told} "
                 f"were told no return visit is needed. {UNDO_HINT}")


def customer_resumed(tech: str, business: str) -> str:
    return (f"Good news: {_first(tech)} from {business} is back on today's work, so no return "
            "visit is needed after all.")


def nobody_home(visit: Visit) -> Reply:
    return Reply(f"Noted: nobody home at {clip(visit.customer, 30)} ({visit.job.number}). I've "
                 f"texted {_first(visit.customer)} and told the office; if "
                 f"{_first(visit.customer)} replies, you'll both hear. {UNDO_HINT}")


def no_way_in(visit: Visit) -> Reply:
    return Reply(f"Nothing changed on {visit.job.number} and {_first(visit.customer)} wasn't "
                 f"texted: I've told the office you can't get in at {clip(visit.customer, 30)}, "
                 "so they can reach them. Text \"here\" once you're in.")


def office_no_way_in(visit: Visit, tech: str, said: str) -> str:
    return (f"Job {visit.job.number} ({clip(visit.customer, 30)}, {clip(visit.site.address, 40)}): "
            f"{_first(tech)} is there but can't get in: \"{clip(said, 160)}\". The visit was not "
            "paused and the customer was not texted; please reach them.")


def before_the_window(visit: Visit, timezone: str) -> Reply:
    a = visit.appointment
    return Reply(f"{_first(visit.customer)}'s window is "
                 f"{window_label(a.window_start, a.window_end, timezone)}, so {visit.job.number} "
                 f"wasn't paused and {_first(visit.customer)} wasn't texted; nothing changed. Text "
                 "\"here\" when you're there in the window.")


def customer_nobody_home(tech: str, business: str) -> str:
    return (f"{_first(tech)} from {business} is at your door for today's visit but couldn't "
            "reach you. Are you on your way? Reply here and we'll let them know.")


def customer_paused(tech: str, business: str) -> str:
    return (f"{_first(tech)} from {business} can't finish today's work yet. Our office will "
            "contact you to arrange the return visit.")


def done(visit: Visit, invoice: str | None) -> Reply:
    billed = f", invoice {invoice} drafted" if invoice else ""
    return Reply(f"Done: {visit.job.number} at {clip(visit.customer, 30)} completed{billed}. "
                 f"{UNDO_HINT}")


def customer_done(tech: str, business: str, summary: str) -> str:
    work = f" Work done: {summary.rstrip('.')}." if summary else ""
    return (f"{_first(tech)} from {business} has completed your visit.{work} Your invoice will "
            "follow. Thank you!")


def office_finished_after_pause(visit: Visit, tech: str) -> str:
    return (f"Job {visit.job.number} ({clip(visit.customer, 30)}), paused earlier, was finished "
            f"by {_first(tech)} after all: no return visit is needed.")


def office_unsafe(visit: Visit, tech: str, summary: str) -> str:
    return (f"Job {visit.job.number} ({clip(visit.customer, 30)}, {clip(visit.site.address, 40)}): "
            f"{_first(tech)} reported an unsafe finding: {clip(summary, 160)}. The customer was "
            "only told the visit is complete; please follow up with them.")


def hazard_noted(visit: Visit, hazard: str) -> Reply:
    return Reply(f"Noted on {visit.job.number} ({clip(visit.customer, 30)}): {clip(hazard, 80)}.")


def hazard_where() -> Reply:
    return Reply("Which job was the safety issue at? Text \"note <customer>: ...\" so it goes on "
                 "that job's record.")


def noted(visit: Visit) -> Reply:
    return Reply(f"Noted on {visit.job.number} ({clip(visit.customer, 30)}).")


def noted_quote_wish(visit: Visit, rep: str | None, after_done: bool = False) -> Reply:
    who = f"{clip(rep, 20)} (sales)" if rep else "the office"
    if after_done:
        return Reply(f"I've noted the quote request on {visit.job.number} and asked {who} to "
                     "follow up with the customer.")
    return Reply(f"Noted on {visit.job.number} ({clip(visit.customer, 30)}), and {who} was asked "
                 "to follow up on the quote.")


def office_quote_wish(visit: Visit, tech: str, note: str) -> str:
    return (f"Quote request from the field: {clip(visit.customer, 30)}, "
            f"{clip(visit.site.address, 40)} ({visit.job.number}). {_first(tech)} noted: "
            f"\"{clip(note, 160)}\". Please follow up with the customer.")


def empty_note() -> Reply:
    return Reply('What should the note say? e.g. "note gate code 4412".')


def heading_to(visit: Visit, timezone: str) -> Reply:
    return Reply(_heading(visit, timezone))


def next_visit(visit: Visit, timezone: str, quote: str | None,
               heading: Visit | None = None) -> Reply:
    """The next visit not started; after the one the technician is on the way to, if any."""
    access = f" Access: {clip(visit.site.access_notes, 60)}." if visit.site.access_notes else ""
    offer = f" Open quote {quote}." if quote else ""
    first = f"{_heading(heading, timezone)} After that" if heading is not None else "Next"
    return Reply(f"{first}: {label(visit, timezone)}, {visit.site.city} - "
                 f"{visit.job.service_id.replace('_', ' ')} ({visit.job.number}).{access}{offer}")


def _heading(visit: Visit, timezone: str) -> str:
    eta = f", ETA {clock_label(visit.job.eta, timezone)}" if visit.job.eta else ""
    return f"You're on the way to {label(visit, timezone)} ({visit.job.number}){eta}."


def day(visits: list[tuple[Visit, str]], timezone: str, on: date | None = None,
        tomorrow: bool = False) -> Reply:
    """The day's visits, headed "Today:", or "Tomorrow, Tue Mar 3:" / "Thu Mar 5:" for another."""
    lines = [f"{i}. {label(v, timezone)} - {state}" for i, (v, state) in enumerate(visits, 1)]
    named = f"{on:%a %b} {on.day}" if on is not None else ""
    heading = f"Tomorrow, {named}" if tomorrow else (named or "Today")
    if not lines:
        when = f"tomorrow ({named})" if tomorrow else (f"on {named}" if named else "today")
        return Reply(f"No visits on your list {when}.")
    return Reply(f"{heading}: " + "; ".join(lines))


def nothing_next() -> Reply:
    return Reply("No more visits today. Text \"my day\" to see today's list.")


def undone(visit: Visit, corrected: bool | None, office: bool = False) -> Reply:
    """`corrected`: the customer got a correction (True), the update was withdrawn before it
    went out (False), or they had been told nothing (None)."""
    told = {True: f" {_first(visit.customer)} got a short correction.",
            False: f" The text to {_first(visit.customer)} had not gone out; it was withdrawn.",
            None: ""}[corrected]
    needed = ("the return visit is still needed" if visit.job.state is JobState.PAUSED
              else "no return visit is needed")
    dispatch = f" The office was told {needed}." if office else ""
    return Reply(f"Undone: {visit.job.number} is {visit.job.state.value.replace('_', ' ')} "
                 f"again.{told}{dispatch}")


def customer_correction(tech: str, business: str, visit: Visit, undone: str,
                        timezone: str) -> str:
    """After an update was taken back: where the visit really stands (`undone`: the intent)."""
    name, a, state = _first(tech), visit.appointment, visit.job.state
    if state is JobState.SCHEDULED:
        now = (f"{name} is not on the way yet; your visit is still "
               f"{window_label(a.window_start, a.window_end, timezone)} as planned.")
    elif state is JobState.EN_ROUTE:
        eta = visit.job.eta
        now = f"{name} is on the way" + (
            f" and should arrive about {clock_label(eta, timezone)}." if eta else ".")
    elif state is JobState.ON_SITE and undone == intents.TECH_PAUSED:
        now = f"{name} is finishing the work today, so no return visit is needed."
    elif state is JobState.ON_SITE:
        now = (f"{name} is still working on your visit; it isn't finished yet, so no invoice "
               "is coming yet.")
    else:
        now = ("the work isn't finished yet; our office will contact you to arrange the "
               "return visit.")
    return f"Sorry, our last message from {clip(business, 30)} was sent by mistake: {now}"


def office_return_needed(visit: Visit, tech: str) -> str:
    return (f"Job {visit.job.number} ({clip(visit.customer, 30)}): {_first(tech)} took back "
            "finishing it; it is paused again, so the return visit IS needed after all.")


def office_resumed(visit: Visit, tech: str) -> str:
    return (f"Job {visit.job.number} ({clip(visit.customer, 30)}), paused earlier: "
            f"{_first(tech)} is back on it and finishing today. No return visit is needed.")


def office_pause_undone(visit: Visit, tech: str) -> str:
    return (f"Job {visit.job.number} ({clip(visit.customer, 30)}): {_first(tech)} took back the "
            "pause and is finishing it today. No return visit is needed.")


def added_to_summary(visit: Visit, more: str) -> Reply:
    return Reply(f"Added to {visit.job.number}'s work summary ({clip(visit.customer, 30)}): "
                 f"{clip(more, 120)}.")


def note_withdrawn(number: str, note: str) -> Reply:
    return Reply(f"Took back the note on {number} ({clip(note, 60)}): it is marked withdrawn on "
                 "the job's timeline.")


def nothing_to_undo() -> Reply:
    return Reply("There's nothing of yours to undo from the last 10 minutes; please call the "
                 "office to correct an older update.")


def acknowledged() -> Reply:
    return Reply("OK, nothing is waiting on you. Text \"my day\" for your visits or \"help\" "
                 "for what I understand.")


def answer_pending(pick: bool) -> Reply:
    if pick:
        return Reply("Which visit did you mean? Reply with its number from my last message.")
    return Reply("Please reply Y or N to my last question.")


def thanks(first_name: str) -> Reply:
    return Reply(f"Anytime, {clip(first_name, 20)}!")


def nothing_changed() -> Reply:
    return Reply("OK, nothing changed.")


def visit_facts(visits: list[tuple[Visit, str]], kinds: list[str], timezone: str) -> Reply:
    """The facts a technician asked for about their own visits (address, access, phone), one
    visit a line, each named by its day, window and job number."""
    lines = []
    for visit, phone in visits:
        site = visit.site
        facts = {"address": f"{site.address}, {site.city}",
                 "access": f"access: {clip(site.access_notes, 80)}" if site.access_notes
                 else "no access notes on file",
                 "phone": f"{_first(visit.customer)}'s phone {phone}" if phone
                 else "no phone on file"}
        said = "; ".join(facts[kind] for kind in kinds)
        a = visit.appointment
        when = (f"{day_label(a.window_start, timezone)}, "
                f"{window_label(a.window_start, a.window_end, timezone)}")
        lines.append(f"{clip(visit.customer, 30)}{_business(visit)} ({visit.job.number}, {when}): "
                     f"{said}.")
    return Reply("\n".join(lines))


def day_and_label(visit: Visit, timezone: str) -> str:
    """ "Fri Dec 4, 3-5pm Grace Alvarez, 3822 N Clark St"."""
    return f"{day_label(visit.appointment.window_start, timezone)}, {label(visit, timezone)}"


def office_from_the_field(tech: str, kind: str, said: str, visits: list[str]) -> str:
    """A dispatcher item: a technician asks to move a visit, or reports trouble on the road."""
    about = f" Visit: {'; '.join(visits)}." if kind in ("move", "ask") and visits else (
        f" Their open visits at risk: {'; '.join(visits)}." if visits else "")
    what = {"move": "asks to move a visit", "ask": "asks the office"}.get(kind,
                                                                          "reports a problem")
    if kind == "ask":
        return (f"{_first(tech)} {what}: \"{clip(said, 160)}\".{about} Nothing was changed by "
                "text; please get back to them.")
    return (f"{_first(tech)} {what}: \"{clip(said, 160)}\".{about} Nothing was changed by text; "
            "please call them and sort it out.")


def passed_to_office(kind: str, visits: list[str]) -> Reply:
    if kind == "ask":
        return Reply("I've passed that to the office; they'll get back to you. Nothing on your "
                     "visits was changed.")
    if kind == "move":
        which = f" ({visits[0]})" if len(visits) == 1 else ""
        return Reply(f"I can't move visits by text, so I've passed your request{which} to the "
                     "office. Nothing has changed yet; they'll confirm with you and the customer.")
    return Reply("Sorry to hear that. I've told the office; they'll call you and sort out your "
                 "visits. Nothing on your visits was changed and no customer was told.")


def parts_waiting(rest: list[str]) -> Reply:
    """The parts of a text not done yet because a question came first."""
    said = "; ".join(f'"{clip(part, 60)}"' for part in rest)
    return Reply(f"Not done yet: {said}. Text it again once you've answered.")


def not_understood() -> Reply:
    return Reply("Sorry, I didn't get that. Text \"help\" to see what I understand.")


def _first(name: str) -> str:
    return clip(name.split()[0] if name.split() else name, 20)
