"""`casework remind` and `casework users reminders`, over a real in-process SMTP server."""

from __future__ import annotations

from typing import Any

from annual_year import ev
from smtp_inbox import smtp_server
from typer.testing import CliRunner

from casework.adapters.chronology_file import dump_case
from casework.domain.chronology import Case
from casework.entrypoints.cli import app


def test_remind_dry_run_then_send_then_nothing_twice(tmp_path: Any) -> None:
    env = {"CASEWORK_DATABASE_URL": f"sqlite:///{tmp_path / 'cw.sqlite'}"}
    runner = CliRunner()
    chronology = Case("north-1", "wirral", "A case", events=(
        ev("c", "complaint_received", "2026-05-05", complaint="C1", procedure="statutory"),))
    (tmp_path / "north-1.yaml").write_text(dump_case(chronology), encoding="utf-8")
    assert runner.invoke(app, ["import", str(tmp_path / "north-1.yaml"), "--worker", "ann"], env=env).exit_code == 0
    assert runner.invoke(app, ["users", "add", "ann", "--council", "wirral", "--role", "caseworker",
                               "--password", "long enough pw"], env=env).exit_code == 0
    made = runner.invoke(app, ["users", "reminders", "ann", "--on", "--email", "ann@wirral.example"], env=env)
    assert made.exit_code == 0 and "Reminders for ann: on (to ann@wirral.example)" in made.output

    dry = runner.invoke(app, ["remind", "--as-of", "2026-05-11", "--dry-run"], env=env)
    assert dry.exit_code == 0 and "ann <ann@wirral.example>: 1 item(s), would be sent (dry run)" in dry.output
    unset = runner.invoke(app, ["remind", "--as-of", "2026-05-11"], env=env)
    assert unset.exit_code == 1 and "CASEWORK_SMTP_HOST" in unset.output

    with smtp_server() as (inbox, port):
        smtp = {**env, "CASEWORK_SMTP_HOST": "127.0.0.1", "CASEWORK_SMTP_PORT": str(port),
                "CASEWORK_SMTP_TLS": "none", "CASEWORK_MAIL_FROM": "casework@wirral.example"}
        sent = runner.invoke(app, ["remind", "--as-of", "2026-05-11"], env=smtp)
        assert sent.exit_code == 0 and "1 item(s), sent" in sent.output
        again = runner.invoke(app, ["remind", "--as-of", "2026-05-11"], env=smtp)
        assert again.exit_code == 0 and "already sent today" in again.output
    assert [m["To"] for m in inbox.messages] == ["ann@wirral.example"]
    off = runner.invoke(app, ["users", "reminders", "ann", "--off"], env=env)
    assert off.exit_code == 0 and "Reminders for ann: off" in off.output
