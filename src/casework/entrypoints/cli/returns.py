"""What the census and SSDA903 commands print alike: findings counted by rule and kind, the
findings CSV, the episodes or children the store refused on import, and the problems found.

Problem text, places and fields are escaped, so a field such as `[sex]` is shown, not taken
for Rich markup and dropped."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from casework.domain.errors import Problem
from casework.service.bulk import Loaded
from casework.service.finding_rows import FINDING_FIELDS

KINDS = ("late", "missed", "overdue", "not_evidenced")


def findings_table(title: str, rule_ids: Iterable[str], counts: Counter[tuple[str, str]]) -> Table:
    """One row per rule id, one column per kind of finding, each cell a count."""
    table = Table(title=title)
    table.add_column("rule")
    for kind in KINDS:
        table.add_column(kind, justify="right")
    for rule_id in rule_ids:
        table.add_row(rule_id, *(str(counts[(rule_id, k)]) for k in KINDS))
    return table


def write_findings(console: Console, path: Path, rows: list[dict[str, object]]) -> None:
    """Every finding row to a CSV file at `path`, and say so."""
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=FINDING_FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    console.print(f"Wrote {len(rows)} findings to {path}")


def report_refused(console: Console, loaded: Loaded) -> str:
    """List each case the store refused, with its reasons; return the import line's tail
    ("; 3 already stored, skipped; 1 refused by the store", or "")."""
    for case_id, problems in loaded.refused:
        for problem in problems:
            console.print(f"[red]✗[/red] {escape(case_id)}: {escape(problem.problem)}", highlight=False)
    refused = len(loaded.refused)
    skipped = f"; {len(loaded.skipped)} already stored, skipped" if loaded.skipped else ""
    return f"{skipped}{f'; {refused} refused by the store' if refused else ''}"


def list_problems(console: Console, problems: list[Problem], held: int, held_as: str,
                  field_as: str = " [{}]") -> None:
    """Each problem with its place, field and what to do, under a count of them and of the
    children they held back (`held_as`: "skipped", "held back")."""
    if not problems:
        return
    console.print(f"[bold yellow]{len(problems)} problem(s); {held} child(ren) {held_as}:[/]")
    for p in problems:
        place = p.where if p.line is None else f"{p.where}, line {p.line}"
        field = field_as.format(p.field) if p.field else ""
        console.print(f"[yellow]{escape(place)}[/]{escape(field)}: {escape(p.problem)}\n    → {escape(p.fix)}",
                      highlight=False)
