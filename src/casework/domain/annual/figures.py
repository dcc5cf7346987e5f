"""The figures of an annual report: each a count with the complaints behind it.

A figure keeps the references of what it counts, so a manager can open every complaint
behind a number; the published form drops them and hides counts under five (`published`).
Two years' figures are paired by key into sections for the side-by-side report.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

SMALL = 5  # counts from 1 to 4 are published as "fewer than 5"
FEWER_THAN = f"fewer than {SMALL}"


@dataclass(frozen=True, order=True)
class Ref:
    """What a figure counts: a complaint on a case, or (with no complaint) a case event."""

    case: str
    complaint: str | None = None
    event: str | None = None


@dataclass(frozen=True)
class Figure:
    """`count` things (complaints, points, payments…) and the complaints or events they are.

    `amount` is a sum of money; `days` a median or percentile in working days, over `count`
    measured responses.
    """

    key: str
    label: str
    count: int = 0
    refs: tuple[Ref, ...] = ()
    amount: Decimal | None = None
    days: float | None = None
    measure: bool = False  # a median or percentile of `days`, not a count

    def value_text(self) -> str:
        """The figure as a manager reads it (exact)."""
        if self.measure and self.days is None:
            return "none measured"
        if self.days is not None:
            return f"{self.days:g}"
        if self.amount is not None:
            return f"{self.count} (£{self.amount:,.2f})"
        return str(self.count)

    def published(self) -> str:
        """The figure as published: a count under 5 (and any sum or measure over so few)
        becomes "fewer than 5", so that no one can be recognised from it."""
        if 0 < self.count < SMALL:
            return FEWER_THAN
        if self.measure and self.days is None:
            return "none measured"
        if self.days is not None:
            return f"{self.days:g}"
        if self.amount is not None:
            return f"{self.count} (£{self.amount:,.2f})"
        return str(self.count)


@dataclass
class Tally:
    """Figures built up one counted thing at a time, in the order first named."""

    figures: dict[str, Figure] = field(default_factory=dict)
    _refs: dict[str, list[Ref]] = field(default_factory=dict)

    def declare(self, key: str, label: str) -> None:
        """A figure shown even when nothing was counted (a zero is an answer too)."""
        if key not in self.figures:
            self.figures[key] = Figure(key, label)
            self._refs[key] = []

    def add(self, key: str, label: str, ref: Ref, n: int = 1, amount: Decimal | None = None) -> None:
        self.declare(key, label)
        old = self.figures[key]
        if ref not in self._refs[key]:
            self._refs[key].append(ref)
        total = None if amount is None and old.amount is None else (
            (old.amount or Decimal(0)) + (amount or Decimal(0)))
        self.figures[key] = Figure(key, label, old.count + n, tuple(self._refs[key]), total)

    def measure(self, key: str, label: str, days: float | None, refs: Iterable[Ref], n: int) -> None:
        self.figures[key] = Figure(key, label, n, tuple(dict.fromkeys(refs)), days=days, measure=True)


@dataclass(frozen=True)
class Row:
    """One figure for the year and the year before."""

    key: str
    label: str
    this_year: Figure
    last_year: Figure


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    rows: tuple[Row, ...]
    note: str = ""


def pair(this_year: Mapping[str, Figure], last_year: Mapping[str, Figure],
         sections: Iterable[tuple[str, str, str]]) -> tuple[Section, ...]:
    """Sections of rows (key prefix, title, note), each row pairing the two years' figure."""
    keys = list(dict.fromkeys([*this_year, *last_year]))
    result = []
    for prefix, title, note in sections:
        rows = []
        for key in keys:
            if key.split(".")[0] != prefix:
                continue
            now = this_year.get(key) or Figure(key, last_year[key].label, measure=last_year[key].measure)
            then = last_year.get(key) or Figure(key, now.label, measure=now.measure)
            rows.append(Row(key, now.label, now, then))
        result.append(Section(prefix, title, tuple(rows), note))
    return tuple(result)
