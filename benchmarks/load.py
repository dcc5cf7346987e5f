"""Many people at once on a few shared cases: throughput, latency and lost or failed writes.

    .venv/bin/python benchmarks/load.py [--clients 20] [--seconds 20] [--cases 3]
        [--postgres postgresql+psycopg://postgres@127.0.0.1:5432/postgres]

Per database (SQLite, and PostgreSQL when a server is given), starts a real `casework serve`
process on a fresh store holding a few seed cases in one council, then runs `--clients`
concurrent API clients for `--seconds`: half of them write (record an event on one of the
shared cases, chosen at random, so writers collide on the same case), half read (the case,
or what is due). Prints requests a second, the median, 95th and 99th percentile latency of
reads and of writes, and the writes that failed; then reads every case back and counts the
acknowledged writes (201) that are not in it — which must be none. Not part of the test
suite; the targets are no acknowledged write lost and fewer than 1% of writes failed.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

REPO = Path(__file__).resolve().parents[1]
SEEDS = ("liverpool-24-010-960", "sefton-21-004-199", "wirral-19-020-817")
PASSWORD = "correct horse battery"
COUNCIL = "loadshire"


@dataclass
class Tally:
    reads: list[float] = field(default_factory=list)
    writes: list[float] = field(default_factory=list)
    acknowledged: dict[str, set[str]] = field(default_factory=dict)  # case → notes written
    failed: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)


def prepare(url: str, cases: int, clients: int) -> list[str]:
    """A fresh store with `cases` seed cases in one council and a team manager per client."""
    from casework.adapters.chronology_file import read_case_file
    from casework.adapters.passwords import Argon2Passwords
    from casework.bootstrap import build
    from casework.config import load_settings
    from casework.service.auth import add_user
    from casework.service.bulk import load_cases

    container = build(replace(load_settings({}), database_url=url), passwords=Argon2Passwords.fast())
    try:
        seeds = [replace(read_case_file(REPO / "examples" / f"{s}.yaml"), council=COUNCIL)
                 for s in SEEDS[:cases]]
        load_cases(container.uow, seeds)
        for n in range(clients):
            add_user(container.uow(), container.passwords, COUNCIL, f"load.user{n}", PASSWORD,
                     "team_manager")
        return [c.id for c in seeds]
    finally:
        container.dispose()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def serve(url: str, work: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {**os.environ, "CASEWORK_DATABASE_URL": url, "CASEWORK_PORT": str(port),
           "CASEWORK_SECRET_KEY": uuid.uuid4().hex}
    log = (work / f"serve-{port}.log").open("wb")
    server = subprocess.Popen([str(Path(sys.executable).parent / "casework"), "serve"], cwd=work,
                              env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"casework serve exited with {server.returncode}")
        try:
            if httpx.get(f"{base}/api/openapi.json", timeout=5).status_code == 200:
                return server, base
        except httpx.TransportError:
            time.sleep(0.3)
    server.kill()
    raise RuntimeError("casework serve did not start")


def client_loop(base: str, n: int, writer: bool, cases: list[str], stop: float, tally: Tally) -> None:
    children = {"liverpool-24-010-960": "D", "sefton-21-004-199": "F", "wirral-19-020-817": "P"}
    with httpx.Client(base_url=base, timeout=60) as http:
        token = http.post("/api/token", json={"username": f"load.user{n}", "password": PASSWORD})
        http.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
        today = time.strftime("%Y-%m-%d")
        while time.monotonic() < stop:
            case = random.choice(cases)
            started = time.perf_counter()
            if writer:
                note = f"load {uuid.uuid4().hex}"
                try:
                    response = http.post(f"/api/cases/{case}/events", json={
                        "type": "visit", "date": "2025-06-01", "children": [children[case]], "note": note})
                except httpx.TransportError as exc:  # the server dropped it: a failed write
                    with tally.lock:
                        tally.writes.append(time.perf_counter() - started)
                        tally.failed[f"connection {type(exc).__name__}"] += 1
                    continue
                took = time.perf_counter() - started
                with tally.lock:
                    tally.writes.append(took)
                    if response.status_code == 201:
                        tally.acknowledged.setdefault(case, set()).add(note)
                    else:
                        tally.failed[f"{response.status_code} {response.text[:80]}"] += 1
            else:
                path = f"/api/cases/{case}" if random.random() < 0.5 else f"/api/due?as_of={today}"
                response = http.get(path)
                took = time.perf_counter() - started
                with tally.lock:
                    tally.reads.append(took)
                    if response.status_code != 200:
                        tally.failed[f"read {response.status_code}"] += 1


def lost_writes(base: str, tally: Tally) -> int:
    with httpx.Client(base_url=base, timeout=60) as http:
        token = http.post("/api/token", json={"username": "load.user0", "password": PASSWORD})
        headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
        lost = 0
        for case, notes in tally.acknowledged.items():
            stored = {e["note"] for e in http.get(f"/api/cases/{case}/events", headers=headers).json()}
            lost += len(notes - stored)
        return lost


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))] * 1000 if ordered else 0.0


def run(label: str, url: str, args: argparse.Namespace, work: Path) -> list[str]:
    cases = prepare(url, args.cases, args.clients)
    server, base = serve(url, work)
    try:
        tally = Tally()
        stop = time.monotonic() + args.seconds
        threads = [threading.Thread(target=client_loop, args=(base, n, n % 2 == 0, cases, stop, tally))
                   for n in range(args.clients)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        lost = lost_writes(base, tally)
    finally:
        server.terminate()
        server.wait(timeout=30)
    failed_writes = sum(v for k, v in tally.failed.items() if not k.startswith("read"))
    total = len(tally.reads) + len(tally.writes)
    for reason, count in tally.failed.most_common(5):
        print(f"  {label}: {count} × {reason}", file=sys.stderr)
    share = failed_writes / len(tally.writes) if tally.writes else 0.0
    return [
        f"| {label} | reads | {len(tally.reads):,} | {len(tally.reads) / elapsed:,.1f}/s | "
        f"{statistics.median(tally.reads) * 1000:,.0f} ms | {pct(tally.reads, .95):,.0f} ms | "
        f"{pct(tally.reads, .99):,.0f} ms | | |",
        f"| {label} | writes | {len(tally.writes):,} | {len(tally.writes) / elapsed:,.1f}/s | "
        f"{statistics.median(tally.writes) * 1000:,.0f} ms | {pct(tally.writes, .95):,.0f} ms | "
        f"{pct(tally.writes, .99):,.0f} ms | {failed_writes} ({share:.1%}) | {lost} |",
        f"| {label} | all | {total:,} | {total / elapsed:,.1f}/s | | | | | |",
    ]


def postgres_database(server: str) -> tuple[str, object]:
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    name = f"casework_load_{uuid.uuid4().hex[:8]}"
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return make_url(server).set(database=name).render_as_string(hide_password=False), drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--cases", type=int, default=3, choices=range(1, len(SEEDS) + 1))
    parser.add_argument("--postgres", default=os.environ.get("CASEWORK_TEST_POSTGRES_URL", ""))
    args = parser.parse_args()
    rows = [f"{args.clients} clients (half writing) on {args.cases} shared cases for {args.seconds:g} s",
            "",
            "| store | requests | count | throughput | p50 | p95 | p99 | failed writes | acknowledged writes lost |",
            "|---|---|---|---|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        rows += run("SQLite", f"sqlite:///{work / 'load.sqlite'}", args, work)
        if args.postgres:
            url, drop = postgres_database(args.postgres)
            try:
                rows += run("PostgreSQL", url, args, work)
            finally:
                drop()  # type: ignore[operator]
    print("\n".join(rows))


if __name__ == "__main__":
    main()
