"""The newer complaint and remedy rules on records a caseworker could have written: whole
chronology files, read by the chronology reader and audited against every rule."""

from __future__ import annotations

from datetime import date

from casework.adapters.chronology_file import read_case_text
from casework.domain.audit import audit_case

RESOLVED_BY_PHONE = """\
case: resolved-by-phone
council: testshire
title: Complaint about missed visits, settled by phone at stage 1
complete_for: [complaint]
children: [{id: K}]
people: [{id: ms_b, role: mother, parental_responsibility_for: [K]}]
events:
  - id: complaint
    type: complaint_received
    date: 2025-03-03
    children: [K]
    details: {complaint: C1, procedure: statutory, received_how: email}
    source: email from Ms B
  # The team manager rang Ms B; she was happy with an apology and a new visiting pattern.
  - id: resolved
    type: complaint_resolved
    date: 2025-03-07
    children: [K]
    details: {complaint: C1, reasons: apology given and weekly visits agreed}
    source: phone note, team manager
"""


def _findings(text: str, rule_id: str, as_of: date) -> list[tuple[str, str]]:
    case = read_case_text(text, "record.yaml")
    return [(f.kind, f.certainty) for f in audit_case(case, as_of).findings if f.rule_id == rule_id]


def test_a_stage_1_resolution_with_no_letter_is_reported_and_a_letter_answers_it() -> None:
    assert _findings(RESOLVED_BY_PHONE, "stage1_resolution_confirmed", date(2025, 4, 1)) == [("duty", "certain")]
    confirmed = RESOLVED_BY_PHONE.replace("reasons: apology given and weekly visits agreed}",
                                          "reasons: apology given and weekly visits agreed, "
                                          "confirmed_in_writing: 2025-03-10}")
    assert _findings(confirmed, "stage1_resolution_confirmed", date(2025, 4, 1)) == []
    # Resolved before any response: no stage 1 clock is left running either.
    assert _findings(RESOLVED_BY_PHONE, "stage1_response", date(2025, 4, 1)) == []


PAID_FOR_COMPLAINING = """\
case: paid-for-complaining
council: testshire
title: Stage 2 upheld a point; £200 offered for the time spent complaining
complete_for: [complaint, remedy]
children: [{id: K}]
events:
  - {id: complaint, type: complaint_received, date: 2025-05-06, children: [K],
     details: {complaint: C1, procedure: statutory, start_stage: 2}}
  - {id: s2, type: stage2_response, date: 2025-06-09, children: [K], details: {complaint: C1, findings: {1: upheld}}}
  # The adjudication letter: "£200 to recognise the time and trouble you have taken in
  # bringing this complaint".
  - id: offer
    type: remedy_offered
    date: 2025-06-09
    children: [K]
    details: {complaint: C1, amount: 200, purpose: time_and_trouble, for_using_procedure: true, points: [1]}
    source: adjudication letter
"""


def test_a_payment_for_merely_complaining_is_reported_as_possible_and_one_for_a_fault_is_not() -> None:
    assert _findings(PAID_FOR_COMPLAINING, "payment_for_procedure", date(2025, 7, 1)) == [("duty", "possible")]
    for_delay = PAID_FOR_COMPLAINING.replace("for_using_procedure: true, ", "")
    assert _findings(for_delay, "payment_for_procedure", date(2025, 7, 1)) == []
    # The point still has a personal remedy: whether this one stands for distress is the judgement.
    assert _findings(PAID_FOR_COMPLAINING, "upheld_point_remedied", date(2025, 7, 1)) == []


NO_STAGE_1_RESPONSE = """\
case: no-stage-1-response
council: testshire
complete_for: [complaint]
children: [{id: K}]
events:
  - {id: complaint, type: complaint_received, date: 2025-03-03, children: [K],
     details: {complaint: C1, procedure: statutory}}
  # No response came; Ms B asked for stage 2 on 15 April 2025, a day after the 20 working
  # days from the stage 1 time running out (Mon 17 Mar) ended.
  - {id: s2req, type: stage2_requested, date: 2025-04-15, children: [K], details: {complaint: C1}}
"""


def test_stage_2_asked_for_after_the_stage_1_time_ran_out_is_the_councils_missed_response_only() -> None:
    as_of = date(2025, 5, 1)
    assert _findings(NO_STAGE_1_RESPONSE, "stage1_response", as_of) == [("missed", "certain")]
    assert _findings(NO_STAGE_1_RESPONSE, "stage2_request", as_of) == []  # the complainant's own limit
