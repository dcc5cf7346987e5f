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

from casework.domain import wording
from casework.domain.census.local_authorities import la_name
from casework.domain.dates import CaseDate
from casework.entrypoints.web import labels
from casework.service.access import Actor
from casework.service.event_guard import permission_for
from casework.service.read_models import LateBy

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
        detail=format_detail,
        isoday=format_iso_day,
        due_range=format_due_range,
        late_by=format_late_by,
        role=labels.role, procedure=labels.procedure, stage=labels.stage, state=labels.state,
        event_label=labels.event, person=labels.person, worker=labels.worker,
        audit_action=labels.audit_action, record_type=labels.record_type, may_record=may_record,
        citation=labels.citation, basis=labels.basis, finding_stage=labels.finding_stage, working=labels.working,
    )
    env.tests["may_record_for"] = lambda event_type, user: may_record(user, event_type)
    return env


def format_day(value: date | None) -> str:
    """'Monday 3 March 2025', the GOV.UK style for a single date."""
    return "" if value is None else wording.long_day(value)


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
    return wording.plural(count, singular, many)


def words(value: Any) -> str:
    """A code such as 'partially_upheld' as words: 'partially upheld'."""
    return str(value).replace("_", " ")


def council_name(slug: str) -> str:
    """'southend-on-sea' → 'Southend-on-Sea' for headings; the slug stays the identifier. A
    council stored from a census is its DfE code: '301' → 'Barking and Dagenham (301)'."""
    if str(slug).isdigit():
        name = la_name(str(slug))
        return f"{name} ({slug})" if name != slug else str(slug)
    small = {"on", "upon", "of", "and", "the"}
    parts = str(slug).replace("_", " ").split("-")
    return "-".join(p if p in small and i else p.title() for i, p in enumerate(parts))


def format_detail(value: Any) -> str:
    """An event detail as words: findings '1: upheld; 2: not upheld', lists joined, yes/no."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, CaseDate):
        return format_case_date(value)
    if isinstance(value, date):
        return format_day(value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {words(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(words(v) if isinstance(v, str) and " " not in v else str(v) for v in value)
    return words(value) if isinstance(value, str) and " " not in value else str(value)


def format_iso_day(value: date | str | None) -> str:
    """A date from a typed read model (or an ISO string from a page not yet moved to one), for
    people: '3 March 2025'."""
    if not value:
        return ""
    return wording.day(value if isinstance(value, date) else date.fromisoformat(value))


def format_due_range(earliest: date | str | None, latest: date | str | None) -> str:
    """One due date, or the range of due dates an imprecise trigger gives (dates from a typed
    read model; an ISO string from a page not yet moved to one)."""
    if not earliest or not latest:
        return ""
    first = earliest if isinstance(earliest, date) else date.fromisoformat(earliest)
    last = latest if isinstance(latest, date) else date.fromisoformat(latest)
    return wording.date_range(first, last)


def format_late_by(late: LateBy | dict[str, int | None] | None) -> str:
    """'12 working days', or '3 to 25 working days' when the dates allow a range."""
    if isinstance(late, LateBy):
        late = {"min": late.min, "max": late.max}
    if not late or late.get("max") is None:
        return ""
    return wording.working_days_between(late.get("min"), int(late["max"] or 0))


def may_record(user: Actor | None, event_type: str) -> bool:
    """Whether the signed-in user's role may record this event type: a page offers a step or
    an event form only to those who could submit it (the use case checks again on submit)."""
    return user is not None and user.may(permission_for(event_type))
