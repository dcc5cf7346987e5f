"""Check casework's SSDA903 files against Data to Insight's children looked after validator.

The validator (PyPI `csc-validator-be-903`, the tool councils run before submitting the
return) pins numpy < 1.25 and pandas < 2, so it lives in its own virtual environment,
var/peer-venv-903, made on first run (like tools/peer_check.py's for the CIN validator).

For each seed (three by default) it

1. writes returns the two ways casework writes them — `casework synth`'s looked-after year
   (a council with no planted faults and one with them) and `casework ssda903 export` (the
   clean return read in, each child written as a chronology file, and exported back) — and
   runs every rule of the validator's 2025-26 ruleset on each: no file may raise an error
   (rules that cannot run without Ofsted's provider lists are counted, not failed);
2. sets the validator's rules about reviews beside casework's audit. The validator has no
   rule on review *timing* (its review rules, 166, 167, 440, 441 and 399, are about a review's
   date and participation code being valid), so on the file with planted late reviews it
   flags none of the children casework finds late; and, on a copy with one bad review date and
   one bad participation code, both flag the same children (casework's reader reports the
   problem, and holds back the child whose date cannot be read).

    .venv/bin/python tools/peer_check_903.py [--children 300] [--seeds 1 2 3]
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import venv
from collections import Counter
from pathlib import Path

from casework.adapters.files import files
from casework.adapters.ssda903.reader import Ssda903Reader
from casework.adapters.ssda903.synth import LacFaultRates, synth_looked_after
from casework.domain.rules import load_rules
from casework.domain.ssda903 import FILE_NAMES, Year, audit_return_case, ssda903_rules

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / "var" / "peer-venv-903"
PACKAGES = ("csc-validator-be-903",)
RULESET = "lac2025_26"
YEAR = Year.parse("2025-26")
REVIEW_RULES = ("166", "167", "399", "440", "441")
LA = "E08000003"  # the validator's council code (long form); the synthetic postcodes are in it

# Run inside the validator's environment: every flagged row as JSON lines (rule, table, child).
DRIVER = r'''
import importlib, json, logging, sys, warnings
from pathlib import Path
warnings.filterwarnings("ignore")
logging.disable(logging.CRITICAL)
from lac_validator.lac_validator import LacValidator
folder, ruleset, year, la = sys.argv[1:5]
registry = importlib.import_module("lac_validator.rules." + ruleset).registry
files = [{"name": p.name, "file_content": p.read_bytes(), "description": "This year"}
         for p in sorted(Path(folder).glob("*.csv")) if p.name != "visits.csv"]
v = LacValidator({"collectionYear": year, "localAuthority": la}, files, registry)
messages = {str(rule.code): rule.message for _, rule in registry.items()}
for table, df in v.ds_results.items():
    if table == "metadata" or not hasattr(df, "columns"):
        continue
    for col in [c for c in df.columns if str(c).startswith("ERR_")]:
        for idx in df.index[df[col] == True]:
            print(json.dumps({"rule": col[4:], "table": table, "child": str(df.at[idx, "CHILD"]),
                              "message": messages.get(col[4:], "")}))
for code in v.fails:
    print(json.dumps({"rule": str(code), "table": "", "child": "", "message": "could not run"}))
'''


def peer_python() -> Path:
    python = VENV / "bin" / "python"
    if not python.exists():
        print(f"creating {VENV} and installing {', '.join(PACKAGES)} …", flush=True)
        venv.create(VENV, with_pip=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *PACKAGES], check=True)
    return python


def validate(python: Path, folder: Path) -> list[dict[str, str]]:
    done = subprocess.run([str(python), "-c", DRIVER, str(folder), RULESET, str(YEAR.end.year), LA],
                          check=True, capture_output=True, text=True)
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith('{"')]


def errors(issues: list[dict[str, str]]) -> tuple[list[dict[str, str]], list[str]]:
    """(errors, rules that could not run); a code ending in Q is a query, not an error."""
    failed = [i["rule"] for i in issues if i["message"] == "could not run"]
    return [i for i in issues if i["message"] != "could not run" and not i["rule"].endswith("Q")], failed


def exported(source: Path, council: str, work: Path) -> Path:
    """The return read in, each child written as a chronology file, and exported back."""
    chronologies = work / "chronologies"
    chronologies.mkdir(parents=True, exist_ok=True)
    fmt = files().chronologies
    for case in Ssda903Reader(source, council=council, year=YEAR).cases():
        (chronologies / f"{case.id}.yaml").write_text(fmt.dump(case), encoding="utf-8")
    out = work / "exported"
    subprocess.run([str(ROOT / ".venv" / "bin" / "casework"), "ssda903", "export", "--council", council,
                    "--from", str(chronologies), "--out", str(out)], check=True, capture_output=True)
    return out


def late_reviews(folder: Path, council: str) -> set[str]:
    rules = tuple(r for r in ssda903_rules(load_rules()) if r.id.startswith("lac_review"))
    found = set()
    for case in Ssda903Reader(folder, council=council, year=YEAR).cases():
        if audit_return_case(case, YEAR.end, YEAR, rules):
            found.add(case.children[0].id)
    return found


def spoil(folder: Path, out: Path) -> tuple[str, str]:
    """A copy with the first review's date unreadable and the second's code not in the list."""
    out.mkdir(parents=True, exist_ok=True)
    for path in folder.glob("*.csv"):
        (out / path.name).write_bytes(path.read_bytes())
    path = out / FILE_NAMES["Reviews"]
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    first = rows[0]["CHILD"]
    second = next(r for r in rows if r["CHILD"] != first)
    rows[0]["REVIEW"] = "31/02/2025"
    second["REVIEW_CODE"] = "PN9"
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return first, second["CHILD"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=300)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    args = parser.parse_args()
    python = peer_python()
    failed = 0
    for seed in args.seeds:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            clean = synth_looked_after(["301"], args.children, seed, work / "clean",
                                       rates=LacFaultRates(0.0, 0.0, 0.0)).folders[0]
            faulty = synth_looked_after(["302"], args.children, seed, work / "faulty").folders[0]
            files_checked = {"synth, clean": (clean, "301"), "synth, planted faults": (faulty, "302"),
                             "ssda903 export": (exported(clean, "301", work / "export"), "301")}
            for name, (folder, _) in files_checked.items():
                found, could_not = errors(validate(python, folder))
                counts = Counter(f"{e['rule']}" for e in found)
                print(f"seed {seed}, {name}: {len(found)} validator error(s) {dict(counts) or ''}; "
                      f"{len(set(could_not))} rule(s) could not run ({', '.join(sorted(set(could_not)))})")
                failed += bool(found)
            issues = validate(python, faulty)
            flagged = {i["child"] for i in issues if i["rule"] in REVIEW_RULES}
            late = late_reviews(faulty, "302")
            print(f"seed {seed}, review timing: casework finds {len(late)} child(ren) with a late or missing "
                  f"review; the validator's review rules flag {len(flagged & late)} of them "
                  f"({len(flagged)} in all) — it has no rule on review timing")
            bad_date, bad_code = spoil(faulty, work / "spoilt")
            issues = validate(python, work / "spoilt")
            by_rule = {r: {i["child"] for i in issues if i["rule"] == r} for r in REVIEW_RULES}
            reader = Ssda903Reader(work / "spoilt", council="302", year=YEAR)
            list(reader.cases())
            ours = {p.where.removeprefix("CHILD ") for p in reader.problems if p.field.startswith("reviews.csv")}
            print(f"seed {seed}, bad review rows: validator 166 flags {sorted(by_rule['166'])}, 167 flags "
                  f"{sorted(by_rule['167'])}; casework reports {sorted(ours)} (held back: {reader.skipped})")
            agree = by_rule["166"] == {bad_date} and by_rule["167"] == {bad_code} and ours == {bad_date, bad_code}
            failed += not agree
    print("OK" if not failed else f"{failed} check(s) failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
