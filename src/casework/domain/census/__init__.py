"""The DfE children in need census as chronologies: one case per `CINdetails` episode.

The census (rules.md §6) records, for each child, episodes of need with the dates the
statutory clocks run on. This package is the pure half of reading and writing it: census
records (what the XML says, as values) to a `Case` in the event vocabulary, a `Case` back
to records, and the order checks a census episode must pass. The XML itself is handled by
`casework.adapters.census`.

- `records` — the census records as plain values, and the census year
- `to_cases` — records → events and cases (`episode_events`, `episode_to_case`) and the
  rules a census can evidence (`census_rules`)
- `checks` — what stops an episode being audited (`episode_problems`: dates out of order or
  out of the year, activity after closure, ReferralNFA) and what is only reported
  (`value_problems`: codes outside the DfE code lists; `header_problems`)
- `from_cases` — a `Case` → the census records the writer emits (`case_to_episode`)

Mapping (each event type's `census_field` in `events.py`):

- `CINreferralDate` → referral (ReferralSource kept as its `source`, PrimaryNeedCode as
  its `primary_need`)
- `AssessmentActualStartDate` / `AssessmentAuthorisationDate` → assessment_started / _completed
- `CINPlanStartDate` / `CINPlanEndDate` → cin_plan_started / cin_plan_closed
- `S47ActualStartDate` → strategy_discussion with `s47_initiated: true`
- `DateOfInitialCPC` → icpc, with `cp_plan: true` when a CP plan starts that day
- `ICPCnotRequired` with no conference → s47_enquiry (`concerns_substantiated` is its
  negation), dated "between the enquiry's start and the episode's end", because the census
  gives no date for the enquiry's conclusion
- `CPPstartDate`, `Reviews/CPPreviewDate`, `CPPendDate` → cp_plan_started, rcpc, cp_plan_ended
  (InitialCategoryOfAbuse, LatestCategoryOfAbuse and NumberOfPreviousCPP as the start's
  `category_of_abuse`, `latest_category_of_abuse` and `previous_plans`)
- `Sex`, `Ethnicity` → the child's `sex` and `ethnicity`
- `CINclosureDate` / `ReasonForClosure` → case_closed with `reason_for_closure`

Event ids name the census block they came from (`a2.done` is the second assessment's
authorisation, `c1.review3` the first plan's third review), so a case read from a census
writes back to the same blocks.
"""

from casework.domain.census.checks import child_where, episode_problems, header_problems, value_problems
from casework.domain.census.from_cases import case_to_episode
from casework.domain.census.records import (
    CENSUS_EVENT_TYPES,
    NOWHERE,
    Assessment,
    At,
    CensusChild,
    CensusHeader,
    CINPlan,
    CPPlan,
    Episode,
    Section47,
    reference_date_for,
)
from casework.domain.census.to_cases import (
    CensusEvent,
    case_id,
    census_rules,
    enquiry_concluded,
    episode_events,
    episode_to_case,
)

__all__ = [
    "CENSUS_EVENT_TYPES",
    "NOWHERE",
    "Assessment",
    "At",
    "CINPlan",
    "CPPlan",
    "CensusChild",
    "CensusEvent",
    "CensusHeader",
    "Episode",
    "Section47",
    "case_id",
    "case_to_episode",
    "census_rules",
    "child_where",
    "enquiry_concluded",
    "episode_events",
    "episode_problems",
    "episode_to_case",
    "header_problems",
    "reference_date_for",
    "value_problems",
]
