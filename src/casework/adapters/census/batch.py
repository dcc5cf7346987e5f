"""Audit census files column-wise, one file (one council) per partition, and write the results.

`audit_file(path, as_of)` is what a worker does with one partition: read the census
(streaming, problems per child as `CensusReader` reports them), lay its episodes out as
columns and run `casework.domain.batch.audit_table` over them. It returns plain columns
and counts, so it can be mapped over partitions by any engine — a local process pool here,
Dask's `bag.from_sequence(paths).map(audit_file)` or Spark's `rdd.map` on a cluster — and
the parts concatenated (`write_findings`) and merged (`casework.domain.batch.merge`).

Files written: `findings.parquet` and `findings.csv` (one row per finding), `summary.csv`
(council × rule × month: clocks due, breaches, rate) and `breach_rates.svg`.
"""

from __future__ import annotations

import csv
import gc
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from casework.adapters.census.reader import CensusReader
from casework.domain.batch import Summary, TableBuilder, audit_table, finding_rows, matcher_keys, summarise
from casework.domain.calendar import england
from casework.domain.census import census_rules
from casework.domain.errors import CaseworkError, Problem
from casework.domain.rules import load_rules
from casework.domain.rules.model import Rule


@dataclass
class PartitionResult:
    """One census file audited: its findings as columns, its summary, and what was skipped."""

    path: str
    council: str
    as_of: date
    children: int
    episodes: int
    events: int
    findings: dict[str, Any]
    summary: Summary
    problems: list[Problem] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # read (parse + columns), audit
    episodes_read: int = 0  # every CINdetails read; `episodes` of them were audited


def audit_file(path: str | Path, as_of: date | None = None, rules: tuple[Rule, ...] | None = None,
               strict: bool = False) -> PartitionResult:
    """Read and audit one census file; `as_of` defaults to the census reference date.

    A file that cannot be audited — its header gives no council or year, or with `strict` any
    problem at all — gives a result holding its problems and no findings, so a batch of files
    still audits the others."""
    chosen = rules if rules is not None else census_rules(load_rules())
    calendar = england()  # built once per process (the holiday table), not per partition
    started = time.perf_counter()
    reader = CensusReader(path, strict=strict)
    builder = TableBuilder(matcher_keys(chosen))
    add = builder.add_census_child
    collecting = gc.isenabled()
    gc.disable()  # millions of short, acyclic records: the cycle collector's passes find nothing
    try:
        for child in reader.children(located=False, regular=builder.add_regular_child):
            assert reader.header is not None
            add(child, reader.header)
    except CaseworkError as exc:  # strict: the file refused whole
        reader.problems, reader.skipped = exc.problems, []
        reader.episodes_held = reader.episodes_read
        builder = TableBuilder(matcher_keys(chosen))
    finally:
        if collecting:
            gc.enable()
    table = builder.build()
    council = reader.header.council if reader.header else ""
    day = as_of or (reader.header.reference_date if reader.header else date.today())
    read = time.perf_counter()
    findings = audit_table(table, day, chosen, calendar)
    audited = time.perf_counter()
    return PartitionResult(
        path=str(path), council=council, as_of=day, children=reader.children_read,
        episodes=table.units, events=len(table), findings=finding_rows(table, findings),
        summary=summarise(table, findings, day), problems=reader.problems, skipped=reader.skipped,
        seconds={"read": read - started, "audit": audited - read}, episodes_read=reader.episodes_read,
    )


def _arrow(columns: dict[str, Any]) -> pa.Table:
    arrays = {}
    for name, values in columns.items():
        if values.dtype.kind == "M":
            arrays[name] = pa.array(values.astype("datetime64[D]"), type=pa.date32())
        elif values.dtype.kind == "O":
            arrays[name] = pa.array(values.astype(str), type=pa.string())
        else:
            arrays[name] = pa.array(values)
    return pa.table(arrays)


def write_findings(parts: list[dict[str, Any]], out: Path) -> tuple[Path, Path, int]:
    """Every partition's findings as one Parquet file and one CSV file."""
    tables = [_arrow(p) for p in parts if len(next(iter(p.values()), []))]
    table = pa.concat_tables(tables) if tables else _arrow({k: v[:0] for k, v in parts[0].items()})
    parquet, text = out / "findings.parquet", out / "findings.csv"
    pq.write_table(table, parquet)
    pa_csv.write_csv(table, text)
    return parquet, text, table.num_rows


def write_summary(summary: Summary, out: Path) -> Path:
    path = out / "summary.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["council", "rule_id", "month", "clocks_due", "certain", "possible", "breach_rate"])
        for i, rate in enumerate(summary.rate.tolist()):
            writer.writerow([summary.council[i], summary.rule[i], str(summary.month[i]), int(summary.clocks[i]),
                             int(summary.certain[i]), int(summary.possible[i]), f"{rate:.4f}"])
    return path


def national(summary: Summary) -> dict[tuple[str, np.datetime64], tuple[int, int]]:
    """Clocks and breaches by rule × month, all councils together."""
    totals: dict[tuple[str, np.datetime64], tuple[int, int]] = {}
    for i in range(len(summary)):
        key = (str(summary.rule[i]), summary.month[i])
        clocks, breaches = totals.get(key, (0, 0))
        totals[key] = (clocks + int(summary.clocks[i]),
                       breaches + int(summary.certain[i]) + int(summary.possible[i]))
    return totals


def audit_on_cluster(scheduler: str, files: Sequence[str | Path], as_of: date | None = None,
                     strict: bool = False, advance: Callable[[], None] = lambda: None
                     ) -> list[PartitionResult]:
    """`audit_file` mapped over the files on the `dask.distributed` cluster whose scheduler is
    at `scheduler`: one task per file (one council's partition), results in file order, as
    the local pool gives them; `advance` is called as each file is done.

    The workers need casework installed and the files at the same paths (a shared or copied
    folder); each returns plain columns and counts, as the local pool's processes do."""
    from distributed import Client, as_completed

    with Client(scheduler) as client:  # type: ignore[no-untyped-call]
        paths = [str(p) for p in files]
        futures = client.map(audit_file, paths, [as_of] * len(paths), [None] * len(paths),
                             [strict] * len(paths), pure=False)
        for _ in as_completed(futures):  # type: ignore[no-untyped-call]
            advance()
        gathered: list[PartitionResult] = client.gather(futures)
    return gathered
