"""The audit log proves itself: its entries are hash-chained, so an owner of the database who
drops the append-only triggers and changes, removes or rewrites entries is caught by
`casework audit-log verify`, at the first entry that no longer holds; an anchor kept outside
the database catches even a chain rewritten from scratch.

Tests that tamper with the log work in a fresh database of their own (`fresh_container`).
"""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from itertools import pairwise

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from store_backends import PASSWORD
from typer.testing import CliRunner

from casework.adapters.store.migrate import upgrade
from casework.domain.log_chain import GENESIS, link
from casework.entrypoints.cli import app
from casework.service.auth import add_user, authenticate
from casework.service.trail import Anchor, verify_chain

runner = CliRunner()


def append(container, n, who="someone", council_id=None):
    for i in range(n):
        with container.uow() as uow:
            uow.audit_log.append(at=datetime.now(UTC), user_id=None, username=who, council_id=council_id,
                                 action="read", record_type="case", record_id=f"c-{i}", detail=f"entry {i}")
            uow.commit()


def drop_triggers(container):
    with container.engine.begin() as c:
        if container.engine.dialect.name == "sqlite":
            for name in ("audit_log_no_update", "audit_log_no_delete", "audit_log_insert_only"):
                c.execute(text(f"DROP TRIGGER {name}"))
        else:
            c.execute(text("DROP TRIGGER audit_log_append_only ON audit_log"))
            c.execute(text("DROP TRIGGER audit_log_no_truncate ON audit_log"))


def cli(container, *args):
    return runner.invoke(app, list(args), env={"CASEWORK_DATABASE_URL": container.settings.database_url,
                                               "CASEWORK_AUDIT_ANCHOR_FILE": ""})


def test_every_entry_is_chained_to_the_one_before_it_and_the_chain_verifies(fresh_container):
    add_user(fresh_container.uow(), fresh_container.passwords, "chainshire", "ann", PASSWORD, "auditor")
    assert authenticate(fresh_container.uow(), fresh_container.passwords, "ann", "wrong password!") is None
    append(fresh_container, 5)
    report = verify_chain(fresh_container.uow())
    assert report.ok and report.length == 6
    with fresh_container.engine.connect() as c:
        rows = c.execute(text("SELECT seq, prev_hash, entry_hash FROM audit_log ORDER BY seq")).all()
    assert [r.seq for r in rows] == [1, 2, 3, 4, 5, 6]
    assert rows[0].prev_hash == GENESIS
    assert all(later.prev_hash == earlier.entry_hash for earlier, later in pairwise(rows))
    result = cli(fresh_container, "audit-log", "verify")
    assert result.exit_code == 0, result.output
    assert "6 entries chain unbroken" in result.output


def test_insert_or_replace_cannot_rewrite_an_entry(fresh_container):
    append(fresh_container, 2)
    sqlite = fresh_container.engine.dialect.name == "sqlite"
    statement = (
        "INSERT OR REPLACE INTO audit_log (id, at, username, action, record_type, record_id, detail, "
        "seq, prev_hash, entry_hash) SELECT id, at, 'someone else', action, record_type, record_id, "
        "'rewritten', seq, prev_hash, entry_hash FROM audit_log WHERE seq = 1"
        if sqlite else
        "INSERT INTO audit_log (id, at, username, action, record_type, record_id, detail, seq, prev_hash, "
        "entry_hash) SELECT id, at, 'someone else', action, record_type, record_id, 'rewritten', seq, "
        "prev_hash, entry_hash FROM audit_log WHERE seq = 1 "
        "ON CONFLICT (id) DO UPDATE SET detail = EXCLUDED.detail, username = EXCLUDED.username")
    with pytest.raises(DBAPIError, match="append-only"), fresh_container.engine.begin() as c:
        c.execute(text(statement))
    with fresh_container.engine.connect() as c:
        assert c.execute(text("SELECT detail FROM audit_log WHERE seq = 1")).scalar() == "entry 0"
    assert verify_chain(fresh_container.uow()).ok


def test_an_entry_without_its_place_in_the_chain_is_refused(fresh_container):
    with pytest.raises(DBAPIError), fresh_container.engine.begin() as c:
        c.execute(text("INSERT INTO audit_log (at, username, action, record_type, record_id, detail) "
                       "VALUES (CURRENT_TIMESTAMP, 'someone', 'read', 'case', 'x-1', '')"))


def test_an_owner_who_drops_the_triggers_and_edits_an_entry_is_caught_at_that_entry(fresh_container):
    append(fresh_container, 4)
    drop_triggers(fresh_container)
    with fresh_container.engine.begin() as c:
        c.execute(text("UPDATE audit_log SET detail = 'nothing to see' WHERE seq = 3"))
    report = verify_chain(fresh_container.uow())
    assert report.broken is not None and report.broken.seq == 3
    assert "changed after it was written" in report.broken.problem
    result = cli(fresh_container, "audit-log", "verify")
    assert result.exit_code == 1
    assert "broken at entry 3" in result.output


def test_a_removed_entry_is_caught_where_it_was(fresh_container):
    append(fresh_container, 4)
    drop_triggers(fresh_container)
    with fresh_container.engine.begin() as c:
        c.execute(text("DELETE FROM audit_log WHERE seq = 2"))
    report = verify_chain(fresh_container.uow())
    assert report.broken is not None and report.broken.seq == 2
    assert "missing" in report.broken.problem


def rewrite_chain(container, keep):
    """What an owner covering their tracks would do: keep the first `keep` entries, change the
    first one, and recompute every hash and the head so the chain holds again."""
    with container.engine.begin() as c:
        c.execute(text("DELETE FROM audit_log WHERE seq > :keep"), {"keep": keep})
        c.execute(text("UPDATE audit_log SET detail = 'nothing to see' WHERE seq = 1"))
    prev = GENESIS
    with container.uow() as uow:
        entries = uow.audit_log.chained(0, 1000)
    with container.engine.begin() as c:
        for entry in entries:
            entry_hash = link(prev, entry)
            c.execute(text("UPDATE audit_log SET prev_hash = :p, entry_hash = :h WHERE seq = :s"),
                      {"p": prev, "h": entry_hash, "s": entry["seq"]})
            prev = entry_hash
        c.execute(text("UPDATE audit_log_head SET length = :n, head_hash = :h"), {"n": len(entries), "h": prev})


def test_a_chain_rewritten_from_scratch_is_caught_by_the_anchor_kept_outside_the_database(fresh_container, tmp_path):
    anchors = tmp_path / "anchors.jsonl"
    append(fresh_container, 3)
    first = cli(fresh_container, "audit-log", "anchor", "--file", str(anchors))
    assert first.exit_code == 0, first.output
    append(fresh_container, 2)
    assert cli(fresh_container, "audit-log", "anchor", "--file", str(anchors)).exit_code == 0
    lines = [json.loads(line) for line in anchors.read_text().splitlines()]
    assert [a["length"] for a in lines] == [3, 5]
    assert verify_chain(fresh_container.uow(), [Anchor(**a) for a in lines]).ok

    drop_triggers(fresh_container)
    rewrite_chain(fresh_container, keep=5)
    assert verify_chain(fresh_container.uow()).ok  # the chain alone cannot tell
    report = verify_chain(fresh_container.uow(), [Anchor(**a) for a in lines])
    assert report.broken is not None and report.broken.seq == 3
    assert "anchored" in report.broken.problem
    result = cli(fresh_container, "audit-log", "verify", "--file", str(anchors))
    assert result.exit_code == 1 and "broken at entry 3" in result.output


def test_entries_cut_from_the_end_are_caught_by_a_later_anchor(fresh_container, tmp_path):
    append(fresh_container, 4)
    anchor = verify_chain(fresh_container.uow())
    drop_triggers(fresh_container)
    with fresh_container.uow() as uow:
        kept = uow.audit_log.chained(0, 2)
    with fresh_container.engine.begin() as c:
        c.execute(text("DELETE FROM audit_log WHERE seq > 2"))
        c.execute(text("UPDATE audit_log_head SET length = 2, head_hash = :h"), {"h": kept[-1]["entry_hash"]})
    assert verify_chain(fresh_container.uow()).ok
    report = verify_chain(fresh_container.uow(), [Anchor(anchor.length, anchor.head_hash, "Monday")])
    assert report.broken is not None and "anchored at 4 on Monday: entries were removed" in report.broken.problem


def test_two_writers_at_once_extend_one_chain_without_forking_it(fresh_container):
    errors = []

    def writer(name):
        try:
            append(fresh_container, 15, who=name)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(f"writer-{n}",)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    report = verify_chain(fresh_container.uow())
    assert report.ok and report.length == 30


def test_the_migration_chains_the_entries_already_in_the_log(database_url, tmp_path_factory):
    from store_backends import fresh_database

    from casework.adapters.store.engine import make_engine

    kind = "sqlite" if database_url.startswith("sqlite") else "postgresql"
    for url in fresh_database(kind, tmp_path_factory, prefix="chain"):
        engine = make_engine(url)
        upgrade(engine, "0009")
        with engine.begin() as c:
            for i in range(3):
                c.execute(text("INSERT INTO audit_log (at, user_id, username, council_id, action, record_type, "
                               "record_id, detail) VALUES (:at, NULL, 'old', NULL, 'read', 'case', :r, 'ünïcode')"),
                          {"at": datetime(2025, 3, 3, 9, i, tzinfo=UTC), "r": f"c-{i}"})
        upgrade(engine)
        from casework.adapters.store.engine import session_factory
        from casework.adapters.store.unit_of_work import SqlUnitOfWork

        report = verify_chain(SqlUnitOfWork(session_factory(engine)))
        assert report.ok and report.length == 3
        append_to = SqlUnitOfWork(session_factory(engine))
        with append_to as uow:
            uow.audit_log.append(at=datetime.now(UTC), user_id=None, username="new", council_id=None,
                                 action="read", record_type="case", record_id="c-9", detail="")
            uow.commit()
        assert verify_chain(SqlUnitOfWork(session_factory(engine))).length == 4
        engine.dispose()
