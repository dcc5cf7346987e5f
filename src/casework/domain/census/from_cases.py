"""Chronologies → census records: the episode a `Case` is, for the census writer.

Writing a census is the reverse of reading one, but a case need not have come from a
census: its events may be unnumbered, out of file order, or of types the census has no
field for. So this direction rebuilds the census blocks from the events (by the block an
id names, else the earliest block still open) and reports what stops a case being an
episode instead of guessing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from casework.domain.census.records import (
    CENSUS_EVENT_TYPES,
    Assessment,
    CensusChild,
    CINPlan,
    CPPlan,
    Episode,
    Section47,
)
from casework.domain.chronology import Case, Child
from casework.domain.errors import Problem
from casework.domain.events import Event

# Records a problem against an event (or the whole case, given None): event, problem, fix.
Fail = Callable[[Event | None, str, str], None]

# The event that opens each census block, and the block's one-letter id prefix.
_OPENS = {"assessment_started": "a", "cin_plan_started": "p", "strategy_discussion": "s",
          "cp_plan_started": "c"}
# The event that closes a block: the block's prefix and the field it sets.
_ENDS = {"assessment_completed": ("a", "end"), "cin_plan_closed": ("p", "end"),
         "cp_plan_ended": ("c", "end")}


@dataclass
class _Open:
    """A census block being rebuilt from events: its id prefix and its fields so far."""

    prefix: str
    start: date
    values: dict[str, object] = field(default_factory=dict)


def _prefix(event: Event) -> str:
    """The block an event id names (`a2` of `a2.done`); empty for ids naming no block."""
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
    blocks, ep, omitted = _collect(case.events, fail)
    if problems or not referrals:
        return CensusChild(child.id), Episode(referrals[0].date.earliest if referrals else date.min), \
            problems, omitted
    episode = _episode(referrals[0], blocks, ep)
    return (CensusChild(child.id, child.date_of_birth, child.disabled, sex=child.sex,
                        ethnicity=child.ethnicity, identifiers=child.identifiers,
                        disabilities=child.disabilities), episode, problems, omitted)


def _collect(events: Sequence[Event], fail: Fail) -> tuple[dict[str, list[_Open]], dict[str, object], int]:
    """The census blocks and episode fields the events fill, and how many events have no field.

    Dates must be exact, but for the s47 outcome, whose census form has no date at all.
    """
    omitted = 0
    blocks: dict[str, list[_Open]] = {"a": [], "p": [], "s": [], "c": []}
    ep: dict[str, object] = {}
    for event in events:
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
    return blocks, ep, omitted


def _episode(referral: Event, blocks: dict[str, list[_Open]], ep: Mapping[str, object]) -> Episode:
    """The census records the rebuilt blocks and episode fields amount to."""
    return Episode(
        referral=referral.date.earliest,
        referral_source=_text(referral.detail("source")),
        primary_need=_text(referral.detail("primary_need")),
        referral_nfa=_flag(referral.detail("no_further_action")),
        pre_proceedings=_pairs(referral.detail("pre_proceedings")),
        closure=_day(ep.get("closure")), reason_for_closure=_text(ep.get("reason")),
        icpc=_day(ep.get("icpc")),
        assessments=tuple(Assessment(b.start, _day(b.values.get("end")), _day(b.values.get("review_date")),
                                     tuple(_codes(b.values.get("factors")))) for b in blocks["a"]),
        cin_plans=tuple(CINPlan(b.start, _day(b.values.get("end"))) for b in blocks["p"]),
        section47s=tuple(Section47(b.start, _day(b.values.get("icpc")), _flag(b.values.get("not_required")),
                                   _day(b.values.get("icpc_target"))) for b in blocks["s"]),
        cp_plans=tuple(CPPlan(b.start, _day(b.values.get("end")),
                              tuple(sorted(_dates(b.values.get("reviews")))),
                              _text(b.values.get("category_of_abuse")),
                              _text(b.values.get("latest_category_of_abuse")),
                              _count(b.values.get("previous_plans"))) for b in blocks["c"]),
    )


def _place(event: Event, blocks: dict[str, list[_Open]], ep: dict[str, object], fail: Fail) -> None:
    """Put one census event into the block (or episode field) it fills, or say why it cannot go."""
    day = event.date.earliest
    kind = event.type
    if kind in _OPENS:
        # A block's census fields (categories of abuse, earlier plans, factors, target dates)
        # travel on its start.
        kept = dict(event.details)
        blocks[_OPENS[kind]].append(_Open(_prefix(event), day, kept))
        return
    if kind in _ENDS:
        group, key = _ENDS[kind]
        block = _attach(blocks[group], event, key)
        if block is None:
            fail(event, f"this {kind} has no start before it", "record the start, or correct the date")
        else:
            block.values[key] = day
    elif kind == "rcpc":
        _place_review(event, blocks, fail)
    elif kind == "icpc":
        _place_icpc(event, blocks, ep)
    elif kind == "s47_enquiry":
        _place_s47_outcome(event, blocks, fail)
    elif kind == "case_closed":
        ep["closure"] = day
        ep["reason"] = event.detail("reason_for_closure")
    elif kind == "referral":
        return
    else:
        fail(event, f"no census field holds a {kind}", "leave it out of the census export")


def _place_review(event: Event, blocks: dict[str, list[_Open]], fail: Fail) -> None:
    """A review conference joins the plan it names, else the latest plan still open before it."""
    plan = _attach(list(reversed(blocks["c"])), event, "end")
    if plan is None:
        fail(event, "this review conference has no CP plan started before it",
             "record the plan's start (cp_plan_started)")
    else:
        reviews = plan.values.setdefault("reviews", [])
        assert isinstance(reviews, list)
        reviews.append(event.date.earliest)


def _place_icpc(event: Event, blocks: dict[str, list[_Open]], ep: dict[str, object]) -> None:
    """A conference joins its s47 enquiry, or is the episode's own when none claims it.

    "icpc" is the episode's own conference (CINdetails/DateOfInitialCPC); others belong to
    the section 47 enquiry they name or follow.
    """
    day = event.date.earliest
    s47 = None if event.id == "icpc" else _attach(blocks["s"], event, "icpc")
    if s47 is None:
        ep.setdefault("icpc", day)
    else:
        s47.values["icpc"] = day


def _place_s47_outcome(event: Event, blocks: dict[str, list[_Open]], fail: Fail) -> None:
    """An s47 outcome with no conference becomes its enquiry's ICPCnotRequired."""
    s47 = _attach(blocks["s"], event, "not_required")
    if s47 is None:
        fail(event, "these s47 enquiries have no strategy discussion before them",
             "record the strategy discussion that started them")
    elif event.detail("concerns_substantiated") is not None:
        s47.values["not_required"] = not bool(event.detail("concerns_substantiated"))


def _block_order(block: _Open) -> tuple[int, date]:
    """Blocks read from a census keep their file order (a1, a2…); others go by start date."""
    number = block.prefix[1:]
    return (int(number) if number.isdigit() else 1 << 30, block.start)


# Event details are untyped; these read one as the type its census field needs, else None.

def _day(value: object) -> date | None:
    return value if isinstance(value, date) else None


def _text(value: object) -> str | None:
    return str(value) if value is not None else None


def _count(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _flag(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def _codes(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list | tuple) else []


def _pairs(value: object) -> tuple[tuple[str, str], ...] | None:
    if not isinstance(value, list | tuple):
        return None
    return tuple((str(p[0]), str(p[1])) for p in value if isinstance(p, list | tuple) and len(p) == 2)


def _dates(value: object) -> list[date]:
    return [v for v in value if isinstance(v, date)] if isinstance(value, list) else []
