"""Doubt detectors: what makes a consequential reading (cancel, approve, lost...) unsafe."""

from __future__ import annotations

import re

# Conditionals, questions about the rules, hesitation, future or past tense: no clear decision.
_HEDGES = re.compile(
    r"\b(?:if|whether|how|why|what|when|will i|would i|do i|should|shall i|fee|fees|charge|"
    r"charged|penalty|policy|refund|deposit|before|yet|maybe|might|perhaps|thinking|considering|"
    r"consider|not sure|unsure|possible|possibly|too late|allowed|able to|wondering|wonder|"
    r"probably|likely|hopefully|hope|hoping|almost|about to|close to|going to|planning|plan to|"
    # "the later one" names a visit by its place; it puts nothing off
    r"want to know|question|happens|happen|still deciding|deciding|(?<!\bthe )later|tempted|might)\b"
)
_REQUEST_QUESTION = re.compile(
    r"^(?:(?:ok|okay|hi|hello|hey|yes|yeah|so|then|actually|and|please)[ ,]+)*"
    r"(?:can|could|would|will) (?:you|u|ya|we|someone|somebody|yall|you guys) "
)


# A letter's courtesies ("i hope this message finds you well on this sunday morning") wish the
# reader well; they hedge no request and name no day wished for.
_WHEN_WRITTEN = (r"(?: (?:on|this|a|fine|lovely|cold|snowy|rainy|sunny|beautiful)){0,3}"
                 r"(?: (?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|day|morning|afternoon|evening))?"
                 r"(?: (?:morning|afternoon|evening))?")
_COURTESY = re.compile(
    r"\b(?:i |we )?(?:hope|trust) (?:this|my|our) (?:message|note|text|email|letter) (?:finds|reaches) "
    r"(?:you|you all|everyone)(?: well| in good health)?" + _WHEN_WRITTEN + r"\b|"
    r"\b(?:i |we )?hope (?:you are|you're|youre|all is|everyone is|you and yours are) (?:well|doing well|"
    r"good|keeping well)" + _WHEN_WRITTEN + r"\b|"
    r"\b(?:i |we )?hope you (?:had|have|are having) an? (?:good|nice|great|lovely|blessed|merry|happy) "
    r"\w+\b")


def without_courtesies(text: str) -> str:
    """A normalized text without a letter's courtesies ("hope you are well this monday")."""
    return _COURTESY.sub(" ", text)


def is_hedged(text: str) -> bool:
    """Tell whether a text hedges (condition, doubt, a question about rules) instead of deciding."""
    text = without_courtesies(text)
    if _HEDGES.search(text):
        return True
    return "?" in text and not _REQUEST_QUESTION.search(text)


def negated_before(text: str, position: int, *, window: int = 3) -> bool:
    """Tell whether one of the few words just before `position` negates what follows."""
    # a negation never reaches past the end of its sentence ("im not booking. cancel it")
    before = re.split(r"[.!?;]\s", text[:position])[-1].split()[-window:]
    return any(
        word in {"not", "no", "never", "cannot", "without", "nor", "dont", "neither"} for word in before
    )


# Doubt anywhere in a message: no consequential reading (approve, decline, cancel, won, lost,
# opt out) survives it, whichever clause it stands in.
_UNDECIDED = re.compile(
    r"\b(?:not (?:sure|certain|decided|convinced|positive)|unsure|undecided|uncertain|"
    r"(?:have|has) not (?:decided|made up)|not made up|make up (?:my|our) minds?|"
    r"thinking (?:about|of|it over|over)|think (?:about it|it over|on it)|still (?:thinking|deciding|"
    r"considering|weighing|comparing|discussing|debating|undecided|on the fence)|deciding|"
    r"considering|consider|contemplating|weighing (?:up|it|our|my)|on the fence|sleep on it|"
    r"might|maybe|perhaps|may (?:have|be|not|well|need|want|lose|win|sign|go|end up|decide|decline|"
    r"cancel|approve|accept|pass|back out|pull out|walk)|could (?:have|be) (?:lost|won|signed)|"
    r"leaning|inclined|tempted|likely|unlikely|hopefully|fingers crossed|"
    r"possibly|probably|mayb|mbe|torn|hesitant|hesitating|second thoughts|"
    r"give (?:us|me) (?:a|an|some|till|until|til|another|more|the|few|couple|\d)|need (?:a|some|more) "
    r"(?:time|day|days|while)|(?:more|some) time to (?:think|decide)|get back to you|"
    r"let (?:me|us) (?:talk|speak|check|think|ask|discuss|see|confirm|run it)|"
    r"(?:talk|speak|check|discuss) (?:it )?(?:with|to) (?:my|our|the) (?:wife|husband|partner|boss|"
    r"landlord|family|spouse|team|manager|hubby|mrs|missus|other half|dad|mum|mom|parents|owner)|"
    r"wants? to \w+(?: \w+){0,6} but|unless|whether|if (?:we|i|they|you|it|the|he|she)|"
    r"(?:has|have|needs?|must|got) to (?:approve|accept|sign|ok|"
    r"okay|agree|check|review|see|look|decide|sign off|confirm)|"
    # Someone else has to refuse ("the board has to reject it"); "we'll have to decline" decides.
    r"(?<!\bi )(?<!\bwe )(?<!\bwill )(?<!\bgonna )(?<!\bgoing to )(?<!\bafraid )(?:has|have|needs?|must|"
    r"got) to (?:decline|reject|turn down|pass)|"
    r"(?:told (?:me|us)|tells (?:me|us)|says|said|saying|according to \w+)(?: that)? (?:we|i|you) (?:will )?"
    r"(?:have|has|need|needs|must|got|should) to|waiting (?:for|on) (?:the |my |our |an? )?"
    r"\w+(?: \w+)? to|(?:would |i |we )?hate to|do not want to have to|rather not|reluctant|reluctantly|"
    r"discount|negotiat\w*|come down|best price|price match|any wiggle|cheaper\?|"
    r"i guess|we guess|i suppose|we suppose|i think|we think|i believe|pretty sure|fairly sure|"
    r"sounds like|seems like|seems|apparently|looks like (?:we|they|it|the)|rumou?r\w*|i heard|"
    r"in case|hold on|wait and see|not yet|tbd|to be decided|do not know|no idea)\b"
    # Deferral: the decision waits on someone else or on later ("run it by my wife first",
    # "check with the boss", "will get back to you", "looks good but ...").
    r"|\b(?:run (?:it|this|that|them|the \w+) (?:by|past|through)|"
    r"(?:check|checking|confirm|confirming|clear|clearing|discuss|discussing|talk|talking|speak|"
    r"speaking|confer|conferring|consult|consulting|chat|chatting|sort it|double check|"
    r"go over it|go over this|sit down) (?:it |this |that |things |it over |this over )?(?:with|w|past|by) "
    r"(?:my|our|the|his|her|their|a|an|me|him|her|them|\w+ and)\b|"
    r"ask (?:my|our|the|his|her) \w+|(?:the|my|our) (?:wife|husband|partner|boss|landlord|hoa|"
    r"board|council|accountant|finance|office|manager|owner|mrs|missus|other half|family|dad|mum|mom) "
    r"(?:needs|has|have|must|wants|will need|would need|gets|should) (?:to )?(?:\w+ )?(?:see|look|"
    r"check|sign|approve|agree|ok|okay|review|say|decide|weigh|have a)|"
    r"(?:get|got|getting|come|coming|circle) back (?:to|with) (?:you|ya|u|yall)|"
    r"(?:let|will let|i will let|we will let) (?:you|ya|u) know|(?:will|shall|to) confirm (?:later|"
    r"soon|tomorrow|tonight|next|by|on|in|once|when|after)|"
    r"(?:once|after|when) (?:i|we|he|she|they|my|our|the) (?:\w+ )?(?:has |have |had |gets? |got )?"
    r"(?:check|checks|checked|talk|talks|talked|speak|speaks|spoke|sign|signs|signed|agree|agrees|"
    r"agreed|see|sees|saw|look|looks|looked|hear|hears|heard|decide|decides|decided|review|reviews|"
    r"reviewed|confirm|confirms|confirmed|approve|approves|approved)|"
    r"sign(?:s|ed)? off on it|pending|awaiting|subject to|"
    r"(?:my|the|our|his|her) (?:wife|husband|partner|landlord|boss|tenant|hubby|mrs|missus|dad|mum|mom|"
    r"son|daughter|neighbou?r|neighbors|manager|owner|agent|letting agent|family|parents) (?:says|said|"
    r"wants|wanted|would like|thinks|asked|told me|reckons)|"
    r"(?:happy|fine|ok|okay|good|pleased|content) with [^.!?]{0,40}\bbut\b|"
    r"have a think|having a think|mull|mulling|sleep on|talk it over|think it over|sit on it|"
    r"(?:looks?|sounds?|seems?|is|reads?|all) (?:\w+ )?(?:good|great|fine|ok|okay|fair|reasonable|"
    r"alright|right|decent)\b[^.!?]{0,40}\bbut|"
    r"(?:first|beforehand) (?:though|tho)?\W*$)"
)


def is_undecided(text: str) -> bool:
    """Tell whether a message carries doubt that rules out acting on it."""
    return _UNDECIDED.search(text) is not None
