"""`casework clocks rebuild|stale`: the clocks table, recomputed from the chronologies."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from casework.service.errors import NotFound

console = Console()


def rebuild(council: Annotated[str | None, typer.Option(
        help="Only this council's cases (its id, e.g. 301 or sefton)")] = None) -> None:
    """Recompute every case's clocks from its chronology (after a rule changes)."""
    from casework.bootstrap import build
    from casework.service.clocks import rebuild_clocks

    container = build(migrate=True)
    columns = (TextColumn("Rebuilding clocks"), BarColumn(), MofNCompleteColumn(),
               TimeRemainingColumn())
    try:
        with Progress(*columns, console=console) as progress:
            task = progress.add_task("clocks", total=None)
            done = rebuild_clocks(container.uow, council,
                                  progress=lambda n, total: progress.update(task, completed=n,
                                                                            total=total))
    except NotFound as exc:
        console.print(f"[red]✗[/red] {exc}: name a council the store holds")
        raise typer.Exit(1) from exc
    console.print(f"Rebuilt {done.clocks} clocks of {done.cases} cases"
                  f"{f' in {council}' if council else ''}; {done.stale_before} were stale.")


def stale(council: Annotated[str | None, typer.Option(help="Only this council")] = None) -> None:
    """How many stored clocks were worked out under an older version of their rule."""
    from casework.bootstrap import build
    from casework.service.clocks import stale_clocks

    container = build(migrate=True)
    try:
        n = stale_clocks(container.uow, council)
    except NotFound as exc:
        console.print(f"[red]✗[/red] {exc}: name a council the store holds")
        raise typer.Exit(1) from exc
    console.print(f"{n} stale clocks{'; run casework clocks rebuild' if n else ''}.")
    if n:
        raise typer.Exit(3)


def register(app: typer.Typer) -> None:
    clocks = typer.Typer(help="The clocks table: every case's clocks, kept with the case.",
                         no_args_is_help=True)
    clocks.command("rebuild")(rebuild)
    clocks.command("stale")(stale)
    app.add_typer(clocks, name="clocks")
