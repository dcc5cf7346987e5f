"""Write a council's SSDA903 return (one CSV file per table) from chronologies, streaming.

`write_ssda903(folder, cases)` turns each case (one child) back into the return's rows
(`casework.domain.ssda903.case_to_rows`) and appends them to the open table files, so only
one child is held at a time. The reader reads the files back to the same chronologies.
The council's visits (not part of the DfE return) go to visits.csv only with `visits=True`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casework.domain.chronology import Case
from casework.domain.ssda903 import COLUMNS, FILE_NAMES, RETURN_EVENT_TYPES, case_to_rows


@dataclass
class WriteSummary:
    children: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    omitted_events: int = 0
    files: list[Path] = field(default_factory=list)


def write_ssda903(folder: str | Path, cases: Iterable[Case], *, visits: bool = False) -> WriteSummary:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    tables = [t for t in COLUMNS if visits or t != "Visits"]
    summary = WriteSummary(rows={t: 0 for t in tables})
    with ExitStack() as stack:
        writers: dict[str, Any] = {}
        for table in tables:
            path = out / FILE_NAMES[table]
            summary.files.append(path)
            f = stack.enter_context(open(path, "w", newline="", encoding="utf-8"))
            writers[table] = csv.DictWriter(f, fieldnames=COLUMNS[table], lineterminator="\n")
            writers[table].writeheader()
        for case in cases:
            summary.children += 1
            summary.omitted_events += sum(1 for e in case.events if e.type not in RETURN_EVENT_TYPES
                                          and not (visits and e.type == "lac_visit"))
            for table, rows in case_to_rows(case).items():
                if table in writers:
                    writers[table].writerows(rows)
                    summary.rows[table] += len(rows)
    return summary
