"""`casework ssda903 audit|import|export`: the DfE children looked after return (SSDA903).

`ssda903 audit FOLDER --council 201 --year 2025-26` reads the return's CSV files (and the
council's visits.csv, when there) into one chronology per child and audits each against
the looked-after timescales the return can evidence (reviews; visits when the council's
visits are given); nothing is stored. A problem holds back what it touches (a child whose
episodes, reviews or visits cannot all be read) and is reported with the child, file, row
and column; everything else is audited. `--strict` refuses the whole return instead.

Exit codes (as `census`): 0 everything read and audited; 3 audited in part — problems were
found, each listed; 2 nothing audited (refused with `--strict`, or no child read).
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from casework.bootstrap import file_formats, looked_after_returns
from casework.domain.census.local_authorities import la_name
from casework.domain.errors import CaseworkError, Problem
from casework.domain.ssda903 import Year
from casework.entrypoints.cli.audit import EXIT_BAD_INPUT, parse_as_of, report_problems
from casework.entrypoints.cli.batch import exit_code
from casework.entrypoints.cli.returns import findings_table, list_problems, report_refused, write_findings
from casework.service.finding_rows import finding_row
from casework.service.ports import ReturnReading
from casework.service.ssda903 import audit_return, batch_returns, export_return

console = Console(width=160)

CouncilOption = Annotated[str, typer.Option(help="The council's LA code (the return does not name it).")]
YearOption = Annotated[str, typer.Option(help="The collection year, e.g. 2025-26.")]
FolderArgument = Annotated[Path, typer.Argument(exists=True, help="The folder holding the return's CSV files.")]


def _year(name: str) -> Year:
    try:
        return Year.parse(name)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--year") from exc


def _finish(reading: ReturnReading, name: str, extra: list[Problem] | None = None) -> None:
    problems = reading.problems + (extra or [])
    list_problems(console, problems, len(reading.skipped), "held back", field_as=" ({})")
    console.print(f"{name}: {reading.children_read} children read, {len(reading.skipped)} held back; "
                  f"{reading.audited} audited; {len(problems)} problem(s)", highlight=False)
    code = exit_code(reading.audited, len(problems))
    if code:
        raise typer.Exit(code)


def audit_ssda903(
    folder: FolderArgument,
    council: CouncilOption,
    year: YearOption,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Audit as of this date (YYYY-MM-DD); default 31 March, the year's end.")] = None,
    strict: Annotated[bool, typer.Option(help="Refuse the whole return if any child is bad.")] = False,
    findings: Annotated[Path | None, typer.Option(help="Also write every finding to this CSV file.")] = None,
) -> None:
    """Audit a children looked after return without storing it."""
    try:
        result = audit_return(looked_after_returns(), folder, council=council, year=_year(year),
                              as_of=parse_as_of(as_of) if as_of else None, strict=strict)
    except CaseworkError as exc:
        report_problems(exc, console)
        raise typer.Exit(EXIT_BAD_INPUT) from exc
    counts: Counter[tuple[str, str]] = Counter((f.rule_id, str(f.kind)) for _, f in result.findings)
    title = f"{folder.name}: {result.reading.audited} children audited"
    console.print(findings_table(title, (r.id for r in result.rules), counts))
    if not result.visits:
        console.print("No visits.csv: visits are not in the return, so the visit rules were not audited.")
    if findings is not None:
        write_findings(console, findings, [finding_row(case.id, f) for case, f in result.findings])
    _finish(result.reading, folder.name)


def import_ssda903(
    folder: FolderArgument,
    council: CouncilOption,
    year: YearOption,
    strict: Annotated[bool, typer.Option(help="Refuse the whole return if any child is bad.")] = False,
    batch: Annotated[int, typer.Option(min=1, help="Children stored per transaction.")] = 500,
) -> None:
    """Load a return into the store: one case per child, in the council given.

    A child already stored is skipped, so a re-run after an interruption carries on."""
    from casework.bootstrap import build
    from casework.service.bulk import load_cases

    reading = looked_after_returns().read(folder, council, _year(year), strict)
    container = build(migrate=True)
    try:
        loaded = load_cases(container.uow, reading.cases(), how="SSDA903 import", batch=batch,
                            council_name=la_name)
    except CaseworkError as exc:
        report_problems(exc, console)
        raise typer.Exit(EXIT_BAD_INPUT) from exc
    console.print(f"Imported {loaded.stored} children{report_refused(console, loaded)}.")
    refused = len(loaded.refused)
    extra = []
    if refused:
        reading.audited -= refused
        extra.append(Problem(str(folder), "", f"{refused} child(ren) refused by the store",
                             "see the reasons listed above"))
    _finish(reading, folder.name, extra)


def export_ssda903(
    council: CouncilOption,
    source: Annotated[Path, typer.Option("--from", exists=True, file_okay=False,
                                         help="A folder of chronology files (YAML or JSON).")],
    out: Annotated[Path, typer.Option(help="The folder to write the return's CSV files to.")],
    visits: Annotated[bool, typer.Option(help="Also write the council's visits (visits.csv).")] = False,
) -> None:
    """Write a return from chronology files: the council's cases, one child each."""
    paths = sorted(p for p in source.iterdir() if p.suffix in (".yaml", ".yml", ".json"))
    try:
        chronologies = file_formats().chronologies
        written = export_return(looked_after_returns(), (chronologies.read_file(p) for p in paths), out,
                                council=council, visits=visits)
    except CaseworkError as exc:
        report_problems(exc, console)
        raise typer.Exit(EXIT_BAD_INPUT) from exc
    console.print(f"Wrote {out}: {written.children} children for {council} "
                  f"({', '.join(f'{t} {n}' for t, n in written.rows.items() if n)}).")
    if written.omitted_events:
        console.print(f"{written.omitted_events} events have no column in the return (visits, care plans…) "
                      "and are not in the files.")


def batch_ssda903(
    folders: Annotated[list[Path], typer.Argument(exists=True, help="Return folders (ssda903_<LA>), or folders "
                                                   "holding them.")],
    year: YearOption,
    out: Annotated[Path, typer.Option(help="The findings CSV to write.")] = Path("findings_903.csv"),
    council: Annotated[str | None, typer.Option(help="The LA code, when one folder not named "
                                                "ssda903_<LA> is given.")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Default 31 March, the year's end.")] = None,
) -> None:
    """Audit councils' returns column-wise (every child of a council at once), same rules."""
    named: list[tuple[Path, str]] = []
    for item in folders:
        found = sorted(p for p in item.glob("ssda903_*") if p.is_dir()) or [item]
        named += [(p, council or p.name.removeprefix("ssda903_")) for p in found]
    result = batch_returns(looked_after_returns(), named, year=_year(year),
                           as_of=parse_as_of(as_of) if as_of else None)
    with open(out, "w", newline="", encoding="utf-8") as f:
        fields = list(result.rows[0]) if result.rows else ["council", "case_id", "child", "rule_id", "kind"]
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(result.rows)
    counts: Counter[tuple[str, str]] = Counter((str(r["rule_id"]), str(r["kind"])) for r in result.rows)
    title = f"{len(named)} returns audited column-wise: {len(result.rows)} findings in {out}"
    console.print(findings_table(title, sorted({r for r, _ in counts}), counts))
    problems = sum(len(r.problems) for _, r in result.readings)
    audited = sum(r.audited for _, r in result.readings)
    for folder, reading in result.readings:
        if reading.problems:
            console.print(f"{folder.name}: {len(reading.problems)} problem(s); run `casework ssda903 audit` "
                          "on it for the list", highlight=False)
    code = exit_code(audited, problems)
    if code:
        raise typer.Exit(code)


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="The DfE children looked after return (SSDA903): audit, import, export.",
                        no_args_is_help=True)
    group.command("audit")(audit_ssda903)
    group.command("import")(import_ssda903)
    group.command("export")(export_ssda903)
    group.command("batch")(batch_ssda903)
    app.add_typer(group, name="ssda903")
