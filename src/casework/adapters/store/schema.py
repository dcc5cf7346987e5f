"""The tables, as SQLAlchemy 2 declarative models.

A case is stored as its chronology: children, people and events, each event's date kept
as the range of days it could be (earliest, latest), its precision and the words it came
from, so an exported file reads back to the same case. Complaints, their points and
per-stage findings, remedies and agreed actions are the workflow's structured view; the
complaint events themselves stay in the chronology, where the audit reads them.

`audit_log` is append-only: the application has no path that updates or deletes it, and
the migrations add triggers on both SQLite and PostgreSQL that refuse UPDATE and DELETE (and,
on SQLite, an INSERT OR REPLACE over an entry). Its entries are hash-chained, so an owner who
drops the triggers still cannot change the log unseen (`casework audit-log verify`).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Council(Base):
    __tablename__ = "councils"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    # Made by the demo loader; a database holding any case outside a demo council is not a
    # demo database, and demo users cannot sign in to it.
    demo: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The council's name as it writes it in its letters ("Sefton Council", "Southend-on-Sea
    # City Council"); empty until someone sets it, when letters use `name` as it is.
    display_name: Mapped[str] = mapped_column(String(200), default="", server_default="")


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id"), index=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(40))
    team: Mapped[str] = mapped_column(String(80), default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    demo: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # Where reminders go, and whether the user wants them (`casework remind`).
    email: Mapped[str] = mapped_column(String(254), default="", server_default="")
    reminders: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    council: Mapped[Council] = relationship()
    grants: Mapped[list[AccessGrant]] = relationship(cascade="all, delete-orphan")


class AccessGrant(Base):
    """Read access to another council's records (Ombudsman investigators only)."""

    __tablename__ = "access_grants"
    __table_args__ = (UniqueConstraint("user_id", "council_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id"))


class AuthToken(Base):
    """A bearer token (API) or session (web); only its SHA-256 is kept."""

    __tablename__ = "auth_tokens"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # Last used (to the minute): a token idle for longer than the idle timeout is ended.
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SignInFailure(Base):
    """One failed sign-in, counted against the account and against the address it came from
    (`service.auth`'s throttle). Kept in the database so every server process sees the same
    count; rows older than the throttle's window are pruned as new ones are written."""

    __tablename__ = "sign_in_failures"
    __table_args__ = (Index("ix_sign_in_failures_key", "kind", "key", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    key: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class CaseRow(Base):
    __tablename__ = "cases"
    __table_args__ = (UniqueConstraint("council_id", "slug"),
                      Index("ix_cases_council_team", "council_id", "team"),
                      Index("ix_cases_council_worker", "council_id", "worker"))
    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id"), index=True)
    slug: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")
    complete_for: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    complete_from: Mapped[date | None] = mapped_column(Date, nullable=True)
    team: Mapped[str] = mapped_column(String(80), default="")
    worker: Mapped[str] = mapped_column(String(80), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # Counts the changes committed to the case; a writer may send the version it saw, and a
    # change made meanwhile (by `changed_by`, at `changed_at`) is refused rather than lost.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    changed_by: Mapped[str] = mapped_column(String(120), default="", server_default="")
    changed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    council: Mapped[Council] = relationship()
    children: Mapped[list[ChildRow]] = relationship(
        order_by="ChildRow.position", cascade="all, delete-orphan")
    people: Mapped[list[PersonRow]] = relationship(
        order_by="PersonRow.position", cascade="all, delete-orphan")
    events: Mapped[list[EventRow]] = relationship(
        order_by="EventRow.position", cascade="all, delete-orphan")


class ChildRow(Base):
    __tablename__ = "children"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    slug: Mapped[str] = mapped_column(String(80))
    date_of_birth: Mapped[date | None] = mapped_column(Date, nullable=True)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    clinically_vulnerable: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    # The census's codes (Sex M/F/U, Ethnicity WBRI…), kept as written: a chronology file
    # holds them unchecked, so a longer value must not fail on PostgreSQL.
    sex: Mapped[str | None] = mapped_column(Text, nullable=True)
    ethnicity: Mapped[str | None] = mapped_column(Text, nullable=True)
    # The census's other identifiers (UPN…) by element name, and every Disability code.
    identifiers: Mapped[dict[str, str] | None] = mapped_column(JSON, nullable=True)
    disabilities: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)


class PersonRow(Base):
    """An adult in the case and the children they hold parental responsibility for."""

    __tablename__ = "people"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    slug: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(80))
    parental_responsibility_for: Mapped[list[str]] = mapped_column(JSON)


class EventRow(Base):
    __tablename__ = "events"
    __table_args__ = (UniqueConstraint("case_id", "slug"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    slug: Mapped[str] = mapped_column(String(80))
    type: Mapped[str] = mapped_column(String(60), index=True)
    earliest: Mapped[date] = mapped_column(Date)
    latest: Mapped[date] = mapped_column(Date)
    precision: Mapped[str] = mapped_column(String(20))
    date_text: Mapped[str] = mapped_column(Text, default="")
    children: Mapped[list[str]] = mapped_column(JSON)
    details: Mapped[dict[str, Any]] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")
    complaint_ref: Mapped[str | None] = mapped_column(String(80), nullable=True)


class ComplaintRow(Base):
    __tablename__ = "complaints"
    __table_args__ = (UniqueConstraint("case_id", "ref"), Index("ix_complaints_state", "state"))
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    ref: Mapped[str] = mapped_column(String(80))
    procedure: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(60))
    received_event: Mapped[str] = mapped_column(String(80))
    # From the received event, so the complaints register can search and sort in SQL.
    complainant: Mapped[str] = mapped_column(String(200), default="", server_default="")
    received_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    points: Mapped[list[ComplaintPointRow]] = relationship(
        order_by="ComplaintPointRow.position", cascade="all, delete-orphan")
    remedies: Mapped[list[RemedyRow]] = relationship(
        order_by="RemedyRow.id", cascade="all, delete-orphan")


class ComplaintPointRow(Base):
    __tablename__ = "complaint_points"
    __table_args__ = (UniqueConstraint("complaint_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(20))
    summary: Mapped[str] = mapped_column(Text, default="")
    findings: Mapped[list[PointFindingRow]] = relationship(
        order_by="PointFindingRow.id", cascade="all, delete-orphan")


class PointFindingRow(Base):
    """One stage's finding on one point; a later stage adds a row, never overwrites."""

    __tablename__ = "point_findings"
    id: Mapped[int] = mapped_column(primary_key=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("complaint_points.id"), index=True)
    stage: Mapped[str] = mapped_column(String(60))
    finding: Mapped[str] = mapped_column(String(30))
    event_slug: Mapped[str] = mapped_column(String(80))
    decided_on: Mapped[date] = mapped_column(Date)


class RemedyRow(Base):
    __tablename__ = "remedies"
    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    event_slug: Mapped[str] = mapped_column(String(80))
    points: Mapped[list[str]] = mapped_column(JSON)
    purpose: Mapped[str] = mapped_column(String(40))
    amount: Mapped[float | None] = mapped_column(Float, nullable=True)
    payee: Mapped[str] = mapped_column(String(200), default="")
    offered_by: Mapped[str] = mapped_column(String(80), default="")


class ActionRow(Base):
    """An agreed action: what, who, the deadline as given and the date it resolves to."""

    __tablename__ = "agreed_actions"
    __table_args__ = (Index("ix_agreed_actions_due_on", "due_on"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    complaint_ref: Mapped[str | None] = mapped_column(String(80), nullable=True)
    event_slug: Mapped[str] = mapped_column(String(80))
    what: Mapped[str] = mapped_column(Text)
    who: Mapped[str] = mapped_column(String(200), default="")
    deadline: Mapped[str] = mapped_column(String(200))
    decided_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    verified_by: Mapped[str | None] = mapped_column(String(80), nullable=True)
    verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    evidence: Mapped[list[EvidenceRow]] = relationship(
        order_by="EvidenceRow.id", cascade="all, delete-orphan")


class EvidenceRow(Base):
    __tablename__ = "action_evidence"
    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("agreed_actions.id"), index=True)
    event_slug: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(10))
    note: Mapped[str] = mapped_column(Text, default="")
    filename: Mapped[str] = mapped_column(String(255), default="")
    content: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    added_by: Mapped[str] = mapped_column(String(80), default="")
    added_on: Mapped[date] = mapped_column(Date)


class AuditLogRow(Base):
    """Who read or changed which record, and when. Append-only (see module docstring)."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_council_user", "council_id", "username"),
                      Index("ix_audit_log_council_record", "council_id", "record_id"),
                      Index("ix_audit_log_seq", "seq", unique=True))
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    user_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    username: Mapped[str] = mapped_column(String(80))
    council_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    action: Mapped[str] = mapped_column(String(20))
    record_type: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(200))
    detail: Mapped[str] = mapped_column(Text, default="")
    # The hash chain (`domain.log_chain`): the entry's place, the hash of the entry before it
    # and its own hash over that and its content. Set once, by `AuditLogRepository.append`.
    seq: Mapped[int] = mapped_column(Integer)
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64))


class AuditLogHead(Base):
    """The chain's newest entry: one row, locked by every append so that two writers never
    both extend the same entry (which would fork the chain)."""

    __tablename__ = "audit_log_head"
    id: Mapped[int] = mapped_column(primary_key=True)
    length: Mapped[int] = mapped_column(Integer)
    head_hash: Mapped[str] = mapped_column(String(64))


class ClockRow(Base):
    """One clock of one case, as the audit judges it (`domain.audit.ledger.ClockRecord`).

    The audit's projection, rewritten in the same transaction as every change to the case;
    never edited on its own. "What is due on day D" compares D with the due range here
    (see the ledger's docstring), so the status of a day is a query, not a nightly rewrite.
    `rule_version` is the rule's fingerprint when the row was computed: a row whose version
    differs from the rule's now is stale until `casework clocks rebuild`.
    """

    __tablename__ = "clocks"
    __table_args__ = (
        Index("ix_clocks_open_by_due", "council_id", "state", "due_earliest"),
        Index("ix_clocks_council_rule", "council_id", "rule_id", "state"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id"))
    rule_id: Mapped[str] = mapped_column(String(80))
    rule_version: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(Text, default="")
    citation: Mapped[str] = mapped_column(Text, default="")
    must: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(20))
    children: Mapped[list[str]] = mapped_column(JSON)
    complaint: Mapped[str | None] = mapped_column(String(80), nullable=True)
    trigger_id: Mapped[str | None] = mapped_column(String(80), nullable=True)
    outcome_id: Mapped[str | None] = mapped_column(String(80), nullable=True)
    due_earliest: Mapped[date | None] = mapped_column(Date, nullable=True)
    due_latest: Mapped[date | None] = mapped_column(Date, nullable=True)
    certainty: Mapped[str | None] = mapped_column(String(10), nullable=True)
    lapses_as: Mapped[str] = mapped_column(String(20))
    alternative_until: Mapped[date | None] = mapped_column(Date, nullable=True)


class ReminderRow(Base):
    """One reminder email: sent, or failed and to be tried again on the next run.

    What was sent is kept as a fingerprint of its items (`domain.reminders.fingerprint`),
    so an unchanged list is not sent twice; the items themselves are recomputed each run.
    """

    __tablename__ = "reminders_sent"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    as_of: Mapped[date] = mapped_column(Date)
    fingerprint: Mapped[str] = mapped_column(String(64))
    items: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10))
    error: Mapped[str] = mapped_column(Text, default="")


class InstanceSetting(Base):
    """A setting every process serving this database shares (the web session signing key when
    CASEWORK_SECRET_KEY is not set), written once by whichever process needs it first."""

    __tablename__ = "instance_settings"
    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class LetterRow(Base):
    """A stage's letter as issued: its text, its date, and the findings and remedies it gave.

    Never changed once written (triggers refuse UPDATE and DELETE): a letter issued again is
    a new row with the next `number`. Held by the council and the case's id, not a foreign
    key, so what was sent outlives any later change to the case.
    """

    __tablename__ = "letters"
    __table_args__ = (UniqueConstraint("council_id", "case_slug", "complaint_ref", "kind", "number",
                                       name="uq_letters_number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id"), index=True)
    case_slug: Mapped[str] = mapped_column(String(120))
    complaint_ref: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20))
    number: Mapped[int] = mapped_column(Integer)
    issued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    issued_by: Mapped[str] = mapped_column(String(80))
    letter_date: Mapped[str] = mapped_column(String(80))
    own_words: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text)
    anonymised_html: Mapped[str] = mapped_column(Text)
    findings: Mapped[Any] = mapped_column(JSON)
    remedies: Mapped[Any] = mapped_column(JSON)
