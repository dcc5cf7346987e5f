"""The home page: what is overdue and due soon, for me, my team or the whole council."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse

from casework.entrypoints.web.dashboard import BUCKET_WORDS, BUCKETS, dashboard
from casework.entrypoints.web.pages import Page, signed_in
from casework.service import reports

router = APIRouter(include_in_schema=False)

SCOPES = {"me": "My cases", "team": "My team’s cases", "council": "The whole council"}


@router.get("/", response_class=HTMLResponse)
def home(scope: str = "council", rule: str = "", p: Page = Depends(signed_in)) -> HTMLResponse:  # noqa: B008
    scope = scope if scope in SCOPES else "council"
    today = date.today()
    items = _all_items(p, today, scope, rule or None)
    return p.render(
        "home/index.html", title="What is due", section="home", scope=scope, scopes=SCOPES,
        rule=rule, board=dashboard(items, today), buckets=BUCKETS, bucket_words=BUCKET_WORDS,
    )


def _all_items(p: Page, today: date, scope: str, rule: str | None) -> list[dict[str, Any]]:
    worker = p.user.username if scope == "me" else None
    team = p.user.team if scope == "team" else None
    return reports.due_and_overdue(p.services.uow(), p.user, today, team=team, worker=worker,
                                   rule=rule)
