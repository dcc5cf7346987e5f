"""A chronology file with corrections and withdrawals reads, writes and reads back the same;
a correction that cannot apply is refused with its file, line and field."""

from __future__ import annotations

import pytest

from casework.adapters.chronology_file import dump_case, read_case_text
from casework.domain.errors import CaseworkError

FILE = """\
case: corrected
council: testshire
children: [{id: A}]
events:
  - id: c1
    type: complaint_received
    date: 2025-03-03
    details: {complaint: C1, procedure: statutory, points: {1: no plan}}
  - {id: s1, type: stage1_response, date: 2025-06-02, details: {complaint: C1, findings: {1: upheld}}}
  - id: s1-fixed
    type: entry_corrected
    date: 2025-07-01
    details:
      entry: s1
      reason: the response date was typed wrong
      by: testshire.manager
      date: 2025-03-14
      details: {complaint: C1, findings: {1: not_upheld}}
  - {id: v, type: visit, date: 2025-04-01, children: [A]}
  - {id: v-gone, type: entry_withdrawn, date: 2025-07-02, details: {entry: v, reason: wrong case}}
"""


def test_a_corrected_chronology_round_trips_through_its_file_form() -> None:
    case = read_case_text(FILE, "corrected.yaml")
    assert [e.id for e in case.events] == ["c1", "s1"]
    assert str(case.event("s1").date) == "14 Mar 2025"
    assert case.event("s1").details["findings"] == {"1": "not_upheld"}
    text = dump_case(case)
    again = read_case_text(text, "again.yaml")
    assert again == case
    assert dump_case(again) == text
    assert "entry_withdrawn" in text and "2025-06-02" in text


@pytest.mark.parametrize(("change", "line", "field", "problem"), [
    ("entry: s1", 10, "events.s1-fixed.details.entry", None),
    ("entry: nowhere", 14, "events.s1-fixed.details.entry", "no entry has the id 'nowhere'"),
    ("date: 2025-13", 17, "events.s1-fixed.details.date", "2025-13"),
])
def test_a_correction_that_cannot_apply_names_its_file_line_and_field(change, line, field, problem) -> None:
    text = FILE.replace("      entry: s1", "      " + change) if change.startswith("entry") \
        else FILE.replace("      date: 2025-03-14", "      " + change)
    if problem is None:  # the entry corrected twice without naming the correction
        text += ("  - {id: again, type: entry_corrected, date: 2025-07-03,"
                 " details: {entry: s1, reason: x, date: 2025-03-05}}\n")
        line, field, problem = 21, "events.again.details.entry", "'s1' was already corrected by 's1-fixed'"
    with pytest.raises(CaseworkError) as raised:
        read_case_text(text, "bad.yaml")
    found = raised.value.problems[0]
    assert {p.field for p in raised.value.problems} == {field}
    assert (found.where, found.line, found.field) == ("bad.yaml", line, field)
    assert problem in found.problem
