"""Load many cases at once: a council's history in batches, each batch one transaction.

Each batch goes in with one multi-row INSERT per table (`adapters.store.bulk`), its clocks
(the audit's projection, `domain.audit.ledger`) and its audit-log entries in the same
transaction, so a batch is either wholly stored or not at all. A case already stored is
skipped, so a re-run after an interruption carries on where it stopped. If the store
refuses a batch, its cases are loaded one by one (`cases.import_case`), so one bad case
gets its own report and the others are stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby, islice

from casework.domain.audit.ledger import clock_records
from casework.domain.chronology import Case
from casework.domain.errors import CaseworkError, Problem
from casework.service.access import Actor, system_actor
from casework.service.cases import import_case
from casework.service.ports import StoreRefused, UnitOfWorkFactory
from casework.service.projection import refresh_workflow
from casework.service.trail import record_many

BATCH = 500
# Events that make rows beyond the chronology and its clocks (complaints, actions).
_WORKFLOW = frozenset({"complaint_received", "action_agreed", "action_evidenced", "remedy_offered"})


@dataclass
class Loaded:
    """What a load did: stored, skipped as already there, and refused (each with reasons)."""

    stored: int = 0
    skipped: list[str] = field(default_factory=list)
    refused: list[tuple[str, list[Problem]]] = field(default_factory=list)


def load_cases(uow_factory: UnitOfWorkFactory, cases: Iterable[Case], *, team: str = "",
               worker: str = "", how: str = "import", batch: int = BATCH,
               council_name: Callable[[str], str] = lambda slug: "",
               progress: Callable[[int], None] = lambda n: None) -> Loaded:
    """Store `cases`, each in the council it names (made, with `council_name`, if new)."""
    loaded = Loaded()
    for chunk in _batches(cases, batch):
        for council, group in groupby(chunk, key=lambda c: c.council):
            _load(uow_factory, council, list(group), team, worker, how, council_name, loaded)
        progress(len(chunk))
    return loaded


def _batches(cases: Iterable[Case], size: int) -> Iterator[list[Case]]:
    iterator = iter(cases)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _actor(uow_factory: UnitOfWorkFactory, council: str, how: str,
           council_name: Callable[[str], str]) -> Actor:
    with uow_factory() as uow:
        row = uow.councils.by_slug(council)
        if row is None:
            row = uow.councils.add(council, council_name(council))
            uow.commit()
        return system_actor(row.id, row.slug, how)


def _load(uow_factory: UnitOfWorkFactory, council: str, group: list[Case], team: str,
          worker: str, how: str, council_name: Callable[[str], str], loaded: Loaded) -> None:
    actor = _actor(uow_factory, council, how, council_name)
    try:
        with uow_factory() as uow:
            stored = uow.cases.stored_slugs(actor.council_id, [c.id for c in group])
            fresh = list({c.id: c for c in group if c.id not in stored}.values())
            if len(fresh) + len(stored) < len(group):  # the same id twice in one batch
                raise CaseworkError(Problem("batch", "id", "a case id appears twice", ""))
            ids = uow.cases.add_many(actor.council_id, fresh, team, worker)
            workflow = [(i, c) for i, c in zip(ids, fresh, strict=True) if any(e.type in _WORKFLOW for e in c.events)]
            rows = {row.id: row for row in uow.cases.by_ids([i for i, _ in workflow])} if workflow else {}
            for case_id, case in workflow:
                refresh_workflow(uow, rows[case_id], case)
            uow.clocks.add_for_new_cases((case_id, actor.council_id, clock_records(case))
                                         for case_id, case in zip(ids, fresh, strict=True)
                                         if case_id not in rows)
            record_many(uow, actor, "create", "case",
                        ((case.id, f"imported {len(case.events)} events") for case in fresh))
            uow.commit()
        loaded.stored += len(fresh)
        loaded.skipped += [c.id for c in group if c.id in stored]
    except (CaseworkError, StoreRefused):
        _one_by_one(uow_factory, actor, group, team, worker, loaded)


def _one_by_one(uow_factory: UnitOfWorkFactory, actor: Actor, group: list[Case], team: str,
                worker: str, loaded: Loaded) -> None:
    with uow_factory() as uow:
        before = uow.cases.stored_slugs(actor.council_id, [c.id for c in group])
    for case in group:
        if case.id in before:
            loaded.skipped.append(case.id)
            continue
        try:
            import_case(uow_factory(), actor, case, team, worker)
            loaded.stored += 1
        except CaseworkError as exc:
            loaded.refused.append((case.id, list(exc.problems)))
        except StoreRefused as exc:
            loaded.refused.append((case.id, [Problem(
                case.where or case.id, "", f"the store refused it: {exc}",
                "correct the record and import it again")]))
