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
    "findings", "choice", "entry", "details",
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
    # Where the DfE children looked after return (SSDA903) holds this event: "<table>.<column>"
    # (docs/ssda903-mapping.md). Kept apart from census_field, which names the children in
    # need census alone.
    ssda903: str | None = None


def _t(
    name: str, category: str, meaning: str, census: str | None = None, **details: Detail
) -> EventType:
    return EventType(name, category, meaning, census, details)


def _lac(name: str, category: str, meaning: str, ssda903: str | None = None,
         **details: Detail) -> EventType:
    """An event of the looked-after, permanence and SEND vocabulary, with its SSDA903 column."""
    return EventType(name, category, meaning, None, details, ssda903)


_COMPLAINT = Detail("text", "the complaint this belongs to (its id, e.g. C1)", required=True)
_ABOUT = Detail("event", "the agreement or event this one answers (its id)", required=True)
_REASONS = Detail("text", "the reasons given, in the council's words")
_WHO = Detail("text", "who was appointed (name and role)")
_NEW_DATE = Detail("date", "the new date the complainant was told to expect the response by")
_FINDINGS = Detail("findings", "finding per complaint point: {point number: upheld | "
                   "partially_upheld | not_upheld | no_finding}")

_ENTRY = Detail("entry", "the entry it supersedes (its id; for an entry corrected before, the id "
               "of its latest correction)", required=True)
_WHY = Detail("text", "why, in the words of the person who made it", required=True)
_BY = Detail("text", "who made it")

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
    # Looked-after children (rules.md §8), named as the SSDA903 return names them
    _lac("became_looked_after", "looked_after",
         "the child starts a period of care (first episode, reason for new episode S)",
         "Episodes.DECOM (RNE = S)",
         legal_status=Detail("text", "SSDA903 LS: legal status code (C1, C2, D1, E1, J1–J3, L1–L3, V2–V4)"),
         category_of_need=Detail("text", "SSDA903 CIN: category of need (N1–N8)"),
         previous_permanence=Detail("text", "SSDA903 PrevPerm PREV_PERM: an earlier adoption, "
                                    "special guardianship or child arrangements order (P1–P3, Z1)"),
         previous_permanence_date=Detail("text", "SSDA903 PrevPerm DATE_PERM, as given (may be "
                                         "part of a date)"),
         previous_permanence_council=Detail("text", "SSDA903 PrevPerm LA_PERM: the council that "
                                            "made the earlier arrangement")),
    _lac("legal_status_changed", "looked_after",
         "a new episode for a change of legal status only (reason for new episode L)",
         "Episodes.DECOM (RNE = L, T or U)",
         legal_status=Detail("text", "SSDA903 LS: the new legal status code", required=True)),
    _lac("placement_started", "looked_after", "the child moves into a placement",
         "Episodes.DECOM (RNE = S, P, B, T or U)",
         placement_type=Detail("text", "SSDA903 PLACE: placement type code (e.g. U1–U6 foster "
                               "placements, K2 children's home, P1 placed with parents, A3–A6 "
                               "placed for adoption)"),
         provider=Detail("text", "SSDA903 PLACE_PROVIDER: placement provider code (PR0–PR5)"),
         urn=Detail("text", "SSDA903 URN: Ofsted unique reference number of the setting"),
         long_term=Detail("bool", "the placement is intended to last until the child is 18 "
                          "(visits every 3 months after its first year, reg 28(2)(c)(i))"),
         connected_person=Detail("bool", "the carer is a relative, friend or other connected "
                                 "person temporarily approved under reg 24"),
         new_episode_reason=Detail("text", "SSDA903 RNE: why the episode began (S, P, B, T, U)"),
         legal_status=Detail("text", "SSDA903 LS: the legal status the episode gives"),
         category_of_need=Detail("text", "SSDA903 CIN: the category of need the episode gives"),
         home_postcode=Detail("text", "SSDA903 HOME_POST: the partial postcode of the child's home, "
                              "kept only so the return writes back; no rule reads it"),
         placement_postcode=Detail("text", "SSDA903 PL_POST: the partial postcode of the placement, "
                                   "kept only so the return writes back; no rule reads it")),
    _lac("placement_ended", "looked_after", "the child leaves a placement",
         "Episodes.DEC (with REC)",
         reason_episode_ceased=Detail("text", "SSDA903 REC: reason the episode ceased (X1 episode "
                                      "ceases and a new one begins; E-codes end the period of care)"),
         reason_place_change=Detail("text", "SSDA903 REASON_PLACE_CHANGE: why the placement "
                                    "changed (e.g. CARPL, CLOSE, PLACE, STAND, OTHER)")),
    _lac("ceased_looked_after", "looked_after", "the period of care ends",
         "Episodes.DEC (REC other than X1)",
         reason_episode_ceased=Detail("text", "SSDA903 REC: reason care ended (E11/E12 adopted, "
                                      "E13 left care to live with parents, E41–E48 and others)")),
    _lac("care_plan", "looked_after", "the child's care plan prepared (reg 4–5 of SI 2010/959)"),
    _lac("lac_review", "looked_after",
         "review of the looked-after child's case (chaired by the independent reviewing officer)",
         "Reviews.REVIEW",
         participation=Detail("text", "SSDA903 REVIEW_CODE: how the child took part (PN0–PN7)")),
    _lac("lac_visit", "looked_after", "a visit to the looked-after child by the social worker (reg 28)",
         long_term=Detail("bool", "the visit falls after the first year of a placement meant to last "
                          "until the child is 18: the next is due within 3 months, not 6 weeks"),
         seen_alone=Detail("bool", "the child was seen alone")),
    _lac("health_assessment", "looked_after", "a statutory health assessment of a looked-after child",
         "OC2.HEALTH_CHECK (annual flag)",
         initial=Detail("bool", "the first assessment after becoming looked after")),
    _lac("went_missing", "looked_after", "the child goes missing or is away without authorisation",
         "Missing.MIS_START",
         missing_type=Detail("choice", "SSDA903 MISSING: M missing, A away from placement without "
                             "authorisation", choices=("M", "A"))),
    _lac("returned", "looked_after", "the child is found or comes back after going missing",
         "Missing.MIS_END", episode=Detail("event", "the went_missing it ends")),
    _lac("return_interview", "looked_after",
         "an independent return interview offered or held after a missing episode",
         episode=Detail("event", "the went_missing it follows"),
         accepted=Detail("bool", "the child took up the interview")),
    # Friends and family carers, fostering (rules.md §8)
    _lac("connected_person_approved", "fostering",
         "a relative, friend or other connected person approved as the child's foster carer",
         temporary=Detail("bool", "temporary approval under reg 24 of SI 2010/959 (the full "
                          "assessment still to come); false or absent for full approval")),
    _lac("temporary_approval_extended", "fostering",
         "a connected person's temporary approval extended once, by up to 8 weeks (reg 25(2))"),
    _lac("connected_person_not_approved", "fostering",
         "the full assessment ends in a decision not to approve the connected person"),
    _lac("foster_carer_approved", "fostering", "a foster carer approved by the fostering service"),
    _lac("foster_carer_review", "fostering", "review of a foster carer's approval completed"),
    _lac("foster_carer_approval_ended", "fostering",
         "a foster carer's approval terminated or resigned"),
    # Adoption (rules.md §8)
    _lac("adoption_decision", "adoption", "decision that the child should be placed for adoption",
         "PlacedAdoption.DATE_PLACED; AD1.DATE_INT"),
    _lac("adoption_decision_reversed", "adoption",
         "the decision that the child should be placed for adoption is reversed",
         "PlacedAdoption.DATE_PLACED_CEASED",
         reason=Detail("text", "SSDA903 REASON_PLACED_CEASED (RD1–RD4)")),
    _lac("adoption_match", "adoption", "the child matched with prospective adopters",
         "AD1.DATE_MATCH",
         foster_care=Detail("bool", "SSDA903 FOSTER_CARE: adopted by former foster carers"),
         adopters=Detail("int", "SSDA903 NB_ADOPTR: number of adopters"),
         adopters_sex=Detail("text", "SSDA903 SEX_ADOPTR (M1, F1, MM, FF, MF)"),
         adopters_legal_status=Detail("text", "SSDA903 LS_ADOPTR (L0, L11, L12, L2, L3, L4)")),
    _lac("adopter_registration", "adoption",
         "a prospective adopter's registration of interest accepted (stage 1 starts)"),
    _lac("adopter_stage1_decision", "adoption",
         "the agency decides whether the prospective adopter may go on to stage 2"),
    _lac("adopter_stage2_started", "adoption", "the prospective adopter starts stage 2 (assessment)"),
    _lac("adopter_decision", "adoption",
         "the agency decision maker decides whether the prospective adopter is suitable",
         approved=Detail("bool", "approved as suitable to adopt")),
    # Care leavers (rules.md §8)
    _lac("became_eligible", "care_leaver",
         "the child becomes an eligible child: 16 or over and looked after for 13 weeks since "
         "14 (reg 40 of SI 2010/959)"),
    _lac("needs_assessment", "care_leaver",
         "the assessment of the eligible child's needs completed (reg 42)"),
    _lac("pathway_plan", "care_leaver", "the pathway plan prepared (reg 43)"),
    _lac("pathway_plan_review", "care_leaver", "a review of the pathway plan"),
    _lac("care_leaver_contact", "care_leaver",
         "the council's contact with a care leaver around a birthday the return asks about",
         "OC3 (IN_TOUCH, ACTIV, ACCOM)",
         in_touch=Detail("text", "SSDA903 IN_TOUCH (YES, NO, DIED, REFU, NREQ, RHOM)"),
         activity=Detail("text", "SSDA903 ACTIV: education, training or employment code"),
         accommodation=Detail("text", "SSDA903 ACCOM: accommodation code and suitability")),
    # Private fostering (rules.md §8)
    _lac("private_fostering_notified", "private_fostering",
         "the council learns of a private fostering arrangement (the arrangement's start for "
         "reg 8 of SI 2005/1533)"),
    _lac("private_fostering_visit", "private_fostering",
         "a visit by an officer to a privately fostered child",
         after_first_year=Detail("bool", "the visit falls in the second or a later year of the "
                                 "arrangement: the next is due within 12 weeks")),
    _lac("private_fostering_ended", "private_fostering", "the private fostering arrangement ends"),
    # Special educational needs (rules.md §8)
    _lac("ehc_requested", "send", "request for an education, health and care needs assessment"),
    _lac("ehc_decision", "send", "the council's decision whether to carry out the EHC needs assessment",
         to_assess=Detail("bool", "the council decided to assess", required=True)),
    _lac("ehc_plan_issued", "send", "the final EHC plan issued",
         amended=Detail("bool", "an amended plan after a review, not the first plan")),
    _lac("ehc_not_issued", "send", "the council decides, after assessing, not to issue an EHC plan"),
    _lac("ehc_review", "send", "review of an EHC plan (s44 Children and Families Act 2014)"),
    _lac("ehc_plan_ceased", "send", "the council stops maintaining the EHC plan"),
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
       complaint=_COMPLAINT, reasons=_REASONS,
       confirmed_in_writing=Detail("date", "the day the terms of the resolution were confirmed to the "
                                           "complainant in writing")),
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
       by=Detail("text", "who offered it: council, stage 2, panel, Ombudsman"),
       for_using_procedure=Detail("bool", "the payment is for the time and trouble of merely making or "
                                          "pursuing the complaint, not for avoidable time and trouble a "
                                          "fault caused")),
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
    # Corrections (domain/corrections.py): a wrong entry is superseded, never edited or deleted.
    _t("entry_corrected", "record",
       "a wrong entry corrected: the entry as it should have read replaces it; its own date is "
       "the day the correction was made",
       entry=_ENTRY, reason=_WHY, by=_BY,
       date=Detail("date", "the entry's corrected date, in any form a chronology date takes",
                   required=True),
       children=Detail("children", "the children the corrected entry concerns"),
       details=Detail("details", "the corrected entry's details, in full"),
       note=Detail("text", "the corrected entry's note")),
    _t("entry_withdrawn", "record",
       "an entry withdrawn: it should never have been recorded; its own date is the day it "
       "was withdrawn", entry=_ENTRY, reason=_WHY, by=_BY),
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
