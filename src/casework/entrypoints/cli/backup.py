"""`casework backup FILE` and `casework restore FILE`.

`backup` writes a consistent copy of the database while the service runs (SQLite's online
backup API; `pg_dump` for PostgreSQL). `restore` puts a backup into the database that
CASEWORK_DATABASE_URL names, which must be empty, brings it to the newest schema, and then
checks it: the audit log's chain (and its anchors, when CASEWORK_AUDIT_ANCHOR_FILE is set)
and every case read back. It exits 1 if any check fails.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from casework.domain.errors import CaseworkError

console = Console()
err = Console(stderr=True)


def _fail(exc: CaseworkError) -> None:
    for problem in exc.problems:
        err.print(f"[red]✗[/red] {escape(str(problem))}")
    raise typer.Exit(1)


def backup(file: Annotated[Path, typer.Argument(help="The backup file to write (must not exist)")]) -> None:
    """Back the database up to FILE while the service keeps running."""
    from casework.bootstrap import build

    container = build(migrate=False)
    try:
        container.backup(file)
    except CaseworkError as exc:
        _fail(exc)
    console.print(f"Backed up {container.engine.url.render_as_string(hide_password=True)} to {file}.")


def restore(file: Annotated[Path, typer.Argument(help="A file written by `casework backup`")]) -> None:
    """Restore FILE into the empty database CASEWORK_DATABASE_URL names, then check it."""
    from casework.bootstrap import build
    from casework.entrypoints.cli.audit_log import read_anchors
    from casework.service.backups import check_database

    container = build(migrate=False)
    try:
        container.restore(file)
    except CaseworkError as exc:
        _fail(exc)
    container = build()  # a backup of an older version is migrated to this one
    anchor_file = container.settings.audit_anchor_file
    anchors = read_anchors(anchor_file) if anchor_file is not None and anchor_file.exists() else []
    check = check_database(container.uow, anchors)
    if check.chain.broken is not None:
        err.print(f"[red]✗[/red] the audit log's chain is broken at {escape(str(check.chain.broken))}")
    for problem in check.unreadable:
        err.print(f"[red]✗[/red] case {escape(problem)}")
    if not check.ok:
        raise typer.Exit(1)
    console.print(f"Restored {file}: the audit log's {check.chain.length} entries chain unbroken "
                  f"({check.chain.anchors_checked} anchors checked); {check.cases} cases read back.")


def register(app: typer.Typer) -> None:
    app.command("backup")(backup)
    app.command("restore")(restore)
