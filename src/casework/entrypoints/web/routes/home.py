"""The home page: what is overdue and due soon, for me, my team or the whole council.

Counts come from the database (`reports.due_counts`), and each week's table shows its
first rows; "show all" opens one week's list a page at a time. Nothing here grows with the
council's caseload but the rows shown.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse

from casework.entrypoints.web.dashboard import BUCKET_WORDS, BUCKETS, dashboard
from casework.entrypoints.web.pages import Page, signed_in
from casework.entrypoints.web.registers import pagination
from casework.service import registers, reports

router = APIRouter(include_in_schema=False)

SCOPES = {"me": "My cases", "team": "My team’s cases", "council": "The whole council"}
SHOWN = ("overdue", "this_week", "next_week")
FIRST_ROWS = 20
PAGE_SIZE = 50


@router.get("/", response_class=HTMLResponse)
def home(scope: str = "council", rule: str = "", week: str = "", page_number: int = 1,
         p: Page = Depends(signed_in)) -> HTMLResponse:  # noqa: B008
    scope = scope if scope in SCOPES else "council"
    week = week if week in BUCKETS else ""
    today = date.today()
    filters: dict[str, Any] = {
        "team": p.actor.team if scope == "team" else None,
        "worker": p.actor.username if scope == "me" else None, "rule": rule or None}
    uow = p.services.uow
    listing = None
    if week:
        counts = reports.due_counts(uow(), p.actor, today, **filters)
        listing = reports.list_due_and_overdue(uow(), p.actor, today, **filters, bucket=week,
                                               page=max(page_number, 1), per_page=PAGE_SIZE)
        items = {week: listing.items}
    else:
        counts, items = reports.due_board(uow(), p.actor, today, SHOWN, FIRST_ROWS, **filters)
    base = f"/?scope={scope}&rule={rule}&week={week}"
    pages = pagination(base, listing.page, listing.per_page, listing.total, "Pages of clocks") if listing else None
    names = dict(registers.register_choices(uow(), p.actor)["users"])
    return p.render(
        "home/index.html", names=names, title="What is due", section="home", scope=scope, scopes=SCOPES,
        rule=rule, week=week, board=dashboard(counts, items, today), buckets=BUCKETS,
        bucket_words=BUCKET_WORDS, shown=SHOWN, first_rows=FIRST_ROWS, listing=listing,
        pagination=pages)
