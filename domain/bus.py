"""The message bus: runs a command's handler, then every handler of the events it caused."""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from domain.commands import Command
from domain.events import Event
from domain.ports import AbstractUnitOfWork

logger = logging.getLogger(__name__)

Handler = Callable[..., Any]


class MessageBus:
    """Dispatches commands and events with dependencies injected by parameter name."""

    def __init__(
        self,
        *,
        uow_factory: Callable[[], AbstractUnitOfWork],
        command_handlers: Mapping[type[Command], Handler],
        event_handlers: Mapping[type[Event], list[Handler]],
        dependencies: Mapping[str, Any],
    ) -> None:
        self.uow_factory = uow_factory
        self._command_handlers = command_handlers
        self._event_handlers = event_handlers
        self._dependencies = dict(dependencies)

    def handle(self, command: Command) -> Any:
        """Run `command` in a fresh unit of work and commit it with everything its events caused."""
        with self.uow_factory() as uow:
            result = self.handle_in(uow, command)
            uow.commit()
        return result

    def handle_in(self, uow: AbstractUnitOfWork, command: Command) -> Any:
        """Run `command` inside the caller's unit of work; the caller commits."""
        handler = self._command_handlers[type(command)]
        result = self._call(handler, command, uow)
        self.drain(uow)
        return result

    def drain(self, uow: AbstractUnitOfWork) -> None:
        """Handle events until no aggregate has any left; a failing event handler is logged."""
        pending = list(uow.collect_new_events())
        while pending:
            event = pending.pop(0)
            for handler in self._event_handlers.get(type(event), []):
                try:
                    self._call(handler, event, uow)
                except Exception:
                    logger.exception("event handler %s failed on %s", handler.__name__,
                                      type(event).__name__)
            pending.extend(uow.collect_new_events())

    def _call(self, handler: Handler, message: Command | Event, uow: AbstractUnitOfWork) -> Any:
        available = {"uow": uow, **self._dependencies}
        kwargs = {name: available[name] for name in parameter_names(handler) if name in available}
        return handler(message, **kwargs)


@cache
def parameter_names(handler: Handler) -> tuple[str, ...]:
    """A handler's parameter names, read once: dependencies are injected by these names."""
    return tuple(inspect.signature(handler).parameters)
