from datetime import date

import pytest

from casework.domain.chronology import Case
from casework.domain.complaints import Complaint, TransitionRefused, load_procedure, replay_complaint
from casework.domain.dates import CaseDate
from casework.domain.errors import CaseworkError
from casework.domain.events import Event

mon_3_mar_2025 = date(2025, 3, 3)
mon_17_mar_2025 = date(2025, 3, 17)
mon_31_mar_2025 = date(2025, 3, 31)  # the 20th working day after 3 Mar 2025
tue_1_apr_2025 = date(2025, 4, 1)
thu_10_apr_2025 = date(2025, 4, 10)


def ev(id_, type_, day, **details):
    details.setdefault("complaint", "C1")
    return Event(id_, type_, CaseDate.exact(day), details=details)


def at_stage3_request(requested_on):
    complaint = Complaint("C1", load_procedure("statutory"))
    for event in [
        ev("e1", "complaint_received", date(2025, 1, 6), procedure="statutory",
           points={1: "no CIN meetings", 2: "visit caused distress"}),
        ev("e2", "stage1_response", date(2025, 1, 17), findings={1: "not_upheld", 2: "not_upheld"}),
        ev("e3", "stage2_requested", date(2025, 1, 20)),
        ev("e4", "stage2_started", date(2025, 1, 27)),
        ev("e5", "stage2_response", mon_3_mar_2025, findings={1: "upheld", 2: "partially_upheld"}),
        ev("e6", "stage3_requested", requested_on),
    ]:
        complaint.apply(event)
    return complaint


def test_a_panel_cannot_be_refused_after_a_request_made_in_time():
    complaint = at_stage3_request(mon_31_mar_2025)
    refusal = complaint.check(ev("e7", "stage3_refused", thu_10_apr_2025))
    assert refusal is not None
    assert "a council must appoint a panel when asked in time (reg 19(1))" in refusal.reason
    assert refusal.allowed[0] == "stage3_panel"
    with pytest.raises(TransitionRefused):
        complaint.apply(ev("e7", "stage3_refused", thu_10_apr_2025))
    assert complaint.state == "stage3_requested"


def test_a_panel_may_be_refused_after_a_request_made_out_of_time():
    complaint = at_stage3_request(tue_1_apr_2025)
    assert complaint.apply(ev("e7", "stage3_refused", thu_10_apr_2025)) == "stage3_refused"


def test_the_buttons_after_a_timely_request_do_not_include_a_refusal():
    assert "stage3_refused" not in at_stage3_request(mon_31_mar_2025).allowed_next()
    assert "stage3_refused" in at_stage3_request(tue_1_apr_2025).allowed_next()


def test_a_step_the_table_lacks_is_refused_with_the_steps_allowed_instead():
    complaint = Complaint("C1", load_procedure("statutory"))
    complaint.apply(ev("e1", "complaint_received", mon_3_mar_2025, procedure="statutory"))
    with pytest.raises(TransitionRefused) as err:
        complaint.apply(ev("e2", "stage3_panel", mon_17_mar_2025))
    problem = err.value.problems[0]
    assert "'stage3_panel' cannot follow 'received'" in problem.problem
    assert "stage1_response" in problem.fix


def test_a_later_stage_overturns_an_earlier_finding_and_both_are_kept():
    point = at_stage3_request(mon_31_mar_2025).points[1]
    assert [(f.stage, f.finding) for f in point.findings] == [("stage 1", "not_upheld"), ("stage 2", "upheld")]
    assert point.overturned and point.upheld and point.summary == "no CIN meetings"


def test_upheld_points_without_a_personal_remedy_are_listed():
    complaint = at_stage3_request(mon_31_mar_2025)
    assert [p.number for p in complaint.upheld_without_personal_remedy()] == [1, 2]
    complaint.record_remedy(ev("r1", "remedy_offered", mon_17_mar_2025, purpose="distress", amount=300,
                               points={1: "no CIN meetings"}))
    assert [p.number for p in complaint.upheld_without_personal_remedy()] == [2]


def test_a_remedy_for_complaint_handling_delay_does_not_remedy_the_upheld_points():
    complaint = at_stage3_request(mon_31_mar_2025)
    complaint.record_remedy(ev("r1", "remedy_offered", mon_17_mar_2025, purpose="delay", amount=250))
    assert len(complaint.general_remedies) == 1
    assert [p.number for p in complaint.upheld_without_personal_remedy()] == [1, 2]


def test_a_distress_payment_for_the_complaint_as_a_whole_remedies_every_upheld_point():
    complaint = at_stage3_request(mon_31_mar_2025)
    complaint.record_remedy(ev("r1", "remedy_offered", mon_17_mar_2025, purpose="distress", amount=200,
                               per_child=True))
    assert complaint.upheld_without_personal_remedy() == ()


def test_stage2_needs_a_stage1_response_unless_the_complaint_started_at_stage2():
    complaint = Complaint("C1", load_procedure("statutory"))
    complaint.apply(ev("e1", "complaint_received", mon_3_mar_2025, procedure="statutory"))
    refusal = complaint.check(ev("e2", "stage2_started", mon_17_mar_2025))
    assert refusal is not None and "recorded when the complaint is taken in" in refusal.reason
    direct = Complaint("C2", load_procedure("statutory"))
    direct.apply(ev("e1", "complaint_received", mon_3_mar_2025, procedure="statutory", start_stage=2))
    assert direct.apply(ev("e2", "stage2_started", mon_17_mar_2025)) == "stage2_started"


def test_stage2_may_be_extended_only_once():
    complaint = Complaint("C1", load_procedure("statutory"))
    for event in [ev("e1", "complaint_received", date(2025, 1, 6), procedure="statutory", start_stage=2),
                  ev("e2", "stage2_started", date(2025, 1, 8)),
                  ev("e3", "stage2_extended", date(2025, 2, 3), reasons="staff absence")]:
        complaint.apply(event)
    refusal = complaint.check(ev("e4", "stage2_extended", date(2025, 3, 3)))
    assert refusal is not None and "65 working days" in refusal.reason


def test_a_corporate_stage1_response_must_be_recorded_as_stage_1():
    complaint = Complaint("C1", load_procedure("corporate"))
    complaint.apply(ev("e1", "complaint_received", mon_3_mar_2025, procedure="corporate"))
    refusal = complaint.check(ev("e2", "corporate_response", mon_17_mar_2025, stage=2))
    assert refusal is not None and "stage: 1" in refusal.reason
    assert complaint.apply(ev("e2", "corporate_response", mon_17_mar_2025, stage=1)) == "stage1_responded"


def case_of(*events):
    return Case("case-1", "Test Council", events=events)


def test_replaying_a_chronology_reports_the_first_illegal_step_and_keeps_the_rest():
    case = case_of(
        ev("e1", "complaint_received", date(2025, 1, 6), procedure="statutory"),
        ev("e2", "stage1_response", date(2025, 1, 17)),
        ev("e3", "stage2_requested", date(2025, 1, 20)),
        ev("e4", "stage2_started", date(2025, 1, 27)),
        ev("e5", "stage2_response", mon_3_mar_2025),
        ev("e6", "stage3_requested", mon_17_mar_2025),
        ev("e7", "stage3_refused", mon_31_mar_2025),
        ev("e8", "stage3_panel", thu_10_apr_2025),
        Event("x1", "visit", CaseDate.exact(mon_31_mar_2025)),
    )
    replay = replay_complaint(case, "C1")
    assert not replay.legal
    assert replay.refusal.event.id == "e7"
    assert [e.id for e in replay.unreplayed] == ["e7", "e8"]
    assert replay.complaint.state == "stage3_requested"


def test_replaying_links_the_ombudsman_decision_and_the_actions_agreed_on_it():
    case = case_of(
        ev("e1", "complaint_received", date(2025, 1, 6), procedure="corporate"),
        ev("e2", "corporate_response", date(2025, 1, 20), stage=1, findings={1: "upheld"}),
        ev("e3", "ombudsman_complaint", date(2025, 2, 3)),
        Event("d1", "ombudsman_decision", CaseDate.exact(date(2025, 4, 21)), details={"reference": "21 004 199"}),
        Event("a1", "action_agreed", CaseDate.exact(date(2025, 4, 21)),
              details={"action": "apologise", "deadline": "within four weeks", "decision": "d1"}),
        ev("r1", "remedy_offered", date(2025, 4, 21), purpose="distress", points={1: "x"}),
    )
    replay = replay_complaint(case, "C1")
    assert replay.legal
    assert replay.complaint.state == "actions_agreed"
    assert replay.complaint.upheld_without_personal_remedy() == ()


def test_replaying_a_complaint_with_no_received_event_is_an_error_naming_it():
    with pytest.raises(CaseworkError) as err:
        replay_complaint(case_of(ev("e2", "stage1_response", mon_3_mar_2025)), "C1")
    assert err.value.problems[0].field == "complaints.C1"


def test_a_replay_of_a_record_not_complete_for_complaints_says_so_beside_the_refusal():
    events = (ev("e1", "complaint_received", date(2023, 1, 6), procedure="statutory"),
              ev("e2", "stage2_reports", date(2023, 8, 31)))
    case = Case("case-1", "Test Council", events=events, complete_for=frozenset({"ombudsman"}))
    replay = replay_complaint(case, "C1")
    assert replay.refusal.event.id == "e2"
    assert not replay.record_complete
