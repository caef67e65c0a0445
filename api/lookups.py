"""Shared read helpers for routes: phone filters that answer 422 on garbage."""

from __future__ import annotations

from fastapi import HTTPException, status

from domain.errors import InvalidPhoneNumber
from domain.parties import Contact
from domain.phones import normalize_phone
from domain.ports import AbstractUnitOfWork

# Row ids are 32-bit INTEGER columns; a bigger id in a filter could never match, and the database
# driver would refuse to bind it (a 500), so the query validation answers 422 instead.
MAX_ID = 2**31 - 1


def e164_or_422(phone: str) -> str:
    try:
        return normalize_phone(phone)
    except InvalidPhoneNumber as exc:
        raise HTTPException(status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
                            detail=str(exc)) from exc


def contact_by_phone(uow: AbstractUnitOfWork, phone: str) -> Contact | None:
    """The contact with this phone (any common format)."""
    return uow.contacts.first(phone=e164_or_422(phone))


def given(**filters: object) -> dict[str, object]:
    """The query filters the caller actually supplied (None means "not filtered")."""
    return {name: value for name, value in filters.items() if value is not None}
