"""Customers: accounts with their contacts and sites."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import AdminDep, UowDep
from api.lookups import contact_by_phone
from api.schemas import CustomerPublic
from domain.parties import Channel

router = APIRouter(prefix="/api/customers", tags=["customers"], dependencies=[AdminDep])


@router.get("", response_model=list[CustomerPublic])
def list_customers(
    uow: UowDep,
    phone: Annotated[str | None, Query(max_length=40)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 200,
) -> list[CustomerPublic]:
    """Customers, or the one customer with `phone`."""
    if phone is not None:
        found = contact_by_phone(uow, phone)
        contacts = [found] if found else []
    else:
        contacts = uow.contacts.find()[:limit]
    result = []
    opted_out = uow.consents.opted_out(Channel.SMS, [c.phone for c in contacts if c.phone])
    for contact in contacts:
        account = uow.accounts.get(contact.account_id)
        if account is not None:
            result.append(CustomerPublic.of(account, contact,
                                            uow.sites.find(account_id=account.id),
                                            sms_opted_out=contact.phone in opted_out))
    return result
