"""Read and validate the rule files, and apply a council's local overrides.

Each problem names the file, line and field. A council may tighten any figure; it may
never relax a law, guidance or code figure (rules.md, opening paragraph).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any, Literal, get_args

from casework.domain.errors import CaseworkError, Problem
from casework.domain.events import EVENT_TYPE_BY_NAME
from casework.domain.rules.model import (
    Basis,
    Edition,
    Extension,
    Limit,
    Matcher,
    Rule,
    Scope,
    Source,
    Unit,
)
from casework.domain.yaml_source import LineMap, ProblemCollector, load_yaml_with_lines

SOURCE_KEYS = frozenset({"basis", "title", "section", "url", "seeds", "confirmed", "note", "editions"})
EFFECTIVE_KEYS = frozenset({"from", "to"})


def known_checks() -> frozenset[str]:
    """The named checks a rule may use: the one registry is the audit's (`audit.CHECKS`)."""
    from casework.domain.audit import CHECKS  # the audit imports the rules, not the other way

    return frozenset(CHECKS)
KEYS = frozenset({
    "title", "area", "check", "must", "source", "trigger", "trigger_selection",
    "satisfied_by", "stopped_by", "only_if", "also_from", "limit", "extension", "scope",
    "procedure", "qualifier", "effective", "parameters",
})


class _Reader(ProblemCollector):
    """Collects problems while turning one rule file's mapping into a `Rule`."""

    def matchers(self, data: Mapping[str, Any], key: str) -> tuple[Matcher, ...]:
        raw = data.get(key, [])
        items = raw if isinstance(raw, list) else [raw]
        result = []
        for i, item in enumerate(items):
            if isinstance(item, str):
                item = {"type": item}
            if not isinstance(item, dict) or not isinstance(item.get("type"), str):
                self.fail((key, i), "each matcher is an event type or {type:, details:, unless:}",
                          "write e.g. 'cin_review' or {type: icpc, details: {cp_plan: true}}")
                continue
            if item["type"] not in EVENT_TYPE_BY_NAME:
                self.fail((key, i), f"'{item['type']}' is not an event type",
                          "use a type from casework.domain.events")
                continue
            unknown = set(item) - {"type", "details", "unless", "only_if"}
            if unknown:
                self.fail((key, i), f"a matcher has no '{sorted(unknown)[0]}'",
                          "write {type:, details:, unless:, only_if: [...]} (only_if: events the unit must also hold)")
                continue
            only_if = self.matchers(item, "only_if") if "only_if" in item else ()
            result.append(Matcher(item["type"], dict(item.get("details") or {}), dict(item.get("unless") or {}),
                                  only_if))
        return tuple(result)

    def limit(self, raw: Any, path: tuple[str | int, ...]) -> Limit | None:
        units = get_args(Unit)
        if (not isinstance(raw, dict) or not isinstance(raw.get("amount"), int)
                or isinstance(raw.get("amount"), bool) or raw.get("unit") not in units):
            self.fail(path, f"a limit needs a whole-number amount and a unit ({', '.join(units)})",
                      "write e.g. {amount: 10, unit: working_days}")
            return None
        return Limit(int(raw["amount"]), raw["unit"])

    def source(self, raw: Any) -> Source:
        bases = get_args(Basis)
        if not isinstance(raw, dict) or raw.get("basis") not in bases or not raw.get("title"):
            self.fail(("source",), f"every rule needs a source with a basis ({', '.join(bases)}) "
                      "and a title", "add source: {basis: law, title: ..., section: ...}")
            return Source("local", "unknown")
        self.unknown_keys(("source",), raw, SOURCE_KEYS)
        if not isinstance(raw.get("seeds", []), list):
            self.fail(("source", "seeds"), "seeds must be a list of decision references",
                      'write seeds: ["24 007 529"]')
        if not isinstance(raw.get("confirmed", True), bool):
            self.fail(("source", "confirmed"), "confirmed must be true or false", "write confirmed: false")
        return Source(
            basis=raw["basis"], title=str(raw["title"]), section=str(raw.get("section", "")),
            url=str(raw.get("url", "")), seeds=tuple(str(s) for s in raw.get("seeds", [])),
            confirmed=bool(raw.get("confirmed", True)), note=str(raw.get("note", "")),
            editions=self.editions(raw.get("editions", [])),
        )

    def editions(self, raw: Any) -> tuple[Edition, ...]:
        result: list[Edition] = []
        for i, item in enumerate(raw if isinstance(raw, list) else [raw]):
            if not isinstance(item, dict) or not item.get("edition") or not isinstance(item.get("from"), date):
                self.fail(("source", "editions", i), "each edition needs its name and the date it came into force",
                          "write {edition: '2018', from: 2018-07-04, section: 'chapter 1, paragraph 81'}")
                continue
            if result and item["from"] <= result[-1].start:
                self.fail(("source", "editions", i), "editions are listed oldest first, each from a later date",
                          "order the editions by the date each came into force")
            result.append(Edition(str(item["edition"]), item["from"], str(item.get("section", ""))))
        return tuple(result)


def parse_rule(rule_id: str, data: Any, where: str, lines: LineMap) -> Rule:
    """One rule from its file's mapping; raises `CaseworkError` listing every problem."""
    r = _Reader(where, lines)
    if not isinstance(data, dict):
        raise CaseworkError(Problem(where, "", "a rule file holds one mapping",
                                    "start the file with 'title:'", 1))
    for key in data:
        if key not in KEYS:
            r.fail((key,), f"unknown key '{key}'", f"use only: {', '.join(sorted(KEYS))}")
    for key in ("title", "area", "check", "must"):
        if not data.get(key):
            r.fail((key,), f"'{key}' is missing", f"add '{key}:' to the rule")
    check = str(data.get("check", ""))
    if check and check not in known_checks():
        r.fail(("check",), f"unknown check '{check}'", f"use one of: {', '.join(sorted(known_checks()))}")
    if data.get("trigger_selection", "each") not in ("each", "first", "after_first"):
        r.fail(("trigger_selection",), f"unknown trigger_selection '{data['trigger_selection']}'",
               "use each (every trigger starts a clock), first or after_first (all but the first)")
    scope = data.get("scope", "child")
    if scope not in get_args(Scope):
        r.fail(("scope",), f"unknown scope '{scope}'", "use child, complaint or case")
    rule = _assemble(rule_id, data, r, where, check, scope)
    if check == "timescale" and (rule.limit is None or not rule.trigger or not rule.satisfied_by):
        r.fail(("limit",), "a timescale rule needs trigger, satisfied_by and limit",
               "add the missing keys")
    if r.problems:
        raise CaseworkError(r.problems)
    return rule


def _assemble(rule_id: str, data: dict[str, Any], r: _Reader, where: str, check: str,
              scope: Any) -> Rule:
    extension = None
    if isinstance(data.get("extension"), dict):
        ext_limit = r.limit(data["extension"].get("limit"), ("extension", "limit"))
        if ext_limit is not None:
            extension = Extension(ext_limit, r.matchers(data["extension"], "by"))
    effective = _effective(r, data.get("effective"))
    source = r.source(data.get("source"))
    # A rule that editions of its guidance give is in force from the first of them.
    first = source.editions[0].start if source.editions else date(1900, 1, 1)
    return Rule(
        id=rule_id, title=str(data.get("title", "")), area=str(data.get("area", "")),
        check=check, must=str(data.get("must", "")), source=source,
        trigger=r.matchers(data, "trigger"),
        trigger_selection=_selection(data.get("trigger_selection")),
        satisfied_by=r.matchers(data, "satisfied_by"), stopped_by=r.matchers(data, "stopped_by"),
        only_if=r.matchers(data, "only_if"), also_from=r.matchers(data, "also_from"),
        limit=r.limit(data["limit"], ("limit",)) if "limit" in data else None, extension=extension, scope=scope,
        procedure=data.get("procedure"), qualifier=str(data.get("qualifier", "")),
        effective_from=effective.get("from") or first,
        effective_to=effective.get("to"),
        parameters=dict(data.get("parameters") or {}), path=where,
    )


def _selection(raw: Any) -> Literal["each", "first", "after_first"]:
    if raw == "first":
        return "first"
    return "after_first" if raw == "after_first" else "each"


def _effective(r: _Reader, raw: Any) -> dict[str, date]:
    """`effective: {from: 2026-04-01, to: ...}`, each a date written unquoted: a quoted one is
    text, and must not silently leave the rule in force from its default start."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        r.fail(("effective",), "effective is a mapping of dates", "write effective: {from: 2026-04-01}")
        return {}
    r.unknown_keys(("effective",), raw, EFFECTIVE_KEYS)
    dates = {}
    for key in ("from", "to"):
        value = raw.get(key)
        if isinstance(value, date):
            dates[key] = value
        elif value is not None:
            r.fail(("effective", key), f"'{value}' is not a date", f"write the date unquoted, e.g. {key}: 2026-04-01")
    return dates


@lru_cache(maxsize=1)
def load_rules() -> tuple[Rule, ...]:
    """Every rule shipped with casework, sorted by area then id."""
    root = resources.files("casework.domain.rules")
    rules: list[Rule] = []
    problems: list[Problem] = []
    for area_dir in sorted(root.iterdir(), key=lambda p: p.name):
        if not area_dir.is_dir() or area_dir.name.startswith("_"):
            continue
        for file in sorted(area_dir.iterdir(), key=lambda p: p.name):
            if not file.name.endswith(".yaml"):
                continue
            where = f"rules/{area_dir.name}/{file.name}"
            try:
                data, lines = load_yaml_with_lines(file.read_text(encoding="utf-8"), where)
                rules.append(parse_rule(file.name[:-5], data, where, lines))
            except CaseworkError as exc:
                problems += exc.problems
    problems += _duplicates(rules)
    if problems:
        raise CaseworkError(problems)
    return tuple(sorted(rules, key=lambda r: (r.area, r.id)))


def _duplicates(rules: Iterable[Rule]) -> list[Problem]:
    seen: dict[str, Rule] = {}
    problems = []
    for rule in rules:
        if rule.id in seen:
            problems.append(Problem(rule.path, "", f"rule id '{rule.id}' is also "
                                    f"{seen[rule.id].path}", "rename one of the files"))
        seen[rule.id] = rule
    return problems


def rule_by_id(rule_id: str) -> Rule:
    """One shipped rule by id; an unknown id is a programming error, not bad input."""
    for rule in load_rules():
        if rule.id == rule_id:
            return rule
    raise KeyError(f"no rule '{rule_id}'")


def rules_for(day: date, rules: Iterable[Rule] | None = None) -> tuple[Rule, ...]:
    return tuple(r for r in (rules if rules is not None else load_rules()) if r.in_force_on(day))


def apply_overrides(
    rules: Iterable[Rule], overrides: Mapping[str, Any], where: str = "council overrides"
) -> tuple[Rule, ...]:
    """Apply a council's local limits: {rule_id: {limit: {amount, unit}}}.

    Tightening is always allowed; relaxing (a longer limit or another unit) is refused for
    law, guidance and code rules with an error naming the rule and its source.
    """
    by_id = {r.id: r for r in rules}
    problems: list[Problem] = []
    for rule_id, change in overrides.items():
        rule = by_id.get(rule_id)
        if rule is None:
            problems.append(Problem(where, str(rule_id), f"no rule is called '{rule_id}'",
                                    "use an id listed by `casework rules`"))
            continue
        reader = _Reader(where, LineMap())
        raw_limit = change.get("limit") if isinstance(change, dict) else change
        new = reader.limit(raw_limit, (rule_id, "limit"))
        problems += reader.problems
        if new is None:
            continue
        if new.amount <= 0:
            problems.append(Problem(where, f"{rule_id}.limit", f"a limit of {new} leaves no time at all",
                                    "give a whole number of at least 1"))
            continue
        if rule.statutory and rule.limit is not None and new.is_longer_than(rule.limit):
            problems.append(Problem(
                where, f"{rule_id}.limit",
                f"{new} would relax {rule.id} ({rule.limit}, {rule.source.basis}: "
                f"{rule.source.citation()})",
                f"a council may only tighten this rule: use {rule.limit} or less"))
            continue
        by_id[rule_id] = replace(rule, limit=new, qualifier=_local_note(rule))
    if problems:
        raise CaseworkError(problems)
    return tuple(by_id.values())


def _local_note(rule: Rule) -> str:
    note = "council's local figure"
    return f"{rule.qualifier}; {note}" if rule.qualifier else note
