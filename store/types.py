"""Column types that hand the domain its own values back: aware UTC datetimes, enums, lines,
durations and spans."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, DateTime, Dialect, Integer, String, literal_column
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import TypeDecorator

from domain.hours import Span, WeeklyHours
from domain.money import Line


class UtcDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as UTC and returns them aware in UTC, on SQLite too."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: fieldbot stores aware UTC datetimes only")
        value = value.astimezone(UTC)
        # SQLite keeps no offset; storing naive UTC keeps text comparisons in order.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class StrEnumType(TypeDecorator[StrEnum]):
    """A StrEnum stored as its string value and returned as the enum member."""

    impl = String(32)
    cache_ok = True

    def __init__(self, enum_cls: type[StrEnum]) -> None:
        super().__init__()
        self.enum_cls = enum_cls

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if isinstance(value, self.enum_cls):  # the common case, without the enum's lookup
            return str(value.value)
        return None if value is None else self.enum_cls(value).value

    def process_result_value(self, value: str | None, dialect: Dialect) -> StrEnum | None:
        if value is None:
            return None
        # Thousands of rows a read (the scheduler's): a dictionary lookup, not Enum.__call__.
        member = self.enum_cls._value2member_map_.get(value)
        return member if isinstance(member, StrEnum) else self.enum_cls(value)


class LinesJSON(TypeDecorator[tuple[Line, ...]]):
    """Priced lines as a JSON list of objects; a tuple of `Line` in Python."""

    impl = JSON(none_as_null=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> list[dict[str, Any]] | None:
        return None if value is None else [line.to_dict() for line in value]

    def process_result_value(self, value: Any, dialect: Dialect) -> tuple[Line, ...] | None:
        return None if value is None else tuple(Line.from_dict(raw) for raw in value)


class StringTuple(TypeDecorator[tuple[str, ...]]):
    """A tuple of strings (skills, zones) as a JSON list."""

    impl = JSON(none_as_null=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> list[str] | None:
        return None if value is None else [str(item) for item in value]

    def process_result_value(self, value: Any, dialect: Dialect) -> tuple[str, ...] | None:
        return None if value is None else tuple(value)


class WeeklyHoursJSON(TypeDecorator[WeeklyHours]):
    """Working hours as {"mon": "08:00-17:00", ..., "sun": null}."""

    impl = JSON(none_as_null=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> dict[str, str | None] | None:
        return None if value is None else value.to_dict()

    def process_result_value(self, value: Any, dialect: Dialect) -> WeeklyHours | None:
        return None if value is None else WeeklyHours.from_dict(value)


class Minutes(TypeDecorator[timedelta]):
    """A duration (travel buffer, service length) as a whole number of minutes."""

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: timedelta | None, dialect: Dialect) -> int | None:
        return None if value is None else int(value.total_seconds()) // 60

    def process_result_value(self, value: int | None, dialect: Dialect) -> timedelta | None:
        return None if value is None else timedelta(minutes=value)


class MinutesTuple(TypeDecorator[tuple[timedelta, ...]]):
    """Durations (reminder offsets) as a JSON list of minutes."""

    impl = JSON(none_as_null=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> list[int] | None:
        return None if value is None else [int(item.total_seconds()) // 60 for item in value]

    def process_result_value(self, value: Any, dialect: Dialect) -> tuple[timedelta, ...] | None:
        return None if value is None else tuple(timedelta(minutes=item) for item in value)


class SpanText(TypeDecorator[Span]):
    """A local span of one day (quiet hours) as "08:00-21:00"."""

    impl = String(11)
    cache_ok = True

    def process_bind_param(self, value: Span | None, dialect: Dialect) -> str | None:
        return None if value is None else value.label()

    def process_result_value(self, value: str | None, dialect: Dialect) -> Span | None:
        return None if value is None else Span.parse(value)


class later_by(FunctionElement[datetime]):  # noqa: N801 (an SQL function's name)
    """`later_by(column, timedelta)`: the stored moment shifted later by a fixed span, in SQL on
    both databases (text moments on SQLite, timestamptz on PostgreSQL)."""

    inherit_cache = True
    type = UtcDateTime()

    def __init__(self, column: Any, span: timedelta) -> None:
        super().__init__(column, literal_column(str(int(span.total_seconds()))))


@compiles(later_by, "sqlite")
def _later_by_sqlite(element: later_by, compiler: Any, **kw: Any) -> str:
    column, seconds = list(element.clauses)
    # The stored text's own shape ("2026-12-03 14:17:00.000"), so text comparisons keep order.
    return (f"strftime('%Y-%m-%d %H:%M:%f', {compiler.process(column, **kw)}, "
            f"'+{compiler.process(seconds, **kw)} seconds')")


@compiles(later_by, "postgresql")
def _later_by_postgresql(element: later_by, compiler: Any, **kw: Any) -> str:
    column, seconds = list(element.clauses)
    return (f"({compiler.process(column, **kw)} + "
            f"make_interval(secs => {compiler.process(seconds, **kw)}))")
