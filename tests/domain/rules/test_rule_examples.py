"""The sweep: every rule shipped has a pass example and a breach example (design.md habit 9).

Each example is a small chronology a reader can check by hand against the rule's file. The
pass example gives no finding; the breach example gives the finding the rule exists for,
of the kind and certainty its design yields. A rule added without examples fails here, by
name. Dates are exact and named by weekday; working days are counted as rules.md §0 says
(the trigger is day 0), so each breach is one day past the pass.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pytest
from case_builders import case, ev

from casework.domain.audit import audit_case
from casework.domain.chronology import Case, Person, check_case
from casework.domain.events import Event
from casework.domain.rules import Rule, load_rules

RULES = {r.id: r for r in load_rules()}

# 2025: Good Friday 18 Apr, Easter Monday 21 Apr, early May bank holiday 5 May.
mon_3_mar_2025 = "2025-03-03"
tue_4_mar_2025 = "2025-03-04"  # 1 working day after Mon 3 Mar 2025
thu_6_mar_2025 = "2025-03-06"
mon_10_mar_2025 = "2025-03-10"  # 5 working days after Mon 3 Mar 2025
tue_11_mar_2025 = "2025-03-11"
thu_13_mar_2025 = "2025-03-13"
mon_17_mar_2025 = "2025-03-17"  # 10 working days after Mon 3 Mar 2025
tue_18_mar_2025 = "2025-03-18"
thu_20_mar_2025 = "2025-03-20"
mon_24_mar_2025 = "2025-03-24"  # 15 working days after Mon 3 Mar 2025
tue_25_mar_2025 = "2025-03-25"
mon_31_mar_2025 = "2025-03-31"  # 20 working days after Mon 3 Mar 2025; 4 weeks after it
tue_1_apr_2025 = "2025-04-01"
mon_7_apr_2025 = "2025-04-07"  # 25 working days after Mon 3 Mar 2025
tue_8_apr_2025 = "2025-04-08"
mon_14_apr_2025 = "2025-04-14"  # 30 working days after Mon 3 Mar 2025
tue_15_apr_2025 = "2025-04-15"
thu_8_may_2025 = "2025-05-08"  # 45 working days after Mon 3 Mar 2025 (skips Easter, May Day)
fri_9_may_2025 = "2025-05-09"
tue_3_jun_2025 = "2025-06-03"  # 3 months after Mon 3 Mar 2025
wed_4_jun_2025 = "2025-06-04"
wed_3_sep_2025 = "2025-09-03"  # 6 months after Mon 3 Mar 2025
thu_4_sep_2025 = "2025-09-04"
tue_3_mar_2026 = "2026-03-03"  # 12 months after Mon 3 Mar 2025
wed_4_mar_2026 = "2026-03-04"
# 2026 (the Complaint Handling Code applies from 1 Apr 2026): spring bank holiday Mon 25 May.
mon_11_may_2026 = "2026-05-11"
mon_18_may_2026 = "2026-05-18"  # 5 working days after Mon 11 May 2026
tue_19_may_2026 = "2026-05-19"
tue_26_may_2026 = "2026-05-26"  # 10 working days after Mon 11 May 2026 (skips 25 May)
wed_27_may_2026 = "2026-05-27"
tue_9_jun_2026 = "2026-06-09"  # 20 working days after Mon 11 May 2026
wed_10_jun_2026 = "2026-06-10"
mon_2_mar_2020 = "2020-03-02"  # the 2013 Guidance on Remedies in force: distress £100–£300

mon_10_mar_2025_day = "2025-03-10"  # 1 week after Mon 3 Mar 2025
mon_14_apr_2025 = "2025-04-14"  # 6 weeks after Mon 3 Mar 2025
mon_26_may_2025 = "2025-05-26"  # 12 weeks after Mon 3 Mar 2025
tue_27_may_2025 = "2025-05-27"
mon_21_jul_2025 = "2025-07-21"  # 20 weeks after Mon 3 Mar 2025
tue_22_jul_2025 = "2025-07-22"

tue_1_apr_2025_day = date(2025, 4, 1)
thu_1_may_2025_day = date(2025, 5, 1)
tue_1_jul_2025_day = date(2025, 7, 1)
wed_1_oct_2025_day = date(2025, 10, 1)
wed_1_jul_2026_day = date(2026, 7, 1)


@dataclass(frozen=True)
class Example:
    """A passing and a breaching chronology for one rule, audited on `as_of`.

    `breach` is the (kind, certainty) the breach example must yield, or None where the rule
    by design yields no finding at all (a complainant's own limit).
    """

    passing: Case
    breaching: Case
    as_of: date
    breach: tuple[str, str] | None


def c1(id: str, type: str, when: str, **details: object) -> Event:
    """An event of complaint C1."""
    return ev(id, type, when, complaint="C1", **details)


def statutory(*events: Event, received: str = mon_3_mar_2025) -> Case:
    """A statutory complaint C1 received on `received`, then `events`."""
    return case(c1("c", "complaint_received", received, procedure="statutory"), *events)


def corporate(*events: Event, received: str = mon_11_may_2026) -> Case:
    """A corporate-procedure complaint C1 received on `received`, then `events`."""
    return case(c1("c", "complaint_received", received, procedure="corporate"), *events)


MUM = Person("mum", "parent", ("A",))
DAD = Person("dad", "parent", ("A",))

EXAMPLES: dict[str, Example] = {
    # Child in need --------------------------------------------------------------------------
    # The decision itself is rarely dated in a record, so a missing one is "not evidenced",
    # only ever possible (rule parameter unrecorded: not_evidenced).
    "referral_decision": Example(
        passing=case(ev("r", "referral", mon_3_mar_2025),
                     ev("d", "referral_decision", tue_4_mar_2025)),
        breaching=case(ev("r", "referral", mon_3_mar_2025)),
        as_of=tue_1_apr_2025_day, breach=("not_evidenced", "possible")),
    "assessment_timescale": Example(
        passing=case(ev("r", "referral", mon_3_mar_2025),
                     ev("a", "assessment_completed", thu_8_may_2025)),
        breaching=case(ev("r", "referral", mon_3_mar_2025),
                       ev("a", "assessment_completed", fri_9_may_2025)),
        as_of=wed_1_oct_2025_day, breach=("late", "certain")),
    "cin_planning_meeting": Example(
        passing=case(ev("p", "cin_plan_started", mon_3_mar_2025),
                     ev("m", "cin_planning_meeting", mon_17_mar_2025)),
        breaching=case(ev("p", "cin_plan_started", mon_3_mar_2025)),
        as_of=date(2025, 6, 4), breach=("overdue", "certain")),
    "cin_plan_first_review": Example(
        passing=case(ev("p", "cin_plan_started", mon_3_mar_2025),
                     ev("r", "cin_review", tue_3_jun_2025)),
        breaching=case(ev("p", "cin_plan_started", mon_3_mar_2025),
                       ev("r", "cin_review", wed_4_jun_2025)),
        as_of=wed_1_oct_2025_day, breach=("late", "certain")),
    # The second review starts the next clock, still running on 1 Oct 2025.
    "cin_plan_review": Example(
        passing=case(ev("p", "cin_plan_started", "2024-12-02"), ev("r1", "cin_review", mon_3_mar_2025),
                     ev("r2", "cin_review", wed_3_sep_2025)),
        breaching=case(ev("p", "cin_plan_started", "2024-12-02"), ev("r1", "cin_review", mon_3_mar_2025),
                       ev("r2", "cin_review", thu_4_sep_2025)),
        as_of=wed_1_oct_2025_day, breach=("late", "certain")),
    "cin_closure": Example(
        passing=case(ev("p", "cin_plan_started", "2024-12-02"),
                     ev("x", "cin_plan_closed", mon_3_mar_2025, reason="needs met",
                        agreed_with_family=True),
                     ev("l", "closure_letter_sent", mon_10_mar_2025)),
        breaching=case(ev("p", "cin_plan_started", "2024-12-02"),
                       ev("x", "cin_plan_closed", mon_3_mar_2025),
                       ev("l", "closure_letter_sent", mon_10_mar_2025)),
        as_of=tue_1_apr_2025_day, breach=("duty", "certain")),
    # Child protection -----------------------------------------------------------------------
    "icpc_timescale": Example(
        passing=case(ev("s", "strategy_discussion", mon_3_mar_2025, s47_initiated=True),
                     ev("e", "s47_enquiry", mon_10_mar_2025, concerns_substantiated=True),
                     ev("i", "icpc", mon_24_mar_2025, cp_plan=True)),
        breaching=case(ev("s", "strategy_discussion", mon_3_mar_2025, s47_initiated=True),
                       ev("e", "s47_enquiry", mon_10_mar_2025, concerns_substantiated=True),
                       ev("i", "icpc", tue_25_mar_2025, cp_plan=True)),
        as_of=wed_1_oct_2025_day, breach=("late", "certain")),
    "core_group_first": Example(
        passing=case(ev("i", "icpc", mon_3_mar_2025, cp_plan=True),
                     ev("g", "core_group", mon_17_mar_2025)),
        breaching=case(ev("i", "icpc", mon_3_mar_2025, cp_plan=True),
                       ev("g", "core_group", tue_18_mar_2025)),
        as_of=tue_1_apr_2025_day, breach=("late", "certain")),
    "rcpc_first": Example(
        passing=case(ev("i", "icpc", mon_3_mar_2025, cp_plan=True),
                     ev("r", "rcpc", tue_3_jun_2025, plan_continues=True)),
        breaching=case(ev("i", "icpc", mon_3_mar_2025, cp_plan=True),
                       ev("r", "rcpc", wed_4_jun_2025, plan_continues=True)),
        as_of=wed_1_oct_2025_day, breach=("late", "certain")),
    "rcpc_review": Example(
        passing=case(ev("i", "icpc", "2024-12-02", cp_plan=True),
                     ev("r1", "rcpc", mon_3_mar_2025, plan_continues=True),
                     ev("r2", "rcpc", wed_3_sep_2025, plan_continues=True)),
        breaching=case(ev("i", "icpc", "2024-12-02", cp_plan=True),
                       ev("r1", "rcpc", mon_3_mar_2025, plan_continues=True),
                       ev("r2", "rcpc", thu_4_sep_2025, plan_continues=True)),
        as_of=wed_1_oct_2025_day, breach=("late", "certain")),
    "transfer_in_conference": Example(
        passing=case(ev("n", "transfer_in_notified", mon_3_mar_2025),
                     ev("t", "transfer_in_conference", mon_24_mar_2025)),
        breaching=case(ev("n", "transfer_in_notified", mon_3_mar_2025),
                       ev("t", "transfer_in_conference", tue_25_mar_2025)),
        as_of=tue_1_apr_2025_day, breach=("late", "certain")),
    # Practice duties ------------------------------------------------------------------------
    "prior_involvement": Example(
        passing=case(ev("d", "decision_about_child", mon_3_mar_2025, ("A",),
                        decision="stays with grandmother", involved_before=["mum", "dad"]),
                     people=(MUM, DAD)),
        breaching=case(ev("d", "decision_about_child", mon_3_mar_2025, ("A",),
                          decision="stays with grandmother", involved_before=["mum"],
                          told_after=["dad"]),
                       people=(MUM, DAD)),
        as_of=tue_1_apr_2025_day, breach=("duty", "certain")),
    "risk_assessed_first": Example(
        passing=case(ev("k", "risk_assessment", "2025-02-28", ("A",)),
                     ev("d", "decision_about_child", mon_3_mar_2025, ("A",), decision="travels"),
                     vulnerable=("A",)),
        breaching=case(ev("d", "decision_about_child", mon_3_mar_2025, ("A",), decision="travels"),
                       ev("k", "risk_assessment", tue_4_mar_2025, ("A",)),
                       vulnerable=("A",)),
        as_of=tue_1_apr_2025_day, breach=("duty", "certain")),
    # A call every Thursday from Mon 3 Mar 2025: due Thu 6, 13 and 20 Mar by Fri 21 Mar.
    "contact_kept": Example(
        passing=case(ev("g", "contact_agreement", mon_3_mar_2025, weekday="thursday", kind="call"),
                     ev("m1", "contact_made", thu_6_mar_2025, agreement="g"),
                     ev("m2", "contact_made", thu_13_mar_2025, agreement="g"),
                     ev("m3", "contact_made", thu_20_mar_2025, agreement="g")),
        breaching=case(ev("g", "contact_agreement", mon_3_mar_2025, weekday="thursday", kind="call"),
                       ev("m1", "contact_made", thu_6_mar_2025, agreement="g"),
                       ev("x2", "contact_missed", thu_13_mar_2025, agreement="g"),
                       ev("m3", "contact_made", thu_20_mar_2025, agreement="g")),
        as_of=date(2025, 3, 21), breach=("duty", "certain")),
    "work_evidenced": Example(
        passing=case(ev("w", "work_agreed", mon_3_mar_2025, work="direct work with A",
                        due=date(2025, 3, 31)),
                     ev("d", "work_recorded", thu_20_mar_2025, agreement="w")),
        breaching=case(ev("w", "work_agreed", mon_3_mar_2025, work="direct work with A",
                          due=date(2025, 3, 31))),
        as_of=tue_1_apr_2025_day, breach=("not_evidenced", "certain")),
    # Statutory complaints -------------------------------------------------------------------
    # Reported for information (the council may accept a late complaint), but certain.
    "complaint_time_limit": Example(
        passing=case(ev("v", "visit", mon_3_mar_2025),
                     c1("c", "complaint_received", tue_3_mar_2026, procedure="statutory", about="v")),
        breaching=case(ev("v", "visit", mon_3_mar_2025),
                       c1("c", "complaint_received", wed_4_mar_2026, procedure="statutory", about="v")),
        as_of=wed_1_jul_2026_day, breach=("late", "certain")),
    "stage1_response": Example(
        passing=statutory(c1("s1", "stage1_response", mon_17_mar_2025)),
        breaching=statutory(c1("s1", "stage1_response", tue_18_mar_2025)),
        as_of=tue_1_apr_2025_day, breach=("late", "certain")),
    # The complainant's own limits (parameters.complainant_limit) are never the council's
    # fault: a late request is for the council to waive or refuse, and a refusal after a
    # timely request is judged by stage3_not_refused. So even the breach yields nothing.
    "stage2_request": Example(
        passing=statutory(c1("s1", "stage1_response", mon_3_mar_2025, findings={1: "not_upheld"}),
                          c1("q", "stage2_requested", mon_31_mar_2025), received="2025-02-17"),
        breaching=statutory(c1("s1", "stage1_response", mon_3_mar_2025, findings={1: "not_upheld"}),
                            c1("q", "stage2_requested", tue_1_apr_2025), received="2025-02-17"),
        as_of=tue_1_apr_2025_day, breach=None),
    "stage2_response": Example(
        passing=statutory(c1("q", "stage2_requested", mon_3_mar_2025),
                          c1("r", "stage2_response", mon_7_apr_2025), received="2025-02-03"),
        breaching=statutory(c1("q", "stage2_requested", mon_3_mar_2025),
                            c1("r", "stage2_response", tue_8_apr_2025), received="2025-02-03"),
        as_of=wed_1_oct_2025_day, breach=("late", "certain")),
    "stage3_request": Example(
        passing=statutory(c1("r", "stage2_response", mon_3_mar_2025),
                          c1("q", "stage3_requested", mon_31_mar_2025), received="2025-01-06"),
        breaching=statutory(c1("r", "stage2_response", mon_3_mar_2025),
                            c1("q", "stage3_requested", tue_1_apr_2025), received="2025-01-06"),
        as_of=tue_1_apr_2025_day, breach=None),
    # A refusal is no fault when the request came after the 20 working days; it is one
    # when the request came in time.
    "stage3_not_refused": Example(
        passing=statutory(c1("r", "stage2_response", mon_3_mar_2025),
                          c1("q", "stage3_requested", tue_1_apr_2025),
                          c1("x", "stage3_refused", tue_8_apr_2025), received="2025-01-06"),
        breaching=statutory(c1("r", "stage2_response", mon_3_mar_2025),
                            c1("q", "stage3_requested", mon_31_mar_2025),
                            c1("x", "stage3_refused", tue_8_apr_2025), received="2025-01-06"),
        as_of=wed_1_oct_2025_day, breach=("duty", "certain")),
    "stage3_panel": Example(
        passing=statutory(c1("q", "stage3_requested", mon_3_mar_2025),
                          c1("p", "stage3_panel", mon_14_apr_2025), received="2025-01-06"),
        breaching=statutory(c1("q", "stage3_requested", mon_3_mar_2025),
                            c1("p", "stage3_panel", tue_15_apr_2025), received="2025-01-06"),
        as_of=wed_1_oct_2025_day, breach=("late", "certain")),
    "stage3_panel_report": Example(
        passing=statutory(c1("p", "stage3_panel", mon_3_mar_2025),
                          c1("t", "stage3_panel_report", mon_10_mar_2025), received="2025-01-06"),
        breaching=statutory(c1("p", "stage3_panel", mon_3_mar_2025),
                            c1("t", "stage3_panel_report", tue_11_mar_2025), received="2025-01-06"),
        as_of=tue_1_apr_2025_day, breach=("late", "certain")),
    "stage3_response": Example(
        passing=statutory(c1("t", "stage3_panel_report", mon_3_mar_2025),
                          c1("f", "stage3_response", mon_24_mar_2025), received="2025-01-06"),
        breaching=statutory(c1("t", "stage3_panel_report", mon_3_mar_2025),
                            c1("f", "stage3_response", tue_25_mar_2025), received="2025-01-06"),
        as_of=tue_1_apr_2025_day, breach=("late", "certain")),
    "upheld_point_remedied": Example(
        passing=statutory(c1("s1", "stage1_response", mon_17_mar_2025,
                             findings={1: "upheld", 2: "not_upheld"}),
                          ev("m", "remedy_offered", mon_17_mar_2025, purpose="distress", amount=250,
                             complaint="C1", points=[1])),
        breaching=statutory(c1("s1", "stage1_response", mon_17_mar_2025,
                               findings={1: "upheld", 2: "not_upheld"}),
                            ev("m", "remedy_offered", mon_17_mar_2025, purpose="delay", amount=250,
                               complaint="C1", points=[1])),
        as_of=tue_1_apr_2025_day, breach=("duty", "certain")),
    # Corporate complaints (Complaint Handling Code) -----------------------------------------
    "code_stage1_ack": Example(
        passing=corporate(c1("k", "complaint_acknowledged", mon_18_may_2026, stage=1)),
        breaching=corporate(c1("k", "complaint_acknowledged", tue_19_may_2026, stage=1)),
        as_of=wed_1_jul_2026_day, breach=("late", "certain")),
    # The pass goes on to stage 2: its acknowledgement starts no second stage 1 clock.
    "code_stage1_response": Example(
        passing=corporate(c1("k", "complaint_acknowledged", mon_11_may_2026, stage=1),
                          c1("s1", "corporate_response", tue_26_may_2026, stage=1),
                          c1("q", "stage2_requested", tue_9_jun_2026),
                          c1("k2", "complaint_acknowledged", wed_10_jun_2026, stage=2)),
        breaching=corporate(c1("k", "complaint_acknowledged", mon_11_may_2026, stage=1),
                            c1("s1", "corporate_response", wed_27_may_2026, stage=1)),
        as_of=wed_1_jul_2026_day, breach=("late", "certain")),
    "code_stage2_ack": Example(
        passing=corporate(c1("q", "stage2_requested", mon_11_may_2026),
                          c1("k", "complaint_acknowledged", mon_18_may_2026, stage=2),
                          received="2026-04-13"),
        breaching=corporate(c1("q", "stage2_requested", mon_11_may_2026),
                            c1("k", "complaint_acknowledged", tue_19_may_2026, stage=2),
                            received="2026-04-13"),
        as_of=wed_1_jul_2026_day, breach=("late", "certain")),
    "code_stage2_response": Example(
        passing=corporate(c1("k", "complaint_acknowledged", mon_11_may_2026, stage=2),
                          c1("s2", "corporate_response", tue_9_jun_2026, stage=2),
                          received="2026-04-13"),
        breaching=corporate(c1("k", "complaint_acknowledged", mon_11_may_2026, stage=2),
                            c1("s2", "corporate_response", wed_10_jun_2026, stage=2),
                            received="2026-04-13"),
        as_of=wed_1_jul_2026_day, breach=("late", "certain")),
    # The Ombudsman --------------------------------------------------------------------------
    "action_evidenced": Example(
        passing=case(ev("o", "ombudsman_decision", mon_3_mar_2025, reference="24 000 001"),
                     ev("a", "action_agreed", mon_3_mar_2025, action="apologise",
                        deadline="within four weeks", decision="o"),
                     ev("e", "action_evidenced", mon_31_mar_2025, agreement="a")),
        breaching=case(ev("o", "ombudsman_decision", mon_3_mar_2025, reference="24 000 001"),
                       ev("a", "action_agreed", mon_3_mar_2025, action="apologise",
                          deadline="within four weeks", decision="o")),
        as_of=tue_1_apr_2025_day, breach=("overdue", "certain")),
    # A payment below the normal range may leave injustice unremedied; whether it does is a
    # judgement, so the finding is only ever possible.
    "remedy_within_guidance": Example(
        passing=case(ev("m", "remedy_offered", mon_2_mar_2020, purpose="distress", amount=250)),
        breaching=case(ev("m", "remedy_offered", mon_2_mar_2020, purpose="distress", amount=50)),
        as_of=tue_1_apr_2025_day, breach=("duty", "possible")),
    # Support due from Mon 3 Mar 2025 at £70 a week, backdated only to Mon 31 Mar: 4 weeks,
    # £280 lost; £280 paid repays it, £200 leaves £80 owed.
    # The complainant's limit, reported for information (the Ombudsman may disapply it).
    "ombudsman_time_limit": Example(
        passing=case(ev("o", "ombudsman_complaint", tue_3_mar_2026, notice=date(2025, 3, 3))),
        breaching=case(ev("o", "ombudsman_complaint", wed_4_mar_2026, notice=date(2025, 3, 3))),
        as_of=wed_1_jul_2026_day, breach=("late", "certain")),
    "financial_loss_repaid": Example(
        passing=case(ev("d", "support_due", mon_3_mar_2025, weekly_amount=70),
                     ev("s", "direct_payment_started", tue_15_apr_2025, backdated_to=date(2025, 3, 31)),
                     ev("o", "remedy_offered", tue_15_apr_2025, purpose="financial_loss", amount=280),
                     ev("p", "remedy_paid", tue_15_apr_2025, amount=280, remedy="o")),
        breaching=case(ev("d", "support_due", mon_3_mar_2025, weekly_amount=70),
                       ev("s", "direct_payment_started", tue_15_apr_2025, backdated_to=date(2025, 3, 31)),
                       ev("o", "remedy_offered", tue_15_apr_2025, purpose="financial_loss", amount=200),
                       ev("p", "remedy_paid", tue_15_apr_2025, amount=200, remedy="o")),
        as_of=wed_1_oct_2025_day, breach=("duty", "certain")),
    # Looked-after children (SI 2010/959) ----------------------------------------------------
    "care_plan": Example(
        passing=case(ev("p", "placement_started", mon_3_mar_2025), ev("c", "care_plan", mon_17_mar_2025)),
        breaching=case(ev("p", "placement_started", mon_3_mar_2025), ev("c", "care_plan", tue_18_mar_2025)),
        as_of=tue_1_apr_2025_day, breach=("late", "certain")),
    "lac_review_first": Example(
        passing=case(ev("l", "became_looked_after", mon_3_mar_2025), ev("r", "lac_review", mon_31_mar_2025)),
        breaching=case(ev("l", "became_looked_after", mon_3_mar_2025), ev("r", "lac_review", tue_1_apr_2025)),
        as_of=wed_1_oct_2025_day, breach=("late", "certain")),
    "lac_review_second": Example(
        passing=case(ev("r1", "lac_review", mon_3_mar_2025), ev("r2", "lac_review", tue_3_jun_2025)),
        breaching=case(ev("r1", "lac_review", mon_3_mar_2025), ev("r2", "lac_review", wed_4_jun_2025)),
        as_of=tue_1_jul_2025_day, breach=("late", "certain")),
    # The first review's successor is lac_review_second's; the third starts a clock still
    # running on 1 Oct 2025.
    "lac_review": Example(
        passing=case(ev("r1", "lac_review", "2024-12-02"), ev("r2", "lac_review", mon_3_mar_2025),
                     ev("r3", "lac_review", wed_3_sep_2025)),
        breaching=case(ev("r1", "lac_review", "2024-12-02"), ev("r2", "lac_review", mon_3_mar_2025),
                       ev("r3", "lac_review", thu_4_sep_2025)),
        as_of=wed_1_oct_2025_day, breach=("late", "certain")),
    "lac_visit_first": Example(
        passing=case(ev("p", "placement_started", mon_3_mar_2025), ev("v", "lac_visit", mon_10_mar_2025_day)),
        breaching=case(ev("p", "placement_started", mon_3_mar_2025), ev("v", "lac_visit", tue_11_mar_2025)),
        as_of=tue_1_apr_2025_day, breach=("late", "certain")),
    "lac_visit": Example(
        passing=case(ev("v1", "lac_visit", mon_3_mar_2025), ev("v2", "lac_visit", mon_14_apr_2025)),
        breaching=case(ev("v1", "lac_visit", mon_3_mar_2025), ev("v2", "lac_visit", tue_15_apr_2025)),
        as_of=thu_1_may_2025_day, breach=("late", "certain")),
    "lac_visit_long_term": Example(
        passing=case(ev("v1", "lac_visit", mon_3_mar_2025, long_term=True),
                     ev("v2", "lac_visit", tue_3_jun_2025, long_term=True)),
        breaching=case(ev("v1", "lac_visit", mon_3_mar_2025, long_term=True),
                       ev("v2", "lac_visit", wed_4_jun_2025, long_term=True)),
        as_of=tue_1_jul_2025_day, breach=("late", "certain")),
    # Fostering: the foster carer's own case, naming no child.
    "foster_carer_first_review": Example(
        passing=case(ev("a", "foster_carer_approved", mon_3_mar_2025),
                     ev("r", "foster_carer_review", tue_3_mar_2026), children=()),
        breaching=case(ev("a", "foster_carer_approved", mon_3_mar_2025),
                       ev("r", "foster_carer_review", wed_4_mar_2026), children=()),
        as_of=wed_1_jul_2026_day, breach=("late", "certain")),
    "foster_carer_review": Example(
        passing=case(ev("r1", "foster_carer_review", mon_3_mar_2025),
                     ev("r2", "foster_carer_review", tue_3_mar_2026), children=()),
        breaching=case(ev("r1", "foster_carer_review", mon_3_mar_2025),
                       ev("r2", "foster_carer_review", wed_4_mar_2026), children=()),
        as_of=wed_1_jul_2026_day, breach=("late", "certain")),
    # Care leavers
    "needs_assessment": Example(
        passing=case(ev("e", "became_eligible", mon_3_mar_2025), ev("n", "needs_assessment", tue_3_jun_2025)),
        breaching=case(ev("e", "became_eligible", mon_3_mar_2025), ev("n", "needs_assessment", wed_4_jun_2025)),
        as_of=tue_1_jul_2025_day, breach=("late", "certain")),
    # Private fostering (SI 2005/1533 reg 8)
    "private_fostering_visit_first": Example(
        passing=case(ev("n", "private_fostering_notified", mon_3_mar_2025),
                     ev("v", "private_fostering_visit", mon_14_apr_2025)),
        breaching=case(ev("n", "private_fostering_notified", mon_3_mar_2025),
                       ev("v", "private_fostering_visit", tue_15_apr_2025)),
        as_of=thu_1_may_2025_day, breach=("late", "certain")),
    "private_fostering_visit": Example(
        passing=case(ev("v1", "private_fostering_visit", mon_3_mar_2025),
                     ev("v2", "private_fostering_visit", mon_14_apr_2025)),
        breaching=case(ev("v1", "private_fostering_visit", mon_3_mar_2025),
                       ev("v2", "private_fostering_visit", tue_15_apr_2025)),
        as_of=thu_1_may_2025_day, breach=("late", "certain")),
    "private_fostering_visit_later": Example(
        passing=case(ev("v1", "private_fostering_visit", mon_3_mar_2025, after_first_year=True),
                     ev("v2", "private_fostering_visit", mon_26_may_2025, after_first_year=True)),
        breaching=case(ev("v1", "private_fostering_visit", mon_3_mar_2025, after_first_year=True),
                       ev("v2", "private_fostering_visit", tue_27_may_2025, after_first_year=True)),
        as_of=tue_1_jul_2025_day, breach=("late", "certain")),
    # Special educational needs (SEND Regulations 2014; Children and Families Act 2014 s44)
    "ehc_decision_to_assess": Example(
        passing=case(ev("q", "ehc_requested", mon_3_mar_2025),
                     ev("d", "ehc_decision", mon_14_apr_2025, to_assess=True)),
        breaching=case(ev("q", "ehc_requested", mon_3_mar_2025),
                       ev("d", "ehc_decision", tue_15_apr_2025, to_assess=True)),
        as_of=thu_1_may_2025_day, breach=("late", "certain")),
    "ehc_final_plan": Example(
        passing=case(ev("q", "ehc_requested", mon_3_mar_2025),
                     ev("d", "ehc_decision", mon_14_apr_2025, to_assess=True),
                     ev("p", "ehc_plan_issued", mon_21_jul_2025)),
        breaching=case(ev("q", "ehc_requested", mon_3_mar_2025),
                       ev("d", "ehc_decision", mon_14_apr_2025, to_assess=True),
                       ev("p", "ehc_plan_issued", tue_22_jul_2025)),
        as_of=wed_1_oct_2025_day, breach=("late", "certain")),
    "ehc_first_review": Example(
        passing=case(ev("p", "ehc_plan_issued", mon_3_mar_2025), ev("r", "ehc_review", tue_3_mar_2026)),
        breaching=case(ev("p", "ehc_plan_issued", mon_3_mar_2025), ev("r", "ehc_review", wed_4_mar_2026)),
        as_of=wed_1_jul_2026_day, breach=("late", "certain")),
    "ehc_annual_review": Example(
        passing=case(ev("r1", "ehc_review", mon_3_mar_2025), ev("r2", "ehc_review", tue_3_mar_2026)),
        breaching=case(ev("r1", "ehc_review", mon_3_mar_2025), ev("r2", "ehc_review", wed_4_mar_2026)),
        as_of=wed_1_jul_2026_day, breach=("late", "certain")),
}

RULE_IDS = sorted(RULES)


def example_for(rule_id: str) -> Example:
    if rule_id not in EXAMPLES:
        pytest.fail(f"add a pass and a breach example for rule {rule_id} to test_rule_examples.py")
    return EXAMPLES[rule_id]


def findings_of(rule: Rule, chronology: Case, as_of: date) -> list[tuple[str, str]]:
    report = audit_case(chronology, as_of, [rule])
    assert {f.rule_id for f in report.findings} <= {rule.id}
    return [(f.kind, f.certainty) for f in report.findings]


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_every_rule_has_a_pass_and_a_breach_example(rule_id: str) -> None:
    example = example_for(rule_id)
    assert example.passing != example.breaching


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_each_example_is_a_sound_chronology(rule_id: str) -> None:
    example = example_for(rule_id)
    assert check_case(example.passing) == []
    assert check_case(example.breaching) == []


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_the_pass_example_gives_no_finding(rule_id: str) -> None:
    example = example_for(rule_id)
    assert findings_of(RULES[rule_id], example.passing, example.as_of) == []


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_the_breach_example_gives_the_rules_finding(rule_id: str) -> None:
    example = example_for(rule_id)
    found = findings_of(RULES[rule_id], example.breaching, example.as_of)
    if example.breach is None:
        assert RULES[rule_id].parameters.get("complainant_limit"), (
            f"only a complainant's own limit may have a breach example with no finding; "
            f"give rule {rule_id} the (kind, certainty) its breach yields")
        assert found == []
    else:
        assert example.breach in found


@pytest.mark.parametrize(
    "rule_id", [r for r in RULE_IDS if RULES[r].parameters.get("complainant_limit")])
def test_a_complainants_late_request_is_a_real_breach_of_the_figure_yet_no_finding(rule_id: str) -> None:
    # The complainant's limit informs other checks (stage3_not_refused) and is never the
    # council's fault, so the audit reports nothing. Read as a council clock, the same
    # chronology would breach: the silence is by design, not an example that misses.
    example = example_for(rule_id)
    assert findings_of(RULES[rule_id], example.breaching, example.as_of) == []
    as_council_clock = replace(RULES[rule_id], parameters={})
    assert findings_of(as_council_clock, example.breaching, example.as_of) == [("late", "certain")]
    assert findings_of(as_council_clock, example.passing, example.as_of) == []


def test_every_example_names_a_rule_that_exists() -> None:
    assert sorted(set(EXAMPLES) - set(RULES)) == []


def test_only_designed_rules_yield_no_certain_breach() -> None:
    # A rule whose breach example is not certain must say why in its design: the record
    # cannot show the step (unrecorded: not_evidenced), or a band is a judgement.
    uncertain = sorted(r for r, e in EXAMPLES.items() if e.breach is not None and e.breach[1] != "certain")
    assert uncertain == ["referral_decision", "remedy_within_guidance"]
    assert RULES["referral_decision"].parameters.get("unrecorded") == "not_evidenced"


def test_a_care_plan_prepared_before_the_placement_meets_regulation_4() -> None:
    before = case(ev("c", "care_plan", "2025-02-28"), ev("p", "placement_started", mon_3_mar_2025))
    assert findings_of(RULES["care_plan"], before, tue_1_apr_2025_day) == []


def test_a_placement_ending_stops_the_six_weekly_visit_clock_and_the_next_placement_starts_its_own() -> None:
    visits = case(ev("v1", "lac_visit", mon_3_mar_2025), ev("e", "placement_ended", mon_10_mar_2025_day),
                  ev("p", "placement_started", mon_10_mar_2025_day),
                  ev("v2", "lac_visit", tue_18_mar_2025), ev("v3", "lac_visit", mon_14_apr_2025))
    assert findings_of(RULES["lac_visit"], visits, thu_1_may_2025_day) == []
    assert findings_of(RULES["lac_visit_first"], visits, thu_1_may_2025_day) == [("late", "certain")]


def test_a_decision_not_to_assess_ends_the_twenty_week_clock() -> None:
    refused = case(ev("q", "ehc_requested", mon_3_mar_2025),
                   ev("d", "ehc_decision", mon_14_apr_2025, to_assess=False))
    assert findings_of(RULES["ehc_final_plan"], refused, wed_1_oct_2025_day) == []
