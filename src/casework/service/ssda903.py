"""Use cases of the children looked after return (SSDA903): audit a return, export one.

The files are read and written through the `LookedAfterReturns` port (bound in
`bootstrap`); the audit is the per-case audit on the rules a return can evidence
(`casework.domain.ssda903.ssda903_rules`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from casework.domain.audit import Finding
from casework.domain.batch import finding_rows
from casework.domain.chronology import Case
from casework.domain.errors import CaseworkError, Problem
from casework.domain.rules import load_rules
from casework.domain.rules.model import Rule
from casework.domain.ssda903 import Year, audit_return_case, audit_returns_columnwise, ssda903_rules
from casework.service.ports import LookedAfterReturns, ReturnReading, ReturnWritten


@dataclass
class ReturnAudit:
    reading: ReturnReading
    rules: tuple[Rule, ...] = ()
    findings: list[tuple[Case, Finding]] = field(default_factory=list)

    @property
    def visits(self) -> bool:
        return "Visits" in self.reading.tables_read


def audit_return(returns: LookedAfterReturns, folder: Path, *, council: str, year: Year,
                 as_of: date | None = None, strict: bool = False,
                 rules: Iterable[Rule] | None = None) -> ReturnAudit:
    """Every finding on the return's children (as of 31 March unless `as_of`); raises
    `CaseworkError` only with `strict` and a problem. The reading says what was not audited."""
    reading = returns.read(folder, council, year, strict)
    result = ReturnAudit(reading)
    day = as_of or year.end
    chosen: tuple[Rule, ...] | None = None
    for case in reading.cases():
        if chosen is None:  # the Visits table, when given, is known once the files are read
            chosen = ssda903_rules(rules if rules is not None else load_rules(), visits=result.visits)
        result.findings += [(case, f) for f in audit_return_case(case, day, year, chosen)]
    result.rules = chosen if chosen is not None else ssda903_rules(load_rules(), visits=result.visits)
    return result


@dataclass
class ReturnsBatch:
    """The column-wise audit of several councils' returns: one row per finding, and the readings."""

    rows: list[dict[str, object]] = field(default_factory=list)
    readings: list[tuple[Path, ReturnReading]] = field(default_factory=list)


def batch_returns(returns: LookedAfterReturns, folders: Iterable[tuple[Path, str]], *, year: Year,
                  as_of: date | None = None) -> ReturnsBatch:
    """Each council's return (folder, LA code) audited column-wise with the same rule records
    (`audit_returns_columnwise`), a council at a time."""
    result = ReturnsBatch()
    for folder, council in folders:
        reading = returns.read(folder, council, year)
        cases = list(reading.cases())
        rules = ssda903_rules(load_rules(), visits="Visits" in reading.tables_read)
        for table, findings in audit_returns_columnwise(cases, as_of or year.end, year, rules):
            columns = finding_rows(table, findings)
            result.rows += [{k: v[i] for k, v in columns.items()} for i in range(len(findings))]
        result.readings.append((folder, reading))
    return result


def export_return(returns: LookedAfterReturns, cases: Iterable[Case], out: Path, *, council: str,
                  visits: bool = False) -> ReturnWritten:
    """Write the council's cases (one child each) as a return; refuses a case of several children."""
    mine = [c for c in cases if c.council == council]
    bad = [c.id for c in mine if len(c.children) != 1]
    if bad:
        raise CaseworkError([Problem(c, "children", "an SSDA903 case holds exactly one child",
                                     "export one chronology per child") for c in bad])
    return returns.write(out, mine, visits)
