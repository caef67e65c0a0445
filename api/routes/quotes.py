"""Quotes and their decisions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import AdminDep, ContainerDep, UowDep
from api.lookups import MAX_ID, given
from api.schemas import QuotePublic
from domain.quotes import QuoteState

router = APIRouter(prefix="/api/quotes", tags=["quotes"], dependencies=[AdminDep])


@router.get("", response_model=list[QuotePublic])
def list_quotes(
    uow: UowDep,
    container: ContainerDep,
    state: QuoteState | None = None,
    account_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 200,
) -> list[QuotePublic]:
    filters = given(state=state, account_id=account_id)
    zone = container.business.timezone
    return [QuotePublic.of(quote, zone) for quote in uow.quotes.find(**filters)[:limit]]
