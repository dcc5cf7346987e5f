"""Reminder emails: each user gets what of theirs is overdue, due this week and due next week.

What is due is read through `reports.due_and_overdue`, the one query the home page uses,
once per council; each user's share is picked out (`domain.reminders.is_theirs`). A user
gets at most one email a day, and only when their list differs from the last one sent
(its fingerprint is stored). A failed send is recorded and reported, and as nothing was
recorded as sent, the next run tries again. A dry run sends and stores nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from itertools import groupby
from typing import Any

from casework.domain.errors import CaseworkError
from casework.domain.reminders import Recipient, ReminderItem, email_text, fingerprint, is_theirs, week_of
from casework.service.access import Actor, system_actor
from casework.service.ports import Mailer, MailError, UnitOfWork, UnitOfWorkFactory
from casework.service.reports import due_and_overdue
from casework.service.trail import record


@dataclass(frozen=True)
class Outcome:
    username: str
    email: str
    items: int
    status: str  # sent, would_send, unchanged, already_today, nothing_due, failed
    error: str = ""


@dataclass
class RunReport:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]


def send_reminders(uow: UnitOfWorkFactory, mailer: Mailer | None, as_of: date, base_url: str,
                   dry_run: bool = False) -> RunReport:
    """One reminder run over every council; `mailer` may be None only for a dry run."""
    report = RunReport()
    with uow() as work:
        users = [(u.id, u.council_id, u.council.slug, Recipient(u.username, u.role, u.team, u.email))
                 for u in work.users.wanting_reminders()]
    for (council_id, council), members in groupby(users, key=lambda u: (u[1], u[2])):
        due = due_and_overdue(uow(), system_actor(council_id, council, "reminders"), as_of)
        for user_id, _, _, recipient in members:
            items = _items_for(recipient, due, as_of)
            report.outcomes.append(_remind(uow(), mailer, user_id, recipient, items, as_of,
                                           base_url, dry_run))
    return report


def _items_for(recipient: Recipient, due: list[dict[str, Any]], as_of: date) -> list[ReminderItem]:
    items = []
    for clock in due:
        if not clock.get("due_latest") or not is_theirs(recipient, clock["team"], clock["worker"],
                                                        clock.get("complaint")):
            continue  # a clock with no single due day cannot be put in a week
        day = date.fromisoformat(clock["due_latest"])
        week = week_of(day, clock["status"], as_of)
        if week is not None:
            items.append(ReminderItem(week, day, clock["case"], clock["rule"], clock["title"],
                                      clock.get("complaint")))
    return sorted(items)


def _remind(uow: UnitOfWork, mailer: Mailer | None, user_id: int, recipient: Recipient,
            items: list[ReminderItem], as_of: date, base_url: str, dry_run: bool) -> Outcome:
    def outcome(status: str, error: str = "") -> Outcome:
        return Outcome(recipient.username, recipient.email, len(items), status, error)

    if not items:
        return outcome("nothing_due")
    prints = fingerprint(items)
    with uow:
        last = uow.reminders.last_sent(user_id)
        if last is not None and last.as_of >= as_of:
            return outcome("already_today")
        if last is not None and last.fingerprint == prints:
            return outcome("unchanged")
        if dry_run or mailer is None:
            return outcome("would_send")
        subject, body = email_text(items, as_of, base_url)
        try:
            mailer.send(recipient.email, subject, body)
        except MailError as exc:
            uow.reminders.add(user_id=user_id, at=datetime.now(UTC), as_of=as_of, fingerprint=prints,
                              items=len(items), status="failed", error=str(exc)[:2000])
            uow.commit()
            return outcome("failed", str(exc))
        uow.reminders.add(user_id=user_id, at=datetime.now(UTC), as_of=as_of, fingerprint=prints,
                          items=len(items), status="sent")
        uow.commit()
    return outcome("sent")


def set_reminders(uow: UnitOfWork, username: str, on: bool, email: str | None = None) -> tuple[bool, str]:
    """Turn a user's reminders on or off (and set their address); returns the new setting."""
    from casework.service.errors import NotFound

    if email is not None and email.strip() and ("@" not in email or any(c.isspace() for c in email.strip())):
        raise CaseworkError.single("command line", "--email", f"'{email}' is not an email address",
                                   "give an address like name@council.gov.uk")
    with uow:
        user = uow.users.by_username(username)
        if user is None:
            raise NotFound("user", username)
        uow.users.set_reminders(user, on, None if email is None else email.strip())
        actor = system_actor(user.council_id, user.council.slug, "reminders")
        record(uow, actor, "update", "user", username, f"reminders {'on' if on else 'off'}")
        uow.commit()
        return bool(user.reminders), str(user.email)


def my_reminders(uow: UnitOfWork, actor: Actor) -> tuple[bool, str]:
    """The signed-in user's own setting: (reminders on, the address they go to)."""
    with uow:
        user = uow.users.by_username(actor.username)
        return (bool(user.reminders), str(user.email)) if user is not None else (False, "")


def set_my_reminders(uow: UnitOfWork, actor: Actor, on: bool) -> tuple[bool, str]:
    """A user turns their own reminders on or off."""
    return set_reminders(uow, actor.username, on)
