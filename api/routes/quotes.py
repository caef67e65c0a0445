"""Quotes and their decisions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from api.deps import AdminDep, ContainerDep, UowDep
from api.lookups import MAX_ID, PAGE, AfterId, Limit, given, page_of
from api.schemas import QuotePublic
from domain.quotes import QuoteState

router = APIRouter(prefix="/api/quotes", tags=["quotes"], dependencies=[AdminDep])


@router.get("", response_model=list[QuotePublic])
def list_quotes(
    uow: UowDep,
    container: ContainerDep,
    request: Request,
    response: Response,
    state: QuoteState | None = None,
    account_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    limit: Limit = PAGE,
    after_id: AfterId = None,
) -> list[QuotePublic]:
    """Quotes oldest first, a page at a time; the `Link` header's rel="next" URL (`after_id`)
    gives the next page."""
    found = uow.quotes.page(limit=limit + 1, after_id=after_id,
                            **given(state=state, account_id=account_id))
    page = page_of(found, limit, request=request, response=response,
                   base_url=container.settings.public_base_url, cursor="after_id")
    zone = container.business.timezone
    return [QuotePublic.of(quote, zone) for quote in page]
