"""An in-memory unit of work, so the use cases can be tested without a database.

Modelled on cosmicpython's `tests/unit/fakes.py`: each repository keeps plain records in
lists, and the unit of work gives the service the same Protocol (`service.ports`) as the
SQLAlchemy one. A transaction works on a copy of the store; `commit()` keeps the copy and
leaving the `with` block without it throws the copy away, so a refused change leaves
nothing behind here exactly as it does in the database.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, Self

from casework.domain.audit.ledger import ClockRecord, DueFilter, standing_on
from casework.domain.chronology import Case
from casework.domain.decisions import Decision
from casework.domain.events import Event
from casework.domain.log_chain import GENESIS, link
from casework.service.ports import (
    ActionFilter,
    ActionRecord,
    AuditLogFilter,
    CaseFilter,
    CaseRecord,
    ComplaintFilter,
    DecisionFilters,
    EvidenceRecord,
    StoreRefused,
    TokenInfo,
    UnitOfWork,
)


@dataclass
class FakeCouncil:
    id: int
    slug: str
    name: str = ""
    demo: bool = False
    display_name: str = ""


@dataclass
class FakeGrant:
    council_id: int


@dataclass
class FakeUser:
    id: int
    council_id: int
    username: str
    role: str
    password_hash: str
    council: FakeCouncil
    full_name: str = ""
    team: str = ""
    active: bool = True
    demo: bool = False
    email: str = ""
    reminders: bool = True
    created_at: datetime | None = None
    grants: list[FakeGrant] = field(default_factory=list)


@dataclass
class FakeChild:
    slug: str


@dataclass
class FakeCase:
    id: int
    council_id: int
    council: FakeCouncil
    case: Case
    team: str = ""
    worker: str = ""
    version: int = 1
    changed_by: str = ""
    changed_at: datetime | None = None

    @property
    def slug(self) -> str:
        return self.case.id

    @property
    def title(self) -> str:
        return self.case.title

    @property
    def children(self) -> list[FakeChild]:
        return [FakeChild(c.id) for c in self.case.children]

    @property
    def events(self) -> tuple[Event, ...]:
        return self.case.events


@dataclass
class FakeFinding:
    stage: str
    finding: str
    event_slug: str
    decided_on: date


@dataclass
class FakePoint:
    number: str
    summary: str
    findings: list[FakeFinding]


@dataclass
class FakeRemedy:
    event_slug: str
    purpose: str
    amount: float | None
    points: list[str]
    payee: str
    offered_by: str


@dataclass
class FakeComplaint:
    case_id: int
    ref: str
    procedure: str
    state: str
    received_event: str
    points: list[FakePoint]
    remedies: list[FakeRemedy]


@dataclass
class FakeEvidence:
    id: int
    event_slug: str
    kind: str
    note: str
    added_on: date
    added_by: str = ""
    filename: str = ""
    content: bytes | None = None


@dataclass
class FakeAction:
    id: int
    case_id: int
    event_slug: str
    what: str
    deadline: str
    who: str = ""
    complaint_ref: str | None = None
    decided_on: date | None = None
    due_on: date | None = None
    verified_by: str | None = None
    verified_at: datetime | None = None
    evidence: list[FakeEvidence] = field(default_factory=list)


@dataclass
class FakeAuditEntry:
    id: int
    at: datetime
    user_id: int | None
    username: str
    council_id: int | None
    action: str
    record_type: str
    record_id: str
    detail: str = ""
    seq: int = 0
    prev_hash: str = ""
    entry_hash: str = ""


@dataclass
class FakeReminder:
    user_id: int
    at: datetime
    as_of: date
    fingerprint: str
    items: int
    status: str
    error: str = ""


@dataclass
class FakePayment:
    amount: Decimal
    purpose: str
    per_child: bool


@dataclass
class FakeDecision:
    decision: Decision
    body: str
    source: str

    def __getattr__(self, name: str) -> Any:
        if name in ("reference", "organisation", "category", "subcategory", "outcome", "decided", "year",
                    "summary"):
            value = getattr(self.decision, name)
            return "" if name == "summary" and value is None else value
        raise AttributeError(name)

    @property
    def fault_found(self) -> bool | None:
        return self.decision.findings.fault_found

    @property
    def payments(self) -> list[FakePayment]:
        return [FakePayment(p.amount, p.purpose, p.per_child) for p in self.decision.payments]


@dataclass(frozen=True)
class FakeLetter:
    council_id: int
    case_slug: str
    complaint_ref: str
    kind: str
    number: int
    issued_at: datetime
    issued_by: str
    letter_date: str
    own_words: str
    html: str
    anonymised_html: str
    findings: Any
    remedies: Any


@dataclass
class Tables:
    """Everything the fake store holds."""

    councils: list[FakeCouncil] = field(default_factory=list)
    users: list[FakeUser] = field(default_factory=list)
    tokens: dict[str, TokenInfo] = field(default_factory=dict)
    failures: list[tuple[str, str, datetime]] = field(default_factory=list)
    cases: list[FakeCase] = field(default_factory=list)
    complaints: list[FakeComplaint] = field(default_factory=list)
    actions: list[FakeAction] = field(default_factory=list)
    audit_log: list[FakeAuditEntry] = field(default_factory=list)
    clocks: dict[int, tuple[int, list[ClockRecord]]] = field(default_factory=dict)
    reminders: list[FakeReminder] = field(default_factory=list)
    decisions: list[FakeDecision] = field(default_factory=list)
    letters: list[FakeLetter] = field(default_factory=list)
    ids: Any = field(default_factory=lambda: itertools.count(1))


class FakeCouncils:
    def __init__(self, t: Tables) -> None:
        self.t = t

    def by_slug(self, slug: str) -> FakeCouncil | None:
        return next((c for c in self.t.councils if c.slug == slug), None)

    def get(self, council_id: int) -> FakeCouncil | None:
        return next((c for c in self.t.councils if c.id == council_id), None)

    def add(self, slug: str, name: str = "", demo: bool = False, display_name: str = "") -> FakeCouncil:
        council = FakeCouncil(next(self.t.ids), slug, name or slug.replace("-", " ").title(), demo,
                              display_name)
        self.t.councils.append(council)
        return council

    def set_display_name(self, council_id: int, display_name: str) -> None:
        for council in self.t.councils:
            if council.id == council_id:
                council.display_name = display_name


class FakeUsers:
    def __init__(self, t: Tables) -> None:
        self.t = t

    def by_username(self, username: str) -> FakeUser | None:
        return next((u for u in self.t.users if u.username == username), None)

    def add(self, grants: Collection[int] = (), **fields: Any) -> FakeUser:
        council = next(c for c in self.t.councils if c.id == fields["council_id"])
        user = FakeUser(id=next(self.t.ids), council=council, grants=[FakeGrant(g) for g in grants], **fields)
        self.t.users.append(user)
        return user

    def wanting_reminders(self) -> list[FakeUser]:
        return sorted((u for u in self.t.users if u.active and u.reminders and u.email),
                      key=lambda u: (u.council_id, u.username))

    def set_reminders(self, user: Any, on: bool, email: str | None = None) -> None:
        row = next(u for u in self.t.users if u.id == user.id)
        row.reminders = on
        if email is not None:
            row.email = email

    def get(self, user_id: int) -> FakeUser | None:
        return next((u for u in self.t.users if u.id == user_id), None)

    def set_active(self, user: Any, active: bool) -> None:
        next(u for u in self.t.users if u.id == user.id).active = active

    def set_claims(self, user: Any, council_id: int, role: str) -> None:
        row = next(u for u in self.t.users if u.id == user.id)
        row.council_id, row.role = council_id, role
        row.council = next(c for c in self.t.councils if c.id == council_id)


class FakeSignIns:
    def __init__(self, t: Tables) -> None:
        self.t = t

    def add_token(self, token_hash: str, user_id: int, kind: str, now: datetime, expires_at: datetime) -> None:
        self.t.tokens[token_hash] = TokenInfo(user_id, kind, now, expires_at, now)

    def token(self, token_hash: str) -> TokenInfo | None:
        found: TokenInfo | None = self.t.tokens.get(token_hash)
        return found

    def touch_token(self, token_hash: str, now: datetime) -> None:
        self.t.tokens[token_hash] = replace(self.t.tokens[token_hash], last_seen_at=now)

    def delete_token(self, token_hash: str) -> bool:
        return self.t.tokens.pop(token_hash, None) is not None

    def delete_tokens_of(self, user_id: int) -> int:
        mine = [h for h, t in self.t.tokens.items() if t.user_id == user_id]
        for h in mine:
            del self.t.tokens[h]
        return len(mine)

    def add_failure(self, kind: str, key: str, at: datetime) -> None:
        self.t.failures.append((kind, key, at))

    def failures_since(self, kind: str, key: str, since: datetime) -> tuple[int, datetime | None]:
        times = [at for k, key_, at in self.t.failures if (k, key_) == (kind, key) and at >= since]
        return len(times), min(times, default=None)

    def clear_failures(self, kind: str, key: str) -> None:
        self.t.failures = [f for f in self.t.failures if (f[0], f[1]) != (kind, key)]

    def prune_failures(self, before: datetime) -> None:
        self.t.failures = [f for f in self.t.failures if f[2] >= before]


class FakeCases:
    def __init__(self, t: Tables) -> None:
        self.t = t

    def _row(self, record: CaseRecord) -> FakeCase:
        return next(c for c in self.t.cases if c.id == record.id)

    def get(self, councils: Collection[int], slug: str) -> FakeCase | None:
        order = list(councils)
        rows = [c for c in self.t.cases if c.slug == slug and c.council_id in order]
        return min(rows, key=lambda r: order.index(r.council_id), default=None)

    def lock(self, case: CaseRecord) -> FakeCase:
        return self._row(case)  # one thread, one store: nothing to wait for

    def mark_changed(self, case: CaseRecord, by: str, at: datetime) -> None:
        row = self._row(case)
        row.version, row.changed_by, row.changed_at = row.version + 1, by, at

    def councils_holding(self, slug: str) -> list[FakeCouncil]:
        return [c.council for c in self.t.cases if c.slug == slug]

    def outside_demo_councils(self, limit: int = 5) -> list[tuple[str, str]]:
        return sorted((c.council.slug, c.slug) for c in self.t.cases if not c.council.demo)[:limit]

    def exists(self, council_id: int, slug: str) -> bool:
        return any(c.council_id == council_id and c.slug == slug for c in self.t.cases)

    def ids(self, council_id: int | None = None) -> list[int]:
        return [c.id for c in self.t.cases if council_id is None or c.council_id == council_id]

    def by_ids(self, ids: Collection[int]) -> list[FakeCase]:
        return [c for c in self.t.cases if c.id in ids]

    def with_event_types(self, council_id: int, types: Collection[str]) -> list[Case]:
        return [c.case for c in sorted(self.t.cases, key=lambda c: c.slug)
                if c.council_id == council_id and any(e.type in types for e in c.case.events)]

    def add_case(self, council_id: int, case: Case, team: str = "", worker: str = "") -> FakeCase:
        council = next(c for c in self.t.councils if c.id == council_id)
        row = FakeCase(next(self.t.ids), council_id, council, case, team, worker)
        self.t.cases.append(row)
        return row

    def as_case(self, row: CaseRecord) -> Case:
        return self._row(row).case

    def stored_slugs(self, council_id: int, slugs: Collection[str]) -> set[str]:
        return {c.slug for c in self.t.cases if c.council_id == council_id and c.slug in slugs}

    def add_many(self, council_id: int, cases: Sequence[Case], team: str = "", worker: str = "") -> list[int]:
        return [self.add_case(council_id, case, team, worker).id for case in cases]

    def headers_by_prefix(self, slug_prefix: str, title_prefix: str,
                          councils: Collection[int] | None = None) -> list[tuple[int, str, str, str]]:
        return sorted((c.council_id, c.slug, c.title, c.case.source) for c in self.t.cases
                      if c.slug.startswith(slug_prefix) and c.title.startswith(title_prefix)
                      and (councils is None or c.council_id in councils))

    def delete_case(self, council_id: int, slug: str) -> bool:
        row = next((c for c in self.t.cases if c.council_id == council_id and c.slug == slug), None)
        if row is None:
            return False
        self.t.cases.remove(row)
        self.t.actions = [a for a in self.t.actions if a.case_id != row.id]
        self.t.complaints = [c for c in self.t.complaints if c.case_id != row.id]
        self.t.clocks.pop(row.id, None)
        return True

    def append_event(self, row: CaseRecord, event: Event) -> None:
        stored = self._row(row)
        stored.case = stored.case.with_event(event)

    def update(self, row: CaseRecord, changes: Mapping[str, str]) -> None:
        stored = self._row(row)
        for key, value in changes.items():
            if key == "title":
                stored.case = replace(stored.case, title=value)
            elif key in ("team", "worker"):
                setattr(stored, key, value)
            else:
                raise ValueError(f"a case's {key} is not changed here")

    def list(self, councils: Collection[int], team: str | None = None, worker: str | None = None,
             offset: int = 0, limit: int | None = None) -> tuple[list[FakeCase], int]:
        rows = sorted((c for c in self.t.cases if c.council_id in councils
                       and (not team or c.team == team) and (not worker or c.worker == worker)),
                      key=lambda c: (c.council_id, c.slug))
        return rows[offset:None if limit is None else offset + limit], len(rows)


class FakeComplaints:
    def __init__(self, t: Tables) -> None:
        self.t = t

    def for_case(self, case_id: int) -> list[FakeComplaint]:
        return [c for c in self.t.complaints if c.case_id == case_id]

    def replace_for_case(self, case_id: int, complaints: Iterable[Any]) -> None:
        self.t.complaints = [c for c in self.t.complaints if c.case_id != case_id]
        for view in complaints:
            self.t.complaints.append(FakeComplaint(
                case_id, view.ref, view.procedure, view.state, view.received_event,
                [FakePoint(p.number, p.summary, [FakeFinding(f["stage"], f["finding"], f["event"], f["decided_on"])
                                                 for f in p.findings]) for p in view.points.values()],
                [FakeRemedy(r["event"], r["purpose"], r["amount"], r["points"], r["payee"], r["offered_by"])
                 for r in view.remedies]))


class FakeActions:
    def __init__(self, t: Tables) -> None:
        self.t = t

    def _row(self, action: ActionRecord) -> FakeAction:
        return next(a for a in self.t.actions if a.id == action.id)

    def get(self, councils: Collection[int], action_id: int) -> tuple[FakeAction, FakeCase] | None:
        for action in self.t.actions:
            case = next(c for c in self.t.cases if c.id == action.case_id)
            if action.id == action_id and case.council_id in councils:
                return action, case
        return None

    def for_case(self, case_id: int) -> list[FakeAction]:
        return [a for a in self.t.actions if a.case_id == case_id]

    def for_council(self, council_id: int, today: date, overdue_first: bool = True, offset: int = 0,
                    limit: int | None = None) -> tuple[list[tuple[FakeAction, str]], int]:
        slugs = {c.id: c.slug for c in self.t.cases if c.council_id == council_id}
        rows = [(a, slugs[a.case_id]) for a in self.t.actions if a.case_id in slugs]
        if overdue_first:
            def rank(pair: tuple[FakeAction, str]) -> tuple[int, bool, date, str, int]:
                action, slug = pair
                group = 2 if action.evidence else 0 if action.due_on and action.due_on < today else 1
                return group, action.due_on is None, action.due_on or date.max, slug, action.id
            rows.sort(key=rank)
        return rows[offset:None if limit is None else offset + limit], len(rows)

    def add(self, **fields: Any) -> FakeAction:
        action = FakeAction(id=next(self.t.ids), **fields)
        self.t.actions.append(action)
        return action

    def add_evidence(self, action: ActionRecord, **fields: Any) -> FakeEvidence:
        evidence = FakeEvidence(id=next(self.t.ids), **fields)
        self._row(action).evidence.append(evidence)
        return evidence

    def resolve(self, action: ActionRecord, decided_on: date, due_on: date | None) -> None:
        row = self._row(action)
        row.decided_on, row.due_on = decided_on, due_on

    def complete_evidence(self, evidence: EvidenceRecord, *, kind: str, note: str, filename: str,
                          content: bytes | None, added_by: str) -> None:
        row = next(e for a in self.t.actions for e in a.evidence if e.id == evidence.id)
        row.kind, row.note, row.filename, row.content, row.added_by = kind, note, filename, content, added_by

    def verify(self, action: ActionRecord, by: str, at: datetime) -> None:
        row = self._row(action)
        row.verified_by, row.verified_at = by, at


class FakeClocks:
    """The clocks as the store keeps them; what is due is `ledger.standing_on`, record by record."""

    def __init__(self, t: Tables) -> None:
        self.t = t

    def replace_for_case(self, case_id: int, council_id: int, records: Iterable[ClockRecord]) -> None:
        self.t.clocks[case_id] = (council_id, list(records))

    def add_for_new_cases(self, clocks: Iterable[tuple[int, int, Iterable[ClockRecord]]]) -> None:
        for case_id, council_id, records in clocks:
            self.replace_for_case(case_id, council_id, records)

    def for_case(self, case_id: int) -> list[ClockRecord]:
        return list(self.t.clocks.get(case_id, (0, []))[1])

    def _listed(self, f: DueFilter) -> list[tuple[ClockRecord, str, str, str, str]]:
        rows = []
        for case in sorted(self.t.cases, key=lambda c: c.slug):
            council_id, records = self.t.clocks.get(case.id, (case.council_id, []))
            if council_id not in f.councils or (f.team and case.team != f.team) or (
                    f.worker and case.worker != f.worker):
                continue
            for record in records:
                standing = standing_on(record, f.day)
                if standing is None or (f.rule and record.rule_id != f.rule) or record.due_latest is None:
                    continue
                bucket = ("overdue" if standing.status == "overdue" else
                          "this_week" if record.due_latest < f.monday + timedelta(days=7) else
                          "next_week" if record.due_latest < f.monday + timedelta(days=14) else "later")
                if f.bucket is None or f.bucket == bucket:
                    rows.append((record, case.slug, case.team, case.worker, bucket))
        return rows

    def due(self, f: DueFilter, offset: int = 0, limit: int | None = None
            ) -> tuple[list[tuple[ClockRecord, str, str, str]], int]:
        rows = sorted(self._listed(f), key=lambda r: (r[4] != "overdue", r[0].due_latest, r[1], r[0].rule_id))
        page = rows[offset:None if limit is None else offset + limit]
        return [(r[0], r[1], r[2], r[3]) for r in page], len(rows)

    def first(self, f: DueFilter, limit: int) -> list[tuple[ClockRecord, str, str, str]]:
        return self.due(f, 0, limit)[0]

    def counts(self, f: DueFilter) -> list[tuple[str, str, str, int]]:
        counted: dict[tuple[str, str], tuple[str, int]] = {}
        for record, *_, bucket in self._listed(f):
            title, n = counted.get((record.rule_id, bucket), (record.title, 0))
            counted[(record.rule_id, bucket)] = (title, n + 1)
        return [(rule, title, bucket, n) for (rule, bucket), (title, n) in counted.items()]

    def stale(self, versions: dict[str, str], councils: Collection[int] | None = None) -> int:
        return sum(1 for council_id, records in self.t.clocks.values() for r in records
                   if (councils is None or council_id in councils) and versions.get(r.rule_id) != r.rule_version)

    def cases_without_clocks(self) -> list[int]:
        return [c.id for c in self.t.cases if not self.t.clocks.get(c.id, (0, []))[1]]


class FakeReminders:
    def __init__(self, t: Tables) -> None:
        self.t = t

    def last_sent(self, user_id: int) -> FakeReminder | None:
        sent = [r for r in self.t.reminders if r.user_id == user_id and r.status == "sent"]
        return sent[-1] if sent else None

    def add(self, **fields: Any) -> None:
        self.t.reminders.append(FakeReminder(**fields))

    def for_user(self, user_id: int) -> list[FakeReminder]:
        return [r for r in self.t.reminders if r.user_id == user_id]


class FakeLetters:
    def __init__(self, t: Tables) -> None:
        self.t = t

    def add(self, **fields: Any) -> FakeLetter:
        letter = FakeLetter(**fields)
        if any((x.council_id, x.case_slug, x.complaint_ref, x.kind, x.number)
               == (letter.council_id, letter.case_slug, letter.complaint_ref, letter.kind, letter.number)
               for x in self.t.letters):
            raise StoreRefused("UNIQUE constraint failed: letters")
        self.t.letters.append(letter)
        return letter

    def for_complaint(self, council_id: int, case_slug: str, ref: str) -> list[FakeLetter]:
        return sorted((x for x in self.t.letters
                       if (x.council_id, x.case_slug, x.complaint_ref) == (council_id, case_slug, ref)),
                      key=lambda x: (x.kind, x.number))


class FakeAuditLog:
    def __init__(self, t: Tables) -> None:
        self.t = t

    def append(self, **fields: Any) -> None:
        length, prev_hash = self.head()
        entry = {"detail": "", **fields, "seq": length + 1}
        self.t.audit_log.append(FakeAuditEntry(id=next(self.t.ids), **entry, prev_hash=prev_hash,
                                               entry_hash=link(prev_hash, entry)))

    def append_many(self, entries: Sequence[Mapping[str, Any]]) -> None:
        for fields in entries:
            self.append(**fields)

    def head(self) -> tuple[int, str]:
        last = self.t.audit_log[-1] if self.t.audit_log else None
        return (last.seq, last.entry_hash) if last else (0, GENESIS)

    def chained(self, after_seq: int, limit: int) -> list[dict[str, Any]]:
        return [dict(vars(e)) for e in self.t.audit_log if e.seq > after_seq][:limit]

    def list(self, council_id: int, offset: int = 0, limit: int = 50,
             record_id: str | None = None) -> tuple[list[FakeAuditEntry], int]:
        rows = [e for e in reversed(self.t.audit_log) if e.council_id == council_id
                and (record_id is None or e.record_id == record_id)]
        return rows[offset:offset + limit], len(rows)


class FakeRegisters:
    """The registers over the fake tables, filter by filter as `adapters.store.registers` does."""

    def __init__(self, t: Tables) -> None:
        self.t = t

    def _name(self, username: str) -> str | None:
        return next((u.full_name for u in self.t.users if u.username == username), None)

    def complaints(self, f: ComplaintFilter, offset: int = 0, limit: int | None = None
                   ) -> tuple[list[dict[str, Any]], int]:
        from casework.domain.complaints.stages import stage_of

        rows = []
        for complaint in self.t.complaints:
            case = next(c for c in self.t.cases if c.id == complaint.case_id)
            listed = [(r, b) for r, slug, *_, b in FakeClocks(self.t)._listed(DueFilter((case.council_id,), f.day))
                      if slug == case.slug and r.complaint == complaint.ref]
            refused = (case.council_id != f.council_id,
                       f.stage and stage_of(complaint.procedure, complaint.state) != f.stage,
                       f.state and complaint.state != f.state, f.procedure and complaint.procedure != f.procedure,
                       f.worker and case.worker != f.worker,
                       f.timescale and not any(b == f.timescale for _, b in listed))
            if any(refused):
                continue
            received = next((e for e in case.case.events if e.id == complaint.received_event), None)
            rows.append({"ref": complaint.ref, "procedure": complaint.procedure, "state": complaint.state,
                         "complainant": str(received.detail("complainant", "")) if received else "",
                         "received_on": received.date.earliest if received else None, "case": case.slug,
                         "case_title": case.title, "team": case.team, "worker": case.worker,
                         "worker_name": self._name(case.worker),
                         "next_due": min((r.due_latest for r, _ in listed if r.due_latest), default=None),
                         "overdue": any(b == "overdue" for _, b in listed)})
        rows.sort(key=lambda r: (not r["overdue"], r["next_due"] is None, r["next_due"] or date.max,
                                 r["case"], r["ref"]))
        return rows[offset:None if limit is None else offset + limit], len(rows)

    def cases(self, f: CaseFilter, offset: int = 0, limit: int | None = None
              ) -> tuple[list[dict[str, Any]], int]:
        def found(case: FakeCase) -> bool:
            text = (f.search or "").lower()
            names = [case.slug, case.title, *(c.slug for c in case.children),
                     *(str(e.detail("complainant", "")) for e in case.case.events if e.type == "complaint_received")]
            return not text or any(text in n.lower() for n in names)
        rows = [{"slug": c.slug, "title": c.title, "team": c.team, "worker": c.worker,
                 "worker_name": self._name(c.worker), "children": [ch.slug for ch in c.children],
                 "overdue": sum(1 for _, slug, *_rest in FakeClocks(self.t)._listed(
                     DueFilter((c.council_id,), f.day, bucket="overdue")) if slug == c.slug)}
                for c in sorted(self.t.cases, key=lambda c: (c.council_id, c.slug))
                if c.council_id in f.councils and found(c) and (not f.worker or c.worker == f.worker)
                and (not f.team or c.team == f.team)]
        return rows[offset:None if limit is None else offset + limit], len(rows)

    def actions(self, f: ActionFilter, offset: int = 0, limit: int | None = None
                ) -> tuple[list[tuple[FakeAction, str]], int]:
        rows, _ = FakeActions(self.t).for_council(f.council_id, f.day)
        def wanted(a: FakeAction) -> bool:
            return {"overdue": bool(a.due_on and a.due_on < f.day and not a.evidence),
                    "awaiting_evidence": not a.evidence,
                    "awaiting_verification": bool(a.evidence) and a.verified_by is None,
                    "verified": a.verified_by is not None}.get(f.status or "", True)
        kept = [(a, slug) for a, slug in rows if wanted(a)]
        return kept[offset:None if limit is None else offset + limit], len(kept)

    def audit_log(self, f: AuditLogFilter, offset: int = 0, limit: int | None = None
                  ) -> tuple[list[dict[str, Any]], int]:
        rows = [{"id": e.id, "at": e.at, "username": e.username, "name": self._name(e.username),
                 "action": e.action, "record_type": e.record_type, "record_id": e.record_id, "detail": e.detail}
                for e in reversed(self.t.audit_log) if e.council_id == f.council_id
                and (not f.user or e.username == f.user)
                and (not f.case or e.record_id == f.case or e.record_id.startswith(f"{f.case}/"))
                and (not f.since or e.at.date() >= f.since) and (not f.until or e.at.date() <= f.until)]
        return rows[offset:None if limit is None else offset + limit], len(rows)

    def choices(self, councils: Collection[int]) -> dict[str, list[tuple[str, str]]]:
        users = sorted((u for u in self.t.users if u.council_id in councils), key=lambda u: (u.full_name, u.username))
        return {"teams": [(t, t) for t in sorted({u.team for u in users if u.team})],
                "users": [(u.username, u.full_name or u.username) for u in users],
                "roles": [(u.username, u.role) for u in users]}


class FakeDecisions:
    """Search here is plain: every word of the query must appear in the statement."""

    def __init__(self, t: Tables) -> None:
        self.t = t

    def exists(self, reference: str) -> bool:
        return any(d.reference == reference for d in self.t.decisions)

    def add(self, decision: Decision, body: str, source: str = "") -> FakeDecision:
        row = FakeDecision(decision, body, source)
        self.t.decisions.append(row)
        return row

    def get(self, reference: str) -> FakeDecision | None:
        return next((d for d in self.t.decisions if d.reference == reference), None)

    def _matching(self, filters: DecisionFilters | None) -> list[FakeDecision]:
        f = filters or DecisionFilters()
        return [d for d in self.t.decisions
                if (f.organisation is None or f.organisation.lower() in (d.organisation or "").lower())
                and (f.outcome is None or f.outcome.lower() == (d.outcome or "").lower())
                and (f.year is None or f.year == d.year)
                and (f.fault_found is None or f.fault_found == d.fault_found)
                and (f.purpose is None or any(p.purpose == f.purpose for p in d.payments))]

    def all_decisions(self, filters: DecisionFilters | None = None) -> list[Decision]:
        return [d.decision for d in sorted(self._matching(filters), key=lambda d: d.reference)]

    def search(self, query: str = "", filters: DecisionFilters | None = None, offset: int = 0,
               limit: int | None = None) -> tuple[Sequence[FakeDecision], int]:
        words = query.lower().split()
        rows = [d for d in self._matching(filters) if all(w in d.body.lower() for w in words)]
        return rows[offset:None if limit is None else offset + limit], len(rows)

    def facets(self) -> dict[str, list[Any]]:
        def distinct(name: str) -> list[Any]:
            return sorted({getattr(d, name) for d in self.t.decisions} - {None})
        return {"organisation": distinct("organisation"), "outcome": distinct("outcome"),
                "subcategory": distinct("subcategory"), "year": distinct("year"),
                "purpose": sorted({p.purpose for d in self.t.decisions for p in d.payments})}


class FakeUnitOfWork:
    """`FakeUnitOfWork.factory()` gives a function that makes units of work over one store."""

    def __init__(self, store: Tables) -> None:
        self.store = store
        self.committed = False

    @classmethod
    def factory(cls) -> Any:
        store = Tables()

        def make() -> UnitOfWork:
            return cls(store)
        make.store = store  # type: ignore[attr-defined]
        return make

    def __enter__(self) -> Self:
        self._work = copy.deepcopy(self.store)
        self.councils = FakeCouncils(self._work)
        self.users = FakeUsers(self._work)
        self.cases = FakeCases(self._work)
        self.complaints = FakeComplaints(self._work)
        self.actions = FakeActions(self._work)
        self.clocks = FakeClocks(self._work)
        self.reminders = FakeReminders(self._work)
        self.audit_log = FakeAuditLog(self._work)
        self.sign_ins = FakeSignIns(self._work)
        self.decisions = FakeDecisions(self._work)
        self.registers = FakeRegisters(self._work)
        self.letters = FakeLetters(self._work)
        return self

    def __exit__(self, *exc: object) -> None:
        self._work = copy.deepcopy(self.store)

    def commit(self) -> None:
        self.committed = True
        self.store.__dict__.update(copy.deepcopy(self._work).__dict__)

    def rollback(self) -> None:
        self._work = copy.deepcopy(self.store)


class FakePasswords:
    """A password 'hasher' for tests on fakes: fast, and obviously not for real use."""

    def hash(self, password: str) -> str:
        return f"fake:{password[::-1]}"

    def verify(self, hash: str, password: str) -> bool:
        return hash == self.hash(password)


def _checked(store: Tables) -> UnitOfWork:
    """mypy checks here that the fake is the service's `UnitOfWork` (see pyproject's files)."""
    return FakeUnitOfWork(store)
