"""Appointments, filtered by local day, technician or customer phone."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from api.deps import AdminDep, ContainerDep, UowDep
from api.lookups import MAX_ID, PAGE, AfterId, Limit, contact_by_phone, given, local_day, page_of
from api.schemas import AppointmentPublic
from domain.jobs import AppointmentStatus

router = APIRouter(prefix="/api/appointments", tags=["appointments"], dependencies=[AdminDep])

_NOT_CANCELLED = frozenset({AppointmentStatus.BOOKED, AppointmentStatus.DONE})


@router.get("", response_model=list[AppointmentPublic])
def list_appointments(
    uow: UowDep,
    container: ContainerDep,
    request: Request,
    response: Response,
    day: Annotated[date | None, Query(alias="date", description="local day, YYYY-MM-DD")] = None,
    technician_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    phone: Annotated[str | None, Query(max_length=40)] = None,
    include_cancelled: bool = False,
    limit: Limit = PAGE,
    after_id: AfterId = None,
) -> list[AppointmentPublic]:
    """Appointments in start order, a page at a time (the `Link` header's rel="next" URL
    continues after a visit, `after_id`); `date` lists the visits that start on that day in the
    business's time zone."""
    zone = container.business.timezone
    filters = given(technician_id=technician_id)
    if phone is not None:
        contact = contact_by_phone(uow, phone)
        if contact is None:
            return []
        filters["account_id"] = contact.account_id
    if not include_cancelled:
        filters["status"] = _NOT_CANCELLED
    during = local_day("start", day, zone) if day is not None else None
    found = uow.appointments.page(limit=limit + 1, after_id=after_id, order_by="start",
                                  during=during, **filters)
    page = page_of(found, limit, request=request, response=response,
                   base_url=container.settings.public_base_url, cursor="after_id")
    names = {member.id: member.name
             for member in uow.staff.get_many({visit.technician_id for visit in page})}
    jobs = {job.id: job for job in uow.jobs.get_many({visit.job_id for visit in page})}
    return [AppointmentPublic.of(visit, jobs[visit.job_id], zone, names.get(visit.technician_id))
            for visit in page]
