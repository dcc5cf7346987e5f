"""What the use cases need from the outside world, as Protocols.

The SQLAlchemy unit of work (`adapters.store.unit_of_work.SqlUnitOfWork`) is one
implementation and `tests/support/fakes.py`'s in-memory one the other; `bootstrap` picks
the first, and the file formats (`Files`) and the password hasher too.

Repositories take plain values (ids, domain objects) and hand back domain objects or
records: read-only views (`CaseRecord`, `ActionRecord`, …) that the store's rows satisfy
as they are. A use case reads a record and changes it only through its repository.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from casework.domain.audit.ledger import ClockRecord, DueFilter
from casework.domain.census.records import CensusHeader
from casework.domain.chronology import Case
from casework.domain.decisions import Decision
from casework.domain.errors import Problem
from casework.domain.events import Event
from casework.domain.ssda903 import Year

if TYPE_CHECKING:  # numpy-backed; imported only where a batch is run
    from casework.domain.batch import Summary

# --- records: what a repository hands back ---------------------------------------------


class CouncilRecord(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def slug(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def demo(self) -> bool: ...
    @property
    def display_name(self) -> str: ...


class GrantRecord(Protocol):
    @property
    def council_id(self) -> int: ...


class UserRecord(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def council_id(self) -> int: ...
    @property
    def username(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def team(self) -> str: ...
    @property
    def full_name(self) -> str: ...
    @property
    def password_hash(self) -> str: ...
    @property
    def active(self) -> bool: ...
    @property
    def demo(self) -> bool: ...
    @property
    def email(self) -> str: ...
    @property
    def reminders(self) -> bool: ...
    @property
    def council(self) -> CouncilRecord: ...
    @property
    def grants(self) -> Sequence[GrantRecord]: ...


class ChildRecord(Protocol):
    @property
    def slug(self) -> str: ...


class CaseRecord(Protocol):
    """A stored case's header; its chronology is `CaseRepository.as_case`."""

    @property
    def id(self) -> int: ...
    @property
    def council_id(self) -> int: ...
    @property
    def slug(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def team(self) -> str: ...
    @property
    def worker(self) -> str: ...
    @property
    def version(self) -> int: ...
    @property
    def changed_by(self) -> str: ...
    @property
    def changed_at(self) -> datetime | None: ...
    @property
    def council(self) -> CouncilRecord: ...
    @property
    def children(self) -> Sequence[ChildRecord]: ...
    @property
    def events(self) -> Sequence[object]: ...


class FindingRecord(Protocol):
    @property
    def stage(self) -> str: ...
    @property
    def finding(self) -> str: ...
    @property
    def event_slug(self) -> str: ...
    @property
    def decided_on(self) -> date: ...


class PointRecord(Protocol):
    @property
    def number(self) -> str: ...
    @property
    def summary(self) -> str: ...
    @property
    def findings(self) -> Sequence[FindingRecord]: ...


class RemedyRecord(Protocol):
    @property
    def event_slug(self) -> str: ...
    @property
    def purpose(self) -> str: ...
    @property
    def amount(self) -> float | None: ...
    @property
    def points(self) -> Sequence[str]: ...
    @property
    def payee(self) -> str: ...
    @property
    def offered_by(self) -> str: ...


class ComplaintRecord(Protocol):
    @property
    def ref(self) -> str: ...
    @property
    def procedure(self) -> str: ...
    @property
    def received_event(self) -> str: ...
    @property
    def points(self) -> Sequence[PointRecord]: ...
    @property
    def remedies(self) -> Sequence[RemedyRecord]: ...


class EvidenceRecord(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def event_slug(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def note(self) -> str: ...
    @property
    def filename(self) -> str: ...
    @property
    def content(self) -> bytes | None: ...
    @property
    def added_by(self) -> str: ...
    @property
    def added_on(self) -> date: ...


class ActionRecord(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def case_id(self) -> int: ...
    @property
    def complaint_ref(self) -> str | None: ...
    @property
    def event_slug(self) -> str: ...
    @property
    def what(self) -> str: ...
    @property
    def who(self) -> str: ...
    @property
    def deadline(self) -> str: ...
    @property
    def decided_on(self) -> date | None: ...
    @property
    def due_on(self) -> date | None: ...
    @property
    def verified_by(self) -> str | None: ...
    @property
    def verified_at(self) -> datetime | None: ...
    @property
    def evidence(self) -> Sequence[EvidenceRecord]: ...


class AuditEntryRecord(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def at(self) -> datetime: ...
    @property
    def username(self) -> str: ...
    @property
    def action(self) -> str: ...
    @property
    def record_type(self) -> str: ...
    @property
    def record_id(self) -> str: ...
    @property
    def detail(self) -> str: ...


class PaymentRecord(Protocol):
    @property
    def amount(self) -> Decimal: ...
    @property
    def purpose(self) -> str: ...
    @property
    def per_child(self) -> bool: ...


class DecisionRecord(Protocol):
    @property
    def reference(self) -> str: ...
    @property
    def organisation(self) -> str | None: ...
    @property
    def category(self) -> str | None: ...
    @property
    def subcategory(self) -> str | None: ...
    @property
    def outcome(self) -> str | None: ...
    @property
    def decided(self) -> date | None: ...
    @property
    def year(self) -> int | None: ...
    @property
    def summary(self) -> str: ...
    @property
    def fault_found(self) -> bool | None: ...
    @property
    def body(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def payments(self) -> Sequence[PaymentRecord]: ...
    @property
    def decision(self) -> Decision: ...


# --- repositories ----------------------------------------------------------------------


class CouncilRepository(Protocol):
    def by_slug(self, slug: str) -> CouncilRecord | None: ...

    def get(self, council_id: int) -> CouncilRecord | None: ...

    def add(self, slug: str, name: str = "", demo: bool = False,
            display_name: str = "") -> CouncilRecord: ...

    def set_display_name(self, council_id: int, display_name: str) -> None: ...


class UserRepository(Protocol):
    def by_username(self, username: str) -> UserRecord | None: ...

    def wanting_reminders(self) -> Sequence[UserRecord]: ...

    def set_reminders(self, user: UserRecord, on: bool, email: str | None = None) -> None: ...

    def add(self, grants: Collection[int] = (), **fields: Any) -> UserRecord: ...

    def get(self, user_id: int) -> UserRecord | None: ...

    def set_active(self, user: UserRecord, active: bool) -> None: ...

    def set_claims(self, user: UserRecord, council_id: int, role: str) -> None:
        """Move the user to the council and role their identity provider now names."""


@dataclass(frozen=True)
class OidcStart:
    """Where to send the browser to sign in with the identity provider, and the secrets the
    callback must present again (kept in the signed cookie meanwhile)."""

    url: str
    state: str
    nonce: str
    verifier: str


class IdentityProvider(Protocol):
    """An OpenID Connect provider (`adapters.oidc`)."""

    def begin(self) -> OidcStart: ...

    def finish(self, code: str, verifier: str, nonce: str) -> dict[str, Any]:
        """The checked ID token's claims."""


@dataclass(frozen=True)
class TokenInfo:
    """An issued token (API bearer token or web session), as the store keeps it."""

    user_id: int
    kind: str
    created_at: datetime
    expires_at: datetime
    last_seen_at: datetime


class SignInRepository(Protocol):
    """Tokens and failed sign-ins: state every server process shares, so it lives in the store."""

    def add_token(self, token_hash: str, user_id: int, kind: str, now: datetime,
                  expires_at: datetime) -> None: ...

    def token(self, token_hash: str) -> TokenInfo | None: ...

    def touch_token(self, token_hash: str, now: datetime) -> None: ...

    def delete_token(self, token_hash: str) -> bool: ...

    def delete_tokens_of(self, user_id: int) -> int: ...

    def add_failure(self, kind: str, key: str, at: datetime) -> None: ...

    def failures_since(self, kind: str, key: str, since: datetime) -> tuple[int, datetime | None]: ...

    def clear_failures(self, kind: str, key: str) -> None: ...

    def prune_failures(self, before: datetime) -> None: ...


class CaseRepository(Protocol):
    def get(self, councils: Collection[int], slug: str) -> CaseRecord | None: ...

    def lock(self, case: CaseRecord) -> CaseRecord:
        """Hold the case until the transaction ends (a second writer waits) and read it afresh."""
        ...

    def mark_changed(self, case: CaseRecord, by: str, at: datetime) -> None: ...

    def councils_holding(self, slug: str) -> Sequence[CouncilRecord]: ...

    def outside_demo_councils(self, limit: int = 5) -> list[tuple[str, str]]: ...

    def exists(self, council_id: int, slug: str) -> bool: ...

    def add_case(self, council_id: int, case: Case, team: str = "", worker: str = "") -> CaseRecord: ...

    def stored_slugs(self, council_id: int, slugs: Collection[str]) -> set[str]: ...

    def add_many(self, council_id: int, cases: Sequence[Case], team: str = "", worker: str = "") -> list[int]: ...

    def as_case(self, row: CaseRecord) -> Case: ...

    def headers_by_prefix(self, slug_prefix: str, title_prefix: str,
                          councils: Collection[int] | None = None) -> list[tuple[int, str, str, str]]: ...

    def delete_case(self, council_id: int, slug: str) -> bool: ...

    def append_event(self, row: CaseRecord, event: Event) -> None: ...

    def update(self, row: CaseRecord, changes: Mapping[str, str]) -> None: ...

    def with_event_types(self, council_id: int, types: Collection[str]) -> Sequence[Case]: ...

    def ids(self, council_id: int | None = None) -> list[int]: ...

    def by_ids(self, ids: Collection[int]) -> Sequence[CaseRecord]: ...

    def list(self, councils: Collection[int], team: str | None = None, worker: str | None = None,
             offset: int = 0, limit: int | None = None) -> tuple[Sequence[CaseRecord], int]: ...


class ComplaintRepository(Protocol):
    def for_case(self, case_id: int) -> Sequence[ComplaintRecord]: ...

    def replace_for_case(self, case_id: int, complaints: Iterable[Any]) -> None: ...


class ActionRepository(Protocol):
    def get(self, councils: Collection[int], action_id: int) -> tuple[ActionRecord, CaseRecord] | None: ...

    def for_case(self, case_id: int) -> Sequence[ActionRecord]: ...

    def for_council(self, council_id: int, today: date, overdue_first: bool = True, offset: int = 0,
                    limit: int | None = None) -> tuple[Sequence[tuple[ActionRecord, str]], int]: ...

    def add(self, **fields: Any) -> ActionRecord: ...

    def add_evidence(self, action: ActionRecord, **fields: Any) -> EvidenceRecord: ...

    def resolve(self, action: ActionRecord, decided_on: date, due_on: date | None) -> None: ...

    def complete_evidence(self, evidence: EvidenceRecord, *, kind: str, note: str, filename: str,
                          content: bytes | None, added_by: str) -> None: ...

    def verify(self, action: ActionRecord, by: str, at: datetime) -> None: ...


class ClockRepository(Protocol):
    """Each case's clocks (`domain.audit.ledger.ClockRecord`), and what is due as queries."""

    def replace_for_case(self, case_id: int, council_id: int, records: Iterable[ClockRecord]) -> None: ...

    def add_for_new_cases(self, clocks: Iterable[tuple[int, int, Iterable[ClockRecord]]]) -> None: ...

    def for_case(self, case_id: int) -> list[ClockRecord]: ...

    def due(self, f: DueFilter, offset: int = 0, limit: int | None = None
            ) -> tuple[Sequence[tuple[ClockRecord, str, str, str]], int]: ...

    def first(self, f: DueFilter, limit: int) -> Sequence[tuple[ClockRecord, str, str, str]]: ...

    def counts(self, f: DueFilter) -> list[tuple[str, str, str, int]]: ...

    def stale(self, versions: dict[str, str], councils: Collection[int] | None = None) -> int: ...

    def cases_without_clocks(self) -> list[int]: ...


class ReminderRecord(Protocol):
    @property
    def as_of(self) -> date: ...
    @property
    def fingerprint(self) -> str: ...
    @property
    def status(self) -> str: ...


class ReminderRepository(Protocol):
    """Reminders sent or failed, per user (`service.reminders`)."""

    def last_sent(self, user_id: int) -> ReminderRecord | None: ...

    def add(self, **fields: Any) -> None: ...

    def for_user(self, user_id: int) -> Sequence[ReminderRecord]: ...


class AuditLogRepository(Protocol):
    def append(self, **fields: Any) -> None:
        """Append an entry (at, user_id, username, council_id, action, record_type, record_id,
        detail) as the next link of the hash chain (`domain.log_chain`)."""

    def append_many(self, entries: Sequence[Mapping[str, Any]]) -> None:
        """Append several entries (each as `append` takes them), in order, as the next links."""

    def head(self) -> tuple[int, str]:
        """The chain's length and newest hash, as its head row records them."""

    def chained(self, after_seq: int, limit: int) -> list[dict[str, Any]]:
        """Up to `limit` entries after place `after_seq` in chain order: the chained fields
        with `id`, `prev_hash` and `entry_hash`."""

    def list(self, council_id: int, offset: int = 0, limit: int = 50,
             record_id: str | None = None) -> tuple[Sequence[AuditEntryRecord], int]: ...


class RegisterQueries(Protocol):
    """The registers: complaints, cases, agreed actions and the audit log, each filtered,
    counted and paged by the database (one count and one page query, whatever the caseload).
    Rows come back as plain mappings of column name to value."""

    def complaints(self, f: ComplaintFilter, offset: int = 0, limit: int | None = None
                   ) -> tuple[list[dict[str, Any]], int]: ...

    def cases(self, f: CaseFilter, offset: int = 0, limit: int | None = None
              ) -> tuple[list[dict[str, Any]], int]: ...

    def actions(self, f: ActionFilter, offset: int = 0, limit: int | None = None
                ) -> tuple[Sequence[tuple[ActionRecord, str]], int]: ...

    def audit_log(self, f: AuditLogFilter, offset: int = 0, limit: int | None = None
                  ) -> tuple[list[dict[str, Any]], int]: ...

    def choices(self, councils: Collection[int]) -> dict[str, list[tuple[str, str]]]:
        """'teams': (team, team); 'users': (username, name); 'roles': (username, role)."""


class DecisionRepository(Protocol):
    def exists(self, reference: str) -> bool: ...

    def add(self, decision: Decision, body: str, source: str = "") -> DecisionRecord: ...

    def get(self, reference: str) -> DecisionRecord | None: ...

    def all_decisions(self, filters: DecisionFilters | None = None) -> list[Decision]: ...

    def search(self, query: str = "", filters: DecisionFilters | None = None, offset: int = 0,
               limit: int | None = None) -> tuple[Sequence[DecisionRecord], int]: ...

    def facets(self) -> dict[str, list[Any]]: ...


class LetterRecord(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def number(self) -> int: ...
    @property
    def issued_at(self) -> datetime: ...
    @property
    def issued_by(self) -> str: ...
    @property
    def letter_date(self) -> str: ...
    @property
    def own_words(self) -> str: ...
    @property
    def html(self) -> str: ...
    @property
    def anonymised_html(self) -> str: ...


class LetterRepository(Protocol):
    """Letters as issued (`service.letters`); a stored letter is never changed."""

    def add(self, **fields: Any) -> LetterRecord: ...

    def for_complaint(self, council_id: int, case_slug: str, ref: str) -> Sequence[LetterRecord]: ...


class UnitOfWork(Protocol):
    """One transaction: `with uow:` opens it, `commit()` keeps it, leaving without rolls back."""

    @property
    def councils(self) -> CouncilRepository: ...
    @property
    def users(self) -> UserRepository: ...
    @property
    def cases(self) -> CaseRepository: ...
    @property
    def complaints(self) -> ComplaintRepository: ...
    @property
    def actions(self) -> ActionRepository: ...
    @property
    def clocks(self) -> ClockRepository: ...
    @property
    def audit_log(self) -> AuditLogRepository: ...
    @property
    def sign_ins(self) -> SignInRepository: ...
    @property
    def decisions(self) -> DecisionRepository: ...
    @property
    def registers(self) -> RegisterQueries: ...
    @property
    def reminders(self) -> ReminderRepository: ...
    @property
    def letters(self) -> LetterRepository: ...

    def __enter__(self) -> UnitOfWork: ...

    def __exit__(self, *exc: object) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...


class PasswordHasher(Protocol):
    def hash(self, password: str) -> str: ...

    def verify(self, hash: str, password: str) -> bool: ...


UnitOfWorkFactory = Callable[[], UnitOfWork]


class StoreRefused(Exception):
    """The store refused a write (a constraint, a lost connection): the unit of work raises it
    on commit, or a batch method on insert, so a use case can report the one record alone."""


class StoreBusy(StoreRefused):
    """The store stayed busy (SQLite's lock held, a PostgreSQL deadlock or serialisation
    failure) after a few tries: nothing was written, and the same request may be sent again."""


class MailError(Exception):
    """The mail server refused or could not be reached; the message was not sent."""


class Mailer(Protocol):
    def send(self, to: str, subject: str, body: str) -> None:
        """Send one plain-text email, or raise MailError."""


class ChronologyFiles(Protocol):
    """The chronology file format (YAML): read with every problem's file and line, written
    so that reading it back gives the same case."""

    def read_text(self, text: str, where: str) -> Case: ...

    def read_file(self, path: Path) -> Case: ...

    def dump(self, case: Case) -> str: ...

    def to_mapping(self, case: Case) -> dict[str, Any]: ...


class DecisionFiles(Protocol):
    """An Ombudsman decision statement saved as a web page or as text: its text and parse."""

    suffixes: tuple[str, ...]

    def read_file(self, path: Path) -> tuple[str, Decision]: ...


class SyntheticCases(Protocol):
    """Invented open cases for the demo, dated so that their clocks run on a given day."""

    title_prefix: str
    kinds: int

    def make(self, council: str, today: date, seed: int, count: int) -> list[Case]: ...

    def generated_for(self, source: str) -> date | None: ...


@dataclass(frozen=True)
class Files:
    """The file formats and generators the use cases read through (bound in `bootstrap`)."""

    chronologies: ChronologyFiles
    decisions: DecisionFiles
    synthetic: SyntheticCases


class ReturnReading(Protocol):
    """One reading of a children looked after return (SSDA903): the cases it yields, one per
    child, and, once they are read, what was not (`problems`, children `skipped`)."""

    problems: list[Problem]
    skipped: list[str]
    children_read: int
    audited: int
    tables_read: list[str]

    def cases(self) -> Iterator[Case]: ...


@dataclass(frozen=True)
class ReturnWritten:
    children: int
    rows: Mapping[str, int]
    omitted_events: int


@dataclass(frozen=True)
class LookedAfterSynth:
    councils: int
    children: int
    faults: int
    planted: int
    truth: Path


class LookedAfterReturns(Protocol):
    """The SSDA903 return's CSV files: read, written and generated (bound in `bootstrap`)."""

    def read(self, folder: Path, council: str, year: Year, strict: bool = False) -> ReturnReading: ...

    def write(self, folder: Path, cases: Iterable[Case], visits: bool = False) -> ReturnWritten: ...

    def synth(self, councils: list[str], children: int, seed: int, out: Path, year: str,
              fault_scale: float = 1.0) -> LookedAfterSynth: ...


class CensusReading(Protocol):
    """One reading of a children in need census file: the cases it yields, one per episode,
    and, once they are read, what was not (`problems`, children `skipped`, episodes held).
    `problems` and `episodes_held` may be added to by the caller (episodes the store refused)."""

    header: CensusHeader | None
    problems: list[Problem]
    skipped: list[str]
    children_read: int
    episodes_read: int
    episodes_held: int

    @property
    def episodes_audited(self) -> int: ...

    def cases(self) -> Iterator[Case]: ...


@dataclass(frozen=True)
class CensusWritten:
    children: int
    episodes: int
    omitted_events: int


@dataclass(frozen=True)
class CensusSynth:
    councils: list[str]
    files: int
    children: int
    episodes: int
    events: int
    faults: int
    planted: int
    truth: Path | None


class CensusReturns(Protocol):
    """The CIN census XML file: read as it streams, written, and generated with planted
    faults (bound in `bootstrap`)."""

    def read(self, path: Path, strict: bool = False) -> CensusReading: ...

    def write(self, path: Path, cases: Iterable[Case], council: str, year: str) -> CensusWritten: ...

    def synth(self, councils: int, children: int, seed: int, out: Path, year: str,
              fault_scale: float = 1.0) -> CensusSynth: ...


class CensusPartition(Protocol):
    """One census file audited column-wise: findings as columns, its summary, and what was
    not audited (read-only, so the adapter's frozen or plain records both fit)."""

    @property
    def path(self) -> str: ...
    @property
    def children(self) -> int: ...
    @property
    def episodes(self) -> int: ...
    @property
    def events(self) -> int: ...
    @property
    def findings(self) -> dict[str, Any]: ...
    @property
    def summary(self) -> Summary: ...
    @property
    def problems(self) -> list[Problem]: ...
    @property
    def skipped(self) -> list[str]: ...
    @property
    def seconds(self) -> dict[str, float]: ...
    @property
    def episodes_read(self) -> int: ...


class CensusBatch(Protocol):
    """The column-wise audit of many census files, in this process, in local processes or on
    a Dask cluster, and its outputs (findings, summary, chart) written to a folder."""

    def audit(self, files: Sequence[Path], as_of: date | None, strict: bool, workers: int,
              scheduler: str | None, advance: Callable[[], None]) -> Sequence[CensusPartition]: ...

    def write_findings(self, parts: list[dict[str, Any]], out: Path) -> tuple[Path, Path, int]: ...

    def write_summary(self, summary: Summary, out: Path) -> Path: ...

    def write_chart(self, summary: Summary, path: Path) -> Path: ...


@dataclass(frozen=True)
class DecisionFilters:
    """What a decision search is narrowed to (each None: not narrowed)."""

    organisation: str | None = None
    outcome: str | None = None
    subcategory: str | None = None
    year: int | None = None
    purpose: str | None = None
    fault_found: bool | None = None


@dataclass(frozen=True)
class ComplaintFilter:
    """Which complaints a register lists (each None: not narrowed). `worker`: the case's worker
    ("mine"); `timescale`: overdue, this_week or next_week, as the home page counts weeks."""

    council_id: int
    day: date
    stage: str | None = None
    state: str | None = None
    procedure: str | None = None
    timescale: str | None = None
    worker: str | None = None


@dataclass(frozen=True)
class CaseFilter:
    """`search`: part of a case's reference or title, a child's name or a complainant's name."""

    councils: tuple[int, ...]
    day: date
    search: str | None = None
    worker: str | None = None
    team: str | None = None


@dataclass(frozen=True)
class ActionFilter:
    """`status`: overdue, awaiting_evidence, awaiting_verification or verified."""

    council_id: int
    day: date
    status: str | None = None


@dataclass(frozen=True)
class AuditLogFilter:
    council_id: int
    user: str | None = None
    case: str | None = None
    since: date | None = None
    until: date | None = None
