"""Which Ombudsman decisions are precedents for an audit finding: search text per rule.

An audit finding says a rule was breached; a council or family then asks whether the
Ombudsman has found the same fault before, and what it recommended. The answer is a
search of the decisions corpus, and the words for each rule are data
(`precedents.yaml`, keyed by rule id), so a reader can see and change why a decision
was offered as a precedent. This module only reads that file; the search runs in the
store (`adapters/store/decision_repository.py`), which reads the same syntax on SQLite
and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources

from casework.domain.errors import CaseworkError, Problem
from casework.domain.yaml_source import load_yaml_with_lines

WHERE = "decisions/precedents.yaml"


def parse_precedent_searches(text: str, where: str = WHERE) -> dict[str, str]:
    """Rule id → search text; every problem in the file is reported with its line."""
    data, lines = load_yaml_with_lines(text, where)
    if not isinstance(data, dict):
        raise CaseworkError.single(where, "", "the file is not a mapping of rule id to search text",
                                   "write one 'rule_id: search words' per line", 1)
    problems = []
    searches: dict[str, str] = {}
    for rule_id, search in data.items():
        if not isinstance(search, str) or not search.strip():
            problems.append(Problem(where, str(rule_id), "the search text is missing or not text",
                                    "write the words decisions use for this fault",
                                    lines.line_of((rule_id,))))
            continue
        searches[str(rule_id)] = search.strip()
    if problems:
        raise CaseworkError(problems)
    return searches


@cache
def precedent_searches() -> Mapping[str, str]:
    """The shipped search text for each rule id (read once)."""
    text = resources.files("casework.domain.decisions").joinpath("precedents.yaml").read_text(
        encoding="utf-8")
    return parse_precedent_searches(text)
