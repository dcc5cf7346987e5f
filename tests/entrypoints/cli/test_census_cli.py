"""`casework synth`, `casework census audit` and `casework census export` from the command line."""

from __future__ import annotations

import csv
from pathlib import Path

from typer.testing import CliRunner

from casework.domain.census import case_id as census_case_id
from casework.entrypoints.cli import app

runner = CliRunner()
BAD = Path(__file__).parents[2] / "adapters" / "census" / "fixtures" / "bad"


def test_synth_then_audit_lists_the_same_findings_as_the_truth_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["synth", "--councils", "1", "--children", "120", "--seed", "4",
                                 "--out", str(tmp_path), "--fault-scale", "3"])
    assert result.exit_code == 0, result.output
    findings = tmp_path / "findings.csv"
    result = runner.invoke(app, ["census", "audit", str(tmp_path / "cin_census_301.xml"),
                                 "--findings", str(findings)])
    assert result.exit_code == 0, result.output
    with open(findings, encoding="utf-8") as f:
        found = {(r["case_id"], r["rule_id"], r["kind"], r["late_by_max"]) for r in csv.DictReader(f)}
    with open(tmp_path / "truth.csv", encoding="utf-8") as f:
        truth = {(r["case_id"], r["rule_id"], r["kind"], r["late_by"]) for r in csv.DictReader(f)}
    assert found == truth and truth


def test_a_bad_child_is_reported_and_strict_refuses_the_file() -> None:
    result = runner.invoke(app, ["census", "audit", str(BAD / "duplicate_child.xml")])
    assert result.exit_code == 3  # audited in part
    assert "LAchildID GOOD1" in result.output and "1 child(ren) skipped" in result.output
    assert "3 children read, 1 skipped; 2 of 3 episodes audited; 1 problem(s)" in result.output
    result = runner.invoke(app, ["census", "audit", "--strict", str(BAD / "duplicate_child.xml")])
    assert result.exit_code == 2
    assert "nothing was changed" in result.output


def test_export_writes_a_council_census_from_chronology_files(tmp_path: Path) -> None:
    out = tmp_path / "wirral.xml"
    result = runner.invoke(app, ["census", "export", "--year", "2025-26", "--council", "wirral",
                                 "--from", str(tmp_path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "0 children" in result.output
    (tmp_path / "p.yaml").write_text(
        "case: p\ncouncil: wirral\nchildren: [{id: P}]\nevents:\n"
        "  - {id: r, type: referral, date: 2025-05-06}\n"
        "  - {id: v, type: visit, date: 2025-05-08}\n", encoding="utf-8")
    result = runner.invoke(app, ["census", "export", "--year", "2025-26", "--council", "wirral",
                                 "--from", str(tmp_path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 children, 1 episodes" in result.output and "1 events have no census field" in result.output
    assert "<CINreferralDate>2025-05-06</CINreferralDate>" in out.read_text(encoding="utf-8")


def test_import_loads_each_episode_into_the_store_and_strict_writes_nothing_from_a_bad_file(tmp_path: Path) -> None:
    env = {"CASEWORK_DATABASE_URL": f"sqlite:///{tmp_path / 'cw.sqlite'}"}
    runner.invoke(app, ["synth", "--councils", "1", "--children", "30", "--seed", "7", "--out", str(tmp_path)])
    result = runner.invoke(app, ["census", "import", str(tmp_path / "cin_census_301.xml")], env=env)
    assert result.exit_code == 0, result.output
    imported = int(result.output.split("Imported ")[1].split()[0])
    assert imported > 0
    with open(tmp_path / "truth.csv", encoding="utf-8") as f:
        case_id = next(csv.DictReader(f))["case_id"]
    exported = runner.invoke(app, ["export", case_id], env=env)
    assert exported.exit_code == 0 and f"case: {case_id}" in exported.output

    refused_env = {"CASEWORK_DATABASE_URL": f"sqlite:///{tmp_path / 'strict.sqlite'}"}
    refused = runner.invoke(app, ["census", "import", "--strict", str(BAD / "duplicate_child.xml")], env=refused_env)
    assert refused.exit_code == 2 and "nothing was changed" in refused.output
    lenient_env = {"CASEWORK_DATABASE_URL": f"sqlite:///{tmp_path / 'lenient.sqlite'}"}
    lenient = runner.invoke(app, ["census", "import", str(BAD / "duplicate_child.xml")], env=lenient_env)
    assert lenient.exit_code == 3 and "Imported 2 episodes" in lenient.output
    assert runner.invoke(app, ["export", census_case_id("GOOD1", 1)], env=lenient_env).exit_code == 0
    assert runner.invoke(app, ["export", census_case_id("GOOD1", 1)], env=refused_env).exit_code != 0


def test_a_census_import_run_again_skips_the_stored_episodes_and_names_the_council(tmp_path: Path) -> None:
    from sqlalchemy import create_engine, text

    url = f"sqlite:///{tmp_path / 'cw.sqlite'}"
    env = {"CASEWORK_DATABASE_URL": url}
    runner.invoke(app, ["synth", "--councils", "1", "--children", "30", "--seed", "3", "--out", str(tmp_path)])
    census = str(tmp_path / "cin_census_301.xml")
    first = runner.invoke(app, ["census", "import", "--batch", "7", census], env=env)
    assert first.exit_code == 0, first.output
    stored = int(first.output.split("Imported ")[1].split()[0])
    again = runner.invoke(app, ["census", "import", census], env=env)
    assert again.exit_code == 0, again.output
    assert "Imported 0 episodes" in again.output and f"{stored} already stored, skipped" in again.output
    engine = create_engine(url)
    with engine.connect() as c:
        assert c.execute(text("SELECT slug, name FROM councils")).all() == [("301", "Barking and Dagenham")]
        assert c.execute(text("SELECT count(*) FROM cases")).scalar() == stored
        assert 0 < c.execute(text("SELECT count(DISTINCT case_id) FROM clocks")).scalar() <= stored
        assert c.execute(text("SELECT count(*) FROM audit_log WHERE action = 'create'")).scalar() == stored
    engine.dispose()
