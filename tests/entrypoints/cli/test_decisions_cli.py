from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from casework.entrypoints.cli import app

DECISIONS = Path(__file__).resolve().parents[2] / "fixtures" / "decisions"


def _folder_with_a_bad_file(tmp_path: Path) -> Path:
    folder = tmp_path / "decisions"
    folder.mkdir()
    for seed in sorted(DECISIONS.glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    (folder / "meeting-notes.txt").write_text("Notes from Tuesday's team meeting.\n", encoding="utf-8")
    (folder / "zz-saved-page.html").write_text(
        "<html><body><nav>Menu</nav><h1>Sefton Metropolitan Borough Council (21 004 199)</h1>"
        "<p>Decision : Upheld</p></body></html>", encoding="utf-8")
    (folder / "README.md").write_text("not a decision file type; ignored\n", encoding="utf-8")
    return folder


def test_ingest_stores_each_decision_reports_a_file_it_cannot_parse_and_carries_on(tmp_path):
    env = {"CASEWORK_DATABASE_URL": f"sqlite:///{tmp_path / 'cw.sqlite'}"}
    folder = _folder_with_a_bad_file(tmp_path)
    runner = CliRunner()
    first = runner.invoke(app, ["decisions", "ingest", str(folder)], env=env)
    assert first.exit_code == 1
    assert "meeting-notes.txt [reference]: no decision reference" in first.output
    # the saved page is read (its reference is found) but duplicates the Sefton seed
    assert "zz-saved-page.html: 21 004 199 is already stored; skipped" in first.output
    assert "Stored 5 of 7 files; 1 already stored, 1 could not be read." in first.output

    again = runner.invoke(app, ["decisions", "ingest", str(folder)], env=env)
    assert "Stored 0 of 7 files; 6 already stored, 1 could not be read." in again.output

    found = runner.invoke(app, ["decisions", "search", '"direct payments"', "--purpose",
                                "financial_loss"], env=env)
    assert found.exit_code == 0, found.output
    assert "1 decision" in found.output and "24 010 960" in found.output
    assert "£1,102.58" in found.output
    by_filter = runner.invoke(app, ["decisions", "search", "--organisation", "sefton",
                                    "--outcome", "not upheld"], env=env)
    assert "1 decision" in by_filter.output and "24 009 485" in by_filter.output
    wrong = runner.invoke(app, ["decisions", "search", "x", "--purpose", "cake"], env=env)
    assert wrong.exit_code == 2 and "financial_loss" in wrong.output
