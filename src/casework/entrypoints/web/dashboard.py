"""The home page's view of what is due: overdue, due this week, due next week, later.

The counts per rule and week come from the `due_counts` use case and the rows shown from
`list_due_and_overdue` (the clocks table: the audit's overdue findings and open deadlines),
both counted and paged by the database; this module arranges them. It computes no deadline.
`bucket_of` names an item's week (Monday to Sunday) the way the database query does.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from casework.domain.reminders import week_of

BUCKETS = ("overdue", "this_week", "next_week", "later")
BUCKET_WORDS = {"overdue": "Overdue", "this_week": "Due this week", "next_week": "Due next week",
                "later": "Due later"}


def bucket_of(item: Mapping[str, Any], today: date) -> str:
    """The week an item falls in, as the reminder emails count weeks (`domain.reminders`)."""
    if item["status"] == "overdue":
        return "overdue"
    return week_of(date.fromisoformat(item["due_latest"]), "due", today) or "later"


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
    counts: dict[str, int]

    @property
    def largest(self) -> int:
        return max([1, *self.counts.values()])


def dashboard(counts: Iterable[tuple[str, str, str, int]],
              items: Mapping[str, Sequence[Mapping[str, Any]]], today: date) -> Dashboard:
    """`counts`: (rule, title, week, how many); `items`: the rows shown for each week."""
    rules: dict[str, RuleCounts] = {}
    for rule, title, bucket, n in counts:
        rules.setdefault(rule, RuleCounts(rule, title)).counts[bucket] += n
    totals = {b: sum(r.counts[b] for r in rules.values()) for b in BUCKETS}
    by_rule = sorted(rules.values(), key=lambda r: (-r.counts["overdue"], -r.counts["this_week"], r.rule))
    return Dashboard(today, {b: list(items.get(b, [])) for b in BUCKETS}, by_rule, totals)
