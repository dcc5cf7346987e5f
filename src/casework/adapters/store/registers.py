"""The registers as SQL: complaints, cases, agreed actions and the audit log.

Each listing is two statements whatever the council's size: a count of the rows the filters
select, and one page of them (the agreed actions add one more for the page's evidence, the
cases one for the page's children). Every filter is a WHERE clause on an indexed column
(council, state, due date, user, record); a row's next due date and whether it is overdue
are correlated subqueries on the clocks table's case index, compared with the day exactly as
`clock_repository` does, so no case is ever loaded whole to list it.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, or_, select
from sqlalchemy import case as sql_case
from sqlalchemy.orm import Session, selectinload

from casework.adapters.store.clock_repository import _bucket, _lapsed, _listed
from casework.adapters.store.repositories import count_rows
from casework.adapters.store.schema import (
    ActionRow,
    AuditLogRow,
    CaseRow,
    ChildRow,
    ClockRow,
    ComplaintRow,
    EvidenceRow,
    User,
)
from casework.domain.audit.ledger import DueFilter
from casework.domain.complaints.stages import states_at
from casework.service.ports import ActionFilter, AuditLogFilter, CaseFilter, ComplaintFilter


def _contains(column: Any, text: str) -> ColumnElement[bool]:
    """Case-insensitive 'contains', the same on SQLite and PostgreSQL; % and _ typed are literal."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    result: ColumnElement[bool] = func.lower(column).like(f"%{escaped}%", escape="\\")
    return result


def _page(session: Session, query: Any, order: Sequence[Any], offset: int,
          limit: int | None) -> tuple[list[dict[str, Any]], int]:
    total = count_rows(session, query)
    rows = session.execute(query.order_by(*order).offset(offset).limit(limit)).mappings().all()
    return [dict(r) for r in rows], total


class RegisterQueries:
    def __init__(self, session: Session) -> None:
        self.session = session

    def complaints(self, f: ComplaintFilter, offset: int = 0, limit: int | None = None
                   ) -> tuple[list[dict[str, Any]], int]:
        running = and_(ClockRow.case_id == ComplaintRow.case_id, ClockRow.complaint == ComplaintRow.ref,
                       _listed(f.day))
        next_due = select(func.min(ClockRow.due_latest)).where(running).scalar_subquery()
        overdue = exists().where(running, _lapsed(f.day))
        query = (select(ComplaintRow.ref, ComplaintRow.procedure, ComplaintRow.state,
                        ComplaintRow.complainant, ComplaintRow.received_on, CaseRow.slug.label("case"),
                        CaseRow.title.label("case_title"), CaseRow.team, CaseRow.worker,
                        User.full_name.label("worker_name"), next_due.label("next_due"),
                        overdue.label("overdue"))
                 .join(CaseRow, ComplaintRow.case_id == CaseRow.id)
                 .outerjoin(User, User.username == CaseRow.worker)
                 .where(CaseRow.council_id == f.council_id))
        if f.stage:
            query = query.where(or_(*[and_(ComplaintRow.procedure == procedure, ComplaintRow.state.in_(states))
                                      for procedure, states in states_at(f.stage).items()]))
        if f.state:
            query = query.where(ComplaintRow.state == f.state)
        if f.procedure:
            query = query.where(ComplaintRow.procedure == f.procedure)
        if f.worker:
            query = query.where(CaseRow.worker == f.worker)
        if f.timescale:
            query = query.where(exists().where(running, _bucket(DueFilter((), f.day)) == f.timescale))
        order = (sql_case((overdue, 0), else_=1), next_due.is_(None), next_due,
                 ComplaintRow.received_on.desc(), CaseRow.slug, ComplaintRow.ref)
        return _page(self.session, query, order, offset, limit)

    def cases(self, f: CaseFilter, offset: int = 0, limit: int | None = None
              ) -> tuple[list[dict[str, Any]], int]:
        overdue = (select(func.count()).select_from(ClockRow)
                   .where(ClockRow.case_id == CaseRow.id, _listed(f.day), _lapsed(f.day)).scalar_subquery())
        query = (select(CaseRow.id, CaseRow.slug, CaseRow.title, CaseRow.team, CaseRow.worker,
                        User.full_name.label("worker_name"), overdue.label("overdue"))
                 .outerjoin(User, User.username == CaseRow.worker)
                 .where(CaseRow.council_id.in_(list(f.councils))))
        if f.search:
            query = query.where(or_(
                _contains(CaseRow.slug, f.search), _contains(CaseRow.title, f.search),
                exists().where(ChildRow.case_id == CaseRow.id, _contains(ChildRow.slug, f.search)),
                exists().where(ComplaintRow.case_id == CaseRow.id, _contains(ComplaintRow.complainant, f.search))))
        if f.worker:
            query = query.where(CaseRow.worker == f.worker)
        if f.team:
            query = query.where(CaseRow.team == f.team)
        rows, total = _page(self.session, query, (CaseRow.council_id, CaseRow.slug), offset, limit)
        children: dict[int, list[str]] = {}
        for case_id, child in self.session.execute(
                select(ChildRow.case_id, ChildRow.slug).where(ChildRow.case_id.in_([r["id"] for r in rows]))
                .order_by(ChildRow.case_id, ChildRow.position)):
            children.setdefault(case_id, []).append(child)
        for row in rows:
            row["children"] = children.pop(row.pop("id"), [])
        return rows, total

    def actions(self, f: ActionFilter, offset: int = 0, limit: int | None = None
                ) -> tuple[Sequence[tuple[ActionRow, str]], int]:
        evidenced = select(EvidenceRow.id).where(EvidenceRow.action_id == ActionRow.id).exists()
        query = (select(ActionRow, CaseRow.slug).join(CaseRow, ActionRow.case_id == CaseRow.id)
                 .where(CaseRow.council_id == f.council_id))
        if f.status == "overdue":
            query = query.where(ActionRow.due_on < f.day, ~evidenced)
        elif f.status == "awaiting_evidence":
            query = query.where(~evidenced)
        elif f.status == "awaiting_verification":
            query = query.where(evidenced, ActionRow.verified_by.is_(None))
        elif f.status == "verified":
            query = query.where(ActionRow.verified_by.is_not(None))
        total = count_rows(self.session, query)
        rank = sql_case((evidenced, 2), (ActionRow.due_on < f.day, 0), else_=1)
        rows = self.session.execute(
            query.order_by(rank, ActionRow.due_on.is_(None), ActionRow.due_on, CaseRow.slug, ActionRow.id)
            .offset(offset).limit(limit).options(selectinload(ActionRow.evidence))).all()
        return [(row[0], row[1]) for row in rows], total

    def audit_log(self, f: AuditLogFilter, offset: int = 0, limit: int | None = None
                  ) -> tuple[list[dict[str, Any]], int]:
        query = (select(AuditLogRow.id, AuditLogRow.at, AuditLogRow.username, User.full_name.label("name"),
                        AuditLogRow.action, AuditLogRow.record_type, AuditLogRow.record_id, AuditLogRow.detail)
                 .outerjoin(User, User.username == AuditLogRow.username)
                 .where(AuditLogRow.council_id == f.council_id))
        if f.user:
            query = query.where(AuditLogRow.username == f.user)
        if f.case:
            query = query.where(or_(AuditLogRow.record_id == f.case,
                                    AuditLogRow.record_id.startswith(f"{f.case}/", autoescape=True)))
        if f.since:
            query = query.where(AuditLogRow.at >= datetime.combine(f.since, time.min, tzinfo=UTC))
        if f.until:
            query = query.where(AuditLogRow.at < datetime.combine(f.until + timedelta(days=1), time.min, tzinfo=UTC))
        return _page(self.session, query, (AuditLogRow.id.desc(),), offset, limit)

    def choices(self, councils: Collection[int]) -> dict[str, list[tuple[str, str]]]:
        """The councils' teams and staff, each as (value, name shown): what a filter form offers.
        Read from the users, so it grows with the staff, never with the cases."""
        users = self.session.execute(select(User.username, User.full_name, User.team, User.role).where(
            User.council_id.in_(list(councils))).order_by(User.full_name, User.username)).all()
        return {"teams": [(t, t) for t in sorted({u.team for u in users if u.team})],
                "users": [(u.username, u.full_name or u.username) for u in users],
                "roles": [(u.username, u.role) for u in users]}
