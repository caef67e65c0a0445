"""Money is integer cents; lines of work price quotes and invoices."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Line:
    """One priced line of a quote or invoice."""

    description: str
    quantity: int
    unit_price_cents: int

    def __post_init__(self) -> None:
        if self.quantity <= 0:
            raise ValueError(f"quantity must be positive, got {self.quantity}")
        if self.unit_price_cents < 0:
            raise ValueError("unit price cannot be negative")

    @property
    def total_cents(self) -> int:
        return self.quantity * self.unit_price_cents

    def to_dict(self) -> dict[str, Any]:
        return {
            "description": self.description,
            "quantity": self.quantity,
            "unit_price_cents": self.unit_price_cents,
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Line:
        return cls(str(raw["description"]), int(raw["quantity"]), int(raw["unit_price_cents"]))


def total_cents(lines: tuple[Line, ...] | list[Line]) -> int:
    return sum(line.total_cents for line in lines)


def format_cents(cents: int, currency: str = "$") -> str:
    """1234567 -> "$12,345.67"."""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(cents), 100)
    return f"{sign}{currency}{whole:,}.{part:02d}"
