"""The one check every path that writes an event goes through: may this actor record this
type of event, and does the complaints procedure allow it now?

`append_checked` (service.cases) calls `authorize_event` before anything is written, so the
generic "record an event" route (API and the case page's form), the complaint steps, remedies,
agreed actions, evidence and imports all apply the same permission per event type and the same
procedure check. A use case may check its own permission earlier for a plainer message, but
never instead of this one.
"""

from __future__ import annotations

from collections.abc import Iterable

from casework.domain.chronology import Case
from casework.domain.complaints import replay_complaint
from casework.domain.corrections import supersedes, target
from casework.domain.events import EVENT_TYPE_BY_NAME, Event
from casework.service.access import EVENT_PERMISSIONS, Actor
from casework.service.errors import Conflict


class StepRefused(Conflict):
    """The procedure refuses the step now; `reason` is the table's own words."""

    def __init__(self, problem: str, reason: str, allowed: tuple[str, ...]) -> None:
        super().__init__("type", problem, f"the steps allowed now are: {', '.join(allowed) or 'none'}")
        self.reason = reason


def permission_for(event_type: str) -> str:
    """The permission needed to record an event of this type (unknown types: case:write, and
    the chronology check then refuses the type itself)."""
    kind = EVENT_TYPE_BY_NAME.get(event_type)
    if kind is None:
        return "case:write"
    return EVENT_PERMISSIONS.get(kind.name) or EVENT_PERMISSIONS[kind.category]


def permission_in(case: Case, event: Event, pending: Iterable[Event] = ()) -> str:
    """The permission `event` needs on `case`: a correction or withdrawal needs the permission
    of the entry it supersedes (followed through earlier corrections to the first entry)."""
    entries = {e.id: e for e in (*case.written, *pending)}
    seen: set[str] = set()
    while supersedes(event) and event.id not in seen:
        seen.add(event.id)
        named = entries.get(target(event))
        if named is None:
            return "case:write"  # an unknown entry: the chronology check refuses it
        event = named
    return permission_for(event.type)


def authorize_event(actor: Actor, case: Case, event: Event) -> None:
    """Refuse (`Forbidden` or `Conflict`) unless `actor` may record `event` on `case` now."""
    actor.require(permission_in(case, event))
    refuse_illegal_step(case, event)


def authorize_import(actor: Actor, events: Iterable[Event]) -> None:
    """An imported chronology writes every one of its events: the actor needs each one's permission
    (a correction or withdrawal, that of the entry it supersedes)."""
    written = tuple(events)
    empty = Case(id="", council="")
    for permission in dict.fromkeys(permission_in(empty, e, written) for e in written):
        actor.require(permission)


def _complaint_refs(case: Case) -> list[str]:
    return [str(e.complaint) for e in case.events if e.type == "complaint_received" and e.complaint]


def refuse_illegal_step(case: Case, event: Event) -> None:
    """Refuse an event that makes any complaint's procedure refuse a step it did not refuse before
    (e.g. a panel refused after a request made in time, or a step recorded before the one it needs).

    Every complaint on the case is replayed with and without the event, so a step recorded through
    any route, or an event dated back before a complaint's later steps, is caught. A record whose
    earlier steps already do not replay (an imported history with gaps) keeps that first refusal;
    the event is refused only if it brings a refusal earlier or adds one where there was none.
    """
    after = case.with_event(event)
    refs = dict.fromkeys(_complaint_refs(case))
    if event.type == "complaint_received" and event.complaint:
        refs.setdefault(str(event.complaint), None)
    for ref in refs:
        before = replay_complaint(case, ref).refusal if ref in _complaint_refs(case) else None
        refusal = replay_complaint(after, ref).refusal
        if refusal is None or (before is not None and _position(after, before.event) <= _position(
                after, refusal.event)):
            continue
        label = _label(after, event)
        if refusal.event.id in (event.id, _standing_id(after, event)):
            raise StepRefused(f"complaint {ref}: {label} cannot happen now: {refusal.reason}",
                              refusal.reason, refusal.allowed)
        reason = (f"it would make the procedure refuse the later '{refusal.event.type}' "
                  f"({refusal.event.id}): {refusal.reason}")
        raise StepRefused(f"complaint {ref}: {label} cannot be recorded here, as {reason}",
                          reason, refusal.allowed)


def _label(case: Case, event: Event) -> str:
    """The step as a refusal names it: its type, or what a correction or withdrawal does."""
    if not supersedes(event):
        return f"'{event.type}'"
    entry = case.entry(_standing_id(case, event)) or case.entry(target(event))
    verb = "correcting" if event.type == "entry_corrected" else "withdrawing"
    return f"{verb} the '{entry.type if entry else target(event)}' ({target(event)})"


def _position(case: Case, event: Event) -> int:
    """Where the event stands now (a withdrawn one: as if at the end, refused no earlier)."""
    return next((i for i, e in enumerate(case.events) if e.id == event.id), len(case.events))


def _standing_id(case: Case, event: Event) -> str:
    """The id under which `event` stands in `case` (a correction: the entry it corrects)."""
    if not supersedes(event):
        return event.id
    return next((v.event.id for v in case.versions() if v.superseded_by == event), event.id)
