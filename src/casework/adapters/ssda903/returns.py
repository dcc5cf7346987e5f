"""The `LookedAfterReturns` port bound to the CSV reader, writer and generator."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from casework.adapters.ssda903.reader import Ssda903Reader
from casework.adapters.ssda903.synth import LacFaultRates, synth_looked_after
from casework.adapters.ssda903.writer import write_ssda903
from casework.domain.chronology import Case
from casework.domain.ssda903 import Year
from casework.service.ports import LookedAfterSynth, ReturnWritten


class CsvReturns:
    def read(self, folder: Path, council: str, year: Year, strict: bool = False) -> Ssda903Reader:
        return Ssda903Reader(folder, council=council, year=year, strict=strict)

    def write(self, folder: Path, cases: Iterable[Case], visits: bool = False) -> ReturnWritten:
        done = write_ssda903(folder, cases, visits=visits)
        return ReturnWritten(done.children, dict(done.rows), done.omitted_events)

    def synth(self, councils: list[str], children: int, seed: int, out: Path, year: str,
              fault_scale: float = 1.0) -> LookedAfterSynth:
        base = LacFaultRates()
        rates = LacFaultRates(**{k: min(v * fault_scale, 1.0) for k, v in base.__dict__.items()})
        done = synth_looked_after(councils, children, seed, out, year, rates)
        return LookedAfterSynth(len(done.councils), done.children, done.faults, done.planted, done.truth)
