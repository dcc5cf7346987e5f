from pathlib import Path

import pytest

from casework.domain.complaints import PROCEDURES, allowed_next, load_procedure, parse_procedure
from casework.domain.errors import CaseworkError
from casework.domain.events import EVENT_TYPE_BY_NAME

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize("name", PROCEDURES)
def test_each_shipped_procedure_loads_and_names_only_known_events(name):
    procedure = load_procedure(name)
    assert procedure.name == name
    assert all(t.event in EVENT_TYPE_BY_NAME for t in procedure.transitions.values())
    assert procedure.source.title


def test_the_statutory_procedure_runs_from_received_to_agreed_actions():
    path = ["complaint_received", "complaint_acknowledged", "stage1_response", "stage2_requested",
            "stage2_started", "stage2_reports", "stage2_response", "stage3_requested", "stage3_panel",
            "stage3_panel_report", "stage3_response", "ombudsman_complaint", "ombudsman_decision",
            "action_agreed"]
    procedure = load_procedure("statutory")
    state = procedure.initial
    for event in path:
        transition = procedure.transition(state, event)
        assert transition is not None, f"{event} from {state}"
        state = transition.target()
    assert state == "actions_agreed"


def test_after_a_stage3_request_the_next_steps_are_a_panel_or_a_refusal():
    assert allowed_next("stage3_requested")[:2] == ("stage3_refused", "stage3_panel")


def test_after_stage1_extension_a_second_extension_is_not_offered():
    assert "stage1_extended" not in allowed_next("stage1_extended")


def test_the_corporate_procedure_has_a_stage2_acknowledgement():
    assert allowed_next("stage2_requested", "corporate")[:2] == ("complaint_acknowledged", "corporate_response")


def test_an_unknown_procedure_is_refused():
    with pytest.raises(CaseworkError):
        load_procedure("informal")


@pytest.mark.parametrize(("fixture", "line", "words"), [
    ("unknown_state.yaml", 11, "unknown state 'answered'"),
    ("unreachable_state.yaml", 8, "unreachable state 'responded'"),
    ("duplicate_transition.yaml", 12, "duplicate transition key (received, stage1_response): "
                                      "already defined at line 11"),
    ("undefined_target.yaml", 12, "transition to an undefined state 'stage2'"),
    ("unknown_event.yaml", 11, "unknown event 'stage1_answer'"),
    ("unknown_guard.yaml", 14, "unknown guard check 'when_convenient'"),
])
def test_a_bad_table_is_refused_naming_the_file_and_line(fixture, line, words):
    with pytest.raises(CaseworkError) as err:
        parse_procedure((FIXTURES / fixture).read_text(), fixture)
    problem = err.value.problems[0]
    assert (problem.where, problem.line) == (fixture, line)
    assert problem.problem.startswith(words)
    assert problem.fix
