"""`casework remind`: email each user what of theirs is overdue or due soon (for a daily
scheduler: cron or a systemd timer, README: Reminders); `casework users reminders`: turn a
user's reminders on or off and set their address."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from casework.domain.errors import CaseworkError

console = Console()
err = Console(stderr=True)

WORDS = {"sent": "sent", "would_send": "would be sent (dry run)", "unchanged": "unchanged since the last email",
         "already_today": "already sent today", "nothing_due": "nothing due", "failed": "FAILED"}


def remind(
    as_of: Annotated[str, typer.Option("--as-of", help="The day to remind as of (YYYY-MM-DD); today by default")] = "",
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show who would get what; send and store nothing")] = False,
) -> None:
    """Email each user (with reminders on) what of theirs is overdue, due this week and next."""
    from casework.bootstrap import build
    from casework.service.reminders import send_reminders

    try:
        day = date.fromisoformat(as_of) if as_of else date.today()
    except ValueError:
        err.print(f"[red]✗[/red] --as-of: '{escape(as_of)}' is not a date; write it as YYYY-MM-DD")
        raise typer.Exit(1) from None
    container = build()
    try:
        mailer = None if dry_run else container.mailer()
    except CaseworkError as exc:
        for problem in exc.problems:
            err.print(f"[red]✗[/red] {escape(str(problem))}")
        raise typer.Exit(1) from None
    report = send_reminders(container.uow, mailer, day, container.settings.base_url, dry_run)
    for o in report.outcomes:
        line = f"{o.username} <{o.email}>: {o.items} item(s), {WORDS[o.status]}"
        (err if o.status == "failed" else console).print(escape(line + (f": {o.error}" if o.error else "")))
    if report.failed:
        err.print(f"[red]✗[/red] {len(report.failed)} reminder(s) not sent; they are tried again on the next run")
        raise typer.Exit(1)


def reminders_setting(
    username: Annotated[str, typer.Argument()],
    on: Annotated[bool, typer.Option("--on/--off", help="Turn reminders on or off")] = True,
    email: Annotated[str | None, typer.Option(help="The address reminders go to")] = None,
) -> None:
    """Turn a user's reminder emails on or off, and set where they go."""
    from casework.bootstrap import build
    from casework.service.errors import NotFound
    from casework.service.reminders import set_reminders

    try:
        now_on, address = set_reminders(build().uow(), username, on, email)
    except NotFound:
        err.print(f"[red]✗[/red] there is no user '{escape(username)}'")
        raise typer.Exit(1) from None
    except CaseworkError as exc:
        for problem in exc.problems:
            err.print(f"[red]✗[/red] {escape(str(problem))}")
        raise typer.Exit(1) from None
    console.print(f"Reminders for {escape(username)}: {'on' if now_on else 'off'}"
                  f"{f' (to {escape(address)})' if address else ' (no email address set)'}.")


def register(app: typer.Typer) -> None:
    app.command("remind")(remind)
