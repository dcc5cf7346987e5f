"""The clocks ledger lists, for every day on or after the record, what the audit lists."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from clock_checks import audit_items, days_to_check, ledger_items
from store_backends import EXAMPLES, seed_names

from casework.adapters.chronology_file import read_case_file
from casework.adapters.synthetic_cases import synthetic_cases
from casework.domain.audit.ledger import clock_records, current_versions, rule_version
from casework.domain.rules import load_rules

thu_10_dec_2026 = date(2026, 12, 10)


def _days(case, records):  # type: ignore[no-untyped-def]
    dues = [d for r in records for d in (r.due_earliest, r.due_latest, r.alternative_until)
            if d is not None and d.year < 2070]
    return days_to_check([case], [d + timedelta(days=k) for d in dues for k in (-1, 0, 1)])


@pytest.mark.parametrize("name", seed_names())
def test_each_seed_lists_on_every_day_what_its_audit_lists(name):
    case = read_case_file(EXAMPLES / name)
    records = clock_records(case)
    assert records, "every seed has clocks"
    for day in _days(case, records):
        assert ledger_items(records, day) == audit_items(case, day), day


def test_the_synthetic_open_cases_list_what_their_audit_lists_as_days_pass():
    cases = synthetic_cases("sefton", thu_10_dec_2026, count=12)
    listed = 0
    for case in cases:
        records = clock_records(case)
        for day in _days(case, records):
            items = ledger_items(records, day)
            assert items == audit_items(case, day), (case.id, day)
            listed += len(items)
    assert listed > 0


def test_each_record_carries_its_rules_version_and_a_changed_rule_has_another():
    rules = {r.id: r for r in load_rules()}
    versions = current_versions()
    case = read_case_file(EXAMPLES / seed_names()[0])
    assert {r.rule_version for r in clock_records(case)} <= set(versions.values())
    from dataclasses import replace

    rule = rules["stage1_response"]
    assert rule_version(replace(rule, heading=rule.heading + " (amended)")) != versions[rule.id]


def test_only_the_clock_checks_report_deadlines_or_overdue_clocks():
    """So the ledger, which keeps the clock checks' items, misses nothing "what is due" lists."""
    from casework.domain.audit import audit_case
    from casework.domain.audit.ledger import CLOCK_CHECKS

    checks = {r.id: r.check for r in load_rules()}
    cases = [read_case_file(EXAMPLES / n) for n in seed_names()]
    cases += synthetic_cases("sefton", thu_10_dec_2026, count=12)
    seen = set()
    for case in cases:
        last = max(e.date.earliest for e in case.events)
        for day in (last, last + timedelta(days=400)):
            report = audit_case(case, day)
            seen |= {checks[i.rule_id] for i in (*report.due, *report.overdue)}
    assert seen and seen <= CLOCK_CHECKS
