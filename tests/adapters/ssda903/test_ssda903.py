"""The SSDA903 path: reading a return (with its problems), writing it back, the commands'
exit codes, and the synthetic looked-after year against its truth file."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casework.adapters.ssda903.reader import Ssda903Reader
from casework.adapters.ssda903.synth import LacFaultRates, synth_looked_after
from casework.adapters.ssda903.writer import write_ssda903
from casework.domain.chronology import check_case
from casework.domain.rules import load_rules
from casework.domain.ssda903 import COLUMNS, FILE_NAMES, Year, audit_return_case, ssda903_rules
from casework.entrypoints.cli import app

YEAR = Year.parse("2025-26")
runner = CliRunner()


def _write(folder: Path, table: str, rows: list[list[str]], columns: tuple[str, ...] | None = None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / FILE_NAMES[table], "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(columns or COLUMNS[table])
        writer.writerows(rows)


def _return(folder: Path) -> Path:
    _write(folder, "Header", [["A1", "1", "01/05/2012", "WBRI", "UN1", "", ""],
                              ["B2", "2", "02/02/2010", "MWBC", "UN1", "", ""]])
    _write(folder, "Episodes", [
        ["A1", "12/05/2025", "S", "C2", "N1", "U4", "PR1", "20/06/2025", "X1", "CARPL", "M1 1AA", "M1 1AD", "X"],
        ["A1", "20/06/2025", "P", "C2", "N1", "U4", "PR1", "01/09/2025", "X1", "", "M1 1AA", "M1 1AE", "X"],
        ["A1", "01/09/2025", "L", "C1", "N1", "U4", "PR1", "", "", "", "M1 1AA", "M1 1AE", "X"],
        ["B2", "01/01/2024", "P", "V2", "N2", "U4", "PR1", "05/12/2025", "E13", "", "M1 1AA", "M1 1AF", "X"]])
    _write(folder, "Reviews", [["A1", "01/05/2012", "02/06/2025", "PN1"],
                               ["A1", "01/05/2012", "01/09/2025", "PN1"],
                               ["B2", "02/02/2010", "03/04/2025", "PN2"]])
    _write(folder, "Missing", [["B2", "02/02/2010", "M", "03/05/2025", "05/05/2025"]])
    _write(folder, "AD1", [["A1", "01/05/2012", "03/10/2025", "", "", "", "", ""]])
    _write(folder, "PlacedAdoption", [["A1", "01/05/2012", "10/10/2025", "12/12/2025", "RD1"]])
    _write(folder, "OC2", [["B2", "02/02/2010", "20", "", "0", "1", "1", "1", "1", "0", "", ""]])
    _write(folder, "OC3", [["B2", "02/02/2010", "YES", "F2", "S"]])
    _write(folder, "UASC", [["B2", "2", "02/02/2010", ""]])
    _write(folder, "PrevPerm", [["A1", "01/05/2012", "Z1", "", ""]])
    return folder


def _rows(folder: Path) -> dict[str, list[dict[str, str]]]:
    found = {}
    for table, name in FILE_NAMES.items():
        if (folder / name).exists():
            with open(folder / name, newline="", encoding="utf-8") as f:
                found[table] = sorted((dict(r) for r in csv.DictReader(f)), key=lambda r: tuple(r.values()))
    return found


def test_a_clean_return_reads_to_one_valid_chronology_per_child(tmp_path: Path) -> None:
    reader = Ssda903Reader(_return(tmp_path / "in"), council="201", year=YEAR)
    cases = list(reader.cases())
    assert reader.problems == [] and [c.children[0].id for c in cases] == ["A1", "B2"]
    for case in cases:
        assert check_case(case) == []
    a1 = cases[0]
    assert [e.type for e in a1.events][:3] == ["became_looked_after", "placement_started", "lac_review"]
    assert a1.event("ep3.ls") is not None and a1.event("ep1.end") is not None
    assert a1.event("ep2.end") is None  # the next episode (RNE L) changes no placement
    assert a1.event("ep3.place") is None
    b2 = cases[1]
    assert b2.event("ep1.ceased") is not None and b2.event("m1.end") is not None
    assert a1.complete_from == YEAR.start and "lac_visit" not in (a1.complete_for or ())


def test_read_write_read_gives_the_same_rows(tmp_path: Path) -> None:
    source = _return(tmp_path / "in")
    cases = list(Ssda903Reader(source, council="201", year=YEAR).cases())
    write_ssda903(tmp_path / "out", cases)
    assert _rows(tmp_path / "out") == _rows(source)
    again = list(Ssda903Reader(tmp_path / "out", council="201", year=YEAR).cases())
    assert again == cases


def test_bad_input_names_the_child_file_row_and_column_and_holds_back_only_that_child(tmp_path: Path) -> None:
    folder = _return(tmp_path / "in")
    _write(folder, "Reviews", [["A1", "01/05/2012", "2025-06-02", "PN1"],   # not DD/MM/YYYY
                               ["B2", "02/02/2010", "03/04/2025", "PN9"]])  # unknown code: kept
    reader = Ssda903Reader(folder, council="201", year=YEAR)
    cases = list(reader.cases())
    assert [c.children[0].id for c in cases] == ["B2"] and reader.skipped == ["A1"]
    bad_date, bad_code = reader.problems
    assert (bad_date.where, bad_date.field, bad_date.line) == ("CHILD A1", "reviews.csv:REVIEW", 2)
    assert "DD/MM/YYYY" in bad_date.problem + bad_date.fix
    assert (bad_code.where, bad_code.field, bad_code.line) == ("CHILD B2", "reviews.csv:REVIEW_CODE", 3)


def test_a_file_missing_a_required_column_is_reported_and_not_read(tmp_path: Path) -> None:
    folder = _return(tmp_path / "in")
    _write(folder, "Reviews", [["A1", "01/05/2012", "PN1"]], columns=("CHILD", "DOB", "REVIEW_CODE"))
    reader = Ssda903Reader(folder, council="201", year=YEAR)
    list(reader.cases())
    assert any("no column REVIEW" in p.problem for p in reader.problems)


def test_exit_codes_are_the_census_ones(tmp_path: Path) -> None:
    clean = _return(tmp_path / "clean")
    args = ["--council", "201", "--year", "2025-26"]
    assert runner.invoke(app, ["ssda903", "audit", str(clean), *args]).exit_code == 0
    partial = _return(tmp_path / "partial")
    _write(partial, "Episodes", [["A1", "31/02/2025", "S", "C2", "N1", "U4", "PR1", "", "", "", "", "", ""],
                                 ["B2", "01/01/2024", "P", "V2", "N2", "U4", "PR1", "", "", "", "", "", ""]])
    result = runner.invoke(app, ["ssda903", "audit", str(partial), *args])
    assert result.exit_code == 3 and "CHILD A1" in result.output and "episodes.csv" in result.output
    empty = tmp_path / "empty"
    _write(empty, "Header", [])
    assert runner.invoke(app, ["ssda903", "audit", str(empty), *args]).exit_code == 2
    assert runner.invoke(app, ["ssda903", "audit", str(partial), *args, "--strict"]).exit_code == 2


@pytest.mark.parametrize("seed", [1, 7])
def test_synthetic_year_audit_finds_exactly_the_truth(tmp_path: Path, seed: int) -> None:
    summary = synth_looked_after(["201", "202"], children=160, seed=seed, out_dir=tmp_path,
                                 rates=LacFaultRates(review=0.2, visit_first=0.1, visit=0.1))
    with open(summary.truth, newline="", encoding="utf-8") as f:
        truth = {(r["case_id"], r["rule_id"], r["trigger_id"]): (r["kind"], r["certainty"]) for r in csv.DictReader(f)}
    rules = ssda903_rules(load_rules())
    found = {}
    for council, folder in zip(summary.councils, summary.folders, strict=True):
        reader = Ssda903Reader(folder, council=council, year=YEAR)
        for case in reader.cases():
            for f in audit_return_case(case, YEAR.end, YEAR, rules):
                found[(case.id, f.rule_id, f.trigger_id)] = (f.kind, f.certainty)
        assert reader.problems == []
    assert summary.planted > 0
    assert {r for _, r, _ in truth} >= {"lac_review", "lac_visit", "lac_visit_first"}
    assert found == truth  # recall 100%, and nothing found the truth does not list


@pytest.mark.parametrize("seed", [3, 11])
def test_column_wise_audit_of_returns_gives_the_per_case_findings(tmp_path: Path, seed: int) -> None:
    from casework.domain.batch import finding_rows
    from casework.domain.ssda903 import audit_returns_columnwise

    summary = synth_looked_after(["201"], children=150, seed=seed, out_dir=tmp_path,
                                 rates=LacFaultRates(review=0.2, visit_first=0.1, visit=0.1))
    cases = list(Ssda903Reader(summary.folders[0], council="201", year=YEAR).cases())
    rules = ssda903_rules(load_rules())
    per_case = {(c.id, f.rule_id, f.kind, f.certainty, f.trigger_id, f.outcome_id or "", f.due_latest, f.late_by_max)
                for c in cases for f in audit_return_case(c, YEAR.end, YEAR, rules)}
    columns = set()
    for table, findings in audit_returns_columnwise(cases, YEAR.end, YEAR, rules):
        rows = finding_rows(table, findings)
        columns |= {(rows["case_id"][i], rows["rule_id"][i], rows["kind"][i], rows["certainty"][i],
                     rows["trigger_id"][i], rows["outcome_id"][i], rows["due_latest"][i].item(),
                     int(rows["late_by_max"][i])) for i in range(len(findings))}
    assert per_case and columns == per_case


def test_ssda903_batch_command_writes_the_findings(tmp_path: Path) -> None:
    synth_looked_after(["201", "202"], children=40, seed=5, out_dir=tmp_path / "england",
                       rates=LacFaultRates(review=0.3, visit_first=0.2, visit=0.2))
    out = tmp_path / "findings.csv"
    result = runner.invoke(app, ["ssda903", "batch", str(tmp_path / "england"), "--year", "2025-26",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    with open(out, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with open(tmp_path / "england" / "truth_903.csv", newline="", encoding="utf-8") as f:
        truth = {(r["case_id"], r["rule_id"], r["trigger_id"]) for r in csv.DictReader(f)}
    assert {(r["case_id"], r["rule_id"], r["trigger_id"]) for r in rows} == truth


def test_import_stores_each_child_and_export_from_chronology_files_writes_the_same_rows(tmp_path: Path) -> None:
    from casework.adapters.files import files

    summary = synth_looked_after(["301"], children=25, seed=4, out_dir=tmp_path / "synth")
    source = summary.folders[0]
    env = {"CASEWORK_DATABASE_URL": f"sqlite:///{tmp_path / 'cw.sqlite'}"}
    args = ["--council", "301", "--year", "2025-26"]
    result = runner.invoke(app, ["ssda903", "import", str(source), *args], env=env)
    assert result.exit_code == 0 and "Imported 25 children" in result.output, result.output
    again = runner.invoke(app, ["ssda903", "import", str(source), *args], env=env)
    assert again.exit_code == 0 and "25 already stored" in again.output
    case = next(iter(Ssda903Reader(source, council="301", year=YEAR).cases()))
    assert runner.invoke(app, ["export", case.id], env=env).exit_code == 0

    folder = tmp_path / "chronologies"
    folder.mkdir()
    for c in Ssda903Reader(source, council="301", year=YEAR).cases():
        (folder / f"{c.id}.yaml").write_text(files().chronologies.dump(c), encoding="utf-8")
    out = tmp_path / "out"
    written = runner.invoke(app, ["ssda903", "export", "--council", "301", "--from", str(folder), "--out", str(out),
                                  "--visits"])
    assert written.exit_code == 0, written.output
    assert _rows(out) == _rows(source)


def test_a_row_for_a_child_not_in_the_header_and_a_file_that_is_no_table_are_reported(tmp_path: Path) -> None:
    folder = _return(tmp_path / "in")
    _write(folder, "Missing", [["Z9", "02/02/2010", "M", "03/05/2025", ""]])
    (folder / "notes.csv").write_text("NAME,NOTE\nx,y\n", encoding="utf-8")
    reader = Ssda903Reader(folder, council="201", year=YEAR)
    assert len(list(reader.cases())) == 2
    problems = {(p.where, p.problem.split(" (")[0]) for p in reader.problems}
    assert ("CHILD Z9", "CHILD Z9 has Missing rows but is not in the Header") in problems
    assert any("notes.csv is not one of the return's tables" in p.problem for p in reader.problems)
