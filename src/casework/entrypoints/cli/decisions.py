"""`casework decisions ingest DIR` and `casework decisions search QUERY`.

Ingest reads every .txt and .html file in a folder, skips a decision whose reference is
already stored, and reports each file it could not use and why, then carries on: a file
that fails in any way is reported and never stops the run. A decision stored without a
date or an outcome is stored with a warning (search filters on them cannot find it). Exit
code 0 when every file was stored or skipped as a duplicate, 1 when any could not be read.
Search shows a missing date or outcome as "not stated".
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from casework.domain.decisions import PAYMENT_PURPOSES
from casework.domain.errors import CaseworkError

if TYPE_CHECKING:
    from casework.bootstrap import Container

console = Console()
err = Console(stderr=True)


def _container() -> Container:
    from casework.bootstrap import build

    return build()


def ingest(
    folder: Annotated[Path, typer.Argument(exists=True, file_okay=False,
                                           help="A folder of saved decision pages (.html) or statements (.txt)")],
) -> None:
    """Parse and store Ombudsman decision statements; duplicates (by reference) are skipped."""
    from casework.service.decisions import decision_files, ingest_decision_file

    container = _container()
    paths = decision_files(container.files.decisions, folder)
    added, duplicates, failed = 0, 0, 0
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=console) as progress:
        task = progress.add_task("Ingesting", total=len(paths))
        for path in paths:
            progress.update(task, description=f"Ingesting {path.name}")
            say = progress.console.print
            try:
                result = ingest_decision_file(container.uow(), container.files.decisions, path)
            except CaseworkError as exc:
                failed += 1
                for problem in exc.problems:
                    say(f"[red]✗[/red] {escape(str(problem))}", highlight=False, soft_wrap=True)
            except Exception as exc:
                failed += 1
                say(f"[red]✗[/red] {escape(str(path))}: could not be ingested ({type(exc).__name__}: "
                    f"{escape(str(exc))}); the other files go on", highlight=False, soft_wrap=True)
            else:
                added += result.added
                duplicates += not result.added
                if not result.added:
                    say(f"· {escape(path.name)}: {result.reference} is already stored; skipped",
                        highlight=False, soft_wrap=True)
                for warning in result.warnings:
                    say(f"[yellow]![/yellow] {escape(path.name)} ({result.reference}): {escape(warning)}",
                        highlight=False, soft_wrap=True)
            progress.advance(task)
    console.print(f"Stored {added} of {len(paths)} files; {duplicates} already stored, "
                  f"{failed} could not be read.")
    if failed:
        raise typer.Exit(1)


def search(
    query: Annotated[str, typer.Argument(help='Words or "phrases"; OR for either; -word to leave out')] = "",
    organisation: Annotated[str | None, typer.Option(help="Part of the organisation's name")] = None,
    outcome: Annotated[str | None, typer.Option(help="e.g. Upheld, Not upheld")] = None,
    subcategory: Annotated[str | None, typer.Option(help="e.g. Child protection")] = None,
    year: Annotated[int | None, typer.Option(help="Year of the decision")] = None,
    purpose: Annotated[str | None, typer.Option(
        help=f"Decisions with a payment for: {', '.join(PAYMENT_PURPOSES)}")] = None,
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many")] = 20,
) -> None:
    """Search the stored decisions, best match first."""
    from casework.service.decisions import NOT_STATED, decision_summary
    from casework.service.ports import DecisionFilters

    if purpose and purpose not in PAYMENT_PURPOSES:
        raise typer.BadParameter(f"use one of: {', '.join(PAYMENT_PURPOSES)}", param_hint="--purpose")
    container = _container()
    filters = DecisionFilters(organisation, outcome, subcategory, year, purpose)
    with container.uow() as uow:
        rows, total = uow.decisions.search(query, filters, 0, limit)
        items = [decision_summary(r) for r in rows]
    table = Table("Reference", "Organisation", "Decided", "Outcome", "Payments", "Summary",
                  title=f"{total} decision{'' if total == 1 else 's'}", title_justify="left")
    for item in items:
        paid = ", ".join(f"£{p['amount']:,.2f}{' each child' if p['per_child'] else ''} "
                         f"{p['purpose'].replace('_', ' ')}" for p in item["payments"])
        table.add_row(item["reference"], item["organisation"] or "—", item["decided"] or NOT_STATED,
                      item["outcome"] or NOT_STATED, paid or "—", escape(_clip(item["summary"] or "")))
    console.print(table)


def _clip(text: str, length: int = 160) -> str:
    return text if len(text) <= length else text[:length].rsplit(" ", 1)[0] + " …"


def register(app: typer.Typer) -> None:
    decisions = typer.Typer(help="Ombudsman decision statements: ingest and search.",
                            no_args_is_help=True)
    decisions.command("ingest")(ingest)
    decisions.command("search")(search)
    app.add_typer(decisions, name="decisions")
