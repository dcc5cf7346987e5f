"""Periods the law or statutory guidance sets, as a statement states them, matched to rules.

"The council must hold the panel within 30 working days of the date of request" states the
period of the audit rule `stage3_panel`. A stated period matches a rule when its sentence
(failing that, its paragraph) has the rule's cue words and its length is the rule's limit or
extended limit. A statement writes lengths its own way, so "13 weeks" is 65 working days
and "30 days" in a sentence about the panel is the regulations' 30 working days.

Deadlines the council agreed to ("will do this within one month of our final decision") are
not periods of the law: sentences giving agreed actions, and "of this decision", are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from casework.domain.actions import number_value
from casework.domain.decisions.agreed import CARRIER, TRIGGER
from casework.domain.decisions.model import Timescale, TimescaleUnit
from casework.domain.decisions.text import Block, sentences
from casework.domain.rules import load_rules

_TIMESCALE = re.compile(
    r"\b(?P<cue>within|up to|every|at least every)\s+(?P<n>\d{1,3}|[a-z]+(?:-[a-z]+)?)\s+"
    r"(?P<unit>working days?|days?|weeks?|months?)\b"
    r"(?P<tail>\s+of\s+(?:the\s+)?[a-z][a-z' ]{0,40}?(?=\s*(?:[,.;:)]|\band\b|\bbut\b|$)))?"
    r"|\b(?P<n2>\d{1,3}|[a-z]+)\s+working days?\b",
    re.IGNORECASE,
)
_OWN_DECISION = re.compile(r"\bof\s+(?:the\s+date\s+of\s+)?(?:this|our|my|the)\s+(?:final\s+)?decision\b",
                           re.IGNORECASE)
_SKIPPED_SECTIONS = frozenset({"action", "preamble", "role", "method"})
# Cue words of each rule whose period a statement may state; rules not listed have no
# period of their own (practice duties) or none a statement words recognisably.
RULE_CUES: tuple[tuple[str, str], ...] = (
    ("stage2_request", r"\b(?:ask|request)\w*\s+(?:for\s+)?stage (?:two|2)\b[^.]{0,200}?\bwithin\b"),
    ("stage3_request",
     r"\b(?:ask|request)\w*\s+(?:for\s+)?(?:a\s+)?(?:stage (?:three|3)|review panel)\b[^.]{0,200}?\bwithin"),
    ("stage1_response", r"\bstage (?:one|1)\b|\bfirst stage\b|\blocal resolution\b"),
    ("stage2_response", r"\bstage (?:two|2)\b"),
    ("stage3_panel", r"\bpanel\b"),
    ("stage3_panel_report", r"\bpanel'?s report\b|\breport\b[^.]{0,200}?\bpanel\b"),
    ("stage3_response", r"\bfinal response\b[^.]{0,200}?\bpanel'?s report\b"),
    ("icpc_timescale", r"\bstrategy discussion\b|\binitial child protection conference\b|\bICPC\b"),
    ("transfer_in_conference", r"\btransfer"),
    ("core_group_first", r"\bcore group\b"),
    ("rcpc_first", r"\breview (?:child protection )?conference\b|\bRCPC\b"),
    ("rcpc_review", r"\breview (?:child protection )?conference\b|\bRCPC\b"),
    ("cin_planning_meeting", r"\bplanning meeting\b"),
    ("cin_plan_first_review", r"\bplan\b[^.]{0,200}?\breview|\breview\w*\b[^.]{0,200}?\bplan\b"),
    ("cin_plan_review",
     r"\bplan\b[^.]{0,200}?\breview|\breview\w*\b[^.]{0,200}?\bplan\b|\breviews?\b[^.]{0,200}?\bthereafter\b"),
    ("assessment_timescale", r"\bassessment\b"),
    ("referral_decision", r"\breferral\b"),
)


@lru_cache(maxsize=1)
def _rule_lengths() -> tuple[tuple[str, re.Pattern[str], frozenset[tuple[int, str]]], ...]:
    rules = {rule.id: rule for rule in load_rules()}
    table = []
    for rule_id, cue in RULE_CUES:
        rule = rules[rule_id]
        # Every figure ever in force, of the limit and of its extension: a decision may be
        # about a clock counted under an earlier figure.
        dated = [rule.limit] + ([rule.extension.limit] if rule.extension else [])
        lengths = frozenset((v.limit.amount, v.limit.unit) for limits in dated if limits is not None
                            for v in limits.values)
        table.append((rule_id, re.compile(cue, re.IGNORECASE), lengths))
    return tuple(table)


def _as_rule_length(amount: int, unit: TimescaleUnit) -> set[tuple[int, str]]:
    """The rule lengths a stated length may mean: days may omit 'working'; 13 weeks is 65
    working days; months are calendar months."""
    if unit == "working_days":
        return {(amount, "working_days")}
    if unit == "days":
        return {(amount, "working_days"), (amount, "calendar_days")}
    if unit == "weeks":
        return {(amount * 5, "working_days"), (amount * 7, "calendar_days"), (amount, "weeks")}
    return {(amount, "calendar_months")}


class _Cues:
    """Which rules' cue words a text has, each looked for once (a paragraph may state many
    periods; searching it again for each would grow with their number times its length)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: dict[str, bool] = {}

    def has(self, rule_id: str, cue: re.Pattern[str]) -> bool:
        if rule_id not in self.found:
            self.found[rule_id] = bool(cue.search(self.text))
        return self.found[rule_id]


def rule_for(amount: int, unit: TimescaleUnit, contexts: Iterable[str | _Cues]) -> str | None:
    """The rule whose cue words are in the first context that has any, and whose length fits."""
    lengths = _as_rule_length(amount, unit)
    for context in contexts:
        cues = context if isinstance(context, _Cues) else _Cues(context)
        for rule_id, cue, rule_lengths in _rule_lengths():
            if lengths & rule_lengths and cues.has(rule_id, cue):
                return rule_id
    return None


def _unit(word: str) -> TimescaleUnit:
    word = word.lower()
    if word.startswith("working"):
        return "working_days"
    return "months" if word.startswith("month") else "weeks" if word.startswith("week") else "days"


def is_action_sentence(sentence: str) -> bool:
    """A sentence that agrees an action or its deadline (not a period of the law)."""
    if _OWN_DECISION.search(sentence) or CARRIER.search(sentence):
        return True
    return any(not re.match(r"(?:have|not)\b", sentence[t.end() :]) for t in TRIGGER.finditer(sentence))


def statutory_periods(items: Iterable[Block]) -> tuple[Timescale, ...]:
    found: dict[Timescale, None] = {}
    for block in items:
        if block.section in _SKIPPED_SECTIONS:
            continue
        lowered = block.text.lower()
        if "day" not in lowered and "week" not in lowered and "month" not in lowered:
            continue  # the cheap test first: most paragraphs name no period at all
        paragraph = _Cues(block.text)
        for sentence in sentences(block.text):
            matches = list(_TIMESCALE.finditer(sentence))
            if not matches or is_action_sentence(sentence):
                continue
            own = _Cues(sentence)
            for match in matches:
                n = number_value(match.group("n") or match.group("n2") or "")
                if n is None:
                    continue
                unit = _unit(match.group("unit") or "working")
                rule = rule_for(n, unit, (own, paragraph))
                found.setdefault(Timescale(amount=n, unit=unit, text=match.group(0), rule=rule))
    return tuple(found)
