"""Errors a user can cause; each message says what was wrong and what is allowed."""


class DomainError(Exception):
    """Base of every rule violation in the model."""


class UnknownService(DomainError):
    pass


class InvalidPhoneNumber(DomainError):
    pass


class InvalidTransition(DomainError):
    pass


class SchedulingConflict(DomainError):
    pass


class NotFound(DomainError):
    pass


class NotAllowed(DomainError):
    pass


class OutsideServiceArea(DomainError):
    pass
