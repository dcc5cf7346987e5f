"""The complaints procedures as transition tables, and the complaint they move along."""

from casework.domain.complaints.complaint import (
    Complaint,
    ComplaintPoint,
    PointRemedy,
    Refusal,
    StageFinding,
    TransitionRefused,
)
from casework.domain.complaints.replay import Replay, complaint_events, replay_complaint
from casework.domain.complaints.table import (
    PROCEDURES,
    Procedure,
    Transition,
    allowed_next,
    load_procedure,
    parse_procedure,
)

__all__ = [
    "PROCEDURES", "Complaint", "ComplaintPoint", "PointRemedy", "Procedure", "Refusal", "Replay",
    "StageFinding", "Transition", "TransitionRefused", "allowed_next", "complaint_events",
    "load_procedure", "parse_procedure", "replay_complaint",
]
