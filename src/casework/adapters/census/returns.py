"""The census ports bound to this package: `XmlCensus` (`CensusReturns`: the streaming
reader, the writer and the generator) and `ColumnarBatch` (`CensusBatch`: the column-wise
audit of many files and its Parquet, CSV and SVG outputs).

Thin on purpose: the commands reach the census files only through these, so the CLI
depends on the ports in `service.ports` and `bootstrap` alone picks the XML and Arrow code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

from casework.adapters.census.batch import (
    PartitionResult,
    audit_file,
    audit_on_cluster,
    national,
)
from casework.adapters.census.batch import write_findings as _write_findings
from casework.adapters.census.batch import write_summary as _write_summary
from casework.adapters.census.batch_chart import breach_rate_svg
from casework.adapters.census.reader import CensusReader
from casework.adapters.census.synth import FaultRates, synth
from casework.adapters.census.writer import write_census
from casework.domain.batch import Summary
from casework.domain.chronology import Case
from casework.service.ports import CensusSynth, CensusWritten


class XmlCensus:
    def read(self, path: Path, strict: bool = False) -> CensusReader:
        return CensusReader(path, strict=strict)

    def write(self, path: Path, cases: Iterable[Case], council: str, year: str) -> CensusWritten:
        """Raises `ValueError` for a year that is not a census year, as `write_census` does."""
        done = write_census(path, cases, council=council, year=year)
        return CensusWritten(done.children, done.episodes, done.omitted_events)

    def synth(self, councils: int, children: int, seed: int, out: Path, year: str,
              fault_scale: float = 1.0) -> CensusSynth:
        base = FaultRates()
        rates = FaultRates(**{k: min(v * fault_scale, 1.0) for k, v in base.__dict__.items()})
        done = synth(councils=councils, children=children, seed=seed, out_dir=out, fault_rates=rates, year=year)
        return CensusSynth(list(done.councils), len(done.files), done.children, done.episodes, done.events,
                           done.faults, done.planted, done.truth)


class ColumnarBatch:
    def audit(self, files: Sequence[Path], as_of: date | None, strict: bool, workers: int,
              scheduler: str | None, advance: Callable[[], None]) -> list[PartitionResult]:
        """Every file audited, on the Dask cluster at `scheduler`, in `workers` processes
        when more than one, or here; results in file order, `advance` called per file."""
        if scheduler:
            return audit_on_cluster(scheduler, files, as_of, strict, advance)
        results: list[PartitionResult] = []
        if workers > 1 and len(files) > 1:
            with ProcessPoolExecutor(workers) as pool:
                for result in pool.map(audit_file, files, [as_of] * len(files), [None] * len(files),
                                       [strict] * len(files)):
                    results.append(result)
                    advance()
        else:
            for path in files:
                results.append(audit_file(path, as_of, strict=strict))
                advance()
        return results

    def write_findings(self, parts: list[dict[str, Any]], out: Path) -> tuple[Path, Path, int]:
        return _write_findings(parts, out)

    def write_summary(self, summary: Summary, out: Path) -> Path:
        return _write_summary(summary, out)

    def write_chart(self, summary: Summary, path: Path) -> Path:
        """The national breach rate by rule × month (all councils together), as SVG."""
        return breach_rate_svg(national(summary), path)
