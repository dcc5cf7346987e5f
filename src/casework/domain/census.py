"""The DfE children in need census as chronologies: one case per `CINdetails` episode.

The census (rules.md §6) records, for each child, episodes of need with the dates the
statutory clocks run on. This module is the pure half of reading and writing it: census
records (what the XML says, as values) to a `Case` in the event vocabulary, a `Case` back
to records, and the order checks a census episode must pass. The XML itself is handled by
`casework.adapters.census`.

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

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from casework.domain.chronology import Case, Child
from casework.domain.dates import CaseDate
from casework.domain.errors import Problem
from casework.domain.events import EVENT_TYPES, Event
from casework.domain.rules.model import Rule

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
    start: date
    authorised: date | None = None
    at: Mapping[str, At] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class CINPlan:
    start: date
    end: date | None = None
    at: Mapping[str, At] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Section47:
    start: date
    icpc: date | None = None
    icpc_not_required: bool | None = None
    at: Mapping[str, At] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class CPPlan:
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
    at: Mapping[str, At] = field(default_factory=dict, compare=False, repr=False)

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
    id: str
    birth_date: date | None = None
    disabled: bool = False
    episodes: tuple[Episode, ...] = ()
    sex: str | None = None
    ethnicity: str | None = None
    at: Mapping[str, At] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class CensusHeader:
    """The council (its LEA code) and the census year, which ends on `reference_date`."""

    council: str
    reference_date: date

    @property
    def year(self) -> str:
        """The collection year as DfE names it: reference date 31 Mar 2026 → "2025-26"."""
        end = self.reference_date.year
        return f"{end - 1}-{end % 100:02d}"

    @property
    def start(self) -> date:
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


def case_id(child_id: str, number: int) -> str:
    """The case id of a child's `number`th (1-based) episode in the census."""
    return f"{child_id}-{number}"


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
                        ethnicity=child.ethnicity),),
        events=events,
    )


def episode_events(episode: Episode, header: CensusHeader) -> list[CensusEvent]:
    """The events of one census episode, in census order (the one home of the mapping).

    Both `episode_to_case` and the column-wise audit (`casework.domain.batch`) read census
    episodes through this, so a chronology and a column of events cannot disagree.
    """
    events: list[CensusEvent] = []
    add = events.append
    ep = episode
    add(("ref", "referral", ep.referral, ep.at.get("referral", NOWHERE),
         _present(source=ep.referral_source, primary_need=ep.primary_need)))
    plan_starts = {p.start for p in ep.cp_plans}
    s47_icpcs = {s.icpc for s in ep.section47s if s.icpc is not None}
    if ep.icpc is not None and ep.icpc not in s47_icpcs:
        add(("icpc", "icpc", ep.icpc, ep.at.get("icpc", NOWHERE), {"cp_plan": ep.icpc in plan_starts}))
    for i, a in enumerate(ep.assessments, 1):
        add((f"a{i}.start", "assessment_started", a.start, a.at.get("start", NOWHERE), None))
        if a.authorised is not None:
            add((f"a{i}.done", "assessment_completed", a.authorised, a.at.get("authorised", NOWHERE), None))
    for i, p in enumerate(ep.cin_plans, 1):
        add((f"p{i}.start", "cin_plan_started", p.start, p.at.get("start", NOWHERE), None))
        if p.end is not None:
            add((f"p{i}.end", "cin_plan_closed", p.end, p.at.get("end", NOWHERE), None))
    for i, s in enumerate(ep.section47s, 1):
        add((f"s{i}.start", "strategy_discussion", s.start, s.at.get("start", NOWHERE),
             {"s47_initiated": True}))
        if s.icpc is not None:
            add((f"s{i}.icpc", "icpc", s.icpc, s.at.get("icpc", NOWHERE),
                 {"cp_plan": s.icpc in plan_starts}))
        elif s.icpc_not_required is not None:
            add((f"s{i}.outcome", "s47_enquiry", enquiry_concluded(s.start, ep, header),
                 s.at.get("icpc_not_required", NOWHERE),
                 {"concerns_substantiated": not s.icpc_not_required}))
    for i, c in enumerate(ep.cp_plans, 1):
        add((f"c{i}.start", "cp_plan_started", c.start, c.at.get("start", NOWHERE),
             _present(category_of_abuse=c.category_of_abuse,
                      latest_category_of_abuse=c.latest_category_of_abuse,
                      previous_plans=c.previous_plans)))
        for j, review in enumerate(c.reviews, 1):
            at = c.review_at[j - 1] if j <= len(c.review_at) else NOWHERE
            add((f"c{i}.review{j}", "rcpc", review, at, None))
        if c.end is not None:
            add((f"c{i}.end", "cp_plan_ended", c.end, c.at.get("end", NOWHERE), None))
    if ep.closure is not None:
        add(("close", "case_closed", ep.closure, ep.at.get("closure", NOWHERE),
             {"reason_for_closure": ep.reason_for_closure} if ep.reason_for_closure else None))
    return events


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


def child_where(child_id: str | None) -> str:
    """How a problem names the census child it belongs to."""
    return f"LAchildID {child_id}" if child_id else "a child with no LAchildID"


def episode_problems(child_id: str, episode: Episode) -> list[Problem]:
    """Dates out of order in one episode: before the referral, or before what they follow."""
    problems: list[Problem] = []
    ep = episode

    def check(day: date | None, after: date | None, at: At, what: str, prior: str) -> None:
        if day is not None and after is not None and day < after:
            problems.append(Problem(
                where=child_where(child_id), field=at[0], line=at[1],
                problem=f"the {what} ({day}) is before the {prior} ({after})",
                fix=f"correct the date: the {what} cannot come before the {prior}"))

    check(ep.closure, ep.referral, ep.at.get("closure", NOWHERE), "CINclosureDate", "CINreferralDate")
    check(ep.icpc, ep.referral, ep.at.get("icpc", NOWHERE), "DateOfInitialCPC", "CINreferralDate")
    for a in ep.assessments:
        check(a.start, ep.referral, a.at.get("start", NOWHERE), "AssessmentActualStartDate",
              "CINreferralDate")
        check(a.authorised, a.start, a.at.get("authorised", NOWHERE),
              "AssessmentAuthorisationDate", "AssessmentActualStartDate")
    for p in ep.cin_plans:
        check(p.start, ep.referral, p.at.get("start", NOWHERE), "CINPlanStartDate", "CINreferralDate")
        check(p.end, p.start, p.at.get("end", NOWHERE), "CINPlanEndDate", "CINPlanStartDate")
    for s in ep.section47s:
        check(s.start, ep.referral, s.at.get("start", NOWHERE), "S47ActualStartDate", "CINreferralDate")
        check(s.icpc, s.start, s.at.get("icpc", NOWHERE), "DateOfInitialCPC", "S47ActualStartDate")
        if s.icpc is not None and s.icpc_not_required:
            at = s.at.get("icpc_not_required", NOWHERE)
            problems.append(Problem(
                where=child_where(child_id), field=at[0], line=at[1],
                problem=f"ICPCnotRequired is true but a conference is dated {s.icpc}",
                fix="set ICPCnotRequired to false, or remove the DateOfInitialCPC"))
    for c in ep.cp_plans:
        check(c.start, ep.referral, c.at.get("start", NOWHERE), "CPPstartDate", "CINreferralDate")
        check(c.end, c.start, c.at.get("end", NOWHERE), "CPPendDate", "CPPstartDate")
        for j, review in enumerate(c.reviews):
            at = c.review_at[j] if j < len(c.review_at) else NOWHERE
            check(review, c.start, at, "CPPreviewDate", "CPPstartDate")
    return problems


@dataclass
class _Open:
    """A census block being rebuilt from events: its id prefix and its fields so far."""

    prefix: str
    start: date
    values: dict[str, object] = field(default_factory=dict)


def _prefix(event: Event) -> str:
    return event.id.split(".", 1)[0] if "." in event.id else ""


def _attach(blocks: list[_Open], event: Event, open_key: str | None) -> _Open | None:
    """The block an event belongs to: the one its id names, else the earliest still open."""
    named = [b for b in blocks if b.prefix and b.prefix == _prefix(event)]
    if named:
        return named[0]
    day = event.date.earliest
    candidates = [b for b in blocks if b.start <= day and (open_key is None or open_key not in b.values)]
    return candidates[0] if candidates else None


def case_to_episode(case: Case) -> tuple[CensusChild, Episode, list[Problem], int]:
    """The census episode a chronology is, the problems that stop it being one, and how many
    of its events the census has no field for (CIN reviews, visits, complaints…)."""
    problems: list[Problem] = []

    def fail(event: Event | None, problem: str, fix: str) -> None:
        problems.append(Problem(where=case.where or case.id, field=f"events.{event.id}" if event else "",
                                problem=problem, fix=fix, line=event.line if event else None))

    if len(case.children) != 1:
        fail(None, f"a census episode is about one child; this case has {len(case.children)}",
             "export one case per child")
    child = case.children[0] if case.children else Child("")
    referrals = list(case.of_type("referral"))
    if len(referrals) != 1:
        fail(None, f"a census episode starts with one referral; this case has {len(referrals)}",
             "record exactly one referral in the case")
    omitted = 0
    blocks: dict[str, list[_Open]] = {"a": [], "p": [], "s": [], "c": []}
    ep: dict[str, object] = {}
    for event in case.events:
        if event.type not in CENSUS_EVENT_TYPES:
            omitted += 1
            continue
        if not event.date.is_exact and event.type != "s47_enquiry":
            fail(event, f"the census needs an exact date; this {event.type} is dated {event.date}",
                 "record the exact date")
            continue
        _place(event, blocks, ep, fail)
    for group in blocks.values():
        group.sort(key=_block_order)
    if problems or not referrals:
        return CensusChild(child.id), Episode(referrals[0].date.earliest if referrals else date.min), \
            problems, omitted
    episode = Episode(
        referral=referrals[0].date.earliest,
        referral_source=_text(referrals[0].detail("source")),
        primary_need=_text(referrals[0].detail("primary_need")),
        closure=_day(ep.get("closure")), reason_for_closure=_text(ep.get("reason")),
        icpc=_day(ep.get("icpc")),
        assessments=tuple(Assessment(b.start, _day(b.values.get("end"))) for b in blocks["a"]),
        cin_plans=tuple(CINPlan(b.start, _day(b.values.get("end"))) for b in blocks["p"]),
        section47s=tuple(Section47(b.start, _day(b.values.get("icpc")),
                                   _flag(b.values.get("not_required"))) for b in blocks["s"]),
        cp_plans=tuple(CPPlan(b.start, _day(b.values.get("end")),
                              tuple(sorted(_dates(b.values.get("reviews")))),
                              _text(b.values.get("category_of_abuse")),
                              _text(b.values.get("latest_category_of_abuse")),
                              _count(b.values.get("previous_plans"))) for b in blocks["c"]),
    )
    return (CensusChild(child.id, child.date_of_birth, child.disabled, sex=child.sex,
                        ethnicity=child.ethnicity), episode, problems, omitted)


def _place(event: Event, blocks: dict[str, list[_Open]], ep: dict[str, object],
           fail: Callable[[Event | None, str, str], None]) -> None:
    day = event.date.earliest
    kind = event.type
    opens = {"assessment_started": "a", "cin_plan_started": "p", "strategy_discussion": "s",
             "cp_plan_started": "c"}
    if kind in opens:
        # A plan's census fields (categories of abuse, earlier plans) travel on its start.
        kept = dict(event.details) if kind == "cp_plan_started" else {}
        blocks[opens[kind]].append(_Open(_prefix(event), day, kept))
        return
    ends = {"assessment_completed": ("a", "end"), "cin_plan_closed": ("p", "end"),
            "cp_plan_ended": ("c", "end")}
    if kind in ends:
        group, key = ends[kind]
        block = _attach(blocks[group], event, key)
        if block is None:
            fail(event, f"this {kind} has no start before it", "record the start, or correct the date")
        else:
            block.values[key] = day
    elif kind == "rcpc":
        plan = _attach(list(reversed(blocks["c"])), event, "end")
        if plan is None:
            fail(event, "this review conference has no CP plan started before it",
                 "record the plan's start (cp_plan_started)")
        else:
            reviews = plan.values.setdefault("reviews", [])
            assert isinstance(reviews, list)
            reviews.append(day)
    elif kind == "icpc":
        # "icpc" is the episode's own conference (CINdetails/DateOfInitialCPC); others
        # belong to the section 47 enquiry they name or follow.
        s47 = None if event.id == "icpc" else _attach(blocks["s"], event, "icpc")
        if s47 is None:
            ep.setdefault("icpc", day)
        else:
            s47.values["icpc"] = day
    elif kind == "s47_enquiry":
        s47 = _attach(blocks["s"], event, "not_required")
        if s47 is None:
            fail(event, "these s47 enquiries have no strategy discussion before them",
                 "record the strategy discussion that started them")
        elif event.detail("concerns_substantiated") is not None:
            s47.values["not_required"] = not bool(event.detail("concerns_substantiated"))
    elif kind == "case_closed":
        ep["closure"] = day
        ep["reason"] = event.detail("reason_for_closure")
    elif kind == "referral":
        return
    else:
        fail(event, f"no census field holds a {kind}", "leave it out of the census export")


def _block_order(block: _Open) -> tuple[int, date]:
    """Blocks read from a census keep their file order (a1, a2…); others go by start date."""
    number = block.prefix[1:]
    return (int(number) if number.isdigit() else 1 << 30, block.start)


def _day(value: object) -> date | None:
    return value if isinstance(value, date) else None


def _text(value: object) -> str | None:
    return str(value) if value is not None else None


def _count(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _flag(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def _dates(value: object) -> list[date]:
    return [v for v in value if isinstance(v, date)] if isinstance(value, list) else []
