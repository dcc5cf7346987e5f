"""Ombudsman decision statements as data: parse them, and compare the remedies they give."""

from casework.domain.decisions.model import (
    PAYMENT_PURPOSES,
    AgreedAction,
    Decision,
    Findings,
    LegalReference,
    Payment,
    Timescale,
)
from casework.domain.decisions.parse import parse_decision_text

__all__ = [
    "PAYMENT_PURPOSES",
    "AgreedAction",
    "Decision",
    "Findings",
    "LegalReference",
    "Payment",
    "Timescale",
    "parse_decision_text",
]
