"""Ombudsman decisions: ingest statements into the corpus, search them, spread their
remedies for a fault theme, and offer them as precedents beside audit findings.

Decisions are public and belong to no council, so there is no scoping here; reading
still needs a signed-in user (`decision:read`), and each search or read is logged in the
reader's council's audit log like any other read. Ingesting is an administrator's job
from the command line (or the demo loader), logged under the system's name.

Parsing is the domain's (`domain.decisions.parse_decision_text`, with saved files read
through the `DecisionFiles` port); the benchmark arithmetic is the domain's
(`domain.decisions.benchmarks`); which decisions are precedents for which rule is data
(each rule's `precedents:` words, beside it in `rules/<area>/<id>.examples.yaml`). This module
only moves decisions in and out.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from casework.domain.decisions import PAYMENT_PURPOSES, Decision
from casework.domain.decisions.benchmarks import PaymentSpread, remedy_benchmark
from casework.domain.decisions.precedents import precedent_searches
from casework.domain.errors import CaseworkError, Problem
from casework.domain.limits import check_page, check_search
from casework.service.access import Actor
from casework.service.cases import Page
from casework.service.errors import NotFound
from casework.service.ports import DecisionFiles, DecisionFilters, DecisionRecord, UnitOfWork, UnitOfWorkFactory
from casework.service.read_models import DecisionLink
from casework.service.trail import record

PRECEDENTS_PER_FINDING = 3
NOT_STATED = "not stated"


def slug(reference: str) -> str:
    """The reference as it appears in a web address: '24 009 485' → '24-009-485'."""
    return reference.replace(" ", "-")


def reference_from(slug_or_reference: str) -> str:
    return " ".join(slug_or_reference.replace("-", " ").split())


# --- ingest -----------------------------------------------------------------------------

def missing_fields(decision: Decision) -> tuple[str, ...]:
    """What a stored decision lacks that search filters on, each said as a warning."""
    missing = []
    if decision.decided is None:
        missing.append("no decision date was found: it is stored, but --year will not find it")
    if decision.outcome is None:
        missing.append("no outcome was found: it is stored, but --outcome will not find it")
    return tuple(missing)


@dataclass(frozen=True)
class Ingested:
    reference: str
    added: bool  # False: a decision with this reference was already stored; skipped
    warnings: tuple[str, ...] = ()  # stored, but with fields missing that search filters on


def ingest_decision(uow: UnitOfWork, decision: Decision, body: str, source: str,
                    who: str = "system (cli)") -> Ingested:
    """Store one parsed decision, unless its reference is already in the corpus."""
    if decision.reference is None:
        raise CaseworkError.single(source, "reference", "the decision has no reference",
                                   "check this is an Ombudsman decision statement")
    with uow:
        if uow.decisions.exists(decision.reference):
            return Ingested(decision.reference, False)
        uow.decisions.add(decision, body, source)
        uow.audit_log.append(at=datetime.now(UTC), user_id=None, username=who, council_id=None,
                             action="create", record_type="decision",
                             record_id=decision.reference, detail=f"ingested from {source}")
        uow.commit()
    return Ingested(decision.reference, True, missing_fields(decision))


def ingest_decision_file(uow: UnitOfWork, files: DecisionFiles, path: Path,
                         who: str = "system (cli)") -> Ingested:
    text, decision = files.read_file(path)
    return ingest_decision(uow, decision, text, path.name, who)


def decision_files(files: DecisionFiles, folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in files.suffixes)


def load_demo_decisions(uow_factory: UnitOfWorkFactory, files: DecisionFiles, folder: Path,
                        progress: Callable[[str], None] | None = None) -> list[str]:
    """Ingest the seed decisions in `folder` (examples/decisions); returns those added."""
    added = []
    for path in decision_files(files, folder) if folder.is_dir() else []:
        result = ingest_decision_file(uow_factory(), files, path, "system (demo)")
        if result.added:
            added.append(result.reference)
        if progress:
            progress(result.reference)
    return added


# --- reading ----------------------------------------------------------------------------

def _money(amount: Decimal | None) -> float | None:
    return None if amount is None else float(amount)


class _Header(Protocol):
    """What a link to a decision needs: a stored decision and a parsed one both have it."""

    @property
    def reference(self) -> str | None: ...
    @property
    def organisation(self) -> str | None: ...
    @property
    def outcome(self) -> str | None: ...
    @property
    def decided(self) -> date | None: ...


def _link(row: _Header) -> dict[str, Any]:
    reference = row.reference or ""  # only decisions with a reference are stored or linked
    return {"reference": reference, "slug": slug(reference),
            "href": f"/api/decisions/{slug(reference)}", "organisation": row.organisation,
            "outcome": row.outcome, "decided": row.decided.isoformat() if row.decided else None}


def decision_summary(row: DecisionRecord) -> dict[str, Any]:
    return {**_link(row), "category": row.category, "subcategory": row.subcategory,
            "year": row.year, "summary": row.summary, "fault_found": row.fault_found,
            "payments": [{"amount": _money(p.amount), "purpose": p.purpose,
                          "per_child": p.per_child} for p in row.payments]}


def decision_detail(row: DecisionRecord) -> dict[str, Any]:
    d = row.decision
    return {
        **decision_summary(row), "complainant": d.complainant, "on_behalf_of": d.on_behalf_of,
        "complaint": d.complaint,
        "shared_with_ofsted": d.shared_with_ofsted, "evidence_requested": d.evidence_requested,
        "legal_framework": [{"kind": r.kind, "title": r.title, "year": r.year,
                             "sections": list(r.sections)} for r in d.legal_framework],
        "fault_passages": list(d.findings.fault_passages),
        "payments": [{"amount": _money(p.amount), "total": _money(p.total), "purpose": p.purpose,
                      "payee": p.payee, "per_child": p.per_child, "children": p.children,
                      "basis": p.basis, "rate": _money(p.rate),
                      "section": p.section, "passage": p.passage} for p in d.payments],
        "actions": [{"kind": a.kind, "text": a.text, "deadline": a.deadline, "for": a.for_whom,
                     "due": a.due.isoformat() if a.due else None} for a in d.actions],
        "timescales": [{"amount": t.amount, "unit": t.unit, "text": t.text, "rule": t.rule}
                       for t in d.timescales],
        "source": row.source, "text": row.body,
    }


def _filters(organisation: str | None, outcome: str | None, subcategory: str | None,
             year: int | None, purpose: str | None) -> DecisionFilters:
    if purpose and purpose not in PAYMENT_PURPOSES:
        raise CaseworkError(Problem("query string", "purpose", f"unknown payment purpose '{purpose}'",
                                    f"use one of: {', '.join(PAYMENT_PURPOSES)}"))
    return DecisionFilters(organisation or None, outcome or None, subcategory or None, year,
                           purpose or None)


def search_decisions(uow: UnitOfWork, actor: Actor, query: str = "", *,
                     organisation: str | None = None, outcome: str | None = None,
                     subcategory: str | None = None, year: int | None = None,
                     purpose: str | None = None, page: int = 1, per_page: int = 20) -> Page:
    """Decisions matching the search text and filters, best match first."""
    actor.require("decision:read")
    filters = _filters(organisation, outcome, subcategory, year, purpose)
    check_page(page, per_page)
    check_search(query)
    with uow:
        rows, total = uow.decisions.search(query, filters, (page - 1) * per_page, per_page)
        items = [decision_summary(r) for r in rows]
        shown = ", ".join(f"{k}={v}" for k, v in vars(filters).items() if v is not None)
        record(uow, actor, "list", "decision", "*", f"search '{query}'" + (f" ({shown})" if shown else ""))
        uow.commit()
    return Page(items, page, per_page, total)


def get_decision(uow: UnitOfWork, actor: Actor, reference: str) -> dict[str, Any]:
    """One decision with everything the parser found, and its text; by reference or slug."""
    actor.require("decision:read")
    wanted = reference_from(reference)
    with uow:
        row = uow.decisions.get(wanted)
        if row is None:
            raise NotFound("decision", wanted)
        detail = decision_detail(row)
        record(uow, actor, "read", "decision", wanted)
        uow.commit()
    return detail


def decision_facets(uow: UnitOfWork, actor: Actor) -> dict[str, list[Any]]:
    """The organisations, outcomes, subcategories, years and purposes in the corpus."""
    actor.require("decision:read")
    with uow:
        facets: dict[str, list[Any]] = uow.decisions.facets()
    return facets


# --- remedy benchmarks ------------------------------------------------------------------

def _spread(spread: PaymentSpread, decisions: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {"purpose": spread.purpose, "count": spread.count, "median": _money(spread.median),
            "min": _money(spread.minimum), "max": _money(spread.maximum),
            "decisions": [decisions[r] for r in spread.references if r in decisions]}


def benchmark_remedies(uow: UnitOfWork, actor: Actor, theme: str) -> dict[str, Any]:
    """Payments in the stored decisions matching a fault theme: count, median, range."""
    actor.require("decision:read")
    if not theme.strip():
        raise CaseworkError(Problem("query string", "theme", "the fault theme is empty",
                                    "describe the fault, e.g. 'delay at stage 2'"))
    with uow:
        parsed = list(uow.decisions.all_decisions())
        record(uow, actor, "read", "decision", "*", f"remedy benchmark '{theme}'")
        uow.commit()
    benchmark = remedy_benchmark(parsed, theme.strip())
    by_ref = {d.reference: d for d in parsed if d.reference is not None}
    links = {ref: _link(by_ref[ref]) for ref in benchmark.decisions}
    return {
        "theme": benchmark.theme,
        "decisions": list(links.values()),
        "overall": _spread(benchmark.overall, links) if benchmark.overall else None,
        "by_purpose": [_spread(s, links) for s in benchmark.by_purpose],
    }


# --- precedents -------------------------------------------------------------------------

def precedents_for_rules(uow: UnitOfWork, rule_ids: Collection[str],
                         limit: int = PRECEDENTS_PER_FINDING) -> dict[str, list[DecisionLink]]:
    """For each rule, the best-matching decisions in which the Ombudsman found fault."""
    searches = precedent_searches()
    found: dict[str, list[DecisionLink]] = {}
    with uow:
        for rule in sorted(set(rule_ids)):
            if rule in searches:
                rows, _ = uow.decisions.search(searches[rule], DecisionFilters(fault_found=True),
                                               0, limit)
                found[rule] = [link_view(r) for r in rows]
    return found


def link_view(row: _Header) -> DecisionLink:
    reference = row.reference or ""
    return DecisionLink(reference=reference, slug=slug(reference), href=f"/api/decisions/{slug(reference)}",
                        organisation=row.organisation, outcome=row.outcome, decided=row.decided)

