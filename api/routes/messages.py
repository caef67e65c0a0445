"""Every message in and out, for one phone number or all."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import AdminDep, ContainerDep, UowDep
from api.lookups import e164_or_422
from api.schemas import MessagePublic

router = APIRouter(prefix="/api/messages", tags=["messages"], dependencies=[AdminDep])


@router.get("", response_model=list[MessagePublic])
def list_messages(
    uow: UowDep,
    container: ContainerDep,
    phone: Annotated[str | None, Query(max_length=40)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 500,
) -> list[MessagePublic]:
    """Messages oldest first; with `phone`, the thread with that number."""
    if phone is not None:
        found = uow.messages.find(address=e164_or_422(phone))
    else:
        found = uow.messages.find()
    zone = container.business.timezone
    return [MessagePublic.of(message, zone) for message in found[-limit:]]
