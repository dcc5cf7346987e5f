"""Is a restored database whole? Its audit log's chain holds, and every case reads back.

`casework restore` runs this on the database it has just restored; the backup test runs it
on a restore into an empty database of each kind.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from casework.domain.errors import CaseworkError
from casework.service.ports import UnitOfWorkFactory
from casework.service.trail import Anchor, ChainReport, verify_chain

BATCH = 200


@dataclass(frozen=True)
class RestoreCheck:
    chain: ChainReport
    cases: int
    unreadable: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.chain.ok and not self.unreadable


def check_database(uow: UnitOfWorkFactory, anchors: Iterable[Anchor] = ()) -> RestoreCheck:
    """Verify the audit log's chain (and `anchors`) and read every case back as a chronology."""
    chain = verify_chain(uow(), anchors)
    with uow() as work:
        ids = work.cases.ids()
    unreadable: list[str] = []
    for start in range(0, len(ids), BATCH):
        with uow() as work:
            for row in work.cases.by_ids(ids[start:start + BATCH]):
                try:
                    work.cases.as_case(row)
                except (CaseworkError, ValueError, KeyError, TypeError) as exc:
                    unreadable.append(f"{row.slug}: {exc}")
    return RestoreCheck(chain, len(ids), unreadable)
