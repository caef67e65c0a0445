"""Deals in the sales pipeline."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import AdminDep, ContainerDep, UowDep
from api.lookups import MAX_ID, given
from api.schemas import DealPublic
from domain.deals import DealStage

router = APIRouter(prefix="/api/deals", tags=["deals"], dependencies=[AdminDep])


@router.get("", response_model=list[DealPublic])
def list_deals(
    uow: UowDep,
    container: ContainerDep,
    stage: DealStage | None = None,
    owner_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 200,
) -> list[DealPublic]:
    filters = given(stage=stage, owner_id=owner_id)
    zone, now = container.business.timezone, container.clock.now()
    return [DealPublic.of(deal, zone, now) for deal in uow.deals.find(**filters)[:limit]]
