"""What a rule is: a trigger, what satisfies it, a limit, and a dated source.

`check` says how the audit evaluates it: "timescale" for the clock rules (trigger →
outcome within a limit), or the name of a practice-duty check in `audit/duties.py`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from casework.domain.events import Event

Unit = Literal["working_days", "calendar_months", "calendar_days", "weeks"]
Basis = Literal["law", "guidance", "code", "local", "seed"]
Scope = Literal["child", "complaint", "case"]

STRICT_BASES: frozenset[str] = frozenset({"law", "guidance", "code"})
UNIT_WORDS = {
    "working_days": "working day",
    "calendar_months": "month",
    "calendar_days": "day",
    "weeks": "week",
}


@dataclass(frozen=True)
class Limit:
    amount: int
    unit: Unit

    def __str__(self) -> str:
        word = UNIT_WORDS[self.unit]
        return f"{self.amount} {word}{'' if self.amount == 1 else 's'}"

    def is_longer_than(self, other: Limit) -> bool:
        """Comparable only within one unit; a change of unit counts as relaxing."""
        return self.unit != other.unit or self.amount > other.amount


@dataclass(frozen=True)
class Edition:
    """One edition of a guidance document, in force from `start` until the next edition: a
    rule that several editions give cites the one in force on the day its clock started,
    with that edition's own chapter and paragraph."""

    name: str
    start: date
    section: str = ""


@dataclass(frozen=True)
class Source:
    """Where a rule comes from, carried into every finding it produces."""

    basis: Basis
    title: str
    section: str = ""
    url: str = ""
    seeds: tuple[str, ...] = ()
    confirmed: bool = True
    note: str = ""
    editions: tuple[Edition, ...] = ()

    def edition_on(self, day: date | None) -> Edition | None:
        """The edition in force on `day` (the latest when no day is given)."""
        found = [e for e in self.editions if day is None or e.start <= day]
        return found[-1] if found else None

    def citation(self, on: date | None = None) -> str:
        edition = self.edition_on(on)
        parts = [f"{self.title} {edition.name}" if edition else self.title]
        section = edition.section if edition and edition.section else self.section
        if section:
            parts.append(section)
        text = ", ".join(parts)
        if self.seeds:
            text += f" (seen in LGSCO {', '.join(self.seeds)})"
        if not self.confirmed:
            text += " [unconfirmed]"
        return text


@dataclass(frozen=True)
class Matcher:
    """An event type, optionally with detail values the event must have, and detail values
    that rule it out (`unless`: a referral with no further action needs no assessment).

    `only_if` (for triggers): the event starts a clock only where the same unit also holds an
    event matching one of these (an advocate's appointment restarts stage 1 only where the
    complaint asked for one, reg 14(2)(b)).
    """

    type: str
    details: Mapping[str, object] = field(default_factory=dict)
    unless: Mapping[str, object] = field(default_factory=dict)
    only_if: tuple[Matcher, ...] = ()

    def matches(self, event: Event) -> bool:
        return event.type == self.type and all(
            event.details.get(k) == v for k, v in self.details.items()
        ) and not (self.unless and all(event.details.get(k) == v for k, v in self.unless.items()))

    @property
    def keys(self) -> frozenset[str]:
        """Every event detail this matcher (and its only_if conditions) looks at."""
        return frozenset(self.details) | frozenset(self.unless) | frozenset(
            k for condition in self.only_if for k in condition.keys)


@dataclass(frozen=True)
class Extension:
    """A longer limit that applies when one of `by` is recorded (e.g. stage 1: 10 → 20)."""

    limit: Limit
    by: tuple[Matcher, ...]


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    area: str
    check: str
    source: Source
    must: str
    trigger: tuple[Matcher, ...] = ()
    # "each" trigger starts a clock, only the "first", or every one "after_first" (the first
    # looked-after review's successor is due in 3 months, later ones in 6: reg 33(2)).
    trigger_selection: Literal["each", "first", "after_first"] = "each"
    satisfied_by: tuple[Matcher, ...] = ()
    stopped_by: tuple[Matcher, ...] = ()
    only_if: tuple[Matcher, ...] = ()
    also_from: tuple[Matcher, ...] = ()
    limit: Limit | None = None
    extension: Extension | None = None
    scope: Scope = "child"
    procedure: str | None = None
    qualifier: str = ""
    effective_from: date = date(1900, 1, 1)
    effective_to: date | None = None
    parameters: Mapping[str, object] = field(default_factory=dict)
    path: str = ""

    @property
    def statutory(self) -> bool:
        return self.source.basis in STRICT_BASES

    def in_force_on(self, day: date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)

    def describe_limit(self) -> str:
        if self.limit is None:
            return ""
        text = str(self.limit)
        if self.extension is not None:
            text += f", extendable to {self.extension.limit}"
        if self.qualifier:
            text += f" ({self.qualifier})"
        return text
