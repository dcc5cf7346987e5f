"""Opening a case for a child who has none: the case's reference, the child as the CIN census
describes them (LAchildID, UPN, PersonBirthDate or ExpectedPersonBirthDate, Sex, Ethnicity,
Disability codes, from the DfE's code sets in `domain.census.checks`), and the team and
worker who hold it.

Every problem is found before anything is stored and reported together, each naming its
field; the case is then stored through `import_case`, so it meets the same whole-chronology
check as an imported file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from casework.domain.census.checks import DISABILITIES, ETHNICITIES, SEXES
from casework.domain.chronology import Case, Child, check_case
from casework.domain.errors import CaseworkError, Problem
from casework.service.access import PERMISSIONS, Actor
from casework.service.cases import import_case
from casework.service.ports import UnitOfWork

# The chronology file's case id (adapters/chronology_file.SLUG), and a child id as an event id.
REFERENCE = re.compile(r"[a-z0-9][a-z0-9_.-]*")
CHILD_ID = re.compile(r"[A-Za-z0-9_.-]+")
# A Unique Pupil Number: a check letter, 11 digits, and a digit (or a letter for a temporary UPN).
UPN = re.compile(r"[A-Z][0-9]{11}[0-9A-Z]")


@dataclass(frozen=True)
class NewCase:
    reference: str
    child_id: str
    title: str = ""
    upn: str = ""
    date_of_birth: date | None = None
    expected_birth: date | None = None
    sex: str = ""
    ethnicity: str = ""
    disabilities: tuple[str, ...] = field(default=())
    team: str = ""
    worker: str = ""


def _problem(field_: str, problem: str, fix: str) -> Problem:
    return Problem("new case", field_, problem, fix)


def case_problems(new: NewCase, today: date) -> list[Problem]:
    """Everything wrong with the new case's details (empty when it can be opened)."""
    problems = []
    if not REFERENCE.fullmatch(new.reference):
        problems.append(_problem("reference", "enter the case reference" if not new.reference else
                                 f"‘{new.reference}’ cannot be a case reference",
                                 "use small letters, digits, dots, dashes or underscores, starting with "
                                 "a letter or digit, for example wirral-26-001"))
    if not CHILD_ID.fullmatch(new.child_id):
        problems.append(_problem("child_id", "enter the child’s ID (LAchildID)" if not new.child_id else
                                 f"‘{new.child_id}’ cannot be a child’s ID",
                                 "use letters, digits, dots, dashes or underscores, as the CIN census "
                                 "LAchildID does"))
    if new.upn and not UPN.fullmatch(new.upn):
        problems.append(_problem("upn", "the UPN is not 13 characters: a capital letter, 11 digits and a "
                                 "digit or capital letter", "check it against the school’s record, "
                                 "or leave it empty"))
    problems += _birth_problems(new, today)
    for name, value, allowed, words in (("sex", new.sex, SEXES, "sex"),
                                        ("ethnicity", new.ethnicity, ETHNICITIES, "ethnicity")):
        if not value:
            problems.append(_problem(name, f"select the child’s {words}", "choose one from the list"))
        elif value not in allowed:
            problems.append(_problem(name, f"‘{value}’ is not a CIN census {words} code",
                                     f"choose one of: {', '.join(sorted(allowed))}"))
    unknown = [d for d in new.disabilities if d not in DISABILITIES]
    if unknown:
        problems.append(_problem("disabilities", f"{', '.join(unknown)} is not a CIN census disability code",
                                 f"choose from: {', '.join(sorted(DISABILITIES))}"))
    elif "NONE" in new.disabilities and len(new.disabilities) > 1:
        problems.append(_problem("disabilities", "‘no disability’ is ticked with a disability",
                                 "tick either no disability or the child’s disabilities"))
    return problems


def _birth_problems(new: NewCase, today: date) -> list[Problem]:
    if new.date_of_birth and new.expected_birth:
        return [_problem("date_of_birth", "both a date of birth and an expected date of birth are given",
                         "give the date of birth, or for an unborn child only the expected date")]
    if new.date_of_birth is None and new.expected_birth is None:
        return [_problem("date_of_birth", "enter the child’s date of birth",
                         "for an unborn child, enter the expected date of birth instead")]
    if new.date_of_birth and new.date_of_birth > today:
        return [_problem("date_of_birth", "the date of birth is in the future",
                         "for an unborn child, enter it as the expected date of birth")]
    if new.expected_birth and new.expected_birth < today:
        return [_problem("expected_birth", "the expected date of birth has passed",
                         "enter the date of birth instead")]
    return []


def open_case(uow: UnitOfWork, actor: Actor, new: NewCase, today: date | None = None) -> str:
    """Open the case with its one child; nothing is stored if anything is wrong."""
    actor.require("case:write")
    problems = case_problems(new, today or date.today())
    if new.worker:
        with uow:
            holder = uow.users.by_username(new.worker)
            holds = holder is not None and holder.council_id == actor.council_id and (
                holder.role in PERMISSIONS["case:write"])
        if not holds:
            problems.append(_problem("worker", "that worker cannot hold a case here",
                                     "choose a caseworker or manager of your council"))
    if problems:
        raise CaseworkError(problems)
    identifiers = {"UPN": new.upn} if new.upn else {}
    if new.expected_birth:
        identifiers["ExpectedPersonBirthDate"] = new.expected_birth.isoformat()
    child = Child(new.child_id, new.date_of_birth, disabled=any(d != "NONE" for d in new.disabilities),
                  sex=new.sex, ethnicity=new.ethnicity, identifiers=identifiers,
                  disabilities=new.disabilities)
    case = Case(new.reference, actor.council, new.title.strip(), children=(child,), where="new case")
    if check_case(case):
        raise CaseworkError(check_case(case))
    return import_case(uow, actor, case, team=new.team.strip(), worker=new.worker)


def case_holders(uow: UnitOfWork, actor: Actor) -> tuple[list[tuple[str, str]], list[str]]:
    """Who in the actor's council may hold a case (username, name), and the council's teams."""
    actor.require("case:read")
    with uow:
        choices = uow.registers.choices((actor.council_id,))
    roles = dict(choices["roles"])
    return ([(u, name) for u, name in choices["users"] if roles.get(u) in PERMISSIONS["case:write"]],
            [t for t, _ in choices["teams"]])
