"""Synthetic England: realistic census files with known faults, and a truth file listing them.

`synth(councils, children, seed, out_dir, fault_rates)` writes one children in need census
per council (`cin_census_<LEA>.xml`) and `truth.csv`: every timescale breach the data
contains, whether planted (`planted=true`) or arising from the tail of a duration
(`planted=false`). The truth is worked out from the generated dates with
`casework.domain.calendar` and `casework.domain.months` alone — never by the audit — so the
audit can be checked against it.

Rules covered (rules.md §1–2, those a census can evidence; see `census_rules`):
assessment_timescale (45 working days from referral), icpc_timescale (15 working days
from the strategy discussion), rcpc_first (3 months from the initial conference) and
rcpc_review (6 months between reviews). Not expressible in the census, so not planted:
referral_decision (no decision date), cin_planning_meeting, cin_plan_first_review and
cin_plan_review (no CIN plan reviews), cin_closure (no letters), core_group_first (no core
groups), transfer_in_conference (no transfer notices).

Each child also gets the census's characteristics, drawn from the DfE code lists at
roughly national proportions: sex (M, F, U), ethnicity (WBRI, MWBC, BAFR…), each episode's
primary need (N1–N9; N1, abuse or neglect, for episodes with section 47 enquiries) and each
plan's categories of abuse (NEG, EMO, PHY, SAB, MUL) and number of earlier plans, so a
clean file passes the DfE validation rules. Closure reasons follow the census code set:
RC8 or RC9 ("closed after assessment") only for episodes that ended at the assessment,
RC7 otherwise. An episode carried over from the previous year is in the census only when
its assessment and conference fall in the census year: the census returns only
assessments ongoing in the year and conferences held in it (validation rules 8696 and
8715), so an episode whose assessment was authorised or conference held before 1 April
would be shown without them, and its clocks could not be judged.

Everything is drawn with numpy, column-wise per council, from one seed: the same seed
gives byte-identical files. Sizes: the defaults are a national year (152 councils,
about 650,000 referrals in-year from 700,000 children; about 4.6 events per
episode, so some 3 million events — pass more children for a larger event count); tests
use a handful of children.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from casework.adapters.census.synth_truth import TRUTH_FIELDS, truth_rows
from casework.adapters.census.writer import write_children
from casework.domain.calendar import WorkingCalendar, england
from casework.domain.census import (
    Assessment,
    CensusChild,
    CensusHeader,
    CINPlan,
    CPPlan,
    Episode,
    Section47,
    reference_date_for,
)
from casework.domain.months import add_months_array

NAT = np.datetime64("NaT", "D")
# Census code lists (DfE CIN census code set) with rough national shares.
SEXES = (("M", 0.52), ("F", 0.47), ("U", 0.01))
ETHNICITIES = (("WBRI", 0.66), ("WOTH", 0.05), ("WIRI", 0.004), ("WIRT", 0.002), ("WROM", 0.006),
               ("MWBC", 0.03), ("MWBA", 0.01), ("MWAS", 0.01), ("MOTH", 0.03), ("AIND", 0.012),
               ("APKN", 0.02), ("ABAN", 0.01), ("AOTH", 0.01), ("BCRB", 0.01), ("BAFR", 0.04),
               ("BOTH", 0.012), ("CHNE", 0.002), ("OOTH", 0.024), ("REFU", 0.018), ("NOBT", 0.05))
PRIMARY_NEEDS = (("N1", 0.52), ("N2", 0.04), ("N3", 0.04), ("N4", 0.1), ("N5", 0.17), ("N6", 0.02),
                 ("N7", 0.005), ("N8", 0.035), ("N9", 0.07))
ABUSE = (("NEG", 0.5), ("EMO", 0.37), ("PHY", 0.07), ("SAB", 0.04), ("MUL", 0.02))
MAX_REVIEWS = 6
Dates = npt.NDArray[np.datetime64]
Bools = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class FaultRates:
    """Share of eligible episodes given each planted fault."""

    assessment_late: float = 0.05     # authorised after 45 working days
    assessment_open: float = 0.02     # still not authorised at the reference date, past due
    icpc_late: float = 0.06           # conference after 15 working days
    icpc_missing: float = 0.02        # conference needed, not held by the reference date
    rcpc_first_late: float = 0.05     # first review after 3 months
    rcpc_review_late: float = 0.04    # a later review after 6 months (per review)


@dataclass
class SynthSummary:
    councils: list[str] = field(default_factory=list)
    children: int = 0
    episodes: int = 0
    events: int = 0
    faults: int = 0
    planted: int = 0
    files: list[Path] = field(default_factory=list)
    truth: Path | None = None


def council_codes(count: int) -> list[str]:
    """Synthetic three-digit LEA codes (not real councils' codes)."""
    return [str(301 + i) for i in range(count)]


def synth(councils: int = 152, children: int = 700_000, seed: int = 0, out_dir: str | Path = "synth",
          fault_rates: FaultRates | None = None, year: str = "2025-26") -> SynthSummary:
    rates = fault_rates or FaultRates()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    reference = reference_date_for(year)
    root = np.random.default_rng(seed)
    sizes = _council_sizes(root, councils, children)
    summary = SynthSummary(truth=out / "truth.csv")
    with open(out / "truth.csv", "w", newline="", encoding="utf-8") as truth_file:
        writer = csv.DictWriter(truth_file, fieldnames=TRUTH_FIELDS)
        writer.writeheader()
        for index, (code, size) in enumerate(zip(council_codes(councils), sizes, strict=True)):
            rng = np.random.default_rng([seed, index])
            cols = generate(rng, int(size), code, reference, rates)
            header = CensusHeader(code, reference)
            path = out / f"cin_census_{code}.xml"
            records = list(to_children(cols))
            write_children(path, header, records)
            rows = truth_rows(cols, reference)
            writer.writerows(rows)
            summary.councils.append(code)
            summary.files.append(path)
            summary.children += len(records)
            summary.episodes += sum(len(c.episodes) for c in records)
            summary.events += sum(e.event_count() for c in records for e in c.episodes)
            summary.faults += len(rows)
            summary.planted += sum(1 for r in rows if r["planted"] == "true")
    return summary


def _council_sizes(rng: np.random.Generator, councils: int, children: int) -> npt.NDArray[np.int64]:
    """Councils differ in size (lognormal weights), every one has at least one child."""
    weights = rng.lognormal(0.0, 0.6, councils)
    spare = max(children - councils, 0)
    sizes: npt.NDArray[np.int64] = rng.multinomial(spare, weights / weights.sum()) + 1
    return sizes


def generate(rng: np.random.Generator, n: int, council: str, reference: date,
             rates: FaultRates, calendar: WorkingCalendar | None = None) -> dict[str, Any]:
    """Columns for `n` children's episodes (first episodes, then re-referrals)."""
    cal = calendar or england()
    ref = np.datetime64(reference, "D")
    year_start = np.datetime64(date(reference.year - 1, 4, 1), "D")
    window_start = year_start - 180
    span = int(cal.working_days_after_array(np.asarray(window_start - 1), np.asarray(ref - 1)))  # days in [start, ref)
    referral = cal.add_working_days_array(np.full(n, window_start), rng.integers(0, span, n))
    first = _episodes(rng, referral, ref, year_start, rates, cal)
    again = (~_isnat(first["closure"])) & (rng.random(n) < 0.15)
    gap = rng.integers(20, 120, n)
    second_ref = cal.add_working_days_array(np.where(again, first["closure"], ref), gap)
    again &= second_ref <= ref
    second = _episodes(rng, second_ref[again], ref, year_start, rates, cal)
    child_ids = np.array([f"{council}{k:07d}" for k in range(1, n + 1)])
    cols: dict[str, Any] = {key: np.concatenate([first[key], second[key]]) for key in first}
    cols["child"] = np.concatenate([child_ids, child_ids[again]])
    cols["episode"] = np.concatenate([np.ones(n, np.int64), np.full(int(again.sum()), 2)])
    years = rng.integers(0, 17 * 365, n)
    cols["birth"] = np.concatenate([referral - years, (referral - years)[again]])
    disabled = rng.random(n) < 0.1
    cols["disabled"] = np.concatenate([disabled, disabled[again]])
    _characteristics(rng, cols, again)
    in_year = _isnat(cols["closure"]) | (cols["closure"] >= year_start)
    # Carried over from the previous year with a conference before it: left out (the census
    # would show the plan without the conference that made it).
    in_year &= ~(cols["icpc"] < year_start)
    _carried_over(cols, year_start)
    order = np.lexsort((cols["episode"], cols["child"]))
    order = order[in_year[order]]
    cols = {key: value[order] for key, value in cols.items()}
    # An episode's number is its place in this census (an earlier one may have closed before it).
    repeat = np.r_[False, cols["child"][1:] == cols["child"][:-1]]
    cols["episode"] = np.where(repeat, 2, 1)
    cols["council"] = council
    return cols


def _codes(rng: np.random.Generator, table: tuple[tuple[str, float], ...], n: int) -> npt.NDArray[np.str_]:
    codes, shares = zip(*table, strict=True)
    p = np.array(shares)
    drawn: npt.NDArray[np.str_] = rng.choice(np.array(codes), size=n, p=p / p.sum())
    return drawn


def _characteristics(rng: np.random.Generator, cols: dict[str, Any], again: Bools) -> None:
    """The census's codes: per child (sex, ethnicity) and per episode (need, abuse, earlier plans)."""
    n, m = len(again), len(cols["referral"])
    for key, table in (("sex", SEXES), ("ethnicity", ETHNICITIES)):
        per_child = _codes(rng, table, n)
        cols[key] = np.concatenate([per_child, per_child[again]])
    cols["need"] = np.where(~_isnat(cols["s_start"]), "N1", _codes(rng, PRIMARY_NEEDS, m))
    cols["abuse"] = _codes(rng, ABUSE, m)
    changed = rng.random(m) < 0.1
    cols["abuse_latest"] = np.where(changed, _codes(rng, ABUSE, m), cols["abuse"])
    cols["previous_plans"] = rng.geometric(0.75, m) - 1


def _isnat(values: Dates) -> Bools:
    result: Bools = np.isnat(values)
    return result


def _censor(values: Dates, ref: np.datetime64) -> Dates:
    """Nothing after the reference date is in that year's census."""
    return np.where(values > ref, NAT, values)


def _episodes(rng: np.random.Generator, referral: Dates, ref: np.datetime64, year_start: np.datetime64,
              rates: FaultRates, cal: WorkingCalendar) -> dict[str, Any]:
    n = len(referral)
    wd = cal.add_working_days_array
    # No further action: only for referrals in the year (DfE 8569Q); most close that day, some
    # stay open or close late, as real returns show (no assessment is due either way).
    nfa = (rng.random(n) < 0.08) & (referral >= year_start)
    nfa_open = nfa & (rng.random(n) < 0.25)
    path = rng.random(n)  # < .45 close after assessment, < .80 CIN plan, else section 47
    # Assessment: most well within 45 working days (gamma, mean 24), a natural tail beyond.
    a_start = _censor(np.where(nfa, NAT, wd(referral, rng.integers(0, 3, n))), ref)
    duration = np.maximum(np.rint(rng.gamma(4.0, 6.0, n)).astype(np.int64), 1)
    a_done = wd(a_start, duration)
    started = ~_isnat(a_start)  # an assessment that would start after the reference date is not shown
    late = started & (rng.random(n) < rates.assessment_late)
    a_done = np.where(late, wd(referral, 46 + rng.geometric(0.08, n)), a_done)
    kept_open = started & ~late & (rng.random(n) < rates.assessment_open) & (wd(referral, 45) < ref)
    a_done = _censor(np.where(kept_open, NAT, a_done), ref)
    # A second assessment in some episodes, started after the first was authorised.
    again = ~_isnat(a_done) & (rng.random(n) < 0.06)
    a2_start = _censor(np.where(again, wd(a_done, rng.integers(5, 60, n)), NAT), ref)
    a2_done = _censor(wd(a2_start, np.maximum(np.rint(rng.gamma(4.0, 6.0, n)).astype(np.int64), 1)), ref)
    # Section 47: strategy discussion early; a conference when needed, mostly within 15 days.
    s47 = ~nfa & (path >= 0.80)
    s_start = _censor(np.where(s47, wd(referral, rng.integers(0, 3, n)), NAT), ref)
    s47 &= ~_isnat(s_start)
    needed = s47 & (rng.random(n) < 0.65)
    delay = np.maximum(np.rint(rng.gamma(6.0, 1.6, n)).astype(np.int64), 1)
    icpc_late = needed & (rng.random(n) < rates.icpc_late)
    delay = np.where(icpc_late, 16 + rng.geometric(0.15, n), delay)
    missing = needed & ~icpc_late & (rng.random(n) < rates.icpc_missing) & (wd(s_start, 15) < ref)
    icpc = _censor(np.where(needed & ~missing, wd(s_start, delay), NAT), ref)
    not_required = s47 & ~needed
    # Later enquiries needing no conference, in some episodes whose first one had one.
    s2_start = _censor(np.where(~_isnat(icpc) & (rng.random(n) < 0.08), wd(icpc, rng.integers(20, 80, n)),
                                NAT), ref)
    # CP plan from the conference; reviews at roughly 3 then 6 months, some late.
    plan = ~_isnat(icpc) & (rng.random(n) < 0.85)
    reviews, review_late, plan_end = _reviews(rng, np.where(plan, icpc, NAT), rates, ref)
    # CIN plan after the assessment (or after enquiries that needed no conference).
    cin = (~s47 & ~nfa & (path >= 0.45)) | (not_required & (rng.random(n) < 0.5))
    cin &= ~_isnat(a_done)
    c_start = _censor(np.where(cin, a_done + rng.integers(0, 10, n), NAT), ref)
    c_end = _censor(c_start + rng.integers(60, 420, n), ref)
    # Closure once everything has finished; still open otherwise.
    last = np.fmax.reduce([referral, a_done, icpc, plan_end, c_end, s_start, a2_done, a2_start, s2_start])
    finished = (nfa | ~_isnat(a_done)) & ~missing & (~cin | ~_isnat(c_end))
    finished &= ~(plan & _isnat(plan_end)) & ~(needed & _isnat(icpc)) & (_isnat(a2_start) | ~_isnat(a2_done))
    finished &= ~(~nfa & _isnat(a_start))
    nfa_closure = np.where(nfa_open, np.where(rng.random(n) < 0.5, referral + rng.integers(60, 300, n), NAT),
                           referral)
    closure = _censor(np.where(finished, np.where(nfa, nfa_closure, last + rng.integers(0, 15, n)), NAT), ref)
    # RC8/RC9 ("closed after assessment", NFA or early help) only when the assessment was all;
    # a referral with no further action, enquiries or a plan close as RC7 (census rule 2990).
    reason = np.where(nfa | s47 | plan | cin, "RC7", np.where(path < 0.27, "RC8", "RC9"))
    return {
        "referral": referral, "closure": closure, "reason": reason, "nfa": nfa,
        "a_start": a_start, "a_done": a_done, "a_late": late, "a_open": kept_open,
        "a2_start": a2_start, "a2_done": a2_done,
        "s_start": s_start, "icpc": icpc, "icpc_late": icpc_late, "icpc_missing": missing,
        "not_required": not_required, "s2_start": s2_start, "plan": plan & ~_isnat(icpc), "reviews": reviews,
        "review_late": review_late, "plan_end": plan_end, "c_start": c_start, "c_end": c_end,
    }


def _carried_over(cols: dict[str, Any], year_start: np.datetime64) -> None:
    """What the census shows of an episode carried over from the previous year: an assessment
    authorised before 1 April is not in it (DfE 8696), so a later one takes its place; nor is
    a CIN plan that ended before it."""
    hidden = cols["a_done"] < year_start
    second_hidden = cols["a2_done"] < year_start
    cols["a_start"] = np.where(hidden, cols["a2_start"], cols["a_start"])
    cols["a_done"] = np.where(hidden, cols["a2_done"], cols["a_done"])
    cols["a_late"] = cols["a_late"] & ~hidden
    cols["a2_start"] = np.where(hidden, NAT, cols["a2_start"])
    cols["a2_done"] = np.where(hidden, NAT, cols["a2_done"])
    # The one taking the first's place may itself have been authorised before the year; and an
    # assessment or enquiry open a whole year is not one a council returns (DfE 8736, 8740).
    gone = (hidden & second_hidden) | ((cols["a_start"] < year_start) & np.isnat(cols["a_done"]))
    cols["a_start"] = np.where(gone, NAT, cols["a_start"])
    cols["a_done"] = np.where(gone, NAT, cols["a_done"])
    cols["a_open"] = cols["a_open"] & ~gone
    open_s47 = (cols["s_start"] < year_start) & np.isnat(cols["icpc"]) & ~cols["not_required"]
    cols["s_start"] = np.where(open_s47, NAT, cols["s_start"])
    cols["icpc_missing"] = cols["icpc_missing"] & ~open_s47
    cols["icpc_late"] = cols["icpc_late"] & ~open_s47
    ended = cols["c_end"] < year_start  # a CIN plan over before the year is not in it (DfE 4013)
    cols["c_start"] = np.where(ended, NAT, cols["c_start"])
    cols["c_end"] = np.where(ended, NAT, cols["c_end"])


def _reviews(rng: np.random.Generator, icpc: Dates, rates: FaultRates,
             ref: np.datetime64) -> tuple[Dates, Bools, Dates]:
    """Review dates (n × MAX_REVIEWS, NaT when none), which were planted late, and plan ends."""
    n = len(icpc)
    reviews = np.full((n, MAX_REVIEWS), NAT)
    late = np.zeros((n, MAX_REVIEWS), dtype=bool)
    count = rng.choice([1, 2, 3, 4, 5], p=[0.3, 0.3, 0.2, 0.12, 0.08], size=n)
    previous = icpc
    for k in range(MAX_REVIEWS):
        months = 3 if k == 0 else 6
        due = add_months_array(previous, months)
        planted = rng.random(n) < (rates.rcpc_first_late if k == 0 else rates.rcpc_review_late)
        offset = np.where(planted, rng.integers(1, 40, n), -rng.integers(1, 25, n))
        day = np.where((k < count) & ~_isnat(previous), due + offset, NAT)
        reviews[:, k] = day
        late[:, k] = planted & (k < count)
        previous = day
    end = _censor(reviews[np.arange(n), count - 1], ref)
    # A review planned for after the reference date is not in the census; its planted
    # lateness still shows as an overdue review when the due date has passed.
    return np.where(reviews > ref, NAT, reviews), late, end


def to_children(cols: dict[str, Any]) -> Iterator[CensusChild]:
    """Census records from the columns (one child's episodes are adjacent)."""
    py = {k: v.tolist() if isinstance(v, np.ndarray) else v for k, v in cols.items()}
    n = len(py["child"])
    i = 0
    while i < n:
        j = i
        while j < n and py["child"][j] == py["child"][i]:
            j += 1
        yield CensusChild(py["child"][i], _d(py["birth"][i]), bool(py["disabled"][i]),
                          tuple(_episode(py, k) for k in range(i, j)),
                          sex=py["sex"][i], ethnicity=py["ethnicity"][i])
        i = j


def _episode(py: dict[str, Any], k: int) -> Episode:
    a_start = _d(py["a_start"][k])
    s_start = _d(py["s_start"][k])
    icpc = _d(py["icpc"][k])
    plan_start = icpc if py["plan"][k] else None
    c_start = _d(py["c_start"][k])
    reviews = tuple(d for d in (_d(r) for r in py["reviews"][k]) if d is not None)
    a2_start = _d(py["a2_start"][k])
    s2_start = _d(py["s2_start"][k])
    assessments: tuple[Assessment, ...] = (Assessment(a_start, _d(py["a_done"][k])),) if a_start else ()
    if a2_start is not None:
        assessments += (Assessment(a2_start, _d(py["a2_done"][k])),)
    section47s: tuple[Section47, ...] = (Section47(s_start, icpc, bool(py["not_required"][k])),) if s_start else ()
    if s2_start is not None:
        section47s += (Section47(s2_start, None, True),)
    return Episode(
        referral=py["referral"][k], closure=_d(py["closure"][k]),
        reason_for_closure=py["reason"][k] if py["closure"][k] is not None else None,
        referral_source="1A",
        primary_need=None if py["nfa"][k] else py["need"][k],
        assessments=assessments,
        cin_plans=(CINPlan(c_start, _d(py["c_end"][k])),) if c_start else (),
        section47s=section47s, referral_nfa=bool(py["nfa"][k]),
        cp_plans=(CPPlan(plan_start, _d(py["plan_end"][k]), reviews, py["abuse"][k],
                         py["abuse_latest"][k], py["previous_plans"][k]),) if plan_start else (),
    )


def _d(value: Any) -> date | None:
    return value if isinstance(value, date) else None
