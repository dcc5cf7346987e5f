"""Use cases of the children in need census: audit a census file as it streams.

The file is read through the `CensusReturns` port (bound in `bootstrap`); each episode is
audited per case on the rules a census can evidence (`casework.domain.census.census_rules`),
so the command only parses its options and prints what is returned here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from casework.domain.audit import audit_case
from casework.domain.census import census_rules
from casework.domain.rules import load_rules
from casework.domain.rules.model import Rule
from casework.service.finding_rows import FINDING_FIELDS, finding_row
from casework.service.ports import CensusReading

__all__ = ["FINDING_FIELDS", "CensusAudit", "audit_census_reading"]


@dataclass
class CensusAudit:
    """A census audited: findings counted by (rule, kind), one row per finding (`FINDING_FIELDS`),
    and the reading, which says what was not audited."""

    reading: CensusReading
    rules: tuple[Rule, ...]
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    rows: list[dict[str, object]] = field(default_factory=list)
    episodes: int = 0


def audit_census_reading(reading: CensusReading, as_of: date | None = None) -> CensusAudit:
    """Every episode of `reading` audited as of `as_of` (default: the census reference date).
    Raises `CaseworkError` when the reading does (a strict reading with a problem, or a file
    that is not a census); the reading is passed in so the caller may report on it after."""
    result = CensusAudit(reading, census_rules(load_rules()))
    for case in reading.cases():
        assert reading.header is not None  # known once the first child is read
        day = as_of or reading.header.reference_date
        result.episodes += 1
        for f in audit_case(case, day, result.rules).findings:
            result.counts[(f.rule_id, f.kind)] += 1
            result.rows.append(finding_row(case.id, f))
    return result
