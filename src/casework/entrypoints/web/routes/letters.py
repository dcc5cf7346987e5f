"""Printable letters for a complaint: the stage 1 response, the stage 2 adjudication and
the stage 3 final response, from templates, filled from the complaint as recorded; as an
HTML page and as a PDF (WeasyPrint, see `web.pdf`).

`?anonymised=yes` replaces the children's and people's names with neutral labels (Child
A, Person A), also where the recorded wording of a point uses them, and leaves out the
case reference, as published decisions do (rules.md §7). The page prints on A4 with only
the letter showing (print CSS in casework.css); the PDF is the same letter on A4.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from string import ascii_uppercase
from typing import Any

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse, Response

from casework.domain.chronology import Case
from casework.entrypoints.web.pages import Page, not_found, signed_in
from casework.entrypoints.web.pdf import render_pdf
from casework.entrypoints.web.routes.complaints import complaint_view

router = APIRouter(include_in_schema=False)

LETTERS = {
    "stage1": ("Stage 1 response", "stage 1", "stage1_response"),
    "stage2": ("Stage 2 adjudication", "stage 2", "stage2_response"),
    "stage3": ("Stage 3 final response", "stage 3", "stage3_response"),
}


def pseudonyms(case: Case, anonymised: bool) -> dict[str, str]:
    """Each child's and person's id → how the letter names them."""
    if not anonymised:
        return {**{c.id: c.id for c in case.children}, **{p.id: _person_name(p.id) for p in case.people}}
    children = {c.id: f"Child {ascii_uppercase[i % 26]}" for i, c in enumerate(case.children)}
    people = {p.id: f"Person {ascii_uppercase[i % 26]}" for i, p in enumerate(case.people)}
    return {**children, **people}


def _person_name(person_id: str) -> str:
    return person_id.replace("_", " ").title()


def redactor(case: Case, anonymised: bool) -> Callable[[str], str]:
    """A function that replaces, in recorded wording, the names the record uses.

    The record names a child 'Child Y' (or by a longer pseudonym on its own) and a person
    by their id or its spoken form ('miss_x', 'Miss X'). A one-letter child id is replaced
    only after 'Child', so ordinary words ('A', 'I') are left alone.
    """
    if not anonymised:
        return lambda text: text
    names = pseudonyms(case, anonymised=True)
    spoken: dict[str, str] = {}
    for child in case.children:
        spoken[f"Child {child.id}"] = names[child.id]
        if len(child.id) > 1:
            spoken[child.id] = names[child.id]
    for person in case.people:
        spoken[person.id] = names[person.id]
        spoken[_person_name(person.id)] = names[person.id]
    pattern = re.compile("|".join(rf"\b{re.escape(k)}\b" for k in sorted(spoken, key=len, reverse=True)))
    return lambda text: pattern.sub(lambda m: spoken[m.group(0)], text)


def _letter_values(p: Page, slug: str, ref: str, kind: str, anonymised: str) -> dict[str, Any] | HTMLResponse:
    if kind not in LETTERS:
        return not_found(p, f"letter ‘{kind}’")
    view = complaint_view(p, slug, ref)
    if isinstance(view, HTMLResponse):
        return view
    title, stage, response_type = LETTERS[kind]
    hidden = anonymised == "yes"
    response = next((e for e in view.events if e.type == response_type), None)
    return {"title": f"{title}, complaint {ref}", "section": "cases", "view": view, "kind": kind,
            "letter_title": title, "stage": stage, "response": response,
            "names": pseudonyms(view.case, hidden), "redact": redactor(view.case, hidden),
            "anonymised": hidden, "today": date.today()}


@router.get("/cases/{slug}/complaints/{ref}/letters/{kind}", response_class=HTMLResponse)
def letter(slug: str, ref: str, kind: str, anonymised: str = "", p: Page = Depends(signed_in)) -> HTMLResponse:  # noqa: B008
    values = _letter_values(p, slug, ref, kind, anonymised)
    if isinstance(values, HTMLResponse):
        return values
    return p.render("letters/letter.html", **values)


@router.get("/cases/{slug}/complaints/{ref}/letters/{kind}/pdf")
def letter_pdf(slug: str, ref: str, kind: str, anonymised: str = "", p: Page = Depends(signed_in)) -> Response:  # noqa: B008
    values = _letter_values(p, slug, ref, kind, anonymised)
    if isinstance(values, HTMLResponse):
        return values
    html = p.ctx.templates.get_template("letters/pdf.html").render(user=p.user, **values)
    return Response(render_pdf(html), media_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{pdf_filename(slug, ref, kind, values["anonymised"])}"'})


def pdf_filename(slug: str, ref: str, kind: str, anonymised: bool) -> str:
    """'southend-24-007-529-C1-stage3-final-response.pdf'; an anonymised letter's name
    leaves out the case reference, as the letter does."""
    words = LETTERS[kind][0].lower().replace(" ", "-")
    name = f"{words}-anonymised" if anonymised else f"{slug}-{ref}-{words}"
    return re.sub(r"[^A-Za-z0-9._-]", "-", name) + ".pdf"
