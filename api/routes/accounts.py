"""One account as sales and operations share it: revenue, service history and timeline."""

from __future__ import annotations

from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Path, Request, Response

from api.deps import AdminDep, ContainerDep, UowDep
from api.lookups import MAX_ID, PAGE, BeforeId, Limit, account_or_404, page_of, sites_of
from api.schemas import AccountPublic, ServiceVisitPublic, TimelineEntryPublic
from domain.catalog import Catalog
from domain.errors import NotFound, UnknownService
from domain.jobs import AppointmentStatus, Job, JobState
from domain.ports import AbstractUnitOfWork
from domain.quotes import lifetime_revenue_cents

router = APIRouter(prefix="/api/accounts", tags=["accounts"], dependencies=[AdminDep])

AccountId = Annotated[int, Path(ge=1, le=MAX_ID, description="the account's id")]
HISTORY = 100  # the service history shows the newest completed jobs, this many at most
_DONE = frozenset({JobState.COMPLETED, JobState.INVOICED})
_NOT_CANCELLED = frozenset({AppointmentStatus.DONE, AppointmentStatus.BOOKED})


@router.get("/{account_id}", response_model=AccountPublic)
def get_account(uow: UowDep, container: ContainerDep, account_id: AccountId) -> AccountPublic:
    """The account with its contacts and sites, its lifetime revenue (the total of its invoices
    in cents; drafted invoices count, voided ones do not) and its service history (the newest
    100 completed jobs, newest first: day, service, what was done, by whom)."""
    account = account_or_404(uow, account_id)
    contacts = uow.contacts.find(account_id=account_id)
    revenue = lifetime_revenue_cents(uow.invoices.find(account_id=account_id))
    history = service_history(uow, container.catalog, account_id, container.business.timezone)
    return AccountPublic.of(account, contacts, sites_of(uow, [account_id])[account_id],
                            revenue_cents=revenue, history=history)


@router.get("/{account_id}/timeline", response_model=list[TimelineEntryPublic])
def account_timeline(
    uow: UowDep,
    container: ContainerDep,
    request: Request,
    response: Response,
    account_id: AccountId,
    limit: Limit = PAGE,
    before_id: BeforeId = None,
) -> list[TimelineEntryPublic]:
    """The account's timeline (messages, status changes, notes) newest first, a page at a time:
    the `Link` header's rel="next" URL (`before_id`) goes on to older entries. A `before_id`
    that is not one of this account's entries is a 404."""
    account_or_404(uow, account_id)
    if before_id is not None:
        cursor = uow.activities.get(before_id)
        if cursor is None or cursor.account_id != account_id:
            raise NotFound(f"No timeline entry {before_id} at account {account_id}")
    found = uow.activities.page(limit=limit + 1, before_id=before_id, newest_first=True,
                                order_by="at", account_id=account_id)
    page = page_of(found, limit, request=request, response=response,
                   base_url=container.settings.public_base_url, cursor="before_id")
    zone = container.business.timezone
    return [TimelineEntryPublic.of(activity, zone) for activity in page]


def service_history(uow: AbstractUnitOfWork, catalog: Catalog, account_id: int,
                    zone: str) -> list[ServiceVisitPublic]:
    """The account's newest completed jobs, each with the visit that finished it."""
    jobs = uow.jobs.page(limit=HISTORY, newest_first=True, account_id=account_id, state=_DONE)
    # A job finished before its visit's booked start keeps that visit booked, not done: the
    # technician who did the work is on the job's last visit that was not cancelled.
    kept = uow.appointments.page(limit=10 * HISTORY, order_by="start",
                                 job_id=frozenset(job.id for job in jobs),
                                 status=_NOT_CANCELLED) if jobs else []
    visits = {visit.job_id: visit for visit in kept}
    names = {member.id: member.name for member in uow.staff.get_many(
        {visit.technician_id for visit in visits.values()})}
    history = []
    for job in jobs:
        assert job.id is not None
        visit = visits.get(job.id)
        moment = visit.start if visit is not None else job.updated_at or job.created_at
        technician_id = visit.technician_id if visit is not None else None
        history.append(ServiceVisitPublic(
            job_id=job.id, job_number=job.number,
            date=moment.astimezone(ZoneInfo(zone)).date().isoformat() if moment else "",
            service_id=job.service_id,
            service=_service_name(catalog, job), summary=job.summary,
            technician_id=technician_id, technician_name=names.get(technician_id)))
    return history


def _service_name(catalog: Catalog, job: Job) -> str:
    """The service's name in the catalog; its id when the company no longer offers it."""
    try:
        return catalog.get(job.service_id).name
    except UnknownService:
        return job.service_id
