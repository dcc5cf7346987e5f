"""Every state of every procedure table is at a stage, and the filters find them."""

from __future__ import annotations

import pytest

from casework.domain.complaints import PROCEDURES, load_procedure
from casework.domain.complaints.stages import _BY_PROCEDURE, STAGES, stage_of, state_words, states_at


@pytest.mark.parametrize("procedure", PROCEDURES)
def test_every_state_of_the_procedure_table_has_a_stage(procedure):
    states = set(load_procedure(procedure).states)
    assert states == set(_BY_PROCEDURE[procedure]), "group each new state into a stage in stages.py"
    assert {stage_of(procedure, s) for s in states} <= set(STAGES)


def test_the_stage_filter_lists_each_procedures_own_states():
    at_two = states_at("stage2")
    assert "stage2_started" in at_two["statutory"] and "final_response" not in at_two["statutory"]
    assert "final_response" in at_two["corporate"]


def test_a_state_reads_as_its_table_describes_it():
    assert state_words("statutory", "stage1_responded") == "Stage 1 response sent"
    assert state_words("statutory", "stage2_started").startswith("Complaint statement agreed")
