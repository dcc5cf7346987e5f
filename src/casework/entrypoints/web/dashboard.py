"""The home page's view of what is due: overdue, due this week, due next week, later.

The items come from the `list_due_and_overdue` use case (the audit's overdue findings and
open deadlines); this module only sorts them into calendar weeks (Monday to Sunday) for
display and counts them by rule. It computes no deadline.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

BUCKETS = ("overdue", "this_week", "next_week", "later")
BUCKET_WORDS = {"overdue": "Overdue", "this_week": "Due this week", "next_week": "Due next week",
                "later": "Due later"}


def bucket_of(item: Mapping[str, Any], today: date) -> str:
    if item["status"] == "overdue":
        return "overdue"
    due = date.fromisoformat(item["due_latest"])
    monday = today - timedelta(days=today.weekday())
    if due < monday + timedelta(days=7):
        return "this_week"
    if due < monday + timedelta(days=14):
        return "next_week"
    return "later"


@dataclass
class RuleCounts:
    rule: str
    title: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(BUCKETS, 0))


@dataclass
class Dashboard:
    today: date
    items: dict[str, list[Mapping[str, Any]]]
    by_rule: list[RuleCounts]

    @property
    def counts(self) -> dict[str, int]:
        return {b: len(self.items[b]) for b in BUCKETS}

    @property
    def largest(self) -> int:
        return max([1, *self.counts.values()])


def dashboard(items: Iterable[Mapping[str, Any]], today: date) -> Dashboard:
    grouped: dict[str, list[Mapping[str, Any]]] = {b: [] for b in BUCKETS}
    rules: dict[str, RuleCounts] = {}
    for item in items:
        bucket = bucket_of(item, today)
        grouped[bucket].append(item)
        counts = rules.setdefault(item["rule"], RuleCounts(item["rule"], item["title"]))
        counts.counts[bucket] += 1
    by_rule = sorted(rules.values(), key=lambda r: (-r.counts["overdue"], -r.counts["this_week"], r.rule))
    return Dashboard(today, grouped, by_rule)
