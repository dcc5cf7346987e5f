"""What every register page shares: the GOV.UK
pagination component, a refused filter as a page that says what to do, and the same rows
as a CSV download.

A download is safe to open in a spreadsheet: a cell that starts with =, +, -, @ (or a tab or
carriage return) is a formula to Excel and LibreOffice, so it gets a leading apostrophe and
is shown as the text it is.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from fastapi.responses import HTMLResponse, Response

from casework.domain.errors import CaseworkError
from casework.entrypoints.web.pages import Page

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def query_string(filters: Mapping[str, str | None]) -> str:
    """The filters as they go in a link (empty ones left out)."""
    return urlencode({k: v for k, v in filters.items() if v})


def pagination(path: str, page: int, per_page: int, total: int, label: str) -> dict[str, Any] | None:
    """The GOV.UK pagination component's parameters, or None when everything fits on one page."""
    pages = max(1, -(-total // per_page))
    path = path.rstrip("?")
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
        "landmarkLabel": label,
    }


def refused(p: Page, exc: CaseworkError, back: str) -> HTMLResponse:
    """A filter or page number the register cannot use: 404 for a page past the end, else 400.
    (A page number that is not a whole number never gets here: see `errors.invalid_request`.)"""
    problem = exc.problems[0]
    past_end = problem.field == "page_number" and "last page" in problem.fix
    lines = [f"{q.problem[:1].upper()}{q.problem[1:]}: {q.fix}." for q in exc.problems]
    return p.render("errors/error.html", status=404 if past_end else 400,
                    title="There is no such page" if past_end else "There is a problem with the filters",
                    lines=lines, back={"href": back, "text": "Go to the first page"})


def safe_cell(value: Any) -> str:
    """A value as CSV text that a spreadsheet shows, never runs."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_download(filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Response:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([safe_cell(v) for v in row] for row in rows)
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
