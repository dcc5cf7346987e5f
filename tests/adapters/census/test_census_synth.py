"""Synthetic England: deterministic for a seed, and its truth file lists exactly the faults."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from casework.adapters.census.reader import CensusReader
from casework.adapters.census.synth import FaultRates, synth
from casework.domain.audit import audit_case
from casework.domain.calendar import england
from casework.domain.census import census_rules
from casework.domain.chronology import Case
from casework.domain.months import add_months
from casework.domain.rules import load_rules

REFERENCE = date(2026, 3, 31)
YEAR_START = date(2025, 4, 1)
HIGH = FaultRates(assessment_late=0.15, assessment_open=0.05, icpc_late=0.3, icpc_missing=0.1,
                  rcpc_first_late=0.3, rcpc_review_late=0.3)


@pytest.fixture(scope="module")
def small_england(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("england")
    synth(councils=3, children=900, seed=11, out_dir=out, fault_rates=HIGH)
    return out


def truth(out: Path) -> set[tuple[str, ...]]:
    with open(out / "truth.csv", encoding="utf-8") as f:
        return {(r["case_id"], r["rule_id"], r["kind"], r["trigger_id"], r["outcome_id"], r["late_by"])
                for r in csv.DictReader(f)}


def cases(out: Path) -> list[Case]:
    return [c for path in sorted(out.glob("*.xml")) for c in CensusReader(path, strict=True).cases()]


def test_the_same_seed_writes_the_same_files_and_another_seed_does_not(tmp_path: Path) -> None:
    a = synth(councils=2, children=60, seed=5, out_dir=tmp_path / "a")
    b = synth(councils=2, children=60, seed=5, out_dir=tmp_path / "b")
    synth(councils=2, children=60, seed=6, out_dir=tmp_path / "c")
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == ["cin_census_301.xml", "cin_census_302.xml", "truth.csv"]
    assert all((tmp_path / "a" / n).read_bytes() == (tmp_path / "b" / n).read_bytes() for n in names)
    assert any((tmp_path / "a" / n).read_bytes() != (tmp_path / "c" / n).read_bytes() for n in names)
    assert (a.events, a.faults) == (b.events, b.faults)


def test_every_rule_the_census_can_show_has_planted_faults(small_england: Path) -> None:
    with open(small_england / "truth.csv", encoding="utf-8") as f:
        planted = {(r["rule_id"], r["kind"]) for r in csv.DictReader(f) if r["planted"] == "true"}
    assert {rule for rule, _ in planted} == {r.id for r in census_rules(load_rules())}
    assert {("assessment_timescale", "overdue"), ("icpc_timescale", "overdue")} <= planted


def test_the_truth_file_agrees_with_a_recomputation_from_the_census_files(small_england: Path) -> None:
    """Worked out case by case from what the reader reads, one date at a time."""
    cal = england()
    found: set[tuple[str, ...]] = set()

    def clock(case: Case, rule: str, trigger: str, due: date, outcome: str, stop: str) -> None:
        ev = {e.id: e.date.latest for e in case.events}
        if trigger not in ev:
            return
        if outcome in ev:
            kind, when, oid = "late", ev[outcome], outcome
        elif stop in ev:
            kind, when, oid = "missed", ev[stop], stop
        else:
            kind, when, oid = "overdue", REFERENCE, ""
        if kind != "late" and ev[trigger] < YEAR_START:  # may have been met before the year, unseen
            kind = "not_evidenced"
        if when > due:
            found.add((case.id, rule, kind, trigger, oid, str(cal.working_days_after(due, when))))

    for case in cases(small_england):
        ev = {e.id: e for e in case.events}
        referral = ev["ref"].date.earliest
        if not ev["ref"].details.get("no_further_action"):
            clock(case, "assessment_timescale", "ref", cal.add_working_days(referral, 45), "a1.done", "close")
        if "s1.start" in ev and ("s1.icpc" in ev or (ev.get("s1.outcome") is not None
                                 and ev["s1.outcome"].details["concerns_substantiated"])):
            clock(case, "icpc_timescale", "s1.start",
                  cal.add_working_days(ev["s1.start"].date.earliest, 15), "s1.icpc", "close")
        if "c1.start" in ev:
            clock(case, "rcpc_first", "s1.icpc", add_months(ev["s1.icpc"].date.earliest, 3),
                  "c1.review1", "c1.end")
            k = 1
            while f"c1.review{k}" in ev:
                clock(case, "rcpc_review", f"c1.review{k}",
                      add_months(ev[f"c1.review{k}"].date.earliest, 6), f"c1.review{k + 1}", "c1.end")
                k += 1
    assert found == truth(small_england)
    assert len(found) > 50


def test_the_audit_finds_every_listed_fault_and_nothing_the_truth_file_does_not_list(
        small_england: Path) -> None:
    rules = census_rules(load_rules())
    found = {(c.id, f.rule_id, f.kind, f.trigger_id, f.outcome_id or "", str(f.late_by_max))
             for c in cases(small_england) for f in audit_case(c, REFERENCE, rules).findings}
    assert found == truth(small_england)


def test_every_child_and_episode_carries_valid_census_codes_and_fitting_closure_reasons(
        small_england: Path) -> None:
    start = date(2025, 4, 1)
    abuse = {"NEG", "EMO", "PHY", "SAB", "MUL"}
    for path in sorted(small_england.glob("*.xml")):
        for child in CensusReader(path, strict=True).children():
            assert child.sex in {"M", "F", "U"}
            assert child.ethnicity is not None and len(child.ethnicity) == 4
            for ep in child.episodes:
                assert ep.referral_nfa is not None
                assert (ep.primary_need in {f"N{k}" for k in range(1, 10)}) == (not ep.referral_nfa)
                assert all(c.category_of_abuse in abuse and c.latest_category_of_abuse in abuse
                           and c.previous_plans is not None and c.previous_plans >= 0 for c in ep.cp_plans)
                if ep.reason_for_closure in ("RC8", "RC9"):  # the assessment may be last year's, unseen
                    assert ep.assessments or ep.referral < start
                    assert not (ep.section47s or ep.cp_plans or ep.cin_plans or ep.icpc)
                # Carried over from the previous year: its assessments and conferences are in this one.
                assert all(a.authorised is None or a.authorised >= start for a in ep.assessments)
                assert all(s.icpc is None or s.icpc >= start for s in ep.section47s)
