"""The timescale rules evaluated column-wise: every clock of every case in one partition at once.

The per-case audit (`casework.domain.audit.clocks`) walks one unit's events; this module
asks the same questions of a whole `EventTable` with array operations, reading everything
from the `Rule` records — trigger (first matcher present takes precedence, `each` or
`first`), only_if, satisfied_by, stopped_by, limit, extension — so a rule exists once, as
data, and both audits obey it. The questions, as `clocks.py` asks them:

- a clock starts at each trigger known by the audit date, for rules in force on the
  trigger's latest reading (only a unit's first, or every one but its first, when the rule
  says `trigger_selection: first` or `after_first`);
- it is met by the first satisfying event after the trigger, ended by the first stopping
  event (unless the outcome came first), or still running on the audit date;
- the due date is worked out from both readings of the trigger (earliest and latest), and
  the outcome's both readings are judged against it: *certain* when even its earliest
  reading is after the latest due date, *possible* when only some readings are late;
- in a record not complete for the outcome, or not showing the days before a clock's
  trigger (`Case.complete_from`), a breach is only possible, and a missing outcome is
  "not evidenced".

Working days come only from `casework.domain.calendar`'s array functions and months from
`casework.domain.months.add_months_array`. The result is a set of columns (`Findings`),
one row per unit, trigger and rule — the per-case audit's findings for one child each.

The function is pure over one partition (e.g. one council's census): a deployment that
outgrows one machine maps it over partitions with Dask or Spark and concatenates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

import numpy as np
import numpy.typing as npt

from casework.domain.audit.clocks import _complete as record_complete_for
from casework.domain.batch.table import Bools, Dates, EventTable, Ints
from casework.domain.calendar import WorkingCalendar, england
from casework.domain.chronology import Case
from casework.domain.months import add_months_array
from casework.domain.rules.model import Limit, Limits, Rule

KINDS = ("late", "missed", "overdue", "not_evidenced")
CERTAINTIES = ("certain", "possible")
NONE = -1


@dataclass(frozen=True)
class Findings:
    """Breaches as columns. Codes: `rule` into `rule_ids`, `kind` into KINDS, `certainty` and
    `beyond_extension` into CERTAINTIES (-1: none), `trigger`/`outcome` into the table's
    `event_ids` (-1: no outcome). `clock_*` describe every clock started, breached or not."""

    rule_ids: tuple[str, ...]
    unit: Ints
    rule: Ints
    kind: Ints
    certainty: Ints
    trigger: Ints
    outcome: Ints
    due_earliest: Dates
    due_latest: Dates
    late_by_min: Ints
    late_by_max: Ints
    beyond_extension: Ints
    clock_unit: Ints
    clock_rule: Ints
    clock_due: Dates

    def __len__(self) -> int:
        return len(self.unit)


@dataclass(frozen=True)
class _Judged:
    breach: Bools
    certain: Bools
    low: Ints
    high: Ints


def batchable(rule: Rule) -> str | None:
    """Why the column-wise audit cannot evaluate `rule` (None when it can)."""
    if rule.check != "timescale":
        return f"{rule.id} is a '{rule.check}' check, not a timescale"
    if rule.scope != "child":
        return f"{rule.id} runs per {rule.scope}; the column-wise audit runs per child"
    if rule.also_from:
        return f"{rule.id} also counts from an earlier event; audit it case by case"
    if rule.trigger_expired:
        return f"{rule.id} also starts when another clock runs out; audit it case by case"
    if rule.limit is None:
        return f"{rule.id} has no limit"
    return None


def audit_table(table: EventTable, as_of: date, rules: Sequence[Rule],
                calendar: WorkingCalendar | None = None) -> Findings:
    """Every breach of `rules` in `table` on `as_of` (per-case `audit_case` semantics)."""
    refused = [reason for rule in rules if (reason := batchable(rule))]
    if refused:
        raise ValueError("; ".join(refused))
    local = calendar or england()
    known = table.earliest <= np.datetime64(as_of, "D")
    parts = [
        _rule_findings(table, as_of, known, rule, index, local.statutory() if rule.statutory else local)
        for index, rule in enumerate(rules)
        if not rule.parameters.get("complainant_limit")  # the complainant's own limit: not a fault
    ]
    return _concatenate(tuple(r.id for r in rules), parts)


def _next_after(table: EventTable, mask: Bools, at: Ints, starts: Bools | None = None) -> Ints:
    """For each row in `at`, the first row of the same unit where `mask` holds that could be on
    or after it (-1: none): `clocks._after`, column-wise.

    A later row always could; an earlier row (its earliest reading before the trigger's) could
    when its latest reading is on or after the trigger's earliest, unless it starts a clock of
    the same rule itself (`starts`).
    """
    candidates = np.flatnonzero(mask)
    index = np.searchsorted(candidates, at, side="right")  # the first candidate row after each
    found = index < len(candidates)
    after = np.full(len(at), NONE)
    after[found] = candidates[index[found]]
    same = np.zeros(len(at), dtype=bool)
    same[found] = table.unit[after[found]] == table.unit[at[found]]
    result: Ints = np.where(same, after, NONE)
    earlier = candidates if starts is None else np.flatnonzero(mask & ~starts)
    if not len(earlier) or not len(at):
        return result
    # Units are adjacent and ascending, so unit * span + latest, maximised along the rows, is
    # each unit's running latest reading: the first row reaching the trigger's earliest is the
    # first earlier row that could follow it.
    span = np.int64(1) << 32
    reach = np.maximum.accumulate(table.unit[earlier] * span + table.latest[earlier].astype(np.int64))
    first = np.searchsorted(reach, table.unit[at] * span + table.earliest[at].astype(np.int64), side="left")
    ok = first < len(earlier)
    row = np.full(len(at), NONE)
    row[ok] = earlier[first[ok]]
    ok[ok] = (row[ok] < at[ok]) & (table.unit[row[ok]] == table.unit[at[ok]])
    result = np.where(ok, row, result)
    return result


def _triggers(table: EventTable, rule: Rule, known: Bools) -> Ints:
    """The rows that start a clock: `clocks.triggers`, column-wise."""
    units = table.units
    chosen = np.full(units, len(rule.trigger), dtype=np.int64)
    found_by = []
    for j, matcher in enumerate(rule.trigger):
        found = table.matches((replace(matcher, only_if=()),)) & known
        if matcher.only_if:  # the matcher's own condition, on its unit (`clocks._trigger_matches`)
            holds = np.zeros(units, dtype=bool)
            holds[table.unit[table.matches(matcher.only_if)]] = True
            found &= holds[table.unit]
        has = np.zeros(units, dtype=bool)
        has[table.unit[found]] = True
        chosen[has & (chosen == len(rule.trigger))] = j
        found_by.append(found)
    starts = np.zeros(len(table), dtype=bool)
    for j, found in enumerate(found_by):
        starts |= found & (chosen[table.unit] == j)
    if rule.only_if:
        allowed = np.zeros(units, dtype=bool)
        allowed[table.unit[table.matches(rule.only_if)]] = True
        starts &= allowed[table.unit]
    rows = np.flatnonzero(starts)
    rows = rows[_in_force(rule, table.latest[rows])]
    if rule.trigger_selection in ("first", "after_first") and len(rows):
        first = np.r_[True, table.unit[rows][1:] != table.unit[rows][:-1]]  # each unit's first trigger
        rows = rows[first] if rule.trigger_selection == "first" else rows[~first]
    return rows


def _in_force(rule: Rule, days: Dates) -> Bools:
    """`rule.in_force_on` over a column: asked of the earliest and latest day, and of each
    distinct day only when those two disagree (a rule changing within the partition)."""
    if not len(days):
        return np.zeros(0, dtype=bool)
    first, last = days.min().astype(date), days.max().astype(date)
    if rule.in_force_on(first) and rule.in_force_on(last) and rule.effective_to is None:
        return np.ones(len(days), dtype=bool)  # in force from a day on or before the first, for good
    distinct, inverse = np.unique(days, return_inverse=True)
    answer = np.array([rule.in_force_on(d) for d in distinct.astype(date)], dtype=bool)
    result: Bools = answer[inverse]
    return result


def _due(limit: Limit, days: Dates, calendar: WorkingCalendar) -> Dates:
    """`deadlines._due_one`, column-wise: working days, calendar months, days or weeks."""
    if limit.unit == "working_days":
        return calendar.add_working_days_array(days, limit.amount)
    if limit.unit == "calendar_months":
        return add_months_array(days, limit.amount)
    result: Dates = days + np.timedelta64(limit.amount * (7 if limit.unit == "weeks" else 1), "D")
    return result


def _due_over(limits: Limits, start_e: Dates, start_l: Dates, calendar: WorkingCalendar) -> tuple[Dates, Dates]:
    """`deadlines.due_over`, column-wise: each trigger's readings split where a figure changes,
    each part due under its own figure; the earliest due is the least of the parts' earliest,
    the latest the greatest of their latest."""
    if len(limits.values) == 1:
        limit = limits.values[0].limit
        due_e = _due(limit, start_e, calendar)
        exact = bool(np.array_equal(start_e, start_l))  # every trigger dated exactly: one due date each
        return due_e, due_e if exact else _due(limit, start_l, calendar)
    due_e = np.full(len(start_e), np.datetime64("9999-12-31"), dtype="datetime64[D]")
    due_l = np.full(len(start_e), np.datetime64("0001-01-01"), dtype="datetime64[D]")
    for low, high, value in limits.over(date.min, date.max):
        part_e = np.maximum(start_e, np.datetime64(low, "D"))
        part_l = np.minimum(start_l, np.datetime64(high, "D"))
        has = part_e <= part_l
        due_e[has] = np.minimum(due_e[has], _due(value.limit, part_e[has], calendar))
        due_l[has] = np.maximum(due_l[has], _due(value.limit, part_l[has], calendar))
    return due_e, due_l


def _lateness(due_earliest: Dates, due_latest: Dates, when_earliest: Dates, when_latest: Dates,
              calendar: WorkingCalendar) -> _Judged:
    """`deadlines.lateness`, column-wise."""
    high = calendar.working_days_after_array(due_earliest, when_latest)
    certain = when_earliest > due_latest
    low = np.where(certain, np.maximum(calendar.working_days_after_array(due_latest, when_earliest), 0), 0)
    high = np.where(certain, np.maximum(high, low), np.maximum(high, 0))
    return _Judged(certain | (when_latest > due_earliest), certain, low, high)


def _rule_findings(table: EventTable, as_of: date, known: Bools, rule: Rule, index: int,
                   calendar: WorkingCalendar) -> dict[str, npt.NDArray[np.generic]]:
    assert rule.limit is not None
    today = np.datetime64(as_of, "D")
    t = _triggers(table, rule, known)
    starts = np.zeros(len(table), dtype=bool)
    starts[t] = True
    outcome = _next_after(table, table.matches(rule.satisfied_by) & known, t, starts)
    stop = (_next_after(table, table.matches(rule.stopped_by) & known, t, starts) if rule.stopped_by
            else np.full(len(t), NONE))
    stop = np.where((stop != NONE) & (outcome != NONE) & (outcome < stop), NONE, stop)
    met_before = _met_before(table, rule, t, outcome)
    extended = (_next_after(table, table.matches(rule.extension.by) & known, t, starts) != NONE
                if rule.extension is not None else np.zeros(len(t), dtype=bool))
    start_e, start_l = table.earliest[t], table.latest[t]
    due_e, due_l = _due_over(rule.limit, start_e, start_l, calendar)
    if rule.extension is not None:
        ext_e, ext_l = _due_over(rule.extension.limit, start_e, start_l, calendar)
        due_e, due_l = np.where(extended, ext_e, due_e), np.where(extended, ext_l, due_l)
    stop, outcome, doubtful = _stops_that_may_precede(
        table, table.matches(rule.stopped_by) & known if rule.stopped_by else np.zeros(len(table), dtype=bool),
        table.matches(rule.satisfied_by) & known, t, starts, outcome, stop, due_e, due_l)
    late = (outcome != NONE) & (stop == NONE)
    missed = stop != NONE
    ending = np.where(late, outcome, np.where(missed, stop, 0))
    # An outcome's readings before the trigger's earliest are narrowed away (`clocks.narrowed`).
    when_e = np.where(late | missed, np.maximum(table.earliest[ending], start_e), today)
    when_l = np.where(late | missed, table.latest[ending], today)
    # Which clocks are breached needs only comparisons; working days are counted for those alone.
    b = ((when_e > due_l) | (when_l > due_e)) & ~met_before
    judged = _lateness(due_e[b], due_l[b], when_e[b], when_l[b], calendar)
    late_b = late[b]
    kind = np.where(late_b, 0, np.where(missed[b], 1, 2))
    incomplete = _incomplete(table, rule)[table.unit[t[b]]]
    # A clock started before the first day its record shows (a census's year) may have been
    # met before it, out of sight (`Case.complete_from`); NaT compares False: no such day.
    incomplete = incomplete | (start_e[b] < table.unit_from[table.unit[t[b]]])
    if rule.parameters.get("unrecorded") == "not_evidenced":
        incomplete = incomplete | ~late_b  # a recorded late outcome stays certain (clocks._judge)
    certain = judged.certain & ~incomplete & ~doubtful[b]
    kind = np.where(incomplete & ~late_b, 3, kind)
    beyond = _beyond_extension(rule, start_e[b], start_l[b], when_e[b], when_l[b], extended[b], calendar)
    beyond = np.where(~certain & (beyond == 0), 1, beyond)  # a possible finding is possibly beyond
    tb = t[b]
    return {
        "unit": table.unit[tb], "rule": np.full(len(tb), index), "kind": kind,
        "certainty": np.where(certain, 0, 1), "trigger": table.event_id[tb],
        "outcome": np.where((late | missed)[b], table.event_id[ending[b]], NONE),
        "due_earliest": due_e[b], "due_latest": due_l[b],
        "late_by_min": np.where(certain, judged.low, 0), "late_by_max": judged.high,
        "beyond_extension": beyond,
        "clock_unit": table.unit[t], "clock_rule": np.full(len(t), index), "clock_due": due_l,
    }


def _met_before(table: EventTable, rule: Rule, t: Ints, outcome: Ints) -> Bools:
    """Clocks with no outcome after the trigger met by one wholly before it, for a duty that may
    be done first (`outcome_may_precede`: a care plan before the placement; `clocks._earlier`)."""
    if not rule.parameters.get("outcome_may_precede") or not len(t):
        return np.zeros(len(t), dtype=bool)
    rows = np.flatnonzero(table.matches(rule.satisfied_by))
    first = np.full(table.units, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first, table.unit[rows], table.latest[rows].astype(np.int64))
    met: Bools = (outcome == NONE) & (first[table.unit[t]] < table.earliest[t].astype(np.int64))
    return met


def _stops_that_may_precede(table: EventTable, stops: Bools, satisfied: Bools, t: Ints, starts: Bools,
                            outcome: Ints, stop: Ints, due_e: Dates, due_l: Dates) -> tuple[Ints, Ints, Bools]:
    """`clocks._stopped`, for the clocks whose stop some reading puts before the trigger: each
    such stop that did not end its clock late is passed over, and the clock judged on (by its
    outcome, the next stop or the audit date); nothing about such a clock is certain. A stop
    passed over is passed over as an outcome too (a review that ends the plan may be both),
    as `clocks._after` leaves out every event passed over.

    Only imprecise dates make a stop precede its trigger, so this walks the few such clocks
    one by one (a census return, dated to the day, has none)."""
    doubtful = np.zeros(len(t), dtype=bool)
    outcome = outcome.copy()
    has = stop != NONE
    for i in np.flatnonzero(has & (table.earliest[np.where(has, stop, 0)] < table.latest[t])):
        trigger, row = int(t[i]), int(stop[i])
        while row != NONE and table.earliest[row] < table.latest[trigger]:
            doubtful[i] = True
            when_e, when_l = max(table.earliest[row], table.earliest[trigger]), table.latest[row]
            if when_e > due_l[i] or when_l > due_e[i]:
                break  # ended late: judged by this stop, as possible
            if outcome[i] == row:
                outcome[i] = _next_stop(table, satisfied, trigger, row, starts)
            row = _next_stop(table, stops, trigger, row, starts)
            if outcome[i] != NONE and (row == NONE or outcome[i] < row):
                row = NONE
        stop[i] = row
    return stop, outcome, doubtful


def _next_stop(table: EventTable, stops: Bools, trigger: int, after: int, starts: Bools) -> int:
    """The first stop of the trigger's unit listed after `after` that could be on or after the
    trigger (`clocks._after` with the stops passed over so far left out)."""
    unit = table.unit[trigger]
    row = after + 1
    while row < len(table) and table.unit[row] == unit:
        if stops[row] and row != trigger and (
                row > trigger or (table.latest[row] >= table.earliest[trigger] and not starts[row])):
            return row
        row += 1
    return NONE


def _incomplete(table: EventTable, rule: Rule) -> Bools:
    """Per unit: its record is not complete for the rule's outcome (`clocks._complete`)."""
    answer = np.array([not record_complete_for(Case(id="", council="", complete_for=r), rule)
                       for r in table.records], dtype=bool)
    result: Bools = answer[table.unit_record]
    return result


def _beyond_extension(rule: Rule, start_e: Dates, start_l: Dates, when_e: Dates, when_l: Dates,
                      extended: Bools, calendar: WorkingCalendar) -> Ints:
    """Whether an unextended clock was also late against the extended limit (-1: not asked)."""
    if rule.extension is None:
        return np.full(len(start_e), NONE)
    due_e, due_l = _due_over(rule.extension.limit, start_e, start_l, calendar)
    judged = _lateness(due_e, due_l, when_e, when_l, calendar)
    code = np.where(judged.certain, 0, np.where(judged.breach, 1, NONE))
    result: Ints = np.where(extended, NONE, code)
    return result


def _concatenate(rule_ids: tuple[str, ...], parts: list[dict[str, npt.NDArray[np.generic]]]) -> Findings:
    names = ("unit", "rule", "kind", "certainty", "trigger", "outcome", "due_earliest", "due_latest",
             "late_by_min", "late_by_max", "beyond_extension", "clock_unit", "clock_rule", "clock_due")
    dates = {"due_earliest", "due_latest", "clock_due"}
    columns = {
        name: (np.concatenate([p[name] for p in parts]) if parts
               else np.array([], dtype="datetime64[D]" if name in dates else np.int64))
        for name in names
    }
    for name in names:
        if name not in dates:
            columns[name] = columns[name].astype(np.int64)
    return Findings(rule_ids, **columns)
