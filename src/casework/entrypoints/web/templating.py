"""The Jinja2 environment: our page templates first, then the GOV.UK Frontend macros.

Templates live beside the routes that render them (routes/<area>.py renders
templates/<area>/<page>.html). The GOV.UK macros come from the `govuk-frontend-jinja`
package under the prefix `govuk_frontend_jinja/`, which is how its own templates import
each other. Filters here only format values for people to read; they decide nothing.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, PrefixLoader, select_autoescape

from casework.domain.dates import CaseDate

TEMPLATES = Path(__file__).parent / "templates"


def environment() -> Environment:
    env = Environment(
        loader=ChoiceLoader([
            FileSystemLoader(TEMPLATES),
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]),
        autoescape=select_autoescape(("html",)),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        day=format_day,
        casedate=format_case_date,
        money=format_money,
        plural=plural,
        words=words,
        council_name=council_name,
    )
    return env


def format_day(value: date | None) -> str:
    """'Monday 3 March 2025', the GOV.UK style for a single date."""
    return "" if value is None else f"{value:%A} {value.day} {value:%B %Y}"


def format_case_date(value: CaseDate) -> str:
    """A recorded date as precisely as it was recorded, and no more.

    A month-only record reads "March 2019 (month only)", so no one mistakes the first of
    the month for the day it happened.
    """
    if value.precision == "day":
        return format_day(value.earliest)
    if value.precision == "month":
        return f"{value.earliest:%B %Y} (month only)"
    if value.precision in ("early_month", "mid_month", "late_month"):
        part = value.precision.split("_")[0]
        return f"{part.capitalize()} {value.earliest:%B %Y} ({value.earliest.day}–{value.latest.day})"
    if value.precision == "year":
        return f"{value.earliest:%Y} (year only)"
    between = f"between {value.earliest.day} {value.earliest:%b %Y} and {value.latest.day} {value.latest:%b %Y}"
    return f"{value.text} ({between})" if value.text else between.capitalize()


def format_money(value: Decimal | float | int | None) -> str:
    """'£1,102.58'; whole pounds without pence ('£500')."""
    if value is None:
        return ""
    amount = Decimal(str(value)).quantize(Decimal("0.01"))
    if amount == amount.to_integral_value():
        return f"£{int(amount):,}"
    return f"£{amount:,.2f}"


def plural(count: int, singular: str, many: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (many or singular + 's')}"


def words(value: Any) -> str:
    """A code such as 'partially_upheld' as words: 'partially upheld'."""
    return str(value).replace("_", " ")


def council_name(slug: str) -> str:
    """'southend-on-sea' → 'Southend-on-Sea' for headings; the slug stays the identifier."""
    small = {"on", "upon", "of", "and", "the"}
    parts = str(slug).replace("_", " ").split("-")
    return "-".join(p if p in small and i else p.title() for i, p in enumerate(parts))
