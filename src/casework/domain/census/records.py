"""The census records as plain values: what a `CINdetails` block and its children say.

These are kept apart from the mapping to and from cases so that the XML adapter, the
synthetic census generator and the column-wise audit can share one shape without
depending on how a record becomes a chronology.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from casework.domain.events import EVENT_TYPES

# Where a value was read: the element path and its line (both empty for records built in code).
At = tuple[str, int | None]
NOWHERE: At = ("", None)

# Event types a census episode can hold: those with a census field, plus the s47_enquiry
# outcome that ICPCnotRequired records.
CENSUS_EVENT_TYPES: frozenset[str] = frozenset(
    {t.name for t in EVENT_TYPES if t.census_field is not None} | {"s47_enquiry"}
)

_YEAR = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class Assessment:
    """One `Assessments` block; `authorised` is empty while the assessment is still open."""

    start: date
    authorised: date | None = None
    review: date | None = None  # AssessmentInternalReviewDate
    factors: tuple[str, ...] = ()  # FactorsIdentifiedAtAssessment/AssessmentFactors, in file order
    at: Mapping[str, At] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class CINPlan:
    """One `CINPlanDates` block; `end` is empty while the plan is still running."""

    start: date
    end: date | None = None
    at: Mapping[str, At] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Section47:
    """One `Section47` block: the enquiry's start and either its conference or that none was needed."""

    start: date
    icpc: date | None = None
    icpc_not_required: bool | None = None
    target: date | None = None  # InitialCPCtarget, as the council gave it
    at: Mapping[str, At] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class CPPlan:
    """One `ChildProtectionPlans` block, with its review conferences in file order."""

    start: date
    end: date | None = None
    reviews: tuple[date, ...] = ()
    category_of_abuse: str | None = None  # InitialCategoryOfAbuse
    latest_category_of_abuse: str | None = None
    previous_plans: int | None = None  # NumberOfPreviousCPP
    at: Mapping[str, At] = field(default_factory=dict, compare=False, repr=False)
    review_at: tuple[At, ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class Episode:
    """One `CINdetails` block: a referral and what followed it."""

    referral: date
    closure: date | None = None
    reason_for_closure: str | None = None
    referral_source: str | None = None
    primary_need: str | None = None  # PrimaryNeedCode
    icpc: date | None = None  # CINdetails/DateOfInitialCPC
    assessments: tuple[Assessment, ...] = ()
    cin_plans: tuple[CINPlan, ...] = ()
    section47s: tuple[Section47, ...] = ()
    cp_plans: tuple[CPPlan, ...] = ()
    referral_nfa: bool | None = None  # ReferralNFA as given (None: absent)
    # PreProceedingsandFGDM, which casework does not audit: its leaves (name, text) in file order.
    pre_proceedings: tuple[tuple[str, str], ...] | None = None
    at: Mapping[str, At] = field(default_factory=dict, compare=False, repr=False)
    # A problem in the episode (reported by the reader) stops its clocks being judged.
    held: bool = field(default=False, compare=False, repr=False)

    def event_count(self) -> int:
        """How many events this episode becomes (without building them)."""
        count = 1 + (self.closure is not None)
        count += sum(1 + (a.authorised is not None) for a in self.assessments)
        count += sum(1 + (p.end is not None) for p in self.cin_plans)
        count += sum(1 + (s.icpc is not None or s.icpc_not_required is not None)
                     for s in self.section47s)
        count += sum(1 + (p.end is not None) + len(p.reviews) for p in self.cp_plans)
        icpcs = {s.icpc for s in self.section47s}
        return count + (self.icpc is not None and self.icpc not in icpcs)


@dataclass(frozen=True)
class CensusChild:
    """One `Child` block: who the child is and their episodes of need in the census year."""

    id: str
    birth_date: date | None = None
    disabled: bool = False
    episodes: tuple[Episode, ...] = ()
    sex: str | None = None
    ethnicity: str | None = None
    identifiers: Mapping[str, str] = field(default_factory=dict)  # IDENTIFIERS kept as given
    disabilities: tuple[str, ...] = ()  # every Disability code, in file order
    at: Mapping[str, At] = field(default_factory=dict, compare=False, repr=False)


# ChildIdentifiers casework keeps but does not audit, by element name, as text.
IDENTIFIERS = ("UPN", "FormerUPN", "UPNunknown", "ExpectedPersonBirthDate", "GenderCurrent",
               "PersonDeathDate")


@dataclass(frozen=True)
class CensusHeader:
    """The council (its LEA code) and the census year, which ends on `reference_date`."""

    council: str
    reference_date: date
    collection_year: str | None = None  # CollectionDetails/Year as given

    @property
    def year(self) -> str:
        """The collection year as DfE names it: reference date 31 Mar 2026 → "2025-26"."""
        end = self.reference_date.year
        return f"{end - 1}-{end % 100:02d}"

    @property
    def start(self) -> date:
        """The first day of the census year (1 April), which DfE's year names begin with."""
        return date(self.reference_date.year - 1, 4, 1)


def reference_date_for(year: str) -> date:
    """"2025-26" → 31 March 2026, the census reference date (the last day of the year).

    >>> reference_date_for("2025-26")
    datetime.date(2026, 3, 31)
    """
    m = _YEAR.match(year.strip())
    if not m or (int(m[1]) + 1) % 100 != int(m[2]):
        raise ValueError(f"'{year}' is not a census year; write it as 2025-26")
    return date(int(m[1]) + 1, 3, 31)


# A regular census child's records as plain tuples, for the national-scale path (the census
# reader's quick path makes them, `checks.regular_child` screens them and
# `casework.domain.batch.TableBuilder.add_regular_child` lays them out as columns without
# building the records above). Field order:
#   RawAssessment: start, authorised, review, factors
#   RawPlan:       start, end
#   RawSection47:  start, icpc, icpc_not_required, target
#   RawCPPlan:     start, end, reviews (sorted), category_of_abuse, latest_category_of_abuse,
#                  previous_plans
#   RawEpisode:    referral, closure, icpc, reason_for_closure, referral_source, primary_need,
#                  referral_nfa, pre_proceedings, assessments, cin_plans, section47s, cp_plans
RawAssessment = tuple[date, date | None, date | None, tuple[str, ...]]
RawPlan = tuple[date, date | None]
RawSection47 = tuple[date, date | None, bool | None, date | None]
RawCPPlan = tuple[date, date | None, tuple[date, ...], str | None, str | None, int | None]
RawEpisode = tuple[date, date | None, date | None, str | None, str | None, str | None, bool | None,
                   tuple[tuple[str, str], ...] | None, tuple[RawAssessment, ...], tuple[RawPlan, ...],
                   tuple[RawSection47, ...], tuple[RawCPPlan, ...]]


def episode_from_raw(raw: RawEpisode) -> Episode:
    """The `Episode` a raw episode stands for (no positions)."""
    (referral, closure, icpc, reason, source, need, nfa, pre, assessments, plans, s47s, cpps) = raw
    return Episode(referral=referral, closure=closure, icpc=icpc, reason_for_closure=reason,
                   referral_source=source, primary_need=need,
                   assessments=tuple(Assessment(*a) for a in assessments),
                   cin_plans=tuple(CINPlan(*p) for p in plans),
                   section47s=tuple(Section47(*s) for s in s47s),
                   cp_plans=tuple(CPPlan(c[0], c[1], c[2], category_of_abuse=c[3], latest_category_of_abuse=c[4],
                                         previous_plans=c[5]) for c in cpps),
                   referral_nfa=nfa, pre_proceedings=pre)
