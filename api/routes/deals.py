"""Deals in the sales pipeline."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from api.deps import AdminDep, ContainerDep, UowDep
from api.lookups import MAX_ID, PAGE, AfterId, Limit, given, page_of
from api.schemas import DealPublic
from domain.deals import DealStage

router = APIRouter(prefix="/api/deals", tags=["deals"], dependencies=[AdminDep])


@router.get("", response_model=list[DealPublic])
def list_deals(
    uow: UowDep,
    container: ContainerDep,
    request: Request,
    response: Response,
    stage: DealStage | None = None,
    owner_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    limit: Limit = PAGE,
    after_id: AfterId = None,
) -> list[DealPublic]:
    """Deals oldest first, a page at a time; the `Link` header's rel="next" URL (`after_id`)
    gives the next page."""
    found = uow.deals.page(limit=limit + 1, after_id=after_id,
                           **given(stage=stage, owner_id=owner_id))
    page = page_of(found, limit, request=request, response=response,
                   base_url=container.settings.public_base_url, cursor="after_id")
    zone, now = container.business.timezone, container.clock.now()
    return [DealPublic.of(deal, zone, now) for deal in page]
