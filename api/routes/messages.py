"""Every message in and out, for one phone number or all."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import AdminDep, ContainerDep, UowDep
from api.lookups import e164_or_422, given
from api.schemas import MessagePublic
from domain.messages import MessageStatus

router = APIRouter(prefix="/api/messages", tags=["messages"], dependencies=[AdminDep])


@router.get("", response_model=list[MessagePublic])
def list_messages(
    uow: UowDep,
    container: ContainerDep,
    phone: Annotated[str | None, Query(max_length=40)] = None,
    status: Annotated[MessageStatus | None, Query(description="e.g. failed: what gave up")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 500,
) -> list[MessagePublic]:
    """Messages oldest first; with `phone`, the thread with that number; `status=failed` lists
    what the sender gave up on, for a dispatcher to follow up."""
    filters = given(address=e164_or_422(phone) if phone is not None else None, status=status)
    found = uow.messages.find(**filters)
    zone = container.business.timezone
    return [MessagePublic.of(message, zone) for message in found[-limit:]]
