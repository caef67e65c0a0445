"""Times asked after while times are offered: a time the customer leaves at ("i gotta leave for
work at 1") keeps every offer over by then; "what about wed morning then" asks for that
morning's times and books none, even when one time shown is on that morning.

The chat world's clock starts Mon Mar 2, 9am Chicago."""

from __future__ import annotations

from tests.unit.dialogue.chat_world import MARIA, ChatWorld


def test_a_time_to_leave_for_work_keeps_every_offer_over_by_then(chat: ChatWorld) -> None:
    said = chat.text(MARIA, "kitchen sink is leaking, can someone come tomorrow morning? "
                            "i gotta leave for work at 1").text
    assert "Tue Mar 3" in said
    assert not any(late in said for late in ("12-2pm", "1-3pm", "2-4pm", "3-5pm"))


def test_what_about_a_morning_shows_its_times_and_books_none(chat: ChatWorld) -> None:
    chat.text(MARIA, "kitchen sink is leaking, can someone come tomorrow morning? "
                     "i gotta leave for work at 1")
    before = chat.model()
    said = chat.text(MARIA, "hm ok what about wed morning then").text
    assert "Booked" not in said and "Wed Mar 4, 8-10am" in said and "Reply 1" in said
    assert chat.changed_since(before) <= {"conversations"}
