"""Backing the database up and restoring it into an empty one.

SQLite: the online backup API (`sqlite3.Connection.backup`), which copies a consistent
snapshot page by page while the service keeps running (WAL readers and the writer go on).
PostgreSQL: `pg_dump --format=custom` and `pg_restore`, which must be on the PATH and of the
server's major version or newer; the password goes to them in PGPASSWORD, never on the
command line. Nothing here decides whether the result is sound: the restore command checks
the audit log's chain and reads every case back (`service.backups`).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import Engine, inspect
from sqlalchemy.engine import make_url

from casework.domain.errors import CaseworkError


def backup(engine: Engine, target: Path) -> None:
    """Write a backup of the database behind `engine` to `target` (which must not exist)."""
    if target.exists():
        raise CaseworkError.single(str(target), "", "the backup file already exists",
                                   "choose a new file name; a backup never overwrites one")
    target.parent.mkdir(parents=True, exist_ok=True)
    if engine.dialect.name == "sqlite":
        _sqlite_copy(_sqlite_path(engine.url.database), target)
    else:
        url, env = _libpq(engine)
        _run([_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
              f"--file={target}", f"--dbname={url}"], env)


def restore(engine: Engine, source: Path) -> None:
    """Restore the backup `source` into the empty database behind `engine`."""
    if not source.is_file():
        raise CaseworkError.single(str(source), "", "there is no backup file here", "check the path")
    if inspect(engine).get_table_names():
        raise CaseworkError.single(engine.url.render_as_string(hide_password=True), "",
                                   "the database to restore into is not empty",
                                   "restore into a new, empty database (a restore never overwrites one)")
    if engine.dialect.name == "sqlite":
        engine.dispose()
        _sqlite_copy(source, _sqlite_path(engine.url.database), wal=True)
    else:
        url, env = _libpq(engine)
        _run([_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error",
              "--single-transaction", f"--dbname={url}", str(source)], env)


def _sqlite_path(database: str | None) -> Path:
    if not database or database == ":memory:":
        raise CaseworkError.single("CASEWORK_DATABASE_URL", "", "an in-memory database cannot be backed "
                                   "up or restored", "use a SQLite file or PostgreSQL")
    return Path(database)


def _sqlite_copy(source: Path, target: Path, wal: bool = False) -> None:
    """Copy with SQLite's online backup API: a consistent snapshot, even while others write."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    dst.close()
    src.close()
    if wal:  # a restored database keeps its journal in WAL, as the service does
        with sqlite3.connect(target) as restored:
            restored.execute("PRAGMA journal_mode=WAL")
        restored.close()


def _libpq(engine: Engine) -> tuple[str, dict[str, str]]:
    """The database as a libpq URL without its password, and the environment carrying it."""
    url = make_url(engine.url.render_as_string(hide_password=False))
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise CaseworkError.single("PATH", name, f"{name} is not installed",
                                   "install PostgreSQL's client tools (Debian: postgresql-client), "
                                   "of the server's major version or newer")
    return found


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tool = Path(command[0]).name
        raise CaseworkError.single(tool, "", f"{tool} failed: {done.stderr.strip()[-500:]}",
                                   "check the database URL, the server, and that the file is a backup")
