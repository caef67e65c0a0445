"""Jobs (work orders)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import AdminDep, ContainerDep, UowDep
from api.lookups import MAX_ID, given
from api.schemas import JobPublic
from domain.jobs import JobState

router = APIRouter(prefix="/api/jobs", tags=["jobs"], dependencies=[AdminDep])


@router.get("", response_model=list[JobPublic])
def list_jobs(
    uow: UowDep,
    container: ContainerDep,
    state: JobState | None = None,
    account_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 200,
) -> list[JobPublic]:
    filters = given(state=state, account_id=account_id)
    zone = container.business.timezone
    return [JobPublic.of(job, zone) for job in uow.jobs.find(**filters)[:limit]]
