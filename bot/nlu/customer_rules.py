"""What customers ask for: book, reschedule, cancel, job status, approve or decline a quote."""

from __future__ import annotations

import re

from bot.nlu import intents
from bot.nlu.evidence import is_hedged, negated_before
from bot.nlu.message import Message, Verdict

_WORKER = (
    r"(?:(?:furnace|ac|hvac|boiler|heating|plumbing|electrical|gas|repair|service|drain|heater|aircon|"
    r"air con|cooling|sparky|water heater) )?"
    r"(?:tech|techs|technician|technicians|plumber|electrician|engineer|guy|guys|man|person|"
    r"worker|crew|team|serviceman|repairman|contractor|installer|someone|somebody|anyone|anybody|"
    r"he|she|they|you|you guys|your guy|your tech|hvac guy|the guy)"
)
_BOOKING = (
    r"(?:appointment|appointments|visit|booking|service call|slot|job|repair|service|install|installation)"
)

_RESCHEDULE = re.compile(
    r"\b(?:reschedule|rescheduling|re schedule|rebook|re book|rebooking|postpone|postponing|"
    r"rearrange|rearranging|re arrange|shift (?:it|this|that|my|the|our)|"
    # "can that move to monday", "the wed one -> thu the 10th"
    # "the 22nd move to the monday after", "thursday's moved to friday": a visit named by its day
    r"(?:one|visit|appointment|appt|booking|it|that|this|they|(?:the )?\d{1,2}(?:st|nd|rd|th)|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day'?s?) (?:be )?moved? (?:over )?(?:to|till|until)|"
    # "can the middle one on friday go to monday", "can it go to the 9th"
    r"(?:one|visit|appointment|appt|it|that|this)(?: (?:on|for) (?:the )?\w+)? go (?:to|till|until) "
    r"(?:the |next |this |on )?"
    r"(?:\w+day|tomorrow|\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|"
    # "can friday's visit be after 3pm", "could tomorrow's appointment start later": a booked
    # visit asked to be at other hours
    r"(?:can|could|would) (?:\w+day(?:'?s)?|tomorrow(?:'?s)?|today(?:'?s)?|the|my|our|that|this) "
    r"(?:\w+ ){0,2}?"
    r"(?:visit|appointment|appt|booking|one) (?:be|come|start|happen) (?:any ?time |a bit |a little )?"
    r"(?:after|before|later|earlier|sooner|in the (?:morning|afternoon|evening))\b|"
    # "can the drain cleaning move to monday": a booked visit named by its work
    r"(?:can|could) (?:the|my|our) (?:\w+ ){1,4}?(?:be )?moved? (?:over )?(?:to|till|until)|"
    r"(?:bump|push|move|shift) (?:\w+day|tomorrow|today)(?:'?s)? |"
    r"(?:one|visit|appointment|appt|\w+day|the \d+(?:st|nd|rd|th)) (?:on |for )?(?:\w+ ){0,3}?-> ?\w+|"
    r"(?:put|putting|set|push|pushing) (?:it|this|that|us|me|(?:my|the|our|this|that|your) (?:\w+ ){0,2}?"
    r"(?:appointment|appt|visit|booking|job|service|engineer|tech|plumber|electrician|slot|call|"
    r"callout|call out))? ?back\b(?! (?:together|on|in|up|online|to normal|where))|"
    r"put back (?:my|the|our)|(?:bring|move|pull) (?:it|this|that|us|me|(?:my|the|our|this|that) "
    r"(?:\w+ ){0,2}?(?:appointment|appt|visit|booking|job|service|engineer|tech|plumber|slot))? ?"
    r"(?:forward|up)\b(?! with| until| till| unless| without)|"
    r"(?:appointment|appt|visit|booking|slot|it|engineer|tech|plumber|electrician|"
    r"(?:first|1st|second|2nd|third|3rd|last|other|\w+day'?s?) one) (?:(?:be|come|a|bit|"
    r"little|slightly|an|hour|day|few|hours|tad|touch|much) ){0,3}(?:earlier|later|sooner)\b|"
    # "would it be possible to have them come later that same day", "can dave come later thursday":
    # the technician booked (by name too, never "you" or "someone"), later
    r"(?:have|can|could|would) (?:them|they|he|she|him|her|(?!(?:you|u|ya|someone|somebody|anyone|"
    r"anybody|one|we|i|it)\b)[a-z]+) (?:come|arrive|get here|be here) "
    r"(?:a (?:bit|little) |much |an hour |a few hours )?(?:later|earlier) (?:that|the|this|on|in|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow)\b|"
    r"(?:earlier|later|sooner)\W+(?:like|say|maybe|perhaps|around|at|about|by|ideally|preferably) "
    r"(?:\d|noon|midday|morning|afternoon|evening|\w+day|tomorrow|lunch)|"
    r"(?:move|moving|push|pushing|bump|shift) (?:\w+ )?(?:appointment|visit|booking|engineer|tech|plumber|"
    r"electrician|technician|slot|time|date)|"
    r"push (?:it|this|that|my|the|our|back|out)|(?:be|get|been|got) pushed|pushed (?:back|out|to|till|"
    r"until)|push back|bump (?:it|my|the|me|us)|"
    r"move (?:it|this|that|my|the|our|appointment|booking|visit|me|us)|(?:be|get|been|got) moved|"
    r"moved (?:it|my|the|our|to|back|forward|up)|moving (?:it|my|the|our|me|us)|"
    r"make it (?:later|earlier|a (?:bit|little) (?:later|earlier)|another|a different|the|next|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)|(?:later|earlier) in the (?:day|week|afternoon|"
    r"morning)|(?:switch|swap|change) (?:it |the day |the time )?(?:to|for)|"
    r"(?:changed|switched|shifted|swapped|rescheduled|rebooked) (?:to|for|until|till)|"
    r"(?:earlier|later|sooner) (?:would|is|works|will) (?:be |work )?(?:better|best)|"
    r"anything (?:earlier|sooner|later)|"
    # "can friday's electrical go to the same time next week": counted from that visit
    r"(?:go|move|moved|be|do|push|switch|make it)(?: \w+)? (?:to |for )?(?:the )?same time "
    r"(?:next week|a week later|the week after)\b|"
    # "can the drain cleaning on the 11th go a week later": counted from that visit
    r"(?:go|be|happen|come|moved?|pushed?) (?:a couple(?: of)?|a few|a|one|two|three|\d) "
    r"(?:weeks?|days?) (?:later|earlier|after)\b|"
    r"change (?:the|my|our|it|appointment)(?: \w+)? (?:appointment|visit|booking|time|date|day|to)|"
    r"change (?:the |my |our )?(?:time|date|day)|switch (?:it|to|the|my|our|days|dates)|"
    r"bring (?:it |the appointment |my appointment )?forward|earlier (?:time|slot|date|day)|"
    r"later (?:time|slot|date|day)|different (?:day|time|date|slot)|another (?:day|time|date|slot)|"
    r"new (?:time|date|day)|cannot make (?:it|the appointment|my appointment|that|tomorrow|today|\w+day)|"
    r"(?:does|do|will) not (?:work|suit) (?:for )?(?:me|us)?\W*(?:anymore|any more)?\W*(?:how|what) about|"
    r"can not make it|(?:cannot|can not) do (?=\w+day|tomorrow|today|then|that)|"
    r"will not be (?:home|there|around|available)|not going to be (?:home|there)|"
    # "move eddie on the 10th to about 3pm": the visit named by its technician, then the new time
    r"(?:move|moving|push|shift|bump) [a-z]+(?: (?:on|from) (?:the )?[\w/]+(?: [\w/]+)?)? "
    r"(?:to|till|until)(?= (?:about |around |like |maybe )?(?:\d|\w+day|tomorrow|today|next|the|noon|"
    r"morning|afternoon|evening)))\b"
)
_INSTEAD = re.compile(
    r"\binstead\b|\brather (?:\w+ ){1,4}than\b|\b(?:how|what) about\b|\brather than\b|"
    r"\bin place of\b|\bas opposed to\b"
)
_CANCEL_VERB = re.compile(
    # "scratch that" alone takes back what was just said; "scratch that visit" cancels
    r"\b(?:cancel|canceling|call off|calling off|scrap|"
    r"scratch(?! (?:that|this|what i said)\b(?! (?:\w+ )?(?:appointment|appt|visit|booking|one)))|"
    r"call(?:ing)? (?:it|this|that|them|everything|the whole thing|(?:the|my|our|this|that|today|"
    r"tomorrow|\w+day) (?:\w+ ){0,2}?(?:appointment|appt|visit|booking|job|repair|service call|"
    r"call out|callout|engineer|tech|plumber|electrician)) off)\b"
)
# A visit named by its time: "cancel my 10am", "the 1:30 pm one".
_CLOCK = r"\d{1,2}(?::\d{2})? ?(?:am|pm)"
_CANCEL_OBJECT = re.compile(
    rf"^\s*(?:(?:my|the|our|this|that|your|today|tomorrow|it|for|on|a|an|service|please|"
    rf"everything|all|both|of|some|\d|two|three|\w+day|{_CLOCK})\b\s*)*"
    rf"(?:{_BOOKING}|{_WORKER}|it|that|this|everything|please|visits|appointments|appts|bookings|"
    rf"them|those|"

    rf"for (?:today|tomorrow|\w+day)|\w+day)?\s*(?:[,.!;]|$|\b(?:please|thanks|thank|we|i|as|"
    rf"because|since|and|on|for|at|the|tomorrow|today|\w+day|asap|now|right|that day|next week|"
    # "can u cancel that instead", "cancel it too": the visit just named
    rf"instead|too|also|as well)\b)"
)
# "i want it cancelled", "can i get the tune up cancelled": the cancel wished, worded as its result.
_WANTS_CANCELLED = re.compile(
    r"\b(?:want|need|like|have|get|getting)(?: (?:it|that|this|them|that one|this one|(?:the|my|our) "
    r"(?:[\w-]+ ){0,3}?(?:one|visit|appointment|appt|booking|tune ?up|repair|service|cleaning|job)))?"
    r" cancell?ed\b"
)
# "or does the tune up get cancelled now?", "will it get cancelled": asks what happens to a visit,
# unlike "can i get it cancelled", which wants it done.
_ASKS_WHETHER = re.compile(r"\b(?:does|do|did|will|would|is|are|was)(?: [\w-]+){0,4}\s*$")
# A visit named by its date, place or day after the verb: "cancel dec 12 and dec 14", "cancel
# wed the 16th", "drop the second tune up", "cancel that one too", "cancel both", "the other two".
_DATE_WORD = (r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}"
              r"(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|"
              r"sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b\.?"
              r"(?: the \d{1,2}(?:st|nd|rd|th)?)?)")
_CANCEL_REFERENCE = re.compile(
    r"^\s*(?:(?:the|that|this|those|these|my|our|on|for)\s+)*"
    rf"(?:(?:first|second|third|fourth|last|later|earlier|middle|other|extra|duplicate|{_DATE_WORD})"
    r"(?:\s+(?:[\w-]+ ){0,2}?(?:ones?|visits?|appointments?|appts?|tune ?ups?|bookings?|two|three))?"
    r"(?:\s*(?:[,.!;]|$|\b(?:and|too|as well|also|please|pls|instead|only|then)\b))"
    r"|(?:[\w-]+ ){0,2}?ones?\b(?! (?:of|more|day|week|time))|both\b|them\b|(?:the )?(?:other|rest)\b"
    # "cancel one of my appointments": which one is asked next
    r"|one of (?:my|our|the|those|these|them|your)\b(?: (?:visits|appointments|appts|bookings)\b)?"
    r"|all (?:of )?(?:the |my )?(?:\d|two|three|four|five)?\s*(?:visits|appointments|appts|of them)\b)")
_DROP_VERB = re.compile(r"\b(?:drop|get rid of|delete|remove|take off|cross off)\b")

_APPOINTMENT_NOUN = (
    r"(?:appointment|appointments|appt|visit|visits|booking|bookings|service call|call out|callout|"
    r"slot|reservation)"
)
_APPOINTMENT_DETAIL = (
    rf"(?:{_WORKER}|my|the|our|your|this|that|a|an|upcoming|scheduled|booked|next|annual|yearly|"
    r"service|repair|maintenance|plumbing|hvac|electrical|ac|furnace|boiler|heating|drain|water|"
    rf"heater|tune up|tuneup|tomorrow|today|\w+day|morning|afternoon|evening|for|on|{_CLOCK})"
)
_CANCEL_APPOINTMENT = re.compile(
    rf"^\s*(?:{_APPOINTMENT_DETAIL}\s+){{0,4}}(?:{_APPOINTMENT_NOUN}\b|"
    rf"{_WORKER} (?:coming|visiting|booked|scheduled|appointment|visit|for (?:today|tomorrow|\w+day)))"
)
_NO_LONGER_NEEDED = re.compile(
    rf"\b(?:no need for|do not need|no longer need|not need|will not need|will not be needing|"
    rf"do not send|do not come|no need to come|not needed|no longer needed|not required)"
    rf"(?: (?:the|a|an|your|you to|to|anyone|anybody|someone|(?:the )?\w+days?))? ?(?:{_WORKER}|"
    rf"{_BOOKING}|come|"
    rf"come out|anymore|after all)\b"
    r"|\bproblem (?:solved|fixed|resolved) (?:itself|on its own)\b.*\b(?:no need|do not need|cancel)\b"
    r"|\bno (?:need|reason) (?:for (?:you|anyone|anybody|someone|the \w+) )?to (?:come|send|visit)"
    r"(?: (?:out|over|round|around|by|anyone|someone|anybody))?(?: (?:any ?more|after all|now))?\s*"
    r"(?:[,.!;]|$|\b(?:we|i|it|all|thanks|thank|sorted|fixed|the)\b)"
)
_DONT_CANCEL = re.compile(
    r"\b(?:do not|dont|not|never|no need to|without|rather not|nothing to) (?:\w+ )?cancel"
)
# "are we still good for the tune up monday", "if monday is still on": a visit asked about, which
# a "no need to send anyone" beside it never turns into a cancellation.
# "whats on monday for me", "what's booked tomorrow": the visits of a day asked for.
_ON_A_DAY = (r"\bwhat (?:is |s )?(?:on|happening|booked|scheduled|coming up) (?:for )?(?:\w+day|"
             r"tomorrow|today|this week|next week)\b")
_STILL_ON = (r"\b(?:are|r) (?:we|you|u|you guys|yall) (?:still )?(?:good|ok|okay|set|all set|on) "
             r"for\b|\bstill good for\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:'?s)? "
             r"(?:visit |appointment |appt )?(?:is|are) still (?:on|happening|booked|a go)\b"
             r"|\b(?:is|are) (?:my|our) (?:\w+ ){0,2}(?:appts?|appointments?|visits?|bookings?) "
             r"still (?:on|happening|booked|good|a go)\b")
# Asking who or what is booked, or what was done ("who coming thursday", "do i have anyone
# coming tomorrow", "what did the tech do last time") asks about visits; it books nothing.
_VISIT_QUESTION = (
    rf"\bwho (?:is |are )?(?:coming|visiting|booked|scheduled|due|(?:the |my |our )?{_WORKER} "
    r"(?:coming|booked|scheduled|for))\b|"
    rf"\b(?:do|did) (?:i|we) (?:already |still |even )?(?:have|got) (?:a |an |the )?(?:{_WORKER}|"
    rf"{_APPOINTMENT_NOUN}) (?:already |still )?(?:coming|booked|scheduled|due|set|lined up|"
    r"for|on|today|tomorrow|\w+day)\b|"
    rf"\bis (?:there )?(?:anyone|anybody|someone|somebody|a tech|a technician) (?:already |still )?"
    r"(?:coming|booked|scheduled|due)\b|"
    rf"\bwhat (?:did|has|have) (?:the |my |our |your )?{_WORKER} (?:do|done|fix|fixed|find|found)\b|"
    r"\bwhat (?:work )?(?:was|got|has been|did you get) (?:done|fixed)\b|"
    # "when is my next appointment", "which day is my ac repair", "what time is the furnace visit"
    r"\b(?:when|what time|what day|which day|what date)(?: is| are| was)? (?:my|the|our) "
    r"(?:(?:next|upcoming|\w+day|ac|a/c|hvac|furnace|boiler|heating|cooling|electrical|plumbing|water heater|"
    r"drain|electrician|plumber) ){0,2}(?:appointment|appt|visit|booking|repair|service|job|tune ?up|"
    r"maintenance|install|installation)s?\b(?! (?:available|free|open|possible|slot))|"
    r"^(?:do i have |are there |have i got )?any (?:visits|appointments|appts|bookings)\b"
    r"(?! (?:available|free|open|left))|"
    rf"\b(?:is|are) (?:my|the|our) (?:\w+ ){{0,2}}?{_APPOINTMENT_NOUN} (?:\w+ ){{0,2}}?(?:still )?"
    r"(?:on|confirmed|happening|going ahead)\b"
)
_STATUS = re.compile(
    rf"\bwhere (?:is|are)? ?(?:my|the|our|your)? ?{_WORKER}\b|\bwhere are you\b|\beta\b|"
    r"\bstatus\b|\bany (?:news|update|updates|word|progress)\b|\bupdate on\b|\bhow long (?:until|till|"
    r"before|will|is)\b|"
    rf"\bwhen (?:is|will|does|should|would|can i expect) (?:the |my |our |your )?{_WORKER} "
    r"(?:be |get |arrive|arriving|come|coming|show|here|there|turn)|"
    rf"\b(?:is|are) (?:the |my |our |your )?{_WORKER} (?:still |actually |almost |nearly |close to |"
    r"near |getting )?(?:coming|on (?:the|their|his|her) way|en route|here|there|arriving|running late|"
    r"late|showing up|close|near|nearby|far|far away)\b|"
    r"^(?:is |are )?(?:he|hes|she|shes|they|theyre|you|the tech|the guy|the plumber|the electrician) "
    r"(?:is |are )?(?:almost|nearly|getting close|close|near|nearby) ?(?:here|there)?\W*\?|"
    rf"\b(?:is|are) (?:the |my |our |your )?(?:{_WORKER}|job|work|repair) (?:almost|nearly|about|close to|"
    r"nearly about|still not|not yet) (?:done|finished|finishing|complete|through|wrapping up|wrapped up)\b|"
    r"\b(?:what|which) (?:day|date|time|days|dates|times)\b(?: \w+){0,3}? did (?:you|i|we|they) (?:book|"
    r"schedule|put)(?: me| us)?(?: in)?(?: for| on| at)?\W*(?:\?|$)|"
    r"\bwhen (?:are|have) you (?:got )?(?:booked|scheduled|coming) (?:for|to) (?:me|us)\b|"
    r"\b(?:what|which) (?:day|date|time|days|dates|times)\b(?: \w+){0,3}? (?:have|has|did|am|are|is|was|"
    r"were) (?:you |they |i |we |it |he |she )?(?:got |get |gotten )?(?:me |us )?(?:been )?(?:booked|"
    r"scheduled|down|pencilled|penciled|put|set)\b|"
    r"\bwhen (?:am i|are we|have (?:i|we) been|have you (?:got|put) (?:me|us)|did you (?:book|put|"
    r"schedule) (?:me|us)|is it) (?:booked|scheduled|down|pencilled|penciled|in|for)\b|"
    rf"\b(?:what time|what day|what date|which day|when) (?:is |was )?(?:my|the|our) (?:appointment|appt|"
    rf"visit|booking|{_WORKER})\b|"
    rf"\bwhat time (?:will|is|does|should|would) (?:the |my |our |your )?{_WORKER} (?:be |get |arrive|"
    r"arriving|come|coming|show|here|there)|"
    r"\bwhen (?:is |was )?(?:my|the|our) (?:appointment|appt|visit|booking)\b|"
    rf"\bwhen (?:the |my |our |your )?{_WORKER} (?:will|is going to|should|would|is|are|can) "
    r"(?:be |get |arrive|arriving|come|coming|show|turn)|"
    r"\b(?:is|are) (?:it|the job|the repair|the work|my repair|they|you) (?:done|finished|complete|"
    r"completed|fixed)\b|\b(?:still waiting|been waiting|waiting) (?:for|on) (?:the |my |your )?"
    rf"{_WORKER}\b|\b(?:no one|nobody|{_WORKER}) (?:has )?(?:not |never )?(?:showed|shown|turned) up\b|"
    r"^(?:are you |is (?:he|she|the tech|the engineer|someone) )?running late\b|"
    r"\bdo i (?:still )?have an appointment\b|\bam i (?:still )?booked\b|"
    r"\bconfirm (?:my|the) (?:appointment|time|booking)\b|"
    r"\b(?:has|have|is|was|are|were) (?:the |my |our |your |that |this )?(?:\w+ )?(?:work|job|jobs|"
    r"repair|repairs|install|installation|fix|service|replacement|visit)\b(?: \w+){0,5}? (?:been )?"
    r"(?:done|completed|complete|finished|fixed|sorted|wrapped up|carried out)\b|"
    rf"\b(?:is|are) (?:\w+ )?{_WORKER} (?:still |actually |even )?(?:coming|on (?:the|their|his|her) way|"
    r"en route|turning up|showing up)\b|"
    rf"^(?:\w+ )?{_WORKER} (?:still |actually )?(?:on (?:the|their|his|her) way|en route|coming)\W*\?|"
    rf"\bwhen (?:is |are |will )?(?:the |my |our |your )?{_WORKER} (?:be )?(?:showing|coming|arriving|"
    r"getting|turning|due|going to (?:be|get|show|turn|arrive|come))\b|"
    r"\bstill (?:nobody|no one|noone|no sign|no show|nothing|no tech|no word)\b|\bno sign of\b|"
    r"\bhow much longer\b|\bwhen (?:is|will) (?:he|she|they) (?:be )?(?:back|coming|here|arriving|due)\b|"
    # "can nobody come tonight?" asks for a visit, never how one is going
    rf"(?<!can )(?<!could )(?<!will )(?<!would )(?<!can not )"
    rf"\b(?:no one|nobody|noone|no body|no tech|no {_WORKER}) (?:is |has )?(?:here|there|come|came|shown|"
    r"showed|turned up|arrived|been)\b|\bexpect (?:the |my |our |your )?(?:tech|technician|plumber|"
    r"electrician|engineer|guy|crew|team|someone|somebody|them|him|her|you)\b|"
    # "has the tech come?" asks; "(can you / just to) have someone come" asks for a visit
    rf"\b(?<!to )(?<!you )(?<!u )(?:did|has|have) (?:the |my |our |your )?{_WORKER} (?:\w+ )?"
    r"(?:finish|finished|come|came|"
    r"arrive|arrived|show|showed|leave|left|start|started|get there|got there|fix|fixed|turn up|"
    r"turned up|make it|been)\b|"
    rf"\bhow (?:far|close|long) (?:away |out )?(?:is|are) (?:the |my |our |your )?{_WORKER}\b|"
    rf"\bhow far (?:away|out)\b|\b{_WORKER} (?:is |are )?(?:how far|far away|close)\W*$|"
    r"\bwhere (?:is|are) (?:everyone|everybody|they|you all|you guys|he|she|the crew|the team)\b|"
    rf"\b(?:is|are) (?:the |my |our |your )?(?:{_WORKER}|appointment|visit|booking|job|"
    r"everything|it|we|i|this|that) (?:still )?(?:on|confirmed|booked|happening|going ahead|set|"
    r"scheduled|coming)\b(?: for)?.*\?|\bstill on for\b|\bstill (?:coming|happening|booked|"
    r"scheduled|confirmed)\b|\b(?:been waiting|waiting) (?:since|all|for (?:hours|ages|an hour|"
    r"\d+ (?:min|hours))|(?:an|\d+) (?:hour|hours|min))|"
    r"\bwhat time (?:is|are|will) (?:he|she|they|the tech|someone|somebody|you|you guys) "
    r"(?:coming|arriving|getting|showing|here|due)|"
    rf"\b(?:is|are) (?:the |my |our |your )?{_WORKER} (?:still )?(?:running late|late|delayed|on "
    r"(?:schedule|time|track))|\b(?:running late|coming today|on schedule|on time|on track)\s*\?|"
    r"\b(?:eta|arrival time|time of arrival)\b|\btrack (?:the|my) (?:tech|technician|engineer)\b|"
    r"\bhow(?: is)? (?:it|everything|things|it all) (?:going|getting on|coming along) (?:with|on) "
    r"(?:the|my|our) "
    r"(?:repair|job|work|install|installation|fix|boiler|ac|furnace|heating)\b|"
    rf"^(?:\w+ )?{_WORKER} (?:still |actually )?coming\b[^.!]{{0,20}}\?|"
    r"\bis my (?:appointment|visit|booking) "
    r"(?:still|confirmed|on)\b|\bhow is (?:the|my) (?:repair|job|work) going\b|"
    + _STILL_ON + "|" + _ON_A_DAY + "|"
    + _VISIT_QUESTION
)
_QUOTE_WORD = r"(?:quote|quotes|quoteref|estimate|estimates|proposal|price|pricing|bid|quotation|offer)"
_APPROVE = re.compile(
    r"\b(?:approve|approved|approving|accept|accepted|accepting|agree to|sign off on|authorize|"
    r"authorise|authorized|authorising|authorizing|go ahead with|going ahead with|proceed with|"
    r"proceeding with|move forward with|moving forward with|happy with|fine with|ok with|okay with|"
    r"good with|go with|lets do|let us do|lets go with|let us go with|yes to)\b"
    rf"(?: \w+){{0,3}}? {_QUOTE_WORD}\b"
    rf"|\b{_QUOTE_WORD}(?: \w+){{0,2}}? (?:looks good|looks great|looks fine|looks ok|looks okay|is "
    r"fine|is good|is ok|is okay|is approved|approved|accepted|works for (?:me|us)|sounds good|"
    r"sounds fine|is a go)\b"
)
_BARE_APPROVAL = frozenset(
    "yes yeah ok okay please i we approve approved accept it that this the go ahead".split()
)
_GO_AHEAD = re.compile(r"\b(?:go ahead|proceed|lets do it|do the work|green light|approved?)\b")
_DECLINE = re.compile(
    r"\b(?:decline|declined|declining|reject|rejected|rejecting|pass on|passing on|turn down|"
    r"turning down|say no to|saying no to|no to|no thanks to|not (?:going|moving|proceeding|gonna) "
    r"(?:to (?:go|move|proceed) (?:ahead |forward )?with|(?:ahead|forward) with)|"
    r"will not be (?:going ahead|proceeding|moving forward) with|not (?:interested in|accepting|"
    r"taking|to (?:go|move|proceed) (?:ahead |forward )?with|"
    r"approving)|do not want|do not accept|can not accept|cannot accept|cannot afford|"
    r"can not afford|hold off on|holding off on|will not (?:accept|approve|be accepting|take)|"
    r"(?:have |has |we |i )?decided (?:against|not to (?:go ahead with|proceed with|accept|take|do))|"
    r"going to (?:pass on|decline|reject))\b"
    rf"(?: \w+){{0,3}}? {_QUOTE_WORD}\b"
    rf"|\b{_QUOTE_WORD}(?: \w+){{0,2}}? (?:(?:is|was|has been|got) )?"
    r"(?:rejected|declined|turned down|refused|not accepted)\b"
    rf"|\b{_QUOTE_WORD}(?: \w+){{0,3}}? (?:is|was|seems|looks) (?:way |much |a bit |far |just )?"
    r"(?:too (?:high|expensive|much|pricey|steep)|over (?:our|my) budget)\b.*\b(?:pass|no thanks|"
    r"decline|not going ahead|going with|elsewhere)\b"
    r"|\btoo (?:pricey|expensive|much|steep|high)\b.*\b(?:pass|no thanks|decline|not going ahead)\b"
    rf".*\b{_QUOTE_WORD}\b"
    rf"|\b(?:pass|no thanks|not going ahead)\b.*\b{_QUOTE_WORD}\b"
    r"|^(?:(?:sorry|thanks|thank you|honestly|unfortunately|but|so|well|ok|okay|no)\W+)*"
    r"(?:it is |that is |thats |way |far |much |a bit |just )*too (?:pricey|expensive|much|steep|high)"
    r"(?: for (?:us|me))?\W+(?:so )?(?:we|i) (?:will|shall|are going to|am going to) pass\W*$"
)
# A polite refusal whose object is "it" ("we'll give it a miss", "won't be going ahead"): a
# decline only when the text names a quote somewhere.
_POLITE_DECLINE = re.compile(
    r"\bgiv(?:e|ing) (?:it|this|that|them|(?:the |this |that |your )?\w+|quoteref) a miss\b|"
    r"\b(?:will not|would not|are not|am not|not) be (?:going ahead|proceeding|moving forward|going "
    r"forward|taking (?:it|this|that|you) up|going with (?:it|this|that|you))\b|"
    r"\b(?:have |has |we |i )?decided (?:not to (?:go ahead|proceed|move forward|go forward|go with|"
    r"take)|against (?:it|this|that|going ahead|proceeding))\b|"
    r"\b(?:not|never) (?:going to |gonna )?(?:go|going|proceed|proceeding|move|moving) "
    r"(?:ahead|forward)\b|\b(?:will|shall|going to|are going to|am going to|gonna) (?:have to )?pass\b|"
    r"\bpass on (?:it|this|that|this one|that one|the \w+)\b|\bno longer (?:need|want|interested)\b|"
    r"\b(?:have|has|must|need|needs|got) to (?:decline|reject|turn (?:it|this|that|them) down)\b|"
    r"\b(?:found|went with|going with|gone with|chose|chosen|picked|hired|using|booked|go with) "
    r"(?:someone|somebody|another|a different|a cheaper|other|a local)\b|\bnot for (?:us|me)\b|"
    r"\bwe will (?:leave|skip) it\W*(?:thanks|thank you|cheers|$)"
)
_QUOTE_NAMED = re.compile(rf"\b(?:{_QUOTE_WORD}|quoting|quoted|quoteref)\b")
# A bare approval opening the text and a go-ahead after it ("approved! go ahead w/ the ...").
_APPROVED_GO = re.compile(
    r"^(?:(?:yes|yep|yeah|ok|okay|great|perfect|right|alright|fine|all good|good news)\W+)*"
    r"(?:approved?|accepted?|agreed|authori[sz]ed?|signed off)\b(?! (?:by|for|to|on|loan|finance|"
    r"financing|credit|the loan))\W+(?:\w+\W+){0,3}?(?:go ahead|proceed|do it|book it|order|crack on|"
    r"get it done|get started|start|carry on|you can|let us|lets|schedule|book)\b"
)
_DECLINE_DOUBT = re.compile(
    r"\bpass(?:ed|ing)? (?:\w+ ){1,3}(?:on|along|over|back)\b|\bpass(?:ed|ing)? (?:it |this |that )?"
    r"(?:on |along )?to\b|\b(?:not|do not|never|no) (?:\w+ )?(?:declin|reject|pass|turn)\w*|"
    r"\bstill comparing\b|\bcomparing\b"
)
_BOOK = re.compile(
    r"\b(?:book|booking|schedule|appointment|set (?:me |us )?up|sign me up|put (?:me|us) (?:in|down)|"
    r"come (?:out|over|by|"
    r"fix|look|take|check|and|today|tomorrow|round|around)|send (?:someone|somebody|a|an|out|over|"
    r"your|the|one)|need (?:a|an|someone|somebody|some|you|your) |get (?:someone|somebody|a|an) |"
    r"stop by|drop by|pop (?:by|round|over)|visit|estimate|quote|service call|availability|"
    r"available|fix|repair|install|replace|replacement|look at|check (?:out|on)|come|someone|"
    r"somebody|engineer|plumber|electrician|technician|tech|emergency|urgent|asap|broken|"
    r"not working|stopped working|leaking|need help|can you help|help with|openings?|"
    r"(?:anything|any (?:slots?|times?|appointments?|space|room|spots?)) (?:open|free|available|left)|"
    r"free (?:slots?|spots?)|fit (?:me|us) in|(?:what|which) (?:days|times|slots|dates|day|time) (?:do|does|"
    r"have|are|is) (?:you |u |you guys )?(?:have |got )?(?:open|free|available)|"
    r"squeeze (?:me|us) in|put (?:me|us) (?:in|down) for|come and (?:look|see|fix|check)|"
    r"take a look|have a look|look at it|looked at|check it out|sort (?:it|this) out)\b"
)
_QUESTION_ONLY = re.compile(
    r"^(?:are you|do you|how much|what (?:are|is) your|is there|are there|how (?:do|does) (?:you|it))"
    r"\b"
)


# A named day or time refused ("wednesday is no good now"); with another time wanted, a move.
_REFUSED = re.compile(
    r"\b(?:slot|time|appointment|appt|visit|booking|date|day|morning|afternoon) (?:\w+ )?(?:does not|"
    r"will not|would not|no longer|is not going to|is not gonna) (?:work|works|suit|suits)\b|"
    r"\b(?:does not|no longer) (?:work|works|suit|suits)(?: for (?:me|us))? (?:anymore|any more)\b|"
    r"\b(?:\w+day|tomorrow|today|tonight|that|it|the (?:date|time|day|slot)|mornings?|afternoons?|"
    r"evenings?|then) (?:is |are |will be |would be )?(?:no good|not good|no longer (?:good|possible|ok|"
    r"okay)|not (?:possible|ok|okay)|bad|out|a no go|no go|off)\b|\b(?:\w+day|tomorrow|today|that|it) "
    r"(?:does not|will not|would not|is not going to|is not gonna) (?:work|suit)\b"
)


# "How much would a new water heater set me back?" asks a price; nothing is put back.
_COST_IDIOM = re.compile(r"\b(?:how much|what)\b[^.?!]{0,50}\bset (?:me|us|you) back\b")


def detect_customer(message: Message) -> Verdict | None:
    """Classify a customer's request, preferring harmless readings when a text is ambiguous."""
    text = message.masked
    if message.has(_COST_IDIOM):
        return None
    if (
        message.service
        and (message.has(_OFFERED) or message.has(_DAY_REFUSED) and not message.has(_NAMED_WORKER))
        and not message.has(_EXISTING_VISIT)
    ):
        return Verdict(intents.BOOK, 0.8)
    # "cant do tomorrow, cancel tomorrow's": the day refused is the visit cancelled, not moved
    cancels_only = _cancel_requested(message) and not message.has(_BOOK_AGAIN) and \
        not _move_asked(text)
    if message.has(_REFUSED) and message.when and not message.has(_STATUS):
        return Verdict(intents.CANCEL if cancels_only else intents.RESCHEDULE, 0.8)
    if message.has(_STATUS) and message.has(_RESCHEDULE) and all(
            negated_before(text, found.start()) for found in _RESCHEDULE.finditer(text)):
        return Verdict(intents.JOB_STATUS, 0.85)  # "i don't want another slot, is he on the way?"
    if cancels_only and (message.has(_RESCHEDULE) or message.has(_MOVE_WORD)):
        return Verdict(intents.CANCEL, 0.9)  # "i dont want to move it, i want it cancelled"
    if message.has(_RESCHEDULE) or (message.has(_INSTEAD) and message.when):
        return Verdict(intents.RESCHEDULE, 0.9 if message.when or message.has(_RESCHEDULE) else 0.7)
    if _cancel_requested(message):
        if message.when and message.has(_BOOK_AGAIN):
            return Verdict(intents.RESCHEDULE, 0.7)
        return Verdict(intents.CANCEL, 0.9)
    if message.has(_STATUS):
        return Verdict(intents.JOB_STATUS, 0.85)
    if message.has(_BOOKED_FOR) and message.when:
        return Verdict(intents.RESCHEDULE, 0.75)
    quote_verdict = _quote_decision(message)
    if quote_verdict:
        return quote_verdict
    if message.has(_DONT_CANCEL) and message.when:
        return Verdict(intents.RESCHEDULE, 0.7)
    if message.has(_OPENING_HOURS) and not message.has(_BOOK_VERB):
        return None
    asks_of_a_quote = message.has(_QUOTE_QUESTION) or message.has(_QUOTE_WEIGHED)
    if asks_of_a_quote and not message.service and not message.when:
        return None
    if message.has(_PRAISED) and not message.when and not message.has(_ASKED):
        return Verdict(intents.THANKS, 0.7)
    if message.has(_BOOK) or message.service:
        if _QUESTION_ONLY.search(text) and not message.when and not message.service:
            return None
        return Verdict(intents.BOOK, 0.85 if message.service or message.when else 0.75)
    if message.when and _only_a_time(message.tokens):
        return Verdict(intents.BOOK, 0.55)
    return None


# The booking as it stands, then another time ("the engineer is booked for 9 but can he come at 11").
_BOOKED_FOR = re.compile(
    r"\b(?:booked|scheduled|pencilled in|penciled in|down|set|confirmed|due|coming) (?:in )?(?:for|at|on) "
    r"[^,.!?]{1,30}?(?:,|\bbut\b|\bcan\b|\bcould\b|\bany chance\b)"
)


# Refusing a slot the business offered while asking for a service is still booking it ("you offered
# Tuesday but we can't, how about Thursday for the furnace repair"; "I'd like someone to unclog the
# sink, can't do tomorrow"); with an existing appointment named, it is a move.
_OFFERED = re.compile(
    # "the list you sent" is of visits already booked, never times offered to book
    r"(?<!\blist )(?<!\btext )(?<!\bmessage )\byou (?:offered|suggested|proposed|gave|sent|mentioned)\b|"
    r"\b(?:i|we) would like (?:someone|somebody|"
    r"a|an|you|to (?:book|get|have|schedule))\b|\b(?:i|we) (?:need|want) (?:someone|somebody|a|an|to book)\b"
)
# A day turned down ("can't do tomorrow, how about monday") beside a described problem and no
# visit already booked is a first booking; a named worker ("the plumber can't do...") is not.
_DAY_REFUSED = re.compile(
    r"\b(?:cannot|can not|could not) do (?:\w+day|tomorrow|today|tonight|then|that|mornings?|"
    r"afternoons?|evenings?|the \w+)\b|"
    r"\b(?:\w+day|tomorrow|today|tonight|mornings?|afternoons?|evenings?) (?:is |are |will be |would be )?"
    r"(?:no good|not good|bad|out|a no go|no go|does not work|will not work|is not going to work)\b"
)
_NAMED_WORKER = re.compile(
    r"\b(?:tech|techs|technician|plumber|electrician|engineer|guy|crew|team|he|she|they|you|your guy)"
    r" (?:cannot|can not|could not|is|are|will|would)\b"
)
_EXISTING_VISIT = re.compile(
    r"\b(?:appointment|appointments|appt|booked|booking|rebook|scheduled|reschedule|my visit|the visit|"
    r"our visit|move|moved|push|pushed|anymore|any more|instead of (?:the|my|our))\b|"
    # "the plumbing one next tuesday doesn't work": a visit booked, named by its work
    r"\b(?:the|my|our) (?:plumbing|electrical|electric|hvac|ac|furnace|heating|drain|water heater|"
    r"boiler|outlet|panel|sink|toilet) (?:one|visit)\b"
)


# Asking about a quote already sent ("is the quote ready?") books nothing and decides nothing.
_QUOTE_QUESTION = re.compile(
    rf"\b(?:the|my|our|your|that|this) {_QUOTE_WORD}\b.*\?|"
    rf"^(?:what|when|how|is|are|has|have|did|does|do|where|why|which|can|could)\b.*"
    rf"\b(?:the|my|our|your|that|this) {_QUOTE_WORD}\b"
)
# Weighing a quote already sent ("we might have to decline the quote", "we need to think about the
# estimate") asks for no visit.
_QUOTE_WEIGHED = re.compile(
    rf"\b(?:decline|reject|accept|approve|think|afford|proceed|forward|ahead|budget)\b.*"
    rf"\b(?:the|my|our|your|that|this) {_QUOTE_WORD}\b|"
    rf"\b(?:the|my|our|your|that|this) {_QUOTE_WORD}\b.*\b(?:decline|reject|accept|approve|think|afford|"
    r"proceed|forward|ahead|budget)"
)


# A reply that names only a time ("tomorrow at 3?", "thursday works") is a wish for a slot.
_TIME_WORDS = frozenset(
    "today tonight tomorrow monday tuesday wednesday thursday friday saturday sunday weekend "
    "morning afternoon evening night noon midday am pm oclock ish next this week weeks day days "
    "month after before between by around about at on in from to till until the a an and or "
    "early late earlier later first thing any anytime time sometime either of jan feb mar apr may "
    "eve fortnight half quarter past one two three four five six seven eight nine ten eleven twelve "
    "couple few end start beginning o clock lunch lunchtime dinner breakfast school work "
    "jun jul aug sep sept oct nov dec january february march april june july august september "
    "october november december".split()
)
_REPLY_FILLER = frozenset(
    "ok okay yes yeah sure please pls works work good fine great perfect best is would be could "
    "can you we do how what maybe possibly free available i am for me us that then instead "
    "also or else better suits suit works? ideally preferably if possible either anything something "
    "got open".split()
)


def _only_a_time(tokens: list[str]) -> bool:
    return all(
        token in _TIME_WORDS
        or token in _REPLY_FILLER
        or token.isdigit()
        or token[:-2].isdigit()
        or ":" in token
        or "/" in token and token.replace("/", "").isdigit()
        or token.endswith(("am", "pm", "ish", "st", "nd", "rd", "th")) and token[0].isdigit()
        for token in tokens
    )


# Praise for a visit that happened ("the tech was great, job done") thanks; it books nothing.
_PRAISED = re.compile(
    r"\b(?:was|were|did|been|is) (?:so |really |very |super |absolutely |such )?(?:great|amazing|awesome|"
    r"fantastic|brilliant|excellent|lovely|wonderful|superb|helpful|professional|a star|a legend|"
    r"(?:a )?(?:great|good|fantastic|brilliant|excellent|amazing|top) job)\b|\b(?:great|good|fantastic|"
    r"brilliant|excellent|amazing) (?:job|work|service)\b"
)
_ASKED = re.compile(
    r"\b(?:can|could|would|will|please|need|needs|want|book|schedule|send|come|again|another|"
    r"still|but|however|not|no|broken|leak\w*|problem|issue)\b|\?"
)
_OPENING_HOURS = re.compile(
    r"\b(?:are you|you guys|are you guys) (?:open|closed)\b|\b(?:opening|business|office) hours\b|"
    r"\bwhat (?:are )?your hours\b|\bwhat time do you (?:open|close)\b|\bwhen do you (?:open|close)\b"
)
_BOOK_VERB = re.compile(r"\b(?:book|schedule|appointment|come|send|visit)\b")
_MOVE_WORD = re.compile(r"\b(?:move|moving|moved|push|pushed|reschedule|rebook|shift|bump|"
                        r"change|instead|another (?:day|time))\b")


def _move_asked(text: str) -> bool:
    """Whether a move word stands un-negated ("i dont want to move it" asks no move)."""
    return any(not negated_before(text, m.start()) for m in _MOVE_WORD.finditer(text))


_BOOK_AGAIN = re.compile(r"\b(?:book|rebook|instead|and (?:do|make it|move))\b")


_STILL_ON_RE = re.compile(_STILL_ON)


def asks_still_on(text: str) -> bool:
    """Whether a (normalized) text asks if a visit is still on ("are we still good for monday")."""
    return _STILL_ON_RE.search(text) is not None


def says_dont_cancel(text: str) -> bool:
    """Whether a (normalized) text forbids a cancellation ("NO dont cancel anything")."""
    return _DONT_CANCEL.search(text) is not None


# "cancel eddie's.": the visit named by its technician's name, as written (the possessive is
# gone from the canonical text).
_CANCEL_WHOSE = re.compile(
    r"\bcancel (?!(?:it|that|what|there|here|he|she|let|who|this)['’]s\b)[a-z]+['’]s\b"
    r"(?: (?:one|visit|appointment|appt|booking))?\s*(?:[,.!;]|$|\b(?:and|too|please|pls|also)\b)",
    re.IGNORECASE)


def _cancel_requested(message: Message) -> bool:
    text = message.masked
    if message.has(_DONT_CANCEL) or message.has(_STILL_ON_RE):
        return False
    # "i suppose i won't need the second visit? please cancel that one": the sentence asking
    # is plain, so the doubt of another one does not void it
    plain = not is_hedged(text)
    if plain and _CANCEL_WHOSE.search(message.original) and not negated_before(
            message.original.lower(), message.original.lower().find("cancel")):
        return True
    for m in _CANCEL_VERB.finditer(text):
        if negated_before(text, m.start()) or (not plain and is_hedged(_sentence_at(text, m.start()))):
            continue
        if _CANCEL_OBJECT.match(text[m.end() :]) or _CANCEL_APPOINTMENT.match(text[m.end() :]) or \
                _CANCEL_REFERENCE.match(text[m.end() :]):
            return True
    for m in _WANTS_CANCELLED.finditer(text):
        if plain and not negated_before(text, m.start()) and not _ASKS_WHETHER.search(text[:m.start()]):
            return True
    for m in _DROP_VERB.finditer(text):  # "drop the second tune up": only a visit named by place
        if plain and not negated_before(text, m.start()) and _CANCEL_REFERENCE.match(text[m.end() :]):
            return True
    return plain and message.has(_NO_LONGER_NEEDED)


def _sentence_at(text: str, position: int) -> str:
    """The sentence of `text` that holds `position`."""
    starts = [found.end() for found in re.finditer(r"[.!?;]\s", text[:position])]
    ends = re.search(r"[.!?;](?:\s|$)", text[position:])
    return text[starts[-1] if starts else 0:position + (ends.end() if ends else len(text))]


def _quote_decision(message: Message) -> Verdict | None:
    text = message.masked
    if message.has(_CONDITION):
        return None
    slots = {"quote": message.quote} if message.quote else {}
    decline = _DECLINE.search(text)
    if decline and not message.has(_DECLINE_DOUBT) and _decided(text, decline):
        return Verdict(intents.DECLINE_QUOTE, 0.85, slots)
    polite = _POLITE_DECLINE.search(text)
    if (
        polite
        and (message.quote or message.has(_QUOTE_NAMED))
        and not negated_before(text, polite.start(), window=2)
        and not message.has(_DECLINE_DOUBT)
        and _decided(text, polite)
    ):
        return Verdict(intents.DECLINE_QUOTE, 0.8, slots)
    approve = _APPROVE.search(text)
    if approve is None and not decline:
        approve = _APPROVED_GO.search(text)
    if (
        approve
        and not decline
        and not negated_before(text, approve.start())
        and not _INDEFINITE.search(approve.group())
        and _decided(text, approve)
        and not re.search(r"\b(?:not|no|never|cannot|do not)\b", text)
    ):
        return Verdict(intents.APPROVE_QUOTE, 0.85, slots)
    if is_hedged(text):
        return None
    if set(message.tokens) <= _BARE_APPROVAL and set(message.tokens) & {"approve", "accept", "approved"}:
        return Verdict(intents.APPROVE_QUOTE, 0.7, slots)
    if message.quote and message.has(_GO_AHEAD) and not re.search(r"\b(?:not|no|never)\b", text):
        return Verdict(intents.APPROVE_QUOTE, 0.8, slots)
    return None


# A condition anywhere makes a decision conditional; other doubt only counts in its own clause.
_CONDITION = re.compile(
    r"\b(?:if|unless|whether|provided|assuming|once)\b|"
    # Waiting on something, not on a date ("not moving forward until I see the quote").
    r"\b(?:until|till|til|before) (?:i|we|you|they|he|she|it|my|our|your|after)\b|"
    r"\b(?:until|till|til|before) (?:\w+ ){1,3}?(?:agrees?|sees?|signs?|approves?|gets?|got|hears?|talks?|"
    r"checks?|decides?|reviews?|comes?|is|are|has|have|can|does|confirms?|looks?|speaks?|pays?|says?)\b"
)
_INDEFINITE = re.compile(r"\b(?:a|an|another|new|free|different|other|second|some|any)\b")
_CLAUSE_END = re.compile(r"[,.;!?\n]| - |\b(?:but|and then|so)\b")
_SOFT_HEDGES = re.compile(r"\b(?:going to|later|for now)\b")


def _decided(text: str, match: re.Match[str]) -> bool:
    """Tell whether the clause holding a quote decision states it plainly (no question, no doubt)."""
    starts = [m.end() for m in _CLAUSE_END.finditer(text, 0, match.start())]
    start = starts[-1] if starts else 0
    end_match = _CLAUSE_END.search(text, match.end())
    end = end_match.start() if end_match else len(text)
    clause = text[start:end]
    if end_match and end_match.group() == "?":
        return False
    return not is_hedged(_SOFT_HEDGES.sub(" ", clause))
