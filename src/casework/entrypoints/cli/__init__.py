"""The `casework` command line: one Typer app; each area adds its commands in its own module.

To add an area, write `entrypoints/cli/<area>.py` with a function `register(app)` and
name the module in `AREAS`.
"""

from __future__ import annotations

import importlib

import typer

AREAS = (
    "casework.entrypoints.cli.audit",
    "casework.entrypoints.cli.store",
    "casework.entrypoints.cli.clocks",
    "casework.entrypoints.cli.census",
    "casework.entrypoints.cli.ssda903",
    "casework.entrypoints.cli.decisions",
    "casework.entrypoints.cli.reports",
    "casework.entrypoints.cli.remind",
    "casework.entrypoints.cli.generated",
    "casework.entrypoints.cli.audit_log",
    "casework.entrypoints.cli.backup",
)

app = typer.Typer(
    name="casework",
    help="Statutory timescales, chronology audit, complaints and remedies for children's social care.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for _module in AREAS:
    importlib.import_module(_module).register(app)


def main() -> None:
    app()
