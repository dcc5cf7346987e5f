"""Run every benchmark in this folder in turn; exit non-zero if any of them fails.

    .venv/bin/python benchmarks/run_all.py      (or: make bench)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def benchmarks() -> list[Path]:
    return sorted(p for p in HERE.glob("*.py") if p.name not in (Path(__file__).name, "__init__.py"))


def main() -> int:
    failed = []
    for path in benchmarks():
        print(f"== {path.name}", flush=True)
        if subprocess.run([sys.executable, str(path)], check=False).returncode != 0:
            failed.append(path.name)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
