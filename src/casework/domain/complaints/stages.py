"""Which stage a complaint is at, read from its procedure's state, and the states at a stage.

The transition tables (statutory.yaml, corporate.yaml) name each state and say what it
means; this module groups those states into the stages people ask about ("every complaint
at stage 2"). A state a table adds without a stage here is refused by
`tests/domain/complaints/test_stages.py`, so the grouping cannot silently fall behind.

>>> stage_of("statutory", "stage2_started")
'stage2'
>>> stage_of("corporate", "final_response")
'stage2'
>>> stage_of("statutory", "final_response")
'stage3'
"""

from __future__ import annotations

from collections.abc import Mapping

from casework.domain.complaints.table import PROCEDURES, load_procedure

STAGES: Mapping[str, str] = {
    "stage1": "Stage 1", "stage2": "Stage 2", "stage3": "Stage 3 (review panel)",
    "ombudsman": "With the Ombudsman", "closed": "Closed",
}

_COMMON: Mapping[str, str] = {
    "new": "stage1", "received": "stage1", "acknowledged": "stage1", "stage1_extended": "stage1",
    "stage1_responded": "stage1", "stage2_requested": "stage2",
    "with_ombudsman": "ombudsman", "ombudsman_decided": "ombudsman", "actions_agreed": "ombudsman",
    "withdrawn": "closed", "resolved": "closed", "refused_out_of_time": "closed",
}

_BY_PROCEDURE: Mapping[str, Mapping[str, str]] = {
    "statutory": {
        **_COMMON, "stage2_started": "stage2", "stage2_reported": "stage2", "stage2_responded": "stage2",
        "stage3_requested": "stage3", "stage3_refused": "stage3", "panel_held": "stage3",
        "panel_reported": "stage3", "final_response": "stage3",
    },
    "corporate": {**_COMMON, "stage2_acknowledged": "stage2", "final_response": "stage2"},
}


def stage_of(procedure: str, state: str) -> str:
    """The stage (a key of `STAGES`) a complaint in `state` under `procedure` is at."""
    return _BY_PROCEDURE.get(procedure, _BY_PROCEDURE["statutory"]).get(state, "stage1")


def states_at(stage: str) -> dict[str, tuple[str, ...]]:
    """For each procedure, the states that are at `stage` (for a register's filter)."""
    return {procedure: tuple(s for s, at in _BY_PROCEDURE[procedure].items() if at == stage)
            for procedure in PROCEDURES}


def state_words(procedure: str, state: str) -> str:
    """What the state means, as its table says it, starting with a capital: 'Stage 1 response sent'."""
    try:
        meaning = load_procedure(procedure).states.get(state, state.replace("_", " "))
    except Exception:  # an unknown procedure name stored long ago: show the state in words
        meaning = state.replace("_", " ")
    return meaning[:1].upper() + meaning[1:]
