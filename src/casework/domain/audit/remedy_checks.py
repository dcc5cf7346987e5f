"""Symbolic payments judged against the Guidance on Remedies in force when offered.

Only a payment *below* the normal range is a finding: it may leave injustice unremedied.
A payment above the range is the council's choice and no fault to the family; a financial
loss is judged by its working (casework.domain.remedies.loss), not by a band.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from casework.domain.audit.findings import Finding, finding_for
from casework.domain.calendar import WorkingCalendar
from casework.domain.chronology import Case
from casework.domain.errors import CaseworkError
from casework.domain.remedies import judge_payment
from casework.domain.rules.model import Rule


def remedy_within_guidance(rule: Rule, case: Case, as_of: date,
                           calendar: WorkingCalendar) -> Iterator[Finding]:
    for offer in case.of_type("remedy_offered"):
        amount = offer.detail("amount")
        if offer.date.earliest > as_of or not isinstance(amount, int | float):
            continue
        try:
            judgement = judge_payment(Decimal(str(amount)), str(offer.detail("purpose")),
                                      offer.date.latest, per_child=bool(offer.detail("per_child")))
        except CaseworkError:
            continue  # before the first guidance entry we hold: nothing to judge against
        if judgement.status != "below":
            continue
        yield finding_for(rule, kind="duty", certainty="possible", children=offer.children,
                          complaint=offer.complaint, trigger_id=offer.id,
                          summary=judgement.warning, working=(judgement.citation,))
