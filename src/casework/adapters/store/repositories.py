"""Repositories: the only code that writes SQL for the service layer.

Every case query takes the set of councils the caller may see, so scoping is part of the
query itself, not a check made afterwards: another council's record is simply not found.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import SelectBase, delete, func, select, update
from sqlalchemy import case as sql_case
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, selectinload

from casework.adapters.store import bulk
from casework.adapters.store.codec import event_row, fill_case_row, to_case
from casework.adapters.store.schema import (
    AccessGrant,
    ActionRow,
    CaseRow,
    ClockRow,
    ComplaintPointRow,
    ComplaintRow,
    Council,
    EventRow,
    EvidenceRow,
    LetterRow,
    PointFindingRow,
    RemedyRow,
    ReminderRow,
    User,
)
from casework.adapters.store.transient import retry_busy
from casework.domain.chronology import Case
from casework.domain.events import Event
from casework.service.ports import ActionRecord, CaseRecord, EvidenceRecord, StoreRefused, UserRecord


class CouncilRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def by_slug(self, slug: str) -> Council | None:
        return self.session.scalar(select(Council).where(Council.slug == slug))

    def get(self, council_id: int) -> Council | None:
        return self.session.get(Council, council_id)

    def add(self, slug: str, name: str = "", demo: bool = False, display_name: str = "") -> Council:
        council = Council(slug=slug, name=name or slug.replace("-", " ").title(), demo=demo,
                          display_name=display_name)
        self.session.add(council)
        self.session.flush()
        return council

    def set_display_name(self, council_id: int, display_name: str) -> None:
        council = self.session.get(Council, council_id)
        if council is not None:
            council.display_name = display_name
            self.session.flush()


class UserRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def wanting_reminders(self) -> Sequence[User]:
        """Active users with an email address who have not turned reminders off, by council."""
        return self.session.scalars(
            select(User).where(User.active.is_(True), User.reminders.is_(True), User.email != "")
            .options(selectinload(User.council)).order_by(User.council_id, User.username)).all()

    def set_reminders(self, user: UserRecord, on: bool, email: str | None = None) -> None:
        """Turn the user's reminders on or off, and set where they go when `email` is given."""
        row = self.session.get(User, user.id)
        if row is None:
            raise LookupError(f"user {user.id} is not in the store")
        row.reminders = on
        if email is not None:
            row.email = email
        self.session.flush()

    def by_username(self, username: str) -> User | None:
        return self.session.scalar(
            select(User).where(User.username == username).options(selectinload(User.grants)))

    def get(self, user_id: int) -> User | None:
        return self.session.get(User, user_id)

    def add(self, grants: Collection[int] = (), **fields: Any) -> User:
        user = User(**fields, grants=[AccessGrant(council_id=c) for c in grants])
        self.session.add(user)
        self.session.flush()
        return user

    def set_active(self, user: UserRecord, active: bool) -> None:
        row = self.session.get(User, user.id)
        if row is None:
            raise LookupError(f"user {user.id} is not in the store")
        row.active = active
        self.session.flush()

    def set_claims(self, user: UserRecord, council_id: int, role: str) -> None:
        row = self.session.get(User, user.id)
        if row is None:
            raise LookupError(f"user {user.id} is not in the store")
        if (row.council_id, row.role) != (council_id, role):
            row.council_id, row.role = council_id, role
            self.session.flush()
            self.session.refresh(row, ["council"])


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; we store UTC, so say so."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def count_rows(session: Session, query: SelectBase) -> int:
    """How many rows `query` gives (before any offset or limit, for a page's total)."""
    return session.scalar(select(func.count()).select_from(query.subquery())) or 0


# A case row with everything `to_case` reads, loaded in one query per relationship.
_WHOLE_CASE = (selectinload(CaseRow.children), selectinload(CaseRow.people),
               selectinload(CaseRow.events), selectinload(CaseRow.council))


class CaseRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, councils: Collection[int], slug: str) -> CaseRow | None:
        """The case `slug` in one of `councils`; the caller's own council is listed first."""
        rows = self.session.scalars(
            select(CaseRow).where(CaseRow.slug == slug, CaseRow.council_id.in_(list(councils)))
            .options(*_WHOLE_CASE)
        ).all()
        order = list(councils)
        return min(rows, key=lambda r: order.index(r.council_id), default=None)

    def lock(self, case: CaseRecord) -> CaseRow:
        """Hold the case for this transaction and read it afresh.

        A no-op UPDATE of the case's row takes PostgreSQL's row lock and SQLite's write lock,
        so two writers of one case take turns: the second reads the chronology as the first
        left it (its event ids, positions and version) instead of one read before. SQLite
        waits `busy_timeout` for the lock; past that, the attempt is repeated a few times
        after a short random pause (`transient.retry_busy`)."""
        retry_busy(self.session, lambda: self.session.execute(
            update(CaseRow).where(CaseRow.id == case.id).values(version=CaseRow.version)))
        row = self.session.scalar(select(CaseRow).where(CaseRow.id == case.id)
                                  .options(*_WHOLE_CASE).execution_options(populate_existing=True))
        if row is None:
            raise LookupError(f"case {case.id} is not in the store")
        return row

    def mark_changed(self, case: CaseRecord, by: str, at: datetime) -> None:
        """Count one more change to the case, by `by` at `at` (committed with the change)."""
        row = self._row(case)
        row.version = row.version + 1
        row.changed_by = by[:120]
        row.changed_at = at
        self.session.flush()

    def councils_holding(self, slug: str) -> Sequence[Council]:
        """Every council with a case of this id (for the command line, which has no user)."""
        return self.session.scalars(select(Council).join(CaseRow, CaseRow.council_id == Council.id)
                                    .where(CaseRow.slug == slug)).all()

    def outside_demo_councils(self, limit: int = 5) -> list[tuple[str, str]]:
        """(council, case id) of up to `limit` cases held by councils that are not demo ones."""
        rows = self.session.execute(
            select(Council.slug, CaseRow.slug).join(Council, CaseRow.council_id == Council.id)
            .where(Council.demo.is_(False)).order_by(Council.slug, CaseRow.slug).limit(limit)).all()
        return [(r[0], r[1]) for r in rows]

    def exists(self, council_id: int, slug: str) -> bool:
        return self.session.scalar(select(func.count()).select_from(CaseRow).where(
            CaseRow.council_id == council_id, CaseRow.slug == slug)) != 0

    def add_case(self, council_id: int, case: Case, team: str = "", worker: str = "") -> CaseRow:
        row = fill_case_row(CaseRow(council_id=council_id, team=team, worker=worker,
                                    created_at=datetime.now(UTC)), case)
        self.session.add(row)
        self.session.flush()
        self.session.refresh(row, ["council"])
        return row

    def _row(self, case: CaseRecord) -> CaseRow:
        """The loaded row behind a record (from the session's identity map: no query)."""
        row = self.session.get(CaseRow, case.id)
        if row is None:
            raise LookupError(f"case {case.id} is not in the store")
        return row

    def as_case(self, row: CaseRecord) -> Case:
        return to_case(self._row(row))

    def headers_by_prefix(self, slug_prefix: str, title_prefix: str,
                          councils: Collection[int] | None = None
                          ) -> list[tuple[int, str, str, str]]:
        """(council id, case id, title, source) of every case whose id and title both start
        with the given words, in `councils` (all, if None). For the demo data only.

        SQLite's LIKE ignores case, so the prefixes are checked again here, exactly.
        """
        query = select(CaseRow.council_id, CaseRow.slug, CaseRow.title, CaseRow.source).where(
            CaseRow.slug.startswith(slug_prefix, autoescape=True),
            CaseRow.title.startswith(title_prefix, autoescape=True))
        if councils is not None:
            query = query.where(CaseRow.council_id.in_(list(councils)))
        rows = self.session.execute(query.order_by(CaseRow.council_id, CaseRow.slug)).all()
        return [(r[0], r[1], r[2], r[3]) for r in rows
                if r[1].startswith(slug_prefix) and r[2].startswith(title_prefix)]

    def delete_case(self, council_id: int, slug: str) -> bool:
        """Remove one case with everything hanging off it; False if there is no such case.

        Used only to replace the synthetic demo cases (`service.demo`). The foreign keys have
        no ON DELETE rule, so the rows go child first: evidence with its action, findings and
        remedies with their complaint, its clocks, then the case's children, people and events with it.
        The audit log names cases by id, with no key to them, and is never touched.
        """
        row = self.session.scalar(select(CaseRow).where(
            CaseRow.council_id == council_id, CaseRow.slug == slug))
        if row is None:
            return False
        for action in self.session.scalars(select(ActionRow).where(ActionRow.case_id == row.id)):
            self.session.delete(action)
        for complaint in self.session.scalars(
                select(ComplaintRow).where(ComplaintRow.case_id == row.id)):
            self.session.delete(complaint)
        self.session.execute(delete(ClockRow).where(ClockRow.case_id == row.id))
        self.session.flush()
        self.session.delete(row)
        self.session.flush()
        return True

    def append_event(self, case: CaseRecord, event: Event) -> None:
        row = self._row(case)
        position = max((e.position for e in row.events), default=-1) + 1
        row.events.append(event_row(event, position))
        self.session.flush()

    def stored_slugs(self, council_id: int, slugs: Collection[str]) -> set[str]:
        return bulk.stored_slugs(self.session, council_id, slugs)

    def add_many(self, council_id: int, cases: Sequence[Case], team: str = "",
                 worker: str = "") -> list[int]:
        """Insert whole chronologies in one statement per table (`store.bulk`); their ids."""
        try:
            return bulk.insert_cases(self.session, council_id, cases, team, worker)
        except DBAPIError as exc:  # IntegrityError among them
            raise StoreRefused(str(exc.orig)) from exc

    def ids(self, council_id: int | None = None) -> list[int]:
        """Every case's row id (in one council, if given), in the order stored."""
        query = select(CaseRow.id).order_by(CaseRow.id)
        if council_id is not None:
            query = query.where(CaseRow.council_id == council_id)
        return list(self.session.scalars(query))

    def by_ids(self, ids: Collection[int]) -> Sequence[CaseRow]:
        """Whole cases by row id (a batch of `ids`), for work over every case."""
        return self.session.scalars(select(CaseRow).where(CaseRow.id.in_(list(ids)))
                                    .order_by(CaseRow.id).options(*_WHOLE_CASE)).all()

    def update(self, case: CaseRecord, changes: Mapping[str, str]) -> None:
        """Set the case's team, worker or title."""
        row = self._row(case)
        for key, value in changes.items():
            if key not in ("team", "worker", "title"):
                raise ValueError(f"a case's {key} is not changed here")
            setattr(row, key, value)
        self.session.flush()

    def list(self, councils: Collection[int], team: str | None = None, worker: str | None = None,
             offset: int = 0, limit: int | None = None) -> tuple[Sequence[CaseRow], int]:
        query = select(CaseRow).where(CaseRow.council_id.in_(list(councils)))
        if team:
            query = query.where(CaseRow.team == team)
        if worker:
            query = query.where(CaseRow.worker == worker)
        total = count_rows(self.session, query)
        rows = self.session.scalars(
            query.order_by(CaseRow.council_id, CaseRow.slug).offset(offset).limit(limit)
            .options(*_WHOLE_CASE)
        ).all()
        return rows, total


    def with_event_types(self, council_id: int, types: Collection[str]) -> Sequence[Case]:
        """Every case of the council holding an event of one of `types`, as chronologies
        (the annual complaints report reads only cases with complaints in them)."""
        holding = select(EventRow.case_id).where(EventRow.type.in_(list(types)))
        rows = self.session.scalars(
            select(CaseRow).where(CaseRow.council_id == council_id, CaseRow.id.in_(holding))
            .order_by(CaseRow.slug).options(*_WHOLE_CASE)).all()
        return [to_case(r) for r in rows]


class ComplaintRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def for_case(self, case_id: int) -> Sequence[ComplaintRow]:
        return self.session.scalars(
            select(ComplaintRow).where(ComplaintRow.case_id == case_id).order_by(ComplaintRow.id)
            .options(selectinload(ComplaintRow.points).selectinload(ComplaintPointRow.findings),
                     selectinload(ComplaintRow.remedies))
        ).all()

    def replace_for_case(self, case_id: int, complaints: Iterable[Any]) -> None:
        """Rebuild the case's complaints from views (see `service.projection`)."""
        for old in self.for_case(case_id):
            self.session.delete(old)
        self.session.flush()
        for view in complaints:
            self.session.add(ComplaintRow(
                case_id=case_id, ref=view.ref, procedure=view.procedure, state=view.state,
                received_event=view.received_event, complainant=view.complainant,
                received_on=view.received_on,
                points=[ComplaintPointRow(
                    position=i, number=p.number, summary=p.summary,
                    findings=[PointFindingRow(stage=f["stage"], finding=f["finding"],
                                              event_slug=f["event"], decided_on=f["decided_on"])
                              for f in p.findings])
                    for i, p in enumerate(view.points.values())],
                remedies=[RemedyRow(event_slug=r["event"], points=r["points"],
                                    purpose=r["purpose"], amount=r["amount"], payee=r["payee"],
                                    offered_by=r["offered_by"]) for r in view.remedies],
            ))
        self.session.flush()


class ActionRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, councils: Collection[int], action_id: int) -> tuple[ActionRow, CaseRow] | None:
        row = self.session.execute(
            select(ActionRow, CaseRow).join(CaseRow, ActionRow.case_id == CaseRow.id)
            .where(ActionRow.id == action_id, CaseRow.council_id.in_(list(councils)))
            .options(selectinload(ActionRow.evidence))
        ).first()
        return (row[0], row[1]) if row is not None else None

    def for_case(self, case_id: int) -> Sequence[ActionRow]:
        return self.session.scalars(
            select(ActionRow).where(ActionRow.case_id == case_id).order_by(ActionRow.id)
            .options(selectinload(ActionRow.evidence))
        ).all()

    def for_council(self, council_id: int, today: date, overdue_first: bool = True, offset: int = 0,
                    limit: int | None = None) -> tuple[Sequence[tuple[ActionRow, str]], int]:
        """A council's actions with their case slugs, one page of them, and how many there are.

        Overdue first means: overdue (due before `today`, no evidence), then open by due date
        (an unresolved date last), then evidenced; otherwise in the order they were agreed.
        """
        evidenced = select(EvidenceRow.id).where(EvidenceRow.action_id == ActionRow.id).exists()
        query = (select(ActionRow, CaseRow.slug).join(CaseRow, ActionRow.case_id == CaseRow.id)
                 .where(CaseRow.council_id == council_id))
        total = count_rows(self.session, query)
        if overdue_first:
            rank = sql_case((evidenced, 2), (ActionRow.due_on < today, 0), else_=1)
            query = query.order_by(rank, ActionRow.due_on.is_(None), ActionRow.due_on, CaseRow.slug, ActionRow.id)
        else:
            query = query.order_by(ActionRow.id)
        rows = self.session.execute(query.offset(offset).limit(limit).options(selectinload(ActionRow.evidence))).all()
        return [(row[0], row[1]) for row in rows], total

    def add(self, **fields: Any) -> ActionRow:
        row = ActionRow(**fields, evidence=[])
        self.session.add(row)
        self.session.flush()
        return row

    def _action(self, action: ActionRecord) -> ActionRow:
        row = self.session.get(ActionRow, action.id)
        if row is None:
            raise LookupError(f"action {action.id} is not in the store")
        return row

    def add_evidence(self, action: ActionRecord, **fields: Any) -> EvidenceRow:
        evidence = EvidenceRow(**fields)
        self._action(action).evidence.append(evidence)
        self.session.flush()
        return evidence

    def resolve(self, action: ActionRecord, decided_on: date, due_on: date | None) -> None:
        row = self._action(action)
        row.decided_on, row.due_on = decided_on, due_on
        self.session.flush()

    def complete_evidence(self, evidence: EvidenceRecord, *, kind: str, note: str, filename: str,
                          content: bytes | None, added_by: str) -> None:
        row = self.session.get(EvidenceRow, evidence.id)
        if row is None:
            raise LookupError(f"evidence {evidence.id} is not in the store")
        row.kind, row.note, row.filename, row.content, row.added_by = kind, note, filename, content, added_by
        self.session.flush()

    def verify(self, action: ActionRecord, by: str, at: datetime) -> None:
        row = self._action(action)
        row.verified_by, row.verified_at = by, at
        self.session.flush()


class ReminderRepository:
    """Reminders sent or failed, per user (`service.reminders`)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def last_sent(self, user_id: int) -> ReminderRow | None:
        return self.session.scalars(
            select(ReminderRow).where(ReminderRow.user_id == user_id, ReminderRow.status == "sent")
            .order_by(ReminderRow.id.desc()).limit(1)).first()

    def add(self, **fields: Any) -> None:
        self.session.add(ReminderRow(**fields))
        self.session.flush()

    def for_user(self, user_id: int) -> Sequence[ReminderRow]:
        return self.session.scalars(
            select(ReminderRow).where(ReminderRow.user_id == user_id).order_by(ReminderRow.id)).all()


class LetterRepository:
    """Letters as issued (`service.letters`): added, listed and read; never changed."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, **fields: Any) -> LetterRow:
        row = LetterRow(**fields)
        self.session.add(row)
        self.session.flush()
        return row

    def for_complaint(self, council_id: int, case_slug: str, ref: str) -> Sequence[LetterRow]:
        return self.session.scalars(
            select(LetterRow).where(LetterRow.council_id == council_id, LetterRow.case_slug == case_slug,
                                    LetterRow.complaint_ref == ref)
            .order_by(LetterRow.kind, LetterRow.number)).all()
