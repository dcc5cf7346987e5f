"""The checks a transition table may name as guards.

A guard looks at the complaint's accepted events so far (and, when there is one, the
event being tried) and says whether the step is allowed. The refusal reason lives in the
table beside the guard, so the words a council officer sees are data, like the rules.
When `allowed_next` previews the buttons to show, there is no event yet: a guard that
needs the event's own details allows the step, and the check happens when it is tried.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from casework.domain.calendar import WorkingCalendar
from casework.domain.deadlines import due_over
from casework.domain.events import Event
from casework.domain.rules.load import rule_by_id

Guard = Callable[[Sequence[Event], str, Event | None, WorkingCalendar], bool]
STAGE3_REQUEST_RULE = "stage3_request"  # reg 18: the complainant's limit, held as rule data


def started_at_stage_2(history: Sequence[Event], event_type: str, event: Event | None,
                       calendar: WorkingCalendar) -> bool:
    """The complaint was received at stage 2 (by agreement or the Ombudsman's direction)."""
    received = next((e for e in history if e.type == "complaint_received"), None)
    return received is not None and str(received.detail("start_stage", 1)) == "2"


def first_of_its_kind(history: Sequence[Event], event_type: str, event: Event | None,
                      calendar: WorkingCalendar) -> bool:
    """Nothing of this type has been accepted yet for the complaint."""
    return all(e.type != event_type for e in history)


def stage3_request_out_of_time(history: Sequence[Event], event_type: str, event: Event | None,
                               calendar: WorkingCalendar) -> bool:
    """A panel may be refused only when the request was not certainly in time (reg 19(1)).

    In time means on or before the 20th working day after the stage 2 response. With
    imprecise dates, a request that only *might* be late does not block a refusal; the
    audit reports the refusal as a possible breach instead.
    """
    response = _last(history, "stage2_response")
    request = _last(history, "stage3_requested")
    if response is None or request is None:
        return True
    limit = rule_by_id(STAGE3_REQUEST_RULE).limit
    assert limit is not None  # a timescale rule always has one (checked when rules load)
    return request.date.latest > due_over(limit, response.date, calendar).earliest


def ombudsman_complaint_open(history: Sequence[Event], event_type: str, event: Event | None,
                             calendar: WorkingCalendar) -> bool:
    """A complaint to the Ombudsman is awaiting its decision."""
    made = sum(e.type == "ombudsman_complaint" for e in history)
    decided = sum(e.type == "ombudsman_decision" for e in history)
    return made > decided


def ombudsman_decided(history: Sequence[Event], event_type: str, event: Event | None,
                      calendar: WorkingCalendar) -> bool:
    return any(e.type == "ombudsman_decision" for e in history)


def _response_stage(stage: int) -> Guard:
    def check(history: Sequence[Event], event_type: str, event: Event | None,
              calendar: WorkingCalendar) -> bool:
        return event is None or str(event.detail("stage")) == str(stage)
    check.__doc__ = f"The response is recorded as a stage {stage} response."
    return check


def _last(history: Sequence[Event], event_type: str) -> Event | None:
    return next((e for e in reversed(history) if e.type == event_type), None)


GUARDS: Mapping[str, Guard] = {
    "started_at_stage_2": started_at_stage_2,
    "first_of_its_kind": first_of_its_kind,
    "stage3_request_out_of_time": stage3_request_out_of_time,
    "ombudsman_complaint_open": ombudsman_complaint_open,
    "ombudsman_decided": ombudsman_decided,
    "response_stage_1": _response_stage(1),
    "response_stage_2": _response_stage(2),
}
