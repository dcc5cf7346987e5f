"""Whether the Ombudsman found fault, and the sentences that say where.

The outcome line decides when there is one: an upheld decision is one where fault caused
injustice, "Not upheld" one where it did not. Without it the statement's words decide, in
this order: "we have upheld" (or, for an early resolution, "it is likely we would find
fault" with a remedy agreed) is fault; a statement that will not investigate says either
"no evidence of fault" or nothing; then what the decision and summary say of fault; then a
remedy agreed in the summary, which the Ombudsman asks for only where there was fault.
"""

from __future__ import annotations

import re

from casework.domain.decisions.model import Findings
from casework.domain.decisions.text import Block, section_text, sentences

NO_FAULT = re.compile(
    r"\bno (?:evidence of )?fault|\bnot (?:at )?fault|\bdo not find\b[^.]{0,200}?\bfault"
    r"|\bdid not find\b[^.]{0,200}?\bfault|\bnot persuaded\b[^.]{0,200}?\bfault|\babsence of\b[^.]{0,200}?\bfault"
    r"|\bnot enough evidence of fault",
    re.IGNORECASE,
)
FAULT = re.compile(
    r"\b(?:was|is|were|are|been) (?:at )?fault\b|\bfind(?:s|ing)? (?:the \w+ (?:was )?(?:at )?)?fault\b"
    r"|\bfound fault\b|\bidentified fault\b|\bthere (?:was|is|has been) fault\b|\bfault causing\b"
    r"|\bfault with\b|\bacted with fault\b|\bevidence of (?:council )?fault\b|^fault found\b",
    re.IGNORECASE,
)
_UPHELD = re.compile(
    r"\b(?:we|the Ombudsman)\s+(?:have\s+|has\s+)?(?:upheld|uphold|upholds)\b(?!\s+(?:all|some|any)\b)"
    r"|\bcomplaint is upheld\b",
    re.IGNORECASE,
)
_EARLY = re.compile(
    r"\blikely (?:that )?we would find\b[^.]{0,200}?\bfault|\bresolve the complaint early\b|\blikely fault\b",
    re.IGNORECASE,
)
_NOT_INVESTIGATED = re.compile(r"\bwe (?:will|cannot|can not|did) not (?:investigate|start)", re.IGNORECASE)
_REMEDY_AGREED = re.compile(
    r"\b(?:Council|It|it)\s+(?:has\s+)?(?:now\s+|also\s+)?(?:agreed|accepted our recommendation)"
    r"(?:\s+to\s+(?:apologis|pay|make|provide|review|backdate|refund|reimburse)|\s+action)"
    r"|\bCouncil will (?:apologis|pay|make a (?:higher )?payment)|\baccepted our findings\b|\bagreed action\b",
)


def _verdict(outcome: str | None, items: list[Block]) -> bool | None:
    said = (outcome or "").strip().lower()
    if said.startswith("upheld"):
        return True
    if said.startswith("not upheld"):
        return False
    summary = section_text(items, "summary")
    decision = section_text(items, "decision")
    everything = "\n".join(b.text for b in items)
    if _UPHELD.search(summary) or _UPHELD.search(decision) or _EARLY.search(everything):
        return True
    if _NOT_INVESTIGATED.search(summary):
        return False if NO_FAULT.search(summary + "\n" + decision) else None
    # A report's "Finding: Fault found causing injustice" is read after the decision and summary.
    finding = "\n".join(b.text for b in items if b.section == "findings" and b.text[:12].lower() == "fault found ")
    for text in (decision, summary, finding):
        without = NO_FAULT.sub("", text)
        if FAULT.search(without):
            return True
        if NO_FAULT.search(text):
            return False
    return True if _REMEDY_AGREED.search(summary) else None


def findings_of(outcome: str | None, items: list[Block]) -> Findings:
    passages: list[str] = []
    seen: set[str] = set()
    for block in items:
        if block.section not in ("summary", "findings", "decision") or "fault" not in block.text.lower():
            continue
        previous = ""
        for sentence in sentences(block.text):
            if FAULT.search(sentence) and not NO_FAULT.search(sentence) and "previous" not in sentence:
                passage = f"{previous} {sentence}" if len(sentence) < 40 and previous else sentence
                if passage not in seen:
                    seen.add(passage)
                    passages.append(passage)
            previous = sentence
    return Findings(fault_found=_verdict(outcome, items), fault_passages=tuple(passages))
