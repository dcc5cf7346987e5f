"""Reminder emails: whose clocks they are, which week they fall in, and what the email says.

An email is not a secure channel for case details: it can be forwarded, read on a shared
screen or kept on a phone. So a reminder names only the case reference and the rule (with
its due date and a link to the page, where the reader signs in to see the rest) — never a
child, a person, a complaint's words or a finding.

>>> week_of(date(2026, 5, 6), "due", date(2026, 5, 4))   # Wednesday, as of Monday
'this_week'
>>> week_of(date(2026, 5, 11), "due", date(2026, 5, 8))  # next Monday, as of Friday
'next_week'
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

WEEKS = {"overdue": "Overdue", "this_week": "Due this week", "next_week": "Due next week"}


@dataclass(frozen=True, order=True)
class ReminderItem:
    """One clock in a reminder: the case reference, the rule, when it is due, and which week."""

    week: str
    due: date
    case: str
    rule: str
    title: str
    complaint: str | None = None


@dataclass(frozen=True)
class Recipient:
    username: str
    role: str
    team: str
    email: str


def week_of(due: date, status: str, as_of: date) -> str | None:
    """'overdue', 'this_week' (to Sunday), 'next_week' (the Monday to Sunday after), or None
    for a clock due later than that."""
    if status == "overdue":
        return "overdue"
    sunday = as_of + timedelta(days=6 - as_of.weekday())
    if due <= sunday:
        return "this_week"
    return "next_week" if due <= sunday + timedelta(days=7) else None


def is_theirs(recipient: Recipient, case_team: str, case_worker: str, complaint: str | None) -> bool:
    """A caseworker's cases, a team manager's team's cases, a complaints manager's complaints."""
    if recipient.role == "caseworker":
        return case_worker == recipient.username
    if recipient.role == "team_manager":
        return bool(recipient.team) and case_team == recipient.team
    if recipient.role == "complaints_manager":
        return complaint is not None
    return False


def fingerprint(items: Iterable[ReminderItem]) -> str:
    """What the list holds, so an unchanged list is not sent again."""
    lines = sorted(f"{i.week}|{i.due}|{i.case}|{i.rule}|{i.complaint or ''}" for i in items)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def email_text(items: Sequence[ReminderItem], as_of: date, base_url: str) -> tuple[str, str]:
    """The subject and plain-text body: per week, each case reference and rule, with a link."""
    counts = ", ".join(f"{sum(i.week == w for i in items)} {words.lower()}"
                       for w, words in WEEKS.items() if any(i.week == w for i in items))
    lines = [f"What is due on your cases, as of {as_of:%A} {as_of.day} {as_of:%B %Y}.",
             "Sign in to see the details: for privacy this email names only the case reference and the rule.",
             ""]
    for week, words in WEEKS.items():
        chosen = sorted(i for i in items if i.week == week)
        if not chosen:
            continue
        lines += [f"{words} ({len(chosen)})", ""]
        for item in chosen:
            lines.append(f"- Case {item.case}: {item.title} [{item.rule}], due {item.due:%a} "
                         f"{item.due.day} {item.due:%b %Y}")
            lines.append(f"  {base_url.rstrip('/')}/cases/{item.case}")
        lines.append("")
    lines.append("You get this email once a day when your list changes. To stop it, turn "
                 "reminders off: casework users reminders <username> --off, or ask your administrator.")
    return f"Casework reminders: {counts}", "\n".join(lines) + "\n"
