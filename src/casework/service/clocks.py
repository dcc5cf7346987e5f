"""Rebuild the clocks table from the chronologies (after a rule changes, or an upgrade).

Each case's clocks are rewritten with every change to it (`service.projection`); this is
for the rows a change of rule leaves stale (each row keeps its rule's version), a batch at
a time, each batch one transaction, so an interrupted rebuild leaves every case either as
it was or rebuilt, and a re-run finishes the job.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from casework.domain.audit.ledger import clock_records, current_versions
from casework.service.errors import NotFound
from casework.service.ports import UnitOfWork, UnitOfWorkFactory

BATCH = 500


@dataclass(frozen=True)
class Rebuilt:
    cases: int
    clocks: int
    stale_before: int


def stale_clocks(uow_factory: UnitOfWorkFactory, council: str | None = None) -> int:
    """How many clock rows were computed under a rule version other than the rule's now."""
    with uow_factory() as uow:
        councils = None if council is None else [_council_id(uow, council)]
        return int(uow.clocks.stale(current_versions(), councils))


def rebuild_clocks(uow_factory: UnitOfWorkFactory, council: str | None = None, *,
                   missing_only: bool = False,
                   progress: Callable[[int, int], None] = lambda done, total: None) -> Rebuilt:
    """Recompute every case's clocks (in `council`, or everywhere; `missing_only`: only the
    cases that have none, as after the migration that made the table)."""
    stale = stale_clocks(uow_factory, council)
    with uow_factory() as uow:
        if missing_only:
            ids = uow.clocks.cases_without_clocks()
        else:
            ids = uow.cases.ids(None if council is None else _council_id(uow, council))
    clocks = 0
    for start in range(0, len(ids), BATCH):
        with uow_factory() as uow:
            for row in uow.cases.by_ids(ids[start:start + BATCH]):
                records = clock_records(uow.cases.as_case(row))
                uow.clocks.replace_for_case(row.id, row.council_id, records)
                clocks += len(records)
            uow.commit()
        progress(min(start + BATCH, len(ids)), len(ids))
    return Rebuilt(len(ids), clocks, stale)


def _council_id(uow: UnitOfWork, slug: str) -> int:
    council = uow.councils.by_slug(slug)
    if council is None:
        raise NotFound("council", slug)
    return int(council.id)
