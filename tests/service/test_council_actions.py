"""The council-wide list of agreed actions: one query, the actor's council only, overdue
first, a page at a time, every read logged."""

from __future__ import annotations

from datetime import date

import pytest
from store_backends import seed

from casework.service import actions, cases
from casework.service.trail import read_audit_log

mon_2_jun_2025 = date(2025, 6, 2)


@pytest.fixture
def two_councils(world):
    """Wirral's chronology in council a and in council b, with actions agreed in each."""
    made = {}
    for council in (world.a, world.b):
        manager = world.user(council, "complaints_manager")
        cases.import_case(world.container.uow(), manager, seed("wirral-19-020-817.yaml", council))
        agree = lambda what, deadline, decided, m=manager: actions.agree_action(  # noqa: E731
            world.container.uow(), m, "wirral-19-020-817", what, deadline, decided)["id"]
        made[council] = {
            "evidenced": agree("apologise", "within four weeks", "2025-03-03"),
            "overdue": agree("pay £300", "within one month", "2025-04-01"),
            "open_later": agree("review the plan", "within three months", "2025-05-01"),
            "open_soon": agree("train staff", "within four weeks", "2025-05-12"),
            "unresolved": agree("write to the family", "within one month", "2025-05"),
        }
        actions.evidence_action(world.container.uow(), manager, made[council]["evidenced"], "2025-03-20",
                                note="letter sent")
    return made


def test_another_councils_actions_never_appear(world, two_councils):
    reader = world.user(world.a, "caseworker")
    listing = actions.list_council_actions(world.container.uow(), reader, as_of=mon_2_jun_2025)
    assert {a["id"] for a in listing.items} == set(two_councils[world.a].values())
    assert listing.total == 5
    assert not {a["id"] for a in listing.items} & set(two_councils[world.b].values())


def test_a_reader_granted_another_council_still_lists_only_their_own_councils_actions(world, two_councils):
    investigator = world.user(world.b, "ombudsman_investigator", grants=(world.a,))
    listing = actions.list_council_actions(world.container.uow(), investigator, as_of=mon_2_jun_2025)
    assert {a["id"] for a in listing.items} == set(two_councils[world.b].values())


def test_overdue_come_first_then_open_by_due_date_then_unresolved_then_evidenced(world, two_councils):
    listing = actions.list_council_actions(world.container.uow(), world.user(world.a, "caseworker"),
                                           as_of=mon_2_jun_2025)
    ids = two_councils[world.a]
    assert [a["id"] for a in listing.items] == [
        ids["overdue"], ids["open_soon"], ids["open_later"], ids["unresolved"], ids["evidenced"]]
    assert [a["overdue"] for a in listing.items] == [True, False, False, False, False]


def test_the_pages_together_are_the_whole_list_in_order(world, two_councils):
    reader = world.user(world.a, "caseworker")
    whole = actions.list_council_actions(world.container.uow(), reader, as_of=mon_2_jun_2025)
    pages = [actions.list_council_actions(world.container.uow(), reader, page=n, per_page=2, as_of=mon_2_jun_2025)
             for n in (1, 2, 3)]
    assert [len(p.items) for p in pages] == [2, 2, 1] and all(p.total == 5 for p in pages)
    assert [a["id"] for p in pages for a in p.items] == [a["id"] for a in whole.items]


def test_listing_the_councils_actions_is_in_the_audit_log(world, two_councils):
    reader = world.user(world.a, "caseworker")
    actions.list_council_actions(world.container.uow(), reader, per_page=2, as_of=mon_2_jun_2025)
    log = read_audit_log(world.container.uow(), world.user(world.a, "complaints_manager"))
    entry = next(e for e in log["items"] if e["user"] == reader.username)
    assert (entry["action"], entry["record_type"], entry["record"]) == ("list", "action", "*")
    assert entry["detail"].startswith("page 1: ")
