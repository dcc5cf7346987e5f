"""`casework census batch DIR_OR_FILES`: audit many census files column-wise, all at once.

Each file is one partition (one council's census), read and audited column-wise through
the `CensusBatch` port (bound in `bootstrap`); with `--workers N` the files are shared
among N processes, with `--scheduler` among a Dask cluster's workers. Writes findings
(Parquet and CSV), a summary by council × rule × month (CSV, and a Rich table here) and an
SVG chart of breach rates. A file that cannot be
audited (a header with no LEA, `--strict` and a bad child) is reported and the others are
audited; the exit code is `census audit`'s (0 all audited, 3 in part, 2 nothing).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from casework.bootstrap import census_batch
from casework.domain.batch import Summary, merge
from casework.entrypoints.cli.audit import EXIT_BAD_INPUT, parse_as_of
from casework.service.ports import CensusBatch, CensusPartition

console = Console(width=160)
EXIT_PARTIAL = 3


def read_summary(name: str, children: int, skipped: int, audited: int, episodes: int, problems: int) -> str:
    """The one line that says how much of a census was read and audited."""
    return (f"{name}: {children} children read, {skipped} skipped; {audited} of {episodes} episodes "
            f"audited; {problems} problem(s)")


def exit_code(audited: int, problems: int) -> int:
    """0 all audited; 3 audited in part (problems found); 2 nothing audited."""
    if not audited:
        return EXIT_BAD_INPUT
    return EXIT_PARTIAL if problems else 0


def census_files(inputs: list[Path]) -> list[Path]:
    """The census files named, or found (*.xml) in the folders named."""
    files: list[Path] = []
    for item in inputs:
        files += sorted(item.glob("*.xml")) if item.is_dir() else [item]
    return files


def run(files: list[Path], as_of: date | None, workers: int, strict: bool = False,
        scheduler: str | None = None, batch: CensusBatch | None = None) -> Sequence[CensusPartition]:
    """Audit every file, in processes when `workers` > 1 or on the Dask cluster whose
    scheduler is at `scheduler`, with a progress bar. Results come back in file order."""
    batch = batch or census_batch()
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task("auditing census files", total=len(files))
        return batch.audit(files, as_of, strict, workers, scheduler, lambda: progress.advance(task))


def summary_table(summary: Summary, top: int) -> Table:
    """Breach rates, council × rule rows and month columns (the last 12 months due; the full
    summary is in summary.csv); the `top` councils by breaches."""
    months = sorted(set(summary.month.tolist()))[-12:]
    breaches: dict[str, int] = {}
    for i in range(len(summary)):
        council = str(summary.council[i])
        breaches[council] = breaches.get(council, 0) + int(summary.certain[i] + summary.possible[i])
    shown = sorted(breaches, key=lambda c: (-breaches[c], c))[:top]
    title = ("Breach rate by council × rule × month due (breaches / clocks due)"
             + ("" if len(shown) == len(breaches) else f": the {len(shown)} council(s) with most breaches"))
    table = Table(title=title)
    table.add_column("council")
    table.add_column("rule", no_wrap=True)
    for month in months:
        table.add_column(f"{month:%b %y}", justify="right", no_wrap=True)
    cells: dict[tuple[str, str], dict[object, str]] = {}
    for i, rate in enumerate(summary.rate.tolist()):
        key = (str(summary.council[i]), str(summary.rule[i]))
        if key[0] in shown:
            cells.setdefault(key, {})[summary.month[i].item()] = f"{rate:.0%}" if summary.clocks[i] else "–"
    for key in sorted(cells, key=lambda k: (shown.index(k[0]), k[1])):
        table.add_row(*key, *(cells[key].get(m, "") for m in months))
    return table


def batch_census(
    inputs: Annotated[list[Path], typer.Argument(exists=True, help="Census XML files, or folders of them.")],
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Audit as of this date (YYYY-MM-DD); default each census's reference date.")] = None,
    out: Annotated[Path, typer.Option(help="Folder for findings, summary and chart.")] = Path("batch-audit"),
    workers: Annotated[int, typer.Option(min=1, help="Processes to share the files among.")] = 1,
    top: Annotated[int, typer.Option(min=1, help="Councils shown in the table (all are in summary.csv).")] = 10,
    strict: Annotated[bool, typer.Option(help="Refuse a file if any child in it is bad.")] = False,
    scheduler: Annotated[str | None, typer.Option(
        help="A dask.distributed scheduler's address (tcp://host:8786): audit the files on that "
             "cluster instead of local processes; workers need casework and the files at the same paths.")] = None,
) -> None:
    """Audit census files column-wise: findings, breach rates by council × rule × month, chart."""
    files = census_files(inputs)
    if not files:
        raise typer.BadParameter("no census files (*.xml) found", param_hint="INPUTS")
    day = parse_as_of(as_of) if as_of else None
    batch = census_batch()
    results = run(files, day, workers, strict, scheduler, batch)
    out.mkdir(parents=True, exist_ok=True)
    parquet, text, rows = batch.write_findings([r.findings for r in results], out)
    summary = merge([r.summary for r in results])
    summary_csv = batch.write_summary(summary, out)
    chart = batch.write_chart(summary, out / "breach_rates.svg")
    console.print(summary_table(summary, top))
    events = sum(r.events for r in results)
    console.print(f"{len(files)} files, {sum(r.children for r in results)} children, "
                  f"{sum(r.episodes for r in results)} episodes, {events} events: {rows} findings.")
    console.print(f"Wrote {parquet}, {text}, {summary_csv} and {chart}.")
    problems = [(r.path, p) for r in results for p in r.problems]
    if problems:
        unread = ", ".join(Path(r.path).name for r in results if r.episodes == 0)
        console.print(f"[bold yellow]{len(problems)} problem(s) in {len({p for p, _ in problems})} file(s)"
                      f"{f'; nothing audited in {unread}' if unread else ''}[/] "
                      "(run `casework census audit FILE` on a file to see them all):")
        for path, p in problems[:20]:
            line = "" if p.line is None else f", line {p.line}"
            console.print(f"[yellow]{Path(path).name}{line}[/] {p.where}: {p.problem}", highlight=False)
    audited = sum(r.episodes for r in results)
    console.print(read_summary(f"{len(files)} files", sum(r.children for r in results),
                               sum(len(r.skipped) for r in results), audited,
                               sum(r.episodes_read for r in results), len(problems)), highlight=False)
    code = exit_code(audited, len(problems))
    if code:
        raise typer.Exit(code)
