"""Check casework's census files and findings against Data to Insight's CIN census validator.

The validator (PyPI `csc-validator-be-cin`, the tool councils run before submitting) needs
numpy < 2, so it lives in its own virtual environment, var/peer-venv, made on first run.
This script then:

For each of several seeds (five by default) it

1. writes census files the two ways casework writes them — `casework synth` (a clean
   council with no planted faults, and one with planted faults) and the store's export (the
   clean file loaded with `casework census import`, each case exported from the store as a
   chronology, and `casework census export` writing them back as a census) — and runs every
   rule of the validator's 2025-26 ruleset on each: a clean file must give zero errors
   (queries are listed);
2. on the file with planted faults, compares the children the validator's rules 8670Q
   (assessment started over 45 working days before the reference date, not authorised)
   and 8675Q (s47 enquiry started over 15 working days before it, no conference, one not
   ruled out) flag with the children casework finds overdue (or, for a clock started before
   the census year, not evidenced) on assessment_timescale and icpc_timescale on 31 March,
   and explains each disagreement by its cause. A clock started before the year in an
   episode with no open block of its kind is left out (and counted), episode by episode: the
   validator judges only open blocks, and a child's carried-over episode must not be set
   beside the open assessment of a later episode of theirs.

    .venv/bin/python tools/peer_check.py [--children 1000] [--seeds 7 11 20 23 42]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import venv
from datetime import date
from pathlib import Path

from casework.adapters.census.reader import CensusReader
from casework.adapters.census.synth import FaultRates, synth
from casework.domain.audit import audit_case
from casework.domain.calendar import england
from casework.domain.census import census_rules, episode_to_case
from casework.domain.rules import load_rules

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / "var" / "peer-venv"
PACKAGES = ("csc-validator-be-cin", "numpy<2", "pytest")
RULESET = "cin2025_26"

# Run inside the validator's environment: every issue as JSON lines (rule, type, child).
DRIVER = r'''
import importlib, json, sys, warnings
import xml.etree.ElementTree as ET
warnings.filterwarnings("ignore")
from cin_validator import cin_validator
registry = importlib.import_module("cin_validator.rules." + sys.argv[2]).registry
types = {str(rule.code): rule.rule_type.name for _, rule in registry.items()}
data = cin_validator.process_data(cin_validator.convert_data(ET.parse(sys.argv[1]).getroot()))
result = cin_validator.CinValidator(data, registry)
for _, row in result.full_issue_df.iterrows():
    code = str(row["rule_code"])
    print(json.dumps({"rule": code, "type": types.get(code, "?"), "child": str(row["child_id"]),
                      "message": str(row["rule_description"])}))
for _, row in result.multichild_issues.iterrows():
    code = str(row["rule_code"])
    print(json.dumps({"rule": code, "type": types.get(code, "?"), "child": "",
                      "message": str(row["rule_description"])}))
'''


def peer_python() -> Path:
    python = VENV / "bin" / "python"
    if not python.exists():
        print(f"creating {VENV} and installing {', '.join(PACKAGES)} …", flush=True)
        venv.create(VENV, with_pip=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *PACKAGES], check=True)
    return python


def validate(python: Path, path: Path) -> list[dict[str, str]]:
    done = subprocess.run([str(python), "-c", DRIVER, str(path), RULESET], check=True,
                          capture_output=True, text=True)
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def casework_overdue(path: Path) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Children casework finds overdue (or not evidenced) on the reference date, per rule; and,
    apart, the children whose only such finding is a clock started before the census year in an
    episode with no open block of that kind (an assessment or enquiry with no outcome in the
    file): casework finds it not evidenced, and the validator, which judges only open blocks,
    has nothing to set beside it. Judged episode by episode: a child may have a carried-over
    episode closed in the year and a second episode with an open block."""
    rules = census_rules(load_rules())
    reader = CensusReader(path, strict=True)
    found: dict[str, set[str]] = {"assessment_timescale": set(), "icpc_timescale": set()}
    unopened: dict[str, set[str]] = {"assessment_timescale": set(), "icpc_timescale": set()}
    for child in reader.children():
        assert reader.header is not None
        header = reader.header
        for number, episode in enumerate(child.episodes, 1):
            if episode.held:
                continue
            opened = {"assessment_timescale": any(a.authorised is None for a in episode.assessments),
                      "icpc_timescale": any(s.icpc is None for s in episode.section47s)}
            case = episode_to_case(child, number, episode, header)
            for f in audit_case(case, header.reference_date, rules).findings:
                if f.rule_id not in found or f.kind not in ("overdue", "not_evidenced"):
                    continue
                before_year = f.kind == "not_evidenced" and episode.referral < header.start
                (unopened if before_year and not opened[f.rule_id] else found)[f.rule_id].update(f.children)
    for rule, children in unopened.items():
        children -= found[rule]
    return found, unopened


def census_columns(path: Path) -> tuple[dict[str, dict[str, date]], date]:
    """Per child, the dates that explain a disagreement (referral, assessment and s47 starts),
    and the census reference date."""
    dates: dict[str, dict[str, date]] = {}
    reader = CensusReader(path)
    for child in reader.children():
        for ep in child.episodes:
            row = dates.setdefault(child.id, {"referral": ep.referral})
            for a in ep.assessments:
                if a.authorised is None:  # with the referral of the episode it is open in
                    row["assessment_start"], row["assessment_referral"] = a.start, ep.referral
            for s in ep.section47s:
                if s.icpc is None:
                    row["s47_start"] = s.start
    assert reader.header is not None
    return dates, reader.header.reference_date


def explain(child: str, rule: str, dates: dict[str, dict[str, date]], reference: date, peer: bool) -> str:
    """Why casework and the validator differ on one child, worked out from the dates."""
    cal = england()
    row = dates.get(child, {})
    if rule == "assessment_timescale":
        start, limit, peer_from = row.get("assessment_referral"), 45, row.get("assessment_start")
    else:
        start, limit, peer_from = row.get("s47_start"), 15, row.get("s47_start")
    if start is None or peer_from is None:
        return "no open block in the file"
    ours = cal.add_working_days(start, limit)
    # The validator flags a start before the reference date minus (limit - 1) working days.
    theirs = peer_from < cal.add_working_days(reference, -(limit - 1))
    if rule == "assessment_timescale" and peer_from != start:
        return (f"clock start: casework counts from the referral ({start}, due {ours}); the validator "
                f"from the assessment's start ({peer_from}) — {'flags' if theirs else 'does not flag'} it")
    return (f"counting: due {ours} counting the trigger as day 0 (casework); the validator counts it as "
            f"day 1, one working day earlier, so {'it flags' if peer else 'casework flags'} a start "
            f"on the boundary")


def compare(python: Path, path: Path) -> list[tuple[str, int, int, int, int, list[str]]]:
    issues = validate(python, path)
    dates, reference = census_columns(path)
    ours, unopened = casework_overdue(path)
    rows = []
    for code, rule in (("8670Q", "assessment_timescale"), ("8675Q", "icpc_timescale")):
        if unopened[rule]:
            print(f"  ({len(unopened[rule])} children whose {rule} clock started before the year in an "
                  f"episode with no open block: not evidenced by casework, nothing for {code} to judge; "
                  "left out)")
        theirs = {i["child"] for i in issues if i["rule"] == code}
        both, only_ours, only_theirs = ours[rule] & theirs, ours[rule] - theirs, theirs - ours[rule]
        notes = [f"{c} (casework only): {explain(c, rule, dates, reference, False)}" for c in sorted(only_ours)]
        notes += [f"{c} (validator only): {explain(c, rule, dates, reference, True)}" for c in sorted(only_theirs)]
        rows.append((f"{code} ↔ {rule}", len(ours[rule]), len(theirs), len(both), len(only_ours ^ only_theirs),
                     notes))
    return rows


def export_file(source: Path, out: Path) -> Path:
    """A census written from the store: `source` imported with `casework census import`, each
    case exported from the store as a chronology, and those written back by `census export`."""
    casework = str(Path(sys.executable).parent / "casework")
    env = {**os.environ, "CASEWORK_DATABASE_URL": f"sqlite:///{out / 'store.sqlite'}"}
    done = subprocess.run([casework, "census", "import", str(source)], capture_output=True, text=True, env=env)
    if done.returncode:
        raise SystemExit(f"casework census import {source} failed:\n{done.stdout}{done.stderr}")
    folder = out / "chronologies"
    folder.mkdir()
    reader = CensusReader(source)
    ids = [case.id for case in reader.cases()]
    assert reader.header is not None  # known once the file has been read
    os.environ["CASEWORK_DATABASE_URL"] = env["CASEWORK_DATABASE_URL"]
    try:
        from casework.bootstrap import build
        from casework.service.access import system_actor
        from casework.service.cases import export_case

        container = build(migrate=False)
        with container.uow() as uow:
            council = uow.councils.by_slug(reader.header.council)
            assert council is not None
            actor = system_actor(council.id, council.slug)
        for case_id in ids:
            (folder / f"{case_id}.yaml").write_text(export_case(container.uow(), container.files.chronologies, actor,
                                                                case_id), encoding="utf-8")
    finally:
        del os.environ["CASEWORK_DATABASE_URL"]
    target = out / "exported.xml"
    subprocess.run([casework, "census", "export", "--year", reader.header.year, "--council",
                    reader.header.council, "--from", str(folder), "--out", str(target)], check=True,
                   capture_output=True)
    return target


def check_seed(python: Path, seed: int, children: int, out: Path) -> tuple[bool, list[tuple[str, int, int, int, int]]]:
    """One seed: validator errors on the clean and store-exported files, and the agreement table."""
    clean = synth(councils=1, children=max(children // 10, 50), seed=seed, out_dir=out / "clean",
                  fault_rates=FaultRates(0, 0, 0, 0, 0, 0)).files[0]
    faulty = synth(councils=1, children=children, seed=seed + 1, out_dir=out / "faulty",
                   fault_rates=FaultRates(assessment_open=0.1, icpc_missing=0.2)).files[0]
    exported = export_file(clean, out)
    failed = False
    print(f"\nseed {seed} — validation on clean files (rule type ERROR must not occur):")
    for name, path in (("casework synth, no planted faults", clean), ("the store's census export", exported)):
        issues = validate(python, path)
        errors = sorted({i["rule"] for i in issues if i["type"] == "ERROR"})
        queries = sorted({i["rule"] for i in issues if i["type"] != "ERROR"})
        failed |= bool(errors)
        print(f"  {name}: {sum(i['type'] == 'ERROR' for i in issues)} errors {errors or ''}; "
              f"{sum(i['type'] != 'ERROR' for i in issues)} queries {queries}")
    print("Agreement on open late assessments and conferences (children flagged, 31 March):")
    print("| validator rule ↔ casework rule | casework | validator | both | disagree |")
    print("|---|---|---|---|---|")
    rows = compare(python, faulty)
    for name, ours, theirs, both, differ, _ in rows:
        print(f"| {name} | {ours} | {theirs} | {both} | {differ} |")
    for _, _, _, _, _, notes in rows:
        for note in notes:
            print(f"  - {note}")
    return failed, [r[:5] for r in rows]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=1000)
    parser.add_argument("--seeds", type=int, nargs="+", default=[7, 11, 20, 23, 42])
    args = parser.parse_args(argv)
    python = peer_python()
    failed = False
    summary_rows: list[tuple[object, ...]] = [("seed", "rule", "casework", "validator", "both", "disagree")]
    for seed in args.seeds:
        with tempfile.TemporaryDirectory() as tmp:
            seed_failed, rows = check_seed(python, seed, args.children, Path(tmp))
        failed |= seed_failed
        summary_rows += [(seed, *row) for row in rows]
    summary = ROOT / "var" / "peer_check.csv"
    summary.parent.mkdir(parents=True, exist_ok=True)
    with open(summary, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(summary_rows)
    print(f"\n{'validator ERRORS on a clean file' if failed else 'no validator errors'} over seeds "
          f"{', '.join(map(str, args.seeds))}; agreement written to {summary}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
