"""The demo's synthetic cases follow the calendar: made for another day, they are replaced."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

import pytest
from store_backends import demo_database_container, seed

from casework.adapters.chronology_file import dump_case
from casework.adapters.synthetic_cases import KINDS, generated_for, synthetic_cases
from casework.entrypoints.web.dashboard import bucket_of
from casework.service import reports
from casework.service.access import system_actor
from casework.service.actions import evidence_action, list_actions
from casework.service.cases import import_case
from casework.service.demo import (
    load_demo_data,
    refresh_synthetic_cases,
    synthetic_seed,
)
from casework.service.trail import read_audit_log

SYNTHETIC = 2 * len(KINDS)  # every kind of open clock, in both its variants

thu_26_nov_2026 = date(2026, 11, 26)
thu_10_dec_2026 = thu_26_nov_2026 + timedelta(days=14)


@pytest.fixture(scope="module")
def container(database_url, tmp_path_factory):
    """Demo data goes only into a database of its own (see `service.demo`)."""
    yield from demo_database_container(database_url, tmp_path_factory)


def _examples(tmp_path, council):
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "seed.yaml").write_text(dump_case(seed("wirral-19-020-817.yaml", council)))
    return tmp_path


def _stored(c, council):
    """Every case of the council: id → (row id, the case as read back)."""
    with c.uow() as uow:
        council_id = uow.councils.by_slug(council).id
        rows, _ = uow.cases.list([council_id], limit=None)
        return {row.slug: (row.id, uow.cases.as_case(row)) for row in rows}


def _lookalikes(world, council):
    """Cases that pass one of the two tests for a synthetic case, but not both."""
    c = world.container
    with c.uow() as uow:
        actor = system_actor(uow.councils.by_slug(council).id, council, "test")
    base = seed("wirral-19-020-817.yaml", council)
    for case in (replace(base, id=f"synthetic-{council}-013", title="Notes on a referral"),
                 replace(base, id="notes-001", title="Synthetic case: written by hand")):
        import_case(c.uow(), actor, case)


def _entries(world, council):
    auditor = world.user(council, "auditor")
    return read_audit_log(world.container.uow(), auditor, per_page=1000)["items"]


def test_synthetic_cases_made_for_another_day_are_replaced_by_ones_for_today(world, tmp_path):
    c, council = world.container, world.a
    load_demo_data(c.uow, c.passwords, c.files, _examples(tmp_path, council), today=thu_26_nov_2026)
    _lookalikes(world, council)
    manager = world.user(council, "team_manager")
    # Evidence on an agreed action, so the refresh removes evidence, actions and complaints.
    with_actions = next(slug for slug in sorted(_stored(c, council))
                        if slug.startswith("synthetic-") and list_actions(c.uow(), manager, slug))
    action = list_actions(c.uow(), manager, with_actions)[0]
    evidence_action(c.uow(), manager, action["id"], thu_26_nov_2026, note="letter sent")
    before = _stored(c, council)
    entries_before = _entries(world, council)

    replaced = refresh_synthetic_cases(c.uow, c.files.synthetic, thu_10_dec_2026, [council])

    after = _stored(c, council)
    synthetic = {f"synthetic-{council}-{n:03d}" for n in range(1, SYNTHETIC + 1)}
    assert sorted(replaced) == sorted((council, slug) for slug in synthetic)
    assert set(after) == set(before)
    expected = {case.id: case for case in synthetic_cases(
        council, thu_10_dec_2026, seed=synthetic_seed(council), count=SYNTHETIC)}
    for slug in synthetic:
        assert after[slug][1] == expected[slug]
        assert generated_for(after[slug][1].source) == thu_10_dec_2026
    untouched = set(before) - synthetic
    assert untouched == {"wirral-19-020-817", f"synthetic-{council}-013", "notes-001"}
    assert {slug: after[slug] for slug in untouched} == {slug: before[slug] for slug in untouched}

    listing = reports.list_due_and_overdue(c.uow(), manager, thu_10_dec_2026, per_page=500)
    buckets = Counter(bucket_of(item, thu_10_dec_2026) for item in listing.items)
    assert buckets["overdue"] and buckets["this_week"] and buckets["next_week"], buckets

    entries_after = _entries(world, council)
    assert {e["id"] for e in entries_before} <= {e["id"] for e in entries_after}
    refreshes = [e for e in entries_after if e["action"] == "replace"]
    assert len(refreshes) == 1
    assert refreshes[0]["user"] == "system (demo)"
    assert refreshes[0]["detail"].startswith("replaced synthetic demo cases")
    assert "2026-11-26" in refreshes[0]["detail"] and "2026-12-10" in refreshes[0]["detail"]


def test_refreshing_for_the_day_they_were_made_for_changes_nothing(world, tmp_path):
    c, council = world.container, world.a
    load_demo_data(c.uow, c.passwords, c.files, _examples(tmp_path, council), today=thu_26_nov_2026,
                   synthetic=3)
    before = _stored(c, council)

    assert refresh_synthetic_cases(c.uow, c.files.synthetic, thu_26_nov_2026, [council]) == []

    assert _stored(c, council) == before
    assert not [e for e in _entries(world, council) if e["action"] == "replace"]


def test_loading_the_demo_data_on_a_later_day_moves_its_synthetic_cases_to_that_day(
        world, tmp_path):
    c, council = world.container, world.a
    examples = _examples(tmp_path, council)
    load_demo_data(c.uow, c.passwords, c.files, examples, today=thu_26_nov_2026, synthetic=3)
    seed_row = _stored(c, council)["wirral-19-020-817"]

    assert load_demo_data(c.uow, c.passwords, c.files, examples, today=thu_10_dec_2026, synthetic=3) == []

    after = _stored(c, council)
    assert after["wirral-19-020-817"] == seed_row
    assert sorted(after) == sorted(["wirral-19-020-817",
                                    *(f"synthetic-{council}-{n:03d}" for n in (1, 2, 3))])
    assert {generated_for(case.source) for slug, (_, case) in after.items()
            if slug.startswith("synthetic-")} == {thu_10_dec_2026}


def test_a_refresh_for_one_council_leaves_another_councils_synthetic_cases_alone(
        world, tmp_path):
    c = world.container
    for council in (world.a, world.b):
        load_demo_data(c.uow, c.passwords, c.files, _examples(tmp_path / council, council),
                       today=thu_26_nov_2026, synthetic=2)
    other = _stored(c, world.b)

    refresh_synthetic_cases(c.uow, c.files.synthetic, thu_10_dec_2026, [world.a])

    assert _stored(c, world.b) == other
