"""The bounds every input is held to, wherever it comes from (API, web form, file, command line).

A value past one of these is a mistake or an attack, never a real case: a remedy of £1e308
once made a complaint page fail for good, a page number past what a database integer holds
made the store fail, and a search of ninety words is more than PostgreSQL's text search takes.
Each check returns the problems it finds (or raises them), in the one error type.

>>> check_amount(250.5)
>>> check_amount(float("inf"))
"'inf' is not an amount of money this service takes"
>>> [p.field for p in page_problems(0, 50)]
['page']
"""

from __future__ import annotations

import math
import re

from casework.domain.errors import CaseworkError, Problem

MAX_AMOUNT = 10_000_000  # pounds: more than any remedy or loss the Ombudsman has recommended
MAX_PAGE = 100_000
MAX_PER_PAGE = 10_000  # what the service lists at once (the API asks for at most 500)
MAX_ID = 2**31 - 1  # the largest id a record can have (a 32-bit database integer)
MAX_SEARCH_CHARS = 500
MAX_SEARCH_WORDS = 32
MAX_TEXT = 20_000  # a note, a point of complaint, a description
MAX_NAME = 200  # an id, a name, a team, a reference
MAX_ITEMS = 200  # points in a complaint, children on an event, findings in a response

_WORD = re.compile(r"\w+")


def check_amount(value: object) -> str | None:
    """Why `value` is not a sum of money we take (None when it is): a finite number of pounds,
    0 to MAX_AMOUNT."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"'{value}' is not an amount of money"
    if not math.isfinite(value) or value < 0 or value > MAX_AMOUNT:
        return f"'{value}' is not an amount of money this service takes"
    return None


AMOUNT_FIX = f"write pounds as a number from 0 to {MAX_AMOUNT:,}, e.g. 250 or 542.25"


def page_problems(page: int, per_page: int, where: str = "query string") -> list[Problem]:
    problems = []
    if not 1 <= page <= MAX_PAGE:
        problems.append(Problem(where, "page", f"there is no page {page}", f"ask for a page from 1 to {MAX_PAGE:,}"))
    if not 1 <= per_page <= MAX_PER_PAGE:
        problems.append(Problem(where, "per_page", f"{per_page} a page is not allowed",
                                f"ask for 1 to {MAX_PER_PAGE} a page"))
    return problems


def check_page(page: int, per_page: int, where: str = "query string") -> None:
    problems = page_problems(page, per_page, where)
    if problems:
        raise CaseworkError(problems)


def check_search(query: str, where: str = "query string", field: str = "q") -> None:
    """A search of at most MAX_SEARCH_CHARS characters and MAX_SEARCH_WORDS words."""
    if len(query) > MAX_SEARCH_CHARS:
        raise CaseworkError(Problem(where, field, f"the search is {len(query):,} characters long",
                                    f"search for at most {MAX_SEARCH_CHARS} characters"))
    words = len(_WORD.findall(query))
    if words > MAX_SEARCH_WORDS:
        raise CaseworkError(Problem(where, field, f"the search has {words} words",
                                    f"search for at most {MAX_SEARCH_WORDS} words"))


def check_id(value: int, what: str, where: str = "path") -> None:
    if not 1 <= value <= MAX_ID:
        raise CaseworkError(Problem(where, what, f"there is no {what} {value}", "check the id"))
