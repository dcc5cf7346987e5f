"""An Ombudsman decision statement as data.

Every field is what the statement says, or empty: a field the parser cannot find is None
(or an empty tuple), never a default that looks like a finding. Each payment and fault
passage keeps the sentence it came from, so a reader can check the parser against the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

PaymentPurpose = Literal["distress", "time_and_trouble", "delay", "financial_loss", "missed_provision", "other"]
PAYMENT_PURPOSES: tuple[PaymentPurpose, ...] = (
    "distress",
    "time_and_trouble",
    "delay",
    "financial_loss",
    "missed_provision",
    "other",
)
# How a payment is counted: a single sum; a sum for each child; a sum for each month or week
# (`rate`), kept as one payment of the total when the statement gives it; or a stated total.
PaymentBasis = Literal["one_off", "per_child", "per_month", "per_week", "total"]
PAYMENT_BASES: tuple[PaymentBasis, ...] = ("one_off", "per_child", "per_month", "per_week", "total")
ActionKind = Literal["apology", "payment", "service_improvement", "other"]
ReferenceKind = Literal["act", "regulation", "guidance"]
TimescaleUnit = Literal["working_days", "days", "weeks", "months"]
# Where in the statement a payment is mentioned, in rising order of authority: what
# happened before, what the investigator found, what the council agreed to do.
Section = Literal["other", "background", "findings", "action"]
SECTION_AUTHORITY: dict[str, int] = {"other": 0, "background": 1, "findings": 2, "action": 3}


@dataclass(frozen=True)
class LegalReference:
    """An Act, regulation or guidance the decision cites, with the sections it names."""

    kind: ReferenceKind
    title: str
    year: int | None
    sections: tuple[str, ...] = ()


@dataclass(frozen=True)
class Payment:
    """One sum of money the decision mentions as a remedy (not guidance ranges or grants).

    `amount` is as stated: for a per-child payment it is the sum for each child, and
    `total` multiplies it out when the number of children is stated. `section` says where
    the most authoritative mention sits; `passage` is that mention's sentence. `basis` says
    how the sum is counted; for a monthly or weekly payment `rate` is the sum a period and
    `amount` the total when the statement states one (else the rate).
    """

    amount: Decimal
    purpose: PaymentPurpose
    payee: str | None
    per_child: bool
    children: int | None
    section: Section
    passage: str
    basis: PaymentBasis = "one_off"
    rate: Decimal | None = None

    @property
    def total(self) -> Decimal | None:
        if not self.per_child:
            return self.amount
        return None if self.children is None else self.amount * self.children


@dataclass(frozen=True)
class AgreedAction:
    """Something the council agreed (or was recommended) to do, with its deadline.

    `deadline` is the phrase as written ("within four weeks"); `due` is that phrase
    resolved from the decision date, or None when the phrase or the date is missing.
    `for_whom` is the person the action names (a pronoun read as the person last named
    before it), or None.
    """

    kind: ActionKind
    text: str
    deadline: str | None
    due: date | None
    for_whom: str | None = None


@dataclass(frozen=True)
class Timescale:
    """A period the statement says the law or statutory guidance sets, e.g. 'within 30 working
    days of the date of request', with the id of the audit rule it matches, if any.

    Deadlines of the actions the council agreed are not timescales: they are kept with their
    actions.
    """

    amount: int
    unit: TimescaleUnit
    text: str
    rule: str | None = None


@dataclass(frozen=True)
class Findings:
    """Whether the Ombudsman found fault, and the sentences that say where.

    `fault_found` is None when neither the decision nor the summary says either way.
    """

    fault_found: bool | None
    fault_passages: tuple[str, ...] = ()


@dataclass(frozen=True)
class Decision:
    """One decision statement."""

    organisation: str | None
    reference: str | None
    category: str | None
    subcategory: str | None
    outcome: str | None
    decided: date | None
    complainant: str | None
    summary: str | None
    complaint: str | None
    legal_framework: tuple[LegalReference, ...]
    findings: Findings
    findings_text: str
    payments: tuple[Payment, ...]
    actions: tuple[AgreedAction, ...]
    evidence_requested: bool
    shared_with_ofsted: bool
    timescales: tuple[Timescale, ...]
    on_behalf_of: str | None = None  # whom the complainant complained for, when not themself

    @property
    def year(self) -> int | None:
        return None if self.decided is None else self.decided.year
