"""What salespeople tell the bot: follow-up lists, snoozes, deals won and lost."""

from __future__ import annotations

import re

from bot.nlu import intents
from bot.nlu.deal_lines import MISSED, NOT_A_SLOT, REASON, is_chatter, list_line, logged_name, read_list_line
from bot.nlu.evidence import is_hedged
from bot.nlu.masking import ADDRESS_MARK, addresses_in
from bot.nlu.message import Message, Verdict
from bot.nlu.staff_asks import OWED
from bot.nlu.targets import SMALL_TALK_PRIZES, as_written, clean_target, every_word_named, match_known

_T = r"(?P<t>[a-z0-9&'. -]+?)"
# "... contract paperwork", "... account number": the thing named is not the deal.
_END = (
    r"\s*(?:[!.,;]|$|\b(?:deal|account|contract|today|finally|officially|just now)\b"
    r"(?!\s+(?:paperwork|papers|file|files|folder|docs|documents|copy|copies|notes|number|details|login)\b))"
)
# "got the PO from X", "PO came in from Northgate Pharmacy, mark it won": paperwork arrives from
# suppliers and colleagues too, so X must be an account (a name as written or a known one).
_PAPERWORK_FROM = (
    re.compile(
        r"\b(?:got|received|have|in hand)\s+(?:the\s+|a\s+|their\s+)?(?:po|purchase order|signed contract|"
        rf"signature|contract|signed proposal)s?\s+(?:back\s+)?(?:from|with|for)\s+{_T}{_END}"
    ),
    re.compile(
        r"\b(?:po|purchase order|signed contract|contract|signature|signed proposal|deposit)s?\s+"
        r"(?:(?:just|finally|officially|has|have)\s+)*"
        r"(?:came in|arrived|landed|came through|cleared|received|(?:is |are )?in|(?:is |are )?back)\s+"
        rf"(?:from|for|with)\s+{_T}{_END}"
    ),
)
# "Acme signed the NDA", "signed for the delivery": paper signed that is not the deal.
_SIGNED_OTHER = (
    r"\s+(?:(?:up\s+|on\s+)?for\b|(?:the\s+|an?\s+|their\s+|our\s+)?(?:nda|ndas|delivery|package|parcel|form|forms|waiver|"
    r"timesheet|slip|permit|release|receipt|card)\b)"
)
# "close Pineview as lost", "close out Cobalt as won": the CRM's word for marking a deal.
# "close it out as lost" marks the account named before it, which _MARK_IT reads.
_CLOSE = r"(?:close\s+out|close)(?!\s+(?:it|them|this|that|him|her)\b)"
_MARKED_AS = rf"\b(?:mark|set|move|put|log|flag|{_CLOSE})\s+{_T}(?:\s+out)?\s+(?:as\s+)?(?:closed[ -]?)?"
_WON = (
    re.compile(
        rf"^(?:deal|account|opportunity|opp|contract|bid)?\s*(?:closed[ -]?)?won\s*[:-]\s*{_T}\s*[.!]?$"
    ),
    re.compile(_MARKED_AS + r"(?:won|win|signed)\b"),
    re.compile(
        r"\b(?:we\s+|i\s+|just\s+|finally\s+)*(?:won|closed|signed|landed|secured|closed[ -]?won)\s+"
        # "signed on the dotted line", "signed up for the webinar", "closed out my report", "closed for
        # the holidays": sayings and phrasal verbs, not names
        rf"(?!on the dotted line|sealed\b|up\b|out\b|down\b|for\b|off\b){_T}{_END}"
    ),
    re.compile(rf"\bgot\s+(?:the\s+)?{_T}\s+(?:deal|contract|account|signed)\b"),
    # "closed the deal with acme corp", "signed the contract for maple grove"
    re.compile(
        r"\b(?:closed|signed|won|landed|inked|sealed|got)\s+(?:the|a|our)\s+(?:deal|contract|agreement|bid|"
        rf"project|job|account)\s+(?:with|for|at)\s+{_T}{_END}"
    ),
    # "we got Harborview Medical, contract's signed": the name, then the paperwork as proof.
    re.compile(
        rf"\b(?:got|won|landed|closed|bagged|secured|nabbed|signed|sealed)\s+(?:the\s+)?{_T}\s*[,;:!.-]+\s*"
        r"(?:the\s+|their\s+|all\s+)?(?:contract|contracts|deal|po|paperwork|agreement|proposal|papers|"
        r"docs|documents)\s+(?:(?:is|are|has been|have been|was|were|just|all|now|finally|officially)\s+)*"
        r"(?:signed|in|done|through|inked|back|executed|countersigned)\b"
    ),
    re.compile(
        rf"(?:^|[,.!;]\s*){_T}\s+(?:(?:has|have|just|finally|officially|is|are)\s+)*(?:signed(?!{_SIGNED_OTHER})|"
        r"signed up(?! for)|"
        r"signed on(?! for)|said yes|accepted|is a go|came through|committed|bought|purchased|closed[ -]?won|"
        r"is in|agreed|inked|went with us|is going with us|chose us|picked us|is on board|"
        r"pulled the trigger)\b"
    ),
    *_PAPERWORK_FROM,
)
# "Riverbend won, contract signed": teams win too ("Ohio State won"), so a name that won needs
# deal words or a known account, whatever its capitals.
_NAME_WON = re.compile(
    rf"(?:^|[,.!;]\s*){_T}\s+(?:(?:has|have|just|finally|officially|is|are)\s+)*"
    # "Acme won an award": what follows "won" is the prize, and Acme is not our deal
    r"won(?!\s+(?:a|an|the|their|his|her|its|our|my|some|another|first|second|best)\b)\b"
)
_LOST = (
    re.compile(
        rf"^(?:deal|account|opportunity|opp|contract|bid)?\s*(?:closed[ -]?)?lost\s*[:-]\s*{_T}\s*[.!]?$"
    ),
    re.compile(_MARKED_AS + r"lost\b"),
    # "kill the Oakhurst Vet deal, they sold the building", "scrap Summit Storage, no budget"
    re.compile(
        r"^(?:(?:please|pls|ok|okay|so|just|go ahead and|yeah)\s+)*"
        r"(?:kill|scrap|scratch|nuke|trash|bin|ditch)\s+"
        rf"(?:off\s+)?(?:the\s+)?(?!(?:it|this|that|them|him|her|me|my|our|your)\b){_T}{_END}"
    ),
    # "lost the deal with acme corp", "lost the bid for maple grove"
    re.compile(
        r"\b(?:lost|lsot)\s+(?:the|a|our)\s+(?:deal|contract|agreement|bid|project|job|account|renewal)\s+"
        rf"(?:with|for|at)\s+{_T}(?:{_END}|\s+(?:to|they|because)\b)"
    ),
    # "lsot kessler plumbing, price": the one transposition a hurried thumb makes of the opening word
    re.compile(
        r"\b(?:we\s+|i\s+|just\s+)*(?:lost|^lsot)\s+(?:out on\s+)?"
        # "Acme lost their CFO": a possessive names what they lost, never an account of ours
        # "Acme lost to a competitor": what follows "lost to" is who won, and Acme is the deal
        rf"(?!(?:their|his|her|its|my|our|your|to)\b){_T}(?:{_END}|\s+(?:to|they|because)\b)"
    ),
    re.compile(
        rf"^{_T}\s+(?:(?:has|have|just|finally|officially|is|are)\s+)*(?:went with|chose|picked|"
        r"signed with|is going with|are going with|decided on|decided to go with|hired|awarded it to)"
        r"\s+" + NOT_A_SLOT + r"(?:a |an |another |someone|somebody|the |other |a different )"
    ),
    re.compile(
        rf"^{_T}\s+(?:(?:has|have|just|finally|officially|is|are)\s+)*(?:passed{NOT_A_SLOT}|"
        rf"said no{NOT_A_SLOT}|declined|"
        r"backed out|pulled out|walked away|walked|is dead|fell through|went cold|is lost|dropped out|"
        r"not interested|turned us down|closed lost|bailed|went elsewhere)\b"
    ),
)
# Sayings of a loss that are said of plans and people too ("Sarah went another way on the logo"):
# they take an account known or written in two words, or a deal's reason beside them.
_LOST_SAYINGS = (
    # "Patel Dental went another way", "Acme is going in a different direction"
    re.compile(
        rf"^{_T}\s+(?:(?:has|have|just|finally|officially|is|are)\s+)*(?:(?:went|gone|going|decided to go|"
        r"chose to go) (?:in )?(?:another|a different|the other) (?:way|direction|route)|"
        r"took (?:their|its|the) business elsewhere|passed on us|said thanks but no thanks|is off the table|"
        r"(?:is )?a no[- ]go|is a pass)\b"
    ),
    # "no go on Bellamy, budget got cut", "no dice on Kessler - too pricey"
    re.compile(
        r"^(?:(?:its|it is|it|that is|thats|that|so|well|ugh|welp|update|fyi|sadly|unfortunately)\W+)*"
        r"(?:a\s+)?"
        rf"(?:no[- ]go|no dice|a pass|thanks but no thanks)\s+"
        rf"(?:on|for|with|from)\s+{_T}(?:\s+-\s|{_END})"
    ),
)
_CLOSED_LOST = re.compile(r"\bclosed[ -]?lost\b")
# "Westgate Church decided not to move forward": a refusal stated as the account's decision.
_DECIDED_AGAINST = (
    re.compile(
        r"^(?!(?:my|our|your|his|her|their)\b)"
        rf"{_T}\s+(?:(?:has|have|just|finally|officially|now)\s+)*(?:decided|chose|opted|elected)\s+not\s+to\s+"
        r"(?:move forward|go forward|go ahead|proceed|go with us|sign|renew|buy|continue|move ahead)"
        # the whole deal, not a part of it ("... with the second phase, but signed phase 1")
        r"(?:\s+with\s+(?:us|it|the\s+(?:deal|contract|proposal|quote|project|bid|purchase)))?\s*(?:[.!,;]|$)"
    ),
)
# Words that open a date said after an account's name ("... monarch hotel jan 5", "... bayview til
# the 20th", "... acme the day after tomorrow"): the name stops where the date starts.
_DATE_OPENS = (
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|"
    r"august|september|october|november|december|the day after|the (?:end|start|beginning)|"
    r"(?:the )?\d+(?:st|nd|rd|th)?|til|till|until|tomorrow|today|tonight|next|a few|a couple|end of|"
    r"the week after"
)
_SNOOZE_AGAIN = (
    # "sit on brookfield til friday", "bring up the vance account again next tues", "lemme know about
    # pinecrest again wed", "pop hartwell back up on friday": the account held back, then shown again
    re.compile(
        r"\b(?:bring up|bring back up|bring back|bring|let me know about|lemme know about|tell me about|"
        r"show me|pop|flag)\s+(?!(?:my|our|your|his|her|their|it|this|that|them)\b)" + _T
        + r"\s+(?:again|back up|back)(?=\s+(?:on|in|next|tomorrow|until|till|til|after|monday|tuesday|"
        r"wednesday|thursday|friday|saturday|sunday|\d|a week|end of|this|" + _DATE_OPENS + r")\b)"
    ),
    re.compile(
        r"^(?:(?:please|pls|ok|so|and|just)\s+)*(?:table|shelve|resurface|revisit|sit on|hold off on)\s+"
        r"(?!(?:my|our|your|his|her|their|it|this|that|them)\b)" + _T
        + r"(?=\s+(?:on|in|next|tomorrow|until|till|til|after|monday|tuesday|wednesday|thursday|friday|"
        r"saturday|sunday|\d|a week|end of|this|" + _DATE_OPENS + r")\b)"
    ),
)
_SNOOZE = (
    re.compile(
        r"\b(?:remind me|reminder|ping me|nudge me|bug me|remind|reminding me|reminding|hit me up|"
        r"holler at me)\s+"
        r"(?:(?:to\s+)?(?:call|follow up "
        r"with|check in with|check on|reach out to|email|text|contact|ping|chase|about|of|re|"
        r"regarding|on|for|that)[\s:,-]+)*" + _T + r"(?=\s+(?:on|in|next|tomorrow|today|tonight|this|at|"
        r"for|by|after|until|till|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
        r"\d|a week|a couple|two|three|end of|" + _DATE_OPENS + r")\b|\s*$)"
    ),
    re.compile(
        # "push acme out til march": "out", "back" and "off" go with the verb
        r"\b(?:snooze|defer|park|hold|push|bump)\s+(?:(?:out|back|off)\s+)?" + _T
        + r"(?:\s+(?:out|back|off))?(?=\s+(?:on|in|to|until|till|for|"
        r"next|tomorrow|by|till|after|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d|"
        r"a week|a couple|two|three|" + _DATE_OPENS + r")\b|\s*$)"
    ),
    # "Pine Hill, circle back friday": the account is named before, if at all
    re.compile(
        r"\b(?:circle back|follow up|followup|check back|touch base)(?P<t>)(?=\s+(?:on|in|next|tomorrow|"
        r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d|a week|after|end of|"
        + _DATE_OPENS
        + r")\b)"
    ),
    # "put Lakeshore Dental on hold till next week", "move Tri-County Schools to next tues"
    re.compile(r"\b(?:put|place|keep|leave)\s+" + _T + r"\s+on\s+(?:hold|ice|pause|the back burner)\b"),
    # "put Ashford Medical off till march 3", "put off Hilltop Realty until friday"
    re.compile(
        r"\bput\s+(?:off\s+)?(?!(?:the|a|an|my|our|it|this|that|them|everything|all)\b)" + _T
        + r"(?:\s+off)?(?=\s+(?:till|til|until|to|for|next)\b)"
    ),
    re.compile(
        r"^(?:(?:please|pls|ok|so|and)\s+)*(?:move|bump|push|slide|shift|kick)\s+"
        r"(?!(?:my|our|your|his|her|their)\b)" + _T
        + r"\s+(?:out\s+|back\s+)?(?:to|till|until|til)\s+(?=(?:next|this|tomorrow|monday|tuesday|wednesday|"
        r"thursday|friday|saturday|sunday|\d|the|end of|" + _DATE_OPENS + r")\b)"
    ),
    re.compile(
        r"^(?:(?:please|pls|can you|could you|and|also|ok|so)\s+)*(?:chase|nudge|revisit|call|ring|email|"
        r"text|phone|contact|ping|recontact)\s+(?:up\s+)?"
        + _T
        + r"(?=\s+(?:on|in|next|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
        r"\d|a week|after|by|end of|this|first thing|" + _DATE_OPENS + r")\b)"
    ),
    *_SNOOZE_AGAIN,
    # "left patel a vm, try again monday": a message left, and the day to try the account again
    re.compile(
        r"\b(?:left|sent)\s+" + _T + r"\s+(?:a |an )?(?:vm|voicemail|voice mail|message|msg|text|email)"
        r"\b[\s,.;-]*(?:(?:and|so|will|i'll|ill|gonna|i will)\s+)*(?:try|call|ring|ping|reach out)"
        r"(?:\s+(?:them|him|her|again|back))*(?=\s+(?:on|next|tomorrow|monday|tuesday|wednesday|"
        r"thursday|friday|saturday|sunday|\d|in|after|" + _DATE_OPENS + r")\b)"
    ),
    re.compile(
        r"\b(?:follow up|followup|circle back|check back|check in|touch base)\s+(?:with|on|to|about|re)\s+"
        + _T
        + r"(?=\s+(?:on|in|next|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
        r"\d|a week|" + _DATE_OPENS + r")\b)"
    ),
)
# "remind me about Bellamy later", "ping me re acme sometime": a snooze whose time is to be asked.
_LATER = (
    r"(?:later(?: on)?|sometime|some ?time later|another time|some other time|at some point|"
    r"down the (?:road|line)|in a bit|in a while|soon)"
)
_ABOUT = (
    r"(?:(?:to\s+)?(?:call|follow up with|check in with|check on|reach out to|email|text|contact|ping|"
    r"chase)\s+|"
    r"(?:about|abt|re|regarding|on)[\s:,-]+)+"
)
_REMINDER = r"\b(?:remind me|ping me|nudge me|bug me|hit me up|snooze)\s+"
_SNOOZE_LATER = (
    re.compile(_REMINDER + _ABOUT + _T + r"\s+" + _LATER + r"\W*$"),
    # "remind me later about the Dunmore account", "later, ping me re Okafor"
    re.compile(
        r"(?:^" + _LATER + r"\W+" + _REMINDER + r"|" + _REMINDER + _LATER + r"\s+)" + _ABOUT + _T + r"\W*$"
    ),
)
# "remind me about Acme", "circle back on Bellamy later", "put Dunmore on the back burner": said of
# pricing, meetings and the like too, so the account must be one written as a name or known.
_SNOOZE_NAMED = (
    re.compile(r"^(?:(?:please|pls|ok|so|and|also)\s+)*" + _REMINDER + _ABOUT + _T + r"\W*$"),
    re.compile(
        r"\b(?:circle back|check back|follow up|followup|touch base|come back)\s+(?:on|with|to)\s+" + _T
        + r"\s+" + _LATER + r"\W*$"
    ),
    re.compile(r"\b(?:put|place|keep|leave)\s+" + _T + r"\s+on\s+(?:hold|ice|pause|the back burner)\W*$"),
)
# "no news from Summit Storage till friday, remind me then": the account is who they wait on.
_WAITING_ON = re.compile(
    r"\b(?:hear back from|hearing back from|hear from|heard from|back from|waiting on|waiting for|"
    r"wait for|wait on|news from|answer from|reply from|response from|decision from|"
    r"(?:know|hear|heard|hearing|news|word|update|answer|decision|verdict) (?:back )?"
    r"(?:on|about|re|regarding))\s+"
    + _T
    + r"(?=\s+(?:on|in|next|til|till|until|by|before|after|tomorrow|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|\d|a week|end of|" + _DATE_OPENS + r")\b)"
)
# "what did i snooze for today?", "what have i got pushed to today": the list, not a new snooze.
_SNOOZED_LIST = re.compile(
    r"\bwhat (?:did i|have i|do i have|have i got|is|are|i) (?:got |have )?"
    r"(?:snoozed?|push(?:ed)?|park(?:ed)?|defer(?:red)?|bump(?:ed)?|put off)\b"
)
# "Acme ghosted us, mark lost": the verdict at the end, about the one account named before it.
_MARK_IT = re.compile(
    # "Acme ghosted us, close it as lost": "close" and "put" as "mark"
    r"\b(?:mark|set|log|flag|move|close|put)(?:\s+(?:it|them|this|that|this one|that one|as|out|down))*\s+"
    r"(?:closed[ -]?)?(?P<verdict>won|win|lost)\W*$"
)
_REMIND_THEN = re.compile(r"\b(?:remind|ping|nudge|bug|follow up|check back|circle back|snooze)\b")
_FOLLOWUPS = re.compile(
    # "which accounts am I behind on", "who havent i called back"
    r"\b(?:which|what) (?:accounts|deals|clients|customers|leads|ones|people|contacts) "
    r"(?:am i|are we|i am|we are) behind (?:on|with)\b|\bwho (?:am i|are we) behind (?:on|with)\b|"
    r"\b(?:who|which (?:accounts|deals|clients|customers|leads|prospects|quotes|ones|people|contacts)) "
    r"(?:have not i|have i not|did i not|did not i|do i still need to|still needs a|have not we|have we not) "
    r"(?:\w+ )?(?:called|call|rung|ring|got back to|get back to|"
    r"gotten back to|followed up with|follow up with|"
    r"emailed|touched|talked to|spoken to|spoken with|reached out to|contacted|pinged|chased|checked in with|"
    r"texted|replied to|heard back from|heard from|followed up on|worked)\b|"
    # "which quotes are still open that i should nudge", "who has gone quiet on me"
    r"\b(?:which|what|any) (?:quotes|proposals|bids|estimates|deals|opps|opportunities) "
    r"(?:are |is )?(?:still )?"
    r"(?:open|outstanding|pending|unanswered|unsigned|sitting|hanging|out there|waiting|out(?! of))\b|"
    r"\b(?:which|what|any) (?:quotes|proposals|bids|estimates|deals)(?: \w+)? (?:have not|has not|are not|"
    r"still have not|never) (?:been )?(?:signed|accepted|answered|approved|closed|come back)\b|"
    r"\b(?:who|which (?:accounts|deals|clients|customers|leads|prospects)) (?:have not|has not|did not|"
    r"still have not|never) (?:replied|responded|answered|gotten back|got back|signed|called back|"
    r"written back)\b|"
    # "show me deals i haven't touched", "anyone i'm neglecting", "who's slipping through the cracks"
    r"\b(?:deals|accounts|leads|clients|customers|quotes|prospects|people|contacts|anyone|anybody|ones) "
    r"(?:that )?(?:i|we) (?:have not|did not|have not yet|have yet to) (?:\w+ )?(?:touched|called|contacted|"
    r"followed up|chased|pinged|talked to|heard from|emailed|reached|touch|call|contact|chase)\b|"
    r"\b(?:slipping|falling|fallen|fell|slipped) through the cracks\b|"
    r"\b(?:who|what|which \w+|anything|anyone) (?:needs|need) (?:my |some )?(?:attention|love|a push|"
    r"a touch)\b|"
    r"\bwho(?: is| s| has)? (?:been )?(?:ghosting|ghosted|waiting (?:on|for)) (?:me|us)\W*$|"
    r"\b(?:who|which (?:accounts|deals|clients|customers|leads|prospects|quotes|ones)|any (?:accounts|deals|"
    r"clients|customers|leads|prospects|quotes)|anyone|anybody|what|anything)(?: is| s| has| have| are)? "
    r"(?:gone|going|gotten|getting|went) (?:quiet|cold|stale|dark|silent)(?: on (?:me|us))?"
    r"(?: (?:lately|recently|this (?:week|month)|yet))?\W*$|"
    r"\bwho (?:do i owe|is waiting on me for|is waiting on|s waiting on|s waiting for|is waiting for) "
    r"(?:a |an )?(?:call|callback|call back|reply|answer|email|update|quote)\b|"
    r"\bwho (?:should|do|shall|must|can) i (?:be )?(?:checking in|check in|touching base|touch base|"
    r"getting back|get back|nudging|nudge)\b|"
    r"\b(?:who|which (?:accounts|deals|clients|customers|leads|prospects)|anyone|anybody) "
    r"(?:have i|am i|did i|i am|i have|i) (?:been )?(?:neglected|neglecting|ignored|ignoring|forgot|"
    r"forgotten|dropped)\b|"
    r"\bfollow ?-?ups?\b|\bwho (?:should|do|shall|must|can) i (?:need to |have to |got to |want to )?"
    r"(?:call|contact|follow up|reach|"
    r"ring|email|chase|ping|talk)\b|\bwho (?:needs|need) (?:a )?(?:call ?back|call|follow|ping|chasing)\b|"
    r"\bcall ?back list\b|\bon deck\b|\bwhat (?:do|should) i (?:need to |have to )?do today\b|"
    r"\bwhat is on my (?:list|plate)\b|\bmy (?:list|pipeline|follow)\b|\bpipeline\b|"
    r"\bwhat(?: is)? on my (?:list|plate|radar|desk|books)\b|"
    r"\bwhat (?:deals|leads|accounts) (?:should|do|need)\b|\bwho to call\b|\bcall list\b|"
    r"\bwhat should i work on\b|\bany (?:leads|deals|accounts) (?:to|i should|that need)\b|"
    r"\bwho (?:is |s )?due\b|\bwhat (?:is |s )?due\b|"
    # "anything overdue?", "what's due today", "what did i snooze for today"
    r"\b(?:anything|anyone|anybody|who|what|any \w+|which \w+)(?: is| s| are)? (?:overdue|due)\b|"
    r"\bwho (?:do i|should i) (?:\w+ )?today\b|"
    r"\bwhat (?:do i have|have i got|is on)(?: for)? (?:today|this morning|this week)\W*$|"
    r"\bany (?:deals|leads|accounts|opps|opportunities|prospects|quotes|proposals|clients|customers)"
    r"(?: \w+){0,4} (?:chase|chasing|follow|call|ping|nudge|contact|due|stale|overdue|going cold|"
    r"need|needs|waiting)\b|"
    r"\b(?:who|which (?:deals|leads|accounts|clients|customers|prospects|"
    r"opps|quotes|proposals|bids|estimates)|"
    r"what) (?:\w+ ){0,4}(?:chase|chasing|follow up|call back|touch base|ping|nudge)\b|"
    r"\b(?:overdue|stale|outstanding|pending|open) (?:follow|deals|leads|tasks|quotes|proposals)\b|"
    r"\b(?:my|today|todays|this week|weekly) (?:to do|todo|tasks|call sheet|hit list)\b|"
    r"\bwho (?:have i|did i) not (?:called|contacted|followed up)\b|"
    r"\b(?:who|(?:which|what) (?:deals|leads|accounts|clients|customers|prospects|opps|people|ones|"
    r"numbers|contacts|jobs|quotes))"
    r" (?:am i|are we|do i|do we|should i|should we|must i|have i|shall i|can i|need i) (?:\w+ ){0,3}"
    r"(?:call|ring|phone|contact|chase|ping|email|text|reach|follow up|touch base|get back to)(?:ing)?\b"
)


# "acme still hasn't signed, push to monday", "Summit Storage - remind me in 10 days": the account
# is named first, then the snooze about it says "them" or nothing.
_NAMED_FIRST = re.compile(
    r"^(?:(?:not now|no rush|nothing yet|nothing|no news|no word|no answer|no reply|no response|"
    r"still nothing|"
    r"still waiting|waiting|hold off|holding off|not yet|not ready|too early|nada|crickets|radio silence)"
    r"\s+(?:yet\s+)?(?:on|from|with|for|re|about)\s+)?"
    rf"{_T}\s*(?:[,:;]|\.\s|\s-\s|\s+(?:is|are|was|still|has|have|not|just|wants|wanted|asked|told|said|"
    r"needs|would like|prefers)\b)"
)
# "remind me on the 20th about pine hill": the date first, then the account.
_NAMED_AFTER = re.compile(rf"\b(?:about|re|regarding)\s+{_T}\W*$")
_NOT_AN_ACCOUNT = frozenset(
    "sounds ok okay sure yes yeah yep cool great perfect thanks thank fine alright got no nope please pls "
    "hey hi hello i we they he she it this that so well anyway also".split()
)


def _names_an_account(raw: str) -> bool:
    target = clean_target(raw)
    return target is not None and target.split()[0] not in _NOT_AN_ACCOUNT


# "deposit in hand", "got the deposit": money taken is proof of a deal, not a question about fees.
_DEPOSIT_TAKEN = re.compile(
    r"\bdeposits? (?:is |are |was |has |have )?(?:(?:just|already|now) )?(?:in hand|received|paid|in|came in|"
    r"cleared|collected|taken|been paid)\b|"
    r"\b(?:got|have|received|took|collected|cashed) (?:the |a |their |his |"
    r"her )?deposit\b"
)


def _hedged(text: str) -> bool:
    return is_hedged(_DEPOSIT_TAKEN.sub(" ", text))


def detect_sales(message: Message) -> Verdict | None:
    """Classify a salesperson's message; a won or lost deal needs a plain statement, not a question."""
    text = message.masked
    if message.has(_SNOOZED_LIST):
        return Verdict(intents.FOLLOWUPS, 0.85)
    line = read_list_line(text)
    if line is not None and line.intent == intents.SNOOZE:
        # "remind me about 2 friday at 10": the line's number is no hour; the day is after it
        when = message.when_in(line.rest)
        return Verdict(intents.SNOOZE, 0.85, {"when": when} if when else {})
    snoozed = None
    for pattern in _SNOOZE:
        m = pattern.search(text)
        if m and (message.when or pattern is _SNOOZE[1]):
            target = clean_target(m.group("t"))
            if target and pattern in _SNOOZE_AGAIN and _office_matter(m.group("t"), target):
                return None  # "bring up the meeting again friday": office life, not an account
            if target:
                return _with_target(intents.SNOOZE, 0.85, message, m.group("t"), with_when=True)
            snoozed = snoozed or m
    waiting = _WAITING_ON.search(text)
    if waiting and message.has(_REMIND_THEN) and clean_target(waiting.group("t")):
        # "won't hear back till friday": the negation is about the news, not about the day.
        when = message.when_in(waiting.group() + text[waiting.end() :].replace(" not ", " "))
        if when:
            verdict = _with_target(intents.SNOOZE, 0.8, message, waiting.group("t"))
            return Verdict(verdict.intent, verdict.confidence, {**verdict.slots, "when": when})
    if snoozed:
        first = _NAMED_FIRST.match(text)
        after = _NAMED_AFTER.search(text, snoozed.end())
        raw = first.group("t") if first and _names_an_account(first.group("t")) else snoozed.group("t")
        raw = after.group("t") if after and not clean_target(raw) else raw
        return _with_target(intents.SNOOZE, 0.85, message, raw, with_when=True)
    untimed = _snoozed_without_time(message)
    if untimed:
        return untimed
    if message.has(_FOLLOWUPS) or message.has(OWED):
        return Verdict(intents.FOLLOWUPS, 0.85)
    if not _hedged(text):
        against = _deal(intents.DEAL_LOST, message, _DECIDED_AGAINST)
        if against:
            return against
    if _hedged(text):
        return None
    if _NEGATED.search(text):
        # "lost 1 - not a fit", "lost acme, not in their budget": a reason may say "not"; the
        # verdict may not ("not lost yet", "dont mark acme lost").
        if _NEGATED.search(MISSED.sub("", _REASON_AFTER.split(text, maxsplit=1)[0])):
            return None
        return _listed(message) or _logged(intents.DEAL_LOST, message) or _logged(intents.DEAL_WON, message)
    if message.has(_CLOSED_LOST):
        return _listed(message) or _deal(intents.DEAL_LOST, message, _LOST)
    lost = (_listed(message) or _deal(intents.DEAL_LOST, message, _LOST) or _said_lost(message)
            or _logged(intents.DEAL_LOST, message))
    if lost:
        return lost
    return (
        _deal(intents.DEAL_WON, message, _WON)
        or _marked(message)
        or _logged(intents.DEAL_WON, message)
        or _won_by_name(message)
    )


# What a rep is reminded of that is no account: "remind me about the CRM issue later".
_OFFICE_MATTERS = frozenset(
    "issue issues problem meeting meetings report reports numbers expenses expense party training review "
    "presentation deck email emails call calls lunch birthday appointment demo webinar conference trip "
    "invoice invoices paperwork form forms timesheet order".split()
)
_DEAL_NOUNS = frozenset(
    "deal account job project bid quote proposal contract renewal opportunity opp".split()
)


def _office_matter(raw: str, target: str) -> bool:
    """Tell whether a thing to be reminded of is office life rather than an account: a matter
    named by its kind ("the CRM issue", "Q3 numbers"), or "the" before anything but a deal."""
    said = raw.lower().split()
    if target.split()[-1] in _OFFICE_MATTERS | _THINGS:
        return True
    return bool(said) and said[0] == "the" and said[-1] not in _DEAL_NOUNS


def _snoozed_without_time(message: Message) -> Verdict | None:
    """ "remind me about Bellamy later", "put Dunmore on the back burner": a snooze of an account
    with no time, which the conversation then asks for."""
    for pattern in _SNOOZE_LATER + _SNOOZE_NAMED:
        m = pattern.search(message.masked)
        if m is None or not _names_an_account(m.group("t")):
            continue
        target = clean_target(m.group("t")) or ""
        if _office_matter(m.group("t"), target):
            return None
        if pattern in _SNOOZE_LATER or _written_or_known(target, message):
            return _with_target(intents.SNOOZE, 0.85, message, m.group("t"))
    return None


def _said_lost(message: Message) -> Verdict | None:
    """ "Patel Dental went another way", "no go on Bellamy, budget got cut": a saying of a loss,
    about an account known, written in two words or more, or given a deal's reason."""
    if is_chatter(message.original):
        return None
    verdict = _deal(intents.DEAL_LOST, message, _LOST_SAYINGS, reason_given=message.has(REASON))
    if verdict is None:
        return None
    target = str(verdict.slots.get("target", ""))
    written = len(target.split()) > 1 and target in message.capitalised_names
    if message.known_targets or written or message.has(_DEAL_WORDS) or message.has(REASON):
        return verdict
    return None


def _won_by_name(message: Message) -> Verdict | None:
    if message.known_targets or message.has(_DEAL_WORDS):
        return _deal(intents.DEAL_WON, message, (_NAME_WON,))
    return None


_NEGATED = re.compile(r"\b(?:not|never|almost|nearly)\b")
# Where the reason given after a verdict starts: "lost acme - budget", "lost 1: not a fit".
_REASON_AFTER = re.compile(r"\s+-\s+|\s*[:;,(]\s*|\.\s")


def _listed(message: Message) -> Verdict | None:
    """ "won 2", "lost 1 - price": a line of the last list, which the conversation reads."""
    intent = list_line(message.masked)
    if intent in (intents.DEAL_WON, intents.DEAL_LOST):
        return Verdict(intent, 0.85)
    return None


def _logged(intent: str, message: Message) -> Verdict | None:
    """ "won acme corp", "riverside dental lost, too expensive": a rep's log line, lower case."""
    if is_chatter(message.original):
        return None
    raw = logged_name(
        intent,
        message.masked,
        cleaned=clean_target,
        # a capital letter names something, not a deal: "Ohio State lost" is a game
        known=lambda name: bool(message.known_targets) and _written_or_known(name, message),
        written=lambda name: any(name.startswith(written) for written in message.capitalised_names),
        shouted=_all_capitals(message.original),
    )
    target = clean_target(raw) if raw else None
    if target is None or target.split()[-1] in _THINGS or set(target.split()) & SMALL_TALK_PRIZES:
        return None
    if _names_something_else(target, message):
        return None
    if message.known_targets and not every_word_named(target, message.known_targets):
        return None
    return _with_target(intent, 0.85, message, raw or "")


def _all_capitals(original: str) -> bool:
    """Tell whether a text is written wholly in capitals, as a cheer ("WE GOT RIVERSIDE")."""
    letters = [char for char in original if char.isalpha()]
    return len(letters) > 3 and all(char.isupper() for char in letters)


def _marked(message: Message) -> Verdict | None:
    """ "Acme ghosted us, mark lost": the verdict takes the one account the text names."""
    m = _MARK_IT.search(message.masked)
    if not m:
        return None
    if message.known_targets:
        named = [n.lower() for n in message.known_targets if n.lower() in message.masked]
    else:
        named = message.capitalised_names
    if len(named) != 1:
        return None
    intent = intents.DEAL_LOST if m.group("verdict") == "lost" else intents.DEAL_WON
    return _with_target(intent, 0.85, message, named[0])


def _deal(
    intent: str, message: Message, patterns: tuple[re.Pattern[str], ...], *, reason_given: bool = False
) -> Verdict | None:
    """A won or lost deal needs evidence: a known account, deal words, a written name, or (for a
    saying of a loss) the deal's reason beside it."""
    for pattern in patterns:
        for m in pattern.finditer(message.masked):
            target = clean_target(m.group("t"))
            signed_by = pattern in _PAPERWORK_FROM and bool(_SIGNED_PAPER.search(m.group()))
            if signed_by and target and _bare_account(m.group("t")) and target.split()[-1] not in _THINGS:
                return _with_target(intent, 0.85, message, m.group("t"))  # "got the signature from vance"
            if pattern in _PAPERWORK_FROM and target and not _written_or_known(target, message):
                continue
            if target and set(target.split()) & {"and", "but", "then", "so"}:
                continue  # "acme ghosted and signed with ...": a sentence, not a name
            if (
                target
                and target.split()[-1] not in _THINGS
                and (_is_a_deal(target, message) or (reason_given and not message.known_targets))
                and not _names_something_else(target, message)
            ):
                return _with_target(intent, 0.85, message, m.group("t"))
    return None


# A signature is what an account gives when it buys; a PO or a contract may come from anyone.
_SIGNED_PAPER = re.compile(r"\b(?:signature|signed (?:contract|proposal|quote|agreement))s?\b")
# Who signs papers that are no deal: the office, family, landlords.
_NOT_AN_ACCOUNT_SIGNER = frozenset(
    "the my our your his her their hr boss manager landlord office legal finance accounting wife husband "
    "mom dad doctor bank school on for about re regarding".split()
)


def _bare_account(raw: str) -> bool:
    """Tell whether a lower-case name after "signature from" is an account's: short and bare."""
    words = raw.lower().split()
    return 0 < len(words) <= 3 and not set(words) & _NOT_AN_ACCOUNT_SIGNER


def _written_or_known(target: str, message: Message) -> bool:
    if message.known_targets:
        return match_known(target, "", message.known_targets) in {n.lower() for n in message.known_targets}
    return any(target in name or name in target for name in message.capitalised_names)


# "lost the Harborview paperwork": a thing lost or got, not a deal.
_THINGS = frozenset(
    "paperwork papers notes note keys key file files folder email emails number numbers contact contacts "
    "details phone laptop charger password login signal list card cards quote quotes invoice invoices "
    "address brochure samples sample badge pen van truck wallet receipt receipts spreadsheet "
    "call calls voicemail message messages lead leads nda ndas delivery deliveries package packages parcel "
    "form forms waiver timesheet slip permit office door doors window windows tab store shop escrow "
    "deals bids jobs accounts po pos order orders".split()
)
# "lost the paperwork for Maple Grove": the thing lost is the paperwork, not the deal.
_BELONGING = frozenset("for of from on at in about with to re regarding".split())


_DEAL_HEADS = frozenset(
    "the a an their our signed contract contracts deal po purchase order proposal account renewal "
    "agreement bid job project work business order".split()
)


def _names_something_else(target: str, message: Message) -> bool:
    words = target.split()
    cut = next((i for i, word in enumerate(words) if word in _BELONGING), None)
    if cut is None or target in message.capitalised_names:
        return False
    return not set(words[:cut]) <= _DEAL_HEADS


def _is_a_deal(target: str, message: Message) -> bool:
    written_name = len(target.split()) > 1 and target in message.capitalised_names
    if set(target.split()) & SMALL_TALK_PRIZES and not written_name:
        return False
    named = _written_or_known(target, message)
    if message.known_targets:
        return named
    shouted = _SHOUTED.match(message.original) is not None
    return named or shouted or (message.has(_DEAL_WORDS) and len(target.split()) <= 4)


# "WON brightline logistics": the verdict shouted first, as a rep logs a deal, before a name.
_SHOUTED = re.compile(
    r"^\W*(?:CLOSED[ -]?)?(?:WON|LOST|LSOT)\b\W*(?=[A-Za-z0-9])(?!(?i:a|an|the|my|our|some|this|that)\b)"
)
# Words that make "won" or "lost" about business rather than a game.
_DEAL_WORDS = re.compile(
    r"^(?:deal|account|opportunity|opp|contract|bid) (?:closed )?(?:won|lost)\b|"
    r"\b(?:deal|deals|signed|signing|closed|contract|contracts|po|purchase order|went with us|"
    r"going with us|chose us|picked us|is a go|lost (?:it |them |out )?to|competitor|competition|"
    r"account|proposal|order|bought|purchased|inked|renewal|renewed|agreement|client|customer|"
    r"prospect|opportunity|opp|pipeline|crm|bid|bids|"
    r"decided not to (?:move forward|go forward|move ahead|proceed|go with us)|"
    # "lost kessler plumbing, price": the reason a deal went, said after it
    r",\s*(?:(?:on|over|due to|because of)\s+)?(?:price|pricing|budget|cost|timing)\W*$|"
    r"^mark\b.*\b(?:won|lost)\W*$|"
    r"^close (?:out )?(?!(?:the|my|our|a|an|this|that|it|out)\b)\w.*\bas (?:won|lost)\W*$|"
    r"tender|went with|go with|going with|"
    r"mark(?:ed)? (?:it |them |this |that |as )*(?:closed )?(?:won|lost|win)|(?:another|other|a different|"
    r"a cheaper|cheaper) (?:contractor|vendor|company|supplier|provider|firm|installer|outfit|quote|"
    r"bid|option)|said (?:no|yes))\b"
)


# Words that make what follows a name a sentence about it ("Kessler Supply wants to wait").
_SAYING = frozenset(
    "not never no yet still and but or if when then a an my our your his her their to for from with "
    "is are was were be been has have had will would can could should wants want wanted needs need "
    "said says asked asks thinks thought".split()
)


def _name_goes_on(name: str, target: str) -> bool:
    """Tell whether the lower-case words after a written name continue it ("Ortega family dental")."""
    if not target.startswith(name + " "):
        return False
    return not set(target[len(name):].split()) & _SAYING


def _with_target(
    intent: str, confidence: float, message: Message, raw: str, *, with_when: bool = False
) -> Verdict:
    target = match_known(clean_target(raw), message.masked, message.known_targets)
    if target and not message.known_targets:
        # Prefer the name as written ("Granite Works") over the words around it ("po from ...", "...
        # wants to wait"); lower-case words after it that say nothing are its own ("Ortega family dental").
        inside = [name for name in message.capitalised_names
                  if name in target and name != target and not _name_goes_on(name, target)]
        target = max(inside, key=len) if inside else target
        target = as_written(target, message.original) if target else target
    if target:
        target = _addresses_restored(target, message)
    slots: dict[str, object] = {}
    if target:
        slots["target"] = target
    else:
        confidence = min(confidence, 0.6)
    if with_when and message.when:
        slots["when"] = message.when
    return Verdict(intent, confidence, slots)


def _addresses_restored(target: str, message: Message) -> str:
    """The target with each street address it names as written ("snooze the 1400 elm st job"),
    where the masked text (which hides numbers from the clock) put the placeholder."""
    addresses = iter(addresses_in(message.text))
    words = [next(addresses, word) if word == ADDRESS_MARK else word for word in target.split()]
    return " ".join(words)
