"""What an audit reports: findings (what went wrong), deadlines (what is due next) and
met clocks (what was done in time).

Every finding carries its rule's id, title and citation, the children and complaint it
concerns, the events that started and met the clock (or that none did), the due date as a
range when dates are imprecise, how late in working days, and whether the breach is
*certain* (every reading of the dates breaches) or only *possible* (some do).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from casework.domain.rules.model import Rule
from casework.domain.wording import date_range, working_days_between

Kind = Literal["late", "missed", "overdue", "not_evidenced", "duty"]
Certainty = Literal["certain", "possible"]

KIND_WORDS: dict[str, str] = {
    "late": "done late",
    "missed": "never done before the clock stopped",
    "overdue": "overdue now",
    "not_evidenced": "not evidenced in the record",
    "duty": "practice duty not met",
}


@dataclass(frozen=True)
class Finding:
    rule_id: str
    title: str
    citation: str
    basis: str
    kind: Kind
    certainty: Certainty
    summary: str
    children: tuple[str, ...] = ()
    complaint: str | None = None
    trigger_id: str | None = None
    outcome_id: str | None = None
    due_earliest: date | None = None
    due_latest: date | None = None
    late_by_min: int | None = None
    late_by_max: int | None = None
    limit: str = ""
    qualifier: str = ""
    beyond_extension: Certainty | None = None
    working: tuple[str, ...] = ()
    source_url: str = ""
    edition: str = ""  # the edition of the guidance relied on (Working Together 2018 …), if any

    @property
    def is_certain(self) -> bool:
        return self.certainty == "certain"

    def due_text(self) -> str:
        if self.due_earliest is None or self.due_latest is None:
            return ""
        return date_range_text(self.due_earliest, self.due_latest)

    def late_text(self) -> str:
        low, high = self.late_by_min, self.late_by_max
        if high is None:
            return ""
        return working_days_between(low, high)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule_id, "title": self.title, "citation": self.citation,
            "basis": self.basis, "source_url": self.source_url, "edition": self.edition or None,
            "kind": self.kind,
            "certainty": self.certainty, "summary": self.summary,
            "children": list(self.children), "complaint": self.complaint,
            "trigger": self.trigger_id, "outcome": self.outcome_id,
            "due_earliest": _iso(self.due_earliest), "due_latest": _iso(self.due_latest),
            "late_by_working_days": (
                None if self.late_by_max is None
                else {"min": self.late_by_min, "max": self.late_by_max}
            ),
            "limit": self.limit, "qualifier": self.qualifier,
            "beyond_extension": self.beyond_extension, "working": list(self.working),
        }


@dataclass(frozen=True)
class Deadline:
    """A clock still running on the audit date: what is due, by when, under which rule."""

    rule_id: str
    title: str
    citation: str
    must: str
    due_earliest: date
    due_latest: date
    children: tuple[str, ...] = ()
    complaint: str | None = None
    trigger_id: str | None = None
    working: tuple[str, ...] = ()

    def due_text(self) -> str:
        return date_range_text(self.due_earliest, self.due_latest)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule_id, "title": self.title, "citation": self.citation,
            "must": self.must, "due_earliest": self.due_earliest.isoformat(),
            "due_latest": self.due_latest.isoformat(), "children": list(self.children),
            "complaint": self.complaint, "trigger": self.trigger_id, "working": list(self.working),
        }


@dataclass(frozen=True)
class MetClock:
    """A clock whose outcome came in time under every reading of the dates.

    Reported so a page can show the whole stage timeline (started, due, met) from the one
    evaluation that judged it, instead of working the due date out a second time.
    """

    rule_id: str
    title: str
    citation: str
    trigger_id: str
    outcome_id: str
    due_earliest: date
    due_latest: date
    met_earliest: date
    met_latest: date
    extended: bool = False
    children: tuple[str, ...] = ()
    complaint: str | None = None
    working: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule_id, "title": self.title, "citation": self.citation,
            "trigger": self.trigger_id, "outcome": self.outcome_id,
            "due_earliest": self.due_earliest.isoformat(), "due_latest": self.due_latest.isoformat(),
            "met_earliest": self.met_earliest.isoformat(), "met_latest": self.met_latest.isoformat(),
            "extended": self.extended, "children": list(self.children), "complaint": self.complaint,
            "working": list(self.working),
        }


@dataclass(frozen=True)
class AuditReport:
    case_id: str
    council: str
    as_of: date
    findings: tuple[Finding, ...] = ()
    due: tuple[Deadline, ...] = ()
    rules_applied: tuple[str, ...] = field(default_factory=tuple)
    met: tuple[MetClock, ...] = ()

    @property
    def certain(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.is_certain)

    @property
    def overdue(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind == "overdue")

    def for_rule(self, rule_id: str) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.rule_id == rule_id)

    def as_dict(self) -> dict[str, Any]:
        return {
            "case": self.case_id, "council": self.council, "as_of": self.as_of.isoformat(),
            "summary": {
                "findings": len(self.findings), "certain": len(self.certain),
                "possible": len(self.findings) - len(self.certain), "due": len(self.due),
            },
            "findings": [f.as_dict() for f in self.findings],
            "due": [d.as_dict() for d in self.due],
            "met": [m.as_dict() for m in self.met],
            "rules_applied": list(self.rules_applied),
        }


def finding_for(rule: Rule, on: date | None = None, **values: Any) -> Finding:
    """A finding that inherits its rule's identity and source: the edition of the source in
    force `on` the day its clock started (or the thing judged happened), when it has editions."""
    edition = rule.source.edition_on(on)
    return Finding(
        rule_id=rule.id, title=rule.title_on(on), citation=rule.source.citation(on),
        basis=rule.source.basis, source_url=rule.source.url, limit=rule.describe_limit(on),
        qualifier=rule.qualifier, edition=edition.name if edition else "", **values,
    )


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def date_range_text(earliest: date, latest: date) -> str:
    """A due date as a reader sees it: one day, or the range its readings span."""
    return date_range(earliest, latest)
