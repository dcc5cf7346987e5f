"""Ombudsman decisions: search the corpus, read one, and remedy benchmarks for a fault theme.

Decisions are public and shared by every council, but the API still needs a token.
References go in paths with hyphens (`/api/decisions/24-009-485`); spaces work too.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from casework.domain.decisions.model import PaymentPurpose
from casework.domain.limits import MAX_SEARCH_CHARS, MAX_SEARCH_WORDS
from casework.entrypoints.api.deps import ActorDep, ContainerDep, PageNumber
from casework.service import decisions
from casework.service.read_models import BenchmarkView, DecisionPageView, DecisionView

router = APIRouter(prefix="/api", tags=["decisions"])

@router.get("/decisions", response_model=DecisionPageView,
            summary="Search Ombudsman decisions (full text, with filters; paginated)")
def search(actor: ActorDep, c: ContainerDep,
           q: Annotated[str, Query(max_length=MAX_SEARCH_CHARS,
                               description='words or "phrases"; OR for either; -word to leave out; '
                                           f'at most {MAX_SEARCH_WORDS} words')] = "",
           organisation: Annotated[str | None, Query(description="part of the name")] = None,
           outcome: Annotated[str | None, Query(description="e.g. Upheld")] = None,
           subcategory: Annotated[str | None, Query(description="e.g. Child protection")] = None,
           year: Annotated[int | None, Query(ge=1900, le=2999)] = None,
           purpose: Annotated[PaymentPurpose | None, Query(description="has a payment for this")] = None,
           page: PageNumber = 1, per_page: Annotated[int, Query(ge=1, le=200)] = 20) -> dict[str, Any]:
    return decisions.search_decisions(
        c.uow(), actor, q, organisation=organisation, outcome=outcome, subcategory=subcategory,
        year=year, purpose=purpose, page=page, per_page=per_page).as_dict()


@router.get("/decisions/{reference}", response_model=DecisionView,
            summary="One decision: everything parsed from it, and its text")
def get_decision(reference: str, actor: ActorDep, c: ContainerDep) -> dict[str, Any]:
    return decisions.get_decision(c.uow(), actor, reference)


@router.get("/remedies/benchmark", response_model=BenchmarkView,
            summary="Payments in decisions matching a fault theme: count, median, range, per purpose")
def benchmark(actor: ActorDep, c: ContainerDep,
              theme: Annotated[str, Query(min_length=1, max_length=MAX_SEARCH_CHARS,
                                         description="e.g. delay at stage 2")]) -> dict[str, Any]:
    return decisions.benchmark_remedies(c.uow(), actor, theme)
