"""The Ombudsman's Guidance on Remedies: dated payment bands, financial loss, suggestions."""

from casework.domain.remedies.guidance import (
    Band,
    GuidanceVersion,
    PaymentJudgement,
    guidance_versions,
    in_force,
    judge_payment,
    parse_guidance,
)
from casework.domain.remedies.loss import LossCalculation, LossPeriod, financial_loss, loss_period, pence
from casework.domain.remedies.suggest import Injustice, RemedyItem, RemedyPackage, suggest_remedy

__all__ = [
    "Band", "GuidanceVersion", "Injustice", "LossCalculation", "LossPeriod", "PaymentJudgement",
    "RemedyItem", "RemedyPackage", "financial_loss", "guidance_versions", "in_force",
    "judge_payment", "loss_period", "parse_guidance", "pence", "suggest_remedy",
]
