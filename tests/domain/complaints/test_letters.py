"""A stage's letter from the record as it stood at that stage: its own findings only, each
payment once with its points, and only the stages reached."""

from __future__ import annotations

from datetime import date

from case_builders import case, ev

from casework.domain.complaints.letters import draft_letter, stages_reached

RECORD = case(
    ev("c", "complaint_received", "2025-03-03", complaint="C1", procedure="statutory",
       points={"1": "late plan", "2": "no call back"}),
    ev("s1", "stage1_response", "2025-03-14", complaint="C1", findings={"1": "upheld", "2": "not_upheld"}),
    ev("r1", "remedy_offered", "2025-03-14", complaint="C1", purpose="distress", amount=300, points=["1", "2"]),
    ev("q2", "stage2_requested", "2025-03-20", complaint="C1"),
    ev("s2", "stage2_response", "2025-04-17", complaint="C1", findings={"1": "upheld", "2": "upheld"}),
    ev("r2", "remedy_offered", "2025-04-17", complaint="C1", purpose="time_and_trouble", amount=150))


def test_a_stage_1_letter_says_what_stage_1_found_after_stage_2_overturned_it() -> None:
    draft = draft_letter(RECORD, "C1", "stage1", date(2025, 5, 1))
    assert [(p.number, p.finding) for p in draft.points] == [(1, "upheld"), (2, "not_upheld")]
    assert [(r.event_id, r.points) for r in draft.payments] == [("r1", (1, 2))]
    assert str(draft.dated) == str(RECORD.event("s1").date)


def test_a_stage_2_letter_gives_each_payment_once_and_marks_the_earlier_one() -> None:
    draft = draft_letter(RECORD, "C1", "stage2", date(2025, 5, 1))
    assert [(p.number, p.finding, p.earlier_finding) for p in draft.points] == [
        (1, "upheld", None), (2, "upheld", "not_upheld")]
    assert [(r.event_id, r.earlier) for r in draft.payments] == [("r1", True), ("r2", False)]


def test_only_the_stages_reached_have_letters() -> None:
    assert stages_reached(RECORD, "C1") == ("stage1", "stage2")
