"""Payments a decision mentions: amount, purpose, payee, per child or not.

A statement mentions the same payment several times (offered in the background, judged
in the findings, agreed in the action). Mentions are merged by (amount, per child); the
merged payment takes its section and sentence from the most authoritative mention, its
purpose from the most authoritative mention that states one, and its payee from the
clearest wording ("£200 for Mr and Mrs X" beats "offered Mrs X an apology and £200").

Not payments: guidance ranges ("between £100 - £300", "up to £500"), approximate sums
("almost £5,000") and grants. Purpose comes from the words after the amount up to the
next amount; failing that, from the nearest earlier sentence in the same paragraph that
names one; failing that, 'other'.

>>> [(p.amount, p.purpose, p.payee) for p in payments_in([
...     ("The Council offered Mrs X £500 in recognition of the time and trouble caused by delays.", "background")])]
[(Decimal('500.00'), 'delay', 'Mrs X')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from casework.domain.actions import number_value
from casework.domain.decisions.model import SECTION_AUTHORITY, Payment, PaymentPurpose, Section
from casework.domain.decisions.text import sentences

AMOUNT = re.compile(r"£\s?(?P<pounds>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<pence>\d{2}))?(?![\d,])")
NAME = r"(?:Mr and Mrs|Mrs|Mr|Ms|Miss|Dr|Child|Young Person)\s+[A-Z]\b|the (?:children|child|family|parents)"
_PAYEE_AFTER = re.compile(rf"^\s*(?:payment\s+)?(?:to go\s+)?(?:to|for|towards)\s+(?P<name>{NAME})")
_PAYEE_BEFORE = re.compile(
    rf"\b(?i:pay|paid|offer(?:ed|s)?|owes?|owed|give|gave|award(?:ed)?|refund(?:ed)?)\s+(?P<name>{NAME})"
)
_PER_CHILD = re.compile(r"^\s*(?:per|for each|to each|each|a)\s+child\b", re.IGNORECASE)
_CHILDREN = re.compile(
    r"\b(?:has|have|had|with|her|their)\s+(?P<n>two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+children\b",
    re.IGNORECASE,
)
_NOT_A_PAYMENT_BEFORE = re.compile(
    r"(?:up to|between|of between|almost|around|approximately|about|over|more than|less than|-|–)\s*$",
    re.IGNORECASE,
)
_RANGE_AFTER = re.compile(r"^\s*(?:-|–|to)\s*£")
_NOT_A_PAYMENT_SENTENCE = re.compile(r"\bgrants?\b|\bnormally recommend|\bguidance recommends", re.IGNORECASE)
# Checked in this order: the first that matches names the purpose. Financial loss first
# because "direct payments missed due to delays" is money owed, not a delay payment;
# delay before time and trouble because "time and trouble caused by delays" remedies the
# delay; distress before missed provision because "distress caused by lost support"
# remedies the distress.
PURPOSE_WORDS: tuple[tuple[PaymentPurpose, re.Pattern[str]], ...] = (
    (
        "financial_loss",
        re.compile(
            r"financial loss|direct payments? (?:were |was )?missed|missed (?:direct )?payments|payments missed"
            r"|money (?:she|he|they) (?:is|are) due|\bowes?\b|\brepay|\breimburs|\brefund|\bbackdat|\barrears",
            re.IGNORECASE,
        ),
    ),
    ("delay", re.compile(r"\bdelay", re.IGNORECASE)),
    ("distress", re.compile(r"\bdistress|\buncertainty|\bupset|\bfrustration|\banxiety", re.IGNORECASE)),
    (
        "missed_provision",
        re.compile(
            r"(?:missed|lost|loss of|lack of)\s+(?:\w+\s+)?(?:provision|support|education|services?|respite)",
            re.IGNORECASE,
        ),
    ),
    ("time_and_trouble", re.compile(r"time(?:,)? and trouble", re.IGNORECASE)),
)


@dataclass(frozen=True)
class _Mention:
    order: int
    amount: Decimal
    per_child: bool
    purpose: PaymentPurpose
    payee: str | None
    payee_strength: int
    section: Section
    passage: str


def purpose_of(text: str) -> PaymentPurpose | None:
    """The remedy purpose a piece of text names, or None."""
    for purpose, words in PURPOSE_WORDS:
        if words.search(text):
            return purpose
    return None


def amount_value(match: re.Match[str]) -> Decimal:
    pence = match.group("pence") or "00"
    return Decimal(f"{match.group('pounds').replace(',', '')}.{pence}")


def _is_payment(sentence: str, match: re.Match[str]) -> bool:
    before = sentence[: match.start()]
    after = sentence[match.end() :]
    return not (
        _NOT_A_PAYMENT_BEFORE.search(before) or _RANGE_AFTER.match(after) or _NOT_A_PAYMENT_SENTENCE.search(sentence)
    )


def _mentions_in_block(text: str, section: Section, start: int) -> list[_Mention]:
    found: list[_Mention] = []
    earlier: list[str] = []
    for sentence in sentences(text):
        matches = list(AMOUNT.finditer(sentence))
        for i, match in enumerate(matches):
            if not _is_payment(sentence, match):
                continue
            end = matches[i + 1].start() if i + 1 < len(matches) else len(sentence)
            after = sentence[match.end() : end]
            before = sentence[matches[i - 1].end() if i else 0 : match.start()]
            purpose = purpose_of(after) or (purpose_of(sentence) if len(matches) == 1 else None)
            if purpose is None:
                purpose = next((p for s in reversed(earlier) if (p := purpose_of(s))), None)
            payee, strength = _payee(before, after)
            found.append(
                _Mention(
                    order=start + len(found),
                    amount=amount_value(match),
                    per_child=bool(_PER_CHILD.match(after)),
                    purpose=purpose or "other",
                    payee=payee,
                    payee_strength=strength,
                    section=section,
                    passage=sentence,
                )
            )
        if not matches:
            earlier.append(sentence)
    return found


def _payee(before: str, after: str) -> tuple[str | None, int]:
    direct = _PAYEE_AFTER.match(after)
    if direct:
        return direct.group("name"), 2
    named = list(_PAYEE_BEFORE.finditer(before))
    if named:
        return named[-1].group("name"), 1
    return None, 0


def _merge(group: list[_Mention], children: int | None) -> Payment:
    by_authority = sorted(group, key=lambda m: (-SECTION_AUTHORITY[m.section], m.order))
    lead = by_authority[0]
    stated: list[PaymentPurpose] = [m.purpose for m in by_authority if m.purpose != "other"]
    purpose: PaymentPurpose = stated[0] if stated else "other"
    payee_from = max(by_authority, key=lambda m: m.payee_strength)
    payee = payee_from.payee
    if payee is None and lead.per_child:
        payee = "each child"
    return Payment(
        amount=lead.amount,
        purpose=purpose,
        payee=payee,
        per_child=lead.per_child,
        children=children if lead.per_child else None,
        section=lead.section,
        passage=lead.passage,
    )


def children_count(text: str) -> int | None:
    """The number of children the statement says the family has ('Mrs X has five children')."""
    match = _CHILDREN.search(text)
    return None if match is None else number_value(match.group("n"))


def payments_in(blocks: Iterable[tuple[str, Section]], children: int | None = None) -> tuple[Payment, ...]:
    """Merged payments, in order of first mention, from (block text, section) pairs."""
    mentions: list[_Mention] = []
    for text, section in blocks:
        if "£" in text:
            mentions += _mentions_in_block(text, section, len(mentions))
    groups: dict[tuple[Decimal, bool], list[_Mention]] = {}
    for mention in mentions:
        groups.setdefault((mention.amount, mention.per_child), []).append(mention)
    return tuple(_merge(group, children) for group in groups.values())
