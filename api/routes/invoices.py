"""Invoices drafted from completed jobs."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from api.deps import AdminDep, ContainerDep, UowDep
from api.lookups import MAX_ID, PAGE, AfterId, Limit, account_or_404, given, page_of
from api.schemas import InvoicePublic
from domain.quotes import InvoiceState

router = APIRouter(prefix="/api/invoices", tags=["invoices"], dependencies=[AdminDep])


@router.get("", response_model=list[InvoicePublic])
def list_invoices(
    uow: UowDep,
    container: ContainerDep,
    request: Request,
    response: Response,
    account_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    state: InvoiceState | None = None,
    limit: Limit = PAGE,
    after_id: AfterId = None,
) -> list[InvoicePublic]:
    """Invoices oldest first, a page at a time (the `Link` header's rel="next" URL,
    `after_id`); `account_id` keeps one account's (404 when there is no such account)."""
    if account_id is not None:
        account_or_404(uow, account_id)
    found = uow.invoices.page(limit=limit + 1, after_id=after_id,
                              **given(account_id=account_id, state=state))
    page = page_of(found, limit, request=request, response=response,
                   base_url=container.settings.public_base_url, cursor="after_id")
    zone = container.business.timezone
    return [InvoicePublic.of(invoice, zone) for invoice in page]
