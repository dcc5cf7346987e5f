"""The rules reference (docs/rules.md), written from the rule records themselves.

Code comments cite it by section ("rules.md §3b"); the sections here keep those numbers.
Every figure, trigger and source comes from the rule files, so the reference cannot drift
from what the audit applies: `casework refresh-generated` rewrites it, and a test fails
when the file in the repository is not what the records give.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from casework.domain.rules.load import EXAMPLES_SUFFIX
from casework.domain.rules.model import DatedLimit, Limits, Matcher, Rule

HEADER = """# Rules reference

Written from the rule records in `src/casework/domain/rules/` by `casework refresh-generated`;
do not edit it by hand (a test checks that it is current). Each rule is one YAML file and
its path is its name. The sections keep the numbers the code cites (`rules.md §3b`).
"""

# (section heading, areas listed under it, what the section covers)
SECTIONS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("## 0. Counting time", (), (
        "A working day is a weekday that is not a bank holiday in England (`domain/calendar.py`, "
        "the one home of the counting convention): day 1 is the first working day after the "
        "trigger. Months are calendar months, a month-end date going to the last day of a shorter "
        "month (`domain/months.py`). A date known only to a month or a part of a month is read at "
        "its earliest and latest, and a breach is certain only when it is a breach on both readings.")),
    ("## 1. Child in need", ("child_in_need",), "Children Act 1989 s17; Working Together to Safeguard Children."),
    ("## 2. Child protection", ("child_protection",), "Children Act 1989 s47; Working Together to Safeguard Children."),
    ("## 1–2. Practice duties the Ombudsman has found", ("practice",), (
        "Duties of good practice found in Ombudsman decisions; each names the decision it comes from.")),
    ("## 3. Complaints\n\n### 3b. Statutory procedure clocks", ("complaints",), (
        "Children Act 1989 s26(3) and the Representations Procedure (England) Regulations 2006; the "
        "order of the steps is the transition table in `domain/complaints/statutory.yaml`.")),
    ("### 3c. Corporate procedure", ("corporate_complaints",), (
        "The Ombudsman's Complaint Handling Code, for complaints outside the statutory procedure; the "
        "order of the steps is `domain/complaints/corporate.yaml`.")),
    ("## 8. Looked-after children, fostering, care leavers, private fostering and SEND",
     ("looked_after", "fostering", "care_leavers", "private_fostering", "send"), (
        "The Care Planning, Placement and Case Review (England) Regulations 2010, the Fostering "
        "Services Regulations, the Children (Private Arrangements for Fostering) Regulations 2005, "
        "the Children and Families Act 2014 and the SEND Regulations 2014. The events are named as "
        "the DfE children looked after return (SSDA903) names them: docs/ssda903-mapping.md.")),
    ("## 4–5. The Ombudsman and remedies", ("ombudsman",), (
        "Local Government Act 1974; the Guidance on Remedies bands are dated entries in "
        "`domain/remedies/guidance.py`.")),
)


def _matchers(matchers: Iterable[Matcher]) -> str:
    words = []
    for m in matchers:
        extra = ", ".join(f"{k}: {v}" for k, v in m.details.items())
        unless = ", ".join(f"{k}: {v}" for k, v in m.unless.items())
        words.append(f"`{m.type}`" + (f" ({extra})" if extra else "") + (f" unless {unless}" if unless else ""))
    return ", ".join(words)


def _in_force(rule: Rule) -> str:
    start = "with no start date" if rule.effective_from.year <= 1900 else f"from {rule.effective_from:%-d %B %Y}"
    return start + (f" to {rule.effective_to:%-d %B %Y}" if rule.effective_to else "")


def _source(rule: Rule) -> str:
    s = rule.source
    title = f"[{s.title}]({s.url})" if s.url else s.title
    text = title + (f", {s.section}" if s.section else "")
    confidence = "confirmed" if s.confirmed else "unconfirmed"
    lines = [f"- Source ({s.basis}, {confidence}): {text}"]
    if s.seeds:
        lines.append(f"- Seen in Ombudsman decisions: {', '.join(s.seeds)}")
    if s.note:
        lines.append(f"- Note: {s.note}")
    return "\n".join(lines)


def _figure(value: DatedLimit, rule: Rule) -> str:
    """One dated figure: when it came in and the words that set it, the instrument linked
    where it is not the rule's own text."""
    text = value.describe(rule.effective_from)
    source = value.source
    if source.url and source.url != rule.source.url:
        text = text.replace(f"({source.title}", f"([{source.title}]({source.url})", 1)
    return text + ("" if source.confirmed else " [unconfirmed]")


def _figures(label: str, limits: Limits, rule: Rule) -> list[str]:
    """Each dated figure with when it came in and its source: one line, or one per figure."""
    if len(limits.values) == 1:
        return [f"- {label}: {_figure(limits.values[0], rule)}"]
    return [f"- {label}:"] + [f"  - {_figure(value, rule)}" for value in limits.values]


def rule_entry(rule: Rule) -> str:
    lines = [f"#### `{rule.id}` — {rule.title}", "", f"- Must: {rule.must}"]
    if rule.limit is not None:
        lines.append(f"- Limit: {rule.describe_limit()}; in force {_in_force(rule)}")
        lines += _figures("Limit by date", rule.limit, rule)
    else:
        lines.append(f"- In force {_in_force(rule)}; checked by `{rule.check}`")
    for label, matchers in (("Starts on", rule.trigger), ("Met by", rule.satisfied_by),
                            ("Stopped by", rule.stopped_by), ("Only if", rule.only_if)):
        if matchers:
            lines.append(f"- {label}: {_matchers(matchers)}")
        if label == "Starts on" and rule.trigger_expired:
            names = ", ".join(f"`{other}`" for other in rule.trigger_expired)
            lines.append(f"- Or, with none of those, starts when the clock of {names} runs out with nothing meeting it")
    if rule.extension is not None:
        lines.append(f"- Extended to {rule.extension.limit.current} by: {_matchers(rule.extension.by)}")
        lines += _figures("Extension by date", rule.extension.limit, rule)
    lines.append(f"- Applies to each {rule.scope}" + (f" ({rule.procedure} procedure)" if rule.procedure else ""))
    lines.append(_source(rule))
    lines.append(f"- File: `src/casework/domain/{rule.path}`; its examples and precedent words: "
                 f"`{rule.id}{EXAMPLES_SUFFIX}` beside it")
    return "\n".join(lines)


def rules_reference(rules: Sequence[Rule]) -> str:
    """docs/rules.md: every rule, grouped in the numbered sections the code cites."""
    parts = [HEADER]
    listed: set[str] = set()
    for heading, areas, about in SECTIONS:
        parts += [heading, "", about, ""]
        for rule in sorted((r for r in rules if r.area in areas), key=lambda r: r.id):
            parts += [rule_entry(rule), ""]
            listed.add(rule.id)
    others = sorted((r for r in rules if r.id not in listed), key=lambda r: (r.area, r.id))
    if others:
        parts += ["## Other rules", ""]
        for rule in others:
            parts += [rule_entry(rule), ""]
    return "\n".join(parts).rstrip() + "\n"
