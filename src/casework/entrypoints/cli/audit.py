"""`casework audit`, `casework rules` and `casework events`.

Exit codes for `audit`: 0 when no certain breach, 1 when there are certain breaches,
2 on bad input (with every problem listed: file, line, field and what to do).
"""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from casework.domain.audit import AuditReport, audit_case
from casework.domain.errors import CaseworkError
from casework.domain.events import EVENT_TYPES
from casework.domain.rules import load_rules

EXIT_BREACHES = 1
EXIT_BAD_INPUT = 2


class Format(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


def report_problems(error: CaseworkError, console: Console) -> None:
    console.print(f"[bold red]{len(error.problems)} problem(s); nothing was changed.[/]")
    for problem in error.problems:
        place = problem.where if problem.line is None else f"{problem.where}:{problem.line}"
        field = f" [{problem.field}]" if problem.field else ""
        console.print(f"[red]{escape(place)}[/]{escape(field)}: {escape(problem.problem)}\n"
                      f"    → {escape(problem.fix)}", highlight=False, soft_wrap=True)


def parse_as_of(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"'{value}' is not a date; write it as YYYY-MM-DD") from exc


def audit_command(
    file: Annotated[Path, typer.Argument(help="A chronology file (YAML or JSON).")],
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Audit as of this date (YYYY-MM-DD); default today.")
    ] = None,
    output: Annotated[Format, typer.Option("--format", help="table, json or markdown.")] = Format.table,
) -> None:
    """Audit a chronology: what is overdue, what was missed, by how many working days, and why."""
    console = Console(stderr=False, width=160)
    when = parse_as_of(as_of)
    try:
        from casework.bootstrap import file_formats

        case = file_formats().chronologies.read_file(file)
    except CaseworkError as exc:
        report_problems(exc, Console(stderr=True))
        raise typer.Exit(EXIT_BAD_INPUT) from exc
    report = audit_case(case, when)
    if output is Format.json:
        typer.echo(json.dumps(report.as_dict(), indent=2))
    elif output is Format.markdown:
        typer.echo(render_markdown(report))
    else:
        render_table(report, console)
    raise typer.Exit(EXIT_BREACHES if report.certain else 0)


def render_table(report: AuditReport, console: Console) -> None:
    table = Table(title=f"Audit of {report.case_id} ({report.council}) as of {report.as_of:%-d %b %Y}",
                  show_lines=True)
    for column in ("Rule", "Result", "Children / complaint", "Due", "Late by", "What the record shows"):
        table.add_column(column, overflow="fold")
    for f in report.findings:
        style = "red" if f.is_certain else "yellow"
        who = ", ".join(f.children) + (f" complaint {f.complaint}" if f.complaint else "")
        table.add_row(f"{f.rule_id}\n[dim]{escape(f.citation)}[/]", f"[{style}]{f.certainty} · {f.kind}[/]",
                      escape(who), f.due_text(), f.late_text(), escape(f.summary))
    console.print(table)
    if report.due:
        due = Table(title="Due next")
        for column in ("Rule", "Due", "Children / complaint", "Must"):
            due.add_column(column, overflow="fold")
        for d in report.due:
            due.add_row(d.rule_id, d.due_text(), ", ".join(d.children) + (d.complaint or ""), d.must)
        console.print(due)
    console.print(f"{len(report.certain)} certain, {len(report.findings) - len(report.certain)} possible, "
                  f"{len(report.due)} due.")


def render_markdown(report: AuditReport) -> str:
    lines = [f"# Audit of {report.case_id} ({report.council}) as of {report.as_of:%-d %B %Y}", ""]
    lines += ["| Rule | Result | Children | Due | Late by | Finding |", "|---|---|---|---|---|---|"]
    for f in report.findings:
        who = ", ".join(f.children) + (f" (complaint {f.complaint})" if f.complaint else "")
        lines.append(f"| {f.rule_id} | {f.certainty} {f.kind} | {who} | {f.due_text()} | "
                     f"{f.late_text()} | {f.summary.replace('|', '/')} |")
    lines += ["", "## Sources", ""]
    for rule_id, citation in dict((f.rule_id, f.citation) for f in report.findings).items():
        lines.append(f"- **{rule_id}**: {citation}")
    if report.due:
        lines += ["", "## Due next", ""]
        lines += [f"- {d.rule_id}: due {d.due_latest:%-d %b %Y} — {d.must}" for d in report.due]
    return "\n".join(lines)


def rules_command() -> None:
    """List every rule with its limit and source."""
    table = Table(title="casework rules", show_lines=True)
    for column in ("Rule", "Area", "Must", "Limit", "Basis", "Source"):
        table.add_column(column, overflow="fold")
    for rule in load_rules():
        table.add_row(rule.id, rule.area, escape(rule.must), escape(rule.describe_limit()), rule.source.basis,
                      escape(rule.source.citation()))
    Console(width=180).print(table)


def events_command() -> None:
    """List the event types a chronology may use, with their census or SSDA903 fields and details."""
    table = Table(title="Event types", show_lines=True)
    for column in ("Type", "Category", "Meaning", "Census / SSDA903 field", "Details"):
        table.add_column(column, overflow="fold")
    for etype in EVENT_TYPES:
        details = ", ".join(f"{k}{'*' if d.required else ''}" for k, d in etype.details.items())
        field = etype.census_field or (f"SSDA903 {etype.ssda903}" if etype.ssda903 else "")
        table.add_row(etype.name, etype.category, etype.meaning, escape(field), details)
    Console(width=180).print(table)


def register(app: typer.Typer) -> None:
    app.command("audit")(audit_command)
    app.command("rules")(rules_command)
    app.command("events")(events_command)
