"""One large council against a small one: import rate and page times, on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/council_scale.py [--children 10000] [--councils 1]
        [--postgres postgresql+psycopg://postgres@127.0.0.1:5432/postgres] [--users 20]

Builds, per database, a store holding one council from `casework synth` (10,000 children
by default; `--councils 152` a national store) and, in a second store, a council of about
50 cases, each with a seed complaint case beside it. Prints the census import rate (episodes
a second) and, for one user and for `--users` concurrent users, the median and 95th
percentile of: the home page ("What is due"), the due API, the case list, one case and one
complaint page — and each as a multiple of the same page on the 50-case council measured
in the same run, which is what grows with the caseload. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

REPO = Path(__file__).resolve().parents[1]
SECRET = "council-scale-benchmark-" + uuid.uuid4().hex
PAGES = ("home", "due API", "cases", "one case", "one complaint")


def build_store(url: str, census_dir: Path) -> tuple[object, float, float, int]:
    from casework.adapters.census.reader import CensusReader
    from casework.adapters.chronology_file import read_case_file
    from casework.adapters.passwords import Argon2Passwords
    from casework.bootstrap import build
    from casework.config import load_settings
    from casework.domain.census.local_authorities import la_name
    from casework.service.bulk import load_cases

    settings = replace(load_settings({}), database_url=url, load_demo_data=False)
    container = build(settings, passwords=Argon2Passwords.fast())
    files = sorted(census_dir.glob("cin_census_*.xml"))
    start, cpu, episodes = time.perf_counter(), time.process_time(), 0
    for census in files:
        loaded = load_cases(container.uow, CensusReader(census).cases(), how="census import",
                            council_name=la_name)
        episodes += loaded.stored
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    council = files[0].stem.rsplit("_", 1)[1]
    seed = replace(read_case_file(REPO / "examples" / "liverpool-24-010-960.yaml"), council=council)
    load_cases(container.uow, [seed])
    # The wall-clock rate, and the rate per CPU-second of this (loading) process: on a shared
    # machine the second says what the loader costs, whatever else is running.
    return container, episodes / seconds, episodes / cpu_seconds, episodes


def client_for(container: object, council: str) -> tuple[TestClient, dict[str, str]]:
    from casework.entrypoints.api import create_app
    from casework.entrypoints.web.session import COOKIE, Session, SessionCodec
    from casework.service.auth import API, add_user, issue_token, start_session

    name = f"bench-{uuid.uuid4().hex[:6]}"
    actor = add_user(container.uow(), container.passwords, council, name,  # type: ignore[attr-defined]
                     "correct horse battery", "team_manager")
    _, session = start_session(container.uow(), container.passwords, name,  # type: ignore[attr-defined]
                               "correct horse battery")
    client = TestClient(create_app(container=container))  # type: ignore[arg-type]
    client.cookies.set(COOKIE, SessionCodec(SECRET).dumps(Session.fresh(session)))
    token = issue_token(container.uow(), actor, API)  # type: ignore[attr-defined]
    return client, {"Authorization": f"Bearer {token}"}


def requests_for(client: TestClient, bearer: dict[str, str], case: str) -> dict[str, Callable[[], object]]:
    today = date.today().isoformat()

    def get(path: str, headers: dict[str, str] | None = None) -> Callable[[], object]:
        def call() -> object:
            response = client.get(path, headers=headers)
            assert response.status_code == 200, (path, response.status_code, response.text[:300])
            return response
        return call

    return {"home": get("/"), "due API": get(f"/api/due?as_of={today}", bearer),
            "cases": get("/cases"), "one case": get(f"/cases/{case}"),
            "one complaint": get(f"/cases/{case}/complaints/C1")}


def timings(call: Callable[[], object], users: int, rounds: int) -> list[float]:
    def one(_: int) -> float:
        start = time.perf_counter()
        call()
        return time.perf_counter() - start

    call()  # warm
    with ThreadPoolExecutor(max_workers=users) as pool:
        return list(pool.map(one, range(users * rounds)))


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def measure(url_for: Callable[[str], str], children: int, councils: int, users: int,
            work: Path, label: str) -> list[str]:
    from casework.adapters.census.synth import synth

    rows = []
    results = {}
    for size, (n_councils, n_children) in {"large": (councils, children), "small": (1, 60)}.items():
        out = work / f"{label}-{size}"
        synth(councils=n_councils, children=n_children, seed=11, out_dir=out)
        container, rate, cpu_rate, episodes = build_store(url_for(size), out)
        council = sorted(out.glob("cin_census_*.xml"))[0].stem.rsplit("_", 1)[1]
        client, bearer = client_for(container, council)
        calls = requests_for(client, bearer, "liverpool-24-010-960")
        results[size] = {page: {u: timings(call, u, 5 if u == 1 else 2) for u in (1, users)}
                         for page, call in calls.items()}
        if size == "large":
            rows.append(f"| {label} | import | {episodes:,} episodes | {rate:,.0f} episodes/s | "
                        f"{cpu_rate:,.0f} episodes per loader CPU-second | |")
        container.dispose()  # type: ignore[attr-defined]
    for page in PAGES:
        for u in (1, users):
            big, small = results["large"][page][u], results["small"][page][u]
            rows.append(f"| {label} | {page}, {u} user{'s' if u > 1 else ''} | "
                        f"{statistics.median(big) * 1000:,.0f} ms | {p95(big) * 1000:,.0f} ms | "
                        f"{statistics.median(small) * 1000:,.0f} ms | "
                        f"×{statistics.median(big) / statistics.median(small):.1f} |")
    return rows


def postgres_urls(server: str) -> tuple[Callable[[str], str], Callable[[], None]]:
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    made: list[str] = []

    def url_for(size: str) -> str:
        name = f"casework_bench_{size}_{uuid.uuid4().hex[:8]}"
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
        made.append(name)
        return make_url(server).set(database=name).render_as_string(hide_password=False)

    def drop() -> None:
        with admin.connect() as c:
            for name in made:
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url_for, drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--children", type=int, default=10_000)
    parser.add_argument("--councils", type=int, default=1)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--postgres", default=os.environ.get("CASEWORK_TEST_POSTGRES_URL", ""))
    args = parser.parse_args()
    os.environ["CASEWORK_SECRET_KEY"] = SECRET
    rows = ["| store | page | median (large) | p95 (large) | median (50 cases) | large ÷ small |",
            "|---|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        rows += measure(lambda size: f"sqlite:///{work / f'{size}.sqlite'}", args.children,
                        args.councils, args.users, work, "SQLite")
        if args.postgres:
            url_for, drop = postgres_urls(args.postgres)
            try:
                rows += measure(url_for, args.children, args.councils, args.users, work,
                                "PostgreSQL")
            finally:
                drop()
    print("\n".join(rows))


if __name__ == "__main__":
    main()
