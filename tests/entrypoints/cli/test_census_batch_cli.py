"""`casework census batch`: findings files, a summary by council × rule × month, and a chart."""

from __future__ import annotations

import csv
from pathlib import Path
from xml.etree import ElementTree

from typer.testing import CliRunner

from casework.entrypoints.cli import app

runner = CliRunner()


def test_batch_audits_a_folder_of_census_files_and_writes_findings_summary_and_chart(tmp_path: Path) -> None:
    data, out = tmp_path / "data", tmp_path / "out"
    result = runner.invoke(app, ["synth", "--councils", "2", "--children", "200", "--seed", "3",
                                 "--out", str(data), "--fault-scale", "3"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["census", "batch", str(data), "--out", str(out), "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert "Breach rate by council × rule × month" in result.output
    with open(out / "findings.csv", encoding="utf-8") as f:
        found = {(r["case_id"], r["rule_id"], r["kind"], r["late_by_max"]) for r in csv.DictReader(f)}
    with open(data / "truth.csv", encoding="utf-8") as f:
        truth = {(r["case_id"], r["rule_id"], r["kind"], r["late_by"]) for r in csv.DictReader(f)}
    assert found == truth and truth
    with open(out / "summary.csv", encoding="utf-8") as f:
        summary = list(csv.DictReader(f))
    assert {r["council"] for r in summary} == {"301", "302"}
    assert sum(int(r["certain"]) + int(r["possible"]) for r in summary) <= len(truth)
    svg = ElementTree.parse(out / "breach_rates.svg").getroot()
    assert svg.tag.endswith("svg") and len(svg.findall(".//{http://www.w3.org/2000/svg}polyline")) == 4
    assert (out / "findings.parquet").stat().st_size > 0


def test_batch_with_no_census_files_says_so(tmp_path: Path) -> None:
    result = runner.invoke(app, ["census", "batch", str(tmp_path)])
    assert result.exit_code == 2
    assert "no census files" in result.output


def test_batch_on_a_dask_cluster_gives_exactly_what_the_local_pool_gives(tmp_path: Path) -> None:
    from distributed import LocalCluster

    data = tmp_path / "data"
    result = runner.invoke(app, ["synth", "--councils", "3", "--children", "120", "--seed", "5",
                                 "--out", str(data), "--fault-scale", "3"])
    assert result.exit_code == 0, result.output
    local = runner.invoke(app, ["census", "batch", str(data), "--out", str(tmp_path / "local"), "--workers", "2"])
    assert local.exit_code == 0, local.output
    with LocalCluster(processes=False, n_workers=1, threads_per_worker=2, dashboard_address=None) as cluster:
        remote = runner.invoke(app, ["census", "batch", str(data), "--out", str(tmp_path / "cluster"),
                                     "--scheduler", cluster.scheduler_address])
    assert remote.exit_code == 0, remote.output
    for name in ("findings.csv", "summary.csv"):
        assert (tmp_path / "cluster" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name
    assert (tmp_path / "local" / "findings.csv").read_text().count("\n") > 1
