"""The annual complaints report: the page (exact figures, each linking to the complaints it
counts, with server-drawn charts), the list behind one figure, and the published PDF and CSV.

The year comes as `year=2025-26`, or as `from=` and `to=` dates for any other period.
"""

from __future__ import annotations

import re
from datetime import date

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse, Response

from casework.domain.annual import AnnualReport, ReportPeriod
from casework.domain.errors import CaseworkError
from casework.entrypoints.web.annual_report import csv_text, pdf_bytes
from casework.entrypoints.web.pages import Page, forbidden, signed_in
from casework.entrypoints.web.report_chart import section_svg
from casework.service.annual import annual_complaints_report
from casework.service.errors import Forbidden

router = APIRouter(include_in_schema=False)


def current_year(today: date) -> str:
    """The financial year the last full one ended in: 2025-26 from April 2026 on."""
    first = today.year - 1 if today.month >= 4 else today.year - 2
    return f"{first}-{str(first + 1)[2:]}"


def _period(year: str, start: str, end: str) -> ReportPeriod:
    if start or end:
        try:
            return ReportPeriod.between(date.fromisoformat(start), date.fromisoformat(end))
        except ValueError as exc:
            raise CaseworkError.single("report", "from", f"'{start}' to '{end}' are not two dates",
                                       "give both dates as YYYY-MM-DD") from exc
    return ReportPeriod.financial_year(year or current_year(date.today()))


def _report(p: Page, year: str, start: str, end: str) -> AnnualReport | HTMLResponse:
    try:
        return annual_complaints_report(p.services.uow(), p.actor, _period(year, start, end))
    except Forbidden as exc:
        return forbidden(p, str(exc))
    except CaseworkError as exc:
        problem = exc.problems[0]
        return p.render("errors/error.html", status=422, title="Check the year",
                        lines=[f"{problem.problem[0].upper()}{problem.problem[1:]}.",
                               f"{problem.fix[0].upper()}{problem.fix[1:]}."])


def _query(year: str, start: str, end: str) -> str:
    return f"from={start}&to={end}" if start or end else f"year={year or current_year(date.today())}"


@router.get("/reports/annual", response_class=HTMLResponse)
def annual(year: str = "", start: str = Query("", alias="from"), end: str = Query("", alias="to"),
           p: Page = Depends(signed_in)) -> HTMLResponse:  # noqa: B008
    report = _report(p, year, start, end)
    if isinstance(report, HTMLResponse):
        return report
    charts = {s.key: section_svg(s, report.period.label, report.previous.label) for s in report.sections}
    return p.render("reports/annual.html", title=f"Annual complaints report {report.period.label}",
                    section="reports", report=report, charts=charts, query=_query(year, start, end),
                    year=report.period.label)


@router.get("/reports/annual/figure", response_class=HTMLResponse)
def figure(key: str, which: str = "this", year: str = "", start: str = Query("", alias="from"),
           end: str = Query("", alias="to"), p: Page = Depends(signed_in)) -> HTMLResponse:  # noqa: B008
    report = _report(p, year, start, end)
    if isinstance(report, HTMLResponse):
        return report
    try:
        row = report.row(key)
    except StopIteration:
        return p.render("errors/error.html", status=404, title="Page not found",
                        lines=[f"The annual report has no figure ‘{key}’."])
    last = which == "last"
    shown = row.last_year if last else row.this_year
    period = report.previous if last else report.period
    return p.render("reports/figure.html", title=f"{row.label}, {period.label}", section="reports",
                    figure=shown, period=period, query=_query(year, start, end))


@router.get("/reports/annual.csv")
def annual_csv(year: str = "", start: str = Query("", alias="from"), end: str = Query("", alias="to"),
               p: Page = Depends(signed_in)) -> Response:  # noqa: B008
    report = _report(p, year, start, end)
    if isinstance(report, HTMLResponse):
        return report
    return Response(csv_text(report), media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="{filename(report, "csv")}"'})


@router.get("/reports/annual.pdf")
def annual_pdf(year: str = "", start: str = Query("", alias="from"), end: str = Query("", alias="to"),
               p: Page = Depends(signed_in)) -> Response:  # noqa: B008
    report = _report(p, year, start, end)
    if isinstance(report, HTMLResponse):
        return report
    return Response(pdf_bytes(report), media_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{filename(report, "pdf")}"'})


def filename(report: AnnualReport, ext: str) -> str:
    name = f"complaints-annual-report-{report.period.label}"
    return re.sub(r"[^A-Za-z0-9._-]", "-", name) + f".{ext}"
