"""Synthetic looked-after children: a year's SSDA903 return per council, with planted late
reviews and visits, and a truth file listing every breach the data holds.

`synth_looked_after(councils, children, seed, out_dir)` writes, for each council, a folder
`ssda903_<LEA>/` with the return's CSV files (header, episodes, reviews…) and the council's
own record of visits (visits.csv, not part of the DfE return), and `truth_903.csv`: every
breach of the looked-after review and visit timescales, planted (`planted=true`) or not.
The truth is worked out here, from the dates drawn, with `casework.domain.calendar` and
`casework.domain.months` alone — never by the audit — so the audit can be checked against it.

Each child is one of two kinds:

- *carried over* (about 70%): looked after since before the year, in a placement that began
  before 1 April (RNE P: the start of care is in an earlier return). Its first review in the
  return is not its first review, so only the 6-month gaps after it are judged (`lac_review`).
- *new* (about 30%): starts care in the year (RNE S): first review within 20 working days
  (`lac_review_first`), second within 3 months of it (`lac_review_second`), then every 6
  months (`lac_review`).

Some children move placement in the year (RNE P) and some leave care (REC E13 or E41).
Visits follow each placement: within a week of its start (`lac_visit_first`), then at most
every six weeks (`lac_visit`), from the placement's start (the council's record goes back
further than the return). Planted faults: a review held late (`review`), a first visit late
(`visit_first`), a gap between visits over six weeks (`visit`). Sizes: about 80,000 children
are looked after in England at 31 March; tests use a few dozen.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from casework.adapters.ssda903.writer import write_ssda903
from casework.domain.calendar import WorkingCalendar, england
from casework.domain.chronology import Case
from casework.domain.months import add_months_array
from casework.domain.ssda903 import Year, case_id, child_to_case, format_date

TRUTH_FIELDS = ("council", "child", "case_id", "rule_id", "kind", "certainty", "trigger_id",
                "trigger_date", "due_date", "outcome_id", "outcome_date", "planted")
_POSTCODES = ("M1 1AA", "M1 1AD", "M1 1AE", "M1 1AF", "M1 1AG")


@dataclass(frozen=True)
class LacFaultRates:
    review: float = 0.05       # a review held late
    visit_first: float = 0.03  # the first visit in a placement later than a week
    visit: float = 0.04        # a gap of over six weeks between visits


@dataclass
class LacSummary:
    councils: list[str] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)
    children: int = 0
    faults: int = 0
    planted: int = 0
    truth: Path = Path()


def _months(day: date, n: int) -> date:
    result: date = add_months_array(np.array([np.datetime64(day, "D")]), n)[0].astype(date)
    return result


def _wd(cal: WorkingCalendar, day: date, n: int) -> date:
    result: date = cal.add_working_days_array(np.array([np.datetime64(day, "D")]), n)[0].astype(date)
    return result


class _Child:
    """One child's drawn rows and the breaches they hold."""

    def __init__(self, rng: random.Random, child_id: str, year: Year, rates: LacFaultRates,
                 cal: WorkingCalendar) -> None:
        self.id, self.year, self.rng, self.rates, self.cal = child_id, year, rng, rates, cal
        self.tables: dict[str, list[dict[str, str]]] = {"Reviews": [], "Visits": [], "Episodes": []}
        self.truth: list[dict[str, str]] = []
        self._planted: dict[str, dict[int, bool]] = {}
        new = rng.random() < 0.3
        age = rng.randint(1, 17 * 365)
        ys, ye = year.start, year.end
        start = ys + timedelta(days=rng.randint(0, 240)) if new else ys - timedelta(days=rng.randint(30, 700))
        self.dob = (start - timedelta(days=age)) if new else (ys - timedelta(days=age + 800))
        self.sex = rng.choice("MF")
        school_age = _months(self.dob, 48) <= date(ys.year - 1, 8, 31)
        self.tables["Header"] = [{"CHILD": child_id, "SEX": self.sex, "DOB": format_date(self.dob),
                                  "ETHNIC": rng.choice(("WBRI", "WBRI", "MWBC", "BAFR", "AIND", "WOTH")),
                                  "UPN": _upn(rng) if school_age else "UN1",
                                  "MOTHER": "0" if self.sex == "F" else "",
                                  "MC_DOB": ""}]
        if new:  # a child starting care: whether they had a permanence order before (Z1: none)
            self.tables["PrevPerm"] = [{"CHILD": child_id, "DOB": format_date(self.dob), "PREV_PERM": "Z1",
                                        "LA_PERM": "", "DATE_PERM": ""}]
        # Placements: the first from `start`; maybe a move in the year; maybe care ends.
        starts = [start]
        if rng.random() < 0.2:
            move = max(start, ys) + timedelta(days=rng.randint(40, 200))
            if move < ye - timedelta(days=20):
                starts.append(move)
        end: date | None = None
        if rng.random() < 0.15:
            leave = starts[-1] + timedelta(days=rng.randint(30, 150))
            end = leave if ys < leave < ye - timedelta(days=5) else None
        self.end = end
        for n, day in enumerate(starts):
            last = n == len(starts) - 1
            self.tables["Episodes"].append({
                "CHILD": child_id, "DECOM": format_date(day), "RNE": "S" if new and n == 0 else "P",
                "LS": "C2", "CIN": "N1", "PLACE": "U4", "PLACE_PROVIDER": "PR1",
                "DEC": format_date(starts[n + 1] if not last else end),
                "REC": "X1" if not last else ("E13" if end else ""),
                "REASON_PLACE_CHANGE": "CARPL" if not last else "",
                "HOME_POST": _POSTCODES[0], "PL_POST": _POSTCODES[1 + n % 4], "URN": "XXXXXXX"})
        if start <= ys and end is None:  # looked after for 12 months at 31 March (from 1 April on)
            age = (ye.year - self.dob.year) - ((ye.month, ye.day) < (self.dob.month, self.dob.day))
            self.tables["OC2"] = [{
                "CHILD": child_id, "DOB": format_date(self.dob),
                "SDQ_SCORE": str(rng.randint(5, 25)) if 4 <= age <= 17 else "", "SDQ_REASON": "",
                "CONVICTED": "0" if age >= 10 else "", "HEALTH_CHECK": "1" if age < 5 else "",
                "IMMUNISATIONS": "1", "TEETH_CHECK": "1", "HEALTH_ASSESSMENT": "1", "SUBSTANCE_MISUSE": "0",
                "INTERVENTION_RECEIVED": "", "INTERVENTION_OFFERED": ""}]
        self._reviews(new, start)
        for n, day in enumerate(starts):
            until = starts[n + 1] if n + 1 < len(starts) else (end or ye + timedelta(days=1))
            self._visits(n + 1, day, until)

    # Reviews ------------------------------------------------------------------------------
    def _reviews(self, new: bool, start: date) -> None:
        rng, ys, ye = self.rng, self.year.start, self.year.end
        stop = self.end or ye + timedelta(days=1)
        days: list[date] = []
        if new:
            late = rng.random() < self.rates.review
            days.append(_wd(self.cal, start, rng.randint(21, 30) if late else rng.randint(8, 19)))
            self._planted["r"] = {1: late}
            late2 = rng.random() < self.rates.review
            nxt = (_months(days[0], 3) + timedelta(days=rng.randint(3, 20)) if late2
                   else _months(days[0], 2) + timedelta(days=rng.randint(0, 20)))
            days.append(nxt)
            self._planted["r"][2] = late2
        else:
            days.append(ys + timedelta(days=rng.randint(0, 150)))
            self._planted["r"] = {1: False}
        while True:
            late = rng.random() < self.rates.review
            nxt = (_months(days[-1], 6) + timedelta(days=rng.randint(3, 25)) if late
                   else _months(days[-1], 4) + timedelta(days=rng.randint(0, 40)))
            self._planted["r"][len(days) + 1] = late
            days.append(nxt)
            if nxt > ye:
                break
        kept = [d for d in days if d < stop and d <= ye]
        age4 = _months(self.dob, 48)
        for day in kept:
            self.tables["Reviews"].append({"CHILD": self.id, "DOB": format_date(self.dob),
                                           "REVIEW": format_date(day), "REVIEW_CODE": "PN0" if day < age4 else "PN1"})
        # The truth: each clock the rules start, judged on its next review, a stop or 31 March.
        clocks: list[tuple[str, str, date, date]] = []
        if new:
            clocks.append(("lac_review_first", "ep1.start", start, _wd(self.cal, start, 20)))
            if kept:
                clocks.append(("lac_review_second", "r1", kept[0], _months(kept[0], 3)))
        for k, day in enumerate(kept[1:], 2):
            clocks.append(("lac_review", f"r{k}", day, _months(day, 6)))
        for rule, trigger_id, day, due in clocks:
            after = [(f"r{k}", d) for k, d in enumerate(kept, 1) if d > day]
            outcome = after[0] if after else None
            k_next = int(outcome[0][1:]) if outcome else len(kept) + 1
            self._judge(rule, trigger_id, day, due, outcome, self._planted["r"].get(k_next, False))

    # Visits -------------------------------------------------------------------------------
    def _visits(self, n: int, start: date, until: date) -> None:
        rng, ye = self.rng, self.year.end
        late_first = rng.random() < self.rates.visit_first
        day = start + timedelta(days=rng.randint(8, 14) if late_first else rng.randint(1, 6))
        days, planted = [], []
        late = late_first
        while day < until and day <= ye:
            days.append(day)
            planted.append(late)
            late = rng.random() < self.rates.visit
            day = day + timedelta(days=rng.randint(43, 60) if late else rng.randint(21, 40))
        base = len(self.tables["Visits"])
        for d in days:
            self.tables["Visits"].append({"CHILD": self.id, "VISIT_DATE": format_date(d)})
        first = (f"v{base + 1}", days[0]) if days else None
        self._judge("lac_visit_first", f"ep{n}.place", start, start + timedelta(weeks=1), first,
                    bool(planted[:1] and planted[0]), stop=until)
        for k, d in enumerate(days):
            nxt = (f"v{base + k + 2}", days[k + 1]) if k + 1 < len(days) else None
            self._judge("lac_visit", f"v{base + k + 1}", d, d + timedelta(weeks=6), nxt,
                        bool(k + 1 < len(planted) and planted[k + 1]), stop=until)

    def _judge(self, rule: str, trigger_id: str, trigger: date, due: date, outcome: tuple[str, date] | None,
               planted: bool, stop: date | None = None) -> None:
        """A breach row when the clock's outcome, its stop (a move or leaving care) or 31 March
        falls after its due date."""
        ye = self.year.end
        stop = stop if stop is not None and stop <= ye else (self.end if self.end and self.end <= ye else None)
        if outcome is not None and (stop is None or outcome[1] < stop):
            if outcome[1] <= due:
                return
            kind, when, oid = "late", outcome[1], outcome[0]
        elif stop is not None:
            if stop <= due:
                return
            kind, when, oid = "missed", stop, ""
        else:
            if ye <= due:
                return
            kind, when, oid = "overdue", ye, ""
        # A clock started before the year (a visit in the council's record before 1 April) is
        # judged with the year's record complete only from 1 April: a breach there is possible.
        before = trigger < self.year.start
        if before and kind != "late":
            kind = "not_evidenced"
        self.truth.append({"child": self.id, "rule_id": rule, "kind": kind,
                           "certainty": "possible" if before else "certain", "trigger_id": trigger_id,
                           "trigger_date": trigger.isoformat(), "due_date": due.isoformat(),
                           "outcome_id": oid, "outcome_date": when.isoformat() if oid else "",
                           "planted": "true" if planted else "false"})



def _upn(rng: random.Random) -> str:
    """A unique pupil number of the DfE's form: a check letter, then 12 digits (an English
    council's number, a school year and a serial), the letter worked out as the DfE does."""
    digits = f"{rng.choice((201, 301, 302, 330, 873))}{rng.randint(0, 99):02d}{rng.randint(100, 999)}" \
             f"{rng.randint(0, 9999):04d}"
    total = sum(int(d) * w for d, w in zip(digits, range(2, 14), strict=True))
    return "ABCDEFGHJKLMNPQRTUVWXYZ"[total % 23] + digits


def council_children(council: str, n: int, seed: int, index: int, year: Year, rates: LacFaultRates,
                     cal: WorkingCalendar | None = None) -> tuple[list[Case], list[dict[str, str]]]:
    """One council's looked-after children as chronologies, and the truth rows for them."""
    rng = random.Random(f"{seed}-{index}-903")
    calendar = cal or england()
    cases, truth = [], []
    for k in range(1, n + 1):
        child = _Child(rng, f"{council}L{k:06d}", year, rates, calendar)
        case = child_to_case(child.id, child.tables, council=council, year=year)
        cases.append(case)
        for row in child.truth:
            truth.append({"council": council, "case_id": case_id(child.id, council), **row})
    return cases, truth


def synth_looked_after(councils: list[str], children: int = 80_000, seed: int = 0, out_dir: str | Path = "synth",
                       year: str = "2025-26", rates: LacFaultRates | None = None) -> LacSummary:
    """A looked-after year per council (sizes in proportion to lognormal weights, at least one)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    collection = Year.parse(year)
    np_rng = np.random.default_rng([seed, 903])
    weights = np_rng.lognormal(0.0, 0.6, len(councils))
    sizes = np_rng.multinomial(max(children - len(councils), 0), weights / weights.sum()) + 1
    summary = LacSummary(truth=out / "truth_903.csv")
    cal = england()
    with open(summary.truth, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=TRUTH_FIELDS, lineterminator="\n")
        writer.writeheader()
        for index, (council, size) in enumerate(zip(councils, sizes, strict=True)):
            cases, truth = council_children(council, int(size), seed, index, collection, rates or LacFaultRates(), cal)
            folder = out / f"ssda903_{council}"
            write_ssda903(folder, cases, visits=True)
            writer.writerows(truth)
            summary.councils.append(council)
            summary.folders.append(folder)
            summary.children += len(cases)
            summary.faults += len(truth)
            summary.planted += sum(1 for r in truth if r["planted"] == "true")
    return summary
