"""Every message in and out, for one phone number or all."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from api.deps import AdminDep, ContainerDep, UowDep
from api.lookups import PAGE, AfterId, BeforeId, Limit, e164_or_422, given, page_of
from api.schemas import MessagePublic
from domain.messages import MessageStatus

router = APIRouter(prefix="/api/messages", tags=["messages"], dependencies=[AdminDep])


@router.get("", response_model=list[MessagePublic])
def list_messages(
    uow: UowDep,
    container: ContainerDep,
    request: Request,
    response: Response,
    phone: Annotated[str | None, Query(max_length=40)] = None,
    status: Annotated[MessageStatus | None, Query(description="e.g. failed: what gave up")] = None,
    limit: Limit = PAGE,
    before_id: BeforeId = None,
    after_id: AfterId = None,
) -> list[MessagePublic]:
    """Messages, oldest first within a page; with `phone`, the thread with that number;
    `status=failed` lists what the sender gave up on, for a dispatcher to follow up.

    Like a chat, the first page is the newest `limit` messages (the end of the thread), and the
    `Link` header's rel="next" URL (`before_id`) goes back to the page of older ones. With
    `after_id` the page is the oldest messages after that one and rel="next" goes on forward,
    for a reader that follows what is new. Either way a page reads `limit` rows by id, however
    long the thread."""
    filters = given(address=e164_or_422(phone) if phone is not None else None, status=status)
    base_url = container.settings.public_base_url
    if after_id is not None:
        found = uow.messages.page(limit=limit + 1, after_id=after_id, before_id=before_id,
                                  **filters)
        page = page_of(found, limit, request=request, response=response, base_url=base_url,
                       cursor="after_id")
    else:
        found = uow.messages.page(limit=limit + 1, before_id=before_id, newest_first=True,
                                  **filters)
        page = page_of(found, limit, request=request, response=response, base_url=base_url,
                       cursor="before_id")[::-1]
    zone = container.business.timezone
    return [MessagePublic.of(message, zone) for message in page]
