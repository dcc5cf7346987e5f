"""Synthetic open cases for the demo: invented chronologies whose clocks run on a given day.

The seed chronologies in examples/ are historical (2018–2025): on any later day every clock
in them has long stopped, so the home page ("What is due") of a demo council is empty.
These cases are made up — children "A" and "B", adults "parent_a" and "parent_b", no real
person or event — and dated backwards from `today`, so that audited as of `today` some
clocks are overdue, some fall due this week and some next week.

No due date is counted here. Each case is built around one clock that must land in a
window (overdue, this week, next week): the trigger is found by asking the rule's own limit
(`domain.deadlines.due_over` over the rule's data) or the agreed-action phrase reader
(`domain.actions.resolve_deadline`) which trigger days put the due date in that window. A
change to a rule moves the synthetic dates with it. Gaps in the history before the trigger
are counted with the one working-day calendar and `months.add_months`, and kept inside
their own limits, so the only findings are the ones each case is built to show.

The first six cases cover every kind (assessment, child in need plan, child protection
plan, stage 1 and stage 2 complaints, an Ombudsman's agreed action) with the overdue,
this-week and next-week clocks; later cases repeat the kinds with the other variant.
Deterministic: the same council, day, seed and count give the same cases.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import numpy as np

from casework.domain.actions import resolve_deadline
from casework.domain.calendar import england
from casework.domain.chronology import Case, Child, Person
from casework.domain.dates import CaseDate
from casework.domain.deadlines import due_over
from casework.domain.events import Event
from casework.domain.months import add_months
from casework.domain.rules import load_rules
from casework.domain.rules.model import Rule

TITLE_PREFIX = "Synthetic case:"
REFERRERS = ("school", "health visitor", "GP", "police", "early help team", "nursery")
COMPLAINT_POINTS = (
    "the family was not told the outcome of the assessment",
    "the social worker changed three times in two months",
    "visits were cancelled at short notice",
    "the family's views were not recorded in the plan",
    "agreed support for the child's school transport did not start",
    "a meeting was arranged without the family's knowledge",
)


@lru_cache(maxsize=1)
def _rules() -> dict[str, Rule]:
    return {rule.id: rule for rule in load_rules()}


def _due_under(rule_id: str, extended: bool = False) -> Callable[[date], date]:
    """The rule's due date for a trigger on a given day, as the audit computes it."""
    rule = _rules()[rule_id]
    limit = rule.extension.limit if extended and rule.extension else rule.limit
    if limit is None:
        raise ValueError(f"rule '{rule_id}' has no time limit")
    calendar = england().statutory() if rule.statutory else england()
    return lambda day: due_over(limit, CaseDate.exact(day), calendar).latest


def _due_by_phrase(phrase: str) -> Callable[[date], date]:
    def due(day: date) -> date:
        found = resolve_deadline(phrase, day)
        if found is None:
            raise ValueError(f"'{phrase}' cannot be read as a deadline")
        return found
    return due


def _wd(day: date, n: int) -> date:
    """`n` working days after `day` (before it, when negative)."""
    return england().add_working_days(day, n)


@dataclass
class _Draft:
    """One case being written: its children, its day, and the events so far."""

    rng: np.random.Generator
    today: date
    children: tuple[str, ...]
    events: list[Event] = field(default_factory=list)

    def pick(self, low: int, high: int) -> int:
        """A whole number in low..high inclusive."""
        return int(self.rng.integers(low, high + 1))

    def add(self, event_id: str, kind: str, day: date, note: str = "", **details: object) -> str:
        if day > self.today:
            raise ValueError(f"synthetic event '{event_id}' ({day}) is after {self.today}")
        self.events.append(Event(event_id, kind, CaseDate.exact(day), self.children,
                                 dict(details), note, "synthetic"))
        return event_id

    def landing(self, due_of: Callable[[date], date], low: date, high: date) -> date:
        """A trigger day whose due date falls in low..high, preferring weekdays."""
        found = self.try_landing(due_of, low, high)
        if found is None:
            raise ValueError(f"no trigger day puts the due date between {low} and {high}")
        return found

    def try_landing(self, due_of: Callable[[date], date], low: date, high: date) -> date | None:
        """As `landing`, or None: a month limit cannot end on the 31st after a 30-day month."""
        guess = low - (due_of(low) - low)
        days = [guess + timedelta(days=d) for d in range(-21, 22 + (high - low).days)]
        fits = [d for d in days if low <= due_of(d) <= high and d < self.today]
        weekdays = [d for d in fits if d.weekday() < 5] or fits
        return weekdays[self.pick(0, len(weekdays) - 1)] if weekdays else None

    def points(self, n: int) -> dict[str, str]:
        chosen = self.rng.choice(len(COMPLAINT_POINTS), size=n, replace=False)
        # Keyed by text, as the chronology file reader keys them, so a case reads back equal.
        return {str(i + 1): COMPLAINT_POINTS[int(k)] for i, k in enumerate(chosen)}

    def referral(self, day: date, assessed_after: int | None) -> None:
        """A referral, decided the next working day, assessed within 45 working days if given."""
        self.add("referral", "referral", day, source=REFERRERS[self.pick(0, len(REFERRERS) - 1)])
        self.add("referral_decision", "referral_decision", _wd(day, 1),
                 note="child and family assessment to be carried out")
        self.add("assessment_started", "assessment_started", _wd(day, self.pick(2, 4)))
        if assessed_after is not None:
            self.add("assessment_completed", "assessment_completed", _wd(day, assessed_after),
                     outcome="needs identified; child in need plan")


def _assessment(d: _Draft, lap: int) -> str:
    """A referral with its assessment still open: overdue (even laps) or nearly due."""
    due = _due_under("assessment_timescale")
    if lap % 2 == 0:
        referred = d.landing(due, d.today - timedelta(days=20), d.today - timedelta(days=2))
        words = "child and family assessment past 45 working days"
    else:
        referred = d.landing(due, d.today + timedelta(days=2), d.today + timedelta(days=12))
        words = "child and family assessment nearly due"
    d.referral(referred, None)
    d.add("home_visit", "visit", _wd(referred, d.pick(5, 9)), note="home visit for the assessment")
    return words


def _cin_plan(d: _Draft, lap: int) -> str:
    """A child in need plan reviewed on time, next review due this week (even laps) or overdue."""
    due = _due_under("cin_plan_review")
    if lap % 2 == 0:
        sunday = d.today + timedelta(days=6 - d.today.weekday())
        last = d.try_landing(due, d.today, sunday)
        if last is None:  # e.g. Sunday 31 May: no review six months before it
            return _cin_plan_first_review(d, sunday)
        words = "child in need review due this week"
    else:
        last = d.landing(due, d.today - timedelta(days=30), d.today - timedelta(days=3))
        words = "child in need review overdue"
    first = add_months(last, -5) - timedelta(days=d.pick(0, 10))
    _cin_plan_start(d, add_months(first, -3) + timedelta(days=d.pick(7, 20)))
    d.add("review_1", "cin_review", first)
    d.add("review_2", "cin_review", last)
    return words


def _cin_plan_first_review(d: _Draft, sunday: date) -> str:
    """A plan started about three months ago, its first review due this week (or next)."""
    due = _due_under("cin_plan_first_review")
    started = (d.try_landing(due, d.today, sunday)
               or d.landing(due, d.today, sunday + timedelta(days=7)))
    _cin_plan_start(d, started)
    return "first child in need review due"


def _cin_plan_start(d: _Draft, started: date) -> None:
    """Referral, assessment and the plan's start with its planning meeting."""
    assessed = _wd(started, -d.pick(0, 3))
    d.referral(_wd(assessed, -d.pick(20, 35)), None)
    d.add("assessment_completed", "assessment_completed", assessed,
          outcome="needs identified; child in need plan")
    d.add("cin_plan", "cin_plan_started", started)
    d.add("planning_meeting", "cin_planning_meeting", _wd(started, d.pick(8, 15)))


def _child_protection(d: _Draft, lap: int) -> str:
    """A child protection plan: next RCPC due next week (even laps), or the first within 14 days."""
    if lap % 2 == 0:
        monday = d.today + timedelta(days=7 - d.today.weekday())
        rcpc = d.landing(_due_under("rcpc_review"), monday, monday + timedelta(days=6))
        icpc = add_months(rcpc, -3) + timedelta(days=d.pick(3, 15))
        words = "review child protection conference due next week"
    else:
        icpc = d.landing(_due_under("rcpc_first"), d.today + timedelta(days=1),
                         d.today + timedelta(days=14))
        rcpc = None
        words = "first review child protection conference due soon"
    strategy = _wd(icpc, -d.pick(10, 14))
    d.referral(strategy, d.pick(20, 35))
    d.add("strategy", "strategy_discussion", strategy, s47_initiated=True)
    d.add("s47", "s47_enquiry", _wd(strategy, d.pick(4, 8)), concerns_substantiated=True)
    d.add("icpc", "icpc", icpc, cp_plan=True)
    d.add("cp_plan", "cp_plan_started", icpc)
    core_group = _wd(icpc, d.pick(5, 9))
    for n in range(1, 8):
        if core_group > d.today:
            break
        d.add(f"core_group_{n}", "core_group", core_group)
        core_group = _wd(core_group, d.pick(25, 30))
    if rcpc is not None:
        d.add("rcpc_1", "rcpc", rcpc, plan_continues=True)
    return words


def _complaint_history(d: _Draft, received: date, n_points: int) -> dict[str, str]:
    """The closed child in need episode a complaint is about, then the complaint received."""
    assessed = _wd(received, -d.pick(30, 60))
    d.referral(_wd(assessed, -d.pick(20, 35)), None)
    d.add("assessment_completed", "assessment_completed", assessed,
          outcome="no further action; advice given")
    d.add("case_closed", "case_closed", _wd(assessed, d.pick(1, 5)))
    points = d.points(n_points)
    d.add("complaint", "complaint_received", received, complaint="C1", procedure="statutory",
          points=points, about="assessment_completed")
    d.add("acknowledged", "complaint_acknowledged", _wd(received, d.pick(1, 2)),
          complaint="C1", stage=1)
    return points


def _stage1(d: _Draft, lap: int) -> str:
    """A statutory complaint at stage 1, its 10 (or extended 20) working days still running."""
    extended = lap % 2 == 1
    due = _due_under("stage1_response", extended=extended)
    received = d.landing(due, d.today + timedelta(days=1), d.today + timedelta(days=10))
    _complaint_history(d, received, d.pick(2, 3))
    if extended:
        d.add("stage1_extended", "stage1_extended", _wd(received, d.pick(5, 8)), complaint="C1",
              note="complex points; complainant told the response will take up to 20 working days")
        return "stage 1 complaint response extended, due soon"
    return "stage 1 complaint response due soon"


def _stage2(d: _Draft, lap: int) -> str:
    """A statutory complaint at stage 2: the 25 working days passed (even laps) or running."""
    due = _due_under("stage2_response")
    if lap % 2 == 0:
        started = d.landing(due, d.today - timedelta(days=20), d.today - timedelta(days=2))
        words = "stage 2 complaint investigation overdue"
    else:
        started = d.landing(due, d.today + timedelta(days=6), d.today + timedelta(days=20))
        words = "stage 2 complaint investigation under way"
    # Counted from the request instead (`also_from`), a running clock must still be running.
    gaps = [g for g in (1, 2, 3) if lap % 2 == 0 or due(_wd(started, -g)) >= d.today] or [0]
    requested = _wd(started, -gaps[d.pick(0, len(gaps) - 1)])
    answered = _wd(requested, -d.pick(5, 15))
    _complaint_history(d, _wd(answered, -d.pick(6, 9)), 2)
    d.add("stage1_response", "stage1_response", answered, complaint="C1",
          findings={"1": "not_upheld", "2": "partially_upheld"})
    d.add("stage1_remedy", "remedy_offered", answered, complaint="C1", points=["2"],
          purpose="time_and_trouble", amount=150, by="council")
    d.add("stage2_requested", "stage2_requested", requested, complaint="C1")
    d.add("stage2_started", "stage2_started", started, complaint="C1",
          note="complaint statement agreed with the complainant")
    d.add("investigator", "investigating_officer_appointed", _wd(started, d.pick(1, 3)),
          complaint="C1")
    d.add("independent_person", "independent_person_appointed", _wd(started, d.pick(1, 3)),
          complaint="C1")
    return words


def _ombudsman(d: _Draft, lap: int) -> str:
    """After stage 2, the Ombudsman's decision and agreed actions: one due in 8–14 days (even
    laps) or one overdue."""
    if lap % 2 == 0:
        phrase = "within one month of our final decision"
        decided = d.landing(_due_by_phrase(phrase), d.today + timedelta(days=8),
                            d.today + timedelta(days=14))
        words = "Ombudsman's agreed action due soon"
    else:
        phrase = "within four weeks of our final decision"
        decided = d.landing(_due_by_phrase(phrase), d.today - timedelta(days=10),
                            d.today - timedelta(days=2))
        words = "Ombudsman's agreed action overdue"
    to_ombudsman = _wd(decided, -d.pick(80, 120))
    responded = _wd(to_ombudsman, -d.pick(10, 20))
    started = _wd(responded, -d.pick(15, 22))
    requested = _wd(started, -d.pick(1, 3))
    answered = _wd(requested, -d.pick(5, 12))
    _complaint_history(d, _wd(answered, -d.pick(6, 9)), 2)
    d.add("stage1_response", "stage1_response", answered, complaint="C1",
          findings={"1": "not_upheld", "2": "not_upheld"})
    d.add("stage2_requested", "stage2_requested", requested, complaint="C1")
    d.add("stage2_started", "stage2_started", started, complaint="C1")
    d.add("stage2_reports", "stage2_reports", _wd(responded, -d.pick(2, 4)), complaint="C1",
          findings={"1": "upheld", "2": "not_upheld"})
    d.add("stage2_response", "stage2_response", responded, complaint="C1",
          findings={"1": "upheld", "2": "not_upheld"})
    d.add("stage2_remedy", "remedy_offered", responded, complaint="C1", points=["1"],
          purpose="distress", amount=250, by="stage 2")
    d.add("to_ombudsman", "ombudsman_complaint", to_ombudsman, complaint="C1")
    d.add("decision", "ombudsman_decision", decided, reference=f"SYNTHETIC {d.pick(100, 999)}",
          outcome="upheld", fault=True)
    d.add("ombudsman_remedy", "remedy_offered", decided, purpose="distress", amount=300,
          by="Ombudsman", payee="parent_a")
    d.add("apology", "action_agreed", decided, decision="decision", deadline=phrase,
          action="apologise in writing and pay the family £300")
    d.add("review", "action_agreed", decided, decision="decision",
          deadline="within three months of our final decision",
          action="remind staff of the stage 2 timescales and report to the Ombudsman")
    if lap % 2 == 0:  # a fixed date can fall on any day, so this week always has one
        by = d.today + timedelta(days=d.pick(0, 6 - d.today.weekday()))
        d.add("evidence", "action_agreed", decided, decision="decision",
              deadline=f"by {by.day} {by:%B %Y}",
              action="send the Ombudsman the plan for the child's support, agreed with the family")
    return words


KINDS: tuple[Callable[[_Draft, int], str], ...] = (
    _assessment, _cin_plan, _child_protection, _stage1, _stage2, _ombudsman,
)


def synthetic_cases(council: str, today: date, seed: int = 0, count: int = len(KINDS)) -> list[Case]:
    """`count` invented open cases for `council`, dated so their clocks run on `today`."""
    rng = np.random.default_rng([seed, today.toordinal()])
    return [_case(council, today, seed, rng, index) for index in range(count)]


def _case(council: str, today: date, seed: int, rng: np.random.Generator, index: int) -> Case:
    n_children = int(rng.integers(1, 3))
    children = ("A", "B")[:n_children]
    draft = _Draft(rng, today, children)
    kind = KINDS[index % len(KINDS)]
    words = kind(draft, index // len(KINDS))
    people = [Person("parent_a", "parent", children)]
    if rng.random() < 0.5:
        people.append(Person("parent_b", "parent", children))
    born = [today - timedelta(days=int(rng.integers(365, 15 * 365))) for _ in children]
    return Case(
        id=f"synthetic-{council}-{index + 1:03d}", council=council,
        title=f"{TITLE_PREFIX} {words}",
        children=tuple(Child(c, born[i], note=f"Child {c}, a synthetic child")
                       for i, c in enumerate(children)),
        people=tuple(people), events=tuple(draft.events),
        source=f"{_GENERATED_FOR}{today.isoformat()} (seed {seed}); not a real case",
    )


_GENERATED_FOR = "synthetic demo data generated for "


def generated_for(source: str) -> date | None:
    """The day a synthetic case was dated for, read back from its `source`; None if the
    text is not one these cases carry."""
    if not source.startswith(_GENERATED_FOR):
        return None
    try:
        return date.fromisoformat(source[len(_GENERATED_FOR):][:10])
    except ValueError:
        return None
