"""Every agreed action in the council: what, by when, the evidence, overdue first.

Read through the `list_cases` and `list_actions` use cases, so each read is logged.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse

from casework.entrypoints.web.pages import Page, signed_in
from casework.service import actions as action_service
from casework.service import cases as case_service

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 200


def overdue_first(actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Overdue, then open ones by due date (no date last), then evidenced ones."""
    def key(a: dict[str, Any]) -> tuple[int, str, str]:
        rank = 0 if a["overdue"] else (2 if a["evidenced"] else 1)
        return rank, a["due_on"] or "9999-12-31", a["case"]
    return sorted(actions, key=key)


@router.get("/actions", response_class=HTMLResponse)
def index(p: Page = Depends(signed_in)) -> HTMLResponse:  # noqa: B008
    slugs: list[str] = []
    page_number = 1
    while True:
        listing = case_service.list_cases(p.services.uow(), p.user, page=page_number, per_page=PAGE_SIZE)
        slugs += [item["id"] for item in listing.items]
        if page_number * PAGE_SIZE >= listing.total:
            break
        page_number += 1
    actions = [a for slug in slugs for a in action_service.list_actions(p.services.uow(), p.user, slug)]
    return p.render("actions/index.html", title="Agreed actions", section="actions",
                    actions=overdue_first(actions))
