"""`audit_census_reading`: the census audit's use case, run on a reading from the port
`bootstrap` binds, so the CLI has only options to parse and results to print."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from casework.bootstrap import census_returns
from casework.service.census import FINDING_FIELDS, audit_census_reading

BAD = Path(__file__).parents[1] / "adapters" / "census" / "fixtures" / "bad"


def test_counts_and_rows_agree_and_held_episodes_are_not_audited() -> None:
    result = audit_census_reading(census_returns().read(BAD / "duplicate_child.xml"))
    assert result.episodes == result.reading.episodes_audited == 2
    assert sum(result.counts.values()) == len(result.rows)
    assert all(tuple(row) == FINDING_FIELDS for row in result.rows)
    assert {rule for rule, _ in result.counts} <= {rule.id for rule in result.rules}


def test_as_of_replaces_the_reference_date() -> None:
    early = audit_census_reading(census_returns().read(BAD / "duplicate_child.xml"), date(2000, 1, 1))
    assert early.rows == [] and early.episodes == 2
