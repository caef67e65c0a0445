"""FastAPI dependencies as Annotated aliases: the container, a unit of work, the admin guard."""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.bootstrap import Container
from domain.ports import AbstractUnitOfWork

_bearer = HTTPBearer(auto_error=False, description="FIELDBOT_ADMIN_TOKEN")


def get_container(request: Request) -> Container:
    container: Container = request.app.state.container
    return container


ContainerDep = Annotated[Container, Depends(get_container)]


def get_uow(container: ContainerDep) -> Iterator[AbstractUnitOfWork]:
    with container.uow_factory() as uow:
        yield uow


UowDep = Annotated[AbstractUnitOfWork, Depends(get_uow)]


def require_admin(
    container: ContainerDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """Allow the request only with `Authorization: Bearer <FIELDBOT_ADMIN_TOKEN>`."""
    expected = container.settings.admin_token
    supplied = credentials.credentials if credentials else ""
    if not expected or not hmac.compare_digest(supplied.encode(), expected.encode()):
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="Send 'Authorization: Bearer <FIELDBOT_ADMIN_TOKEN>'",
            headers={"WWW-Authenticate": "Bearer"},
        )


AdminDep = Depends(require_admin)
