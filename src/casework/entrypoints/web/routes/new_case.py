"""Opening a case for a child who has none: the case reference, the child's details as the
CIN census names them, and the team and worker who hold it.

Checked exactly as the `open_case` use case checks (its problems come back beside their
fields); nothing is stored while anything is wrong. Registered before `routes/cases.py`, so
/cases/new is this page and not a case called "new".
"""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from casework.domain.errors import CaseworkError
from casework.entrypoints.web.fields import date_items, read_case_date
from casework.entrypoints.web.forms import FormErrors
from casework.entrypoints.web.labels import role
from casework.entrypoints.web.pages import Page, forbidden, signed_in
from casework.service.errors import Forbidden
from casework.service.new_case import NewCase, case_holders, case_problems, open_case

router = APIRouter(include_in_schema=False)

SEX_WORDS = (("F", "Female"), ("M", "Male"), ("U", "Not known or not recorded"))
# The CIN census disability codes (DfE code set 8540), as words.
DISABILITY_WORDS = {
    "NONE": "No disability", "MOB": "Mobility", "HAND": "Hand function", "PC": "Personal care",
    "INC": "Incontinence", "COMM": "Communication", "LD": "Learning", "HEAR": "Hearing", "VIS": "Vision",
    "BEH": "Behaviour", "CON": "Consciousness", "AUT": "Autism or Asperger syndrome",
    "DDA": "Other disability (Equality Act 2010)",
}
ETHNICITY_WORDS = {
    "WBRI": "White British", "WIRI": "White Irish", "WIRT": "Traveller of Irish heritage",
    "WROM": "Gypsy or Roma", "WOTH": "Any other White background", "MWBC": "White and Black Caribbean",
    "MWBA": "White and Black African", "MWAS": "White and Asian", "MOTH": "Any other mixed background",
    "AIND": "Indian", "APKN": "Pakistani", "ABAN": "Bangladeshi", "AOTH": "Any other Asian background",
    "BCRB": "Black Caribbean", "BAFR": "Black African", "BOTH": "Any other Black background",
    "CHNE": "Chinese", "OOTH": "Any other ethnic group", "REFU": "Refused", "NOBT": "Information not yet obtained",
}
FIELDS = ("reference", "title", "child_id", "upn", "date_of_birth", "expected_birth", "sex", "ethnicity",
          "disabilities", "team", "worker")


def _page(p: Page, form: dict[str, str], disabilities: list[str], errors: FormErrors,
          status: int = 200) -> HTMLResponse:
    holders, teams = case_holders(p.services.uow(), p.actor)
    return p.render("cases/new.html", title="New case", section="cases", form=form, errors=errors,
                    chosen_disabilities=disabilities, sexes=SEX_WORDS, ethnicities=ETHNICITY_WORDS,
                    disability_words=DISABILITY_WORDS, holders=holders, teams=teams, status=status,
                    date_items=lambda name: date_items(form, name, name in errors))


def _refused(p: Page) -> HTMLResponse | None:
    if p.actor.may("case:write"):
        return None
    return forbidden(p, f"a {role(p.actor.role).lower()} may not open a case")


@router.get("/cases/new", response_class=HTMLResponse)
def new_case_form(p: Page = Depends(signed_in)) -> HTMLResponse:  # noqa: B008
    return _refused(p) or _page(p, {"team": p.actor.team}, [], FormErrors())


@router.post("/cases/new", response_class=HTMLResponse)
async def new_case(request: Request, p: Page = Depends(signed_in)) -> Response:  # noqa: B008
    raw = await request.form()
    form = {k: str(v) for k, v in raw.items() if k != "disabilities"}
    disabilities = [str(d) for d in raw.getlist("disabilities")]
    p.check_csrf(form.get("csrf_token"))
    refused = _refused(p)
    if refused:
        return refused
    errors = FormErrors()
    today = date.today()
    born = read_case_date(form, "date_of_birth", "Date of birth", today, errors, required=False,
                          month_only=False)
    expected = read_case_date(form, "expected_birth", "Expected date of birth", today, errors,
                              required=False, month_only=False, allow_future=True)
    new = NewCase(reference=form.get("reference", "").strip(), child_id=form.get("child_id", "").strip(),
                  title=form.get("title", ""), upn=form.get("upn", "").strip().upper(),
                  date_of_birth=born.earliest if born else None,
                  expected_birth=expected.earliest if expected else None, sex=form.get("sex", ""),
                  ethnicity=form.get("ethnicity", ""), disabilities=tuple(disabilities),
                  team=form.get("team", ""), worker=form.get("worker", ""))
    try:
        problems = case_problems(new, today) if errors else None
        if problems is None:
            slug = open_case(p.services.uow(), p.actor, new, today)
            return p.redirect(f"/cases/{slug}")
    except Forbidden as exc:
        return forbidden(p, str(exc))
    except CaseworkError as exc:
        problems = exc.problems
    for problem in problems:
        where = problem.field if problem.field in FIELDS else "reference"
        anchor = f"{where}-day" if where in ("date_of_birth", "expected_birth") else (
            f"{where}-NONE" if where == "disabilities" else None)
        errors.add(where, f"{problem.problem[:1].upper()}{problem.problem[1:]}: {problem.fix}", anchor)
    return _page(p, form, disabilities, errors, status=400)
