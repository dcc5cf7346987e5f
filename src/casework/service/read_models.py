"""What the use cases return, as typed read models: one set for the API, the web pages and the
command line.

Plain dataclasses (the service imports no framework): dates are `date`s, never ISO strings,
so a page formats them with `domain.wording` without parsing them back, and the API declares
each as its operation's response model (FastAPI writes the JSON and the OpenAPI schema from
the same class). A field that holds a whole document of its own (a chronology in file form,
an event's details) stays a mapping.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from casework.domain.audit.findings import Deadline, Finding, MetClock

Day = date  # for a class that has a field named `date`

# --- sign-in ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TokenView:
    access_token: str
    token_type: str
    expires_in: int


@dataclass(frozen=True)
class LogoutView:
    """What POST /api/logout ended: this token, or (everywhere) every token and session."""

    tokens_ended: int


@dataclass(frozen=True)
class MeView:
    username: str
    council: str
    role: str
    team: str | None = None


# --- cases and events --------------------------------------------------------------------


@dataclass(frozen=True)
class CaseSummaryView:
    id: str
    council: str
    title: str
    team: str
    worker: str
    version: int
    children: list[str]
    events: int


@dataclass(frozen=True)
class CaseView(CaseSummaryView):
    chronology: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CasePageView:
    items: list[CaseSummaryView]
    page: int
    per_page: int
    total: int


@dataclass(frozen=True)
class EventView:
    """An event with its date as recorded (`date`: '2023-11', 'early 2023-08', …) and the first
    and last day it can be."""

    id: str
    type: str
    date: str
    earliest: Day
    latest: Day
    children: list[str]
    details: dict[str, Any]
    note: str
    source: str


# --- the audit ------------------------------------------------------------------------------


@dataclass(frozen=True)
class LateBy:
    """How late in working days: one number when `min` == `max`, else a range."""

    min: int | None
    max: int | None


@dataclass(frozen=True)
class DecisionLink:
    reference: str
    slug: str
    href: str
    organisation: str | None
    outcome: str | None
    decided: date | None


@dataclass(frozen=True)
class FindingView:
    rule: str
    title: str
    citation: str
    basis: str
    source_url: str | None
    edition: str | None
    kind: str
    certainty: str
    summary: str
    children: list[str]
    complaint: str | None
    trigger: str | None
    outcome: str | None
    due_earliest: date | None
    due_latest: date | None
    late_by_working_days: LateBy | None
    limit: str | None
    qualifier: str | None
    beyond_extension: str | None  # "certain" or "possible", when past an agreed extension
    working: list[str]
    precedents: list[DecisionLink] = field(default_factory=list)


@dataclass(frozen=True)
class DeadlineView:
    rule: str
    title: str
    citation: str
    must: str
    due_earliest: date
    due_latest: date
    children: list[str]
    complaint: str | None
    trigger: str | None
    working: list[str]


@dataclass(frozen=True)
class MetView:
    rule: str
    title: str
    citation: str
    trigger: str
    outcome: str
    due_earliest: date
    due_latest: date
    met_earliest: date
    met_latest: date
    extended: bool
    children: list[str]
    complaint: str | None
    working: list[str]


def finding_view(f: Finding, precedents: list[DecisionLink] | None = None) -> FindingView:
    late = None if f.late_by_max is None else LateBy(f.late_by_min, f.late_by_max)
    return FindingView(
        rule=f.rule_id, title=f.title, citation=f.citation, basis=f.basis, source_url=f.source_url,
        edition=f.edition or None, kind=f.kind, certainty=f.certainty, summary=f.summary,
        children=list(f.children), complaint=f.complaint, trigger=f.trigger_id, outcome=f.outcome_id,
        due_earliest=f.due_earliest, due_latest=f.due_latest, late_by_working_days=late, limit=f.limit,
        qualifier=f.qualifier, beyond_extension=f.beyond_extension, working=list(f.working),
        precedents=list(precedents or []))


def deadline_view(d: Deadline) -> DeadlineView:
    return DeadlineView(rule=d.rule_id, title=d.title, citation=d.citation, must=d.must,
                        due_earliest=d.due_earliest, due_latest=d.due_latest, children=list(d.children),
                        complaint=d.complaint, trigger=d.trigger_id, working=list(d.working))


def met_view(m: MetClock) -> MetView:
    return MetView(rule=m.rule_id, title=m.title, citation=m.citation, trigger=m.trigger_id,
                   outcome=m.outcome_id, due_earliest=m.due_earliest, due_latest=m.due_latest,
                   met_earliest=m.met_earliest, met_latest=m.met_latest, extended=m.extended,
                   children=list(m.children), complaint=m.complaint, working=list(m.working))


@dataclass(frozen=True)
class AuditCounts:
    findings: int
    certain: int
    possible: int
    due: int


@dataclass(frozen=True)
class AuditView:
    case: str
    council: str
    as_of: date
    summary: AuditCounts
    findings: list[FindingView]
    due: list[DeadlineView]
    met: list[MetView]
    rules_applied: list[str]
    case_version: int | None = None


@dataclass(frozen=True)
class DueItemView:
    case: str
    team: str | None
    worker: str | None
    status: str
    rule: str
    title: str
    citation: str
    must: str
    summary: str
    kind: str | None
    certainty: str | None
    children: list[str]
    complaint: str | None
    trigger: str | None
    due_earliest: date | None
    due_latest: date | None
    late_by_working_days: LateBy | None
    rule_version: str | None
    stale: bool


@dataclass(frozen=True)
class DuePageView:
    items: list[DueItemView]
    page: int
    per_page: int
    total: int


# --- complaints --------------------------------------------------------------------------


@dataclass(frozen=True)
class PointFindingView:
    stage: str
    finding: str
    event: str
    decided_on: date


@dataclass(frozen=True)
class PointView:
    number: str
    summary: str
    findings: list[PointFindingView]


@dataclass(frozen=True)
class RemedyView:
    event: str
    purpose: str
    amount: float | None
    points: list[str]
    payee: str
    offered_by: str


@dataclass(frozen=True)
class ComplaintView:
    ref: str
    procedure: str
    state: str
    received_event: str
    points: list[PointView]
    remedies: list[RemedyView]


# --- agreed actions ------------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceView:
    id: int
    kind: str
    note: str
    filename: str | None
    added_by: str
    added_on: date | datetime


@dataclass(frozen=True)
class ActionView:
    id: int
    case: str
    complaint: str | None
    event: str
    what: str
    who: str
    deadline: str
    decided_on: date | None
    due_on: date | None
    overdue: bool
    evidenced: bool
    evidence: list[EvidenceView]
    verified_by: str | None
    verified_at: datetime | None


# --- the audit log -----------------------------------------------------------------------


@dataclass(frozen=True)
class LogEntryView:
    id: int
    at: datetime
    user: str
    action: str
    record_type: str
    record: str
    detail: str


@dataclass(frozen=True)
class LogPageView:
    items: list[LogEntryView]
    page: int
    per_page: int
    total: int


# --- Ombudsman decisions -------------------------------------------------------------------


@dataclass(frozen=True)
class PaymentBrief:
    amount: float | None
    purpose: str
    per_child: bool


@dataclass(frozen=True)
class DecisionSummaryView(DecisionLink):
    category: str | None = None
    subcategory: str | None = None
    year: int | None = None
    summary: str | None = None
    fault_found: bool | None = None
    payments: list[PaymentBrief] = field(default_factory=list)


@dataclass(frozen=True)
class DecisionPageView:
    items: list[DecisionSummaryView]
    page: int
    per_page: int
    total: int


@dataclass(frozen=True)
class LawView:
    kind: str
    title: str
    year: int | None
    sections: list[str]


@dataclass(frozen=True)
class PaymentView:
    amount: float | None
    total: float | None
    purpose: str
    payee: str | None
    per_child: bool
    children: int | None
    basis: str | None
    rate: float | None
    section: str | None
    passage: str | None


@dataclass(frozen=True)
class TimescaleView:
    amount: float | int | None
    unit: str | None
    text: str
    rule: str | None


@dataclass(frozen=True)
class DecisionView:
    """A decision with everything the parser found, and its text. Each agreed action is a
    mapping (kind, text, deadline, for, due), since `for` cannot be a field's name."""

    reference: str
    slug: str
    href: str
    organisation: str | None
    outcome: str | None
    decided: date | None
    category: str | None
    subcategory: str | None
    year: int | None
    summary: str | None
    fault_found: bool | None
    payments: list[PaymentView]
    complainant: str | None
    on_behalf_of: str | None
    complaint: str | None
    shared_with_ofsted: bool | None
    evidence_requested: bool | None
    legal_framework: list[LawView]
    fault_passages: list[str]
    actions: list[dict[str, Any]]
    timescales: list[TimescaleView]
    source: str | None
    text: str


@dataclass(frozen=True)
class SpreadView:
    purpose: str | None
    count: int
    median: float | None
    min: float | None
    max: float | None
    decisions: list[DecisionLink]


@dataclass(frozen=True)
class BenchmarkView:
    theme: str
    decisions: list[DecisionLink]
    overall: SpreadView | None
    by_purpose: list[SpreadView]
