"""Reading form fields the GOV.UK way: a date as day, month and year boxes; money in
pounds. Each reader returns the value or the message to show, in the Design System's
wording ("Date must be a real date"), never both.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from casework.domain.dates import CaseDate
from casework.domain.limits import MAX_AMOUNT


def date_parts(form: Mapping[str, str], name: str) -> dict[str, str]:
    return {part: str(form.get(f"{name}-{part}", "")).strip() for part in ("day", "month", "year")}


def read_date(form: Mapping[str, str], name: str, label: str) -> tuple[date | None, str | None]:
    """`label` starts the message: 'The date support was due must be a real date'."""
    parts = date_parts(form, name)
    missing = [p for p, v in parts.items() if not v]
    if len(missing) == 3:
        return None, f"Enter {label.lower()}"
    if missing:
        return None, f"{label} must include a {' and '.join(missing)}"
    try:
        day, month, year = (int(parts[p]) for p in ("day", "month", "year"))
        if year < 1900 or year > 2100:
            return None, f"{label} must have a year between 1900 and 2100"
        return date(year, month, day), None
    except ValueError:
        return None, f"{label} must be a real date"


def read_case_date(form: Mapping[str, str], name: str, label: str, today: date, errors: Any, *,
                   meeting: bool = False, allow_future: bool = False, required: bool = True,
                   month_only: bool = True) -> CaseDate | None:
    """A date typed as day, month and year (or, with the `NAME-month-only` box ticked, a
    month and year only), with its problem added to `errors` (a `FormErrors`) under `name`.

    A date after `today` is refused unless `allow_future` (a date promised, not one that
    happened); a meeting's weekend date is queried until `NAME-weekend` confirms it.
    """
    parts = date_parts(form, name)
    only_month = month_only and bool(form.get(f"{name}-month-only"))
    needed = ("month", "year") if only_month else ("day", "month", "year")
    missing = [p for p in needed if not parts[p]]
    if len(missing) == len(needed):
        if required:
            errors.add(name, f"Enter {_the(label)}", f"{name}-{needed[0]}")
        return None
    if missing:
        errors.add(name, f"{label} must include a {' and a '.join(missing)}", f"{name}-{missing[0]}")
        return None
    try:
        numbers = {p: int(parts[p]) for p in needed}
    except ValueError:
        wrong = next(p for p in needed if not parts[p].isdigit())
        errors.add(name, f"{label} must be a real date", f"{name}-{wrong}")
        return None
    if not 1900 <= numbers["year"] <= 2100:
        errors.add(name, f"{label} must have a year between 1900 and 2100", f"{name}-year")
        return None
    if not 1 <= numbers["month"] <= 12:
        errors.add(name, f"{label} must be a real date", f"{name}-month")
        return None
    if only_month:
        last = calendar.monthrange(numbers["year"], numbers["month"])[1]
        first = date(numbers["year"], numbers["month"], 1)
        value = CaseDate(first, date(first.year, first.month, last), "month", first.isoformat()[:7])
    else:
        try:
            value = CaseDate.exact(date(numbers["year"], numbers["month"], numbers["day"]))
        except ValueError:
            errors.add(name, f"{label} must be a real date", f"{name}-day")
            return None
    if not allow_future and value.earliest > today:
        errors.add(name, f"{label} must be today or in the past", f"{name}-{needed[0]}")
        return None
    if meeting and value.is_exact and value.earliest.weekday() >= 5 and not form.get(f"{name}-weekend"):
        day = value.earliest
        errors.add(name, f"{day.day} {day:%B %Y} is a {day:%A}. Check the date, or tick "
                         "‘Yes, it was on a weekend’", f"{name}-weekend")
        return None
    return value


def _the(label: str) -> str:
    lowered = label[:1].lower() + label[1:]
    return lowered if lowered.startswith(("the ", "a ")) else f"the {lowered}"


def read_money(raw: object, label: str, *, required: bool = True) -> tuple[Decimal | None, str | None]:
    text = str(raw or "").strip().replace(",", "").removeprefix("£")
    if not text:
        return (None, f"Enter {label.lower()}") if required else (Decimal(0), None)
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None, f"{label} must be an amount of money, like 250 or 542.25"
    if not value.is_finite() or value < 0:
        return None, f"{label} must be zero or more"
    if value > MAX_AMOUNT:
        return None, f"{label} must be £{MAX_AMOUNT:,} or less"
    return value, None


def date_items(form: Mapping[str, str], name: str, has_error: bool) -> list[dict[str, object]]:
    """The `items` for govukDateInput, keeping what was typed and marking errors."""
    parts = date_parts(form, name)
    widths = {"day": "govuk-input--width-2", "month": "govuk-input--width-2", "year": "govuk-input--width-4"}
    error = " govuk-input--error" if has_error else ""
    return [
        {"name": part, "label": part.capitalize(), "value": parts[part], "classes": widths[part] + error,
         "autocomplete": "off", "inputmode": "numeric"}
        for part in ("day", "month", "year")
    ]


def date_fields(value: date) -> dict[str, str]:
    """A date as the three boxes' values, for filling a form in."""
    return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
