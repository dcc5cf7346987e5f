"""The Ombudsman's Guidance on Remedies as dated entries, and judging a payment against it.

The normal range for a symbolic payment changed over time (£100–£300 for distress in
decision 19 020 817, 2021; "up to £500" in 24 009 485, 2025). A payment is judged against
the entry in force on the date it was offered or decided, never against today's figure,
so an old offer is not reported as low by a newer standard. The figures live in
`guidance.yaml`; a change in the guidance is a new entry there, not a code change.

>>> from datetime import date
>>> judge_payment(Decimal(250), "distress", date(2021, 6, 3)).status
'within'
>>> judge_payment(Decimal(600), "distress", date(2025, 6, 24)).status
'above'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from typing import Any, Literal

from casework.domain.errors import CaseworkError
from casework.domain.events import REMEDY_PURPOSES
from casework.domain.rules.model import Source
from casework.domain.yaml_source import ProblemCollector, load_yaml_with_lines

Status = Literal["within", "below", "above", "not_payable", "in_full", "no_band"]
PURPOSE_KEYS = frozenset({"low", "high", "meaning", "not_for", "in_full"})
VERSION_KEYS = frozenset({"id", "title", "effective_from", "source", "purposes"})
SOURCE_KEYS = frozenset({"basis", "title", "url", "section", "seeds", "confirmed", "note"})


@dataclass(frozen=True)
class Band:
    """What one guidance version says about payments for one purpose."""

    purpose: str
    meaning: str
    low: Decimal | None = None
    high: Decimal | None = None
    not_for: str = ""
    in_full: bool = False

    def describe(self) -> str:
        if self.in_full:
            return "repaid in full"
        if self.low is not None and self.high is not None:
            return f"normally £{self.low:,}–£{self.high:,}"
        if self.high is not None:
            return f"normally up to £{self.high:,}"
        if self.low is not None:
            return f"normally at least £{self.low:,}"
        return "no normal range: judged on the facts"


@dataclass(frozen=True)
class GuidanceVersion:
    id: str
    title: str
    effective_from: date
    source: Source
    bands: Mapping[str, Band]


@dataclass(frozen=True)
class PaymentJudgement:
    """A payment against the band in force: the status, the band, its source, and why."""

    amount: Decimal
    purpose: str
    on: date
    status: Status
    band: Band | None
    version: GuidanceVersion
    warning: str = ""

    @property
    def citation(self) -> str:
        return self.version.source.citation()


def in_force(on: date, versions: tuple[GuidanceVersion, ...] | None = None) -> GuidanceVersion:
    """The guidance version in force on `on`: the latest whose effective date is not after it."""
    versions = versions if versions is not None else guidance_versions()
    current = [v for v in versions if v.effective_from <= on]
    if not current:
        first = versions[0]
        raise CaseworkError.single(
            "remedies/guidance.yaml", "on", f"no Guidance on Remedies entry is in force on {on}",
            f"give a date on or after {first.effective_from} ({first.title})",
        )
    return current[-1]


def judge_payment(
    amount: Decimal, purpose: str, on: date, *, per_child: bool = False,
    merely_complaining: bool = False, versions: tuple[GuidanceVersion, ...] | None = None,
) -> PaymentJudgement:
    """Judge a payment (per person, or per child) against the guidance in force on `on`.

    `merely_complaining` says the payment is for the time and trouble of using a complaints
    procedure and nothing more, which the guidance says is not payable (24 009 485).
    """
    version = in_force(on, versions)
    band = version.bands.get(purpose)
    each = " for each child" if per_child else ""
    shown = f"£{amount:,.2f}{each}"
    if band is None:
        return PaymentJudgement(amount, purpose, on, "no_band", None, version,
                                f"{version.title} gives no range for '{purpose}'")
    if merely_complaining and band.not_for:
        return PaymentJudgement(amount, purpose, on, "not_payable", band, version,
                                f"{shown} for {purpose.replace('_', ' ')}: the guidance makes no "
                                f"payment for {band.not_for}")
    if band.in_full:
        return PaymentJudgement(amount, purpose, on, "in_full", band, version)
    if band.low is not None and amount < band.low:
        return PaymentJudgement(amount, purpose, on, "below", band, version,
                                f"{shown} is below the range the guidance in force on {on} "
                                f"normally recommends ({band.describe()}; {version.title})")
    if band.high is not None and amount > band.high:
        return PaymentJudgement(amount, purpose, on, "above", band, version,
                                f"{shown} is above the range the guidance in force on {on} "
                                f"normally recommends ({band.describe()}; {version.title}); "
                                "higher sums need exceptional circumstances, recorded")
    if band.low is None and band.high is None:
        return PaymentJudgement(amount, purpose, on, "no_band", band, version)
    return PaymentJudgement(amount, purpose, on, "within", band, version)


@lru_cache(maxsize=1)
def guidance_versions() -> tuple[GuidanceVersion, ...]:
    """The versions shipped in guidance.yaml, oldest first (validated when loaded)."""
    text = resources.files("casework.domain.remedies").joinpath("guidance.yaml").read_text("utf-8")
    return parse_guidance(text, "remedies/guidance.yaml")


def parse_guidance(text: str, where: str) -> tuple[GuidanceVersion, ...]:
    """Read and validate a guidance file; every problem names the file and line."""
    data, lines = load_yaml_with_lines(text, where)
    reader = _Reader(where, lines)
    raw = data.get("versions") if isinstance(data, dict) else None
    if not isinstance(raw, list) or not raw:
        reader.fail(("versions",), "the file has no list of versions", "add 'versions:' with dated entries")
        raise CaseworkError(reader.problems)
    versions = [v for i, item in enumerate(raw) if (v := reader.version(item, i)) is not None]
    for i, (a, b) in enumerate(pairwise(versions)):
        if b.effective_from <= a.effective_from:
            reader.fail(("versions", i + 1, "effective_from"),
                        f"{b.id} takes effect on {b.effective_from}, not after {a.id} ({a.effective_from})",
                        "list versions oldest first, each with a later effective_from")
    if reader.problems:
        raise CaseworkError(reader.problems)
    return tuple(versions)


class _Reader(ProblemCollector):
    def version(self, item: Any, i: int) -> GuidanceVersion | None:
        path: tuple[str | int, ...] = ("versions", i)
        if not isinstance(item, dict):
            self.fail(path, "a version must be a mapping", "give id, title, effective_from, source, purposes")
            return None
        self.unknown_keys(path, item, VERSION_KEYS)
        start = item.get("effective_from")
        if not isinstance(start, date):
            self.fail((*path, "effective_from"), f"effective_from {start!r} is not a date",
                      "write the date as YYYY-MM-DD")
            return None
        bands = {}
        purposes = item.get("purposes") or {}
        for name, spec in purposes.items():
            if (band := self.band((*path, "purposes", name), str(name), spec)) is not None:
                bands[band.purpose] = band
        return GuidanceVersion(str(item.get("id", "")), str(item.get("title", "")), start,
                               self.source((*path, "source"), item.get("source")), bands)

    def band(self, path: tuple[str | int, ...], name: str, spec: Any) -> Band | None:
        if name not in REMEDY_PURPOSES:
            self.fail(path, f"unknown purpose '{name}'", f"use one of {', '.join(REMEDY_PURPOSES)}")
            return None
        if not isinstance(spec, dict):
            self.fail(path, "a purpose must be a mapping", "give meaning and low/high or in_full")
            return None
        self.unknown_keys(path, spec, PURPOSE_KEYS)
        low, high = (self.money((*path, k), spec.get(k)) for k in ("low", "high"))
        if low is not None and high is not None and low > high:
            self.fail((*path, "low"), f"low £{low} is above high £{high}", "swap or correct the figures")
        return Band(name, str(spec.get("meaning", "")), low, high, str(spec.get("not_for", "")),
                    bool(spec.get("in_full", False)))

    def money(self, path: tuple[str | int, ...], value: Any) -> Decimal | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            self.fail(path, f"{value!r} is not an amount of money", "give pounds, e.g. 300")
            return None
        return Decimal(str(value))

    def source(self, path: tuple[str | int, ...], raw: Any) -> Source:
        if not isinstance(raw, dict) or "title" not in raw:
            self.fail(path, "a version needs a source with a title", "add source: {basis, title, url}")
            return Source("guidance", "")
        self.unknown_keys(path, raw, SOURCE_KEYS)
        return Source(
            basis=raw.get("basis", "guidance"), title=str(raw["title"]), section=str(raw.get("section", "")),
            url=str(raw.get("url", "")), seeds=tuple(str(s) for s in raw.get("seeds", ())),
            confirmed=bool(raw.get("confirmed", True)), note=str(raw.get("note", "")),
        )
