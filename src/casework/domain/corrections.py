"""Mistakes corrected without losing history.

A wrong entry in a chronology is never edited or deleted. A new entry supersedes it:

- `entry_corrected` names the entry (`entry`), why (`reason`), who (`by`) and the entry as it
  should have read: its `date`, `children`, `details` and `note` (each one given replaces the
  entry's; one left out stays as it was). Its own date is the day the correction was made.
- `entry_withdrawn` names the entry, why and who: the entry should never have been recorded.

The chronology as it now stands (`Case.events`) holds each corrected entry in its corrected
form, under its own id (so every reference to it still holds), and no withdrawn entry: the
audit, the complaints procedure and the clocks read only that. What was superseded, and the
corrections and withdrawals themselves, are `Case.history`; a file or the store holds the
record as written (`Case.written`), from which both are made again.

An entry already corrected is corrected again through its latest correction (name that
correction's id), never by naming the first entry twice; a withdrawn entry stays withdrawn.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from casework.domain.dates import CaseDate
from casework.domain.events import Event

CORRECTED = "entry_corrected"
WITHDRAWN = "entry_withdrawn"
SUPERSEDING = (CORRECTED, WITHDRAWN)
# The parts of an entry a correction may replace.
REPLACEABLE = ("date", "children", "details", "note")


def supersedes(event: Event) -> bool:
    return event.type in SUPERSEDING


def target(event: Event) -> str:
    return str(event.details.get("entry", ""))


def corrected(entry: Event, correction: Event) -> Event:
    """The entry as the correction says it should have read (same id and type)."""
    changes: dict[str, object] = {"line": correction.line}
    when = correction.details.get("date")
    if isinstance(when, CaseDate):
        changes["date"] = when
    elif isinstance(when, date):
        changes["date"] = CaseDate.exact(when)
    children = correction.details.get("children")
    if isinstance(children, list | tuple):
        changes["children"] = tuple(str(c) for c in children)
    details = correction.details.get("details")
    if isinstance(details, Mapping):
        changes["details"] = dict(details)
    note = correction.details.get("note")
    if isinstance(note, str):
        changes["note"] = note
    return replace(entry, **changes)  # type: ignore[arg-type]


def supersede(events: Iterable[Event], history: Sequence[Event] = ()) -> tuple[
        tuple[Event, ...], tuple[Event, ...]]:
    """Apply every correction and withdrawal in `events` to the other entries.

    Returns the entries as they now stand and the history (what was superseded, then the
    superseding entries). A correction or withdrawal that cannot apply (unknown entry, one
    already superseded) is kept in the history unapplied; `problems` says why.
    """
    events = list(events)
    waiting = [e for e in events if supersedes(e)]
    if not waiting:
        return tuple(events), tuple(history)
    current = [e for e in events if not supersedes(e)]
    done = list(history)
    progress = True
    while waiting and progress:
        progress = False
        for entry in list(waiting):
            root = _root(target(entry), current, done)
            if root is None:
                continue
            index = next(i for i, e in enumerate(current) if e.id == root)
            if root not in _claimed(done):
                done.append(current[index])  # the entry as first written
            done.append(entry)
            if entry.type == CORRECTED:
                current[index] = corrected(current[index], entry)
            else:
                del current[index]
            waiting.remove(entry)
            progress = True
    done.extend(waiting)
    return tuple(current), tuple(done)


def _claimed(done: Iterable[Event]) -> set[str]:
    return {target(e) for e in done if supersedes(e)}


def _root(entry_id: str, current: Sequence[Event], done: Sequence[Event]) -> str | None:
    """The id of the standing entry `entry_id` names, if it may be superseded now."""
    if entry_id in _claimed(done):
        return None
    superseding = {e.id: e for e in done if supersedes(e)}
    seen: set[str] = set()
    while entry_id in superseding and entry_id not in seen:
        seen.add(entry_id)
        if superseding[entry_id].type == WITHDRAWN:
            return None
        entry_id = target(superseding[entry_id])
    if any(e.id == entry_id for e in current) and entry_id not in seen:
        return entry_id
    return None


@dataclass(frozen=True)
class Issue:
    """A correction or withdrawal that cannot apply: which, the field, the problem and fix."""

    event: Event
    field: str
    problem: str
    fix: str


def problems(events: Sequence[Event], history: Sequence[Event]) -> list[Issue]:
    """Why each correction or withdrawal in the history does or would not apply."""
    issues: list[Issue] = []
    known = {e.id for e in events} | {e.id for e in history}
    by_id = {e.id: e for e in history if supersedes(e)}
    claimed: dict[str, Event] = {}
    for entry in (e for e in history if supersedes(e)):
        named = target(entry)
        field = "details.entry"
        if not named:
            continue  # the missing 'entry' is reported with the event's other details
        if named == entry.id or named not in known:
            issues.append(Issue(entry, field, f"no entry has the id '{named}'",
                                "name the id of the entry in this chronology to supersede"))
        elif named in claimed:
            earlier = claimed[named]
            verb = "corrected" if earlier.type == CORRECTED else "withdrawn"
            fix = (f"correct or withdraw '{earlier.id}' (the entry as it now stands) instead"
                   if earlier.type == CORRECTED else "record the entry again as a new event")
            issues.append(Issue(entry, field, f"'{named}' was already {verb} by '{earlier.id}'",
                                fix))
        elif named in by_id and by_id[named].type == WITHDRAWN:
            issues.append(Issue(entry, field, f"'{named}' is a withdrawal, not an entry",
                                "record the entry again as a new event"))
        claimed.setdefault(named, entry)
    return issues


@dataclass(frozen=True)
class Version:
    """One row of the chronology as shown: an entry as it read at one time.

    `superseded_by` is the correction or withdrawal that replaced it (None: it stands);
    `handle` is the id a new correction or withdrawal of it names.
    """

    event: Event
    superseded_by: Event | None
    handle: str

    @property
    def withdrawn(self) -> bool:
        return self.superseded_by is not None and self.superseded_by.type == WITHDRAWN


def versions(events: Sequence[Event], history: Sequence[Event]) -> list[Version]:
    """Every version of every entry, earliest first: the standing ones and those superseded."""
    rows: list[Version] = []
    standing = {e.id: e for e in events}
    chains: dict[str, list[Event]] = {}
    for entry in history:
        if not supersedes(entry):
            chains.setdefault(entry.id, [entry])
    superseding = [e for e in history if supersedes(e)]
    root_of: dict[str, str] = {}
    claimed: set[str] = set()
    for entry in superseding:
        named = target(entry)
        root = root_of.get(named, named)
        if root not in chains or named in claimed:
            continue  # unapplied: a problem, reported by `problems`
        claimed.add(named)
        root_of[entry.id] = root
        chains[root].append(entry)
    handled: set[str] = set()
    for root, chain in chains.items():
        version, handle, withdrawn = chain[0], root, False
        for step in chain[1:]:
            rows.append(Version(version, step, handle))
            if step.type == WITHDRAWN:
                withdrawn = True
                break
            version, handle = corrected(version, step), step.id
        if not withdrawn:
            rows.append(Version(standing.get(root, version), None, handle))
        handled.add(root)
    rows += [Version(e, None, e.id) for e in events if e.id not in handled]
    order = {id(v): i for i, v in enumerate(rows)}
    return sorted(rows, key=lambda v: (v.event.date.earliest, v.event.date.latest, order[id(v)]))


def handle_of(events: Sequence[Event], history: Sequence[Event], entry_id: str) -> str:
    """The id a correction of the standing entry `entry_id` names (its latest correction)."""
    for version in versions(events, history):
        if version.superseded_by is None and version.event.id == entry_id:
            return version.handle
    return entry_id
