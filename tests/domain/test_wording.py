"""Every reader gets the same words for a lateness and a due range (domain/wording.py)."""

from dataclasses import replace
from datetime import date
from pathlib import Path

from casework.adapters.chronology_file import read_case_file
from casework.domain.audit import audit_case
from casework.entrypoints.web.templating import format_due_range, format_late_by

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _a_finding():
    case = read_case_file(EXAMPLES / "liverpool-24-010-960.yaml")
    return next(f for f in audit_case(case, date(2025, 5, 28)).findings if f.late_by_max is not None)


def test_a_finding_one_working_day_late_says_one_working_day_in_the_cli_and_on_the_web():
    finding = replace(_a_finding(), late_by_min=1, late_by_max=1)
    assert finding.late_text() == "1 working day"
    assert format_late_by(finding.as_dict()["late_by_working_days"]) == "1 working day"


def test_a_due_range_reads_the_same_in_the_cli_and_on_the_web():
    finding = replace(_a_finding(), due_earliest=date(2025, 3, 3), due_latest=date(2025, 3, 31))
    web = format_due_range(finding.due_earliest.isoformat(), finding.due_latest.isoformat())
    assert finding.due_text() == web == "between 3 March 2025 and 31 March 2025"
