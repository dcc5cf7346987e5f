"""The words round a sum that say what it is for, how it is counted, and to whom each.

Purpose comes from the words after the amount, up to the end of its clause; failing that,
from its clause before the amount; failing that, from the nearest earlier sentence in the
same paragraph that names one (unless the sum is a goodwill or symbolic one, which remedies
nothing named); failing that, 'other'.

>>> purpose_in(" in recognition of the time and trouble caused by delays.", "offered Mrs X ", None)
('delay', False)
"""

from __future__ import annotations

import re

from casework.domain.decisions.agreed import VERB_FORMS
from casework.domain.decisions.model import PaymentBasis, PaymentPurpose
from casework.domain.decisions.people import tidy

_PERSON = r"(?:Mrs|Mr|Ms|Miss|Mis|Dr)\s+[A-Z]\b"
_PAIR = rf"(?:Mr and Mrs (?P<couple>[A-Z])\b|(?P<a>{_PERSON}),?\s+and\s+(?P<b>{_PERSON}))"
_EACH = re.compile(r"^\s*each\b(?!\s+(?:child|month|week))", re.IGNORECASE)
_PAIR_AFTER = re.compile(rf"^\s*each\s+(?:to|for)\s+{_PAIR}")
_PAIR_BEFORE = re.compile(rf"{_PAIR}\s+(?:a payment of\s+|a sum of\s+)?$")
_PER_CHILD = re.compile(r"^\s*(?:per|for each|to each|each|a)\s+child\b", re.IGNORECASE)
_PER_PERIOD = re.compile(r"^\s*(?:per|a|each)\s+(?P<period>month|week)\b", re.IGNORECASE)
_TOTAL_BEFORE = re.compile(r"\b(?:total|overall sum|altogether|in all)\b[^£]{0,30}$", re.IGNORECASE)
_CLAUSE_END = re.compile(r"(?:[,;:]|\band\b|\bby\b)\s*", re.IGNORECASE)
_NAMELESS = re.compile(r"\bgoodwill\b|\bsymbolic\b", re.IGNORECASE)
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
            r"|money (?:she|he|they) (?:is|are) due|\bowes?\b|\brepay|\breimburs|\brefund|\bbackdat|\barrears"
            r"|\bunderpa(?:id|yments?)\b|\bback[- ]?pay",
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



def purpose_of(text: str) -> PaymentPurpose | None:
    """The remedy purpose a piece of text names, or None."""
    for purpose, words in PURPOSE_WORDS:
        if words.search(text):
            return purpose
    return None


def _own_clause(after: str) -> str:
    """The words after an amount up to the end of its clause: a new remedy ('and reimburse
    her legal fees', ', and completing stage 3') or a ';' ends it."""
    words = re.split(r"(;|,?\s+and\s+|,\s+)", after)
    kept = words[0]
    for i in range(1, len(words) - 1, 2):
        following = words[i + 1].split(maxsplit=1)
        if words[i] == ";" or (following and following[0].lower() in VERB_FORMS):
            break
        kept += words[i] + words[i + 1]
    return kept


def _clause_before(before: str) -> str:
    ends = [m.end() for m in _CLAUSE_END.finditer(before)]
    return before[ends[-1] :] if ends else before


def purpose_in(after: str, before: str, earlier: PaymentPurpose | None) -> tuple[PaymentPurpose, bool]:
    """The purpose, and whether it was inferred from an earlier sentence (`earlier`: the
    purpose the nearest earlier sentence of the paragraph names)."""
    clause_before = _clause_before(before)
    stated = purpose_of(_own_clause(after)) or purpose_of(clause_before)
    if stated or _NAMELESS.search(clause_before + after):
        return stated or "other", False
    return (earlier, True) if earlier else ("other", False)


def basis_of(before: str, after: str) -> tuple[PaymentBasis, str | None]:
    if _PER_CHILD.match(after):
        return "per_child", None
    period = _PER_PERIOD.match(after)
    if period:
        return ("per_month" if period.group("period").lower() == "month" else "per_week"), None
    return ("total", None) if _TOTAL_BEFORE.search(before) else ("one_off", None)


def each_of(before: str, after: str) -> list[str]:
    """The people a sum is paid to 'each' ("pay Mr and Mrs X £200 each", "£250 each to Ms A and
    Ms B"): one payment for each of them; empty when the sum is not paid 'each' to named people."""
    if not _EACH.match(after):
        return []
    named = _PAIR_AFTER.match(after) or _PAIR_BEFORE.search(before)
    if not named:
        return []
    if named.group("couple"):
        letter = named.group("couple")
        return [f"Mr {letter}", f"Mrs {letter}"]
    return [tidy(named.group("a")), tidy(named.group("b"))]
