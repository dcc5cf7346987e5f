"""Census records → chronologies: the events of an episode, its case, and its order checks.

Reading a census is the direction every audit of a census takes, so the mapping lives
here once (`episode_events`) and both the per-case path (`episode_to_case`) and the
column-wise audit (`casework.domain.batch`) read episodes through it. The date-order
checks sit beside it because they guard exactly the records this mapping accepts.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from casework.domain.census.records import (
    CENSUS_EVENT_TYPES,
    NOWHERE,
    At,
    CensusChild,
    CensusHeader,
    Episode,
)
from casework.domain.chronology import Case, Child
from casework.domain.dates import CaseDate
from casework.domain.events import Event
from casework.domain.rules.model import Rule


def census_rules(rules: Iterable[Rule]) -> tuple[Rule, ...]:
    """The timescale rules a census can evidence: every trigger and outcome is a census date.

    Of rules.md §1–2 that is assessment_timescale, icpc_timescale, rcpc_first and
    rcpc_review. The census has no CIN plan reviews, planning meetings, core groups,
    transfer-in conferences or referral decisions, so those rules would report every case
    as missing them; they are left out rather than reported as breaches.
    """
    def census_only(matchers: Sequence[object]) -> bool:
        return all(getattr(m, "type", None) in CENSUS_EVENT_TYPES for m in matchers)

    return tuple(
        r for r in rules
        if r.check == "timescale" and r.area in ("child_in_need", "child_protection")
        and r.trigger and census_only(r.trigger) and census_only(r.satisfied_by)
        and census_only(r.only_if)
    )


_SAFE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_UNSAFE = re.compile(r"[^a-z0-9_.-]+")


def case_id(child_id: str, number: int) -> str:
    """The case id of a child's `number`th (1-based) episode in the census.

    A case id must be safe in a file name and a URL (lower case letters, digits, `_.-`); an
    LAchildID may hold anything (upper case, spaces, `/`). A safe id is used as it is; any
    other is made safe and given a short digest of the exact id, so two children whose ids
    differ only in case or punctuation keep apart. The child's own id is kept exactly, on
    the case's child.

    >>> case_id("3010000001", 2)
    '3010000001-2'
    >>> case_id("DfE X/0001", 1)
    'dfe-x-0001-efa3e26c-1'
    """
    if _SAFE.match(child_id):
        return f"{child_id}-{number}"
    slug = _UNSAFE.sub("-", child_id.lower()).strip("-_.") or "child"
    digest = hashlib.sha256(child_id.encode("utf-8")).hexdigest()[:8]
    return f"{slug}-{digest}-{number}"


# One census event before it becomes an `Event`: id, type, date, where it was read, details.
CensusEvent = tuple[str, str, date | CaseDate, At, Mapping[str, object] | None]


def episode_to_case(child: CensusChild, number: int, episode: Episode,
                    header: CensusHeader, where: str = "") -> Case:
    """The chronology of one census episode (assumed to pass `episode_problems`)."""
    kid = (child.id,)
    events = tuple(
        Event(id=event_id, type=type_, date=day if isinstance(day, CaseDate) else CaseDate.exact(day),
              children=kid, details=dict(details or {}), line=at[1])
        for event_id, type_, day, at, details in episode_events(episode, header)
    )
    return Case(
        id=case_id(child.id, number), council=header.council,
        title=f"CIN census {header.year}: child {child.id}, episode {number}",
        source=f"CIN census {header.year}, LA {header.council}", where=where,
        children=(Child(child.id, child.birth_date, child.disabled, sex=child.sex,
                        ethnicity=child.ethnicity, identifiers=dict(child.identifiers),
                        disabilities=child.disabilities),),
        events=events, complete_from=header.start,
    )


def episode_events(episode: Episode, header: CensusHeader) -> list[CensusEvent]:
    """The events of one census episode, in census order (the one home of the mapping).

    Both `episode_to_case` and the column-wise audit (`casework.domain.batch`) read census
    episodes through this, so a chronology and a column of events cannot disagree.
    """
    events: list[CensusEvent] = []
    ep = episode
    events.append(("ref", "referral", ep.referral, ep.at.get("referral", NOWHERE),
                   _present(source=ep.referral_source, primary_need=ep.primary_need,
                            no_further_action=ep.referral_nfa,
                            pre_proceedings=None if ep.pre_proceedings is None
                            else [list(pair) for pair in ep.pre_proceedings])))
    plan_starts = {p.start for p in ep.cp_plans}
    s47_icpcs = {s.icpc for s in ep.section47s if s.icpc is not None}
    if ep.icpc is not None and ep.icpc not in s47_icpcs:
        events.append(("icpc", "icpc", ep.icpc, ep.at.get("icpc", NOWHERE),
                       {"cp_plan": ep.icpc in plan_starts}))
    _add_assessments(events, ep)
    _add_cin_plans(events, ep)
    _add_section47s(events, ep, header, plan_starts)
    _add_cp_plans(events, ep)
    if ep.closure is not None:
        events.append(("close", "case_closed", ep.closure, ep.at.get("closure", NOWHERE),
                       {"reason_for_closure": ep.reason_for_closure} if ep.reason_for_closure else None))
    return events


def _add_assessments(events: list[CensusEvent], ep: Episode) -> None:
    """Each assessment's start and, once authorised, its completion (`a1.start`, `a1.done`)."""
    for i, a in enumerate(ep.assessments, 1):
        events.append((f"a{i}.start", "assessment_started", a.start, a.at.get("start", NOWHERE),
                       _present(review_date=a.review, factors=list(a.factors) or None)))
        if a.authorised is not None:
            events.append((f"a{i}.done", "assessment_completed", a.authorised,
                           a.at.get("authorised", NOWHERE), None))


def _add_cin_plans(events: list[CensusEvent], ep: Episode) -> None:
    """Each CIN plan's start and, once it has ended, its close (`p1.start`, `p1.end`)."""
    for i, p in enumerate(ep.cin_plans, 1):
        events.append((f"p{i}.start", "cin_plan_started", p.start, p.at.get("start", NOWHERE), None))
        if p.end is not None:
            events.append((f"p{i}.end", "cin_plan_closed", p.end, p.at.get("end", NOWHERE), None))


def _add_section47s(events: list[CensusEvent], ep: Episode, header: CensusHeader,
                    plan_starts: set[date]) -> None:
    """Each s47 enquiry's start, then its conference or, with none needed, its outcome."""
    for i, s in enumerate(ep.section47s, 1):
        events.append((f"s{i}.start", "strategy_discussion", s.start, s.at.get("start", NOWHERE),
                       {"s47_initiated": True, **({"icpc_target": s.target} if s.target else {})}))
        if s.icpc is not None:
            events.append((f"s{i}.icpc", "icpc", s.icpc, s.at.get("icpc", NOWHERE),
                           {"cp_plan": s.icpc in plan_starts}))
        elif s.icpc_not_required is not None:
            events.append((f"s{i}.outcome", "s47_enquiry", enquiry_concluded(s.start, ep, header),
                           s.at.get("icpc_not_required", NOWHERE),
                           {"concerns_substantiated": not s.icpc_not_required}))


def _add_cp_plans(events: list[CensusEvent], ep: Episode) -> None:
    """Each CP plan's start (carrying its census fields), its reviews in file order, its end."""
    for i, c in enumerate(ep.cp_plans, 1):
        events.append((f"c{i}.start", "cp_plan_started", c.start, c.at.get("start", NOWHERE),
                       _present(category_of_abuse=c.category_of_abuse,
                                latest_category_of_abuse=c.latest_category_of_abuse,
                                previous_plans=c.previous_plans)))
        for j, review in enumerate(c.reviews, 1):
            at = c.review_at[j - 1] if j <= len(c.review_at) else NOWHERE
            events.append((f"c{i}.review{j}", "rcpc", review, at, None))
        if c.end is not None:
            events.append((f"c{i}.end", "cp_plan_ended", c.end, c.at.get("end", NOWHERE), None))


def _present(**details: object) -> Mapping[str, object] | None:
    """The details that have a value (None when none has: the event carries no details)."""
    kept = {k: v for k, v in details.items() if v is not None}
    return kept or None


def enquiry_concluded(start: date, episode: Episode, header: CensusHeader) -> CaseDate:
    """When s47 enquiries with no conference ended: some day from their start to the episode's end.

    The census records only that no conference was (or was still) needed, not when the
    enquiries concluded, so the date is the honest range.
    """
    end = episode.closure if episode.closure is not None else header.reference_date
    end = max(end, start)
    return CaseDate(start, end, "bounds", f"between {start} and {end} (census ICPCnotRequired)")
