"""The faults synthetic census data contains, worked out from its dates alone.

Column-wise over one council's episodes, with `casework.domain.calendar` (working days)
and `casework.domain.months` (calendar months) — the counting the rules use — but none
of the audit's code, so the audit can be tested against it. A row per breach: the case
and event ids are those the census reader gives (`<LAchildID>-<n>`, `ref`, `s1.start`,
`s1.icpc`, `c1.review2`…), the kind is as the audit names it (late, missed, overdue).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt

from casework.domain.calendar import WorkingCalendar, england
from casework.domain.census import case_id
from casework.domain.months import add_months_array

TRUTH_FIELDS = ("council", "la_child_id", "case_id", "rule_id", "kind", "certainty", "trigger_id",
                "trigger_date", "due_date", "outcome_id", "outcome_date", "late_by", "planted")
Dates = npt.NDArray[np.datetime64]


def truth_rows(cols: dict[str, Any], reference: date,
               calendar: WorkingCalendar | None = None) -> list[dict[str, str]]:
    cal = calendar or england()
    ref = np.datetime64(reference, "D")
    rows: list[dict[str, str]] = []
    wd = cal.add_working_days_array
    # assessment_timescale: referral → authorisation, 45 working days; closure stops it; a
    # referral with no further action needs none.
    rows += _clock(cols, cal, ref, "assessment_timescale", ~cols["nfa"],
                   "ref", cols["referral"], wd(cols["referral"], 45), "a1.done", cols["a_done"],
                   cols["closure"], cols["a_late"] | cols["a_open"])
    # icpc_timescale: strategy discussion → conference, 15 working days, where one was needed.
    applies = ~np.isnat(cols["s_start"]) & (~np.isnat(cols["icpc"]) | ~cols["not_required"])
    rows += _clock(cols, cal, ref, "icpc_timescale", applies, "s1.start", cols["s_start"],
                   wd(cols["s_start"], 15), "s1.icpc", cols["icpc"], cols["closure"],
                   cols["icpc_late"] | cols["icpc_missing"])
    reviews, planted = cols["reviews"], cols["review_late"]
    # rcpc_first: conference that made a plan → first review, 3 months; plan end stops it.
    rows += _clock(cols, cal, ref, "rcpc_first", cols["plan"], "s1.icpc", cols["icpc"],
                   add_months_array(cols["icpc"], 3), "c1.review1", reviews[:, 0], cols["plan_end"],
                   planted[:, 0], stop_id="c1.end")
    # rcpc_review: each review → the next, 6 months.
    for k in range(reviews.shape[1] - 1):
        has = ~np.isnat(reviews[:, k])
        nxt = reviews[:, k + 1]
        rows += _clock(cols, cal, ref, "rcpc_review", has, f"c1.review{k + 1}", reviews[:, k],
                       add_months_array(reviews[:, k], 6), f"c1.review{k + 2}", nxt,
                       cols["plan_end"], planted[:, k + 1], stop_id="c1.end")
    return rows


def _clock(cols: dict[str, Any], cal: WorkingCalendar, ref: np.datetime64, rule: str,
           applies: npt.NDArray[np.bool_], trigger_id: str, trigger: Dates, due: Dates,
           outcome_id: str, outcome: Dates, stop: Dates, planted: npt.NDArray[np.bool_],
           stop_id: str = "close") -> list[dict[str, str]]:
    """Late when the outcome is after the due date; else missed when a stop came after it;
    else overdue when the due date passed before the reference date.

    A clock started before the census year may have been met before it, where the census
    cannot show it: its breach is only possible, and a missing outcome is not evidenced."""
    year_start = np.datetime64(f"{int(str(ref)[:4]) - 1}-04-01", "D")
    met = ~np.isnat(outcome)
    stopped = ~met & ~np.isnat(stop)
    when = np.where(met, outcome, np.where(stopped, stop, ref))
    breach = applies & ~np.isnat(trigger) & (when > due)
    unseen = trigger < year_start
    kind = np.where(met, "late", np.where(unseen, "not_evidenced", np.where(stopped, "missed", "overdue")))
    index = np.flatnonzero(breach)
    late_by = cal.working_days_after_array(due[index], when[index])
    rows = []
    for i, by in zip(index.tolist(), late_by.tolist(), strict=True):
        k = str(kind[i])
        rows.append({
            "council": cols["council"], "la_child_id": str(cols["child"][i]),
            "case_id": case_id(str(cols["child"][i]), int(cols["episode"][i])),
            "rule_id": rule, "kind": k, "certainty": "possible" if unseen[i] else "certain",
            "trigger_id": trigger_id, "trigger_date": str(trigger[i]), "due_date": str(due[i]),
            "outcome_id": outcome_id if k == "late" else (stop_id if stopped[i] else ""),
            "outcome_date": str(when[i]), "late_by": str(by),
            "planted": "true" if planted[i] else "false",
        })
    return rows
