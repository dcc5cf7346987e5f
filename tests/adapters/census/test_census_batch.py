"""The column-wise audit of census files finds exactly the faults synthetic England holds."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from casework.adapters.census.batch import audit_file, write_findings
from casework.adapters.census.reader import CensusReader
from casework.adapters.census.synth import FaultRates, synth
from casework.domain.audit import audit_case
from casework.domain.census import census_rules
from casework.domain.rules import load_rules

HIGH = FaultRates(assessment_late=0.15, assessment_open=0.05, icpc_late=0.3, icpc_missing=0.1,
                  rcpc_first_late=0.3, rcpc_review_late=0.3)


@pytest.fixture(scope="module")
def small_england(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("england")
    synth(councils=3, children=900, seed=23, out_dir=out, fault_rates=HIGH)
    return out


def test_planted_faults_are_all_found_and_nothing_the_truth_file_does_not_list(small_england: Path) -> None:
    found = set()
    for path in sorted(small_england.glob("*.xml")):
        rows = audit_file(path).findings
        found |= {(rows["case_id"][i], rows["rule_id"][i], rows["kind"][i], rows["trigger_id"][i],
                   rows["outcome_id"][i], str(rows["late_by_max"][i])) for i in range(len(rows["case_id"]))}
    with open(small_england / "truth.csv", encoding="utf-8") as f:
        truth = list(csv.DictReader(f))
    listed = {(r["case_id"], r["rule_id"], r["kind"], r["trigger_id"], r["outcome_id"], r["late_by"])
              for r in truth}
    planted = {(r["case_id"], r["rule_id"], r["kind"], r["trigger_id"], r["outcome_id"], r["late_by"])
               for r in truth if r["planted"] == "true"}
    assert planted and planted <= found  # recall 100% of planted faults
    assert found == listed  # and no finding the truth file does not list


def test_each_census_file_gets_the_per_case_audits_findings(small_england: Path) -> None:
    rules = census_rules(load_rules())
    path = sorted(small_england.glob("*.xml"))[0]
    rows = audit_file(path).findings
    batch = {(rows["case_id"][i], rows["rule_id"][i], rows["kind"][i], rows["certainty"][i],
              rows["trigger_id"][i], rows["outcome_id"][i] or None, rows["due_latest"][i].item(),
              int(rows["late_by_min"][i]), int(rows["late_by_max"][i])) for i in range(len(rows["case_id"]))}
    reader = CensusReader(path)
    per_case = {(c.id, f.rule_id, f.kind, f.certainty, f.trigger_id, f.outcome_id, f.due_latest,
                 f.late_by_min, f.late_by_max)
                for c in reader.cases() for f in audit_case(c, reader.header.reference_date, rules).findings}  # type: ignore[union-attr]
    assert batch == per_case and batch


def test_findings_are_written_as_parquet_and_csv_with_the_same_rows(small_england: Path, tmp_path: Path) -> None:
    parts = [audit_file(p).findings for p in sorted(small_england.glob("*.xml"))]
    parquet, text, count = write_findings(parts, tmp_path)
    table = pq.read_table(parquet)
    with open(text, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert count == table.num_rows == len(rows) == sum(len(p["case_id"]) for p in parts) > 0
    assert table.column("case_id").to_pylist() == [r["case_id"] for r in rows]
    assert str(table.schema.field("due_latest").type) == "date32[day]"
