"""Customers: accounts with their contacts and sites."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from api.deps import AdminDep, ContainerDep, UowDep
from api.lookups import PAGE, AfterId, Limit, contact_by_phone, page_of, sites_of
from api.schemas import CustomerPublic
from domain.parties import Channel

router = APIRouter(prefix="/api/customers", tags=["customers"], dependencies=[AdminDep])


@router.get("", response_model=list[CustomerPublic])
def list_customers(
    uow: UowDep,
    container: ContainerDep,
    request: Request,
    response: Response,
    phone: Annotated[str | None, Query(max_length=40)] = None,
    limit: Limit = PAGE,
    after_id: AfterId = None,
) -> list[CustomerPublic]:
    """Customers (one per contact, oldest first, a page at a time: the `Link` header's
    rel="next" URL continues after a contact id), or the one customer with `phone`."""
    if phone is not None:
        found = contact_by_phone(uow, phone)
        contacts = [found] if found else []
    else:
        contacts = page_of(uow.contacts.page(limit=limit + 1, after_id=after_id), limit,
                           request=request, response=response,
                           base_url=container.settings.public_base_url, cursor="after_id")
    accounts = {account.id: account
                for account in uow.accounts.get_many([c.account_id for c in contacts])
                if account.id is not None}
    sites = sites_of(uow, list(accounts))
    opted_out = uow.consents.opted_out(Channel.SMS, [c.phone for c in contacts if c.phone])
    return [CustomerPublic.of(accounts[contact.account_id], contact, sites[contact.account_id],
                              sms_opted_out=contact.phone in opted_out)
            for contact in contacts if contact.account_id in accounts]
