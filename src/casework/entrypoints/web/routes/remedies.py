"""The remedy calculator: a payment judged against the Guidance on Remedies in force on a
date, and a financial loss worked out for a period, with every step shown.

Pure: nothing is stored, so the form submits by GET and each result has its own link.
The figures come from casework.domain.remedies (the dated guidance entries), never from
this module or its template.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse

from casework.domain.decisions.benchmarks import THEMES
from casework.domain.errors import CaseworkError
from casework.domain.events import REMEDY_PURPOSES
from casework.domain.remedies import (
    LossCalculation,
    PaymentJudgement,
    financial_loss,
    guidance_versions,
    judge_payment,
    loss_period,
)
from casework.entrypoints.web.fields import date_items, read_date, read_money
from casework.entrypoints.web.forms import FormErrors
from casework.entrypoints.web.pages import Page, page
from casework.service.decisions import benchmark_remedies

router = APIRouter(include_in_schema=False)

JUDGED_PURPOSES = tuple(p for p in REMEDY_PURPOSES if p not in ("financial_loss", "other"))
RATES = ("week", "hour", "day", "month")
COMPLAINT_PATH = re.compile(r"/cases/[A-Za-z0-9_.-]+/complaints/[A-Za-z0-9_.-]+")


@router.get("/remedies", response_class=HTMLResponse)
def calculator(p: Page = Depends(page)) -> HTMLResponse:  # noqa: B008
    form: Mapping[str, str] = p.request.query_params
    errors = FormErrors()
    judgement = _judge(form, errors) if form.get("calculate") == "payment" else None
    loss = _loss(form, errors) if form.get("calculate") == "loss" else None
    return p.render(
        "remedies/calculator.html", title="Remedy calculator", section="remedies", form=form,
        errors=errors, judgement=judgement, loss=loss, purposes=JUDGED_PURPOSES, rates=RATES,
        versions=guidance_versions(), date_items=_date_items(form, errors),
        themes=THEMES, benchmark=_benchmark(p, form), back_to=_back_to(p, form),
        status=400 if errors else 200,
    )


def _back_to(p: Page, form: Mapping[str, str]) -> str | None:
    """The complaint a signed-in user came from, to take the result back to (a path on this
    site only: `/cases/<case>/complaints/<ref>`)."""
    target = form.get("for", "")
    return target if p.user is not None and COMPLAINT_PATH.fullmatch(target) else None


def _benchmark(p: Page, form: Mapping[str, str]) -> dict[str, Any] | None:
    """What the Ombudsman's decisions paid for the chosen fault theme (signed-in staff only)."""
    theme = form.get("theme", "").strip()
    if p.user is None or not theme:
        return None
    return benchmark_remedies(p.services.uow(), p.actor, theme)


def _date_items(form: Mapping[str, str], errors: FormErrors) -> dict[str, list[dict[str, Any]]]:
    return {name: date_items(form, name, f"{name}-day" in errors)
            for name in ("decided", "due-from", "started-from")}


def _judge(form: Mapping[str, str], errors: FormErrors) -> PaymentJudgement | None:
    amount, amount_error = read_money(form.get("amount"), "The payment")
    if amount_error:
        errors.add("amount", amount_error)
    purpose = form.get("purpose", "")
    if purpose not in JUDGED_PURPOSES:
        errors.add("purpose", "Select what the payment is for")
    on, on_error = read_date(form, "decided", "The date of the offer or decision")
    if on_error:
        errors.add("decided-day", on_error)
    if errors or amount is None or on is None:
        return None
    try:
        return judge_payment(amount, purpose, on, per_child=form.get("per_child") == "yes",
                             merely_complaining=form.get("merely_complaining") == "yes")
    except CaseworkError as exc:
        errors.add("decided-day", exc.problems[0].problem.capitalize() + f": {exc.problems[0].fix}")
        return None


def _loss(form: Mapping[str, str], errors: FormErrors) -> LossCalculation | None:
    due_from, due_error = read_date(form, "due-from", "The date support was due")
    if due_error:
        errors.add("due-from-day", due_error)
    started, started_error = read_date(form, "started-from", "The date support started")
    if started_error:
        errors.add("started-from-day", started_error)
    rate, rate_error = read_money(form.get("rate"), "The rate")
    if rate_error:
        errors.add("rate", rate_error)
    per = form.get("per", "")
    if per not in RATES:
        errors.add("per", "Select whether the rate is a week, an hour, a day or a month")
    hours = _hours(form, errors) if per == "hour" else None
    paid, paid_error = read_money(form.get("paid"), "The amount already paid", required=False)
    if paid_error:
        errors.add("paid", paid_error)
    if errors or due_from is None or started is None or rate is None or paid is None:
        return None
    return _calculate(due_from, started, rate, per, hours, paid, errors)


def _hours(form: Mapping[str, str], errors: FormErrors) -> Decimal | None:
    hours, error = read_money(form.get("hours"), "The hours a week")
    if error or hours is None or hours <= 0:
        errors.add("hours", "Enter the hours of support a week, like 6")
        return None
    return hours


def _calculate(due_from: date, started: date, rate: Decimal, per: str, hours: Decimal | None,
               paid: Decimal, errors: FormErrors) -> LossCalculation | None:
    try:
        period = loss_period(due_from=due_from, started_from=started)
        return financial_loss(period.start, period.end, rate, per,  # type: ignore[arg-type]
                              hours_per_week=hours, already_paid=paid)
    except CaseworkError as exc:
        problem = exc.problems[0]
        field = "started-from-day" if problem.field == "started_from" else "rate"
        errors.add(field, f"{problem.problem[0].upper()}{problem.problem[1:]}: {problem.fix}")
        return None
