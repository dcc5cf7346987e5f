"""Reminder emails through a real SMTP server run in-process (aiosmtpd), on SQLite and
PostgreSQL: the right people get the right clocks, an unchanged list is not sent twice, a
dry run sends nothing, and an SMTP failure is reported and retried on the next run."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from annual_year import NAMES, ev
from smtp_inbox import Inbox, free_port, smtp_server

from casework.adapters.mail import SmtpMailer
from casework.domain.chronology import Case, Child
from casework.service import cases, complaints
from casework.service.auth import add_user
from casework.service.reminders import send_reminders, set_reminders

PASSWORD = "correct horse battery"
MON_11_MAY_2026 = date(2026, 5, 11)


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, SmtpMailer]]:
    with smtp_server() as (inbox, port):
        yield inbox, SmtpMailer("127.0.0.1", port, "casework@council.example", tls="none")


@pytest.fixture
def staff(world: Any) -> dict[str, str]:
    """Four users of council a with addresses; three cases with a complaint clock each:
    north-1 (Ann's, team north) due Tue 19 May, north-2 (team north) overdue since 16 Apr,
    south-1 (Bea's, team south) due Tue 12 May."""
    uow, council = world.container.uow, world.a
    people = {"ann": ("caseworker", "north"), "bea": ("caseworker", "south"),
              "tom": ("team_manager", "north"), "cat": ("complaints_manager", "")}
    names = {}
    for short, (role, team) in people.items():
        name = f"{council}.{short}"
        add_user(uow(), world.container.passwords, council, name, PASSWORD, role, team=team)
        set_reminders(uow(), name, True, f"{short}@{council}.example")
        names[short] = name
    writer = world.user(council, "team_manager")  # an import writes its complaint events too
    for slug, received, team, worker in (("north-1", "2026-05-05", "north", names["ann"]),
                                         ("north-2", "2026-04-01", "north", "someone"),
                                         ("south-1", "2026-04-27", "south", names["bea"])):
        chronology = Case(slug, council, f"Case of {NAMES[0]}", (Child("Z", note=NAMES[0]),), (), (
            ev(f"{slug}-c", "complaint_received", received, complaint="C1", procedure="statutory",
               points={1: f"{NAMES[1]} was not told"}),))
        cases.import_case(uow(), writer, chronology, team=team, worker=worker)
    return names


def mine(outcomes: list[Any], council: str) -> dict[str, tuple[int, str]]:
    return {o.email.split("@")[0]: (o.items, o.status) for o in outcomes if o.email.endswith(f"@{council}.example")}


def inbox_for(inbox: Inbox, council: str) -> dict[str, str]:
    return {m["To"].split("@")[0]: m.get_content() for m in inbox.messages if m["To"].endswith(f"@{council}.example")}


def test_each_person_gets_their_own_clocks_once_and_only_the_case_and_rule(world, staff, smtp):
    inbox, mailer = smtp
    base = "https://casework.council.example"
    run = send_reminders(world.container.uow, mailer, MON_11_MAY_2026, base)
    assert mine(run.outcomes, world.a) == {"ann": (1, "sent"), "bea": (1, "sent"), "tom": (2, "sent"),
                                           "cat": (3, "sent")}
    mail = inbox_for(inbox, world.a)
    assert "Due next week (1)" in mail["ann"] and "Case north-1: " in mail["ann"] and "[stage1_response]" in mail["ann"]
    assert f"{base}/cases/north-1" in mail["ann"] and "south-1" not in mail["ann"]
    assert "Overdue (1)" in mail["tom"] and "north-2" in mail["tom"] and "south-1" not in mail["tom"]
    assert all(c in mail["cat"] for c in ("north-1", "north-2", "south-1"))
    for body in mail.values():
        assert not any(private in body for private in (*NAMES, "not told", "Child", "Z "))

    again = send_reminders(world.container.uow, mailer, MON_11_MAY_2026, base)
    assert {s for _, s in mine(again.outcomes, world.a).values()} == {"already_today"}
    next_day = send_reminders(world.container.uow, mailer, date(2026, 5, 12), base)
    assert {s for _, s in mine(next_day.outcomes, world.a).values()} == {"unchanged"}
    assert len(inbox_for(inbox, world.a)) == 4 and len([m for m in inbox.messages
                                                       if m["To"].endswith(f"@{world.a}.example")]) == 4

    manager = world.user(world.a, "complaints_manager")
    complaints.record_complaint_event(world.container.uow(), manager, "south-1", "C1", "stage1_response",
                                      "2026-05-12", findings={"1": "not_upheld"})
    changed = send_reminders(world.container.uow, mailer, date(2026, 5, 13), base)
    assert mine(changed.outcomes, world.a) == {"ann": (1, "unchanged"), "bea": (0, "nothing_due"),
                                               "tom": (2, "unchanged"), "cat": (2, "sent")}


def test_a_dry_run_sends_and_stores_nothing_and_a_user_may_turn_reminders_off(world, staff, smtp):
    inbox, mailer = smtp
    set_reminders(world.container.uow(), staff["bea"], False)
    dry = send_reminders(world.container.uow, mailer, MON_11_MAY_2026, "http://x", dry_run=True)
    assert mine(dry.outcomes, world.a) == {"ann": (1, "would_send"), "tom": (2, "would_send"),
                                           "cat": (3, "would_send")}
    assert inbox_for(inbox, world.a) == {}
    real = send_reminders(world.container.uow, mailer, MON_11_MAY_2026, "http://x")
    assert {s for _, s in mine(real.outcomes, world.a).values()} == {"sent"}
    assert "bea" not in inbox_for(inbox, world.a)


def test_an_smtp_failure_is_reported_and_the_reminder_is_sent_on_the_next_run(world, staff, smtp):
    inbox, mailer = smtp
    nowhere = SmtpMailer("127.0.0.1", free_port(), "casework@council.example", tls="none", timeout=5)
    failed = send_reminders(world.container.uow, nowhere, MON_11_MAY_2026, "http://x")
    assert {s for _, s in mine(failed.outcomes, world.a).values()} == {"failed"}
    assert all("127.0.0.1" in o.error for o in failed.failed)
    with world.container.uow() as uow:
        user = uow.users.by_username(staff["cat"])
        assert [(r.status, r.items) for r in uow.reminders.for_user(user.id)] == [("failed", 3)]
    retried = send_reminders(world.container.uow, mailer, MON_11_MAY_2026, "http://x")
    assert {s for _, s in mine(retried.outcomes, world.a).values()} == {"sent"}
    assert set(inbox_for(inbox, world.a)) == {"ann", "bea", "tom", "cat"}
