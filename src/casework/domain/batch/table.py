"""Events as columns: every case's events in one set of numpy arrays, ready to audit at once.

A table holds one row per event of one *unit* (a child in a case: the events a child-scoped
clock sees), units adjacent and each unit's events in chronological order — the order
`Case.events` has (earliest reading, then latest, then the order the record gave).

Columns: `unit` (which unit), `earliest`/`latest` (datetime64[D]: the range of days the
date could be; equal when exact, as every census date but one is), `event_id` (a code into
`event_ids`) and `signature` (a code into `signatures`: the event type and the detail values
the rules look at). Matchers are never re-implemented here: each rule's `Matcher.matches`
is asked once per distinct signature, against a representative `Event`, and the answer is
spread over the column (`matches`).

Build a table from chronologies (`TableBuilder.add_case`) or, without building `Case`
objects, straight from census records (`TableBuilder.add_census_child`), which read their
events through `casework.domain.census.episode_events` — the same mapping `episode_to_case`
uses.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from casework.domain.audit.scope import units_for
from casework.domain.census import CensusChild, CensusHeader, case_id, episode_events
from casework.domain.census.records import RawEpisode
from casework.domain.chronology import Case
from casework.domain.dates import CaseDate
from casework.domain.events import Event
from casework.domain.rules.model import Matcher, Rule

Dates = npt.NDArray[np.datetime64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

# date.toordinal() of 1970-01-01: ordinals minus this are datetime64[D] values.
_EPOCH = date(1970, 1, 1).toordinal()
_NAT = np.iinfo(np.int64).min  # datetime64's NaT as an integer

Signature = tuple[str, tuple[tuple[str, object], ...]]


def matcher_keys(rules: Iterable[Rule]) -> frozenset[str]:
    """The event details any of `rules` looks at (only these are kept in a table)."""
    keys: set[str] = set()
    for rule in rules:
        matchers = (*rule.trigger, *rule.satisfied_by, *rule.stopped_by, *rule.only_if, *rule.also_from)
        if rule.extension is not None:
            matchers = (*matchers, *rule.extension.by)
        for m in matchers:
            keys.update(m.keys)
    return frozenset(keys)


@dataclass(frozen=True)
class EventTable:
    """One partition's events as columns, and its units (case, child, council, completeness)."""

    unit: Ints
    earliest: Dates
    latest: Dates
    event_id: Ints
    signature: Ints
    event_ids: tuple[str, ...]
    signatures: tuple[Event, ...]
    keys: frozenset[str]
    unit_case: npt.NDArray[np.object_]
    unit_child: npt.NDArray[np.object_]
    unit_council: npt.NDArray[np.object_]
    unit_record: Ints  # code into `records`: which events the unit's record is complete for
    records: tuple[frozenset[str] | None, ...]
    unit_from: Dates  # the first day the unit's record shows (`Case.complete_from`; NaT: all)

    def __len__(self) -> int:
        return len(self.unit)

    @property
    def units(self) -> int:
        return len(self.unit_case)

    def matches(self, matchers: Sequence[Matcher]) -> Bools:
        """Which events any of `matchers` matches, asked of each signature once."""
        missing = {k for m in matchers for k in m.keys} - self.keys
        if missing:
            raise ValueError(f"the table was built without the event details {sorted(missing)}; "
                             "build it with matcher_keys() of the rules being audited")
        answer = np.array([any(m.matches(e) for m in matchers) for e in self.signatures], dtype=bool)
        if not len(answer):
            return np.zeros(len(self), dtype=bool)
        result: Bools = answer[self.signature]
        return result


class TableBuilder:
    """Collects events unit by unit; `build()` sorts each unit chronologically."""

    def __init__(self, keys: frozenset[str]) -> None:
        self.keys = keys
        self._unit: list[int] = []
        self._earliest: list[int] = []
        self._latest: list[int] = []
        self._event_id: list[int] = []
        self._signature: list[int] = []
        self._ids: dict[str, int] = {}
        self._signatures: dict[Signature, int] = {}
        self._representatives: list[Event] = []
        self._case: list[str] = []
        self._child: list[str] = []
        self._council: list[str] = []
        self._record: list[int] = []
        self._from: list[int] = []
        self._records: dict[frozenset[str] | None, int] = {None: 0}
        self._plain: dict[str, int] = {}  # signature codes of events with no detail kept
        self._raw_flags: tuple[bool, ...] | None = None  # add_regular_child's: which events keep details

    def _add_unit(self, case: str, child: str, council: str, record: frozenset[str] | None,
                  complete_from: date | None = None) -> int:
        self._from.append(complete_from.toordinal() - _EPOCH if complete_from is not None else _NAT)
        self._case.append(case)
        self._child.append(child)
        self._council.append(council)
        self._record.append(self._records.setdefault(record, len(self._records)))
        return len(self._case) - 1

    def _add_event(self, unit: int, event_id: str, type_: str, earliest: date, latest: date,
                   details: Mapping[str, object] | None) -> None:
        kept = tuple(sorted((k, v) for k, v in details.items() if k in self.keys)) if details else ()
        code = self._signature_of(type_, kept, earliest)
        self._unit.append(unit)
        self._earliest.append(earliest.toordinal())
        self._latest.append(latest.toordinal())
        self._event_id.append(self._ids.setdefault(event_id, len(self._ids)))
        self._signature.append(code)

    def _signature_of(self, type_: str, kept: tuple[tuple[str, object], ...], day: date) -> int:
        """The code of an event type with the details the rules look at (new ones added)."""
        key: Signature = (type_, kept)
        try:
            code = self._signatures.get(key)
        except TypeError:  # an unhashable detail value (a list): keyed by its text instead
            key = (type_, tuple((k, repr(v)) for k, v in kept))
            code = self._signatures.get(key)
        if code is None:
            code = self._signatures[key] = len(self._representatives)
            self._representatives.append(Event(id="", type=type_, date=CaseDate.exact(day), details=dict(kept)))
        return code

    def add_case(self, case: Case, rule: Rule) -> None:
        """Every unit `rule`'s scope makes of `case` (each child's events, for a child scope)."""
        for unit in units_for(rule, case):
            index = self._add_unit(case.id, ";".join(unit.children), case.council, case.complete_for,
                                   case.complete_from)
            for e in unit.events:
                self._add_event(index, e.id, e.type, e.date.earliest, e.date.latest, e.details)

    def add_census_child(self, child: CensusChild, header: CensusHeader) -> None:
        """Each of a census child's episodes as one unit, events as `episode_to_case` makes them.

        The national-scale path: `_add_event` inlined for the common event — an exact date and
        no detail a rule looks at — whose signature is found by its type alone."""
        keys, plain, ids = self.keys, self._plain, self._ids
        units, earliest, latest = self._unit.append, self._earliest.append, self._latest.append
        event_ids, signatures = self._event_id.append, self._signature.append
        for number, episode in enumerate(child.episodes, 1):
            if episode.held:  # a problem the reader reported stops its clocks being judged
                continue
            index = self._add_unit(case_id(child.id, number), child.id, header.council, None, header.start)
            for event_id, type_, day, _, details in episode_events(episode, header):
                if isinstance(day, CaseDate) or (details and not keys.isdisjoint(details)):
                    if isinstance(day, CaseDate):
                        self._add_event(index, event_id, type_, day.earliest, day.latest, details)
                    else:
                        self._add_event(index, event_id, type_, day, day, details)
                    continue
                code = plain.get(type_)
                if code is None:
                    code = plain[type_] = self._signature_of(type_, (), day)
                code_id = ids.get(event_id)
                if code_id is None:
                    code_id = ids[event_id] = len(ids)
                ordinal = day.toordinal()
                units(index)
                earliest(ordinal)
                latest(ordinal)
                event_ids(code_id)
                signatures(code)

    def add_regular_child(self, child_id: str, episodes: Sequence[RawEpisode], header: CensusHeader) -> None:
        """A regular census child's raw episodes (`casework.domain.census.RawEpisode`, each
        passing `regular_child`), laid out exactly as `add_census_child` lays out the records
        they stand for: the events `episode_events` makes, in its order, with the same ids,
        dates and signatures — without building the records or the events. A test holds the
        two to giving the same table."""
        keys = self.keys
        # Which events can carry a detail the table keeps (most carry none the rules look at).
        flags = self._raw_flags
        if flags is None:
            flags = self._raw_flags = tuple(not keys.isdisjoint(names) for names in _RAW_DETAILS)
        referral_kept, icpc_kept, assessment_kept, s47_kept, outcome_kept, plan_kept, closure_kept = flags
        units, earliest, latest = self._unit.append, self._earliest.append, self._latest.append
        event_ids, signatures, ids = self._event_id.append, self._signature.append, self._ids
        council, reference = header.council, header.reference_date

        plain, signature_of = self._plain, self._signature_of

        def add(event_id: str, type_: str, day: date, details: tuple[tuple[str, object], ...] = (),
                last: date | None = None) -> None:
            code_id = ids.get(event_id)
            if code_id is None:
                code_id = ids[event_id] = len(ids)
            ordinal = day.toordinal()
            units(index)
            earliest(ordinal)
            latest(last.toordinal() if last is not None else ordinal)
            event_ids(code_id)
            if details:
                signatures(signature_of(type_, details, day))
            else:  # the plain signature `add_census_child` gives an event with no detail kept
                code = plain.get(type_)
                if code is None:
                    code = plain[type_] = signature_of(type_, (), day)
                signatures(code)

        for number, (referral, closure, icpc, reason, source, need, nfa, pre, assessments, plans, s47s,
                     cpps) in enumerate(episodes, 1):
            index = self._add_unit(case_id(child_id, number), child_id, council, None, header.start)
            add("ref", "referral", referral,
                _kept(keys, source=source, primary_need=need, no_further_action=nfa,
                      pre_proceedings=None if pre is None else [list(p) for p in pre]) if referral_kept else ())
            if icpc is not None and all(s[1] != icpc for s in s47s):
                add("icpc", "icpc", icpc,
                    _kept(keys, cp_plan=any(c[0] == icpc for c in cpps)) if icpc_kept else ())
            for i, (start, authorised, review, factors) in enumerate(assessments, 1):
                add(f"a{i}.start", "assessment_started", start,
                    _kept(keys, review_date=review, factors=list(factors) or None) if assessment_kept else ())
                if authorised is not None:
                    add(f"a{i}.done", "assessment_completed", authorised)
            for i, (start, end) in enumerate(plans, 1):
                add(f"p{i}.start", "cin_plan_started", start)
                if end is not None:
                    add(f"p{i}.end", "cin_plan_closed", end)
            for i, (start, s_icpc, not_required, target) in enumerate(s47s, 1):
                add(f"s{i}.start", "strategy_discussion", start,
                    _kept(keys, s47_initiated=True, icpc_target=target or None) if s47_kept else ())
                if s_icpc is not None:
                    add(f"s{i}.icpc", "icpc", s_icpc,
                        _kept(keys, cp_plan=any(c[0] == s_icpc for c in cpps)) if icpc_kept else ())
                elif not_required is not None:  # enquiry_concluded: some day from the start to the end
                    add(f"s{i}.outcome", "s47_enquiry", start,
                        _kept(keys, concerns_substantiated=not not_required) if outcome_kept else (),
                        max(closure if closure is not None else reference, start))
            for i, (start, end, reviews, category, latest_category, previous) in enumerate(cpps, 1):
                add(f"c{i}.start", "cp_plan_started", start,
                    _kept(keys, category_of_abuse=category, latest_category_of_abuse=latest_category,
                          previous_plans=previous) if plan_kept else ())
                for j, review in enumerate(reviews, 1):
                    add(f"c{i}.review{j}", "rcpc", review)
                if end is not None:
                    add(f"c{i}.end", "cp_plan_ended", end)
            if closure is not None:
                add("close", "case_closed", closure,
                    _kept(keys, reason_for_closure=reason or None) if closure_kept else ())

    def build(self) -> EventTable:
        unit = np.array(self._unit, dtype=np.int64)
        earliest = np.array(self._earliest, dtype=np.int64) - _EPOCH
        latest = np.array(self._latest, dtype=np.int64) - _EPOCH
        # Case.events order: earliest, then latest, then the order given (lexsort is stable).
        order = np.lexsort((latest, earliest, unit))
        return EventTable(
            unit=unit[order], earliest=earliest[order].astype("datetime64[D]"),
            latest=latest[order].astype("datetime64[D]"),
            event_id=np.array(self._event_id, dtype=np.int64)[order],
            signature=np.array(self._signature, dtype=np.int64)[order],
            event_ids=tuple(self._ids), signatures=tuple(self._representatives), keys=self.keys,
            unit_case=_objects(self._case), unit_child=_objects(self._child),
            unit_council=_objects(self._council), unit_record=np.array(self._record, dtype=np.int64),
            records=tuple(self._records),
            unit_from=np.array(self._from, dtype=np.int64).astype("datetime64[D]"),
        )


# The details each kind of census event can carry (`episode_events`): referral, conference,
# assessment start, s47 start, s47 outcome, CP plan start, closure.
_RAW_DETAILS = (frozenset({"source", "primary_need", "no_further_action", "pre_proceedings"}), frozenset({"cp_plan"}),
                frozenset({"review_date", "factors"}), frozenset({"s47_initiated", "icpc_target"}),
                frozenset({"concerns_substantiated"}),
                frozenset({"category_of_abuse", "latest_category_of_abuse", "previous_plans"}),
                frozenset({"reason_for_closure"}))


def _kept(keys: frozenset[str], **details: object) -> tuple[tuple[str, object], ...]:
    """The details a table keeps of an event (`_present`'s: those with a value), sorted."""
    return tuple(sorted((k, v) for k, v in details.items() if v is not None and k in keys))


def _objects(values: list[str]) -> npt.NDArray[np.object_]:
    array: npt.NDArray[np.object_] = np.empty(len(values), dtype=object)
    array[:] = values
    return array


def table_from_cases(cases: Iterable[Case], rules: Sequence[Rule]) -> EventTable:
    """The events of `cases` as a table for `rules` (all of one scope)."""
    scopes = {r.scope for r in rules}
    if len(scopes) > 1:
        raise ValueError(f"one table serves rules of one scope; these have {sorted(scopes)}")
    builder = TableBuilder(matcher_keys(rules))
    if rules:
        for case in cases:
            builder.add_case(case, rules[0])
    return builder.build()


def table_from_census(children: Iterable[CensusChild], header: CensusHeader,
                      rules: Sequence[Rule]) -> EventTable:
    """The events of census records as a table for `rules`, one unit per episode."""
    builder = TableBuilder(matcher_keys(rules))
    for child in children:
        builder.add_census_child(child, header)
    return builder.build()
