"""Every agreed action in the council: what, by when, the evidence, overdue first.

Read a page at a time through the `list_council_actions` use case (one query, scoped to
the user's council, each read logged).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse

from casework.entrypoints.web.pages import Page, signed_in
from casework.service import actions as action_service

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50


def pagination(path: str, page: int, per_page: int, total: int) -> dict[str, Any] | None:
    """The GOV.UK pagination component's parameters, or None when everything fits on one page."""
    pages = max(1, -(-total // per_page))
    link = f"{path}{'&' if '?' in path else '?'}page_number="
    if pages == 1:
        return None
    shown = sorted({1, pages, *range(max(1, page - 1), min(pages, page + 1) + 1)})
    items: list[dict[str, Any]] = []
    previous = 0
    for number in shown:
        if number - previous > 1:
            items.append({"ellipsis": True})
        items.append({"number": number, "href": f"{link}{number}", "current": number == page})
        previous = number
    return {
        "items": items,
        "previous": {"href": f"{link}{page - 1}"} if page > 1 else None,
        "next": {"href": f"{link}{page + 1}"} if page < pages else None,
        "landmarkLabel": "Pages of agreed actions",
    }


@router.get("/actions", response_class=HTMLResponse)
def index(page_number: int = 1, p: Page = Depends(signed_in)) -> HTMLResponse:  # noqa: B008
    listing = action_service.list_council_actions(p.services.uow(), p.user, page=max(page_number, 1),
                                                  per_page=PAGE_SIZE)
    return p.render("actions/index.html", title="Agreed actions", section="actions", listing=listing,
                    pagination=pagination("/actions", listing.page, listing.per_page, listing.total))
