"""Decision statement text → `Decision`.

The statement's own words decide every field; a field that is not there is None or empty.
The parser never raises on odd text (it is fed whole web pages), so checking that a
decision is complete enough to store — a reference, a date — is the caller's job.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from casework.domain.actions import number_value, parse_day, resolve_deadline
from casework.domain.decisions.law import legal_references
from casework.domain.decisions.model import (
    ActionKind,
    AgreedAction,
    Decision,
    Findings,
    Payment,
    Section,
    Timescale,
    TimescaleUnit,
)
from casework.domain.decisions.money import children_count, payments_in
from casework.domain.decisions.text import Block, blocks, normalise, section_text, sentences

_HEAD = re.compile(r"^\s*(?P<org>\S.{0,150}?)\s*\((?P<ref>\d{2} \d{3} \d{3})\)\s*$")
_CATEGORY = re.compile(r"^\s*Category\s*:\s*(?P<cat>[^>]+?)\s*(?:>\s*(?P<sub>.+?))?\s*$")
_OUTCOME = re.compile(r"^\s*Decision\s*:\s*(?P<outcome>\S.*?)\s*$")
_DATE = re.compile(r"^\s*Decision date\s*:\s*(?P<day>\d{1,2}\s+[A-Za-z]{3,9}\s+\d{4})\s*$")
PSEUDONYM = re.compile(r"\b(?:Mr and Mrs|Mrs|Mr|Ms|Miss|Dr)\s+[A-Z]\b")
_OFSTED = re.compile(r"\bshare\b[^.]{0,200}\bwith\b[^.]{0,120}\bOfsted\b", re.IGNORECASE)
_EVIDENCE = re.compile(r"\bprovide\b[^.]{0,40}\bevidence\b[^.]{0,40}\bcompl", re.IGNORECASE)
_DEADLINE = re.compile(
    r"\bwithin\s+(?:\d{1,3}|[a-z-]+)\s+(?:working\s+days?|calendar\s+days?|days?|weeks?|months?)"
    r"(?:\s+of\s+(?:the\s+date\s+of\s+)?(?:our|my|the|this)\s+(?:final\s+)?decision)?"
    r"|\bby\s+\d{1,2}\s+[A-Z][a-z]{2,8}\s+\d{4}",
    re.IGNORECASE,
)
_TIMESCALE = re.compile(
    r"\b(?P<cue>within|up to|every|at least every)\s+(?P<n>\d{1,3}|[a-z]+(?:-[a-z]+)?)\s+"
    r"(?P<unit>working days?|days?|weeks?|months?)\b"
    r"(?P<tail>\s+of\s+(?:the\s+)?[a-z][a-z' ]{0,40}?(?=\s*(?:[,.;:)]|\band\b|\bbut\b|$)))?"
    r"|\b(?P<n2>\d{1,3}|[a-z]+)\s+working days?\b",
    re.IGNORECASE,
)
_INTRO_END = re.compile(r"(?::|\bagreed to|\bwill|\bshould|\bto)\s*$", re.IGNORECASE)
_SERVICE = re.compile(
    r"\bremind|\btraining|\btrain\b|\breview (?:its|their|the)|\bprocedures?\b|\baudit|\bimprove|\bpolicy"
    r"|\bguidance to staff|\baction plan",
    re.IGNORECASE,
)
_NO_FAULT = re.compile(
    r"\bno (?:evidence of )?fault|\bnot (?:at )?fault|\bdo not find\b[^.]*\bfault|\bdid not find\b[^.]*\bfault"
    r"|\bnot persuaded\b[^.]*\bfault|\babsence of\b[^.]*\bfault",
    re.IGNORECASE,
)
_FAULT = re.compile(
    r"\b(?:was|is|were|been) (?:at )?fault\b|\bfind(?:s|ing)? (?:the \w+ (?:was )?(?:at )?)?fault\b"
    r"|\bfound fault\b|\bidentified fault\b|\bthere (?:was|is|has been) fault\b|\bfault causing\b"
    r"|\bfault with\b",
    re.IGNORECASE,
)


def _header(lines: list[str]) -> dict[str, str | None]:
    found: dict[str, str | None] = {k: None for k in ("org", "ref", "cat", "sub", "outcome", "day")}
    for line in lines:
        for pattern in (_HEAD, _CATEGORY, _OUTCOME, _DATE):
            match = pattern.match(line)
            if match:
                for key, value in match.groupdict().items():
                    if found[key] is None and value:
                        found[key] = value.strip()
    return found


def _complainant(items: list[Block]) -> str | None:
    for kind in ("summary", "complaint"):
        for block in items:
            if block.section == kind:
                match = PSEUDONYM.search(block.text)
                if match:
                    return match.group(0)
    return None


def _action_kind(text: str) -> ActionKind:
    if "£" in text:
        return "payment"
    if re.search(r"\bapolog", text, re.IGNORECASE):
        return "apology"
    if re.match(r"\s*(?:pay|make a payment)\b", text, re.IGNORECASE):
        return "payment"
    if _SERVICE.search(text):
        return "service_improvement"
    return "other"


def _clean_item(text: str) -> str:
    return re.sub(r"(?:\s*;)?\s*(?:and|or)?\s*[;,]?\s*$", "", text).strip()


def _actions(items: list[Block], decided: date | None) -> tuple[tuple[AgreedAction, ...], bool]:
    actions: list[AgreedAction] = []
    evidence = False
    deadline: str | None = None
    for block in items:
        if block.section != "action" or block.heading:
            continue
        if _EVIDENCE.search(block.text):
            evidence = True
            continue
        phrase = _DEADLINE.search(block.text)
        if phrase:
            deadline = phrase.group(0)
        if _INTRO_END.search(block.text):
            continue
        text = _clean_item(block.text)
        due = None if deadline is None or decided is None else resolve_deadline(deadline, decided)
        actions.append(AgreedAction(kind=_action_kind(text), text=text, deadline=deadline, due=due))
    return tuple(actions), evidence


def _findings(items: list[Block]) -> Findings:
    verdict: bool | None = None
    for kind in ("decision", "summary"):
        text = section_text(items, kind)
        if _NO_FAULT.search(text) and not _FAULT.search(_NO_FAULT.sub("", text)):
            verdict = False
        elif _FAULT.search(_NO_FAULT.sub("", text)):
            verdict = True
        if verdict is not None:
            break
    passages: list[str] = []
    for block in items:
        if block.section not in ("summary", "findings", "decision"):
            continue
        previous = ""
        if "fault" not in block.text.lower():
            continue
        for sentence in sentences(block.text):
            if _FAULT.search(sentence) and not _NO_FAULT.search(sentence) and "previous" not in sentence:
                passage = f"{previous} {sentence}" if len(sentence) < 40 and previous else sentence
                if passage not in passages:
                    passages.append(passage)
            previous = sentence
    return Findings(fault_found=verdict, fault_passages=tuple(passages))


def _unit(word: str) -> TimescaleUnit:
    word = word.lower()
    if word.startswith("working"):
        return "working_days"
    return "months" if word.startswith("month") else "weeks" if word.startswith("week") else "days"


def _timescales(items: list[Block]) -> tuple[Timescale, ...]:
    found: list[Timescale] = []
    for block in items:
        if block.section in ("action", "preamble"):
            continue  # action deadlines are read with their actions
        lowered = block.text.lower()
        if "day" not in lowered and "week" not in lowered and "month" not in lowered:
            continue  # the cheap test first: most paragraphs name no period at all
        for match in _TIMESCALE.finditer(block.text):
            n = number_value(match.group("n") or match.group("n2") or "")
            if n is None:
                continue
            unit = _unit(match.group("unit") or "working")
            timescale = Timescale(amount=n, unit=unit, text=match.group(0))
            if timescale not in found:
                found.append(timescale)
    return tuple(found)


def _payments(items: list[Block], body: str) -> tuple[Payment, ...]:
    sections: dict[str, Section] = {"background": "background", "findings": "findings", "action": "action"}
    payments = payments_in((b.text, sections.get(b.section, "other")) for b in items if b.section != "preamble")
    if not any(p.per_child for p in payments):
        return payments
    children = children_count(body)  # only looked for when a payment is per child
    return tuple(replace(p, children=children) if p.per_child else p for p in payments)


def parse_decision_text(text: str) -> Decision:
    """Parse a decision statement in the Ombudsman's plain-text layout."""
    lines = [normalise(line) for line in text.splitlines()]
    head = _header(lines)
    decided = parse_day(head["day"]) if head["day"] else None
    items = blocks(text)
    body = "\n".join(b.text for b in items if b.section != "preamble")
    summary = section_text(items, "summary") or None
    actions, evidence = _actions(items, decided)
    return Decision(
        organisation=head["org"],
        reference=head["ref"],
        category=head["cat"],
        subcategory=head["sub"],
        outcome=head["outcome"],
        decided=decided,
        complainant=_complainant(items),
        summary=summary,
        complaint=section_text(items, "complaint") or None,
        legal_framework=legal_references(body),
        findings=_findings(items),
        findings_text=section_text(items, "findings"),
        payments=_payments(items, body),
        actions=actions,
        evidence_requested=evidence,
        shared_with_ofsted=bool(_OFSTED.search(body)),
        timescales=_timescales(items),
    )
