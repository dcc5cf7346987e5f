"""The Ombudsman decisions corpus, as tables beside the case records.

Decisions are public and belong to no council, so these tables have no council column;
the service layer still asks for a signed-in user before searching them.

A decision is kept three ways: the columns we filter and list by, one row per payment
(so "decisions that paid for delay" is a join, not a scan of JSON), and the whole parsed
`Decision` as JSON (`data`) beside the statement's text (`body`), so a page or a remedy
benchmark rebuilds exactly what the parser found without parsing again.

Full-text search is not modelled here, because the two databases do it differently
(migration 0002 builds it by hand): SQLite gets an FTS5 table `decisions_fts` over
`decisions`, kept in step by triggers; PostgreSQL gets a generated `search_vector`
tsvector column with a GIN index. `include_name` hides those objects from Alembic's
comparison of models and database, which would otherwise want to drop them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.adapters.store.decision_codec import decision_from_json
from casework.adapters.store.schema import Base
from casework.domain.decisions import Decision

FTS_TABLE = "decisions_fts"
PG_SEARCH_COLUMN = "search_vector"
PG_SEARCH_INDEX = "ix_decisions_search_vector"


class DecisionRow(Base):
    __tablename__ = "decisions"
    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    organisation: Mapped[str | None] = mapped_column(String(200), nullable=True, index=True)
    category: Mapped[str | None] = mapped_column(String(200), nullable=True)
    subcategory: Mapped[str | None] = mapped_column(String(200), nullable=True, index=True)
    outcome: Mapped[str | None] = mapped_column(String(80), nullable=True, index=True)
    decided: Mapped[date | None] = mapped_column(Date, nullable=True)
    year: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    complainant: Mapped[str | None] = mapped_column(String(120), nullable=True)
    fault_found: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    shared_with_ofsted: Mapped[bool] = mapped_column(Boolean, default=False)
    summary: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    source: Mapped[str] = mapped_column(Text, default="")
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    payments: Mapped[list[DecisionPaymentRow]] = relationship(
        order_by="DecisionPaymentRow.position", cascade="all, delete-orphan")

    @property
    def decision(self) -> Decision:
        """The decision as parsed when it was ingested."""
        return decision_from_json(self.data)


class DecisionPaymentRow(Base):
    """One payment a decision mentions; `amount` is as stated (per child when per_child)."""

    __tablename__ = "decision_payments"
    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id", ondelete="CASCADE"),
                                             index=True)
    position: Mapped[int] = mapped_column(Integer)
    purpose: Mapped[str] = mapped_column(String(40), index=True)
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    payee: Mapped[str | None] = mapped_column(String(200), nullable=True)
    per_child: Mapped[bool] = mapped_column(Boolean, default=False)
    children: Mapped[int | None] = mapped_column(Integer, nullable=True)
    section: Mapped[str] = mapped_column(String(20))


def include_name(name: str | None, type_: str, parent_names: Mapping[Any, str | None]) -> bool:
    """Alembic's filter: leave the hand-built full-text objects out of model comparison."""
    if type_ == "table":
        return not (name or "").startswith(FTS_TABLE)
    if type_ == "column":
        return not (parent_names.get("table_name") == "decisions" and name == PG_SEARCH_COLUMN)
    if type_ == "index":
        return name != PG_SEARCH_INDEX
    return True
