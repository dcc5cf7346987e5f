"""`casework audit-log verify` and `anchor`: prove the audit log has not been changed.

`anchor` appends the chain's head (its length, newest hash and the time) as one JSON line to
CASEWORK_AUDIT_ANCHOR_FILE (or `--file`), and prints it; keep that file where the database's
owner cannot rewrite it. `verify` recomputes every link, checks the head and every anchor,
and exits 1 naming the first entry where the chain breaks.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from casework.service.trail import Anchor, chain_head, verify_chain

console = Console()
err = Console(stderr=True)

AnchorFile = Annotated[Path | None, typer.Option(
    "--file", help="The anchor file (default: CASEWORK_AUDIT_ANCHOR_FILE)")]


def _anchor_file(given: Path | None) -> Path | None:
    from casework.config import load_settings

    return given or load_settings().audit_anchor_file


def read_anchors(path: Path) -> list[Anchor]:
    anchors = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            fields = json.loads(line)
            anchors.append(Anchor(int(fields["length"]), str(fields["head_hash"]), str(fields.get("at", ""))))
        except (ValueError, KeyError, TypeError) as exc:
            err.print(f"[red]✗[/red] {escape(str(path))}:{number}: not an anchor line ({exc})")
            raise typer.Exit(2) from exc
    return anchors


def anchor(file: AnchorFile = None) -> None:
    """Append the chain's head (length, hash, time) to the anchor file and print it."""
    from casework.bootstrap import build

    head = chain_head(build().uow())
    line = json.dumps({"length": head.length, "head_hash": head.head_hash, "at": head.at})
    path = _anchor_file(file)
    if path is not None:
        with path.open("a", encoding="utf-8") as out:
            out.write(line + "\n")
    typer.echo(line)


def verify(file: AnchorFile = None) -> None:
    """Recompute the audit log's hash chain; exit 1 at the first broken link."""
    from casework.bootstrap import build

    path = _anchor_file(file)
    anchors = read_anchors(path) if path is not None and path.exists() else []
    if path is not None and not path.exists():
        err.print(f"[yellow]![/yellow] no anchor file at {escape(str(path))}; checking the chain alone")
    report = verify_chain(build().uow(), anchors)
    if report.broken is not None:
        err.print(f"[red]✗[/red] the audit log's chain is broken at {escape(str(report.broken))}")
        raise typer.Exit(1)
    console.print(f"The audit log's {report.length} entries chain unbroken to {report.head_hash[:16]}…"
                  f"; {report.anchors_checked} of {len(anchors)} anchors checked.")


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="The audit log's hash chain.", no_args_is_help=True)
    group.command("verify")(verify)
    group.command("anchor")(anchor)
    app.add_typer(group, name="audit-log")
