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
    the most authoritative mention sits; `passage` is that mention's sentence.
    """

    amount: Decimal
    purpose: PaymentPurpose
    payee: str | None
    per_child: bool
    children: int | None
    section: Section
    passage: str

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
    """

    kind: ActionKind
    text: str
    deadline: str | None
    due: date | None


@dataclass(frozen=True)
class Timescale:
    """A timescale the decision mentions, e.g. 'within 30 working days of the date of request'."""

    amount: int
    unit: TimescaleUnit
    text: str


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

    @property
    def year(self) -> int | None:
        return None if self.decided is None else self.decided.year
