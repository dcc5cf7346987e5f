"""YAML with line numbers, so every error about a file can name its line.

PyYAML's composer keeps each node's position; we build plain Python values from the node
tree and remember the line of every mapping key and list item, keyed by its path.

>>> data, lines = load_yaml_with_lines("a: 1\\nb:\\n  - x: 2\\n")
>>> data
{'a': 1, 'b': [{'x': 2}]}
>>> lines.line_of(("b", 0, "x"))
3

Anchors, aliases, tags and duplicate keys are refused, each naming its line: a chronology
needs none of them, an alias lets a few bytes expand into gigabytes ("billion laughs"), a
tag asks for a constructor, and a repeated key silently drops a value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from casework.domain.errors import CaseworkError, Problem

Path = tuple[str | int, ...]


@dataclass
class LineMap:
    lines: dict[Path, int] = field(default_factory=dict)

    def line_of(self, path: Sequence[str | int]) -> int | None:
        """The line of `path`, or of its nearest parent that has one."""
        key = tuple(path)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.lines.get((), None)


def load_yaml_with_lines(text: str, where: str = "<text>") -> tuple[Any, LineMap]:
    """Parse YAML (JSON is YAML too); a syntax error names the line and column.

    >>> try:
    ...     load_yaml_with_lines("a: &x [1]\\nb: *x\\n")
    ... except CaseworkError as exc:
    ...     print(exc.problems[0].problem, "on line", exc.problems[0].line)
    an anchor (&x) is not allowed on line 1
    """
    try:
        _refuse_anchors_aliases_and_tags(text, where)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = str(getattr(exc, "problem", None) or exc)
        raise CaseworkError.single(
            where, "", f"the file is not valid YAML or JSON: {problem}",
            "fix the syntax at that line (indentation, a missing colon or quote)", line,
        ) from exc
    lines = LineMap()
    if node is None:
        return None, lines
    return _build(node, (), lines, where), lines


_FIX = "write the value out in full; anchors, aliases and tags are not read"


def _refuse_anchors_aliases_and_tags(text: str, where: str) -> None:
    """Walk the parser's events (no values are built) and refuse the first anchor, alias or tag."""
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        line = event.start_mark.line + 1 if event.start_mark is not None else None
        if isinstance(event, yaml.AliasEvent):
            raise CaseworkError.single(where, "", f"an alias (*{event.anchor}) is not allowed", _FIX, line)
        anchor, tag = getattr(event, "anchor", None), getattr(event, "tag", None)
        if anchor is not None:
            raise CaseworkError.single(where, "", f"an anchor (&{anchor}) is not allowed", _FIX, line)
        if tag is not None:
            raise CaseworkError.single(where, "", f"a tag ({tag}) is not allowed", _FIX, line)


def _build(node: yaml.Node, path: Path, lines: LineMap, where: str) -> Any:
    lines.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise CaseworkError.single(where, ".".join(map(str, path)), "a key must be a plain word",
                                           "write keys as plain words or numbers", key_node.start_mark.line + 1)
            key = _scalar(key_node)
            child_path = (*path, key)
            if key in result:
                raise CaseworkError.single(
                    where, ".".join(map(str, child_path)), f"the key '{key}' is given twice (first on line "
                    f"{lines.lines[child_path]})", "keep one of them", key_node.start_mark.line + 1)
            lines.lines[child_path] = key_node.start_mark.line + 1
            result[key] = _build(value_node, child_path, lines, where)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), lines, where) for i, item in enumerate(node.value)]
    return _scalar(node)


def _scalar(node: yaml.Node) -> Any:
    try:
        return yaml.SafeLoader("").construct_object(node, deep=True)
    except (ValueError, OverflowError):
        # e.g. 2019-02-30 looks like a timestamp but is no date: keep the words, so the
        # reader that expects a date reports it with its own field and fix.
        return node.value


class ProblemCollector:
    """Collects problems while reading one data file, each placed by its path's line.

    The rule, procedure and guidance readers extend it with what they read.
    """

    def __init__(self, where: str, lines: LineMap) -> None:
        self.where = where
        self.lines = lines
        self.problems: list[Problem] = []

    def fail(self, path: Sequence[str | int], problem: str, fix: str) -> None:
        field = ".".join(str(p) for p in path)
        self.problems.append(Problem(self.where, field, problem, fix, self.lines.line_of(path)))

    def unknown_keys(self, path: Sequence[str | int], item: Mapping[str, Any], known: frozenset[str]) -> None:
        for key in sorted(set(item) - known, key=str):
            self.fail((*path, key), f"unknown key '{key}'", f"use only {', '.join(sorted(known))}")
