"""Remedy benchmarks: what the Ombudsman's decisions paid for a kind of fault.

"What does the Ombudsman normally recommend for this?" is answered from the decisions
themselves: pick those whose summary or findings mention the fault theme, and spread
their payments — count, median, range — overall and per purpose, with the references
so a reader can open each decision.

A theme is keyword groups that must all appear (any phrase of a group will do), matched
at word starts, case-insensitively: "delay at stage 2" needs a delay word and a stage 2
word. This is deliberately simple and visible; it finds decisions that *mention* the
fault, so the references are part of the answer, for a person to check.

Every payment the parser found counts at its stated amount (per child, for per-child
payments), including offers the decision records before endorsing or replacing them;
the references and each payment's section let a reader see which is which.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from casework.domain.decisions.model import PAYMENT_PURPOSES, Decision, Payment

PENNY = Decimal("0.01")
_STOPWORDS = frozenset({"a", "an", "the", "at", "of", "in", "on", "to", "for", "and", "or", "not", "by", "with"})
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "2": ("stage 2", "stage two"),
    "3": ("stage 3", "stage three"),
    "1": ("stage 1", "stage one"),
    "cin": ("cin", "child in need", "children in need"),
    "delay": ("delay", "late", "took too long"),
}


@dataclass(frozen=True)
class Theme:
    """A fault theme: each group is alternatives, and every group must match."""

    name: str
    all_of: tuple[tuple[str, ...], ...]

    def matches(self, text: str) -> bool:
        return all(any(_phrase(p).search(text) for p in group) for group in self.all_of)

    @classmethod
    def from_words(cls, words: str) -> Theme:
        """A theme from free text: every word that is not a stopword must appear.

        >>> Theme.from_words("delay at stage 2").all_of
        (('delay', 'late', 'took too long'), ('stage',), ('stage 2', 'stage two'))
        """
        tokens = [t for t in re.findall(r"[\w']+", words.lower()) if t not in _STOPWORDS]
        return cls(name=words, all_of=tuple(_SYNONYMS.get(t, (t,)) for t in tokens))


THEMES: dict[str, Theme] = {
    theme.name: theme
    for theme in (
        Theme("delay at stage 2", (("delay", "took too long", "timescale"), ("stage 2", "stage two"))),
        Theme("CIN plan not reviewed", (("child in need", "cin"), ("review", "meeting"))),
        Theme("missed direct payments", (("direct payment",), ("missed", "delay", "not paid", "late"))),
        Theme("child protection procedures", (("child protection",), ("procedure", "conference", "plan"))),
        Theme("complaint handling", (("complaint",), ("delay", "stage", "handling"))),
    )
}


@dataclass(frozen=True)
class PaymentSpread:
    """Payments for one purpose (or 'all'): how many, median, range, and which decisions."""

    purpose: str
    count: int
    median: Decimal
    minimum: Decimal
    maximum: Decimal
    references: tuple[str, ...]


@dataclass(frozen=True)
class RemedyBenchmark:
    """The payments in decisions matching a theme, overall and per purpose."""

    theme: str
    decisions: tuple[str, ...]
    overall: PaymentSpread | None
    by_purpose: tuple[PaymentSpread, ...]


def _phrase(phrase: str) -> re.Pattern[str]:
    end = r"\b" if len(phrase) <= 3 else ""
    return re.compile(rf"\b{re.escape(phrase)}{end}", re.IGNORECASE)


def theme_text(decision: Decision) -> str:
    """The text a theme is matched against: the summary, the findings and the fault passages."""
    parts = [decision.summary or "", decision.findings_text, *decision.findings.fault_passages]
    return "\n".join(parts)


def _spread(purpose: str, paid: Sequence[tuple[str | None, Payment]]) -> PaymentSpread:
    amounts = [p.amount for _, p in paid]
    references = tuple(dict.fromkeys(ref for ref, _ in paid if ref is not None))
    return PaymentSpread(
        purpose=purpose,
        count=len(amounts),
        median=Decimal(statistics.median(amounts)).quantize(PENNY, rounding=ROUND_HALF_UP),
        minimum=min(amounts),
        maximum=max(amounts),
        references=references,
    )


def remedy_benchmark(decisions: Sequence[Decision], theme: Theme | str) -> RemedyBenchmark:
    """Spread the payments of the decisions that match `theme` (a Theme, a THEMES name or words)."""
    if isinstance(theme, str):
        theme = THEMES.get(theme) or Theme.from_words(theme)
    matching = [d for d in decisions if theme.matches(theme_text(d))]
    paid = [(d.reference, p) for d in matching for p in d.payments]
    by_purpose = tuple(
        _spread(purpose, group)
        for purpose in PAYMENT_PURPOSES
        if (group := [(ref, p) for ref, p in paid if p.purpose == purpose])
    )
    return RemedyBenchmark(
        theme=theme.name,
        decisions=tuple(d.reference for d in matching if d.reference is not None),
        overall=_spread("all", paid) if paid else None,
        by_purpose=by_purpose,
    )
