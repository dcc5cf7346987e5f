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
from casework.domain.events import Event
from casework.domain.remedies import (
    LossCalculation,
    LossPeriod,
    financial_loss,
    judge_payment,
    loss_period,
    pence,
)
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


def payment_for_procedure(rule: Rule, case: Case, as_of: date,
                          calendar: WorkingCalendar) -> Iterator[Finding]:
    """No payment for merely using a complaints procedure (Guidance on Remedies; seed
    24 009 485): an offer recorded as for the time and trouble of making or pursuing the
    complaint (`for_using_procedure`) is judged by the guidance in force on its date, whose
    purposes say what they are not for. Only possibly a fault: whether it stands as a
    symbolic payment for the distress a fault caused is a judgement, and in 24 009 485 the
    Ombudsman read the council's £250 so."""
    for offer in case.of_type("remedy_offered"):
        amount = offer.detail("amount")
        if (offer.date.earliest > as_of or offer.detail("for_using_procedure") is not True
                or not isinstance(amount, int | float)):
            continue
        try:
            judgement = judge_payment(Decimal(str(amount)), str(offer.detail("purpose")), offer.date.latest,
                                      per_child=bool(offer.detail("per_child")), merely_complaining=True)
        except CaseworkError:
            continue  # before the first guidance entry we hold: nothing to judge against
        if judgement.status != "not_payable":
            continue
        yield finding_for(rule, on=offer.date.latest, kind="duty", certainty="possible", children=offer.children,
                          complaint=offer.complaint, trigger_id=offer.id,
                          summary=f"{judgement.warning} (offered {offer.date}); it may stand instead as a "
                                  "symbolic payment for the distress a fault caused",
                          working=(judgement.citation,))


def loss_repaid(rule: Rule, case: Case, as_of: date, calendar: WorkingCalendar) -> Iterator[Finding]:
    """Financial loss repaid in full for its whole period (Guidance on Remedies; seed 24 010 960).

    The period runs from the day support was due without the fault (`support_due`) to the day
    before the support started or was backdated to; its value comes from the support's weekly
    value or, where a decision gives only that, the value of the whole period. Payments made
    towards it are `remedy_paid` events naming a financial-loss offer.
    """
    for due in case.of_type("support_due"):
        started = _support_start(case, due, as_of)
        if started is None or due.date.earliest > as_of:
            continue
        start = started.detail("backdated_to") if isinstance(started.detail("backdated_to"), date) \
            else started.date.latest
        assert isinstance(start, date)
        if start <= due.date.latest:
            continue
        period = loss_period(due.date.latest, start)
        paid, payments = _paid_towards_loss(case, due, as_of)
        value = _period_value(due, period.start, period.end, paid)
        text = (f"support due from {due.date} began (or was backdated) only from {start:%-d %b %Y}: "
                f"financial loss {period.start:%-d %b %Y}–{period.end:%-d %b %Y} ({period.days} days)")
        if value is None:
            if not paid:
                yield finding_for(rule, kind="not_evidenced", certainty="possible", children=due.children,
                                  trigger_id=due.id, summary=f"{text}; no payment towards it is recorded")
            continue
        if value.outstanding <= 0:
            continue
        yield finding_for(
            rule, kind="duty", certainty="certain", children=due.children, trigger_id=due.id,
            outcome_id=payments[-1].id if payments else None,
            summary=f"{text}: £{value.amount:,} due, £{value.already_paid:,} paid, £{value.outstanding:,} still owed",
            working=value.working)


def _support_start(case: Case, due: Event, as_of: date) -> Event | None:
    started = [e for e in case.of_type("direct_payment_started")
               if e.date.earliest <= as_of and (not due.children or not e.children
                                                 or set(e.children) & set(due.children))]
    return started[0] if started else None


def _paid_towards_loss(case: Case, due: Event, as_of: date) -> tuple[Decimal, list[Event]]:
    payments = []
    for paid in case.of_type("remedy_paid"):
        offer = case.event(str(paid.detail("remedy"))) if paid.detail("remedy") else None
        if (offer is not None and offer.detail("purpose") == "financial_loss"
                and paid.date.earliest <= as_of and isinstance(paid.detail("amount"), int | float)):
            payments.append(paid)
    return sum((Decimal(str(p.detail("amount"))) for p in payments), Decimal(0)), payments


def _period_value(due: Event, start: date, end: date, paid: Decimal) -> LossCalculation | None:
    weekly, whole = due.detail("weekly_amount"), due.detail("period_value")
    if isinstance(weekly, int | float) and not isinstance(weekly, bool):
        return financial_loss(start, end, Decimal(str(weekly)), "week", already_paid=paid)
    if isinstance(whole, int | float) and not isinstance(whole, bool):
        amount, period = pence(Decimal(str(whole))), LossPeriod(start, end)
        outstanding = max(amount - pence(paid), Decimal("0.00"))
        working = (f"period {start:%-d %b %Y} to {end:%-d %b %Y} inclusive: {period.days} days",
                   f"value of the support for the whole period, as found: £{amount:,}",
                   f"less £{pence(paid):,} already paid = £{outstanding:,} outstanding")
        return LossCalculation(period, amount, "day", None, amount, pence(paid), outstanding, working)
    return None
