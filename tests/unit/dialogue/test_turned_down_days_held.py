"""Days turned down while a time is chosen stay turned down for the rest of the choosing: a
later wish for another week never brings them back, and a day named again is wished once more.
Maria books new work; the clock stands at Mon Mar 2, 9:00."""

from __future__ import annotations

from bot.dialogue.reply import Expect
from tests.unit.dialogue.chat_world import MARIA, ChatWorld

_REFUSED = ("Mon Mar 9", "Wed Mar 11", "Mon Mar 16", "Wed Mar 18")


def test_a_later_week_asked_for_keeps_the_days_turned_down(chat: ChatWorld) -> None:
    [first] = chat.answer(MARIA, "the bathroom tap drips all day. any morning next week, "
                                 "just not monday or wednesday")
    assert first.expects is Expect.CHOICE
    assert not any(option.startswith(_REFUSED) for option in first.options)
    [later] = chat.answer(MARIA, "hmm, any morning the week of the 17th?")
    assert later.options and not any(option.startswith(_REFUSED) for option in later.options)


def test_a_day_turned_down_then_asked_for_by_name_is_offered(chat: ChatWorld) -> None:
    chat.answer(MARIA, "the bathroom tap drips all day. any morning next week but not tuesday")
    [asked] = chat.answer(MARIA, "ok tuesday the 10th in the morning then?")
    assert asked.options[0].startswith("Tue Mar 10")
