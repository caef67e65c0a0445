"""The business's people: technicians, sales reps and dispatchers."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from api.deps import AdminDep, ContainerDep, UowDep
from api.lookups import PAGE, AfterId, Limit, given, page_of
from api.schemas import StaffPublic
from domain.staff import Role

router = APIRouter(prefix="/api/staff", tags=["staff"], dependencies=[AdminDep])


@router.get("", response_model=list[StaffPublic])
def list_staff(
    uow: UowDep,
    container: ContainerDep,
    request: Request,
    response: Response,
    role: Role | None = None,
    active: bool | None = None,
    limit: Limit = PAGE,
    after_id: AfterId = None,
) -> list[StaffPublic]:
    """Staff members oldest first, a page at a time (the `Link` header's rel="next" URL,
    `after_id`); `role` keeps one role, `active=true` the people still on the payroll."""
    found = uow.staff.page(limit=limit + 1, after_id=after_id, **given(role=role, active=active))
    page = page_of(found, limit, request=request, response=response,
                   base_url=container.settings.public_base_url, cursor="after_id")
    return [StaffPublic.of(member) for member in page]
