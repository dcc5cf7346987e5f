"""The annual report's figures against a hand-built year whose answers are worked by hand
(tests/support/annual_year.py says how each was counted)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from annual_year import hand_built_year

from casework.domain.annual import FEWER_THAN, Ref, ReportPeriod, annual_report
from casework.domain.errors import CaseworkError

YEAR = ReportPeriod.financial_year("2025-26")


@pytest.fixture(scope="module")
def report():
    return annual_report("testshire", hand_built_year("testshire"), YEAR)


def counts(report, year="this"):
    return {row.key: (row.this_year if year == "this" else row.last_year).count
            for section in report.sections for row in section.rows}


def test_complaints_received_in_the_year_by_procedure_by_whom_and_how(report):
    got = counts(report)
    assert got["received.all"] == 4
    assert (got["received.procedure.statutory"], got["received.procedure.corporate"]) == (3, 1)
    assert (got["received.by.parent"], got["received.by.child"], got["received.by.other"]) == (2, 1, 1)
    assert (got["received.how.email"], got["received.how.phone"], got["received.how.in_person"]) == (2, 1, 1)
    assert got["received.procedure.corporate"] == got["received.by.other"] == 1  # C2, a grandmother
    assert got["received.subject.assessment"] == 2
    assert report.figure("received.subject.assessment").refs == (
        Ref("annual-1", "C1"), Ref("annual-3", "C3"))


def test_a_withdrawn_complaint_counts_as_received_and_as_withdrawn_and_raises_no_late_response(report):
    assert report.figure("ended.withdrawn").refs == (Ref("annual-3", "C3"),)
    assert Ref("annual-3", "C3") in report.figure("received.all").refs
    assert Ref("annual-3", "C3") not in report.figure("stage1.responses").refs
    assert counts(report)["stage1.time.late"] == 0


def test_a_complaint_crossing_the_year_end_is_received_in_one_year_and_answered_in_the_next(report):
    c4 = Ref("annual-3", "C4")
    assert c4 in report.figure("received.all").refs
    assert c4 not in report.figure("stage1.responses").refs
    following = annual_report("testshire", hand_built_year("testshire"),
                              ReportPeriod.financial_year("2026-27"))
    assert following.figure("stage1.responses").refs == (c4,)
    assert following.figure("stage1.time.extended").count == 1
    assert following.figure("stage1.days.median").days == 14
    assert following.figure("received.all").count == 0
    assert following.figure("received.all", "last").count == 4


def test_each_stage_counts_responses_findings_per_point_timeliness_days_and_escalations(report):
    got = counts(report)
    assert got["stage1.responses"] == 2
    assert (got["stage1.points.upheld"], got["stage1.points.not_upheld"]) == (1, 2)
    assert (got["stage1.time.in_time"], got["stage1.time.extended"], got["stage1.time.late"]) == (1, 0, 0)
    # The corporate response came before the Complaint Handling Code's limits took effect.
    assert report.figure("stage1.time.unmeasured").refs == (Ref("annual-2", "C2"),)
    assert report.figure("stage1.days.median").days == 5
    assert report.figure("stage1.days.p90").days == 5
    assert got["stage1.escalated"] == 1
    assert got["stage2.responses"] == 1
    assert (got["stage2.points.upheld"], got["stage2.points.partially_upheld"]) == (1, 1)
    assert got["stage2.time.late"] == 1
    assert report.figure("stage2.days.median").days == 29  # counted from the request (rules.md §3b)
    assert got["stage3.responses"] == 0
    assert report.figure("stage3.days.median").days is None


def test_the_ombudsman_its_decisions_remedies_and_actions_due_in_the_year(report):
    got = counts(report)
    assert got["ombudsman.complaints"] == 1
    assert (got["ombudsman.decision.upheld"], got["ombudsman.decision.not_upheld"]) == (1, 0)
    assert report.figure("ombudsman.remedies").amount == Decimal(300)
    # Two actions agreed; one due on 2 Mar 2026 and evidenced on 20 Feb, the other due in May.
    assert (got["ombudsman.actions_due"], got["ombudsman.actions_on_time"]) == (1, 1)
    assert report.figure("ombudsman.actions_on_time").refs == (Ref("annual-2", None, "c2-apology"),)


def test_remedies_by_purpose_judged_against_the_bands_in_force_when_offered(report):
    got = counts(report)
    assert got["remedies.distress"] == 2
    assert report.figure("remedies.distress").amount == Decimal(900)
    assert (got["remedies.distress.above"], got["remedies.distress.within"]) == (1, 1)
    assert got["remedies.time_and_trouble.within"] == 1
    assert "up to £500" in report.section("remedies").note


def test_learning_counts_upheld_points_and_actions_agreed_and_done(report):
    got = counts(report)
    assert got["learning.upheld_points"] == 3
    assert (got["learning.actions_agreed"], got["learning.actions_done"]) == (2, 1)


def test_the_year_before_is_beside_each_figure(report):
    assert report.previous == ReportPeriod.financial_year("2024-25")
    last = counts(report, "last")
    assert (last["received.all"], last["ended.declined"], last["stage1.time.in_time"]) == (2, 1, 1)
    assert report.figure("stage1.days.median", "last").days == 10
    assert last["ombudsman.complaints"] == 0


def test_published_figures_hide_counts_under_five_and_show_zero_and_five():
    from casework.domain.annual import Figure
    assert Figure("k", "k", 0).published() == "0"
    assert Figure("k", "k", 4, amount=Decimal(900)).published() == FEWER_THAN
    assert Figure("k", "k", 1, days=27).published() == FEWER_THAN
    assert Figure("k", "k", 5).published() == "5"


def test_any_dates_may_be_reported_and_a_bad_year_is_refused_with_the_fix():
    period = ReportPeriod.between(date(2025, 1, 1), date(2025, 12, 31))
    assert period.previous() == ReportPeriod.between(date(2024, 1, 1), date(2024, 12, 31))
    assert ReportPeriod.between(date(2025, 4, 1), date(2026, 3, 31)).label == "2025-26"
    with pytest.raises(CaseworkError) as raised:
        ReportPeriod.financial_year("2025-27")
    assert "2025-26" in raised.value.problems[0].fix
    with pytest.raises(CaseworkError):
        ReportPeriod.between(date(2025, 2, 1), date(2025, 1, 1))
