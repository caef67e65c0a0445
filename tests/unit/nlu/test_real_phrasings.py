"""Phrasings written fresh, as people really text: typos, txt-speak, UK wording, rambling, emoji.

Reference time: Monday 2 March 2026, 09:30 in Chicago. Each row is (text, role, intent, slots),
where the slots listed must be exactly as given and others are not checked.
"""

from __future__ import annotations

import pytest

from bot.nlu.intents import CONSEQUENTIAL

_REQUESTS_FOR_VISITS = [
    (
        "hey so our ac is blowing hot air again 😩 any chance someone can come tmrw",
        "customer",
        "book",
        {"service": "hvac_repair", "when": {"date": "2026-03-03", "start": None, "end": None}},
    ),
    (
        "furnace wont kick on, house is freezing, need someone asap",
        "customer",
        "book",
        {"service": "hvac_repair"},
    ),
    (
        "boiler keeps losing pressure, can an engineer pop round thurs morning",
        "customer",
        "book",
        {"service": "hvac_repair", "when": {"date": "2026-03-05", "start": "08:00", "end": "12:00"}},
    ),
    ("radiators stone cold upstairs, can u send someone", "customer", "book", {"service": "hvac_repair"}),
    ("heat pump is iced up 🥶 pls help", "customer", "book", {"service": "hvac_repair"}),
    ("thermostat screen is blank and nothing comes on", "customer", "book", {"service": "hvac_repair"}),
    (
        "need to book the yearly furnace tune up, any time next week",
        "customer",
        "book",
        {"service": "hvac_maintenance", "when": {"date": "2026-03-09", "start": None, "end": None}},
    ),
    (
        "due a boiler service, friday afternoon ok?",
        "customer",
        "book",
        {"service": "hvac_maintenance", "when": {"date": "2026-03-06", "start": "12:00", "end": "17:00"}},
    ),
    ("looking to get the ac serviced before summer", "customer", "book", {"service": "hvac_maintenance"}),
    (
        "can i get a gas safety check for my rental on the 14th",
        "customer",
        "book",
        {"service": "hvac_maintenance", "when": {"date": "2026-03-14", "start": None, "end": None}},
    ),
    ("toilet wont stop running, driving me nuts", "customer", "book", {"service": "plumbing_repair"}),
    (
        "dripping tap in the kitchen, can someone come wednesday after 2",
        "customer",
        "book",
        {"service": "plumbing_repair", "when": {"date": "2026-03-04", "start": "14:00", "end": None}},
    ),
    (
        "water coming through the ceiling under the bathroom!!! urgent",
        "customer",
        "book",
        {"service": "plumbing_repair"},
    ),
    ("pipe burst in the garage, water everywhere", "customer", "book", {"service": "plumbing_repair"}),
    (
        "low water pressure in the whole house since last week",
        "customer",
        "book",
        {"service": "plumbing_repair"},
    ),
    (
        "need a new kitchen faucet installed, sat morning?",
        "customer",
        "book",
        {"service": "plumbing_repair", "when": {"date": "2026-03-07", "start": "08:00", "end": "12:00"}},
    ),
    ("the loo is blocked again ugh", "customer", "book", {"service": "drain_cleaning"}),
    ("shower drain is super slow, hair clog probably", "customer", "book", {"service": "drain_cleaning"}),
    (
        "sewage smell in the basement and the floor drain is gurgling",
        "customer",
        "book",
        {"service": "drain_cleaning"},
    ),
    (
        "main line backed up into the tub, need rooter service today",
        "customer",
        "book",
        {"service": "drain_cleaning", "when": {"date": "2026-03-02", "start": None, "end": None}},
    ),
    ("kitchen sink wont drain at all", "customer", "book", {"service": "drain_cleaning"}),
    ("water heater is leaking from the bottom", "customer", "book", {"service": "water_heater"}),
    ("we keep running out of hot water after 5 minutes", "customer", "book", {"service": "water_heater"}),
    (
        "pilot light keeps going out on the water heater, can someone come between 1 and 3",
        "customer",
        "book",
        {"service": "water_heater", "when": {"date": None, "start": "13:00", "end": "15:00"}},
    ),
    ("want a quote on a tankless water heater", "customer", "book", {"service": "water_heater"}),
    (
        "immersion not heating the water, can you come tomorrow",
        "customer",
        "book",
        {"service": "water_heater", "when": {"date": "2026-03-03", "start": None, "end": None}},
    ),
    ("breaker keeps tripping whenever the microwave is on", "customer", "book", {"service": "electrical"}),
    ("half the outlets in the living room are dead", "customer", "book", {"service": "electrical"}),
    ("need an ev charger installed in the garage", "customer", "book", {"service": "electrical"}),
    (
        "lights keep flickering in the kitchen, could someone look at it friday",
        "customer",
        "book",
        {"service": "electrical", "when": {"date": "2026-03-06", "start": None, "end": None}},
    ),
    ("socket is sparking when i plug things in!!", "customer", "book", {"service": "electrical"}),
    ("rcd keeps tripping, no power to the kitchen", "customer", "book", {"service": "electrical"}),
    (
        "want to add recessed lighting in the basement, estimate?",
        "customer",
        "book",
        {"service": "electrical"},
    ),
    (
        "Good morning! Could someone come out Thursday at 10am to look at our AC?",
        "customer",
        "book",
        {"service": "hvac_repair", "when": {"date": "2026-03-05", "start": "10:00", "end": None}},
    ),
    (
        "do you guys have anything open tomorrow afternoon",
        "customer",
        "book",
        {"when": {"date": "2026-03-03", "start": "12:00", "end": "17:00"}},
    ),
    ("can i book someone for next tues", "customer", "book", {}),
    ("need an electrician asap", "customer", "book", {"service": "electrical"}),
    ("pls send a plumber tmrw am", "customer", "book", {}),
    ("can you stop by thursday", "customer", "book", {}),
    ("the dripping stopped but the tap still leaks", "customer", "book", {}),
]


@pytest.mark.parametrize(("text", "role", "intent", "slots"), _REQUESTS_FOR_VISITS)
def test_requests_for_visits_are_understood(understand, text, role, intent, slots):
    result = understand(text, role=role)
    assert result.intent == intent
    assert {name: result.slots.get(name) for name in slots} == slots


_MOVES_OF_A_BOOKED_VISIT = [
    ("can we push my appt to next week", "customer", "reschedule", {}),
    (
        "need to move my visit to friday, something came up",
        "customer",
        "reschedule",
        {"when": {"date": "2026-03-06", "start": None, "end": None}},
    ),
    (
        "could the engineer come thursday instead?",
        "customer",
        "reschedule",
        {"when": {"date": "2026-03-05", "start": None, "end": None}},
    ),
    (
        "tomorrow doesnt work anymore, how about wednesday morning",
        "customer",
        "reschedule",
        {"when": {"date": "2026-03-04", "start": "08:00", "end": "12:00"}},
    ),
    ("something came up at work, can we do a different day", "customer", "reschedule", {}),
    (
        "is it possible to change the time to 4pm",
        "customer",
        "reschedule",
        {"when": {"date": None, "start": "16:00", "end": None}},
    ),
    (
        "can we make it a bit earlier, like 9?",
        "customer",
        "reschedule",
        {"when": {"date": None, "start": "09:00", "end": None}},
    ),
    (
        "need to rebook for saturday pls",
        "customer",
        "reschedule",
        {"when": {"date": "2026-03-07", "start": None, "end": None}},
    ),
    (
        "wont be home thursday, could we do friday afternoon",
        "customer",
        "reschedule",
        {"when": {"date": "2026-03-06", "start": "12:00", "end": "17:00"}},
    ),
    (
        "i have the plumber booked for tuesday but cant do it, what about wednesday",
        "customer",
        "reschedule",
        {"when": {"date": "2026-03-04", "start": None, "end": None}},
    ),
    ("can u bump me to later in the week", "customer", "reschedule", {}),
    ("please reschedual my appointment", "customer", "reschedule", {}),
    ("move me to the afternoon slot if possible", "customer", "reschedule", {}),
]


@pytest.mark.parametrize(("text", "role", "intent", "slots"), _MOVES_OF_A_BOOKED_VISIT)
def test_moves_of_a_booked_visit_are_understood(understand, text, role, intent, slots):
    result = understand(text, role=role)
    assert result.intent == intent
    assert {name: result.slots.get(name) for name in slots} == slots


_PLAIN_CANCELLATIONS = [
    ("please cancel my appointment for tomorrow", "customer", "cancel", {}),
    ("cancel the visit, we got it sorted ourselves", "customer", "cancel", {}),
    ("no need to come out anymore, fixed it myself", "customer", "cancel", {}),
    ("need to cancel thursday's appointment", "customer", "cancel", {}),
]


@pytest.mark.parametrize(("text", "role", "intent", "slots"), _PLAIN_CANCELLATIONS)
def test_plain_cancellations_are_understood(understand, text, role, intent, slots):
    result = understand(text, role=role)
    assert result.intent == intent
    assert {name: result.slots.get(name) for name in slots} == slots


_QUESTIONS_ABOUT_A_BOOKED_VISIT = [
    ("where's the tech? was supposed to be here at 10", "customer", "job_status", {}),
    ("is someone still coming today?", "customer", "job_status", {}),
    ("how long till the plumber gets here", "customer", "job_status", {}),
    ("any update on my repair", "customer", "job_status", {}),
    ("is my appointment still on for thursday?", "customer", "job_status", {}),
    ("has the electrician finished yet", "customer", "job_status", {}),
    ("what time is the engineer coming tomorrow", "customer", "job_status", {}),
    ("nobody has shown up yet 😡", "customer", "job_status", {}),
    ("is the technician running late?", "customer", "job_status", {}),
    ("did the guy fix the heater? im at work", "customer", "job_status", {}),
    ("how far out is the tech", "customer", "job_status", {}),
]


@pytest.mark.parametrize(("text", "role", "intent", "slots"), _QUESTIONS_ABOUT_A_BOOKED_VISIT)
def test_questions_about_a_booked_visit_are_understood(understand, text, role, intent, slots):
    result = understand(text, role=role)
    assert result.intent == intent
    assert {name: result.slots.get(name) for name in slots} == slots


_PLAIN_QUOTE_DECISIONS = [
    ("approve quote Q-2231", "customer", "approve_quote", {"quote": "2231"}),
    ("we're happy with the estimate, go ahead", "customer", "approve_quote", {}),
    ("yes go ahead with quote #4410", "customer", "approve_quote", {"quote": "4410"}),
    ("the quote looks good, please proceed", "customer", "approve_quote", {}),
    ("we'll pass on the quote, thanks", "customer", "decline_quote", {}),
    ("decline estimate 7781 please", "customer", "decline_quote", {"quote": "7781"}),
    ("not going ahead with the proposal, too expensive", "customer", "decline_quote", {}),
    ("we decided not to go ahead with the estimate", "customer", "decline_quote", {}),
]


@pytest.mark.parametrize(("text", "role", "intent", "slots"), _PLAIN_QUOTE_DECISIONS)
def test_plain_quote_decisions_are_understood(understand, text, role, intent, slots):
    result = understand(text, role=role)
    assert result.intent == intent
    assert {name: result.slots.get(name) for name in slots} == slots


_SHORT_REPLIES = [
    ("yep that works", "customer", "affirm", {}),
    ("yes please 👍", "customer", "affirm", {}),
    ("sounds good to me", "customer", "affirm", {}),
    ("perfect, see you then", "customer", "affirm", {}),
    ("ok cool", "customer", "affirm", {}),
    ("si", "customer", "affirm", {}),
    ("vale, perfecto", "customer", "affirm", {}),
    ("yeah go for it", "customer", "affirm", {}),
    ("nope", "customer", "deny", {}),
    ("no sorry neither of those work", "customer", "deny", {}),
    ("nah not really", "customer", "deny", {}),
    ("no, that won't work for me", "customer", "deny", {}),
    ("none of those times work sorry", "customer", "deny", {}),
    ("the second one", "customer", "choose", {"option": 2}),
    ("option 3 pls", "customer", "choose", {"option": 3}),
    ("2nd one works", "customer", "choose", {"option": 2}),
    ("#1", "customer", "choose", {"option": 1}),
]


@pytest.mark.parametrize(("text", "role", "intent", "slots"), _SHORT_REPLIES)
def test_short_replies_are_understood(understand, text, role, intent, slots):
    result = understand(text, role=role)
    assert result.intent == intent
    assert {name: result.slots.get(name) for name in slots} == slots


_COMMON_REQUESTS_AND_CONSENT = [
    ("can i speak to a real person please", "customer", "human", {}),
    ("i want to talk to a manager", "customer", "human", {}),
    ("can someone call me back", "customer", "human", {}),
    ("is this a bot? i need a human", "customer", "human", {}),
    ("give me a call when you can", "customer", "human", {}),
    ("help", "customer", "help", {}),
    ("what can you do?", "customer", "help", {}),
    ("how does this work", "customer", "help", {}),
    ("hi there", "customer", "greet", {}),
    ("hola", "customer", "greet", {}),
    ("good evening!", "customer", "greet", {}),
    ("thanks so much!!", "customer", "thanks", {}),
    ("cheers mate", "customer", "thanks", {}),
    ("gracias", "customer", "thanks", {}),
    ("thank you, really appreciate it 🙏", "customer", "thanks", {}),
    ("STOP", "customer", "opt_out", {}),
    ("please stop texting me", "customer", "opt_out", {}),
    ("unsubscribe", "customer", "opt_out", {}),
    ("START", "customer", "opt_in", {}),
]


@pytest.mark.parametrize(("text", "role", "intent", "slots"), _COMMON_REQUESTS_AND_CONSENT)
def test_common_requests_and_consent_are_understood(understand, text, role, intent, slots):
    result = understand(text, role=role)
    assert result.intent == intent
    assert {name: result.slots.get(name) for name in slots} == slots


_FIELD_UPDATES = [
    ("on my way, 15 min out", "technician", "tech_en_route", {"minutes": 15}),
    ("omw eta 20", "technician", "tech_en_route", {"minutes": 20}),
    ("heading over now, be there in half an hour", "technician", "tech_en_route", {"minutes": 30}),
    ("leaving the supply house now, about 25 mins away", "technician", "tech_en_route", {"minutes": 25}),
    ("here", "technician", "tech_arrived", {}),
    ("just pulled up outside", "technician", "tech_arrived", {}),
    ("on site at the Miller job", "technician", "tech_arrived", {}),
    ("parked out front, knocking now", "technician", "tech_arrived", {}),
    ("job done", "technician", "tech_done", {}),
    ("all finished here, customer happy", "technician", "tech_done", {}),
    ("wrapped up, heading to the next one", "technician", "tech_en_route", {}),
    ("running about 20 min late", "technician", "tech_late", {"minutes": 20}),
    ("stuck in traffic, gonna be 15 late", "technician", "tech_late", {"minutes": 15}),
    ("previous job ran over, be late by an hour", "technician", "tech_late", {"minutes": 60}),
    ("waiting on parts, need to come back thursday", "technician", "tech_paused", {}),
    ("no one home, cant get in", "technician", "tech_paused", {}),
    ("need a second guy for this one, pausing", "technician", "tech_paused", {}),
    ("what's my next job", "technician", "tech_next", {}),
    ("where am i headed next?", "technician", "tech_next", {}),
    ("send me tomorrow's schedule", "technician", "tech_next", {}),
    ("anything else for me today?", "technician", "tech_next", {}),
    ("note: customer has a dog in the back yard", "technician", "note", {}),
    ("add to job notes - replaced the capacitor, unit cooling fine", "technician", "note", {}),
]


@pytest.mark.parametrize(("text", "role", "intent", "slots"), _FIELD_UPDATES)
def test_field_updates_are_understood(understand, text, role, intent, slots):
    result = understand(text, role=role)
    assert result.intent == intent
    assert {name: result.slots.get(name) for name in slots} == slots


_SALES_UPDATES = [
    ("who do i need to follow up with today", "sales", "followups", {}),
    ("what's on my list", "sales", "followups", {}),
    ("which leads should i chase", "sales", "followups", {}),
    ("any overdue follow ups?", "sales", "followups", {}),
    (
        "remind me about Lakeside Dental next tuesday",
        "sales",
        "snooze",
        {"target": "lakeside dental", "when": {"date": "2026-03-03", "start": None, "end": None}},
    ),
    (
        "snooze Granite Works for 2 weeks",
        "sales",
        "snooze",
        {"target": "granite works", "when": {"date": "2026-03-16", "start": None, "end": None}},
    ),
    ("we won the Harbor View deal!!", "sales", "deal_won", {"target": "harbor view"}),
    ("Oakmont signed the contract today 🎉", "sales", "deal_won", {"target": "oakmont"}),
    ("deal won: Pine Street Condos", "sales", "deal_won", {"target": "pine street condos"}),
    ("lost the Riverside deal to a competitor", "sales", "deal_lost", {"target": "riverside"}),
    ("mark Beacon Hotels as lost", "sales", "deal_lost", {"target": "beacon hotels"}),
    ("Northgate went with another contractor", "sales", "deal_lost", {"target": "northgate"}),
]


@pytest.mark.parametrize(("text", "role", "intent", "slots"), _SALES_UPDATES)
def test_sales_updates_are_understood(understand, text, role, intent, slots):
    result = understand(text, role=role)
    assert result.intent == intent
    assert {name: result.slots.get(name) for name in slots} == slots


_HARMLESS = [
    ("might need to cancel tomorrow, will let you know", "customer"),
    ("thinking about cancelling, is there a fee", "customer"),
    ("what happens if i cancel", "customer"),
    ("my husband wants to cancel but i'd rather keep it", "customer"),
    ("not cancelling, just checking the time", "customer"),
    ("maybe we'll approve the quote next month", "customer"),
    ("thinking of accepting the estimate but need to talk to my wife", "customer"),
    ("if the price comes down we'll accept the quote", "customer"),
    ("can i accept the quote online?", "customer"),
    ("not sure about quote 5512 yet, give me till friday", "customer"),
    ("my partner says decline the quote, i'm still on the fence", "customer"),
    ("we might decline the estimate, still comparing prices", "customer"),
    ("let me talk it over with the landlord before I approve the quote", "customer"),
    ("how much is the quote again?", "customer"),
    ("we might lose the Riverside deal", "sales"),
    ("did we win the Harbor View deal?", "sales"),
    ("thinking Oakmont will sign next week", "sales"),
    ("if Beacon Hotels signs we hit quota", "sales"),
    ("lost my keys lol", "sales"),
    ("won the pub quiz last night", "sales"),
    ("what's the weather like tomorrow", "customer"),
    ("my card got declined at the store", "customer"),
    ("cancel my netflix subscription", "customer"),
    ("approve my vacation request", "customer"),
    ("stop the music", "customer"),
    ("I'd like to cancel my credit card", "customer"),
    ("quit smoking tips?", "customer"),
    ("end of the month is busy for me", "customer"),
]


@pytest.mark.parametrize(("text", "role"), _HARMLESS)
def test_doubt_questions_and_other_topics_never_act(understand, text, role):
    assert understand(text, role=role).intent not in CONSEQUENTIAL


# Second batch: the date table in the wild, UK wording, doubt, names that look like small talk.
_REQUESTS_FOR_VISITS_WITH_DATES_AND_WORDING = [
    (
        "can someone come the day after tomorrow to look at the boiler",
        "customer",
        "book",
        {"service": "hvac_repair", "when": {"date": "2026-03-04", "start": None, "end": None}},
    ),
    (
        "could you send a plumber in 3 days",
        "customer",
        "book",
        {"when": {"date": "2026-03-05", "start": None, "end": None}},
    ),
    (
        "any chance of a visit on 3/14 before noon",
        "customer",
        "book",
        {"when": {"date": "2026-03-14", "start": None, "end": "12:00"}},
    ),
    (
        "book me in for jan 5 at 2:30pm for the annual service",
        "customer",
        "book",
        {"service": "hvac_maintenance", "when": {"date": "2027-01-05", "start": "14:30", "end": None}},
    ),
    (
        "can the electrician come by 11 tomorrow",
        "customer",
        "book",
        {"service": "electrical", "when": {"date": "2026-03-03", "start": None, "end": "11:00"}},
    ),
    (
        "tonight possible? the toilet is overflowing",
        "customer",
        "book",
        {"service": "drain_cleaning", "when": {"date": "2026-03-02", "start": "17:00", "end": "20:00"}},
    ),
    (
        "thurs 3ish works for the ac repair",
        "customer",
        "book",
        {"service": "hvac_repair", "when": {"date": "2026-03-05", "start": "15:00", "end": None}},
    ),
    (
        "come wed 1-3 pls, outlet sparking",
        "customer",
        "book",
        {"service": "electrical", "when": {"date": "2026-03-04", "start": "13:00", "end": "15:00"}},
    ),
    (
        "Could your engineer come round on the 20th in the morning? Boiler's making a banging noise",
        "customer",
        "book",
        {"service": "hvac_repair", "when": {"date": "2026-03-20", "start": "08:00", "end": "12:00"}},
    ),
    (
        "10 March would suit for the boiler service",
        "customer",
        "book",
        {"service": "hvac_maintenance", "when": {"date": "2026-03-10", "start": None, "end": None}},
    ),
    (
        "hi!! so um the garbage disposal is jammed and humming, are you free friday at noon",
        "customer",
        "book",
        {"service": "plumbing_repair", "when": {"date": "2026-03-06", "start": "12:00", "end": None}},
    ),
    (
        "our basement floods every time it rains, sump pump seems dead. can u come next week",
        "customer",
        "book",
        {"service": "plumbing_repair", "when": {"date": "2026-03-09", "start": None, "end": None}},
    ),
    ("heat's out and we have a newborn, emergency!!", "customer", "book", {"service": "hvac_repair"}),
    (
        "a/c making a loud rattling noise, earliest appointment?",
        "customer",
        "book",
        {"service": "hvac_repair"},
    ),
    (
        "there's a weird gurgling when i flush and the tub drains really slow",
        "customer",
        "book",
        {"service": "drain_cleaning"},
    ),
    (
        "hot water comes out brown, water heater is like 15 yrs old",
        "customer",
        "book",
        {"service": "water_heater"},
    ),
    (
        "smoke detectors chirping and one is hardwired, need an electrician",
        "customer",
        "book",
        {"service": "electrical"},
    ),
    (
        "Hiya, could I get someone out to fix a leaking radiator valve next Tuesday?",
        "customer",
        "book",
        {"service": "hvac_repair", "when": {"date": "2026-03-03", "start": None, "end": None}},
    ),
    (
        "can u guys install a ceiling fan in the bedroom sometime this week",
        "customer",
        "book",
        {"service": "electrical"},
    ),
    (
        "looking for an estimate to replace our 20 yr old furnace",
        "customer",
        "book",
        {"service": "hvac_repair"},
    ),
    ("stop by friday if you can", "customer", "book", {}),
    ("the leak stopped on its own but can someone check the pipe", "customer", "book", {}),
]


@pytest.mark.parametrize(("text", "role", "intent", "slots"), _REQUESTS_FOR_VISITS_WITH_DATES_AND_WORDING)
def test_requests_for_visits_with_dates_and_wording_are_understood(understand, text, role, intent, slots):
    result = understand(text, role=role)
    assert result.intent == intent
    assert {name: result.slots.get(name) for name in slots} == slots


_MOVES_OF_A_BOOKED_VISIT_WITH_DATES_AND_WORDING = [
    (
        "hey sorry, something's come up — could we move tomorrow's visit to thursday afternoon?",
        "customer",
        "reschedule",
        {"when": {"date": "2026-03-05", "start": "12:00", "end": "17:00"}},
    ),
    (
        "can't make friday anymore, monday instead?",
        "customer",
        "reschedule",
        {"when": {"date": "2026-03-09", "start": None, "end": None}},
    ),
    ("Would it be possible to push the appointment back an hour?", "customer", "reschedule", {}),
    (
        "I'm stuck at work, can the tech come at 6 instead of 4",
        "customer",
        "reschedule",
        {"when": {"date": None, "start": "18:00", "end": None}},
    ),
    (
        "any chance we could do the 12th instead",
        "customer",
        "reschedule",
        {"when": {"date": "2026-03-12", "start": None, "end": None}},
    ),
    (
        "gotta switch to saturday morning if u can",
        "customer",
        "reschedule",
        {"when": {"date": "2026-03-07", "start": "08:00", "end": "12:00"}},
    ),
    ("resched to next wk pls", "customer", "reschedule", {}),
    ("we're away thursday, is there another day you could do?", "customer", "reschedule", {}),
]


@pytest.mark.parametrize(("text", "role", "intent", "slots"), _MOVES_OF_A_BOOKED_VISIT_WITH_DATES_AND_WORDING)
def test_moves_of_a_booked_visit_with_dates_and_wording_are_understood(understand, text, role, intent, slots):
    result = understand(text, role=role)
    assert result.intent == intent
    assert {name: result.slots.get(name) for name in slots} == slots


_PLAIN_CANCELLATIONS_WITH_DATES_AND_WORDING = [
    ("Cancel please", "customer", "cancel", {}),
    ("Please cancel tomorrow's appointment, the landlord is sorting it", "customer", "cancel", {}),
    ("we need to cancel the electrician for friday", "customer", "cancel", {}),
    ("we sold the house so please cancel everything", "customer", "cancel", {}),
    ("pls cancel my appt 🙏", "customer", "cancel", {}),
]


@pytest.mark.parametrize(("text", "role", "intent", "slots"), _PLAIN_CANCELLATIONS_WITH_DATES_AND_WORDING)
def test_plain_cancellations_with_dates_and_wording_are_understood(understand, text, role, intent, slots):
    result = understand(text, role=role)
    assert result.intent == intent
    assert {name: result.slots.get(name) for name in slots} == slots


_QUESTIONS_ABOUT_A_BOOKED_VISIT_WITH_DATES_AND_WORDING = [
    ("what time are you guys coming today?", "customer", "job_status", {}),
    ("Is the engineer on his way?", "customer", "job_status", {}),
    ("hello? it's 2pm and no one is here", "customer", "job_status", {}),
    ("can you confirm my booking for wednesday?", "customer", "job_status", {}),
    ("is the work finished?", "customer", "job_status", {}),
    ("when should i expect the plumber", "customer", "job_status", {}),
    ("any eta on the tech", "customer", "job_status", {}),
    ("r u still coming?", "customer", "job_status", {}),
    ("whens my appointment again", "customer", "job_status", {}),
]


@pytest.mark.parametrize(
    ("text", "role", "intent", "slots"), _QUESTIONS_ABOUT_A_BOOKED_VISIT_WITH_DATES_AND_WORDING
)
def test_questions_about_a_booked_visit_with_dates_and_wording_are_understood(
    understand, text, role, intent, slots
):
    result = understand(text, role=role)
    assert result.intent == intent
    assert {name: result.slots.get(name) for name in slots} == slots


_PLAIN_QUOTE_DECISIONS_WITH_DATES_AND_WORDING = [
    ("Happy to go ahead with estimate 3390", "customer", "approve_quote", {"quote": "3390"}),
    ("Quote Q-8812 approved", "customer", "approve_quote", {"quote": "8812"}),
    ("ok we accept the quote, when can you start", "customer", "approve_quote", {}),
    ("no thanks to the quote, we found someone cheaper", "customer", "decline_quote", {}),
    ("sorry but we're going to decline the estimate", "customer", "decline_quote", {}),
    ("we reject quote 2210", "customer", "decline_quote", {"quote": "2210"}),
]


@pytest.mark.parametrize(("text", "role", "intent", "slots"), _PLAIN_QUOTE_DECISIONS_WITH_DATES_AND_WORDING)
def test_plain_quote_decisions_with_dates_and_wording_are_understood(understand, text, role, intent, slots):
    result = understand(text, role=role)
    assert result.intent == intent
    assert {name: result.slots.get(name) for name in slots} == slots


_SHORT_REPLIES_WITH_DATES_AND_WORDING = [
    ("Yes", "customer", "affirm", {}),
    ("yeah thats fine", "customer", "affirm", {}),
    ("okay 👍", "customer", "affirm", {}),
    ("Confirmed, thanks", "customer", "affirm", {}),
    ("sure why not", "customer", "affirm", {}),
    ("yup sounds great", "customer", "affirm", {}),
    ("that's perfect", "customer", "affirm", {}),
    ("No", "customer", "deny", {}),
    ("no that's no good", "customer", "deny", {}),
    ("neither sorry", "customer", "deny", {}),
    ("nope, none of them", "customer", "deny", {}),
    ("No thank you", "customer", "deny", {}),
    ("first one", "customer", "choose", {"option": 1}),
    ("let's do option 2", "customer", "choose", {"option": 2}),
    ("the 3rd", "customer", "choose", {"option": 3}),
]


@pytest.mark.parametrize(("text", "role", "intent", "slots"), _SHORT_REPLIES_WITH_DATES_AND_WORDING)
def test_short_replies_with_dates_and_wording_are_understood(understand, text, role, intent, slots):
    result = understand(text, role=role)
    assert result.intent == intent
    assert {name: result.slots.get(name) for name in slots} == slots


_COMMON_REQUESTS_AND_CONSENT_WITH_DATES_AND_WORDING = [
    ("I'd like to speak to someone please", "customer", "human", {}),
    ("can i talk to the owner", "customer", "human", {}),
    ("put me through to an agent", "customer", "human", {}),
    ("please have someone ring me", "customer", "human", {}),
    ("HELP", "customer", "help", {}),
    ("what can i ask you", "customer", "help", {}),
    ("hello", "customer", "greet", {}),
    ("hey!", "customer", "greet", {}),
    ("good afternoon", "customer", "greet", {}),
    ("ta", "customer", "thanks", {}),
    ("thank u!!", "customer", "thanks", {}),
    ("many thanks", "customer", "thanks", {}),
    ("STOP ALL", "customer", "opt_out", {}),
    ("remove me from your list", "customer", "opt_out", {}),
    ("don't text me anymore", "customer", "opt_out", {}),
    ("stop sending me these messages", "customer", "opt_out", {}),
]


@pytest.mark.parametrize(
    ("text", "role", "intent", "slots"), _COMMON_REQUESTS_AND_CONSENT_WITH_DATES_AND_WORDING
)
def test_common_requests_and_consent_with_dates_and_wording_are_understood(
    understand, text, role, intent, slots
):
    result = understand(text, role=role)
    assert result.intent == intent
    assert {name: result.slots.get(name) for name in slots} == slots


_FIELD_UPDATES_WITH_DATES_AND_WORDING = [
    ("on the way to the Garcia job, eta 10", "technician", "tech_en_route", {"minutes": 10}),
    ("heading there now", "technician", "tech_en_route", {}),
    ("leaving now, 40 min drive", "technician", "tech_en_route", {}),
    ("just got here", "technician", "tech_arrived", {}),
    ("arrived at the property", "technician", "tech_arrived", {}),
    ("in the driveway now", "technician", "tech_arrived", {}),
    ("all done, system running fine", "technician", "tech_done", {}),
    ("finished at the Patel house", "technician", "tech_done", {}),
    ("completed ✅", "technician", "tech_done", {}),
    ("running behind, about 30 mins", "technician", "tech_late", {"minutes": 30}),
    ("gonna be late, traffic is awful", "technician", "tech_late", {}),
    ("delayed 45 min at the supply house", "technician", "tech_late", {"minutes": 45}),
    ("part on backorder, have to come back next week", "technician", "tech_paused", {}),
    ("customer not home, gate locked", "technician", "tech_paused", {}),
    ("can't finish today, need the landlord's approval", "technician", "tech_paused", {}),
    ("what's next", "technician", "tech_next", {}),
    ("where to next boss", "technician", "tech_next", {}),
    ("what do i have tomorrow", "technician", "tech_next", {}),
    ("note - unit is R22, recommended replacement", "technician", "note", {}),
    ("fyi customer wants a quote for a new water heater", "technician", "note", {}),
]


@pytest.mark.parametrize(("text", "role", "intent", "slots"), _FIELD_UPDATES_WITH_DATES_AND_WORDING)
def test_field_updates_with_dates_and_wording_are_understood(understand, text, role, intent, slots):
    result = understand(text, role=role)
    assert result.intent == intent
    assert {name: result.slots.get(name) for name in slots} == slots


_SALES_UPDATES_WITH_DATES_AND_WORDING = [
    ("who should i call today", "sales", "followups", {}),
    ("what follow-ups do i have", "sales", "followups", {}),
    ("show me my pipeline", "sales", "followups", {}),
    ("who's due a call this week", "sales", "followups", {}),
    (
        "remind me to call Brookfield Schools on friday",
        "sales",
        "snooze",
        {"target": "brookfield schools", "when": {"date": "2026-03-06", "start": None, "end": None}},
    ),
    (
        "ping me about Ace Hardware in 3 days",
        "sales",
        "snooze",
        {"target": "ace hardware", "when": {"date": "2026-03-05", "start": None, "end": None}},
    ),
    ("we closed Maple Grove!", "sales", "deal_won", {"target": "maple grove"}),
    (
        "Got the signed contract from Sunrise Senior Living",
        "sales",
        "deal_won",
        {"target": "sunrise senior living"},
    ),
    ("Cedar Point said yes 🎉", "sales", "deal_won", {"target": "cedar point"}),
    ("Westfield Mall went with a cheaper bid", "sales", "deal_lost", {"target": "westfield mall"}),
    ("mark Delta Foods closed lost", "sales", "deal_lost", {"target": "delta foods"}),
    ("Hilltop backed out", "sales", "deal_lost", {"target": "hilltop"}),
]


@pytest.mark.parametrize(("text", "role", "intent", "slots"), _SALES_UPDATES_WITH_DATES_AND_WORDING)
def test_sales_updates_with_dates_and_wording_are_understood(understand, text, role, intent, slots):
    result = understand(text, role=role)
    assert result.intent == intent
    assert {name: result.slots.get(name) for name in slots} == slots


_HARMLESS_WITH_DATES_AND_WORDING = [
    ("the estimate seems high, can you do better?", "customer"),
    ("is quote 4471 still valid?", "customer"),
    ("would you accept a lower price", "customer"),
    ("we probably will go with your quote", "customer"),
    ("we'll likely decline, let me check with my husband first", "customer"),
    ("don't approve anything until I'm home", "customer"),
    ("i havent decided on the estimate yet", "customer"),
    ("need a day or two to think about the quote", "customer"),
    ("leaning towards declining the estimate but not decided", "customer"),
    ("we may have lost Hilltop", "sales"),
    ("did Cedar Point sign yet?", "sales"),
    ("hopefully we win Maple Grove next week", "sales"),
    ("won't know about Westfield Mall till monday", "sales"),
    ("lost signal for a bit, back now", "sales"),
    ("we won the game last night lol", "sales"),
    ("how do i cancel my gym membership", "customer"),
    ("decline the meeting invite", "customer"),
    ("end call", "customer"),
    ("what does STOP mean on my bill", "customer"),
    ("I approve of this message", "customer"),
    ("please stop the car", "customer"),
    ("quit my job today lol", "customer"),
]


@pytest.mark.parametrize(("text", "role"), _HARMLESS_WITH_DATES_AND_WORDING)
def test_doubt_questions_and_other_topics_with_dates_and_wording_never_act(understand, text, role):
    assert understand(text, role=role).intent not in CONSEQUENTIAL


# Third batch: probes for every consequential intent, refusals with a wanted day,
# more field and sales wording.
_REQUESTS_FOR_VISITS_PROBING_CONSEQUENCES = [
    (
        "hey guys, our toilet's been running for days and now there's a leak under the sink too, "
        "whenever you're free this week is fine",
        "customer",
        "book",
        {"service": "plumbing_repair"},
    ),
    (
        "good morning, could we book the furnace inspection for the 18th, ideally between 9 and 11",
        "customer",
        "book",
        {"service": "hvac_maintenance", "when": {"date": "2026-03-18", "start": "09:00", "end": "11:00"}},
    ),
    (
        "hello, my elderly mum has no heating, could you get someone there today please",
        "customer",
        "book",
        {"service": "hvac_repair", "when": {"date": "2026-03-02", "start": None, "end": None}},
    ),
    (
        "outlet in the bathroom stopped working and the gfci wont reset",
        "customer",
        "book",
        {"service": "electrical"},
    ),
    ("we want a quote to replace the electrical panel", "customer", "book", {"service": "electrical"}),
    ("toilet clogged, plunger not working, help", "customer", "book", {"service": "drain_cleaning"}),
    (
        "Need somebody to look at my water heater, it's making popping noises",
        "customer",
        "book",
        {"service": "water_heater"},
    ),
    (
        "aircon not blowing cold, any slots thursday?",
        "customer",
        "book",
        {"service": "hvac_repair", "when": {"date": "2026-03-05", "start": None, "end": None}},
    ),
    (
        "can the same tech from last time come back tomorrow, the drain is slow again",
        "customer",
        "book",
        {"service": "drain_cleaning", "when": {"date": "2026-03-03", "start": None, "end": None}},
    ),
]


@pytest.mark.parametrize(("text", "role", "intent", "slots"), _REQUESTS_FOR_VISITS_PROBING_CONSEQUENCES)
def test_requests_for_visits_probing_consequences_are_understood(understand, text, role, intent, slots):
    result = understand(text, role=role)
    assert result.intent == intent
    assert {name: result.slots.get(name) for name in slots} == slots


_MOVES_OF_A_BOOKED_VISIT_PROBING_CONSEQUENCES = [
    (
        "So sorry to be a pain, but I'm not going to be home on Wednesday after all. "
        "Could we do Thursday at 10 instead?",
        "customer",
        "reschedule",
        {"when": {"date": "2026-03-05", "start": "10:00", "end": None}},
    ),
    (
        "instead of tuesday can we do wednesday",
        "customer",
        "reschedule",
        {"when": {"date": "2026-03-04", "start": None, "end": None}},
    ),
    (
        "Wednesday is no good now - Friday?",
        "customer",
        "reschedule",
        {"when": {"date": "2026-03-06", "start": None, "end": None}},
    ),
    (
        "can the appointment be changed to friday pm",
        "customer",
        "reschedule",
        {"when": {"date": "2026-03-06", "start": "12:00", "end": "17:00"}},
    ),
    ("earlier would be better if you have anything tomorrow morning", "customer", "reschedule", {}),
]


@pytest.mark.parametrize(("text", "role", "intent", "slots"), _MOVES_OF_A_BOOKED_VISIT_PROBING_CONSEQUENCES)
def test_moves_of_a_booked_visit_probing_consequences_are_understood(understand, text, role, intent, slots):
    result = understand(text, role=role)
    assert result.intent == intent
    assert {name: result.slots.get(name) for name in slots} == slots


_QUESTIONS_ABOUT_A_BOOKED_VISIT_PROBING_CONSEQUENCES = [
    ("just checking you're still coming at 2?", "customer", "job_status", {}),
    ("is my booking confirmed", "customer", "job_status", {}),
    ("how much longer will the repair take", "customer", "job_status", {}),
    ("has anyone been assigned to my job yet", "customer", "job_status", {}),
    ("I was told someone would come between 8 and 12, still nobody", "customer", "job_status", {}),
]


@pytest.mark.parametrize(
    ("text", "role", "intent", "slots"), _QUESTIONS_ABOUT_A_BOOKED_VISIT_PROBING_CONSEQUENCES
)
def test_questions_about_a_booked_visit_probing_consequences_are_understood(
    understand, text, role, intent, slots
):
    result = understand(text, role=role)
    assert result.intent == intent
    assert {name: result.slots.get(name) for name in slots} == slots


_SHORT_REPLIES_PROBING_CONSEQUENCES = [
    ("yes that's right", "customer", "affirm", {}),
    ("Correct", "customer", "affirm", {}),
    ("absolutely", "customer", "affirm", {}),
    ("ok see you then", "customer", "affirm", {}),
    ("no can't do that", "customer", "deny", {}),
    ("nah", "customer", "deny", {}),
    ("number 2", "customer", "choose", {"option": 2}),
    ("2", "customer", "choose", {"option": 2}),
    ("lets go with the first option", "customer", "choose", {"option": 1}),
]


@pytest.mark.parametrize(("text", "role", "intent", "slots"), _SHORT_REPLIES_PROBING_CONSEQUENCES)
def test_short_replies_probing_consequences_are_understood(understand, text, role, intent, slots):
    result = understand(text, role=role)
    assert result.intent == intent
    assert {name: result.slots.get(name) for name in slots} == slots


_COMMON_REQUESTS_AND_CONSENT_PROBING_CONSEQUENCES = [
    ("speak to a person", "customer", "human", {}),
    ("Can you get the manager to call me", "customer", "human", {}),
    ("what can you help me with?", "customer", "help", {}),
    ("hi 👋", "customer", "greet", {}),
    ("thanks again!", "customer", "thanks", {}),
]


@pytest.mark.parametrize(
    ("text", "role", "intent", "slots"), _COMMON_REQUESTS_AND_CONSENT_PROBING_CONSEQUENCES
)
def test_common_requests_and_consent_probing_consequences_are_understood(
    understand, text, role, intent, slots
):
    result = understand(text, role=role)
    assert result.intent == intent
    assert {name: result.slots.get(name) for name in slots} == slots


_FIELD_UPDATES_PROBING_CONSEQUENCES = [
    ("stop", "technician", "opt_out", {}),
    ("10 mins away", "technician", "tech_en_route", {"minutes": 10}),
    ("be there in 5", "technician", "tech_en_route", {"minutes": 5}),
    ("pulling in now", "technician", "tech_arrived", {}),
    ("at the customer's house", "technician", "tech_arrived", {}),
    ("sorted, leak fixed and tested", "technician", "tech_done", {}),
    ("job complete, invoice left with the homeowner", "technician", "tech_done", {}),
    ("running 15 behind", "technician", "tech_late", {"minutes": 15}),
    ("need to order a new control board, will return friday", "technician", "tech_paused", {}),
    ("what's on for tomorrow", "technician", "tech_next", {}),
    ("any more jobs today?", "technician", "tech_next", {}),
]


@pytest.mark.parametrize(("text", "role", "intent", "slots"), _FIELD_UPDATES_PROBING_CONSEQUENCES)
def test_field_updates_probing_consequences_are_understood(understand, text, role, intent, slots):
    result = understand(text, role=role)
    assert result.intent == intent
    assert {name: result.slots.get(name) for name in slots} == slots


_SALES_UPDATES_PROBING_CONSEQUENCES = [
    ("what's due today", "sales", "followups", {}),
    ("list my follow ups", "sales", "followups", {}),
    (
        "bump Lakeview Clinic to next week",
        "sales",
        "snooze",
        {"target": "lakeview clinic", "when": {"date": "2026-03-09", "start": None, "end": None}},
    ),
    ("Signed! Lakeview Clinic is in", "sales", "deal_won", {"target": "lakeview clinic"}),
    ("closed won - Brightside Dental", "sales", "deal_won", {"target": "brightside dental"}),
    (
        "Lost Brightside Dental, they went with a competitor",
        "sales",
        "deal_lost",
        {"target": "brightside dental"},
    ),
    ("Oak Ridge HOA chose another vendor", "sales", "deal_lost", {"target": "oak ridge hoa"}),
]


@pytest.mark.parametrize(("text", "role", "intent", "slots"), _SALES_UPDATES_PROBING_CONSEQUENCES)
def test_sales_updates_probing_consequences_are_understood(understand, text, role, intent, slots):
    result = understand(text, role=role)
    assert result.intent == intent
    assert {name: result.slots.get(name) for name in slots} == slots


_HARMLESS_PROBING_CONSEQUENCES = [
    ("should i cancel if the part isn't in yet?", "customer"),
    ("can i cancel online or do i need to call", "customer"),
    ("whats your cancellation policy", "customer"),
    ("I cancelled by mistake, can I rebook?", "customer"),
    ("don't cancel please, we still need you", "customer"),
    ("cancel? no way, see you tuesday", "customer"),
    ("my neighbor cancelled her appointment, is there an opening?", "customer"),
    ("the old company cancelled on us twice, hope you dont", "customer"),
    ("I'll approve it once I see the breakdown", "customer"),
    ("who approves the quote, me or the landlord?", "customer"),
    ("does approving the estimate charge my card", "customer"),
    ("the landlord has to approve the quote first", "customer"),
    ("waiting for the HOA to approve the estimate", "customer"),
    ("I accept cash or card?", "customer"),
    ("do you accept credit cards", "customer"),
    ("declined? why was my payment declined", "customer"),
    ("my bank declined the charge, can i pay another way", "customer"),
    ("I'd hate to decline the quote but it is steep, any discount?", "customer"),
    ("stop the water from leaking, how do i shut it off", "customer"),
    ("how do I stop the toilet running", "customer"),
    ("the dripping won't stop", "customer"),
    ("can't stop sneezing since the ac was fixed lol", "customer"),
    ("end of day works", "customer"),
    ("quit working again, the furnace i mean", "customer"),
    ("stop by whenever", "customer"),
    ("please don't stop texting me reminders, they help", "customer"),
    ("text me instead of calling", "customer"),
    ("we lost power again", "sales"),
    ("lost the paperwork for Maple Grove, can you resend", "sales"),
    ("Maple Grove is close to signing", "sales"),
    ("if we lose Hilltop i'm done", "sales"),
    ("won't close Cedar Point this month", "sales"),
    ("Cedar Point hasn't signed", "sales"),
    ("we almost lost Maple Grove but saved it", "sales"),
    ("did we lose the Westfield deal?", "sales"),
    ("lost track of time, sorry", "sales"),
    ("my kid won the spelling bee 🐝", "sales"),
    ("cancel my 3pm meeting", "sales"),
]


@pytest.mark.parametrize(("text", "role"), _HARMLESS_PROBING_CONSEQUENCES)
def test_doubt_questions_and_other_topics_probing_consequences_never_act(understand, text, role):
    assert understand(text, role=role).intent not in CONSEQUENTIAL
