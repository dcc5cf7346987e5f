"""`casework report annual`: the council's annual complaints report, ready to publish."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from casework.domain.annual import ReportPeriod
from casework.domain.errors import CaseworkError
from casework.service.access import system_actor

err = Console(stderr=True)


class Format(StrEnum):
    html = "html"
    pdf = "pdf"
    csv = "csv"


def annual(
    council: Annotated[str, typer.Option(help="The council (its id, e.g. sefton)")],
    year: Annotated[str, typer.Option(help="Financial year, e.g. 2025-26 (1 April to 31 March)")] = "",
    start: Annotated[str, typer.Option("--from", help="Any other period: first day, YYYY-MM-DD")] = "",
    end: Annotated[str, typer.Option("--to", help="... and last day, YYYY-MM-DD")] = "",
    format: Annotated[Format, typer.Option(help="html, pdf or csv")] = Format.html,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here, not stdout")] = None,
) -> None:
    """The annual complaints report (reg 13(3)), anonymised: no one named, numbers under 5
    shown as "fewer than 5", this year beside the year before."""
    from casework.bootstrap import build
    from casework.entrypoints.web.annual_report import csv_text, pdf_bytes, published_html
    from casework.service.annual import annual_complaints_report

    try:
        period = _period(year, start, end)
        container = build()
        with container.uow() as uow:
            found = uow.councils.by_slug(council)
            actor = None if found is None else system_actor(found.id, found.slug)
        if actor is None:
            raise CaseworkError.single("command line", "--council", f"there is no council '{council}'",
                                       "give the id of a council in the database (casework import adds them)")
        report = annual_complaints_report(container.uow(), actor, period)
    except CaseworkError as exc:
        for problem in exc.problems:
            err.print(f"[red]✗[/red] {escape(str(problem))}")
        raise typer.Exit(1) from None
    render: dict[Format, Callable[[], str | bytes]] = {
        Format.html: lambda: published_html(report), Format.csv: lambda: csv_text(report),
        Format.pdf: lambda: pdf_bytes(report)}
    body = render[format]()
    if output is not None:
        output.write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
        err.print(f"Wrote {output}")
    else:
        typer.echo(body, nl=False)  # a PDF too, to a pipe: `> report.pdf`


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CaseworkError.single("command line", option, f"'{text}' is not a date",
                                   "write it as YYYY-MM-DD") from None


def _period(year: str, start: str, end: str) -> ReportPeriod:
    if start or end:
        return ReportPeriod.between(_day(start, "--from"), _day(end, "--to"))
    if not year:
        raise CaseworkError.single("command line", "--year", "no year given",
                                   "give --year 2025-26, or --from and --to")
    return ReportPeriod.financial_year(year, "--year")


def register(app: typer.Typer) -> None:
    report = typer.Typer(help="Reports a council publishes.", no_args_is_help=True)
    report.command("annual")(annual)
    app.add_typer(report, name="report")
