"""The audit trail: who read or changed which case or complaint, and when.

Entries are appended in the same transaction as the change they record, so a change
that rolls back leaves no entry and an entry never describes a change that did not happen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from casework.domain.limits import check_page
from casework.domain.log_chain import GENESIS, Break, first_break
from casework.service.access import Actor
from casework.service.ports import UnitOfWork

VERIFY_BATCH = 1000


def record(uow: UnitOfWork, actor: Actor, action: str, record_type: str, record_id: str,
           detail: str = "", council_id: int | None = None) -> None:
    uow.audit_log.append(
        at=datetime.now(UTC), user_id=actor.user_id, username=actor.username,
        council_id=council_id if council_id is not None else actor.council_id,
        action=action, record_type=record_type, record_id=record_id, detail=detail,
    )


def record_many(uow: UnitOfWork, actor: Actor, action: str, record_type: str,
                entries: Iterable[tuple[str, str]]) -> None:
    """`record` for many records at once — (record id, detail) each — as a bulk load writes
    them: one lock on the chain and one INSERT."""
    at = datetime.now(UTC)
    uow.audit_log.append_many([
        {"at": at, "user_id": actor.user_id, "username": actor.username,
         "council_id": actor.council_id, "action": action, "record_type": record_type,
         "record_id": record_id, "detail": detail} for record_id, detail in entries])


def record_refusal(uow: UnitOfWork, actor: Actor, what: str, detail: str) -> None:
    """A request the actor was refused (a record they may not see, a step their role may not
    take), in a transaction of its own: the refused one rolled back."""
    with uow:
        record(uow, actor, "refused", "request", what[:200], detail)
        uow.commit()


def read_audit_log(uow: UnitOfWork, actor: Actor, page: int = 1, per_page: int = 50,
                   record_id: str | None = None) -> dict[str, Any]:
    """The actor's council's audit log, newest first (auditors and complaints managers)."""
    actor.require("audit_log:read")
    check_page(page, per_page)
    with uow:
        rows, total = uow.audit_log.list(actor.council_id, (page - 1) * per_page, per_page,
                                         record_id)
        items = [{"id": r.id, "at": r.at.isoformat(), "user": r.username, "action": r.action,
                  "record_type": r.record_type, "record": r.record_id, "detail": r.detail}
                 for r in rows]
        record(uow, actor, "read", "audit_log", "*", f"page {page}")
        uow.commit()
    return {"items": items, "page": page, "per_page": per_page, "total": total}


@dataclass(frozen=True)
class Anchor:
    """The chain's head copied somewhere the database's owner cannot rewrite: its length, the
    newest entry's hash, and when it was copied."""

    length: int
    head_hash: str
    at: str = ""


@dataclass(frozen=True)
class ChainReport:
    length: int
    head_hash: str
    anchors_checked: int
    broken: Break | None

    @property
    def ok(self) -> bool:
        return self.broken is None


def chain_head(uow: UnitOfWork) -> Anchor:
    """The chain's head now, to be anchored (`casework audit-log anchor`)."""
    with uow:
        length, head_hash = uow.audit_log.head()
    return Anchor(length, head_hash, datetime.now(UTC).isoformat(timespec="seconds"))


def verify_chain(uow: UnitOfWork, anchors: Iterable[Anchor] = ()) -> ChainReport:
    """Recompute every link of the audit log; the first that does not hold, if any.

    Entries are read up to the head as it stood when the check began, a batch at a time;
    then the head row must name the last entry, and each anchor an entry with its hash (a
    log shorter than an anchor has lost entries, even if the rest still chains)."""
    by_length = {a.length: a for a in anchors}
    with uow:
        length, recorded_head = uow.audit_log.head()
        seq, prev, checked = 1, GENESIS, 0
        while seq <= length:
            batch = [e for e in uow.audit_log.chained(seq - 1, VERIFY_BATCH) if e["seq"] <= length]
            broken, seq, prev = first_break(batch, seq, prev)
            if broken is None and not batch:
                broken = Break(seq, None, f"entries {seq} to {length} are missing (the head says "
                               f"the log holds {length})")
            anchor = _anchor_broken(by_length, batch) if broken is None else None
            broken = broken or anchor
            if broken is not None:
                return ChainReport(length, recorded_head, checked, broken)
            checked += sum(1 for e in batch if e["seq"] in by_length)
        if prev != recorded_head:
            return ChainReport(length, recorded_head, checked, Break(
                length, None, "the head row's hash is not the last entry's hash"))
        beyond = [a for a in by_length.values() if a.length > length]
        if beyond:
            first = min(beyond, key=lambda a: a.length)
            return ChainReport(length, recorded_head, checked, Break(
                length + 1, None, f"the log holds {length} entries but was anchored at "
                f"{first.length} on {first.at or 'an earlier date'}: entries were removed"))
    return ChainReport(length, recorded_head, checked, None)


def _anchor_broken(anchors: dict[int, Anchor], batch: list[dict[str, Any]]) -> Break | None:
    for entry in batch:
        anchor = anchors.get(entry["seq"])
        if anchor is not None and anchor.head_hash != entry["entry_hash"]:
            return Break(entry["seq"], entry["id"], f"its hash differs from the one anchored "
                         f"on {anchor.at or 'an earlier date'}: the log was rewritten up to here")
    return None
