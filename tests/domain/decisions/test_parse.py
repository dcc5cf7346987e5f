"""Every field of each seed decision, checked against what the statement says."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from casework.domain.decisions import Decision, Payment, parse_decision_text

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "decisions"
# CI places the shared seeds beside the clone; the tests use the copies kept in the repo.
SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "seeds"
SEED_FILES = (
    "liverpool-24-010-960.txt",
    "sefton-21-004-199.txt",
    "sefton-24-009-485.txt",
    "southend-24-007-529.txt",
    "wirral-19-020-817.txt",
)

wed_28_may_2025 = date(2025, 5, 28)
sat_28_jun_2025 = date(2025, 6, 28)
thu_21_apr_2022 = date(2022, 4, 21)
fri_20_may_2022 = date(2022, 5, 20)
tue_24_jun_2025 = date(2025, 6, 24)
tue_25_mar_2025 = date(2025, 3, 25)
tue_22_apr_2025 = date(2025, 4, 22)
thu_3_jun_2021 = date(2021, 6, 3)

LGA_1974 = ("act", "Local Government Act 1974", 1974)


def seed_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def parsed(name: str) -> Decision:
    return parse_decision_text(seed_text(name))


def payment_summary(p: Payment) -> tuple[Decimal, str, str | None, bool, int | None, str]:
    return (p.amount, p.purpose, p.payee, p.per_child, p.children, p.section)


def framework(d: Decision) -> list[tuple[str, str, int | None, tuple[str, ...]]]:
    return [(r.kind, r.title, r.year, r.sections) for r in d.legal_framework]


@pytest.mark.parametrize("name", SEED_FILES)
def test_the_seed_copies_kept_with_the_tests_match_the_shared_seeds(name: str) -> None:
    shared = SHARED / name
    if not shared.exists():
        pytest.skip("shared/ is not beside this clone")
    assert seed_text(name) == shared.read_text(encoding="utf-8")


def test_liverpool_24_010_960_every_field() -> None:
    d = parsed("liverpool-24-010-960.txt")
    assert d.organisation == "Liverpool City Council"
    assert d.reference == "24 010 960"
    assert (d.category, d.subcategory) == ("Children's care services", "Other")
    assert d.outcome == "Upheld"
    assert d.decided == wed_28_may_2025
    assert d.year == 2025
    assert d.complainant == "Mrs X"
    assert d.summary is not None
    assert d.summary.startswith("Mrs X complained the Council failed to properly assess her child")
    assert d.summary.endswith("pay Mrs X the remaining money she is due.")
    assert d.complaint is not None
    assert d.complaint.startswith("Mrs X complains the Council failed to properly assess her child")
    assert "make systemic changes to address its failure to complete previous" in d.complaint
    assert "Back to top" not in d.complaint
    assert framework(d) == [
        (*LGA_1974, ("26(1)", "26A(1)", "34(3)", "30(1B)", "34H(i)")),
        ("act", "Children Act 1989", 1989, ("17",)),
        ("act", "Chronically Sick and Disabled Persons Act 1970", 1970, ("2",)),
        ("guidance", "Working Together to Safeguard Children", None, ()),
        ("guidance", "Getting the Best from Complaints", None, ()),
        ("guidance", "Guidance on Remedies", None, ()),
    ]
    assert d.findings.fault_found is True
    assert d.findings.fault_passages == (
        "However, I found the Council did not calculate the £542.25 payment for missed direct payments "
        "correctly, as this did not cover the whole period of missed payments. This was fault.",
        "I find fault causing injustice.",
    )
    assert d.findings_text.startswith("The statutory children's complaints procedure was set up")
    assert [payment_summary(p) for p in d.payments] == [
        (Decimal("500"), "delay", "Mrs X", False, None, "background"),
        (Decimal("542.25"), "financial_loss", None, False, None, "findings"),
        (Decimal("1102.58"), "financial_loss", "Mrs X", False, None, "action"),
    ]
    assert d.payments[2].passage.startswith("pay Mrs X the remaining £1,102.58")
    assert [(a.kind, a.deadline, a.due) for a in d.actions] == [
        ("apology", "Within one month of our final decision", sat_28_jun_2025),
        ("payment", "Within one month of our final decision", sat_28_jun_2025),
    ]
    assert d.actions[0].text.startswith("apologise to Mrs X for the further distress, time, and trouble")
    assert d.actions[0].text.endswith("The Council will consider this guidance in making the apology")
    assert d.actions[1].text == (
        "pay Mrs X the remaining £1,102.58 she is due for missed direct payments from 3 July to 26 November 2023."
    )
    assert d.evidence_requested is True
    assert d.shared_with_ofsted is True
    assert [(t.amount, t.unit, t.text) for t in d.timescales] == [
        (20, "working_days", "up to 20 working days"),
        (25, "working_days", "within 25 working days"),
        (65, "working_days", "up to 65 working days"),
        (30, "working_days", "within 30 working days of the date of request"),
        (20, "working_days", "within 20 working days of the panel hearing"),
    ]


def test_sefton_21_004_199_every_field() -> None:
    d = parsed("sefton-21-004-199.txt")
    assert d.organisation == "Sefton Metropolitan Borough Council"
    assert d.reference == "21 004 199"
    assert (d.category, d.subcategory) == ("Children's care services", "Child protection")
    assert d.outcome == "Upheld"
    assert d.decided == thu_21_apr_2022
    assert d.complainant == "Ms E"
    assert d.summary is not None
    assert d.summary.startswith("Ms E complained the Council failed to follow child protection procedures")
    assert d.complaint is not None
    assert d.complaint.endswith("caused immeasurable distress to her and her family.")
    assert framework(d) == [
        (*LGA_1974, ("26(1)", "26A(1)", "34(3)", "30(1B)", "34H(i)")),
        ("act", "Children Act 1989", 1989, ("47",)),
    ]
    assert d.findings.fault_found is True
    assert d.findings.fault_passages == (
        "We find the Council was at fault for allowing Ms E's son to visit his grandmother without her "
        "knowledge or consent.",
        "The social worker did not tell Ms E about this until F was already on the train and on the way to "
        "his grandmother's house. This is fault.",
        "While it is fortunate F's health was not adversely affected, I consider because of the rising "
        "COVID-19 cases and F's underlying health conditions, the social worker was at fault for not "
        "carrying out a full risk assessment to ensure his safety.",
        "Although the social worker was at fault for failing to stick to the agreement, I do not consider "
        "this caused Ms E a significant injustice.",
        "There was fault by the Council, which caused Ms E an injustice.",
    )
    assert "I do not find the Council was at fault." in d.findings_text
    assert d.payments == ()
    assert [(a.kind, a.deadline, a.due) for a in d.actions] == [("apology", "by 20 May 2022", fri_20_may_2022)]
    assert d.actions[0].text.startswith("Apologise to Ms E for the upset and frustration caused")
    assert d.evidence_requested is False
    assert d.shared_with_ofsted is True
    assert [(t.amount, t.unit, t.text) for t in d.timescales] == [
        (15, "working_days", "within 15 working days of the original strategy discussion"),
    ]


def test_sefton_24_009_485_every_field() -> None:
    d = parsed("sefton-24-009-485.txt")
    assert d.organisation == "Sefton Metropolitan Borough Council"
    assert d.reference == "24 009 485"
    assert (d.category, d.subcategory) == ("Children's care services", "Child protection")
    assert d.outcome == "Not upheld"
    assert d.decided == tue_24_jun_2025
    assert d.complainant == "Mrs X"
    assert d.summary is not None
    assert d.summary.endswith("in line with the amounts normally recommended by the Ombudsman.")
    assert d.complaint is not None
    assert d.complaint.endswith("caused the breakdown of her marriage.")
    assert framework(d) == [
        (*LGA_1974, ("34(3)", "30(1B)", "34H(i)")),
        ("act", "Children Act 1989", 1989, ()),
        ("regulation", "General Data Protection Regulation", None, ()),
        ("guidance", "Working Together to Safeguard Children", None, ()),
        ("guidance", "Guidance on Remedies", None, ()),
    ]
    assert d.findings.fault_found is False
    assert d.findings.fault_passages == ()
    assert d.findings_text.startswith("Mrs X complains the Council failed to safeguard her children.")
    # "up to £500" is the guidance figure and "almost £5,000" a grant: neither is a payment.
    assert [payment_summary(p) for p in d.payments] == [
        (Decimal("250"), "time_and_trouble", "Mrs X", False, None, "findings"),
    ]
    assert d.actions == ()
    assert d.evidence_requested is False
    assert d.shared_with_ofsted is False
    assert [(t.amount, t.unit, t.text) for t in d.timescales] == [
        (45, "working_days", "within 45 working days"),
        (3, "months", "within three months of the start of the child in need plan"),
        (6, "months", "at least every six months"),
    ]


def test_southend_24_007_529_every_field() -> None:
    d = parsed("southend-24-007-529.txt")
    assert d.organisation == "Southend-on-Sea City Council"
    assert d.reference == "24 007 529"
    assert (d.category, d.subcategory) == ("Children's care services", "Other")
    assert d.outcome == "Upheld"
    assert d.decided == tue_25_mar_2025
    assert d.complainant == "Miss X"
    assert d.summary is not None
    assert d.summary.endswith("The Council has agreed to pay a financial remedy to Miss X for distress.")
    assert d.complaint is not None
    assert d.complaint.startswith("Miss X complains:\nthe Council has failed to properly consider")
    assert framework(d) == [(*LGA_1974, ("26(1)", "26A(1)", "30(1B)", "34H(i)"))]
    assert d.findings.fault_found is True
    assert d.findings.fault_passages == (
        "We find fault with the Council for failing to identify suitable remedies for Miss X during the "
        "statutory complaints process.",
        "Poor record keeping and a failure to be able to produce the evidence it was relying on was fault by "
        "the Council.",
        "While I accept that for some parts of the complaint, this was down to third party actions, it "
        "remains there was fault by the Council.",
        "I have completed my investigation. I find fault causing injustice.",
    )
    assert [payment_summary(p) for p in d.payments] == [
        (Decimal("300"), "distress", "Miss X", False, None, "action"),
    ]
    assert [(a.kind, a.deadline, a.due) for a in d.actions] == [
        ("apology", "Within four weeks", tue_22_apr_2025),
        ("payment", "Within four weeks", tue_22_apr_2025),
        ("service_improvement", "Within four weeks", tue_22_apr_2025),
    ]
    assert d.actions[1].text == "Pay Miss X £300 in recognition of the distress and uncertainty caused."
    assert d.actions[2].text.startswith("Remind staff of the importance of accurate recording keeping")
    assert d.evidence_requested is True
    assert d.shared_with_ofsted is True
    # The decision counts stage 3 in plain days and stage 2 in weeks; both are reported as written.
    assert [(t.amount, t.unit, t.text) for t in d.timescales] == [
        (20, "working_days", "up to 20 working days"),
        (13, "weeks", "up to 13 weeks"),
        (30, "days", "within 30 days of the date of request"),
        (20, "days", "within 20 days of the panel hearing"),
    ]


def test_wirral_19_020_817_every_field() -> None:
    d = parsed("wirral-19-020-817.txt")
    assert d.organisation == "Wirral Metropolitan Borough Council"
    assert d.reference == "19 020 817"
    assert (d.category, d.subcategory) == ("Children's care services", "Other")
    assert d.outcome == "Upheld"
    assert d.decided == thu_3_jun_2021
    assert d.complainant == "Mrs X"
    assert d.summary is not None
    assert d.summary.endswith("The Council has offered an appropriate financial remedy for any injustice caused.")
    assert d.complaint is not None
    assert d.complaint.startswith("Mrs X complained the Council's failure to follow the correct Child in Need")
    assert framework(d) == [
        (*LGA_1974, ("26(1)", "26A(1)", "30(1B)", "34H(i)")),
        # "Section 17 of the Act", where the text defines "(the Act)" as the Children Act 1989.
        ("act", "Children Act 1989", 1989, ("17",)),
        ("guidance", "Guidance on Remedies", None, ()),
    ]
    assert d.findings.fault_found is True
    assert d.findings.fault_passages == (
        "The Council has already investigated and identified fault in how it provided Child in Need "
        "Services to Mrs X's children.",
    )
    # "It offered her ... £250": her is Mrs X. "An overall sum of £1200" only adds up the £200
    # for each of the five children and the £200 for Mr and Mrs X, and "£1000 for the
    # children" is the per-child sum multiplied out: neither is another payment.
    assert [payment_summary(p) for p in d.payments] == [
        (Decimal("250"), "time_and_trouble", "Mrs X", False, None, "background"),
        (Decimal("150"), "other", "the children", False, None, "background"),
        (Decimal("200"), "distress", "each child", True, 5, "findings"),
        (Decimal("200"), "distress", "Mr and Mrs X", False, None, "findings"),
    ]
    per_child = d.payments[2]
    assert per_child.total == Decimal("1000")
    assert per_child.basis == "per_child"
    assert per_child.passage == "I am satisfied the Council's offer of £200 per child is appropriate."
    assert d.actions == ()
    assert d.evidence_requested is False
    assert d.shared_with_ofsted is True
    assert d.timescales == ()


def test_a_text_without_a_header_has_no_reference_date_or_outcome() -> None:
    d = parse_decision_text("The Council agreed to pay Mrs X £300 for distress.\n")
    assert (d.organisation, d.reference, d.outcome, d.decided, d.category) == (None, None, None, None, None)
    assert d.summary is None and d.complaint is None
    assert d.findings.fault_found is None


def test_an_action_deadline_without_a_decision_date_stays_unresolved() -> None:
    text = "Agreed action\n\n  1. Within four weeks the Council will apologise to Mr Y.\n"
    (action,) = parse_decision_text(text).actions
    assert (action.kind, action.deadline, action.due) == ("apology", "Within four weeks", None)


def test_a_guidance_range_is_not_a_payment() -> None:
    text = "My findings\n\n  1. Our guidance recommends a payment of between £100 - £300 for avoidable distress.\n"
    assert parse_decision_text(text).payments == ()
