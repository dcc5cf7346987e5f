"""Write a DfE children in need census XML file from chronologies, streaming.

`write_census(path, cases, council=..., year="2025-26")` turns each case (one episode of
one child) back into a `CINdetails` block, grouping a child's episodes under one `Child`,
and writes with lxml's incremental `xmlfile`, so only one child is held at a time. The
census reader reads the file back to the same chronologies.

Everything a census record holds is written back where the census structure puts it:
the child's identifiers (UPN, FormerUPN, UPNunknown, ExpectedPersonBirthDate,
GenderCurrent, PersonDeathDate), sex, ethnicity and every disability code; each episode's
ReferralNFA, primary need and pre-proceedings block; each assessment's review date and
factors; each enquiry's InitialCPCtarget; each plan's categories of abuse and earlier plans.
Where a record does not hold one, `InitialCPCtarget` is computed (15 working days after the
strategy discussion, casework's counting convention), `ReferralNFA` is true for an episode
closed with nothing after its referral, and the disability is DDA or NONE. An initial
conference is recorded once, as the census asks (validation rule 2884): in its Section47
block, or at CINdetails level only when no Section47 block holds it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from lxml import etree

from casework.domain.calendar import england
from casework.domain.census import CensusChild, CensusHeader, Episode, case_to_episode, reference_date_for
from casework.domain.chronology import Case
from casework.domain.errors import CaseworkError, Problem

SOFTWARE = "casework"


@dataclass
class WriteSummary:
    children: int = 0
    episodes: int = 0
    omitted_events: int = 0
    problems: list[Problem] = field(default_factory=list)


def write_census(path: str | Path, cases: Iterable[Case], *, council: str, year: str) -> WriteSummary:
    """Write `cases` as the census for `council` and `year`; refuses (writing nothing) on problems."""
    header = CensusHeader(council=council, reference_date=reference_date_for(year))
    summary = WriteSummary()
    by_child: dict[str, CensusChild] = {}
    for case in cases:
        child, episode, problems, omitted = case_to_episode(case)
        summary.omitted_events += omitted
        summary.problems += problems
        if problems:
            continue
        prior = by_child.get(child.id)
        by_child[child.id] = (replace(child, episodes=(episode,)) if prior is None else
                              replace(prior, episodes=(*prior.episodes, episode)))
    if summary.problems:
        raise CaseworkError(summary.problems)
    summary.children = len(by_child)
    summary.episodes = sum(len(c.episodes) for c in by_child.values())
    write_children(path, header, by_child.values())
    return summary


def write_children(path: str | Path, header: CensusHeader, children: Iterable[CensusChild]) -> int:
    """Write census records (streamed from `children`); returns how many children were written."""
    count = 0
    with etree.xmlfile(str(path), encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element("Message"):
            xf.write(header_element(header), pretty_print=True)
            with xf.element("Children"):
                for child in children:
                    xf.write(child_element(child), pretty_print=True)
                    count += 1
    return count


def header_element(header: CensusHeader) -> Any:
    root = etree.Element("Header")
    details = etree.SubElement(root, "CollectionDetails")
    _leaf(details, "Collection", "CIN")
    _leaf(details, "Year", str(header.reference_date.year))
    _leaf(details, "ReferenceDate", header.reference_date)
    source = etree.SubElement(root, "Source")
    _leaf(source, "SourceLevel", "L")
    _leaf(source, "LEA", header.council)
    _leaf(source, "SoftwareCode", SOFTWARE)
    _leaf(source, "Release", "1")
    _leaf(source, "SerialNo", "001")
    _leaf(source, "DateTime", datetime(header.reference_date.year, 4, 1).isoformat())
    return root


def child_element(child: CensusChild) -> Any:
    root = etree.Element("Child")
    ids = etree.SubElement(root, "ChildIdentifiers")
    kept = child.identifiers
    _leaf(ids, "LAchildID", child.id)
    for name in ("UPN", "FormerUPN", "UPNunknown"):
        _leaf(ids, name, kept.get(name))
    _leaf(ids, "PersonBirthDate", child.birth_date)
    _leaf(ids, "ExpectedPersonBirthDate", kept.get("ExpectedPersonBirthDate"))
    _leaf(ids, "GenderCurrent", kept.get("GenderCurrent"))
    _leaf(ids, "Sex", child.sex)
    _leaf(ids, "PersonDeathDate", kept.get("PersonDeathDate"))
    characteristics = etree.SubElement(root, "ChildCharacteristics")
    _leaf(characteristics, "Ethnicity", child.ethnicity)
    disabilities = etree.SubElement(characteristics, "Disabilities")
    for code in child.disabilities or ("DDA" if child.disabled else "NONE",):
        _leaf(disabilities, "Disability", code)
    for episode in child.episodes:
        _episode(root, episode)
    return root


def _episode(parent: Any, ep: Episode) -> None:
    cin = etree.SubElement(parent, "CINdetails")
    _leaf(cin, "CINreferralDate", ep.referral)
    _leaf(cin, "ReferralSource", ep.referral_source)
    _leaf(cin, "PrimaryNeedCode", ep.primary_need)
    _leaf(cin, "CINclosureDate", ep.closure)
    _leaf(cin, "ReasonForClosure", ep.reason_for_closure)
    in_section47 = {s.icpc for s in ep.section47s}
    _leaf(cin, "DateOfInitialCPC", ep.icpc if ep.icpc not in in_section47 else None)
    nfa = ep.referral_nfa
    if nfa is None:  # not given: a referral closed with nothing after it
        nfa = ep.closure is not None and not (ep.assessments or ep.section47s or ep.cin_plans or ep.cp_plans)
    _leaf(cin, "ReferralNFA", "true" if nfa else "false")
    for a in ep.assessments:
        block = etree.SubElement(cin, "Assessments")
        _leaf(block, "AssessmentActualStartDate", a.start)
        _leaf(block, "AssessmentInternalReviewDate", a.review)
        _leaf(block, "AssessmentAuthorisationDate", a.authorised)
        if a.factors:
            factors = etree.SubElement(block, "FactorsIdentifiedAtAssessment")
            for factor in a.factors:
                _leaf(factors, "AssessmentFactors", factor)
    for p in ep.cin_plans:
        block = etree.SubElement(cin, "CINPlanDates")
        _leaf(block, "CINPlanStartDate", p.start)
        _leaf(block, "CINPlanEndDate", p.end)
    for s in ep.section47s:
        block = etree.SubElement(cin, "Section47")
        _leaf(block, "S47ActualStartDate", s.start)
        _leaf(block, "InitialCPCtarget", s.target or england().add_working_days(s.start, 15))
        _leaf(block, "DateOfInitialCPC", s.icpc)
        not_required = s.icpc_not_required if s.icpc is None else False
        _leaf(block, "ICPCnotRequired", None if not_required is None else str(not_required).lower())
    for c in ep.cp_plans:
        block = etree.SubElement(cin, "ChildProtectionPlans")
        _leaf(block, "CPPstartDate", c.start)
        _leaf(block, "CPPendDate", c.end)
        _leaf(block, "InitialCategoryOfAbuse", c.category_of_abuse)
        _leaf(block, "LatestCategoryOfAbuse", c.latest_category_of_abuse)
        _leaf(block, "NumberOfPreviousCPP", None if c.previous_plans is None else str(c.previous_plans))
        if c.reviews:
            reviews = etree.SubElement(block, "Reviews")
            for review in c.reviews:
                _leaf(reviews, "CPPreviewDate", review)
    if ep.pre_proceedings is not None:
        block = etree.SubElement(cin, "PreProceedingsandFGDM")
        for name, text in ep.pre_proceedings:
            etree.SubElement(block, name).text = text or None


def _leaf(parent: Any, tag: str, value: str | date | None) -> None:
    if value is None:
        return
    etree.SubElement(parent, tag).text = value.isoformat() if isinstance(value, date) else value
