"""Findings as rows for files, and breach rates by council × rule × month.

A breach rate is the share of clocks falling due in a month (their latest due date) that
were breached — certainly, or possibly where dates are imprecise. Months after the audit
date's month are left out: their clocks have not all fallen due.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from casework.domain.batch.audit import CERTAINTIES, KINDS, NONE, Findings
from casework.domain.batch.table import EventTable, Ints

Column = npt.NDArray[np.generic]


def finding_rows(table: EventTable, findings: Findings) -> dict[str, Column]:
    """One row per finding, values as text, dates and numbers (what the files hold)."""
    ids = np.array([*table.event_ids, ""], dtype=object)
    rules = np.array(findings.rule_ids, dtype=object)
    unit = findings.unit
    return {
        "council": table.unit_council[unit], "case_id": table.unit_case[unit],
        "child": table.unit_child[unit], "rule_id": rules[findings.rule] if len(rules) else unit.astype(object),
        "kind": np.array(KINDS, dtype=object)[findings.kind],
        "certainty": np.array(CERTAINTIES, dtype=object)[findings.certainty],
        "trigger_id": ids[findings.trigger], "outcome_id": ids[findings.outcome],
        "due_earliest": findings.due_earliest, "due_latest": findings.due_latest,
        "late_by_min": findings.late_by_min, "late_by_max": findings.late_by_max,
        "beyond_extension": np.array([*CERTAINTIES, ""], dtype=object)[findings.beyond_extension],
    }


@dataclass(frozen=True)
class Summary:
    """Counts by council × rule × month: clocks due, certain and possible breaches."""

    council: npt.NDArray[np.object_]
    rule: npt.NDArray[np.object_]
    month: npt.NDArray[np.datetime64]
    clocks: Ints
    certain: Ints
    possible: Ints

    def __len__(self) -> int:
        return len(self.council)

    @property
    def rate(self) -> npt.NDArray[np.float64]:
        breaches = (self.certain + self.possible).astype(np.float64)
        result: npt.NDArray[np.float64] = np.divide(breaches, self.clocks, out=np.zeros(len(self)),
                                                    where=self.clocks > 0)
        return result


def summarise(table: EventTable, findings: Findings, as_of: date) -> Summary:
    """Clocks and breaches of one partition, grouped by council, rule and due month."""
    last = np.datetime64(as_of, "M")
    rules = np.array(findings.rule_ids, dtype=object)
    keys = {
        "clocks": (findings.clock_unit, findings.clock_rule, findings.clock_due, None),
        "certain": (findings.unit, findings.rule, findings.due_latest, findings.certainty == 0),
        "possible": (findings.unit, findings.rule, findings.due_latest, findings.certainty == 1),
    }
    counts: dict[tuple[str, str, np.datetime64], dict[str, int]] = {}
    for name, (unit, rule, due, keep) in keys.items():
        month = due.astype("datetime64[M]")
        mask = month <= last if keep is None else (month <= last) & keep
        councils = table.unit_council[unit[mask]]
        if not len(councils):
            continue
        council_codes, council_index = np.unique(councils.astype(str), return_inverse=True)
        month_codes = month[mask].astype(np.int64)
        combined = np.stack([council_index, rule[mask], month_codes], axis=1)
        distinct, tally = np.unique(combined, axis=0, return_counts=True)
        for (c, r, m), n in zip(distinct.tolist(), tally.tolist(), strict=True):
            key = (str(council_codes[c]), str(rules[r]), np.datetime64(m, "M"))
            counts.setdefault(key, {"clocks": 0, "certain": 0, "possible": 0})[name] += n
    return _from_counts(counts)


def merge(summaries: list[Summary]) -> Summary:
    """Summaries of several partitions as one (partitions may share councils)."""
    counts: dict[tuple[str, str, np.datetime64], dict[str, int]] = {}
    for s in summaries:
        for i in range(len(s)):
            key = (str(s.council[i]), str(s.rule[i]), s.month[i])
            slot = counts.setdefault(key, {"clocks": 0, "certain": 0, "possible": 0})
            slot["clocks"] += int(s.clocks[i])
            slot["certain"] += int(s.certain[i])
            slot["possible"] += int(s.possible[i])
    return _from_counts(counts)


def _from_counts(counts: dict[tuple[str, str, np.datetime64], dict[str, int]]) -> Summary:
    keys = sorted(counts, key=lambda k: (k[0], k[1], k[2].astype(np.int64)))
    council: npt.NDArray[np.object_] = np.array([k[0] for k in keys], dtype=object)
    rule: npt.NDArray[np.object_] = np.array([k[1] for k in keys], dtype=object)
    return Summary(
        council=council, rule=rule,
        month=np.array([k[2] for k in keys], dtype="datetime64[M]"),
        clocks=np.array([counts[k]["clocks"] for k in keys], dtype=np.int64),
        certain=np.array([counts[k]["certain"] for k in keys], dtype=np.int64),
        possible=np.array([counts[k]["possible"] for k in keys], dtype=np.int64),
    )


__all__ = ["NONE", "Summary", "finding_rows", "merge", "summarise"]
