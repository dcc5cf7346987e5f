"""The password policy: long enough, not absurdly long, and not one that attackers try first.

A password is refused when it is shorter than `MIN_LENGTH` characters, longer than
`MAX_LENGTH` (hashing a megabyte on every guess is a denial of service), one of the
common passwords in `common-passwords.txt.gz` (compared case-insensitively; Django's list,
see LICENSE-common-passwords.txt), or contains the username. There are no composition
rules (a digit, a symbol…): they push people to `Password1!`, which the list refuses anyway.

>>> [p.field for p in password_problems("12345678", "ann")]
['password']
>>> password_problems("correct horse battery", "ann")
[]
"""

from __future__ import annotations

import gzip
from functools import cache
from pathlib import Path

from casework.domain.errors import Problem

MIN_LENGTH = 8
MAX_LENGTH = 256
COMMON = Path(__file__).with_name("common-passwords.txt.gz")


@cache
def common_passwords() -> frozenset[str]:
    with gzip.open(COMMON, "rt", encoding="utf-8") as lines:
        return frozenset(line.strip().lower() for line in lines if line.strip())


def password_problems(password: str, username: str = "") -> list[Problem]:
    """What is wrong with `password` for `username`; an empty list when it will do."""
    if len(password) < MIN_LENGTH:
        return [_problem(f"the password is shorter than {MIN_LENGTH} characters",
                         "choose a longer password: three or four unrelated words work well")]
    if len(password) > MAX_LENGTH:
        return [_problem(f"the password is longer than {MAX_LENGTH} characters", "choose a shorter one")]
    if password.lower() in common_passwords():
        return [_problem("the password is one of the most common passwords, which are tried first",
                         "choose one nobody would guess: three or four unrelated words work well")]
    if username.strip() and username.strip().lower() in password.lower():
        return [_problem("the password contains the username", "choose one that does not")]
    return []


def _problem(problem: str, fix: str) -> Problem:
    return Problem("user", "password", problem, fix)
