"""A rep's one-line log of a deal, in lower case: the verdict, the name only, never a guess.

Reference time: Monday 2 March 2026, 09:30 in Chicago (the `understand` fixture).
"""

from __future__ import annotations

import pytest

from bot.nlu.intents import CONSEQUENTIAL

KNOWN = ("Maple Grove Apartments", "Acme Corp", "Riverside Dental", "Harbor View Condos", "Pine Hill HOA")


@pytest.mark.parametrize(
    ("text", "intent", "target"),
    [
        # the verdict first, the name after, a reason at the end
        ("won harbor view condos", "deal_won", "harbor view condos"),
        ("we won cedar ridge", "deal_won", "cedar ridge"),
        ("just landed oakmont realty!", "deal_won", "oakmont realty"),
        ("closed elm street church", "deal_won", "elm street church"),
        ("inked north shore dental", "deal_won", "north shore dental"),
        ("signed! willow creek hoa", "deal_won", "willow creek hoa"),
        ("won: summit ridge", "deal_won", "summit ridge"),
        ("we got cedar ridge apartments", "deal_won", "cedar ridge apartments"),
        ("boom. got westside storage!!", "deal_won", "westside storage"),
        ("great news, we won blue lake clinic", "deal_won", "blue lake clinic"),
        ("secured northgate pharmacy", "deal_won", "northgate pharmacy"),
        ("closed the deal with tri state plumbing", "deal_won", "tri state plumbing"),
        ("signed the contract for hillcrest manor", "deal_won", "hillcrest manor"),
        # the name first, the verdict after
        ("oakmont realty signed", "deal_won", "oakmont realty"),
        ("oakmont realty is ours", "deal_won", "oakmont realty"),
        ("cedar ridge said yes!", "deal_won", "cedar ridge"),
        ("westside storage is a go", "deal_won", "westside storage"),
        ("willow creek hoa - closed won", "deal_won", "willow creek hoa"),
        ("blue lake clinic went with us", "deal_won", "blue lake clinic"),
        ("summit ridge: won", "deal_won", "summit ridge"),
        # losses, with and without a reason, which is never part of the name
        ("we lost cedar ridge", "deal_lost", "cedar ridge"),
        ("lost oakmont", "deal_lost", "oakmont"),
        ("lost westside storage - price", "deal_lost", "westside storage"),
        ("lost blue lake clinic, went with a cheaper outfit", "deal_lost", "blue lake clinic"),
        ("lost northgate pharmacy to a lower bid", "deal_lost", "northgate pharmacy"),
        ("lost - summit ridge, no budget", "deal_lost", "summit ridge"),
        ("lost out on elm street church, timing", "deal_lost", "elm street church"),
        ("we didnt get hillcrest manor", "deal_lost", "hillcrest manor"),
        ("willow creek hoa is a loss", "deal_lost", "willow creek hoa"),
        ("oakmont realty is a loss, they picked a competitor", "deal_lost", "oakmont realty"),
        ("tri state plumbing lost, too pricey for them", "deal_lost", "tri state plumbing"),
        ("cedar ridge - lost", "deal_lost", "cedar ridge"),
        ("westside storage said no", "deal_lost", "westside storage"),
        ("summit ridge backed out", "deal_lost", "summit ridge"),
        ("blue lake clinic went with someone else", "deal_lost", "blue lake clinic"),
        ("northgate pharmacy chose another vendor", "deal_lost", "northgate pharmacy"),
        ("oakmont lost to a competitor", "deal_lost", "oakmont"),
        ("lost the bid for elm street church to a bigger shop", "deal_lost", "elm street church"),
        ("lost oakmont, not in their budget this year", "deal_lost", "oakmont"),
        ("summit ridge lost b/c budget", "deal_lost", "summit ridge"),
        ("oakmont realty ✅ signed", "deal_won", "oakmont realty"),
        ("We got Cedar Ridge!!", "deal_won", "cedar ridge"),
        ("Blue Lake Clinic lost, too expensive", "deal_lost", "blue lake clinic"),
    ],
)
def test_a_log_line_gives_the_verdict_and_the_name_alone(understand, text, intent, target):
    result = understand(text, role="sales")
    assert (result.intent, result.slots.get("target")) == (intent, target)


@pytest.mark.parametrize(
    ("text", "intent", "target"),
    [
        ("we got maple grove", "deal_won", "maple grove apartments"),
        ("won acme", "deal_won", "acme corp"),
        ("riverside lost, went with a cheaper guy", "deal_lost", "riverside dental"),
        ("pine hill - lost", "deal_lost", "pine hill hoa"),
    ],
)
def test_a_log_line_names_the_known_account(understand, text, intent, target):
    result = understand(text, role="sales", known_targets=KNOWN)
    assert (result.intent, result.slots.get("target")) == (intent, target)


def test_a_log_line_about_no_known_account_is_not_a_deal(understand):
    assert understand("we got maple syrup", role="sales", known_targets=KNOWN).intent == "unknown"


@pytest.mark.parametrize(
    "text",
    [
        # questions and negations decide nothing
        "has oakmont signed yet?",
        "did we lose cedar ridge?",
        "dont mark oakmont lost yet",
        "not lost yet",
        "cedar ridge not lost, just slow",
        "we didnt get cedar ridge yet",
        "oakmont hasnt signed",
        # what people win, lose and get in their own lives
        "lost my phone charger lol",
        "we won the game",
        "we won!",
        "we lost",
        "lost weight",
        "we lost power at the shop",
        "we lost cell service",
        "lost track of time",
        "lost my keys again",
        "lost 2 lbs",
        "won 2 tickets",
        "we won 3-1",
        "won big at the casino",
        "won employee of the month",
        "we won fantasy football",
        "we won trivia night",
        "we got snow",
        "we got pizza",
        "we got rained out",
        "we got new trucks",
        "we got this",
        "got it",
        "secured parking",
        "landed safely",
        "landed in denver",
        "closed early today",
        "closed the store",
        "closed escrow",
        "signed, sealed, delivered",
        "lost contact with oakmont",
        "lost brads number",
        # a team or a person, whose result is news but no deal
        "the packers lost",
        "packers lost",
        "ohio state lost",
        "ohio state lost, ugh",
        "chicago bears won",
        "Ohio State won",
        "Chicago Bears won!",
        "Maple Grove closed",
        "Riverside Dental lost",
        "grandpa passed",
        "aunt mary passed",
        "bob passed, funeral friday",
        "oakmont closed",
        "lsot oakmont",
        "lost half the day to meetings",
        "we lost an hour to daylight savings lol",
        "won oakmont's trust",
        "got oakmont a proposal today",
        "got cedar ridge scheduled for tuesday",
        # phrasal verbs, sayings and a time or option picked: no deal either
        "signed up for the webinar",
        "oakmont signed up for our newsletter",
        "closed out my expense report",
        "closed down the bar",
        "cedar ridge closed for the holidays",
        "cedar ridge said no to the saturday slot",
        "oakmont passed on the first date, pick another",
        "summit ridge went with the 2pm option",
        "lost the oakmont contract paperwork",
    ],
)
def test_what_only_looks_like_a_log_line_decides_nothing(understand, text):
    assert understand(text, role="sales").intent not in CONSEQUENTIAL


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("won 2", "deal_won"),
        ("won #3", "deal_won"),
        ("closed 1", "deal_won"),
        ("lost 1", "deal_lost"),
        ("lost 2 - price", "deal_lost"),
        ("lost 4: not a fit", "deal_lost"),
        ("lost 3 to a cheaper bid", "deal_lost"),
        ("snooze 3", "snooze"),
        ("snooze 2 till friday", "snooze"),
    ],
)
def test_a_line_of_the_last_list_is_read_as_its_verb_says_and_names_no_account(understand, text, intent):
    result = understand(text, role="sales")
    assert result.intent == intent
    assert "target" not in result.slots


@pytest.mark.parametrize(
    ("text", "target", "date"),
    [
        ("snooze westside storage til jan 5", "westside storage", "2027-01-05"),
        ("snooze oakmont till march 20", "oakmont", "2026-03-20"),
        ("snooze oakmont the day after tomorrow", "oakmont", "2026-03-04"),
        ("push cedar ridge until the 14th", "cedar ridge", "2026-03-14"),
        ("snooze cedar ridge 14th", "cedar ridge", "2026-03-14"),
        ("bump blue lake clinic to jan 12", "blue lake clinic", "2027-01-12"),
        ("snooze blue lake clinic jan 12", "blue lake clinic", "2027-01-12"),
        ("defer summit ridge til next week", "summit ridge", "2026-03-09"),
        ("snooze summit ridge til thurs", "summit ridge", "2026-03-05"),
        ("snooze elm street church tmrw", "elm street church", "2026-03-03"),
        ("snooze elm street church 3/15", "elm street church", "2026-03-15"),
        ("remind me about willow creek til april 2", "willow creek", "2026-04-02"),
        ("ping me about northgate pharmacy the day after tomorrow", "northgate pharmacy", "2026-03-04"),
        ("remind me on the 20th about hillcrest manor", "hillcrest manor", "2026-03-20"),
        ("ping me next week re tri state plumbing", "tri state plumbing", "2026-03-09"),
        ("push summit ridge out til march 3rd", "summit ridge", "2026-03-03"),
        ("push back oakmont realty to monday", "oakmont realty", "2026-03-09"),
    ],
)
def test_a_snoozed_name_stops_where_the_date_starts(understand, text, target, date):
    result = understand(text, role="sales")
    assert result.intent == "snooze"
    assert result.slots.get("target") == target
    assert result.slots["when"]["date"] == date


@pytest.mark.parametrize(
    "text",
    ["who shld i call today", "who shd i chase", "what accounts shld i hit today", "what do i have today"],
)
def test_a_rep_asking_for_the_day_in_shorthand_gets_the_follow_ups(understand, text):
    assert understand(text, role="sales").intent == "followups"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("mark 3 as won", "deal_won"),
        ("#2 closed won", "deal_won"),
        ("# 4 is won", "deal_won"),
        ("number six signed", "deal_won"),
        ("line 2 closed won", "deal_won"),
        ("won number four", "deal_won"),
        ("mark 1 as lost", "deal_lost"),
        ("mark 3 lost, they went with a cheaper bid", "deal_lost"),
        ("4 is lost. went w another plumber", "deal_lost"),
        ("#3 closed lost", "deal_lost"),
        ("number five lost - price", "deal_lost"),
    ],
)
def test_a_line_number_before_or_after_the_verdict_is_a_line_of_the_list(understand, text, intent):
    parsed = understand(text, role="sales")
    assert (parsed.intent, parsed.slots) == (intent, {})


@pytest.mark.parametrize("text", ["2 lost today", "3 won this week", "one lost, two won", "is 2 lost?"])
def test_counts_and_questions_are_no_line_of_the_list(understand, text):
    assert understand(text, role="sales").intent not in {"deal_won", "deal_lost"}


def test_a_list_number_is_no_hour_of_the_snooze(understand):
    parsed = understand("remind me about 3 tuesday at 11", role="sales")
    when = {"date": "2026-03-03", "start": "11:00", "end": None}
    assert (parsed.intent, parsed.slots) == ("snooze", {"when": when})
