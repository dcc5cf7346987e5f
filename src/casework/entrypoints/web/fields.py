"""Reading form fields the GOV.UK way: a date as day, month and year boxes; money in
pounds. Each reader returns the value or the message to show, in the Design System's
wording ("Date must be a real date"), never both.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation


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
