"""The clocks table: each case's clocks written with the case, and "what is due" as queries.

Rows are only ever replaced for a whole case, from `domain.audit.ledger.clock_records`, in
the transaction that changed the case. The queries compare a day with each open clock's
due range, exactly as `ledger.standing_on` does (the ledger's docstring has the rule):

    due:      due_earliest >= D, and not a count from an earlier event
    overdue:  due_earliest <  D, it lapses as overdue, and (a count from an earlier event)
              D <= alternative_until

so a council's list is one indexed query (council, state, due date) whatever its size.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, func, insert, or_, select
from sqlalchemy import case as sql_case
from sqlalchemy.orm import Session

from casework.adapters.store.schema import CaseRow, ClockRow
from casework.domain.audit.ledger import ClockRecord, DueFilter


def record_rows(case_id: int, council_id: int, records: Iterable[ClockRecord]) -> list[dict[str, Any]]:
    """The rows for a case's clocks, ready for one multi-row INSERT."""
    return [{
        "case_id": case_id, "council_id": council_id, "rule_id": r.rule_id,
        "rule_version": r.rule_version, "title": r.title, "citation": r.citation, "must": r.must,
        "summary": r.summary, "state": r.state, "children": list(r.children),
        "complaint": r.complaint, "trigger_id": r.trigger_id, "outcome_id": r.outcome_id,
        "due_earliest": r.due_earliest, "due_latest": r.due_latest, "certainty": r.certainty,
        "lapses_as": r.lapses_as, "alternative_until": r.alternative_until,
    } for r in records]


def to_record(row: ClockRow) -> ClockRecord:
    return ClockRecord(
        rule_id=row.rule_id, rule_version=row.rule_version, title=row.title,
        citation=row.citation, must=row.must, summary=row.summary,
        state=row.state,  # type: ignore[arg-type]
        children=tuple(row.children), complaint=row.complaint, trigger_id=row.trigger_id,
        outcome_id=row.outcome_id, due_earliest=row.due_earliest, due_latest=row.due_latest,
        certainty=row.certainty,  # type: ignore[arg-type]
        lapses_as=row.lapses_as,  # type: ignore[arg-type]
        alternative_until=row.alternative_until)


def _lapsed(day: date) -> ColumnElement[bool]:
    return ClockRow.due_earliest < day


def _listed(day: date) -> ColumnElement[bool]:
    return and_(ClockRow.state == "open", or_(
        and_(ClockRow.due_earliest >= day, ClockRow.alternative_until.is_(None)),
        and_(_lapsed(day), ClockRow.lapses_as == "overdue",
             or_(ClockRow.alternative_until.is_(None), ClockRow.alternative_until >= day))))


def _bucket(f: DueFilter) -> ColumnElement[str]:
    """The home page's weeks (Monday to Sunday), as `web.dashboard.bucket_of` names them."""
    return sql_case(
        (_lapsed(f.day), "overdue"),
        (ClockRow.due_latest < f.monday + timedelta(days=7), "this_week"),
        (ClockRow.due_latest < f.monday + timedelta(days=14), "next_week"),
        else_="later")


def _due_range(f: DueFilter) -> tuple[ColumnElement[bool], ...]:
    """The week's clocks' range of earliest due dates, which `_bucket` implies (the earliest
    due date is never after the latest): said outright, the index on (council, state,
    earliest due date) reads only that range instead of every open clock in the council."""
    if f.bucket == "overdue":
        return (ClockRow.due_earliest < f.day,)
    weeks = {"this_week": 1, "next_week": 2}.get(f.bucket or "")
    if weeks is None:
        return (ClockRow.due_earliest >= f.day,)
    return (ClockRow.due_earliest >= f.day, ClockRow.due_earliest < f.monday + timedelta(days=7 * weeks))


class ClockRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def replace_for_case(self, case_id: int, council_id: int,
                         records: Iterable[ClockRecord]) -> None:
        self.session.execute(delete(ClockRow).where(ClockRow.case_id == case_id))
        self.add_for_new_cases([(case_id, council_id, records)])

    def add_for_new_cases(self, clocks: Iterable[tuple[int, int, Iterable[ClockRecord]]]) -> None:
        """The clocks of cases just inserted, (case id, council id, records), in one statement."""
        rows = [row for case_id, council_id, records in clocks
                for row in record_rows(case_id, council_id, records)]
        if rows:
            self.session.execute(insert(ClockRow), rows)

    def delete_for_case(self, case_id: int) -> None:
        self.session.execute(delete(ClockRow).where(ClockRow.case_id == case_id))

    def for_case(self, case_id: int) -> list[ClockRecord]:
        rows = self.session.scalars(select(ClockRow).where(ClockRow.case_id == case_id)
                                    .order_by(ClockRow.id)).all()
        return [to_record(r) for r in rows]

    def _query(self, f: DueFilter) -> Any:
        return self._where(select(ClockRow, CaseRow.slug, CaseRow.team, CaseRow.worker)
                           .join(CaseRow, ClockRow.case_id == CaseRow.id), f)

    def _where(self, query: Any, f: DueFilter) -> Any:
        query = query.where(ClockRow.council_id.in_(list(f.councils)), _listed(f.day))
        if f.team:
            query = query.where(CaseRow.team == f.team)
        if f.worker:
            query = query.where(CaseRow.worker == f.worker)
        if f.rule:
            query = query.where(ClockRow.rule_id == f.rule)
        if f.bucket:
            query = query.where(_bucket(f) == f.bucket, *_due_range(f))
        return query

    def due(self, f: DueFilter, offset: int = 0, limit: int | None = None
            ) -> tuple[Sequence[tuple[ClockRecord, str, str, str]], int]:
        """One page of open clocks, overdue first, then soonest due; and how many there are."""
        query = self._query(f)
        total = self.session.scalar(select(func.count()).select_from(query.subquery())) or 0
        return self._page(query, f, offset, limit), total

    def first(self, f: DueFilter, limit: int) -> Sequence[tuple[ClockRecord, str, str, str]]:
        """The first `limit` of `due`'s clocks, without counting them all (`counts` has that)."""
        return self._page(self._query(f), f, 0, limit)

    def _page(self, query: Any, f: DueFilter, offset: int, limit: int | None
              ) -> list[tuple[ClockRecord, str, str, str]]:
        ordered = query.order_by(sql_case((_lapsed(f.day), 0), else_=1), ClockRow.due_latest,
                                 CaseRow.slug, ClockRow.rule_id, ClockRow.id)
        rows = self.session.execute(ordered.offset(offset).limit(limit)).all()
        return [(to_record(r[0]), r[1], r[2], r[3]) for r in rows]

    def counts(self, f: DueFilter) -> list[tuple[str, str, str, int]]:
        """(rule, title, week bucket, how many) for the open clocks `f` selects."""
        bucket = _bucket(f).label("bucket")
        columns = select(ClockRow.rule_id, ClockRow.title, bucket)
        if f.team or f.worker:  # only then is the case's row needed
            columns = columns.join(CaseRow, ClockRow.case_id == CaseRow.id)
        inner = self._where(columns, f).subquery()
        rows = self.session.execute(
            select(inner.c.rule_id, func.min(inner.c.title), inner.c.bucket, func.count())
            .group_by(inner.c.rule_id, inner.c.bucket)).all()
        return [(r[0], r[1], r[2], r[3]) for r in rows]

    def stale(self, versions: dict[str, str], councils: Collection[int] | None = None) -> int:
        """How many rows were computed under a rule version other than the rule's now."""
        query = select(func.count()).select_from(ClockRow).where(or_(
            ClockRow.rule_id.not_in(list(versions)),
            *[and_(ClockRow.rule_id == rule, ClockRow.rule_version != version)
              for rule, version in versions.items()]))
        if councils is not None:
            query = query.where(ClockRow.council_id.in_(list(councils)))
        return self.session.scalar(query) or 0

    def cases_without_clocks(self) -> list[int]:
        has = select(ClockRow.id).where(ClockRow.case_id == CaseRow.id).exists()
        return list(self.session.scalars(select(CaseRow.id).where(~has).order_by(CaseRow.id)))
