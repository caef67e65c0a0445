"""Greetings, thanks, help and the things the bot did not understand."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.dialogue import replies
from bot.dialogue.reply import Reply
from bot.nlu import intents
from bot.nlu.small_talk import asks_who_answers, says_thanks
from bot.nlu.text import normalize

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn


def menu(turn: Turn) -> None:
    turn.finish(replies.menu(turn.business.name))


def thanks(turn: Turn) -> None:
    """ "thanks!"; "thx. thursday's still dave right?": the question after the thanks answered."""
    asked = _asked_after_thanks(turn.text)
    if asked is not None and turn.customer is not None:
        from bot.dialogue import two_parts  # imports this module
        from bot.dialogue.roles import CUSTOMER_FLOWS  # the table this starter is part of

        own = two_parts.as_own_text(turn, asked)
        if own.parse.intent != intents.THANKS:
            said = len(turn.replies)
            CUSTOMER_FLOWS.start(own)
            if not own.confused:
                return
            del turn.replies[said:]  # a question not understood: the thanks alone is answered
    turn.finish(replies.thanks(), keep_done=True)


# "thanks. on the 10th there's two right, which one is first": a question after the thanks
_THANKS_FIRST = re.compile(r"^\W*(?:(?:ok|okay|great|perfect|cool)\W+)?(?:thanks|thank you|thx|ty|"
                           r"thank u|tysm|thanks so much)\b[^.!?]{0,12}?[.!,]+\s+(?P<rest>.+)$",
                           re.IGNORECASE | re.DOTALL)
_ASKS = re.compile(r"\?|\b(?:which|what|when|who|is|are|does|do|right)\b", re.IGNORECASE)


def _asked_after_thanks(text: str) -> str | None:
    found = _THANKS_FIRST.match(text.strip())
    if found is None or not _ASKS.search(found.group("rest")):
        return None
    return found.group("rest")


def acknowledge(turn: Turn) -> None:
    """ "ok", "yes", a thumbs-up with no question pending: a short word after something was just
    done, else an honest "nothing is waiting for an answer"; never a misunderstanding."""
    done = turn.last_done()
    if question_pending(turn):  # a nod that does not answer the pending question: asked again
        turn.say(asked_again(turn))
    elif done is None and says_thanks(normalize(turn.text)):
        turn.finish(replies.thanks(), keep_done=True)
    elif turn.staff is not None:  # never the customer's menu to a technician or dispatcher
        turn.finish(replies.nothing_waiting_staff(), keep_done=True)
    else:
        turn.finish(replies.acknowledged(done), keep_done=True)


def question_pending(turn: Turn) -> bool:
    """True when the bot waits on a question it asked; after a quote's facts it only remembers
    which quote was talked about ("go ahead with it"), asking nothing."""
    from bot.dialogue import quote_questions  # imports this module's neighbours

    return turn.conversation.is_active(turn.now) and not (
        turn.conversation.flow == quote_questions.FLOW and turn.step == quote_questions.ABOUT)


def who_answers(turn: Turn) -> bool:
    """ "are you a robot?", "who am i talking to?": the honest answer
    (the business's automated assistant) and when a person could call; nobody is asked to call
    and any question pending stays open. False for anything else."""
    if turn.staff is not None or turn.parse.intent not in (
            intents.HUMAN, intents.UNKNOWN, intents.GREET, intents.HELP):
        return False
    from bot.dialogue import handoff  # handoff's neighbours import this module

    if not asks_who_answers(normalize(turn.text)):
        return False
    opens = None if handoff.is_open(turn) else handoff.next_opening(turn)
    settle(turn, replies.who_we_are(turn.business.name, opens=opens), done="answered")
    from bot.dialogue import two_parts  # imports this module

    # "are u a robot?? answer the question. what are the 18th and 21st visits": answered too
    two_parts.questions_aside(turn, besides=asks_who_answers)
    return True


def nothing_to_do(turn: Turn) -> None:
    """ "no" with no question pending."""
    turn.finish(replies.no_call())


def not_understood(turn: Turn) -> None:
    turn.misunderstood(replies.not_understood())


def settle(turn: Turn, reply: Reply, *, done: str | None = None) -> None:
    """Say an answer that asks nothing: a question still pending stays open, else the flow ends;
    when the text also picks among the times offered, the pick is read next."""
    if question_pending(turn):
        from bot.dialogue import offers  # offers' neighbours import this module

        turn.say(reply)
        picked = offers.pick_sentence(turn) if turn.step == offers.PICK else None
        if picked is not None:  # "ok monday 10. and i shouldn't have to pay?": the pick next
            if picked != turn.text:  # read on its own: the question's words ask for nothing
                from bot.dialogue import two_parts  # imports this module

                turn.parse = two_parts.parse_part(turn, picked)
            turn.goes_on, turn.text = True, picked
        else:
            turn.say(asked_again(turn))
    elif turn.conversation.is_active(turn.now):  # a quote just talked about stays the one meant
        turn.say(reply)
    else:
        turn.finish(reply, done=done)


def asked_again(turn: Turn) -> Reply:
    """The pending question asked again briefly after an answer aside: a yes/no question as it
    was, a pick among times or visits in a line (the list stands above), else its words."""
    from bot.dialogue.reply import Expect
    from bot.dialogue.turn import QUESTION_KEY

    asked = turn.conversation.data.get(QUESTION_KEY)
    if not isinstance(asked, dict) or not asked.get("text"):
        return replies.question_still_open()
    text, expects = str(asked["text"]), str(asked.get("expects"))
    if expects == Expect.YES_NO:
        return replies.question_again_yes_no(text)
    if expects == Expect.CHOICE:
        head = text.splitlines()[0].strip()
        return replies.question_again_pick(head if head.endswith("?") else None,
                                           int(asked.get("options") or 0))
    return replies.question_again(brief(text))


def brief(question: str) -> str:
    """A question in its fewest words: from its first sentence that asks ("Hi, this is ...! When
    would suit you better? e.g. ..." -> "When would suit you better?"), else its last, without
    the examples after "e.g."."""
    plain = re.sub(r",?\s+e\.g\..*$", "", question.strip(), flags=re.DOTALL)
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", plain) if s]
    asking = next((n for n, s in enumerate(sentences) if s.endswith("?")), len(sentences) - 1)
    kept = " ".join(sentences[max(asking, 0):]) or question
    return kept if kept[-1] in ".?!" else f"{kept}."


def still_open(turn: Turn) -> Reply:
    """The pending question again, for a sender who thinks they were not heard: times offered
    are listed again, since a pick answers them."""
    from bot.dialogue import offers  # offers' neighbours import this module

    kept = turn.data.get("offers") if turn.step == offers.PICK else None
    if not kept or not isinstance(kept, list):
        return replies.question_still_open()
    return replies.which_offer(offers.choices([offers.load(o) for o in kept], turn.timezone))
