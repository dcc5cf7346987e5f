"""Decisions in the service layer, on a corpus of exactly the five seeds, on both databases.

The shared test database also holds other tests' decisions, and a benchmark or a
precedent list is about the whole corpus, so these tests get a fresh database each.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest
from store_backends import EXAMPLES, PASSWORD, fresh_database, seed

from casework.adapters.passwords import Argon2Passwords
from casework.bootstrap import Container, build
from casework.config import load_settings
from casework.domain.errors import CaseworkError
from casework.service import decisions, reports, trail
from casework.service.auth import add_user
from casework.service.cases import import_case
from casework.service.errors import NotFound


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def corpus(request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[Container]:
    """A new database holding the five seed decisions and nothing else."""
    for url in fresh_database(request.param, tmp_path_factory):
        settings = replace(load_settings({}), database_url=url, load_demo_data=False)
        built = build(settings, passwords=Argon2Passwords.fast())
        decisions.load_demo_decisions(built.uow, built.files.decisions, EXAMPLES / "decisions")
        yield built
        built.dispose()


def _reader(container: Container, council: str = "wirral", role: str = "caseworker"):
    name = f"{council}.{role}.{uuid.uuid4().hex[:6]}"
    return add_user(container.uow(), container.passwords, council, name, PASSWORD, role)


def test_the_benchmark_for_delay_at_stage_2_spreads_the_seed_payments(corpus):
    result = decisions.benchmark_remedies(corpus.uow(), _reader(corpus), "delay at stage 2")
    assert {d["reference"] for d in result["decisions"]} == {"24 010 960", "24 007 529"}
    overall = result["overall"]
    assert (overall["count"], overall["median"], overall["min"], overall["max"]) == (
        4, 521.13, 300.00, 1102.58)
    by_purpose = {s["purpose"]: s for s in result["by_purpose"]}
    assert set(by_purpose) == {"distress", "delay", "financial_loss"}
    loss = by_purpose["financial_loss"]
    assert (loss["count"], loss["median"], loss["min"], loss["max"]) == (2, 822.42, 542.25, 1102.58)
    assert [d["href"] for d in loss["decisions"]] == ["/api/decisions/24-010-960"]
    assert by_purpose["distress"]["decisions"][0]["organisation"] == "Southend-on-Sea City Council"


def test_the_benchmark_for_missed_direct_payments_is_liverpool_s_three_payments(corpus):
    result = decisions.benchmark_remedies(corpus.uow(), _reader(corpus), "missed direct payments")
    assert [d["reference"] for d in result["decisions"]] == ["24 010 960"]
    assert {(s["purpose"], s["count"], s["min"], s["max"]) for s in result["by_purpose"]} == {
        ("delay", 1, 500.00, 500.00), ("financial_loss", 2, 542.25, 1102.58)}


def test_a_theme_no_decision_mentions_has_no_payments_and_an_empty_theme_is_refused(corpus):
    reader = _reader(corpus)
    nothing = decisions.benchmark_remedies(corpus.uow(), reader, "zoo animals escaped")
    assert nothing["decisions"] == [] and nothing["overall"] is None
    with pytest.raises(CaseworkError) as refused:
        decisions.benchmark_remedies(corpus.uow(), reader, "  ")
    assert refused.value.problems[0].field == "theme"


def test_each_finding_of_a_seed_case_lists_decisions_that_found_the_same_fault(corpus):
    manager = _reader(corpus, "wirral", "team_manager")
    import_case(corpus.uow(), manager, seed("wirral-19-020-817.yaml", "wirral"))
    report = reports.audit_case_as_of(corpus.uow(), manager, "wirral-19-020-817", date(2021, 6, 3))
    by_rule = {f.rule: [p.reference for p in f.precedents] for f in report.findings}
    # the case's own decision is a precedent for its missed child in need reviews
    assert "19 020 817" in by_rule["cin_plan_first_review"]
    assert "19 020 817" in by_rule["cin_planning_meeting"]
    assert set(by_rule["stage2_response"]) == {"24 010 960", "24 007 529"}
    every = {p for refs in by_rule.values() for p in refs}
    assert "24 009 485" not in every, "Sefton 24 009 485 found no fault, so it is no precedent"
    link = report.findings[0].precedents[0]
    assert link.href == f"/api/decisions/{link.slug}" and link.organisation


def test_a_decision_reads_back_with_what_the_parser_found_and_the_read_is_logged(corpus):
    auditor = _reader(corpus, "wirral", "auditor")
    wirral = decisions.get_decision(corpus.uow(), auditor, "19-020-817")
    per_child = [p for p in wirral["payments"] if p["per_child"]]
    assert [(p["amount"], p["children"], p["total"]) for p in per_child] == [(200.0, 5, 1000.0)]
    assert wirral["text"].startswith("Wirral Metropolitan Borough Council (19 020 817)")
    liverpool = decisions.get_decision(corpus.uow(), auditor, "24 010 960")
    assert "2025-06-28" in [a["due"] for a in liverpool["actions"]]
    with pytest.raises(NotFound):
        decisions.get_decision(corpus.uow(), auditor, "11-111-111")
    page = decisions.search_decisions(corpus.uow(), auditor, "safeguarding", outcome="upheld")
    assert page.total >= 1
    log = trail.read_audit_log(corpus.uow(), auditor, per_page=10)["items"]
    assert [(e["action"], e["record"]) for e in log[0:3]] == [
        ("list", "*"), ("read", "24 010 960"), ("read", "19 020 817")]
    assert "search 'safeguarding' (outcome=upheld)" in log[0]["detail"]


def test_an_unknown_payment_purpose_is_refused_with_the_purposes_that_exist(corpus):
    with pytest.raises(CaseworkError) as refused:
        decisions.search_decisions(corpus.uow(), _reader(corpus), "x", purpose="cake")
    assert refused.value.problems[0].field == "purpose"
    assert "financial_loss" in refused.value.problems[0].fix
