"""Printable letters for a complaint: the stage 1 response, the stage 2 adjudication and
the stage 3 final response, from templates, filled from the complaint as recorded.

`?anonymised=yes` replaces the children's and people's names with neutral labels (Child
A, Person A) and leaves out the case reference, as published decisions do (rules.md §7).
The page prints on A4 with only the letter showing (print CSS in casework.css).
"""

from __future__ import annotations

from datetime import date
from string import ascii_uppercase

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse

from casework.domain.chronology import Case
from casework.entrypoints.web.pages import Page, not_found, signed_in
from casework.service.errors import NotFound
from casework.service.web_queries import complaint_page

router = APIRouter(include_in_schema=False)

LETTERS = {
    "stage1": ("Stage 1 response", "stage 1", "stage1_response"),
    "stage2": ("Stage 2 adjudication", "stage 2", "stage2_response"),
    "stage3": ("Stage 3 final response", "stage 3", "stage3_response"),
}


def pseudonyms(case: Case, anonymised: bool) -> dict[str, str]:
    """Each child's and person's id → how the letter names them."""
    if not anonymised:
        return {**{c.id: c.id for c in case.children}, **{p.id: p.id.replace("_", " ").title() for p in case.people}}
    children = {c.id: f"Child {ascii_uppercase[i % 26]}" for i, c in enumerate(case.children)}
    people = {p.id: f"Person {ascii_uppercase[i % 26]}" for i, p in enumerate(case.people)}
    return {**children, **people}


@router.get("/cases/{slug}/complaints/{ref}/letters/{kind}", response_class=HTMLResponse)
def letter(slug: str, ref: str, kind: str, anonymised: str = "", p: Page = Depends(signed_in)) -> HTMLResponse:  # noqa: B008
    if kind not in LETTERS:
        return not_found(p, f"letter ‘{kind}’")
    try:
        view = complaint_page(p.services.uow(), p.user, slug, ref, date.today())
    except NotFound:
        return not_found(p, f"complaint ‘{ref}’ on case ‘{slug}’")
    title, stage, response_type = LETTERS[kind]
    hidden = anonymised == "yes"
    names = pseudonyms(view.case, hidden)
    response = next((e for e in view.events if e.type == response_type), None)
    return p.render("letters/letter.html", title=f"{title}, complaint {ref}", section="cases", view=view,
                    kind=kind, letter_title=title, stage=stage, response=response,
                    names=names, anonymised=hidden, today=date.today())
