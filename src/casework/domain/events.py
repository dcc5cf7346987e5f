"""The event vocabulary: what can happen in a case, named as practitioners name it.

Each type says which DfE children in need census field it is (rules.md §6), so a council's
census extract maps one-to-one onto a chronology, and which details it may carry. This
table is the one place an event type is defined; the file format, the audit, the census
reader and the documentation all read it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from casework.domain.dates import CaseDate

DetailKind = Literal[
    "text", "bool", "money", "int", "date", "event", "people", "children", "points", "codes",
    "findings", "choice",
]

FINDINGS = ("upheld", "partially_upheld", "not_upheld", "no_finding")
REMEDY_PURPOSES = (
    "distress", "time_and_trouble", "delay", "financial_loss", "missed_provision", "other",
)
# Remedies for the injustice a fault caused the person, as against a payment for how the
# complaint was handled (delay): only these answer an upheld point (seed 24 007 529).
PERSONAL_REMEDY_PURPOSES = ("distress", "time_and_trouble", "financial_loss", "missed_provision", "other")
PROCEDURES = ("statutory", "corporate")
# How a complaint arrived; an oral one is written down and agreed with the complainant
# (rules.md §3b, reg 9(2) of SI 2006/1738).
RECEIVED_HOW = ("letter", "email", "phone", "in_person", "online")
OMBUDSMAN_OUTCOMES = ("upheld", "partly_upheld", "not_upheld", "not_investigated")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class Detail:
    """One detail an event may carry: its kind, whether required, and what it means."""

    kind: DetailKind
    meaning: str
    required: bool = False
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class EventType:
    name: str
    category: str
    meaning: str
    census_field: str | None = None
    details: Mapping[str, Detail] = field(default_factory=dict)


def _t(
    name: str, category: str, meaning: str, census: str | None = None, **details: Detail
) -> EventType:
    return EventType(name, category, meaning, census, details)


_COMPLAINT = Detail("text", "the complaint this belongs to (its id, e.g. C1)", required=True)
_ABOUT = Detail("event", "the agreement or event this one answers (its id)", required=True)
_REASONS = Detail("text", "the reasons given, in the council's words")
_WHO = Detail("text", "who was appointed (name and role)")
_NEW_DATE = Detail("date", "the new date the complainant was told to expect the response by")
_FINDINGS = Detail("findings", "finding per complaint point: {point number: upheld | "
                   "partially_upheld | not_upheld | no_finding}")

EVENT_TYPES: tuple[EventType, ...] = (
    # Child in need (rules.md §1)
    _t("contact", "child_in_need", "information received that is not (yet) a referral"),
    _t("referral", "child_in_need", "referral received by children's social care",
       "CINreferralDate", source=Detail("text", "who referred"),
       primary_need=Detail("text", "census PrimaryNeedCode (N1–N9), the main reason for need"),
       no_further_action=Detail("bool", "census ReferralNFA: the referral led to no further action, "
                                "so no assessment was needed"),
       pre_proceedings=Detail("codes", "census PreProceedingsandFGDM, kept as given: [element, text] pairs")),
    _t("referral_decision", "child_in_need",
       "referrer acknowledged and decision made on the type of response"),
    _t("assessment_started", "child_in_need", "child and family assessment started",
       "AssessmentActualStartDate",
       review_date=Detail("date", "census AssessmentInternalReviewDate"),
       factors=Detail("codes", "census AssessmentFactors: the factors identified (e.g. 2B, 3A)")),
    _t("assessment_completed", "child_in_need", "child and family assessment authorised",
       "AssessmentAuthorisationDate",
       delay_reasons=Detail("text", "reasons recorded for taking longer than 45 working days"),
       outcome=Detail("text", "what the assessment concluded")),
    _t("cin_plan_started", "child_in_need", "child in need plan starts", "CINPlanStartDate"),
    _t("cin_planning_meeting", "child_in_need", "child in need planning meeting held"),
    _t("cin_review", "child_in_need", "child in need plan review meeting held"),
    _t("cin_plan_closed", "child_in_need", "child in need plan ends", "CINPlanEndDate",
       reason=Detail("text", "reason for ending the plan, as recorded"),
       agreed_at=Detail("event", "the review or meeting that agreed the closure"),
       agreed_with_family=Detail("bool", "the family's agreement to closure is recorded")),
    _t("closure_letter_sent", "child_in_need", "family told in writing that the plan or case closed"),
    _t("case_closed", "child_in_need", "children's social care episode closed", "CINclosureDate",
       reason_for_closure=Detail("text", "census ReasonForClosure code (RC1–RC8)")),
    _t("consent_withdrawn", "child_in_need",
       "the family withdraws consent to child in need involvement"),
    _t("visit", "practice", "a visit to the child or family"),
    # Child protection (rules.md §2)
    _t("strategy_discussion", "child_protection", "strategy discussion held",
       "S47ActualStartDate",
       s47_initiated=Detail("bool", "section 47 enquiries were initiated at this discussion"),
       icpc_target=Detail("date", "census InitialCPCtarget: the council's target date for the conference")),
    _t("s47_enquiry", "child_protection", "section 47 enquiries concluded",
       concerns_substantiated=Detail("bool", "the enquiries substantiated the concerns")),
    _t("icpc", "child_protection", "initial child protection conference held", "DateOfInitialCPC",
       cp_plan=Detail("bool", "the conference made a child protection plan")),
    _t("cp_plan_started", "child_protection", "child protection plan starts", "CPPstartDate",
       category_of_abuse=Detail("text", "census InitialCategoryOfAbuse (NEG, PHY, SAB, EMO, MUL)"),
       latest_category_of_abuse=Detail("text", "census LatestCategoryOfAbuse, when it changed"),
       previous_plans=Detail("int", "census NumberOfPreviousCPP: the child's earlier plans")),
    _t("core_group", "child_protection", "core group meeting held"),
    _t("rcpc", "child_protection", "review child protection conference held", "CPPreviewDate",
       plan_continues=Detail("bool", "the conference kept the child on a plan")),
    _t("cp_plan_ended", "child_protection", "child protection plan ends", "CPPendDate",
       reason=Detail("text", "why the plan ended")),
    _t("transfer_in_notified", "child_protection",
       "notice that a child on a plan elsewhere has moved permanently to this council"),
    _t("transfer_in_conference", "child_protection", "transfer-in conference held"),
    _t("pre_proceedings_letter", "child_protection", "letter before proceedings sent (PLO)"),
    _t("pre_proceedings_meeting", "child_protection", "pre-proceedings meeting held (PLO)"),
    _t("legal_planning_meeting", "child_protection",
       "meeting that decides whether to escalate to the Public Law Outline"),
    # Practice duties (rules.md §2)
    _t("decision_about_child", "practice", "a significant decision about a child's care",
       decision=Detail("text", "what was decided", required=True),
       involved_before=Detail("people", "people with parental responsibility involved before"),
       told_after=Detail("people", "people with parental responsibility told only afterwards"),
       urgency_reason=Detail("text", "recorded reason the decision could not wait")),
    _t("risk_assessment", "practice", "a recorded assessment of risk to the child"),
    _t("contact_agreement", "practice", "a contact arrangement agreed with a parent",
       weekday=Detail("choice", "the day each week it happens", required=True, choices=WEEKDAYS),
       kind=Detail("text", "phone call, visit, …"),
       ends=Detail("event", "the event that ended the arrangement")),
    _t("contact_made", "practice", "an agreed contact that happened", agreement=_ABOUT),
    _t("contact_missed", "practice", "an agreed contact that did not happen", agreement=_ABOUT,
       reason=Detail("text", "reason recorded for the miss")),
    _t("contact_changed", "practice",
       "a parent or the council ends or changes an agreed contact arrangement (name it in the "
       "agreement's 'ends')", change=Detail("text", "what was asked for, e.g. email only")),
    _t("work_agreed", "practice", "work the council agreed to do (e.g. direct work with a child)",
       work=Detail("text", "what was agreed", required=True),
       due=Detail("date", "when it was to be done by")),
    _t("work_recorded", "practice", "a record that agreed work was done", agreement=_ABOUT),
    # Support and direct payments (rules.md §1)
    _t("support_due", "support",
       "the date support would have started without fault (a finding of fact)",
       weekly_amount=Detail("money", "the weekly value of the support"),
       period_value=Detail("money", "the value of the support for the whole period of loss, where a "
                           "decision gives that rather than a weekly value")),
    _t("direct_payment_agreed", "support", "direct payments agreed (s17A)"),
    _t("direct_payment_started", "support", "direct payments start",
       backdated_to=Detail("date", "the date the first payment was backdated to")),
    _t("direct_payment_paid", "support", "a direct payment made",
       amount=Detail("money", "amount paid", required=True)),
    # Complaints (rules.md §3)
    _t("complaint_received", "complaint", "complaint received", complaint=_COMPLAINT,
       procedure=Detail("choice", "statutory (Children Act 1989) or the corporate procedure",
                        required=True, choices=PROCEDURES),
       points=Detail("points", "numbered complaint points: {number: summary}"),
       start_stage=Detail("int", "the stage it started at, when not 1"),
       about=Detail("event", "the event complained of (for the one-year time limit)"),
       advocate_requested=Detail("bool", "the complainant asked for an advocate"),
       complainant=Detail("text", "who complained (their name as they give it)"),
       relationship=Detail("text", "the complainant's relationship to the child"),
       received_how=Detail("choice", "how it arrived", choices=RECEIVED_HOW),
       oral_agreed=Detail("bool", "an oral complaint was written down and agreed with the complainant"),
       procedure_reason=Detail("text", "why this procedure applies"),
       subject=Detail("text", "what it is about, from the council's own list of subjects "
                              "(counted in the annual report)")),
    _t("advocate_appointed", "complaint", "advocate appointed for the complainant",
       complaint=_COMPLAINT, who=_WHO),
    _t("complaint_acknowledged", "complaint", "complaint acknowledged", complaint=_COMPLAINT,
       stage=Detail("int", "the stage acknowledged (1 or 2)")),
    _t("stage1_extended", "complaint", "stage 1 response time extended", complaint=_COMPLAINT,
       reasons=_REASONS, new_date=_NEW_DATE),
    _t("stage1_response", "complaint", "written stage 1 response", complaint=_COMPLAINT,
       findings=_FINDINGS),
    _t("stage2_requested", "complaint", "complainant asks for stage 2", complaint=_COMPLAINT),
    _t("stage2_started", "complaint",
       "stage 2 starts: the written complaint statement agreed (reg 16)", complaint=_COMPLAINT),
    _t("investigating_officer_appointed", "complaint", "investigating officer appointed",
       complaint=_COMPLAINT, who=_WHO),
    _t("independent_person_appointed", "complaint", "independent person appointed",
       complaint=_COMPLAINT, who=_WHO),
    _t("stage2_reports", "complaint", "investigating officer's and independent person's reports",
       complaint=_COMPLAINT, findings=_FINDINGS),
    _t("stage2_extended", "complaint", "stage 2 extended with written reasons and a new date",
       complaint=_COMPLAINT, reasons=_REASONS, new_date=_NEW_DATE),
    _t("stage2_response", "complaint", "adjudication response sent", complaint=_COMPLAINT,
       findings=_FINDINGS),
    _t("stage3_requested", "complaint", "complainant asks for a review panel",
       complaint=_COMPLAINT),
    _t("stage3_refused", "complaint", "the council refuses to convene a review panel",
       complaint=_COMPLAINT, reasons=_REASONS),
    _t("stage3_panel", "complaint", "review panel meets", complaint=_COMPLAINT,
       members=Detail("text", "the panel's members, as named"), findings=_FINDINGS),
    _t("stage3_panel_report", "complaint", "panel's report and recommendations sent",
       complaint=_COMPLAINT),
    _t("stage3_response", "complaint", "council's final response after the panel",
       complaint=_COMPLAINT, findings=_FINDINGS),
    _t("complaint_withdrawn", "complaint", "the complainant withdraws the complaint",
       complaint=_COMPLAINT, reasons=_REASONS),
    _t("complaint_resolved", "complaint",
       "the complaint is resolved to the complainant's satisfaction, with no further stage",
       complaint=_COMPLAINT, reasons=_REASONS),
    _t("complaint_refused_out_of_time", "complaint",
       "the council declines the complaint as made more than a year after the matter (reg 9)",
       complaint=_COMPLAINT, reasons=_REASONS),
    _t("corporate_response", "complaint", "a response under the council's corporate procedure",
       complaint=_COMPLAINT, stage=Detail("int", "the stage (1 or 2)", required=True),
       findings=_FINDINGS),
    # The Ombudsman (rules.md §4)
    _t("ombudsman_complaint", "ombudsman", "complaint made to the Ombudsman",
       complaint=Detail("text", "the council complaint it follows, if any"),
       reference=Detail("text", "the Ombudsman's reference, when known"),
       notice=Detail("date", "the day the person first had notice of the matter (s26B time limit)")),
    _t("ombudsman_decision", "ombudsman", "the Ombudsman's final decision",
       reference=Detail("text", "the Ombudsman's reference, e.g. 24 009 485", required=True),
       outcome=Detail("text", "upheld, not upheld, …"),
       fault=Detail("bool", "the Ombudsman found fault")),
    # Remedies and agreed actions (rules.md §4–5)
    _t("remedy_offered", "remedy", "a remedy offered or recommended",
       amount=Detail("money", "the payment, if any"),
       purpose=Detail("choice", "what the payment is for", required=True,
                      choices=REMEDY_PURPOSES),
       points=Detail("points", "the complaint points it remedies"),
       complaint=Detail("text", "the complaint it remedies"),
       per_child=Detail("bool", "the amount is for each child named"),
       payee=Detail("text", "who is paid"),
       by=Detail("text", "who offered it: council, stage 2, panel, Ombudsman")),
    _t("remedy_paid", "remedy", "a remedy payment made", amount=Detail("money", "amount paid"),
       remedy=Detail("event", "the remedy_offered it pays (its id)")),
    _t("action_agreed", "action", "an action the council agreed to take",
       action=Detail("text", "what will be done", required=True),
       deadline=Detail("text", "as given: 'within four weeks', 'by 20 May 2022', …",
                       required=True),
       decision=Detail("event", "the decision the deadline runs from"),
       who=Detail("text", "who will do it"),
       complaint=Detail("text", "the complaint it remedies, if any")),
    _t("action_evidenced", "action", "evidence that an agreed action was done",
       agreement=_ABOUT, evidence=Detail("text", "what shows it was done")),
)

EVENT_TYPE_BY_NAME: Mapping[str, EventType] = {t.name: t for t in EVENT_TYPES}

Details = Mapping[str, object]


@dataclass(frozen=True)
class Event:
    """One dated thing that happened in a case, for the children it names."""

    id: str
    type: str
    date: CaseDate
    children: tuple[str, ...] = ()
    details: Details = field(default_factory=dict)
    note: str = ""
    source: str = ""
    # Where the event was read from: for error messages only, never part of its identity.
    line: int | None = field(default=None, compare=False)

    def detail(self, key: str, default: object = None) -> object:
        return self.details.get(key, default)

    @property
    def complaint(self) -> str | None:
        value = self.details.get("complaint")
        return str(value) if value is not None else None

    def concerns(self, child: str) -> bool:
        return child in self.children

    def category_is_complaint(self) -> bool:
        etype = EVENT_TYPE_BY_NAME.get(self.type)
        return etype is not None and etype.category == "complaint"

    @property
    def category(self) -> str:
        etype = EVENT_TYPE_BY_NAME.get(self.type)
        return etype.category if etype is not None else ""


def event_type(name: str) -> EventType | None:
    return EVENT_TYPE_BY_NAME.get(name)


def is_date_value(value: object) -> bool:
    return isinstance(value, date)
