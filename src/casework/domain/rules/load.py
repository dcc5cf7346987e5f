"""Read and validate the rule files, and apply a council's local overrides.

Each problem names the file, line and field. A council may tighten any figure; it may
never relax a law, guidance or code figure (rules.md, opening paragraph).
"""

from __future__ import annotations

import re
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
    DatedLimit,
    Edition,
    Extension,
    Limit,
    Limits,
    Matcher,
    Rule,
    Scope,
    Source,
    Unit,
)
from casework.domain.yaml_source import LineMap, ProblemCollector, load_yaml_with_lines

SOURCE_KEYS = frozenset({"basis", "title", "section", "url", "seeds", "confirmed", "note", "editions"})
EFFECTIVE_KEYS = frozenset({"from", "to"})
EXAMPLES_SUFFIX = ".examples.yaml"
FIGURE_KEYS = frozenset({"from", "amount", "unit", "source"})
FIGURE_SOURCE_KEYS = SOURCE_KEYS - {"editions"}
PLACEHOLDERS = {"limit": "{limit}", "extension": "{extension}"}
LIMIT_SHAPE = ("write the limit as dated figures, each with its source, e.g.\n"
               "limit:\n  - {from: 2006-09-01, amount: 10, unit: working_days, "
               "source: {section: regulation 14(2)}}")


def known_checks() -> frozenset[str]:
    """The named checks a rule may use: the one registry is the audit's (`audit.CHECKS`)."""
    from casework.domain.audit import CHECKS  # the audit imports the rules, not the other way

    return frozenset(CHECKS)
KEYS = frozenset({
    "title", "area", "check", "must", "source", "trigger", "trigger_selection", "trigger_expired",
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
        if raw["amount"] <= 0:
            self.fail(path, f"a limit of {raw['amount']} leaves no time at all", "give a whole number of at least 1")
            return None
        return Limit(int(raw["amount"]), raw["unit"])

    def limits(self, raw: Any, path: tuple[str | int, ...], rule_source: Any) -> Limits | None:
        """Dated figures, oldest first, each with its source (what it gives over the rule's)."""
        if not isinstance(raw, list) or not raw:
            self.fail(path, "a limit is a list of dated figures", LIMIT_SHAPE)
            return None
        values: list[DatedLimit] = []
        for i, item in enumerate(raw):
            value = self.figure(item, (*path, i), rule_source, first=i == 0)
            if value is None:
                continue
            previous = values[-1].start if values else None
            if values and value.start is not None and previous is not None and value.start <= previous:
                self.fail((*path, i, "from"), "figures are listed oldest first, each from a later date",
                          "order the figures by the date each came into force")
            values.append(value)
        return Limits(tuple(values)) if len(values) == len(raw) else None

    def figure(self, raw: Any, path: tuple[str | int, ...], rule_source: Any, first: bool) -> DatedLimit | None:
        """One dated figure: `from` (only the first may leave it out: from the rule's start),
        amount, unit and `source`, the citation keys that differ from the rule's source."""
        if not isinstance(raw, dict):
            self.fail(path, "each figure is a mapping", LIMIT_SHAPE)
            return None
        self.unknown_keys(path, raw, FIGURE_KEYS)
        limit = self.limit(raw, path)
        start = raw.get("from")
        if start is not None and not isinstance(start, date):
            self.fail((*path, "from"), f"'{start}' is not a date", "write the date unquoted, e.g. from: 2006-09-01")
        elif start is None and not first:
            self.fail((*path, "from"), "a later figure needs the date it came into force",
                      "add from: with the date the change took effect")
        given = raw.get("source")
        if not isinstance(given, dict) or not given:
            self.fail((*path, "source"), "each figure names its source",
                      "add source: {section: ...} (with title and url when another instrument set it)")
            return None
        self.unknown_keys((*path, "source"), given, FIGURE_SOURCE_KEYS)
        base = _inherited(rule_source, given)
        source = self.figure_source(base, given, (*path, "source"))
        if limit is None or (start is not None and not isinstance(start, date)):
            return None
        return DatedLimit(limit, start, source)

    def figure_source(self, base: dict[str, Any], given: dict[str, Any], path: tuple[str | int, ...]) -> Source:
        """The rule's source with the figure's own keys over it; only problems with the keys
        the figure gives are the figure's (the rule's own are reported once, at the rule)."""
        reader = _Reader(self.where, self.lines)
        source = reader.source({**base, **given}, path)
        prefix = ".".join(str(p) for p in path)
        self.problems += [p for p in reader.problems
                          if (p.field == prefix and {"basis", "title"} & set(given))
                          or p.field.removeprefix(prefix + ".") in given]
        return source

    def source(self, raw: Any, path: tuple[str | int, ...] = ("source",)) -> Source:
        bases = get_args(Basis)
        if not isinstance(raw, dict) or raw.get("basis") not in bases or not raw.get("title"):
            self.fail(path, f"every rule needs a source with a basis ({', '.join(bases)}) "
                      "and a title", "add source: {basis: law, title: ..., section: ...}")
            return Source("local", "unknown")
        self.unknown_keys(path, raw, SOURCE_KEYS)
        if not isinstance(raw.get("seeds", []), list):
            self.fail((*path, "seeds"), "seeds must be a list of decision references",
                      'write seeds: ["24 007 529"]')
        if not isinstance(raw.get("confirmed", True), bool):
            self.fail((*path, "confirmed"), "confirmed must be true or false", "write confirmed: false")
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
    extension = _extension(r, data)
    limits = r.limits(data["limit"], ("limit",), data.get("source")) if "limit" in data else None
    effective = _effective(r, data.get("effective"))
    source = r.source(data.get("source"))
    start = _start(r, effective, source, limits)
    _check_heading(r, str(data.get("title", "")), limits, extension)
    return Rule(
        id=rule_id, heading=str(data.get("title", "")), area=str(data.get("area", "")),
        check=check, must=str(data.get("must", "")), source=source,
        trigger=r.matchers(data, "trigger"),
        trigger_selection=_selection(data.get("trigger_selection")),
        trigger_expired=_expired(r, data.get("trigger_expired", [])),
        satisfied_by=r.matchers(data, "satisfied_by"), stopped_by=r.matchers(data, "stopped_by"),
        only_if=r.matchers(data, "only_if"), also_from=r.matchers(data, "also_from"),
        limit=limits, extension=extension, scope=scope,
        procedure=data.get("procedure"), qualifier=str(data.get("qualifier", "")),
        effective_from=start, effective_to=effective.get("to"),
        parameters=dict(data.get("parameters") or {}), path=where,
    )


def _expired(r: _Reader, raw: Any) -> tuple[str, ...]:
    """`trigger_expired: [stage1_response]`: rule ids (checked to exist once all are read)."""
    if not isinstance(raw, list) or not all(isinstance(item, str) and item for item in raw):
        r.fail(("trigger_expired",), "trigger_expired is a list of rule ids",
               "write e.g. trigger_expired: [stage1_response]")
        return ()
    return tuple(raw)


def _selection(raw: Any) -> Literal["each", "first", "after_first"]:
    if raw == "first":
        return "first"
    return "after_first" if raw == "after_first" else "each"


def _inherited(rule_source: Any, given: dict[str, Any]) -> dict[str, Any]:
    """What a figure's source takes from the rule's: everything but the editions, or, when the
    figure names another instrument (its own title), only the basis and confidence: that
    instrument's link, section and note are its own to give."""
    if not isinstance(rule_source, dict):
        return {}
    keys = {"basis", "confirmed"} if "title" in given else set(rule_source) - {"editions"}
    return {k: v for k, v in rule_source.items() if k in keys}


def _extension(r: _Reader, data: dict[str, Any]) -> Extension | None:
    """`extension: {by: [...], limit: [dated figures]}`: a longer limit once `by` is recorded."""
    raw = data.get("extension")
    if raw is None:
        return None
    if not isinstance(raw, dict):
        r.fail(("extension",), "an extension is a mapping", "write extension: {by: [...], limit: [...]}")
        return None
    r.unknown_keys(("extension",), raw, frozenset({"by", "limit"}))
    limits = r.limits(raw.get("limit"), ("extension", "limit"), data.get("source"))
    return Extension(limits, r.matchers(raw, "by")) if limits is not None else None


def _start(r: _Reader, effective: dict[str, date], source: Source, limits: Limits | None) -> date:
    """When the rule comes into force: `effective.from`, else the first edition of its
    guidance, else its first dated figure. Its first figure may not start later: the rule
    would be in force with no figure to apply."""
    first_figure = limits.values[0].start if limits is not None else None
    start = (effective.get("from") or (source.editions[0].start if source.editions else None)
             or first_figure or date(1900, 1, 1))
    if first_figure is not None and first_figure > start:
        r.fail(("limit", 0, "from"), f"the rule is in force from {start} but its first figure only from {first_figure}",
               "start the first figure on or before the rule's start (or leave its from out)")
    return start


def _check_heading(r: _Reader, heading: str, limits: Limits | None, extension: Extension | None) -> None:
    """A title names its figures as {limit} and {extension} (or not at all), never as numbers
    that an override or a change in the law would leave wrong."""
    figures = [v.limit for group in (limits, extension.limit if extension else None) if group
               for v in group.values]
    for figure in figures:
        if re.search(rf"(?<![Ss]tage )\b{figure.amount}\b", heading):
            r.fail(("title",), f"the title states the figure {figure.amount}",
                   "write it as {limit} or {extension}: the title is rendered from the figures in force")
    for name, present in (("limit", limits is not None), ("extension", extension is not None)):
        placeholder = PLACEHOLDERS[name]
        if not present and placeholder in heading:
            r.fail(("title",), f"the title names {placeholder} but the rule has no {name}",
                   f"remove {placeholder} or add the rule's {name}")
    leftover = heading
    for placeholder in PLACEHOLDERS.values():
        leftover = leftover.replace(placeholder, "")
    if "{" in leftover or "}" in leftover:
        r.fail(("title",), "the title has a placeholder other than {limit} and {extension}",
               "use only {limit} and {extension}")


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
            if not file.name.endswith(".yaml") or file.name.endswith(EXAMPLES_SUFFIX):
                continue  # <id>.examples.yaml: the rule's examples and precedent words
            where = f"rules/{area_dir.name}/{file.name}"
            try:
                data, lines = load_yaml_with_lines(file.read_text(encoding="utf-8"), where)
                rules.append(parse_rule(file.name[:-5], data, where, lines))
            except CaseworkError as exc:
                problems += exc.problems
    problems += _duplicates(rules) + _unknown_expiries(rules)
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


def _unknown_expiries(rules: list[Rule]) -> list[Problem]:
    """A `trigger_expired` naming no timescale rule cannot start anything: refused by name."""
    clocks = {r.id for r in rules if r.check == "timescale"}
    return [Problem(rule.path, "trigger_expired", f"'{other}' is not a timescale rule",
                    "name a timescale rule's id (its file name)")
            for rule in rules for other in rule.trigger_expired if other not in clocks]


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

    The local figure replaces the rule's dated figures from the rule's start. Tightening is
    always allowed; relaxing any of them (a longer limit or another unit) is refused for law,
    guidance and code rules with an error naming the rule, the figure and its source.
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
        relaxed = _relaxes(rule, new)
        if relaxed is not None:
            problems.append(Problem(
                where, f"{rule_id}.limit",
                f"{new} would relax {rule.id} ({relaxed.describe()}, {rule.source.basis}: "
                f"{rule.source.citation()})",
                f"a council may only tighten this rule: use {relaxed.limit} or less"))
            continue
        by_id[rule_id] = replace(rule, limit=_local_limits(rule, new, where), qualifier=_local_note(rule))
    if problems:
        raise CaseworkError(problems)
    return tuple(by_id.values())


def _relaxes(rule: Rule, new: Limit) -> DatedLimit | None:
    """The figure of a law, guidance or code rule that `new` would relax, if any: the local
    figure replaces every dated figure, so it must be no longer than any of them."""
    if not rule.statutory or rule.limit is None:
        return None
    return next((v for v in rule.limit.values if new.is_longer_than(v.limit)), None)


def _local_limits(rule: Rule, new: Limit, where: str) -> Limits:
    """The council's figure, from the rule's start, citing the council's overrides."""
    start = rule.limit.values[0].start if rule.limit is not None else None
    return Limits((DatedLimit(new, start, Source("local", where, section=f"{rule.id}.limit")),))


def _local_note(rule: Rule) -> str:
    note = "council's local figure"
    return f"{rule.qualifier}; {note}" if rule.qualifier else note
