"""Payments a decision mentions: amount, purpose, payee and basis.

A statement mentions one payment several times (offered in the background, judged in the
findings, agreed in the action). Two mentions are one payment when they are in different
sentences, have the same amount and basis, and agree on purpose and payee (or leave them
unsaid); so "£250 for distress … and £250 for time and trouble" stays two payments. The
merged payment takes its section and sentence from the most authoritative mention, its
purpose from the most authoritative mention that states one, and its payee from the
clearest wording ("£200 for Mr and Mrs X" beats "offered Mrs X an apology and £200").

How a sum is counted (its basis): once; for each child ("£200 per child"); for each month
or week ("£50 per month … A total of £100" is one payment of £100 at £50 a month); or as a
stated total. A total that only adds up payments already listed ("an overall sum of £1200"
for £200 for each of five children and £200 for the parents), and a per-child sum
multiplied out ("£1000 for the children"), are not further payments.

Not payments: guidance ranges ("between £100 - £300", "up to £500"), approximate sums
("almost £5,000"), grants, and sums someone claims or paid ("Ms M complains the Council
owes her £65,000", "he had to pay £480"). What a sum is for, how it is counted and whom
'each' means are read from the words round it (`payment_words`).

>>> [(p.amount, p.purpose, p.payee) for p in payments_in([
...     ("The Council offered Mrs X £500 in recognition of the time and trouble caused by delays.", "background")])]
[(Decimal('500.00'), 'delay', 'Mrs X')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import combinations

from casework.domain.actions import number_value
from casework.domain.decisions.model import SECTION_AUTHORITY, Payment, PaymentBasis, PaymentPurpose, Section
from casework.domain.decisions.payment_words import basis_of, each_of, purpose_in, purpose_of
from casework.domain.decisions.people import last_named, tidy
from casework.domain.decisions.text import sentences

AMOUNT = re.compile(r"£\s?(?P<pounds>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<pence>\d{2}))?(?!\d|,\d)")
NAME = r"(?:Mr and Mrs|Mrs|Mr|Ms|Miss|Mis|Dr|Child|Young Person)\s+[A-Z]\b|the (?:children|child|family|parents)"
_PAYEE_AFTER = re.compile(rf"^\s*(?:payment\s+)?(?:to go\s+)?(?:to|for|towards)\s+(?P<name>{NAME})")
_PAYEE_BEFORE = re.compile(
    rf"\b(?i:pay|paid|paying|offer(?:ed|s)?|owes?|owed|give|gave|award(?:ed)?|refund(?:ed)?)\s+(?P<name>{NAME}|her|him)\b"
)
# A real statement mentions a few dozen sums at most; past this many the text is not one,
# and comparing mentions (each with the others of its amount) would grow with their square.
MOST_MENTIONS = 200
_CHILDREN = re.compile(
    r"\b(?:has|have|had|with|her|their)\s+(?P<n>two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+$",
    re.IGNORECASE,
)
_CHILDREN_WORD = re.compile(r"\bchildren\b", re.IGNORECASE)
_NOT_A_PAYMENT_BEFORE = re.compile(
    r"(?:up to|between|of between|almost|around|approximately|about|over|more than|less than|-|–)\s*$",
    re.IGNORECASE,
)
# Someone's claim or own spending, not a remedy: "Ms M complains the Council owes her
# £65,000", "He said that meant he had to pay £480".
_CLAIMED_BEFORE = re.compile(
    r"\b(?:[Ss]he|[Hh]e|[Tt]hey|(?:Mr and Mrs|Mrs|Mr|Ms|Miss|Dr)\s+[A-Z])\s+(?:also\s+)?"
    r"(?:complain(?:s|ed)|says?|said|claim(?:s|ed)?|wants?|asked for|asks for)\b"
    r"|\bcomplaint (?:that )?(?:the Council|it) owes\b",
)
_RANGE_AFTER = re.compile(r"^\s*(?:-|–|to)\s*£")
_NOT_A_PAYMENT_SENTENCE = re.compile(r"\bgrants?\b|\bnormally recommend|\bguidance recommends", re.IGNORECASE)
@dataclass(frozen=True)
class _Mention:
    order: int
    sentence: tuple[int, int]  # (paragraph, sentence): mentions in one sentence are distinct
    amount: Decimal
    basis: PaymentBasis
    rate: Decimal | None
    purpose: PaymentPurpose
    inferred: bool  # the purpose comes from an earlier sentence, not the payment's own words
    payee: str | None
    payee_strength: int
    section: Section
    passage: str


def amount_value(match: re.Match[str]) -> Decimal:
    pence = match.group("pence") or "00"
    return Decimal(f"{match.group('pounds').replace(',', '')}.{pence}")


# How far before and after an amount its wording is read: a clause, not the whole sentence
# (a sentence may be a whole page with no full stop, and reading all of it for every amount
# would grow with the square of its length).
WINDOW = 240


def _is_payment(sentence: str, match: re.Match[str]) -> bool:
    before = sentence[max(0, match.start() - WINDOW) : match.start()]
    after = sentence[match.end() : match.end() + 8]
    return not (_NOT_A_PAYMENT_BEFORE.search(before) or _RANGE_AFTER.match(after) or _CLAIMED_BEFORE.search(before))


def _payee(before: str, after: str, last_person: str | None) -> tuple[str | None, int]:
    """Whom the sum is for, and how clearly; 'her' or 'him' is the person named last before."""
    direct = _PAYEE_AFTER.match(after)
    if direct:
        return tidy(direct.group("name")), 2
    named = list(_PAYEE_BEFORE.finditer(before))
    if not named:
        return None, 0
    name = named[-1].group("name")
    if name in ("her", "him"):
        resolved = last_named(before[: named[-1].start()]) or last_person
        return resolved, 1 if resolved else 0
    return tidy(name), 1


def _mentions_in_block(text: str, section: Section, start: int, paragraph: int) -> list[_Mention]:
    found: list[_Mention] = []
    earlier: PaymentPurpose | None = None  # what the nearest earlier sentence says is remedied
    unread: list[str] = []  # earlier sentences not yet read for a purpose (read when needed)
    last_person: str | None = None  # the person named last in earlier sentences
    for number, sentence in enumerate(sentences(text)):
        matches = list(AMOUNT.finditer(sentence)) if "£" in sentence else []
        grant = bool(matches) and bool(_NOT_A_PAYMENT_SENTENCE.search(sentence))
        for i, match in enumerate(matches):
            if grant or start + len(found) >= MOST_MENTIONS or not _is_payment(sentence, match):
                continue
            amount = amount_value(match)
            if not amount:
                continue  # "£0" pays nothing
            end = min(matches[i + 1].start() if i + 1 < len(matches) else len(sentence), match.end() + WINDOW)
            after = sentence[match.end() : end]
            before = sentence[max(matches[i - 1].end() if i else 0, match.start() - WINDOW) : match.start()]
            basis, _ = basis_of(before, after)
            payee, strength = _payee(before, after, last_person)
            if payee is None and i and found and found[-1].sentence == (paragraph, number) \
                    and not _PAYEE_BEFORE.search(before):
                payee, strength = found[-1].payee, min(found[-1].payee_strength, 1)  # "£250 for x and £250 for y"
            if unread:
                earlier = next((p for s in reversed(unread) if (p := purpose_of(s))), earlier)
                unread.clear()
            purpose, inferred = purpose_in(after, before, earlier)
            people: list[str | None] = list(each_of(before, after)) or [payee]
            for person in people:
                found.append(
                    _Mention(
                        order=start + len(found),
                        sentence=(paragraph, number),
                        amount=amount,
                        basis=basis,
                        rate=amount if basis in ("per_month", "per_week") else None,
                        purpose=purpose,
                        inferred=inferred,
                        payee=person,
                        payee_strength=strength if person == payee else 2,
                        section=section,
                        passage=sentence,
                    )
                )
        if not matches:
            unread.append(sentence)
        last_person = last_named(sentence) or last_person
    return _with_totals(found)


def _with_totals(mentions: list[_Mention]) -> list[_Mention]:
    """A monthly or weekly sum followed in its paragraph by 'a total of £N' is one payment of £N."""
    result: list[_Mention] = []
    for mention in mentions:
        last = result[-1] if result else None
        if last is not None and last.basis in ("per_month", "per_week") and mention.basis == "total":
            purpose = last.purpose if last.purpose != "other" else mention.purpose
            result[-1] = replace(last, amount=mention.amount, purpose=purpose,
                                 payee=last.payee or mention.payee)
            continue
        result.append(mention)
    return result


def _same_payment(a: _Mention, b: _Mention) -> bool:
    def purposes(x: _Mention, y: _Mention) -> bool:
        return x.purpose == y.purpose or "other" in (x.purpose, y.purpose) or x.inferred or y.inferred

    def payees(x: str | None, y: str | None) -> bool:
        return x is None or y is None or x in y or y in x

    return (
        a.sentence != b.sentence
        and (a.amount, a.basis) == (b.amount, b.basis)
        and purposes(a, b)
        and payees(a.payee, b.payee)
    )


def _merge(group: list[_Mention], children: int | None) -> Payment:
    by_authority = sorted(group, key=lambda m: (-SECTION_AUTHORITY[m.section], m.order))
    lead = by_authority[0]
    stated: list[PaymentPurpose] = [m.purpose for m in by_authority if m.purpose != "other" and not m.inferred]
    stated += [m.purpose for m in by_authority if m.purpose != "other" and m.inferred]
    payee = max(by_authority, key=lambda m: m.payee_strength).payee
    per_child = lead.basis == "per_child"
    if payee is None and per_child:
        payee = "each child"
    return Payment(
        amount=lead.amount,
        purpose=stated[0] if stated else "other",
        payee=payee,
        per_child=per_child,
        children=children if per_child else None,
        section=lead.section,
        passage=lead.passage,
        basis=lead.basis,
        rate=lead.rate,
    )


def _without_restatements(payments: list[Payment]) -> tuple[Payment, ...]:
    """Drop sums that only restate others: a per-child sum multiplied out, or a stated total
    of two or three of the others (looked for among the first dozen, which is every real case)."""
    per_child_totals = {p.total for p in payments if p.per_child and p.total is not None}
    totals = [p.total for p in payments if p.total is not None][:12]
    sums = {sum(combo) for n in (2, 3) for combo in combinations(totals, n)}

    def restated(p: Payment) -> bool:
        if p.basis not in ("one_off", "total"):
            return False
        return p.amount in per_child_totals or (p.basis == "total" and p.amount in sums)

    return tuple(p for p in payments if not restated(p))


def children_count(text: str) -> int | None:
    """The number of children the statement says the family has ('Mrs X has five children')."""
    for word in _CHILDREN_WORD.finditer(text):
        match = _CHILDREN.search(text[max(0, word.start() - 30) : word.start()])
        if match:
            return number_value(match.group("n"))
    return None


def payments_in(blocks: Iterable[tuple[str, Section]], children: int | None = None) -> tuple[Payment, ...]:
    """Payments, in order of first mention, from (block text, section) pairs."""
    mentions: list[_Mention] = []
    for paragraph, (text, section) in enumerate(blocks):
        if "£" in text and len(mentions) < MOST_MENTIONS:
            mentions += _mentions_in_block(text, section, len(mentions), paragraph)
    groups: list[list[_Mention]] = []
    by_sum: dict[tuple[Decimal, str], list[list[_Mention]]] = {}
    for mention in mentions[:MOST_MENTIONS]:
        candidates = by_sum.setdefault((mention.amount, mention.basis), [])
        group = next((g for g in candidates if all(_same_payment(mention, m) for m in g)), None)
        if group is None:
            group = [mention]
            candidates.append(group)
            groups.append(group)
        else:
            group.append(mention)
    return _without_restatements([_merge(group, children) for group in groups])
