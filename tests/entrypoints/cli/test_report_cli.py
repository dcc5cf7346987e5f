"""`casework report annual` writes the published report as CSV, HTML or PDF for a council."""

from __future__ import annotations

from dataclasses import replace

from annual_year import NAMES, hand_built_year
from typer.testing import CliRunner

from casework.bootstrap import build
from casework.config import load_settings
from casework.entrypoints.cli import app
from casework.service import cases
from casework.service.access import system_actor


def _store_with_the_hand_built_year(url: str) -> None:
    container = build(replace(load_settings({}), database_url=url, load_demo_data=False))
    with container.uow() as uow:
        council = uow.councils.add("annualshire")
        uow.commit()
        actor = system_actor(council.id, council.slug)
    for chronology in hand_built_year("annualshire"):
        cases.import_case(container.uow(), actor, chronology)
    container.dispose()


def test_the_annual_report_command_writes_csv_html_and_pdf(tmp_path):
    env = {"CASEWORK_DATABASE_URL": f"sqlite:///{tmp_path / 'cw.sqlite'}"}
    _store_with_the_hand_built_year(env["CASEWORK_DATABASE_URL"])
    runner = CliRunner()
    base = ["report", "annual", "--council", "annualshire", "--year", "2025-26"]
    made = runner.invoke(app, [*base, "--format", "csv"], env=env)
    assert made.exit_code == 0, made.output
    assert "Complaints received,received.all,fewer than 5,fewer than 5" in made.output
    assert "Stage 3 responses sent,stage3.responses,0,0" in made.output
    html = runner.invoke(app, [*base, "--format", "html"], env=env)
    assert html.exit_code == 0 and "Annualshire: children’s social care complaints, 2025-26" in html.output
    assert not any(name in html.output for name in NAMES)
    pdf = tmp_path / "report.pdf"
    made = runner.invoke(app, [*base, "--format", "pdf", "-o", str(pdf)], env=env)
    assert made.exit_code == 0 and pdf.read_bytes().startswith(b"%PDF-")


def test_a_bad_year_or_an_unknown_council_is_refused_with_the_fix(tmp_path):
    env = {"CASEWORK_DATABASE_URL": f"sqlite:///{tmp_path / 'cw.sqlite'}"}
    runner = CliRunner()
    bad = runner.invoke(app, ["report", "annual", "--council", "x", "--year", "2025/26"], env=env)
    assert bad.exit_code == 1 and "write it as 2025-26" in bad.output
    unknown = runner.invoke(app, ["report", "annual", "--council", "nowhere", "--year", "2025-26"], env=env)
    assert unknown.exit_code == 1 and "there is no council 'nowhere'" in unknown.output
