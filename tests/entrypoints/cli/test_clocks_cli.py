from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from casework.entrypoints.cli import app

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def _clocks(url: str) -> list[tuple[object, ...]]:
    engine = create_engine(url)
    with engine.connect() as c:
        rows = c.execute(text("SELECT case_id, rule_id, rule_version, state, trigger_id, due_latest "
                              "FROM clocks ORDER BY case_id, id")).all()
    engine.dispose()
    return [tuple(r) for r in rows]


def test_clocks_rebuild_restores_stale_and_missing_clocks_and_names_an_unknown_council(tmp_path):
    url = f"sqlite:///{tmp_path / 'cw.sqlite'}"
    env = {"CASEWORK_DATABASE_URL": url}
    runner = CliRunner()
    imported = runner.invoke(app, ["import", str(EXAMPLES)], env=env)
    assert imported.exit_code == 0, imported.output
    kept = _clocks(url)
    assert kept
    assert runner.invoke(app, ["clocks", "stale"], env=env).exit_code == 0
    engine = create_engine(url)
    with engine.begin() as c:  # as if a rule had changed since, and one case lost its rows
        c.execute(text("UPDATE clocks SET rule_version = 'older'"))
        c.execute(text("DELETE FROM clocks WHERE case_id = (SELECT min(case_id) FROM clocks)"))
    engine.dispose()
    stale = runner.invoke(app, ["clocks", "stale"], env=env)
    assert stale.exit_code == 3 and "rebuild" in stale.output
    rebuilt = runner.invoke(app, ["clocks", "rebuild"], env=env)
    assert rebuilt.exit_code == 0, rebuilt.output
    assert f"Rebuilt {len(kept)} clocks of 5 cases" in rebuilt.output
    assert [r[1:] for r in _clocks(url)] == [r[1:] for r in kept]
    assert runner.invoke(app, ["clocks", "stale"], env=env).exit_code == 0
    unknown = runner.invoke(app, ["clocks", "rebuild", "--council", "nowhere"], env=env)
    assert unknown.exit_code == 1 and "no council 'nowhere'" in unknown.output
    one = runner.invoke(app, ["clocks", "rebuild", "--council", "wirral"], env=env)
    assert one.exit_code == 0 and "of 1 cases in wirral" in one.output
