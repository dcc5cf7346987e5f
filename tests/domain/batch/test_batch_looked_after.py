"""The column-wise audit gives the per-case audit's findings on the looked-after rules too,
including a rule whose clock starts at every trigger but the first (`lac_review`)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casework.domain.audit import audit_case
from casework.domain.batch import audit_table, batchable, finding_rows, table_from_cases
from casework.domain.chronology import Case, Child
from casework.domain.dates import CaseDate
from casework.domain.events import Event
from casework.domain.rules import load_rules
from casework.domain.rules.model import Rule

LAC_RULES = tuple(r for r in load_rules() if r.area == "looked_after" and batchable(r) is None)
TYPES = ("became_looked_after", "placement_started", "placement_ended", "ceased_looked_after", "lac_review",
         "lac_visit", "lac_visit", "care_plan", "legal_status_changed")
start = date(2025, 4, 7)


def per_case(cases: list[Case], as_of: date, rules: tuple[Rule, ...]) -> set[tuple[object, ...]]:
    return {(case.id, f.rule_id, f.kind, f.certainty, f.trigger_id, f.outcome_id, f.due_earliest, f.due_latest,
             f.late_by_min, f.late_by_max)
            for case in cases for f in audit_case(case, as_of, rules).findings}


def batch(cases: list[Case], as_of: date, rules: tuple[Rule, ...]) -> set[tuple[object, ...]]:
    table = table_from_cases(cases, rules)
    result = audit_table(table, as_of, rules)
    rows = finding_rows(table, result)
    return {(rows["case_id"][i], rows["rule_id"][i], rows["kind"][i], rows["certainty"][i], rows["trigger_id"][i],
             rows["outcome_id"][i] or None, rows["due_earliest"][i].item(), rows["due_latest"][i].item(),
             int(rows["late_by_min"][i]), int(rows["late_by_max"][i])) for i in range(len(result))}


@st.composite
def case_dates(draw: st.DrawFn) -> CaseDate:
    day = start + timedelta(days=draw(st.integers(0, 400)))
    form = draw(st.sampled_from(["exact", "exact", "exact", "month", "bounds"]))
    if form == "month":
        return CaseDate.parse(f"{day:%Y-%m}")
    if form == "bounds":
        return CaseDate(day, day + timedelta(days=draw(st.integers(1, 30))), "bounds")
    return CaseDate.exact(day)


@st.composite
def chronologies(draw: st.DrawFn, number: int) -> Case:
    events = []
    for i in range(draw(st.integers(0, 14))):
        type_ = draw(st.sampled_from(TYPES))
        details: dict[str, object] = {}
        if type_ == "lac_visit" and draw(st.booleans()):
            details["long_term"] = draw(st.booleans())
        if type_ == "legal_status_changed":
            details["legal_status"] = "C2"
        events.append(Event(f"e{i}", type_, draw(case_dates()), ("A",), details))
    complete = draw(st.sampled_from([None, frozenset({"looked_after"})]))
    since = draw(st.sampled_from([None, date(2025, 6, 1)]))
    return Case(f"case{number}", "999", children=(Child("A"),), events=tuple(events), complete_for=complete,
                complete_from=since)


def test_every_looked_after_rule_is_evaluated_column_wise() -> None:
    assert {r.id for r in LAC_RULES} >= {"lac_review", "lac_review_first", "lac_review_second", "lac_visit",
                                         "lac_visit_first", "lac_visit_long_term", "care_plan"}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(0, 10**6), min_size=1, max_size=5, unique=True).flatmap(
    lambda ns: st.tuples(*(chronologies(n) for n in ns))), st.integers(0, 500))
def test_looked_after_chronologies_get_the_same_findings_from_both_audits(cases: tuple[Case, ...],
                                                                         as_of_offset: int) -> None:
    as_of = start + timedelta(days=as_of_offset)
    assert batch(list(cases), as_of, LAC_RULES) == per_case(list(cases), as_of, LAC_RULES)


def test_later_reviews_start_no_clock_at_the_first_review() -> None:
    reviews = [Event(f"r{k}", "lac_review", CaseDate.exact(d), ("A",))
               for k, d in enumerate((date(2025, 4, 1), date(2025, 12, 1), date(2026, 1, 5)), 1)]
    case = Case("c", "999", children=(Child("A"),), events=tuple(reviews))
    rules = tuple(r for r in LAC_RULES if r.id == "lac_review")
    assert batch([case], date(2026, 3, 31), rules) == per_case([case], date(2026, 3, 31), rules) == set()
