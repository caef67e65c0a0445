"""Appointments, filtered by local day, technician or customer phone."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Query

from api.deps import AdminDep, ContainerDep, UowDep
from api.lookups import MAX_ID, contact_by_phone
from api.schemas import AppointmentPublic
from domain.jobs import Appointment

router = APIRouter(prefix="/api/appointments", tags=["appointments"], dependencies=[AdminDep])


@router.get("", response_model=list[AppointmentPublic])
def list_appointments(
    uow: UowDep,
    container: ContainerDep,
    day: Annotated[date | None, Query(alias="date", description="local day, YYYY-MM-DD")] = None,
    technician_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    phone: Annotated[str | None, Query(max_length=40)] = None,
    include_cancelled: bool = False,
    limit: Annotated[int, Query(ge=1, le=1000)] = 500,
) -> list[AppointmentPublic]:
    """Appointments in start order; `date` is a day in the business's time zone."""
    zone = container.business.timezone
    tz = ZoneInfo(zone)
    found: list[Appointment]
    if day is not None:
        start = datetime.combine(day, time(0), tz)
        end = datetime.combine(day + timedelta(days=1), time(0), tz)
        ids = [technician_id] if technician_id is not None else None
        found = uow.appointments.overlapping(start, end, technician_ids=ids)
    elif technician_id is not None:
        found = uow.appointments.find(technician_id=technician_id)
    else:
        found = uow.appointments.find()
    if phone is not None:
        contact = contact_by_phone(uow, phone)
        account_id = contact.account_id if contact else None
        found = [a for a in found if a.account_id == account_id]
    if not include_cancelled:
        found = [a for a in found if a.is_active or a.status.value == "done"]
    found.sort(key=lambda a: a.start)
    names = {member.id: member.name for member in uow.staff.find()}
    return [AppointmentPublic.of(a, zone, names.get(a.technician_id)) for a in found[:limit]]
