"""`casework census audit|import|export` and `casework synth`: the DfE children in need census.

`census audit FILE` reads the census as it streams and audits every episode against the
rules a census can evidence (assessment, initial conference and review conference
timescales); nothing is stored. A problem holds back what it touches (an episode, or a
child that cannot be told apart) and is reported; everything else is audited, and a
summary line says how much: children read and skipped, episodes audited of those read.
`--strict` refuses the whole file instead.

Exit codes (`census audit`, `census import`, `census batch`): 0 everything read and audited;
3 audited in part — problems were found, each listed with what it held back; 2 nothing
audited (refused with `--strict`, no child read, or a file that is not a census).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from casework.bootstrap import census_returns, file_formats
from casework.domain.census.local_authorities import la_name
from casework.domain.chronology import Case
from casework.domain.errors import CaseworkError, Problem
from casework.entrypoints.cli.audit import EXIT_BAD_INPUT, parse_as_of, report_problems
from casework.entrypoints.cli.batch import batch_census, exit_code, read_summary
from casework.entrypoints.cli.returns import findings_table, list_problems, report_refused, write_findings
from casework.service.census import audit_census_reading
from casework.service.ports import CensusReading

console = Console(width=160)
KINDS = ("late", "missed", "overdue", "not_evidenced")


def _finish(reader: CensusReading, name: str) -> None:
    """List the problems, print the summary line and exit with the code it calls for."""
    list_problems(console, reader.problems, len(reader.skipped), "skipped")
    console.print(read_summary(name, reader.children_read, len(reader.skipped), reader.episodes_audited,
                               reader.episodes_read, len(reader.problems)), highlight=False)
    code = exit_code(reader.episodes_audited, len(reader.problems))
    if code:
        raise typer.Exit(code)


def audit_census(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="A CIN census XML file.")],
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Audit as of this date (YYYY-MM-DD); default the census reference date.")] = None,
    strict: Annotated[bool, typer.Option(help="Refuse the whole file if any child is bad.")] = False,
    findings: Annotated[Path | None, typer.Option(help="Also write every finding to this CSV file.")] = None,
) -> None:
    """Audit a children in need census file without storing it."""
    day = parse_as_of(as_of) if as_of else None
    reader = census_returns().read(file, strict=strict)
    try:
        audited = audit_census_reading(reader, day)
    except CaseworkError as exc:
        report_problems(exc, console)
        raise typer.Exit(EXIT_BAD_INPUT) from exc
    title = f"{file.name}: {reader.children_read} children, {audited.episodes} episodes audited"
    console.print(findings_table(title, (r.id for r in audited.rules), audited.counts))
    if findings is not None:
        write_findings(console, findings, audited.rows)
    _finish(reader, file.name)


def import_census(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="A CIN census XML file.")],
    strict: Annotated[bool, typer.Option(help="Refuse the whole file if any child is bad.")] = False,
    batch: Annotated[int, typer.Option(min=1, help="Episodes stored per transaction.")] = 500,
) -> None:
    """Load a census file into the store: one case per episode, in the council its header names.

    Episodes go in a batch per transaction, with their clocks and audit-log entries; an
    episode already stored is skipped, so a re-run after an interruption carries on.
    """
    from casework.bootstrap import build
    from casework.service.bulk import load_cases

    reader = census_returns().read(file, strict=strict)
    container = build(migrate=True)
    try:
        with Progress(TextColumn("Importing episodes"), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=console, transient=True) as progress:
            task = progress.add_task("episodes", total=None)
            loaded = load_cases(container.uow, reader.cases(), how="census import", batch=batch,
                                council_name=la_name,
                                progress=lambda n: progress.advance(task, n))
    except CaseworkError as exc:
        report_problems(exc, console)
        raise typer.Exit(EXIT_BAD_INPUT) from exc
    tail = report_refused(console, loaded)
    console.print(f"Imported {loaded.stored} episodes from {reader.children_read} children{tail}.")
    refused = len(loaded.refused)
    if refused:
        reader.episodes_held += refused
        reader.problems.append(Problem(str(file), "", f"{refused} episode(s) refused by the store",
                                       "see the reasons listed above"))
    _finish(reader, file.name)


def export_census(
    year: Annotated[str, typer.Option(help="The census year, e.g. 2025-26.")],
    council: Annotated[str, typer.Option(help="The council (its LEA code) the census is for.")],
    source: Annotated[Path, typer.Option("--from", exists=True, file_okay=False,
                                         help="A folder of chronology files (YAML or JSON).")],
    out: Annotated[Path, typer.Option(help="The census XML file to write.")],
) -> None:
    """Write a census file from chronology files: the council's cases, one episode each."""
    paths = sorted(p for p in source.iterdir() if p.suffix in (".yaml", ".yml", ".json"))
    cases: list[Case] = []
    others = 0
    try:
        for path in paths:
            case = file_formats().chronologies.read_file(path)
            if case.council == council:
                cases.append(case)
            else:
                others += 1
        summary = census_returns().write(out, cases, council, year)
    except CaseworkError as exc:
        report_problems(exc, console)
        raise typer.Exit(EXIT_BAD_INPUT) from exc
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--year") from exc
    console.print(f"Wrote {out}: {summary.children} children, {summary.episodes} episodes for "
                  f"{council}, {year}.")
    if summary.omitted_events:
        console.print(f"{summary.omitted_events} events have no census field (CIN reviews, visits, "
                      "complaints…) and are not in the file.")
    if others:
        console.print(f"{others} chronologies belong to other councils and were left out.")


def synth_command(
    councils: Annotated[int, typer.Option(min=1, help="How many councils (one file each).")] = 152,
    children: Annotated[int, typer.Option(min=1, help="Children across all councils.")] = 700_000,
    seed: Annotated[int, typer.Option(help="The same seed gives the same files.")] = 0,
    out: Annotated[Path, typer.Option(help="Folder for the census files and truth.csv.")] = Path("synth"),
    year: Annotated[str, typer.Option(help="The census year.")] = "2025-26",
    fault_scale: Annotated[float, typer.Option(
        min=0.0, help="Multiply every planted fault rate (0 plants none).")] = 1.0,
    looked_after: Annotated[int | None, typer.Option(
        min=0, help="Children looked after across all councils (an SSDA903 return each; 0: none). "
                    "Default: in England's proportion to the children in need (80,000 to 700,000).")] = None,
) -> None:
    """Generate synthetic census files with planted faults and a truth file listing every fault;
    and, for each council, a looked-after year (SSDA903 return and visits) with its own truth file."""
    summary = census_returns().synth(councils, children, seed, out, year, fault_scale)
    console.print(f"Wrote {summary.files} census files to {out}: {summary.children} children, "
                  f"{summary.episodes} episodes, {summary.events} events; {summary.faults} faults "
                  f"({summary.planted} planted) listed in {summary.truth}.")
    lac_children = round(children * 80_000 / 700_000) if looked_after is None else looked_after
    if lac_children:
        from casework.bootstrap import looked_after_returns

        lac = looked_after_returns().synth(list(summary.councils), max(lac_children, len(summary.councils)),
                                           seed, out, year, fault_scale)
        console.print(f"Wrote {lac.councils} SSDA903 returns (ssda903_<LA>/): {lac.children} children looked "
                      f"after; {lac.faults} faults ({lac.planted} planted) listed in {lac.truth}.")


def register(app: typer.Typer) -> None:
    census = typer.Typer(help="The DfE children in need census: audit, import, export, batch.",
                         no_args_is_help=True)
    census.command("audit")(audit_census)
    census.command("import")(import_census)
    census.command("export")(export_census)
    census.command("batch")(batch_census)
    app.add_typer(census, name="census")
    app.command("synth")(synth_command)
