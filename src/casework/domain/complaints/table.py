"""A complaints procedure as a declarative transition table, validated when loaded.

The table (statutory.yaml, corporate.yaml) is the one statement of which step may follow
which. Loading refuses a table with an unknown state, an unreachable state, a duplicate
(from, event) key, a transition to an undefined state, an unknown event or guard — each
problem naming the file and line — so a council that edits its table learns at once,
not when a complaint gets stuck.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from casework.domain.errors import CaseworkError
from casework.domain.events import EVENT_TYPE_BY_NAME
from casework.domain.rules.model import Source
from casework.domain.yaml_source import ProblemCollector, load_yaml_with_lines

from .guards import GUARDS

PROCEDURES = ("statutory", "corporate")
TABLE_KEYS = frozenset({"procedure", "title", "source", "initial", "states", "transitions"})
TRANSITION_KEYS = frozenset({"from", "event", "to", "stay", "guard"})


@dataclass(frozen=True)
class GuardSpec:
    check: str
    refusal: str


@dataclass(frozen=True)
class Transition:
    """One legal step: from a state, on an event, to a state (or staying, when `to` is None)."""

    source: str
    event: str
    to: str | None
    guard: GuardSpec | None
    line: int | None

    def target(self) -> str:
        return self.to if self.to is not None else self.source


@dataclass(frozen=True)
class Procedure:
    name: str
    title: str
    source: Source
    initial: str
    states: Mapping[str, str]
    transitions: Mapping[tuple[str, str], Transition]
    where: str

    def allowed_next(self, state: str) -> tuple[Transition, ...]:
        """The steps the table allows from `state`, in table order (guards not yet applied)."""
        return tuple(t for (s, _), t in self.transitions.items() if s == state)

    def transition(self, state: str, event: str) -> Transition | None:
        return self.transitions.get((state, event))


def allowed_next(state: str, procedure: str = "statutory") -> tuple[str, ...]:
    """The event names that may follow `state` in the named procedure."""
    return tuple(t.event for t in load_procedure(procedure).allowed_next(state))


@lru_cache(maxsize=len(PROCEDURES))
def load_procedure(name: str) -> Procedure:
    """The shipped table for `statutory` or `corporate`."""
    if name not in PROCEDURES:
        raise CaseworkError.single("procedure", "procedure", f"unknown procedure '{name}'",
                                   f"use one of {', '.join(PROCEDURES)}")
    text = resources.files("casework.domain.complaints").joinpath(f"{name}.yaml").read_text("utf-8")
    return parse_procedure(text, f"complaints/{name}.yaml")


def parse_procedure(text: str, where: str) -> Procedure:
    data, lines = load_yaml_with_lines(text, where)
    reader = _Reader(where, lines)
    if not isinstance(data, dict):
        raise CaseworkError.single(where, "", "a procedure table must be a mapping",
                                   "give procedure, title, source, initial, states, transitions", 1)
    reader.unknown_keys((), data, TABLE_KEYS)
    states = data.get("states")
    if not isinstance(states, dict) or not states:
        reader.fail(("states",), "the table defines no states", "add 'states:' with each state and its meaning")
        raise CaseworkError(reader.problems)
    initial = str(data.get("initial", ""))
    if initial not in states:
        reader.fail(("initial",), f"unknown state '{initial}' as the initial state",
                    f"name one of the states: {', '.join(states)}")
    transitions = reader.transitions(data.get("transitions"), states)
    reader.reachable(initial, states, transitions)
    if reader.problems:
        raise CaseworkError(reader.problems)
    raw_source = data.get("source") or {}
    source = Source(basis=raw_source.get("basis", "law"), title=str(raw_source.get("title", "")),
                    url=str(raw_source.get("url", "")))
    return Procedure(str(data.get("procedure", "")), str(data.get("title", "")), source, initial,
                     {str(k): str(v) for k, v in states.items()}, transitions, where)


class _Reader(ProblemCollector):
    def transitions(self, raw: Any, states: Mapping[str, Any]) -> dict[tuple[str, str], Transition]:
        result: dict[tuple[str, str], Transition] = {}
        if not isinstance(raw, list):
            self.fail(("transitions",), "the table has no list of transitions", "add 'transitions:'")
            return result
        for i, item in enumerate(raw):
            for transition in self.transition(("transitions", i), item, states):
                key = (transition.source, transition.event)
                if key in result:
                    self.fail(("transitions", i),
                              f"duplicate transition key ({key[0]}, {key[1]}): already defined at line "
                              f"{result[key].line}", "keep one transition for each state and event")
                    continue
                result[key] = transition
        return result

    def transition(self, path: tuple[str | int, ...], item: Any, states: Mapping[str, Any]) -> list[Transition]:
        if not isinstance(item, dict):
            self.fail(path, "a transition must be a mapping", "give from, event and to (or stay: true)")
            return []
        self.unknown_keys(path, item, TRANSITION_KEYS)
        event = str(item.get("event", ""))
        if event not in EVENT_TYPE_BY_NAME:
            self.fail((*path, "event"), f"unknown event '{event}'", "use an event type from domain/events.py")
        to = item.get("to")
        if to is None and item.get("stay") is not True:
            self.fail(path, "the transition has no target", "give 'to: <state>' or 'stay: true'")
        elif to is not None and str(to) not in states:
            self.fail((*path, "to"), f"transition to an undefined state '{to}'",
                      f"define '{to}' under states, or name one of: {', '.join(states)}")
        guard = self.guard((*path, "guard"), item.get("guard"))
        sources = item.get("from")
        sources = sources if isinstance(sources, list) else [sources]
        made = []
        for j, source in enumerate(sources):
            if str(source) not in states:
                where = (*path, "from", j) if isinstance(item.get("from"), list) else (*path, "from")
                self.fail(where, f"unknown state '{source}'", f"name one of: {', '.join(states)}")
                continue
            made.append(Transition(str(source), event, None if to is None else str(to), guard,
                                   self.lines.line_of(path)))
        return made

    def guard(self, path: tuple[str | int, ...], raw: Any) -> GuardSpec | None:
        if raw is None:
            return None
        if not isinstance(raw, dict) or not raw.get("refusal"):
            self.fail(path, "a guard needs a check and the refusal reason", "give {check: ..., refusal: ...}")
            return None
        check = str(raw.get("check", ""))
        if check not in GUARDS:
            self.fail((*path, "check"), f"unknown guard check '{check}'", f"use one of {', '.join(GUARDS)}")
        return GuardSpec(check, str(raw["refusal"]))

    def reachable(self, initial: str, states: Mapping[str, Any],
                  transitions: Mapping[tuple[str, str], Transition]) -> None:
        seen = {initial}
        frontier: Sequence[str] = [initial]
        while frontier:
            frontier = [t.target() for t in transitions.values() if t.source in frontier
                        and t.target() not in seen]
            seen.update(frontier)
        for state in states:
            if state not in seen:
                self.fail(("states", state), f"unreachable state '{state}': no transition leads to it",
                          f"add a transition to it from a state reachable from '{initial}', or remove it")
