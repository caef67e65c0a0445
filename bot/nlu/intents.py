"""Intent names, which role may use which, and the slots each intent carries."""

from __future__ import annotations

from domain.staff import Role

BOOK = "book"
RESCHEDULE = "reschedule"
CANCEL = "cancel"
JOB_STATUS = "job_status"
APPROVE_QUOTE = "approve_quote"
DECLINE_QUOTE = "decline_quote"

TECH_EN_ROUTE = "tech_en_route"
TECH_ARRIVED = "tech_arrived"
TECH_DONE = "tech_done"
TECH_LATE = "tech_late"
TECH_PAUSED = "tech_paused"
TECH_NEXT = "tech_next"
NOTE = "note"

FOLLOWUPS = "followups"
SNOOZE = "snooze"
DEAL_WON = "deal_won"
DEAL_LOST = "deal_lost"

AFFIRM = "affirm"
DENY = "deny"
CHOOSE = "choose"
HUMAN = "human"
OPT_OUT = "opt_out"
OPT_IN = "opt_in"
HELP = "help"
GREET = "greet"
THANKS = "thanks"
UNKNOWN = "unknown"

# Who writes: the model's one vocabulary of roles (a dispatcher has only the common intents).
CUSTOMER = Role.CUSTOMER
TECHNICIAN = Role.TECHNICIAN
SALES = Role.SALES
ROLES = (CUSTOMER, TECHNICIAN, SALES)

# Intents that change money, appointments or consent: never guessed.
CONSEQUENTIAL = frozenset({APPROVE_QUOTE, DECLINE_QUOTE, CANCEL, DEAL_WON, DEAL_LOST, OPT_OUT})

COMMON_INTENTS = frozenset({AFFIRM, DENY, CHOOSE, HUMAN, OPT_OUT, OPT_IN, HELP, GREET, THANKS, UNKNOWN})

ROLE_INTENTS: dict[str, frozenset[str]] = {
    CUSTOMER: frozenset({BOOK, RESCHEDULE, CANCEL, JOB_STATUS, APPROVE_QUOTE, DECLINE_QUOTE}),
    TECHNICIAN: frozenset({TECH_EN_ROUTE, TECH_ARRIVED, TECH_DONE, TECH_LATE, TECH_PAUSED, TECH_NEXT, NOTE}),
    SALES: frozenset({FOLLOWUPS, SNOOZE, DEAL_WON, DEAL_LOST}),
}

# The slots each intent may carry; anything else found in the text is dropped.
INTENT_SLOTS = {
    BOOK: ("service", "when"),
    RESCHEDULE: ("when",),
    APPROVE_QUOTE: ("quote",),
    DECLINE_QUOTE: ("quote",),
    TECH_EN_ROUTE: ("minutes", "when"),  # `when.start`: the time of arrival said ("by 145")
    TECH_LATE: ("minutes", "when"),
    SNOOZE: ("target", "when"),
    DEAL_WON: ("target",),
    DEAL_LOST: ("target",),
    CHOOSE: ("option",),
}


def allowed(role: str, intent: str) -> bool:
    """Tell whether someone writing in `role` may express `intent`."""
    return intent in COMMON_INTENTS or intent in ROLE_INTENTS.get(role, frozenset())
