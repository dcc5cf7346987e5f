from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from store_backends import demo_database_container, seed

from casework.adapters.chronology_file import dump_case
from casework.adapters.synthetic_cases import KINDS
from casework.entrypoints.web.dashboard import bucket_of
from casework.service import reports
from casework.service.demo import load_demo_data

SYNTHETIC = 2 * len(KINDS)  # every kind of open clock, in both its variants

thu_26_nov_2026 = date(2026, 11, 26)
sun_31_may_2026 = date(2026, 5, 31)  # this week is one day long


@pytest.fixture(scope="module")
def container(database_url, tmp_path_factory):
    """Demo data goes only into a database of its own (see `service.demo`)."""
    yield from demo_database_container(database_url, tmp_path_factory)


def _examples(tmp_path, council):
    """An examples folder holding one seed, moved into the test's own council."""
    (tmp_path / "seed.yaml").write_text(dump_case(seed("wirral-19-020-817.yaml", council)))
    return tmp_path


@pytest.mark.parametrize("today", [thu_26_nov_2026, sun_31_may_2026], ids=str)
def test_a_demo_council_has_clocks_overdue_due_this_week_and_due_next_week(world, tmp_path, today):
    c = world.container
    loaded = load_demo_data(c.uow, c.passwords, c.files, _examples(tmp_path, world.a), today=today)
    assert len(loaded) == 1 + SYNTHETIC
    assert {council for council, _ in loaded} == {world.a}
    manager = world.user(world.a, "team_manager")
    listing = reports.list_due_and_overdue(c.uow(), manager, today, per_page=500)
    buckets = Counter(bucket_of(item, today) for item in listing.items)
    assert buckets["overdue"] and buckets["this_week"] and buckets["next_week"], buckets
    assert all(i["case"].startswith(f"synthetic-{world.a}-") for i in listing.items)


def test_loading_the_demo_data_again_adds_nothing(world, tmp_path):
    c = world.container
    examples = _examples(tmp_path, world.a)
    first = load_demo_data(c.uow, c.passwords, c.files, examples, today=thu_26_nov_2026, synthetic=2)
    assert [case for _, case in first] == ["wirral-19-020-817", f"synthetic-{world.a}-001",
                                           f"synthetic-{world.a}-002"]
    assert load_demo_data(c.uow, c.passwords, c.files, examples, today=thu_26_nov_2026, synthetic=2) == []


@pytest.mark.parametrize("today", [thu_26_nov_2026, sun_31_may_2026], ids=str)
def test_each_weeks_list_and_the_home_board_are_the_whole_list_cut_by_week(world, tmp_path, today):
    c = world.container
    load_demo_data(c.uow, c.passwords, c.files, _examples(tmp_path, world.a), today=today)
    manager = world.user(world.a, "team_manager")
    whole = reports.list_due_and_overdue(c.uow(), manager, today, per_page=500).items
    weeks = ("overdue", "this_week", "next_week", "later")
    counts, board = reports.due_board(c.uow(), manager, today, weeks, 3)
    for week in weeks:
        expected = [i for i in whole if bucket_of(i, today) == week]
        listed = reports.list_due_and_overdue(c.uow(), manager, today, bucket=week, per_page=500)
        assert listed.items == expected and listed.total == len(expected), week
        assert board[week] == expected[:3], week
        assert sum(n for _, _, w, n in counts if w == week) == len(expected), week
