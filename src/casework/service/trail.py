"""The audit trail: who read or changed which case or complaint, and when.

Entries are appended in the same transaction as the change they record, so a change
that rolls back leaves no entry and an entry never describes a change that did not happen.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from casework.service.access import Actor
from casework.service.ports import UnitOfWork


def record(uow: UnitOfWork, actor: Actor, action: str, record_type: str, record_id: str,
           detail: str = "", council_id: int | None = None) -> None:
    uow.audit_log.append(
        at=datetime.now(UTC), user_id=actor.user_id, username=actor.username,
        council_id=council_id if council_id is not None else actor.council_id,
        action=action, record_type=record_type, record_id=record_id, detail=detail,
    )


def read_audit_log(uow: UnitOfWork, actor: Actor, page: int = 1, per_page: int = 50,
                   record_id: str | None = None) -> dict[str, Any]:
    """The actor's council's audit log, newest first (auditors and complaints managers)."""
    actor.require("audit_log:read")
    with uow:
        rows, total = uow.audit_log.list(actor.council_id, (page - 1) * per_page, per_page,
                                         record_id)
        items = [{"id": r.id, "at": r.at.isoformat(), "user": r.username, "action": r.action,
                  "record_type": r.record_type, "record": r.record_id, "detail": r.detail}
                 for r in rows]
        record(uow, actor, "read", "audit_log", "*", f"page {page}")
        uow.commit()
    return {"items": items, "page": page, "per_page": per_page, "total": total}
