"""A parsed `Decision` to JSON and back, exactly.

Money stays a decimal string ("1102.58") and dates ISO strings, so nothing is rounded
through a float and a decision read back compares equal to the one parsed. Fields added
since a decision was stored (a payment's basis, whom an action is for, a timescale's rule,
whom the complaint was made for) read back as their defaults.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from casework.domain.decisions import (
    AgreedAction,
    Decision,
    Findings,
    LegalReference,
    Payment,
    Timescale,
)


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _money(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def decision_to_json(d: Decision) -> dict[str, Any]:
    return {
        "organisation": d.organisation, "reference": d.reference, "category": d.category,
        "subcategory": d.subcategory, "outcome": d.outcome, "decided": _iso(d.decided),
        "complainant": d.complainant, "on_behalf_of": d.on_behalf_of, "summary": d.summary,
        "complaint": d.complaint,
        "legal_framework": [{"kind": r.kind, "title": r.title, "year": r.year,
                             "sections": list(r.sections)} for r in d.legal_framework],
        "findings": {"fault_found": d.findings.fault_found,
                     "fault_passages": list(d.findings.fault_passages)},
        "findings_text": d.findings_text,
        "payments": [{"amount": str(p.amount), "purpose": p.purpose, "payee": p.payee,
                      "per_child": p.per_child, "children": p.children, "section": p.section,
                      "passage": p.passage, "basis": p.basis,
                      "rate": None if p.rate is None else str(p.rate)} for p in d.payments],
        "actions": [{"kind": a.kind, "text": a.text, "deadline": a.deadline, "due": _iso(a.due),
                     "for": a.for_whom} for a in d.actions],
        "evidence_requested": d.evidence_requested,
        "shared_with_ofsted": d.shared_with_ofsted,
        "timescales": [{"amount": t.amount, "unit": t.unit, "text": t.text, "rule": t.rule}
                       for t in d.timescales],
    }


def decision_from_json(data: dict[str, Any]) -> Decision:
    return Decision(
        organisation=data["organisation"], reference=data["reference"],
        category=data["category"], subcategory=data["subcategory"], outcome=data["outcome"],
        decided=_day(data["decided"]), complainant=data["complainant"],
        summary=data["summary"], complaint=data["complaint"],
        legal_framework=tuple(LegalReference(r["kind"], r["title"], r["year"], tuple(r["sections"]))
                              for r in data["legal_framework"]),
        findings=Findings(data["findings"]["fault_found"],
                          tuple(data["findings"]["fault_passages"])),
        findings_text=data["findings_text"],
        payments=tuple(Payment(Decimal(p["amount"]), p["purpose"], p["payee"], p["per_child"],
                               p["children"], p["section"], p["passage"],
                               p.get("basis", "per_child" if p["per_child"] else "one_off"),
                               _money(p.get("rate")))
                       for p in data["payments"]),
        actions=tuple(AgreedAction(a["kind"], a["text"], a["deadline"], _day(a["due"]), a.get("for"))
                      for a in data["actions"]),
        evidence_requested=data["evidence_requested"],
        shared_with_ofsted=data["shared_with_ofsted"],
        timescales=tuple(Timescale(t["amount"], t["unit"], t["text"], t.get("rule"))
                         for t in data["timescales"]),
        on_behalf_of=data.get("on_behalf_of"),
    )
