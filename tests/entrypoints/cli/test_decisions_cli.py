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


def test_every_bad_file_is_reported_and_the_rest_of_the_batch_is_still_ingested(tmp_path):
    env = {"CASEWORK_DATABASE_URL": f"sqlite:///{tmp_path / 'cw.sqlite'}"}
    folder = tmp_path / "batch"
    folder.mkdir()
    # A control character beside a comment and a script: lxml refuses such text when the
    # comment is dropped, which used to abort the whole run at this file.
    (folder / "a-page.html").write_bytes(
        b"<html><body><h1>Wirral Metropolitan Borough Council (19 020 817)</h1><p>Decision : Upheld"
        b"<!-- saved -->\x0b</p><script>var a = 1;</script>\x01<p>Decision date : 03 Jun 2021</p></body></html>")
    (folder / "b-huge.txt").write_bytes(b"x" * 5_000_001)
    (folder / "c-not-utf8.txt").write_bytes(b"Sefton (21 004 199) \xff\xfe")
    shutil.copy(DECISIONS / "corpus" / "west-sussex-24-018-419.txt", folder / "d-no-date.txt")
    shutil.copy(DECISIONS / "sefton-24-009-485.txt", folder / "e-seed.txt")
    result = CliRunner().invoke(app, ["decisions", "ingest", str(folder)], env=env)
    output = " ".join(result.output.split())
    assert result.exit_code == 1
    assert "b-huge.txt: the file is 5.0 MB; a decision statement is at most 5 MB" in output
    assert "c-not-utf8.txt: the file is not UTF-8 text" in output
    assert ("d-no-date.txt (24 018 419): no decision date was found: it is stored, but --year will "
            "not find it") in output
    assert "d-no-date.txt (24 018 419): no outcome was found" in output
    assert "Stored 3 of 5 files; 0 already stored, 2 could not be read." in output

    found = CliRunner().invoke(app, ["decisions", "search", "delay", "--limit", "50"], env=env)
    row = next(line for line in found.output.splitlines() if "24 018 419" in line)
    assert row.count("not stated") == 2
