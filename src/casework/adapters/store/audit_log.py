"""The audit log's repository: append (extending the hash chain) and read."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from casework.adapters.store.repositories import count_rows
from casework.adapters.store.schema import AuditLogHead, AuditLogRow
from casework.domain.log_chain import CHAINED_FIELDS, link


class AuditLogRepository:
    """Append and read; there is deliberately no method that changes or removes an entry.

    Every append extends the hash chain (`domain.log_chain`) under a lock on its one head
    row, taken before the head is read: `SELECT … FOR UPDATE` on PostgreSQL; on SQLite a
    write to the row, which takes the database's one write lock. A second writer waits for
    the first to commit and then extends the entry the first wrote, so the chain never forks.
    """

    def __init__(self, session: Session) -> None:
        self.session = session

    def append(self, **fields: Any) -> None:
        fields["at"] = fields["at"].astimezone(UTC)
        length, prev_hash = self._lock_head()
        entry = {"detail": "", **fields, "seq": length + 1}
        entry_hash = link(prev_hash, entry)
        self.session.execute(update(AuditLogHead).where(AuditLogHead.id == 1)
                             .values(length=entry["seq"], head_hash=entry_hash))
        self.session.add(AuditLogRow(**entry, prev_hash=prev_hash, entry_hash=entry_hash))

    def append_many(self, entries: Sequence[Mapping[str, Any]]) -> None:
        """Several entries, in order, chained under one lock on the head and written in one
        multi-row INSERT (a bulk import's entries: one round trip, not three per entry)."""
        if not entries:
            return
        length, prev_hash = self._lock_head()
        rows = []
        for fields in entries:
            entry = {"detail": "", **fields, "at": fields["at"].astimezone(UTC), "seq": length + 1}
            entry_hash = link(prev_hash, entry)
            rows.append({**entry, "prev_hash": prev_hash, "entry_hash": entry_hash})
            length, prev_hash = entry["seq"], entry_hash
        self.session.execute(update(AuditLogHead).where(AuditLogHead.id == 1)
                             .values(length=length, head_hash=prev_hash))
        self.session.execute(insert(AuditLogRow), rows)

    def _lock_head(self) -> tuple[int, str]:
        if self.session.get_bind().dialect.name == "sqlite":
            self.session.execute(update(AuditLogHead).where(AuditLogHead.id == 1)
                                 .values(length=AuditLogHead.length))
            query = select(AuditLogHead.length, AuditLogHead.head_hash)
        else:
            query = select(AuditLogHead.length, AuditLogHead.head_hash).with_for_update()
        row = self.session.execute(query.where(AuditLogHead.id == 1)).one()
        return row.length, row.head_hash

    def head(self) -> tuple[int, str]:
        """How many entries the chain holds and the newest one's hash, as its head row says."""
        row = self.session.execute(
            select(AuditLogHead.length, AuditLogHead.head_hash).where(AuditLogHead.id == 1)).one()
        return row.length, row.head_hash

    def chained(self, after_seq: int, limit: int) -> list[dict[str, Any]]:
        """Up to `limit` entries after place `after_seq`, in chain order, as plain mappings."""
        rows = self.session.scalars(select(AuditLogRow).where(AuditLogRow.seq > after_seq)
                                    .order_by(AuditLogRow.seq).limit(limit)).all()
        return [{name: getattr(row, name) for name in (*CHAINED_FIELDS, "id", "prev_hash", "entry_hash")}
                for row in rows]

    def list(self, council_id: int, offset: int = 0, limit: int = 50,
             record_id: str | None = None) -> tuple[Sequence[AuditLogRow], int]:
        query = select(AuditLogRow).where(AuditLogRow.council_id == council_id)
        if record_id:
            query = query.where(AuditLogRow.record_id == record_id)
        total = count_rows(self.session, query)
        rows = self.session.scalars(
            query.order_by(AuditLogRow.id.desc()).offset(offset).limit(limit)).all()
        return rows, total
