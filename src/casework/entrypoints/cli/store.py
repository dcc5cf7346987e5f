"""Commands for running casework as a service: serve, db upgrade, import, export, users add."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from casework.domain.chronology import Case
from casework.domain.errors import CaseworkError
from casework.service.access import ROLES

if TYPE_CHECKING:
    from casework.bootstrap import Container

console = Console()
err = Console(stderr=True)


def _container(migrate: bool = True) -> Container:
    from casework.bootstrap import build

    return build(migrate=migrate)


def _fail(exc: CaseworkError) -> None:
    for problem in exc.problems:
        err.print(f"[red]✗[/red] {escape(str(problem))}")
    raise typer.Exit(1)


def serve(demo: Annotated[bool, typer.Option(
        help="Load examples/*.yaml as demo data, with demo users whose password is published; "
             "refused if the database holds any real council's case")] = False,
          ) -> None:
    """Start the web app and API (SQLite under ./var unless CASEWORK_DATABASE_URL is set)."""
    import uvicorn

    from casework.entrypoints.api import create_app
    from casework.service.demo import DEMO_PASSWORD, DEMO_ROLES, demo_username, load_demo_data

    container = _container()
    settings = container.settings
    if (demo or settings.load_demo_data) and settings.examples_dir.is_dir():
        try:
            loaded = load_demo_data(container.uow, container.passwords, container.files, settings.examples_dir)
        except CaseworkError as exc:
            _fail(exc)
            return
        if loaded:
            councils = sorted({council for council, _ in loaded})
            console.print(f"Loaded {len(loaded)} demo cases. Demo users (password "
                          f"[bold]{DEMO_PASSWORD}[/bold], demo data only):")
            for council in councils:
                console.print("  " + ", ".join(demo_username(council, r) for r in DEMO_ROLES))
    app = create_app(container=container)
    uvicorn.run(app, host=settings.host, port=settings.port)


def upgrade() -> None:
    """Create the database or bring it to the newest schema."""
    from casework.service.clocks import rebuild_clocks

    container = _container(migrate=True)
    console.print(f"Database at revision {container.schema_revision()} "
                  f"({container.engine.url.render_as_string(hide_password=True)})")
    filled = rebuild_clocks(container.uow, missing_only=True)
    if filled.cases:
        console.print(f"Worked out the clocks of {filled.cases} cases that had none.")


def import_files(
    files: Annotated[list[Path], typer.Argument(exists=True, help="Chronology files or folders")],
    team: Annotated[str, typer.Option(help="Team the cases are assigned to")] = "",
    worker: Annotated[str, typer.Option(help="Worker the cases are assigned to")] = "",
    batch: Annotated[int, typer.Option(min=1, help="Cases stored per transaction")] = 500,
) -> None:
    """Import chronology files as cases, each into the council it names.

    Cases go in a batch per transaction; a case already stored is skipped, so a re-run
    after an interruption carries on. A file that cannot be read is reported on its own.
    """
    from casework.service.bulk import load_cases

    paths = [p for f in files for p in (sorted(f.glob("*.yaml")) if f.is_dir() else [f])]
    container = _container()
    failed = 0

    def readable() -> Iterator[Case]:
        nonlocal failed
        for path in paths:
            try:
                yield container.files.chronologies.read_file(path)
            except CaseworkError as exc:
                failed += 1
                for problem in exc.problems:
                    progress.console.print(f"[red]✗[/red] {escape(str(problem))}")
                progress.advance(task)

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=console) as progress:
        task = progress.add_task("Importing", total=len(paths))
        loaded = load_cases(container.uow, readable(), team=team, worker=worker, batch=batch,
                            progress=lambda n: progress.advance(task, n))
    for case_id, problems in loaded.refused:
        for problem in problems:
            console.print(f"[red]✗[/red] {case_id}: {escape(str(problem))}")
    for case_id in loaded.skipped:
        console.print(f"{case_id}: already exists; skipped")
    failed += len(loaded.refused)
    console.print(f"Imported {loaded.stored} of {len(paths)} files"
                  f"{f'; {len(loaded.skipped)} already stored' if loaded.skipped else ''}.")
    if failed:
        raise typer.Exit(1)


def export(
    case: Annotated[str, typer.Argument(help="The case id")],
    council: Annotated[str, typer.Option(help="The council, when two hold a case with this id")] = "",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here, not stdout")] = None,
) -> None:
    """Write a case out as a chronology file."""
    from casework.service.cases import export_for_system

    container = _container()
    try:
        text = export_for_system(container.uow(), container.files.chronologies, case, council)
    except CaseworkError as exc:
        _fail(exc)
        return
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        console.print(f"Wrote {output}")


def add_user(
    username: Annotated[str, typer.Argument()],
    council: Annotated[str, typer.Option(help="The council the user works for")],
    role: Annotated[str, typer.Option(help=f"One of: {', '.join(ROLES)}")],
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True)],
    name: Annotated[str, typer.Option(help="Full name")] = "",
    team: Annotated[str, typer.Option(help="Team")] = "",
    grant: Annotated[list[str] | None, typer.Option(
        help="Another council an Ombudsman investigator may read")] = None,
) -> None:
    """Add a user (the council is created if new)."""
    from casework.service.auth import add_user as add

    container = _container()
    try:
        actor = add(container.uow(), container.passwords, council, username, password, role,
                    name, team, tuple(grant or ()))
    except CaseworkError as exc:
        _fail(exc)
        return
    console.print(f"Added {actor.username} ({actor.role}) to {actor.council}.")


def disable_user(username: Annotated[str, typer.Argument()]) -> None:
    """Disable a user: they cannot sign in, and every session and API token they hold ends now."""
    _set_active(username, False)


def enable_user(username: Annotated[str, typer.Argument()]) -> None:
    """Let a disabled user sign in again."""
    _set_active(username, True)


def _set_active(username: str, active: bool) -> None:
    from casework.service.auth import set_user_active
    from casework.service.errors import NotFound

    container = _container()
    try:
        ended = set_user_active(container.uow(), username, active)
    except NotFound:
        err.print(f"[red]✗[/red] there is no user '{escape(username)}'")
        raise typer.Exit(1) from None
    console.print(f"Enabled {username}." if active else
                  f"Disabled {username}; ended {ended} of their sessions and API tokens.")


def name_council(
    council: Annotated[str, typer.Argument(help="The council's id, e.g. sefton")],
    display_name: Annotated[str, typer.Argument(help="Its name as it writes it, e.g. 'Sefton Council'")],
) -> None:
    """Set the council's name as it writes it: the heading and signature of its letters."""
    from casework.service.errors import NotFound
    from casework.service.letters import name_council as name

    container = _container()
    try:
        name(container.uow(), council, display_name)
    except NotFound:
        console.print(f"No council '{council}'.")
        raise typer.Exit(1) from None
    console.print(f"{council}'s letters now say '{display_name.strip()}'.")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    db = typer.Typer(help="The database.", no_args_is_help=True)
    db.command("upgrade")(upgrade)
    app.add_typer(db, name="db")
    app.command("import")(import_files)
    app.command("export")(export)
    users = typer.Typer(help="Users and their roles.", no_args_is_help=True)
    users.command("add")(add_user)
    users.command("disable")(disable_user)
    users.command("enable")(enable_user)
    from casework.entrypoints.cli.remind import reminders_setting
    users.command("reminders")(reminders_setting)
    app.add_typer(users, name="users")
    councils = typer.Typer(help="Councils.", no_args_is_help=True)
    councils.command("name")(name_council)
    app.add_typer(councils, name="councils")
