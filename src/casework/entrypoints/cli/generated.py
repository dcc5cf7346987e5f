"""`casework refresh-generated`: rewrite the files generated from the code (docs/rules.md and
examples/<seed>.audit.json), or with --check say which are out of date."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

console = Console()


def refresh_generated(
    root: Annotated[Path, typer.Option(help="The repository's top folder")] = Path("."),
    check: Annotated[bool, typer.Option("--check", help="Change nothing; fail if a file is out of date")] = False,
) -> None:
    """Rewrite the rules reference and the seeds' golden audits from the code."""
    from casework.bootstrap import file_formats
    from casework.service.generated import generated_files

    stale = []
    for path, text in generated_files(file_formats().chronologies, root).items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(path)
        if not check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    verb = "out of date" if check else "rewritten"
    for path in stale:
        console.print(f"{verb}: {path}")
    console.print(f"{len(stale)} file(s) {verb}." if stale else "Every generated file is current.")
    if check and stale:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("refresh-generated")(refresh_generated)
