"""Decision statement text → `Decision`.

The statement's own words decide every field; a field that is not there is None or empty.
The parser never raises on odd text (it is fed whole web pages), so checking that a
decision is complete enough to store — a reference, a date — is the caller's job. Every
scan is linear in the length of the text; `MAX_STATEMENT_CHARS` is the most a caller
should pass (the longest published statements are a tenth of it).
"""

from __future__ import annotations

import re
from datetime import date

from casework.domain.actions import parse_day, resolve_deadline
from casework.domain.decisions import agreed
from casework.domain.decisions.findings import findings_of
from casework.domain.decisions.law import legal_references
from casework.domain.decisions.model import ActionKind, AgreedAction, Decision, Payment, Section
from casework.domain.decisions.money import children_count, payments_in
from casework.domain.decisions.people import complainant_in, on_behalf_of_in, person_named
from casework.domain.decisions.periods import statutory_periods
from casework.domain.decisions.text import Block, blocks, normalise, section_text

MAX_STATEMENT_CHARS = 1_000_000
_HEAD = re.compile(r"^\s*(?P<org>\S.{0,150}?)\s*\((?P<ref>\d{2} \d{3} \d{3})\)\s*$")
_CATEGORY = re.compile(r"^\s*Category\s*:\s*(?P<cat>[^>]+?)\s*(?:>\s*(?P<sub>.+?))?\s*$")
_OUTCOME = re.compile(r"^\s*Decision\s*:\s*(?P<outcome>\S.*?)\s*$")
_DATE = re.compile(r"^\s*Decision date\s*:\s*(?P<day>\d{1,2}\s+[A-Za-z]{3,9}\s+\d{4})\s*$")
_OFSTED = re.compile(r"\bshare\b[^.]{0,200}\bwith\b[^.]{0,120}\bOfsted\b", re.IGNORECASE)
_EVIDENCE = re.compile(r"\bprovide\b[^.]{0,40}\bevidence\b[^.]{0,40}\bcompl", re.IGNORECASE)
_INTRO_END = re.compile(r"(?::|\bagreed to|\bwill|\bshould|\bto)\s*$", re.IGNORECASE)
_SERVICE = re.compile(
    r"\bremind|\btraining|\btrain\b|\breview (?:its|their|the)|\bprocedures?\b|\baudit|\bimprove|\bpolicy"
    r"|\bguidance to staff|\baction plan|\bprocedural",
    re.IGNORECASE,
)
_SECTIONS: dict[str, Section] = {"background": "background", "findings": "findings", "action": "action"}
_ASSESSMENT = frozenset({"findings", "decision", "body", "found"})


_HEADER_LINE_CHARS = 400  # header lines are short; a longer line is never one
_HEADER_LINES = 150  # the header is at the top, after at most a saved page's cookie banner


def _header(lines: list[str]) -> dict[str, str | None]:
    found: dict[str, str | None] = {k: None for k in ("org", "ref", "cat", "sub", "outcome", "day")}
    for line in (line for line in lines[:_HEADER_LINES] if len(line) <= _HEADER_LINE_CHARS):
        for pattern in (_HEAD, _CATEGORY, _OUTCOME, _DATE):
            match = pattern.match(line)
            if match:
                for key, value in match.groupdict().items():
                    if found[key] is None and value:
                        found[key] = value.strip()
    return found


def _action_kind(text: str) -> ActionKind:
    if "£" in text:
        return "payment"
    if re.search(r"\bapolog", text, re.IGNORECASE):
        return "apology"
    if re.match(r"\s*(?:pay|make (?:a |her a |him a |them a )?(?:\w+ )?payment|back[- ]?pay)", text, re.IGNORECASE):
        return "payment"
    if re.search(r"\bpayments?\b", text, re.IGNORECASE):
        return "payment"
    if _SERVICE.search(text):
        return "service_improvement"
    return "other"


def _clean_item(text: str) -> str:
    return re.sub(r"(?:\s*;)?\s*(?:and|or)?\s*[;,]?\s*$", "", text).strip()


def _in_action_section(items: list[Block]) -> tuple[list[agreed.Found], bool]:
    """Items under the action heading, each with the deadline its list gives, and whether
    the council is asked for evidence. Lines that only set a deadline for actions given
    elsewhere ('will complete the above within four weeks') are not actions."""
    found: list[agreed.Found] = []
    evidence = False
    deadline: str | None = None
    for block in items:
        if block.section != "action" or block.heading:
            continue
        if _EVIDENCE.search(block.text):
            evidence = True
            continue
        phrase = agreed.DEADLINE.search(block.text)
        if phrase:
            deadline = phrase.group(0)
        if _INTRO_END.search(block.text) or agreed.CARRIER.search(block.text):
            continue
        listed = [] if block.item else agreed.agreed_actions_in([block.text])
        if listed:  # a paragraph, not a list: "the Council should within one month: apologise …; pay …"
            found += [agreed.Found(a.text, a.deadline or deadline, a.context) for a in listed]
            continue
        found.append(agreed.Found(_clean_item(block.text), deadline, ""))
    return found, evidence


def _actions(
    items: list[Block], decided: date | None, complainant: str | None
) -> tuple[tuple[AgreedAction, ...], bool]:
    """Actions from the first place that gives any: the action section; lists in the
    assessment, findings or decision; the summary. A deadline given for them elsewhere
    ('will complete the above within four weeks') applies to those without their own."""
    found, evidence = _in_action_section(items)
    assessment = [b for b in items if b.section in _ASSESSMENT]
    if not found:
        found = agreed.listed_after_intro([(b.text, b.item) for b in assessment])
        found += agreed.agreed_actions_in(b.text for b in assessment if not b.item)
    if not found:
        found = agreed.agreed_actions_in(b.text for b in items if b.section == "summary")
    carried = None
    if any(action.deadline is None for action in found):
        carried = agreed.carried_deadline(b.text for b in items if b.section in _ASSESSMENT | {"action"})
    actions = []
    for action in found:
        deadline = action.deadline or carried
        due = None if deadline is None or decided is None else resolve_deadline(deadline, decided)
        actions.append(AgreedAction(kind=_action_kind(action.text), text=action.text, deadline=deadline, due=due,
                                    for_whom=person_named(action.text, action.context, complainant)))
    return tuple(actions), evidence


def _payments(items: list[Block], body: str) -> tuple[Payment, ...]:
    children = children_count(body) if "£" in body else None
    return payments_in(((b.text, _SECTIONS.get(b.section, "other")) for b in items), children)


def parse_decision_text(text: str) -> Decision:
    """Parse a decision statement in the Ombudsman's plain-text layout."""
    text = normalise(text)
    head = _header(text.splitlines())
    decided = parse_day(head["day"]) if head["day"] else None
    items = blocks(text)
    body = "\n".join(b.text for b in items)
    summary_texts = [b.text for b in items if b.section == "summary"]
    complaint_texts = [b.text for b in items if b.section == "complaint"]
    complainant = complainant_in(summary_texts, complaint_texts)
    actions, evidence = _actions(items, decided, complainant)
    return Decision(
        organisation=head["org"],
        reference=head["ref"],
        category=head["cat"],
        subcategory=head["sub"],
        outcome=head["outcome"],
        decided=decided,
        complainant=complainant,
        summary=section_text(items, "summary") or None,
        complaint=section_text(items, "complaint") or None,
        legal_framework=legal_references(body),
        findings=findings_of(head["outcome"], items),
        findings_text=section_text(items, "findings"),
        payments=_payments(items, body),
        actions=actions,
        evidence_requested=evidence,
        shared_with_ofsted="ofsted" in body.lower() and bool(_OFSTED.search(body)),
        timescales=statutory_periods(items),
        on_behalf_of=on_behalf_of_in(
            summary_texts + complaint_texts + [b.text for b in items if b.section in _ASSESSMENT]
        ),
    )
