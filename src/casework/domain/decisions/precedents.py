"""Which Ombudsman decisions are precedents for an audit finding: search text per rule.

An audit finding says a rule was breached; a council or family then asks whether the
Ombudsman has found the same fault before, and what it recommended. The answer is a
search of the decisions corpus, and the words for each rule are data kept beside the rule
itself, under `precedents:` in its examples file (`rules/<area>/<id>.examples.yaml`), so a
reader can see and change why a decision was offered as a precedent, and a new rule brings
its own words. This module only reads them; the search runs in the store
(`adapters/store/decision_repository.py`), which reads the same syntax on SQLite and
PostgreSQL.

The words are written as on a web search box: every word or "phrase" must appear (words
match their stems: "delays" finds "delay"); OR makes the terms either side of it
alternatives, so `"child in need" OR cin plan` needs "plan" and either name; -word leaves
decisions out. Keep to the Ombudsman's own words: statements say "stage two", not "stage 2".
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources

from casework.domain.errors import CaseworkError, Problem
from casework.domain.rules import load_rules
from casework.domain.rules.load import EXAMPLES_SUFFIX
from casework.domain.yaml_source import load_yaml_with_lines

EXAMPLES_KEYS = frozenset({"precedents", "examples"})


def examples_path(rule_path: str) -> str:
    """`rules/complaints/stage1_response.yaml` → `rules/complaints/stage1_response.examples.yaml`."""
    return rule_path.removesuffix(".yaml") + EXAMPLES_SUFFIX


def parse_precedent_words(text: str, where: str) -> str:
    """A rule's precedent search words from its examples file; every problem with its line.
    (The examples themselves are chronologies, read and audited by the rule examples test.)"""
    data, lines = load_yaml_with_lines(text, where)
    if not isinstance(data, dict):
        raise CaseworkError.single(where, "", "an examples file holds one mapping",
                                   "start it with 'precedents:' and 'examples:'", 1)
    problems = [Problem(where, str(key), f"unknown key '{key}'", "use only precedents and examples",
                        lines.line_of((key,))) for key in data if key not in EXAMPLES_KEYS]
    words = data.get("precedents")
    if not isinstance(words, str) or not words.strip():
        problems.append(Problem(where, "precedents", "the precedent search words are missing or not text",
                                "write the words decisions use for this fault, e.g. precedents: 'complaint delay'",
                                lines.line_of(("precedents",)) or 1))
    if problems:
        raise CaseworkError(problems)
    return str(words).strip()


def _read(rule_path: str) -> str:
    where = examples_path(rule_path)
    file = resources.files("casework.domain").joinpath(where)
    if not file.is_file():
        raise CaseworkError.single(where, "", "the rule has no examples file",
                                   "add it beside the rule, with its precedents and pass and breach examples")
    return parse_precedent_words(file.read_text(encoding="utf-8"), where)


@cache
def precedent_searches() -> Mapping[str, str]:
    """The shipped search words for each rule id (read once), from each rule's examples file."""
    searches: dict[str, str] = {}
    problems: list[Problem] = []
    for rule in load_rules():
        try:
            searches[rule.id] = _read(rule.path)
        except CaseworkError as exc:
            problems += exc.problems
    if problems:
        raise CaseworkError(problems)
    return searches
