"""What a rule is: a trigger, what satisfies it, a limit, and a dated source.

`check` says how the audit evaluates it: "timescale" for the clock rules (trigger →
outcome within a limit), or the name of a practice-duty check in `audit/duties.py`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from casework.domain.events import Event
from casework.domain.wording import day as day_words
from casework.domain.wording import plural

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
        return plural(self.amount, UNIT_WORDS[self.unit])

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
class DatedLimit:
    """One figure of a rule, in force from `start` until the next figure's start, with the
    source that set it: a change in the law is a new dated figure, never a new rule id.
    `start` None: from the rule's own start (only a rule's first figure may say so)."""

    limit: Limit
    start: date | None
    source: Source

    def describe(self, rule_start: date | None = None) -> str:
        """'10 working days from 1 September 2006 (SI 2006/1738, regulation 14)': the figure,
        when it came into force and the words that set it, for the reference and the working.
        A first figure with no date of its own runs from `rule_start`, when given."""
        start = self.start or (rule_start if rule_start and rule_start.year > 1900 else None)
        when = f" from {day_words(start)}" if start else ""
        where = ", ".join(part for part in (self.source.title, self.source.section) if part)
        return f"{self.limit}{when} ({where})"


@dataclass(frozen=True)
class Limits:
    """A rule's limit keyed by date, oldest first. Which figure governs a clock is the one in
    force on its trigger's date; an imprecise trigger whose readings straddle a change is read
    under each figure for the readings it covers (`over`), so a breach is certain only when
    it is a breach under every reading and the figure in force on it."""

    values: tuple[DatedLimit, ...]

    @classmethod
    def single(cls, limit: Limit, source: Source) -> Limits:
        return cls((DatedLimit(limit, None, source),))

    @property
    def current(self) -> Limit:
        """The figure in force now (the latest): what a title and a council override speak of."""
        return self.values[-1].limit

    def on(self, day: date | None) -> DatedLimit:
        """The figure in force on `day` (the latest when no day is given). Before the first
        figure's start the first applies: the rule itself is not in force there, and only the
        earliest readings of an imprecise trigger can fall so early."""
        found = [v for v in self.values[1:] if day is None or (v.start is not None and v.start <= day)]
        return found[-1] if found else self.values[0]

    def over(self, earliest: date, latest: date) -> tuple[tuple[date, date, DatedLimit], ...]:
        """The days `earliest`..`latest` split where a figure changes, each with its figure."""
        spans = []
        for i, value in enumerate(self.values):
            end = self.values[i + 1].start if i + 1 < len(self.values) else None
            low = earliest if i == 0 or value.start is None else max(earliest, value.start)
            high = latest if end is None else min(latest, end - timedelta(days=1))
            if low <= high:
                spans.append((low, high, value))
        return tuple(spans)

    def text_over(self, earliest: date, latest: date) -> str:
        """The figure in force over these days: '10 working days', or each where they differ."""
        return " or ".join(dict.fromkeys(str(v.limit) for _, _, v in self.over(earliest, latest)))

    def tightest(self) -> Limit:
        """The shortest figure ever in force (figures of one unit compare; see `Limit`)."""
        return min((v.limit for v in self.values), key=lambda limit: (limit.unit, limit.amount))


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
    """A longer limit that applies when one of `by` is recorded (e.g. stage 1: 10 → 20),
    keyed by date like the rule's own limit."""

    limit: Limits
    by: tuple[Matcher, ...]


@dataclass(frozen=True)
class Rule:
    """One rule file. `heading` is its title with the figures left as `{limit}` and
    `{extension}`: the title shown is rendered from the figures in force, so a council's
    override or a change in the law can never leave a wrong figure in it."""

    id: str
    heading: str
    area: str
    check: str
    source: Source
    must: str
    trigger: tuple[Matcher, ...] = ()
    # "each" trigger starts a clock, only the "first", or every one "after_first" (the first
    # looked-after review's successor is due in 3 months, later ones in 6: reg 33(2)).
    trigger_selection: Literal["each", "first", "after_first"] = "each"
    trigger_expired: tuple[str, ...] = ()
    """Rules whose clock running out with its outcome missing also starts this one, where no
    `trigger` event is present (stage 2 may be asked for once the stage 1 time has expired)."""
    satisfied_by: tuple[Matcher, ...] = ()
    stopped_by: tuple[Matcher, ...] = ()
    only_if: tuple[Matcher, ...] = ()
    also_from: tuple[Matcher, ...] = ()
    limit: Limits | None = None
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

    @property
    def title(self) -> str:
        """The title with the figures in force now."""
        return self.title_on(None)

    def title_on(self, day: date | None) -> str:
        """The title with the figures in force on `day` (a clock's trigger date)."""
        text = self.heading
        if self.limit is not None:
            text = text.replace("{limit}", str(self.limit.on(day).limit))
        if self.extension is not None:
            text = text.replace("{extension}", str(self.extension.limit.on(day).limit))
        return text

    def limit_on(self, day: date | None) -> Limit | None:
        """The figure in force on `day` (the latest when no day is given)."""
        return self.limit.on(day).limit if self.limit is not None else None

    def describe_limit(self, on: date | None = None) -> str:
        """The limit in force `on` a day in words, with its extension and qualifier."""
        if self.limit is None:
            return ""
        text = str(self.limit.on(on).limit)
        if self.extension is not None:
            text += f", extendable to {self.extension.limit.on(on).limit}"
        if self.qualifier:
            text += f" ({self.qualifier})"
        return text
