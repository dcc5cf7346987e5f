"""The Ombudsman decisions pages: search the corpus, and one decision with what was found.

Both pages are for signed-in staff (decisions are public, but the service is not). The
search form submits by GET, so every search has its own link. Everything shown comes
from the `service.decisions` use cases; nothing here reads the store or parses text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse

from casework.domain.decisions import PAYMENT_PURPOSES
from casework.entrypoints.web.forms import FormErrors
from casework.entrypoints.web.pages import Page, signed_in
from casework.service import decisions as decision_service
from casework.service.errors import NotFound

router = APIRouter(include_in_schema=False)

PER_PAGE = 20


@router.get("/decisions", response_class=HTMLResponse)
def search(p: Page = Depends(signed_in)) -> HTMLResponse:  # noqa: B008
    form: Mapping[str, str] = p.request.query_params
    errors = FormErrors()
    year = _year(form.get("year", ""), errors)
    purpose = form.get("purpose") or None
    if purpose is not None and purpose not in PAYMENT_PURPOSES:
        errors.add("purpose", "Select a payment purpose from the list")
        purpose = None
    page_number = int(form["page"]) if form.get("page", "").isdigit() and int(form["page"]) > 0 else 1
    results = None
    if not errors:
        results = decision_service.search_decisions(
            p.services.uow(), p.actor, form.get("q", "").strip(),
            organisation=form.get("organisation") or None, outcome=form.get("outcome") or None,
            subcategory=form.get("subcategory") or None, year=year, purpose=purpose,
            page=page_number, per_page=PER_PAGE)
    facets = decision_service.decision_facets(p.services.uow(), p.actor)
    return p.render(
        "decisions/index.html", title="Ombudsman decisions", section="decisions", form=form,
        errors=errors, results=results, facets=facets, purposes=PAYMENT_PURPOSES,
        pages=_pages(form, results), status=400 if errors else 200,
    )


def _year(text: str, errors: FormErrors) -> int | None:
    if not text.strip():
        return None
    if not text.strip().isdigit():
        errors.add("year", "Select a year from the list")
        return None
    return int(text)


def _pages(form: Mapping[str, str], results: Any) -> dict[str, Any]:
    """Previous and next links for govukPagination, keeping the search and filters."""
    if results is None:
        return {}
    kept = {k: v for k, v in form.items() if k != "page" and v}

    def link(number: int) -> dict[str, str]:
        return {"href": "/decisions?" + urlencode({**kept, "page": number})}

    pages: dict[str, Any] = {}
    if results.page > 1:
        pages["previous"] = link(results.page - 1)
    if results.total > results.page * results.per_page:
        pages["next"] = link(results.page + 1)
    return pages


@router.get("/decisions/{reference}", response_class=HTMLResponse)
def show(reference: str, p: Page = Depends(signed_in)) -> HTMLResponse:  # noqa: B008
    try:
        decision = decision_service.get_decision(p.services.uow(), p.actor, reference)
    except NotFound:
        return p.render("errors/error.html", status=404, title="Page not found", lines=[
            f"There is no Ombudsman decision ‘{reference}’ in this service.",
            "Check the reference, or search the decisions.",
        ])
    return p.render("decisions/show.html", title=f"{decision['organisation'] or 'Decision'} "
                    f"({decision['reference']})", section="decisions", decision=decision)
