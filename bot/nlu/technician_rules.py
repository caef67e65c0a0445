"""What technicians report from the field: en route, arrived, done, late, paused, next, notes."""

from __future__ import annotations

import re

from bot.nlu import intents
from bot.nlu.arrival import arrival_time_in
from bot.nlu.message import Message, Verdict
from bot.nlu.quantities import minutes_in
from bot.nlu.small_talk import without_polite_tail

_NOTE = re.compile(
    r"^(?:(?:please|pls|plz) )?(?:note|notes|(?:job|work|site|tech|service) notes?|"
    r"add (?:a |this )?note|adding (?:a )?note|fyi|for the record|"
    r"for the (?:file|notes|job notes|log|job file)(?=\s*[:,-])|"
    r"log|memo)\b[\s:,-]*"
    r"|\b(?:add|put|make|leave) (?:a |this |the )?note\b|\bnote (?:that|to self)\b"
    r"|\b(?:add|put|write|log|jot|enter|record|save)(?: (?:this|that|it|down))?(?: \w+){0,5}? "
    r"(?:to|in|into|on) (?:the |my |this )?(?:job |work order |ticket |customer )?"
    r"(?:notes?|file|record|log)\b"
    # "add to job: 2 cats, keep doors shut", "put on the ticket - side gate sticks"
    r"|^(?:(?:please|pls|plz) )?(?:add|put|log|save|attach|pin)(?: (?:this|that))? (?:to|on|in|onto) "
    r"(?:the |this )?"
    r"(?:job|ticket|work order|wo|job history|customer history|account|customer|history)\s*[:-]"
    # "heads up for next tech - shutoff is behind the washer", "for future visits: ..."
    r"|^(?:(?:heads[- ]?up|fyi|pro tip|tip|reminder|remember|info|keep in mind|psa)\W*)?"
    r"(?:for|to) (?:the |any )?"
    r"(?:next (?:tech|techs|guy|person|crew|visit|time|one out)|future (?:visits?|techs?|reference)|"
    r"whoever (?:comes|goes|is) (?:out |back )?(?:next|after me|out here))\b(?! who\b)"
    # "next visit bring a 10ft ladder", "next time: call before"
    r"|^(?:for |on )?(?:the )?next (?:visit|time)\b"
    r"(?:\s*[:,-]|\s+(?:bring|need|needs|remember|check|use|call|"
    r"park|knock|ring|text))"
)
_LATE = re.compile(
    r"\b(?:running|gonna be|going to be|will be|be|am|i am|bit|little|a bit|few|min|minutes|hour)"
    r" ?(?:\w+ ){0,3}late\b|\blate by\b|\brunning behind\b|\bbehind schedule\b|\bdelayed\b|"
    r"\brunning (?:\w+ ){0,5}behind\b|\b\d+ ?(?:min )?(?:behind|late)\b|\bstuck in traffic\b|"
    r"\bheavy traffic\b|\btraffic is\b|\bbehind (?:by|on)\b|\brunning over\b|^\W*behind \d{1,3}\b|"
    r"\b(?:voy|llego|estoy) (?:\w+ )?(?:tarde|retrasado)\b|"
    r"\bprevious job (?:is )?(?:running|taking) (?:long|over)\b|\bnot going to make it on time\b|"
    r"^(?:\w+ ){0,2}late\b|\blate (?:by )?(?:\d|half|an|a|about|around|like|another)\b|"
    r"\b(?:\d{1,3}|five|ten|fifteen|twenty|twenty five|thirty|forty|forty five|sixty|an hour|half an hour)"
    r" ?(?:more |extra )?(?:min|mins|minutes|hour|hours|hr|hrs)? (?:behind|late)\b|"
    # "add 20 to my eta", "tack on 15 to my eta", "push my eta back 20", "eta slipped"
    r"\b(?:add|adding|tack on|tacking on|plus|another) (?:another |an extra |like |about |around )?"
    r"(?:\d{1,3}|five|ten|fifteen|twenty|twenty five|thirty|forty|forty five|an hour|half an hour)"
    r"(?: ?(?:min|mins|minutes|hour|hours))? (?:to|onto|on) (?:my|the) (?:eta|arrival|time)\b|"
    r"\b(?:push|pushing|pushed|bump|bumping|bumped|move|moving) (?:my|the) eta (?:back|out)\b|"
    r"\beta (?:is |just |got )?(?:pushed|bumped|slipping|slipped|moved back|going up)\b|"
    r"\b(?:previous|last|earlier|other|first|morning) (?:job|call|stop|one|appointment) (?:\w+ )?"
    r"(?:ran|running|is running|went|going|took|taking) (?:over|long|longer)\b|\bran over\b"
)
_EN_ROUTE = re.compile(
    r"\bon my way\b|\bon the way\b|\bheaded (?:to|over|there|out|your way|that way)\b|\bheading "
    r"(?:to|over|there|out|your way|that way)\b|\bhead(?:ing|ed)? (?:over )?now\b|\ben route\b|"
    r"\bleaving (?:now|the shop|the yard|the last|the previous|for)\b|\bbe there in\b|\beta\b|"
    r"\bdriving (?:to|over|there)\b|\brolling\b|\bcoming (?:now|over|to)\b|\b(?:be|arrive|arriving) "
    r"(?:there|on site|onsite)? ?in \d|\bwill be there (?:in|soon|shortly)\b|\bon route\b|"
    r"\bomw\b|\bdeparting\b|\bjust left\b|\bpulling out\b|\bstarting (?:my )?drive\b|"
    r"\b(?:just )?(?:leaving|left|finishing|done at|wrapping up at) (?:the |my )?(?:last|previous|current|"
    r"other|first) (?:job|call|stop|site|one)\b.*\b(?:in \d|next|headed|heading|there|over|with)\b|"
    r"\bbe (?:with|at|there|over|by|round|around) (?:you|the next|the customer|the next customer|"
    r"next|it|the house|the property|yours|your place)(?: \w+){0,2} (?:in|within|by) (?:\d|a|an|half|"
    r"about|around|like|roughly|under)\b|\b(?:on|in) (?:the|my) (?:van|truck) (?:now|heading|"
    r"headed|going|to)\b|\bhit the road\b|\bmoving to (?:the )?next (?:job|call|stop|customer)\b|"
    r"\b(?:10|ten|5|five|15|fifteen|20|twenty|30|thirty|\d+) (?:min|mins|minutes) (?:out|away)\b|"
    r"\b(?:min|minutes) (?:out|away)\b|"
    r"\b(?:\d{1,3}|five|ten|fifteen|twenty(?: five)?|thirty|forty(?: five)?|sixty|ninety|half (?:an )?hour|"
    r"(?:an )?(?:hour|hr)(?: and a half)?) out\b"
    r"(?! (?:of|on|for|the|a|an|to)\b)|"
    # Spanish basics: "voy en camino", "llego en 15"
    r"\ben camino\b|\bllego en\b|\bllegando\b|"
    r"^\W*(?:be )?back in (?:\d|half|an? |about|around|like|twenty|thirty|ten|"
    r"fifteen|forty)|\bnearly there\b|\balmost there\b|\bclose by\b|"
    r"\bround the corner\b|\baround the corner\b|"
    r"\b(?:setting|set|heading|headed|head|pushing|shooting|driving) (?:off|out)\b(?! (?:the|an?|of)\b)|"
    r"\bon the road\b|\bout the door\b|"
    r"(?:^|\b(?:i am|am|we are|now|just|and|so) )"
    r"off to (?:you|yours|the next|next|the job|the site|the customer|job|site|customer|"
    r"\w+ (?:house|place|job|site))\b|\b(?:leaving|left) (?:the )?(?:depot|yard|shop|office|warehouse|"
    r"supplier|merchants?|"
    r"wholesaler|house|site)\b|\b(?:there|with you|at yours|on site|onsite|at the house|over) "
    r"(?:in|within) (?:\d|a |an |half|about|around|approx|roughly|under|like)"
)
# Saying when the technician will get there, with a time of day: "gonna be there 1230ish".
_ARRIVING = re.compile(r"\b(?:be|get|getting|make it|arrive|arriving) (?:there|over|to you)\b|"
                       r"\bthere (?:by|around|about|at)\b")
# Going to lunch, on a break, to the supply house or home is no trip to a visit: "omw to lunch",
# "headed to the supply house", "grabbing lunch then headed to 26th st".
_OFF_JOB_STOP = (
    r"(?:lunch|breakfast|dinner|a bite|food|coffee|a coffee|(?:my |a |quick |lunch )?break|gas|fuel|"
    r"(?:the )?gas station|(?:the )?(?:supply|parts) (?:house|store|counter)|(?:the )?suppliers?|"
    r"(?:the )?(?:hardware|parts) store|home depot|lowes|home|"
    # the company's own places, unless a visit is there ("the office park on 5th")
    r"(?:the )?(?:shop|yard|depot|office|warehouse)(?=\W*$|\s+(?:to|for|then|first|now|quick|real quick)\b))"
)
_ELSEWHERE = re.compile(
    r"\b(?:on my way|on the way|headed|heading|head|going|driving|off|en route|leaving|running|omw|"
    r"on route)(?: back| over| out| down| up| off)? (?:to |for |toward |towards )?(?:grab |get |pick up |"
    r"grab some |get some |go )?(?:the |a |my |some |quick )?" + _OFF_JOB_STOP + r"\b|"
    r"\b(?:grabbing|getting|taking|having|eating|stopping for|stopping at|stop for|stop at|grab|get|take|"
    r"on|at)(?: a| my| some| quick| the)? " + _OFF_JOB_STOP
    + r"\b(?: \w+){0,2}?(?:,? then|,? and then|,? after that| first)\b|"
    r"\bafter (?:i |we )?(?:grab |get |eat |have |take )?(?:my |a |some )?"
    r"(?:lunch|break|coffee|breakfast|gas|fuel)\b"
)
# A trip to a visit after a stop: "grabbing lunch then heading to okafor", "stopping at the
# supply house first, be at chen by 11" (a plan; the stop itself is no trip).
_TRIP_AFTER_A_STOP = re.compile(
    r"\b" + _OFF_JOB_STOP + r"\b[^.;!?]{0,30}?\b(?:then|after that|after|first)\W+(?:i'?ll |will |im |i am |"
    r"gonna )?(?:head|heading|headed|go|going|off|omw|otw|swing|swinging|drive|driving|be at|be there|"
    r"be over|get to|over) (?!(?:to )?" + _OFF_JOB_STOP + r"\b)"
)
# An arrival time promised: "be at chen by 11", "should be there around 2:30".
_ARRIVAL_PROMISED = re.compile(
    r"\b(?:be|get|getting|arrive|arriving|make it)(?: (?:at|to|over at) (?!(?:" + _OFF_JOB_STOP
    + r"|(?:the |my )?(?:shop|yard|depot|office|warehouse))\b)[a-z0-9' ]{1,30}?| there| over)? "
    r"(?:by|around|at about|about|at|before) (?:\d{1,2}(?::\d\d)?\s*(?:am|pm)?|noon)\b"
)
# An arrival time hedged at a customer named, no verb said: "prob 1:45 at hughes", "maybe 11 at
# the chen job" (never "prob 2 at the earliest", a bound, not a place).
HEDGED_ARRIVAL_AT = re.compile(
    r"^\W*(?:prob|probably|prolly|maybe|likely|around|about)\s+(?:like |about |around )?"
    r"(?:\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm)?|noon)(?:ish)?\s+(?:at|@)\s+"
    r"(?!(?:the )?(?:earliest|latest|most|least|best|worst)\b)[a-z]"
)
# "stopping for gas then on my way eta 25": a time to the visit makes the stop part of the trip.
_ETA_TO_VISIT = re.compile(
    r"\b(?:eta|(?:be|get|arrive|arriving) (?:there|to you|with you|on site|at yours)? ?in|"
    r"(?:min|minutes|hour|hr) (?:out|away))\b"
)
# "let me in, heading to the attic": a way inside the house, not a trip.
_INSIDE = re.compile(
    r"\b(?:on my way|heading|headed|head|going) (?:up |down |out |back |over )?(?:to|into) (?:the )?(?:attic|"
    r"basement|crawl ?space|roof|rooftop|mech(?:anical)? room|boiler room|utility room|furnace room|garage|"
    r"back ?yard|panel|closet|breaker box|electrical room)\b"
)
# "leaving the shop now", "on my way from the supply house": a stop left behind, the trip is to a visit.
_LEAVING_A_STOP = re.compile(r"\b(?:leaving|left|from|back from)(?: the| my)? " + _OFF_JOB_STOP + r"\b")
_ARRIVED = re.compile(
    r"^(?:i am |im |am |we are |were )?(?:here|arrived|on site|onsite|at the door|outside)\b|"
    r"\bwalking up (?:to )?(?:the )?(?:door|house|driveway|porch)\b|"
    r"\bi am (?:here|on site|onsite|at the (?:house|property|site|job|door|location|address|"
    r"customer|home|gate|building)|outside|at the door)\b|\barrived\b|\bon site\b|\bonsite\b|"
    r"\bpulled up\b|\bpulling up\b|\bpulled (?:in|into|onto)\b|\bpulling (?:in|into)\b|"
    r"\b(?:in|on) the (?:driveway|drive|lot|car park|parking lot|forecourt|street outside)\b|"
    r"\bparked (?:up|outside|out front|in|at|on)\b|\bmade it(?: yes)*\W*$|\bi am in\W*$|\bwalking in\b|"
    # "in the building, going down to the mech room", "just got to Riverside Plaza"
    r"^(?:i am |we are |now |just got )?in the building\b|\bon-site\b|"
    # "I'm at Mrs Olsen's", "at Dr. Patel's now": a customer named with a title is where the visit is
    r"^(?:i am |im |we are |just |now )?(?:here )?(?:at|@) (?:(?:mr|mrs|ms|miss|dr)\.? )+[a-z]+(?:'s|s'|s)?"
    r"(?: (?:now|place|house|home|office|residence))?(?=\s*(?:[,.;!-]|$))|"
    # "got in, customer let me in", "starting diagnostics": work under way is work on site
    r"\b(?:customer|homeowner|owner|tenant|client|they|she|he|super|manager|maint \w+) "
    r"(?:just )?let (?:me|us) in\s*(?:[,.;!-]|$)|"
    r"(?:^|[,.;!-] )(?:\W*(?:ok|okay|alright|here|in|inside)\W+)?(?:now |just )?(?:starting|beginning|"
    r"getting started on|started on) "
    r"(?:the |my |on (?:the )?)?(?:diagnostics?|diag|diagnosis|troubleshooting|"
    r"inspection|assessment|install|installation|repair|tune ?up|maintenance|service call|walkthrough|"
    r"walk through|furnace|unit|boiler|water heater|heater|condenser|compressor|system|rtu|drain|toilet|"
    r"sink|panel|job|work)\b"
    r"(?![^,.;!?]*\b(?:tomorrow|later|tonight|next|after|at \d|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday)\b)|"
    # "inside now", "got in, looking at the unit", "at 118 birch now"
    r"^(?:i am |we are |now |just |just got |got )?inside(?: now)?\s*(?:[,.!-]|$)|"
    r"^(?:just )?got in\s*(?:[,.!-]|$)|"
    r"^(?:i am |we are |just |now )?(?:at|@) \d{1,6} "
    r"(?!(?:now|am|pm|o clock|min|mins|minutes|hours?|hrs?|percent|"
    r"degrees|psi|volts|amps)\b)[a-z]+(?: [a-z]+){0,2}(?: now)?\s*(?:[,.!-]|$)|"
    r"^(?:i |we )?(?:just )?(?:got|made it|pulled up|rolled up) to (?!(?:work|it|know|see|say|go|be|do|make|"
    r"get|wait|finish|call|check|head|leave|run|grab|pick|fix|replace|swap|order|start|clean|tell|talk|ask|"
    r"figure|find|the point|the end|the bottom|the part|" + _OFF_JOB_STOP + r")\b)"
    r"(?:the )?[a-z0-9' ]{2,40}?(?:[.,!;]|$)|"
    r"\b(?:at|outside) (?:your|the) (?:door|gate|property|house|place)\b|\bringing (?:the )?"
    r"(?:bell|doorbell)\b|\bon scene\b|\bonsite now\b|\bjust landed\b|\bgetting my tools\b|"
    r"\bjust got here\b|\b(?:just )?rolled (?:up|in)\b|\b(?:ya )?llegue\b|\bya estoy aqui\b|"
    # "just got to the customer's", "made it to the job": the place of the visit, reached now
    r"\b(?:got|made it|pulled up) (?:over )?to the (?:customer|customers|client|clients|job|jobsite|job site|"
    r"site|house|property|address|home)\b(?! (?:by|at|tomorrow|later|next|after)\b)|"
    r"\bgot here\b|\bhere now\b|\bat the "
    r"(?:house|property|site|job site|jobsite|door|location|address|customer|front door)\b|"
    # "found the part, back on the job": a paused job taken up again
    r"\bback (?:on|at) (?:the |this |that )?(?:job|site|it|work)\b|"
    r"\bon location\b|\bchecked in\b|\bchecking in\b|\bknocking\b|\bjust arrived\b|"
    r"^(?:i am |just |now |made it )?(?:at|@) (?:the )?[a-z' ]{1,30}?(?:house|place|residence|home|"
    r"property|site|job|address|apartment|flat|office|building|store|shop|unit|condo)\b(?! (?:next|later|"
    r"tomorrow|at \d))|^(?:i am |just |now )?(?:at|@) (?:the )?[a-z' ]{1,30}? now\b|"
    # "at fischers", "@ the smiths'", "just got to 42 elm": a customer's or a street's name alone
    r"^(?:i am |im |just |now )?(?:at|@) (?:the )?[a-z]+(?:'s|s'|s)\W*$|"
    r"^(?:just |now )?(?:got|made it) to (?:the )?(?:\d{1,6} [a-z]+|[a-z]+(?:'s|s'|s))\W*$"
)
_PAUSED = re.compile(
    # "here but gate's locked, no code", "dog loose, can't get to the unit"
    r"\b(?:gate|door|garage|house|panel|attic|basement|crawlspace|building|shed) (?:is |was )?locked\b|"
    r"\bno (?:gate |door |access |lockbox |entry )?code\b(?! needed)|"
    r"\bno (?:gate |door |lockbox )?(?:key|combo|combination)\b(?! needed)|"
    r"\bcannot get (?:to|into|at|in|near)\b|"
    # a dog "in the yard" is a fact for the notes; loose or off the leash keeps the tech out
    r"\b(?:dog|dogs) (?:is |are )?(?:loose|out|off (?:the |its )?leash)\b|"
    r"\b(?:nobody|no one) (?:gave|left|sent) (?:me )?(?:the |a )?(?:gate |door |lockbox |access )?"
    r"(?:code|key)\b|"
    r"(?<!\bno )\bparts? needed\b|\bmissing (?:a |the |some )?parts?\b|"
    r"\bschedule (?:a )?(?:return|revisit|follow ?up|second visit|callback)\b|"
    r"\bwaiting (?:for|on) (?:a |the |some )?(?:part|parts|supplies|material|materials|approval|"
    r"delivery|customer|homeowner|owner|inspector|inspection|permit|landlord|property manager|manager|"
    r"super|building super|city|utility|gas company|power company|electric company|go ahead|sign off|"
    r"supervisor|office|dispatch|callback|call back|adjuster|warranty|manufacturer)\b|"
    r"\bneed(?:s)? (?:to )?(?:come|go) back\b|"
    # "holding off til the electrician fixes the panel": work stopped until someone else is done
    r"\b(?:holding off|hold off|have to hold off|need to hold off|stopping|stopped|on pause|parked) "
    r"(?:here |work )?(?:til|till|until)\b|"
    r"\b(?:return|follow up|followup|second) (?:visit|trip)\b|\bcome back (?:tomorrow|later|"
    r"another|next|on|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|"
    r"\b(?:nobody|no one|noone|no body) (?:is )?(?:home|here|there|answering|answered|around)\b|"
    r"\bcannot (?:get in|access|finish|complete|get access)\b|\bno access\b|\blocked (?:out|gate)\b|"
    r"\b(?:customer|homeowner|owner|tenant) (?:is )?not (?:home|there|here|answering)\b|"
    r"\bnot home\b|\b(?:need|needs|ordering|ordered|order) (?:a |the |some |new )?(?:part|parts)\b|"
    r"\bpart(?:s)? (?:on order|ordered|not in stock|back ?ordered)\b|\bon hold\b|\bpaus(?:e|ed|ing)\b|"
    # "parts on backorder, need to reschedule", "have to stop and wait for the water co"
    r"\bback[- ]?order(?:ed)?\b|\b(?:is|are|s|was|were|supplier|supply house|warehouse|distributor|they are) "
    r"(?:\w+ )?(?:out of|not in) stock\b|"
    # the visit to reschedule named ("need to reschedule Mrs Lee", "gotta rebook the kim job"), or the
    # reason said before ("wrong part came, will have to reschedule"): not the writer's own plans
    r"\b(?:need|needs|have|has|got|will have|will need|going to have|gonna have) to (?:reschedule|rebook) "
    r"(?:(?:mr|mrs|ms|miss|dr)\b|(?:the|this|that) (?:\w+ )?(?:job|call|visit|install|repair|customer|one|"
    r"rest)\b|(?:him|her|them|it|the \w+s)\W*$)|"
    r"[,;.-] (?:so |and )?(?:i |we |will )?(?:need|have|got|will have|will need|going to have|gonna have) to "
    r"(?:reschedule|rebook)\W*$|"
    r"\b(?:have|had|need|got|going|gonna) to "
    r"(?:stop|shut (?:it |things |everything )?down|pull out|walk away)"
    r" (?:here|now|work|working|the job|and wait|until|till|for now)\b|"
    # "cust wants to hold off", "cannot go further till the gas co comes", "leaving it for today"
    r"\b(?:customer|cust|homeowner|owner|tenant|client|they|she|he) "
    r"(?:wants?|wanted|asked|decided|would like) "
    r"(?:me )?to (?:hold off|wait|stop|postpone|pause|think about it)\b|"
    r"\b(?:cannot|can not) (?:go (?:any )?further|continue|proceed|keep going|move forward)"
    r"(?=\s*(?:[,.;!-]|$)| (?:till|until|til|without|before|here|today)\b)|"
    r"\bbefore (?:i|we) can (?:continue|proceed|finish|keep going|go (?:any )?further)\b|"
    r"\b(?:stopping|stopped|halting|halted) (?:all )?work\b|"
    r"\b(?:had|have|has|got|need|needs|going) to (?:stop|halt)\s*(?:[,.;!-]|$)|"
    r"\b(?:leaving|leave|left) it (?:for|till|until|til) (?:today|now|the day|tomorrow|monday|tuesday|"
    r"wednesday|thursday|friday|next)\b|"
    r"\bneeds? (?:a |an |the )?(?:permit|electrician|plumber|inspection|inspector|abatement|approval|"
    r"engineer|roofer|carpenter|sign off)(?: \w+)? (?:first|before)\b|"
    r"\bwait(?:ing)? (?:for|on) (?:the )?(?:water|gas|power|electric|utility|city)"
    r"(?: co| company| dept| department)?"
    r" (?:to|before)\b|"
    r"\bcould not (?:finish|complete|get in)\b|\bunable to (?:finish|complete|access|get in)\b|"
    r"\bno answer at the door\b|"
    r"\b(?:stop|stopping|stopped|calling it|call it|packing up|pack up)(?: \w+)?(?: here| there)? for "
    r"(?:today|the day|now|tonight)\b|\bneed(?:s)? (?:a |an )?(?:second|another|extra|2nd|more) "
    r"(?:guy|guys|tech|techs|person|people|man|men|pair of hands|hands|helper|technician|body)\b|"
    r"\b(?:will|need to|have to|got to|going to|gonna) (?:return|come back|go back)\b|"
    r"\bneed (?:a )?helper\b|"
    # "tenant wont let me in", "homeowner refused entry", "cant do the job": no access, no work
    r"\b(?:will not|would not|did not|does not|do not|not|refused to|refuses to|refusing to|cannot) let "
    r"(?:me|us|the tech|anyone|anybody) (?:in|inside|into|through|on|onto|up|near|access|at|do|work|start)\b|"
    r"\b(?:refused|refuses|refusing|denied|denies|denying) (?:me |us |the tech )?(?:access|entry|to let)\b|"
    r"\bturned (?:me|us) away\b|"
    r"\bcannot do (?:the|this|that|their|his|her) (?:job|work|install|repair|call)\b|"
    r"\b(?:another|a second|a 2nd|a follow up|a return|an extra|one more) (?:visit|trip|day|go)\b|"
    r"\bnot (?:be |get |getting |gonna get |going to get )?(?:this |it |the job |everything )?(?:done|"
    r"finished|complete|completed|sorted|wrapped up) (?:today|tonight|this (?:evening|afternoon))\b|"
    r"\bback (?:tomorrow|tmrw|monday|tuesday|wednesday|thursday|friday|saturday|on \w+day|next week|"
    r"in the morning|first thing|later in the week)\b"
)
_DONE = re.compile(
    r"\bknocked (?:it |this |that |this one |that one |the job |job )?out\b|\b(?:ya )?(?:termine|acabe)\b|"
    r"\b(?:done|finished|completed|complete|wrapped up|wrapping up|all set|fixed|job done|"
    r"all done|finished up|closed out|work complete|resolved|installed|repaired|replaced|sorted|"
    r"(?:closing|close|closed) (?:it|this|this one|that one|the job|the ticket|the call|out)(?: out)?|"
    r"swapped out|up and running|running (?:again|fine|good|perfectly|great|smooth|ok)|"
    r"working (?:again|fine|perfectly|properly|great|now)|firing (?:fine|up fine|again|ok|properly)|"
    r"back (?:up and running|online|on(?! (?:the |this |that )?(?:job|site|it|track|schedule))|"
    r"working)|good to go|wrapped|signed off|job complete|"
    r"all good here|tested (?:ok|fine|good)|commissioned|handed over|"
    # "thats a wrap on the hendricks job", "its a wrap"
    r"(?:that|it|this|its|and that)(?: is| s)? a wrap|finito)\b"
)
_DAY_WORDS = (r"(?:tomorrow|tmrw|tmr|tomorow|2moro|monday|tuesday|wednesday|thursday|friday|"
              r"saturday|sunday|mon|tues?|wed|thu|thurs|fri|sat|sun)")
_NEXT = re.compile(
    r"\bnext (?:job|stop|call|appointment|customer|address|one|ticket|work order)\b|"
    r"\b(?:which|what|where) (?:job|stop|call|appointment|customer|address|one|ticket|work order|house) "
    r"(?:\w+ ){0,3}?(?:next|up next|after this)\b(?! door)|"
    r"^\W*next(?: (?:one|up|please|pls))?\W*$|"
    r"\bwhat(?: is| s)? (?:up )?next\b|\bwho(?: is| s)? up next\W*$|"
    r"\bwhere (?:to )?next\b|\bwhere am i (?:going|headed) (?:next|after this)\b|"
    r"\b(?:anything|something|more|another job|another one|another call|another stop) after this\b|"
    r"\bis there (?:more|anything else|another)"
    r"(?: (?:job|jobs|work|calls?|stops?|for me|today|after this)){0,2}\s*(?:\?|$)|"
    r"\bdone for (?:the day|today)\s*\?|"
    r"\b(?:what|where|who)(?: is| s| to| do i go| am i going)? after (?:this|that)\b|"
    r"\banything (?:else )?after (?:this|that)\b|\bany more (?:today|for me|jobs?|calls?)\b|"
    r"\bwho (?:do i have|have i got|am i seeing) (?:at|for) \d|"
    # "who's my 2pm", "who is my 10am": the visit booked at that hour
    r"\b(?:who|what|where)(?: is| s)? my (?:\d{1,2}(?::\d\d)? ?(?:am|pm|o clock)?"
    r"|next|first|last|afternoon|morning)\W*$|"
    r"\bwhat do i have\b|\bwhat (?:do )?i got\b|\bmy (?:schedule|jobs|route|day|calendar)\b|"
    r"\b(?:schedule|jobs|route) "
    r"(?:for )?(?:today|tomorrow)\b|\b(?:todays|today) (?:jobs|schedule|route)\b|"
    r"\bany (?:more|other) jobs\b|\b(?:today|tomorrow|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday) (?:jobs|schedule|route|calls|appointments|list|work orders)\b|"
    r"\bsend (?:me )?(?:my |the )?(?:jobs|schedule|route|list|calls|appointments|work orders)\b|"
    r"\bwhat (?:is )?on (?:for )?(?:today|tomorrow)\b|\bwhat have i got\b|"
    r"\banything else (?:today|for me)\b|\bwhat(?: is)? on my "
    r"(?:plate|list|schedule)\b|\bwho is next\b|\bwhat now\b|\bhow many jobs\b|\bwhere do i go\b|"
    r"\bwho (?:is |s )?next\b|\bnext on (?:the|my) (?:list|schedule|route|sheet|board)\b|"
    r"\bwhat(?: is)? (?:left|remaining)(?: for| on)?(?: today| me| my list)?\s*(?:\?|$)|"
    # "what jobs do i have left", "any calls left today", "whats left for me today"
    r"\b(?:what|which|how many|any|how many more|any more) (?:jobs|calls|stops|appointments|visits|tickets|"
    r"work orders|houses|customers)(?: \w+){0,4}? (?:left|remaining|to go)\b|"
    r"\bwhat(?: is)? (?:left|remaining) (?:for|on) (?:me|my|today|the day)\b|"
    r"\bwhat else (?:do i have|have i got|is there|is on|am i doing)\b|"
    r"\bwhere (?:to|am i going|do i go|am i off to) (?:now|next)\b|"
    r"\b(?:give|send|text) me (?:the )?next\b|\bwhat(?: is)? (?:my )?next (?:address|job|one)\b|"
    r"\bready for (?:the )?next\b|"
    # "whats on the board for the rest of the day", "what's my first stop tmrw"
    r"\bwhat(?: is| s)? (?:left |else )?on (?:the|my) (?:board|books|docket|calendar|agenda|route|sheet)\b"
    r"(?! (?:at|in) the (?:office|shop|break room))|"
    r"\bwhat(?: is| s| does)? (?:the |my )?rest of (?:the|my) (?:day|afternoon|morning|week)\b|"
    r"\b(?:what|where|who|which)(?: is| s| are)? (?:my|the) (?:first|next|last|second|third|final|"
    r"afternoon|morning|\d{1,2} ?(?:am|pm|o clock)?|"
    r"remaining|other) (?:stop|job|call|appointment|visit|address|"
    r"customer|ticket|work order)s?\b|"
    r"\bwhat does (?:my |the )?(?:day|afternoon|morning|tomorrow|schedule|route|rest of (?:my|the) day) "
    r"look like\b|\bhow(?: is| s| does)? (?:my |the )?(?:day|afternoon|morning|tomorrow|schedule|route) "
    r"(?:looking|look)\b|"
    r"\bwhere am i (?:going|headed|heading|starting|off to) "
    r"(?:first|tomorrow|today|this afternoon|after lunch)\b|"
    r"\bwho (?:am i|do i) (?:seeing|see|visiting|visit)(?: \w+)? (?:first|next|after|tomorrow|today|"
    r"this (?:afternoon|morning))\b|"
    # "who's after the garcias", "which job is first tmrw", "what's the plan for tomorrow", "whats on deck"
    r"\b(?:who|where)(?: is| s| do i go| am i going)? after "
    r"(?:the [a-z']+s|the [a-z' ]{2,25} (?:job|call|visit|stop|install|house|place)|"
    r"(?:mr|mrs|ms|miss|dr)\.? [a-z']+)\W*$|"
    r"\bwhich (?:job|stop|call|appointment|visit|house|customer) is (?:first|next|after this|last)\b|"
    r"\bwhat am i (?:doing|working on|on) (?:this afternoon|this morning|today|tomorrow|later|next|"
    r"after (?:this|lunch))\b|"
    r"\bdo i have anything (?:else )?"
    r"(?:today|tomorrow|this (?:afternoon|morning)|later|after (?:this|lunch))\b|"
    r"\bwhere (?:do i|should i|am i) (?:start|starting|begin|go first)(?: tomorrow| today| in the morning)\b|"
    r"\bhow(?: is| s)? (?:tomorrow|today|my day|the day|the afternoon|the schedule|my schedule) "
    r"(?:shaping up|looking)\b|"
    r"\bwhat(?: is| s)? the plan (?:for )?(?:tomorrow|today|this afternoon|the rest of the day|after this|"
    r"after lunch)\b|\bwhat(?: is| s)? on deck\b|\bwhat time (?:is|s) (?:my|the) (?:first|next) \w+|"
    r"\banything (?:else )?on (?:the|my) (?:schedule|board|list|books|calendar)\b|"
    r"\b(?:anything|what) (?:else )?on the (?:board|books) (?:for me|today|tomorrow)\b"
    # "whats monday look like", "and tmrw?", "anything for me today?": a day's list asked for
    r"|\bwhat(?:s| is| s| does| do)? (?:my |the )?(?:day|week|morning|afternoon|evening|" + _DAY_WORDS
    + r"|schedule|route)"
    r"(?: \w+)? look(?:ing|s)? like\b"
    r"|^\W*(?:(?:and|what about|how about)\s+(?:for\s+)?(?:" + _DAY_WORDS + r")|(?:" + _DAY_WORDS
    + r")\s*\?)(?: morning| afternoon)?\W*$"
    r"|\b(?:anything|any work|any jobs?|anything else) for me"
    r"(?: (?:today|this (?:morning|afternoon)|on \w+|" + _DAY_WORDS + r"))?\s*(?:\?|$)"
    # "what's lined up for me thursday", "got anything for me after lunch", "what's on tap today"
    r"|\bwhat(?: is| s| have you| do you| you| else)? (?:got |have )?(?:lined up|queued up|queued|on tap|"
    r"in the queue|booked|scheduled|coming up|in store|planned|on the schedule|on the books)"
    r"(?: for me| next)?\b(?! (?:at|in) the (?:office|shop))"
    r"|\bwhat(?: have| do)? you (?:got|have) for me\b"
    # "whats my lineup today", "game plan for tomorrow", "any jobs come in for me", "what you need me on next"
    r"|\bmy (?:lineup|line up|run sheet|assignments?|tickets|work orders|stops)\b"
    r"|\bgame ?plan (?:for )?(?:today|tomorrow|the day|this (?:morning|afternoon)|the rest of the day|"
    r"after (?:lunch|this)|me)\b"
    r"|\bany (?:jobs?|calls?|work|tickets|work orders) (?:come|came|coming|just come) in(?: for me)?\b"
    r"|\bwhat (?:do )?you (?:need|want) me (?:on|doing|to do|at|to hit) (?:next|now|after this|today|"
    r"tomorrow|this afternoon)\b"
    r"|\b(?:got|have|you got|do you have|is there|any) (?:anything|something|any work|more work|any jobs?|"
    r"more jobs?|another job|jobs?|work|calls?|stops?) (?:else )?(?:for me|lined up|scheduled|booked|queued)"
    r"(?: (?:today|tomorrow|later|next|after (?:this(?: one)?|that|lunch)|this (?:morning|afternoon)|"
    r"on \w+|" + _DAY_WORDS + r"))?\s*(?:\?|$)"
    r"|\bwhere (?:am i|do i go|to|should i go|am i going|am i headed|am i heading) (?:after|once) "
    r"(?:lunch|this(?: one)?|that|i finish|i am done|here)\b"
    r"|\b(?:anything|any work|any jobs?|what) (?:scheduled|booked|lined up) for me\b"
    # "hey whats on for me", "2 today?", "only 1??", "first one not till 11 right?": the day asked
    r"|\bwhat(?: is| s)? on for me\b"
    r"|(?:^|[.!?,;]\s)\W*(?:(?:only|just) )?(?:[1-6]|one|two|three|four|five|six)"
    r"(?: (?:jobs?|visits?|stops?|calls?))?"
    r"(?: (?:today|tomorrow|tmrw))?\s*\?"
    r"|\b(?:first|1st) (?:one|job|stop|call|visit|appointment)\b[^.!?]*?(?:\?|\bright\W*$)"
    # "how many today", "am i busy tmrw", "when is my first one", "anything tmrw?", "only hughes today?"
    r"|\bhow many(?: (?:jobs?|visits?|stops?|calls?))?(?: (?:do i have|have i got|i got))? (?:today|"
    + _DAY_WORDS + r")\b"
    r"|\bam i (?:busy|booked|slammed|swamped|full|free|light)\b(?: \w+)? (?:today|this|" + _DAY_WORDS
    + r")\b"
    r"|\b(?:when|what time)(?: is| s)? my (?:first|next|last)\b"
    r"|\bwho (?:do i have|have i got|am i seeing|do i see)\b(?! to\b)"
    r"|^\W*anything (?:else )?(?:today|" + _DAY_WORDS + r")\W*\?"
    r"|^\W*(?:only|just) (?:the )?(?!(?:finished|done|got|left|arrived|wrapped|started|leaving|"
    r"heading|checked|closed|completed|now|here|there)\b)[a-z']+ (?:today|" + _DAY_WORDS + r")\W*\?"
    r"|\b(?:got|have) (?:anything|any work|more work|another)(?: job)?"
    r"(?: for me)?(?: after this(?: one)?)?\s*\?|\bfree (?:now|for (?:another|the next|more))\b"
)

# Statements about the job in hand, which belong in its notes even without "note:".
_JOB_DETAIL = re.compile(
    r"^(?:customer|cust|homeowner|owner|tenant|client|unit|system|gate|door|lockbox|dog|found|replaced|"
    r"swapped|cleaned|checked|tested|measured|recommended|recommend|quoted|left|used|installed|"
    r"serial|model|code|access|parking|warranty)\b(?: \w+){2,}"
)


# What a job's facts are about: the equipment, the house and the people there.
_JOB_THINGS = (
    r"(?:water heater|furnace|filters?|filter size|breakers?|breaker panel|breaker box|(?:sub ?)?panel|"
    r"units?|(?:condensate|drain|water|refrigerant|suction) line|condensate|"
    r"condenser|compressor|coil|evap coil|thermostat|t-?stat|duct ?work|ducts?|vents?|returns?|pipes?|piping|"
    r"valves?|shut ?off|main shut ?off|meter|gas meter|attic(?: access)?|basement|crawl ?space|driveway|"
    r"gate(?: code)?|side door|back door|garage(?: code)?|dogs?|cats?|customer|cust|homeowner|owner|"
    r"tenants?|landlord|wife|husband|spouse|son|daughter|(?:mr|mrs|ms|miss|dr) [a-z]+|lock ?box|"
    r"door code|code|serial(?: number)?|model(?: number)?|warranty|outlets?|gfcis?|wiring|sump(?: pump)?|"
    r"sewer(?: line)?|drains?|toilets?|boiler|heat pump|ac|a c|system|roof|ladder|parking|yard|back ?yard|"
    r"fence|alarm|disconnect|line ?set|refrigerant|freon|tank|septic|softener|dryer vent|dishwasher|"
    r"disposal|faucet|sink|tub|shower|humidifier|dampers?|blower(?: motor)?|motor|capacitor|contactor|"
    r"igniter|flame sensor|inducer|heat exchanger|flue|chimney|gas line|electric meter|house|home)"
)
# "water heater is 15 yrs old", "filter size is 20x25x1", "heads up the breaker panel is a federal
# pacific", "park on the street, driveway is new concrete", "spouse handles the billing": a fact of the
# job in hand, stated plainly, belongs in its notes.
_JOB_FACT = re.compile(
    r"(?:^(?:(?:heads[- ]?up|fyi|btw|also|and|note|pro tip|just so you know)\W*)*|[,;.] )"
    r"(?:the |their |her |his |customer |cust |homeowner )?(?:[a-z0-9]+ )?" + _JOB_THINGS
    + r"(?: [a-z0-9]+){0,3}? (?:is|are|was|were|has|have|had|needs|need|wants|prefers|works|handles|approves|"
    r"likes|hates|uses|runs|sits|located|makes|leaks|trips|smells|looks|sounds|changed|only|"
    r"should|must|will|gets|bites|barks|does not|do not|is not|sticks|stays|keeps|kept|tripping|leaking|"
    r"shows|showed|reads|read|traced)\b(?: \S+){1,}"
    # "there's a shutoff in the crawlspace", "there are two returns upstairs"
    r"|^there (?:is |are |s )?(?:a |an |no |one |two |three |\d+ |another |only one )?(?:[a-z0-9]+ )?"
    + _JOB_THINGS + r"\b(?: \S+){1,}"
    r"|^(?:park|use|bring|knock|ring|enter|avoid|go through|come through|leave|do not|dont|never|always) "
    r"(?:\S+ ){0,6}?(?:the |a |their |on the |in the )?" + _JOB_THINGS + r"\b"
)
# "gas valve is done", "inducer motor is shot": a part worn out, never the job finished; nor is
# the end of the technician's own day.
_OTHER_DONE = re.compile(
    r"\b(?:thermocouple|gas valve|valve|control board|circuit board|board|igniter|ignitor|flame sensor|"
    r"inducer(?: motor)?|blower(?: motor)?|motor|compressor|capacitor|contactor|heat exchanger|"
    r"pump|sump pump|cartridge|element|heating element|anode(?: rod)?|breaker|panel|coil|evap coil|"
    r"fan|bearings?|belt|transformer|relay|switch|pressure switch|limit switch|thermostat|t-?stat|"
    r"tank|flapper|fill valve|disposal|regulator|fuse|line ?set|condenser|part|parts)"
    r"(?: is| s| was| are| were)? (?:done|shot|gone|toast|dead|fried|finished|blown|cooked)\b"
    # "im done for the day", "calling it a day": the end of the technician's day, not of a job
    r"|\b(?:done|finished|wrapped up|wrapping up|finishing up) for (?:the day|today|tonight|the night|"
    r"the week)\b|\b(?:calling|call|called) it (?:a day|a night|quits)\b"
)
# A fact is stated: not asked, not laughed at, not a word about the writer's own things.
_NOT_A_FACT = re.compile(
    r"\?|^(?:is|are|do|does|did|can|could|will|would|should|has|have|what|where|when|who|why|how|which)\b|"
    r"\b(?:lol|lmao|haha\w*|my|mine)\b|\b(?:at|in) the (?:office|shop|warehouse|yard|break room)\b"
)


def detect_note(message: Message) -> Verdict | None:
    """Recognise a technician's explicit note ("add to job notes: ..."), whatever the note says."""
    if message.role == intents.TECHNICIAN and message.has(_NOTE):
        return Verdict(intents.NOTE, 0.9)
    return None


def detect_technician(message: Message) -> Verdict | None:
    """Classify a technician's field update; late beats en route, en route beats done. A status
    the text denies ("not on my way yet") or asks about ("is the Patel job done?") is no update:
    each one tells the customer something."""
    text = message.masked
    if message.has(_NOTE):
        return Verdict(intents.NOTE, 0.9)
    if _stated(_LATE, text):
        return _with_minutes(intents.TECH_LATE, text)
    if _stated(_EN_ROUTE, text) and not _bound_elsewhere(message):
        return _with_minutes(intents.TECH_EN_ROUTE, text)
    if _stated(_ARRIVING, text) and arrival_time_in(text) is not None:
        return _with_minutes(intents.TECH_LATE, text)  # "gonna be there 1230ish": a new ETA
    if _stated(_PAUSED, text):
        return Verdict(intents.TECH_PAUSED, 0.85)
    if any(_stated(_ARRIVED, said) for said in (text, without_polite_tail(text),
                                                  without_acknowledgement(text))):
        return Verdict(intents.TECH_ARRIVED, 0.85)
    if message.has(_NEXT):
        return Verdict(intents.TECH_NEXT, 0.85)
    finished = without_other_dones(text)
    if _stated(_DONE, finished) and not re.search(r"\b(?:not|never|almost|nearly)\b", finished):
        return Verdict(intents.TECH_DONE, 0.85)
    if (_stated(_ARRIVAL_PROMISED, text) or HEDGED_ARRIVAL_AT.search(text)) and not re.search(
            rf"\b{_DAY_WORDS}\b", text):
        # an arrival time promised: the dialogue asks or notes it, never sets off on its own
        return Verdict(intents.TECH_EN_ROUTE, 0.7)
    if message.has(_JOB_DETAIL) or (message.has(_JOB_FACT) and not message.has(_NOT_A_FACT)):
        return Verdict(intents.NOTE, 0.6)
    return None


def without_other_dones(text: str) -> str:
    """The text without a "done" that is no job finished: a part worn out ("gas valve is done"),
    the technician's day over ("done for today")."""
    return _OTHER_DONE.sub(" ", text)


def ends_the_day(text: str) -> bool:
    """The text says the technician's own day is over ("im done for the day, heading home")."""
    return _OTHER_DONE.search(text.lower()) is not None and not _stated(
        _DONE, without_other_dones(text.lower()))


# An opening "k", "ok" or "yep" acknowledges the last text; what follows is the update
# ("k im here", "ok here now").
_ACKNOWLEDGEMENT = re.compile(r"^\W*(?:k|kk|ok|okay|okey|alright|aight|yep|yup|yeah|ya)\b\W*")
# Updates that an opening acknowledgement does not turn into a yes.
_UPDATES = frozenset({intents.TECH_ARRIVED, intents.TECH_EN_ROUTE, intents.TECH_DONE,
                      intents.TECH_LATE, intents.TECH_PAUSED})


# What an opening "ok" may stand before to say an arrival: the arrival alone, as a clause of
# its own ("k im here", "ok here now, gate was open"), never "ok here's the thing".
_ARRIVAL_CLAUSE = re.compile(
    r"^\W*(?:i am |im |we are |were |just |now )?(?:here|arrived|on site|onsite|outside|at the door|"
    r"pulled up|pulling up|pulled in)(?: now| already| finally| at [a-z' ]{1,30}?)?\s*(?:[,.;!-]|$)")


def without_acknowledgement(text: str) -> str:
    """An arrival said behind an opening "k" or "ok" ("k im here" says "im here"); otherwise the
    text as it is."""
    rest = _ACKNOWLEDGEMENT.sub("", text, count=1)
    return rest if _ARRIVAL_CLAUSE.match(rest) else text


def update_after_acknowledgement(message: Message) -> Verdict | None:
    """A technician's update behind an opening "ok" ("ok here now"), which would otherwise read
    as a bare yes: None when the text opens with no acknowledgement or says no update."""
    if message.role != intents.TECHNICIAN or not _ACKNOWLEDGEMENT.match(message.masked):
        return None
    verdict = detect_technician(message)
    return verdict if verdict is not None and verdict.intent in _UPDATES else None


# Clauses: a status is denied or asked about within its own clause ("done, anything else?").
_CLAUSE_BREAK = re.compile(r"[.!?;,\n]| - ")
# A clause opening like a question: an auxiliary before its subject ("did you tell them", "is the job").
_ASKING = re.compile(
    r"^\W*(?:is|are|am|did|does|do|was|were|should|shall|can|could|will|would|has|have|may) "
    r"(?:i|we|you|they|he|she|it|the|this|that|my|our|your|their|everyone|someone|anyone)\b"
)
# A negation just before the status ("not on my way", "have not arrived", "not quite done").
_DENIED = re.compile(
    r"\b(?:not|never|nowhere near|far from)(?: (?:yet|quite|even|really|fully|totally|completely|all|"
    r"close to|near|anywhere near))*\W*$"
)


def _stated(pattern: re.Pattern[str], text: str) -> bool:
    """Tell whether `pattern` occurs in `text` as a statement, neither negated nor asked."""
    for found in pattern.finditer(text):
        start = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, found.start())), default=0)
        following = _CLAUSE_BREAK.search(text, found.end())
        asked = _ASKING.match(text[start:]) is not None or (
            following is not None and following.group() == "?"
        )
        if not asked and not _DENIED.search(text[start : found.start()]):
            return True
    return False


def plans_a_trip_after_a_stop(text: str) -> bool:
    """Whether the text plans a trip to a visit after a stop ("grabbing lunch then heading to
    okafor"): a plan for later, no trip now."""
    return _stated(_TRIP_AFTER_A_STOP, text.lower())


def says_running_late(text: str) -> bool:
    """Whether the text says the technician runs late or behind ("omw, running a bit behind")."""
    return _stated(_LATE, text.lower())


def trip_to_a_stop(text: str) -> bool:
    """Whether the text sets off for lunch, a break, a supplier or home ("heading to lunch"), not
    for a visit."""
    found = _ELSEWHERE.search(text.lower())
    return found is not None and not _LEAVING_A_STOP.search(found.group())


def _bound_elsewhere(message: Message) -> bool:
    """Tell whether the trip is to lunch, a break, a supplier or home, or a way inside the house
    ('heading to the attic'), rather than to a visit."""
    if message.has(_INSIDE) and not message.has(_ETA_TO_VISIT):
        return True
    found = _ELSEWHERE.search(message.masked)
    if found is None or _LEAVING_A_STOP.search(found.group()):
        return False
    return not message.has(_ETA_TO_VISIT)


def _with_minutes(intent: str, text: str) -> Verdict:
    """The update with its ETA: a time of day said ("there by 145") is the arrival, in `when`,
    and wins over minutes said beside it ("leaving in 10"); else the minutes."""
    arrival = arrival_time_in(text)
    if arrival is not None:
        return Verdict(intent, 0.9, {"when": {"date": None, "start": f"{arrival:%H:%M}",
                                              "end": None}})
    minutes = minutes_in(text)
    return Verdict(intent, 0.9, {"minutes": minutes} if minutes is not None else {})
