"""Suggest a remedy package from what was found: the Guidance on Remedies applied in order.

The Ombudsman considers remedies in turn (apology, putting things right, payments) and
always considers a service improvement where the fault could recur (rules.md §5). This
helper turns findings of fault and injustice into that package, each item with its
reason and source, so a complaints manager starts from the guidance rather than from a
blank page. It suggests; people decide. Payments come as the band in force, not a figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from casework.domain.remedies.guidance import Band, GuidanceVersion, in_force
from casework.domain.remedies.loss import LossCalculation

Kind = Literal["apology", "symbolic_payment", "financial_loss", "service_improvement", "none"]
COMPLAINTS_PROCEDURE = ("Children Act 1989 Representations Procedure (England) Regulations 2006; "
                        "Getting the Best from Complaints (2006)")


@dataclass(frozen=True)
class Injustice:
    """What the fault caused, as findings of fact.

    `lost_support_children` counts the children who missed support because of the fault;
    `could_recur` says the fault could affect others, which calls for a service improvement.
    """

    fault: bool
    distress: bool = False
    avoidable_time_and_trouble: bool = False
    delay: bool = False
    lost_support_children: int = 0
    loss: LossCalculation | None = None
    could_recur: bool = False


@dataclass(frozen=True)
class RemedyItem:
    kind: Kind
    what: str
    reason: str
    source: str
    purpose: str = ""
    low: Decimal | None = None
    high: Decimal | None = None
    per_child: bool = False
    children: int = 0
    amount: Decimal | None = None


@dataclass(frozen=True)
class RemedyPackage:
    on: date
    guidance: GuidanceVersion
    items: tuple[RemedyItem, ...]

    def kinds(self) -> tuple[Kind, ...]:
        return tuple(i.kind for i in self.items)


def suggest_remedy(injustice: Injustice, on: date) -> RemedyPackage:
    """The remedy the guidance in force on `on` points to for these findings."""
    guidance = in_force(on)
    cite = guidance.source.citation()
    if not injustice.fault:
        return RemedyPackage(on, guidance, (RemedyItem(
            "none", "no remedy", "without fault there is no injustice to remedy "
            "(Local Government Act 1974 s34(3): a decision taken without fault is not questioned)",
            "Local Government Act 1974"),))
    items = [RemedyItem(
        "apology", "an apology in the council's own words, from someone senior enough",
        "fault was found; an apology accepts it and recognises its impact", cite)]
    items += _payments(injustice, guidance, cite)
    if injustice.loss is not None and injustice.loss.outstanding > 0:
        loss = injustice.loss
        items.append(RemedyItem(
            "financial_loss", f"repay £{loss.outstanding:,} outstanding",
            "quantifiable loss is repaid in full for the whole period: " + "; ".join(loss.working),
            cite, purpose="financial_loss", amount=loss.outstanding))
    if injustice.could_recur:
        items.append(RemedyItem(
            "service_improvement", "a service improvement: staff reminders, training, an audit of "
            "similar cases or a change of procedure",
            "the fault could cause injustice to others; the guidance always considers preventing recurrence",
            cite))
    return RemedyPackage(on, guidance, tuple(items))


def _payments(injustice: Injustice, guidance: GuidanceVersion, cite: str) -> list[RemedyItem]:
    items = []
    wanted = (
        ("distress", injustice.distress, "the fault caused avoidable distress or uncertainty"),
        ("time_and_trouble", injustice.avoidable_time_and_trouble,
         "the fault caused avoidable time and trouble (not the mere use of a complaints procedure)"),
        ("delay", injustice.delay, "the fault caused avoidable delay"),
    )
    for purpose, found, reason in wanted:
        band = guidance.bands.get(purpose)
        if found and band is not None:
            items.append(_payment(purpose, band, reason, cite))
    if injustice.lost_support_children > 0:
        band = guidance.bands.get("distress")
        if band is not None:
            n = injustice.lost_support_children
            items.append(_payment(
                "distress", band, f"{n} child{'ren' if n > 1 else ''} lost support because of the fault: "
                "a payment for each child (19 020 817: £200 for each child)", cite, children=n))
    return items


def _payment(purpose: str, band: Band, reason: str, cite: str, children: int = 0) -> RemedyItem:
    each = " for each child" if children else ""
    return RemedyItem(
        "symbolic_payment", f"a symbolic payment for {purpose.replace('_', ' ')}{each}: {band.describe()}",
        reason, cite, purpose=purpose, low=band.low, high=band.high, per_child=bool(children),
        children=children)
