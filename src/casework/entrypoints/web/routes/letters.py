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

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from casework.domain.chronology import Case
from casework.domain.complaints.letters import LetterDraft, draft_letter
from casework.entrypoints.web.pages import Page, forbidden, not_found, signed_in
from casework.entrypoints.web.pdf import render_pdf
from casework.service import letters as letter_service
from casework.service.errors import Forbidden, NotFound
from casework.service.ports import LetterRecord

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


def _context(p: Page, slug: str, ref: str, kind: str) -> letter_service.LetterContext | HTMLResponse:
    """The complaint's letter context; 404 for a letter of a stage the complaint has not reached."""
    try:
        context = letter_service.letter_context(p.services.uow(), p.actor, slug, ref)
    except NotFound:
        return not_found(p, f"complaint ‘{ref}’ on case ‘{slug}’")
    if kind not in LETTERS or kind not in context.reached:
        return not_found(p, f"a {LETTERS[kind][1] if kind in LETTERS else kind} letter: complaint {ref} "
                            "has not reached that stage")
    return context


def renderer(p: Page) -> letter_service.LetterRenderer:
    """The letter's HTML, from the one template the page, the PDF and an issued letter share."""
    template = p.ctx.templates.get_template("letters/_letter.html")

    def render(case: Case, draft: LetterDraft, council: str, own_words: str, anonymised: bool) -> str:
        return template.render(case=case, draft=draft, council=council, own_words=own_words,
                               names=pseudonyms(case, anonymised), redact=redactor(case, anonymised),
                               anonymised=anonymised)
    return render


def _draft_page(p: Page, context: letter_service.LetterContext, ref: str, kind: str, anonymised: bool,
                own_words: str = "", status: int = 200) -> HTMLResponse:
    draft = draft_letter(context.case, ref, kind, date.today())
    html = renderer(p)(context.case, draft, context.council, own_words, anonymised)
    return p.render("letters/letter.html", title=f"{LETTERS[kind][0]}, complaint {ref}", section="cases",
                    case=context.case, ref=ref, kind=kind, letter_title=LETTERS[kind][0], draft=draft,
                    anonymised=anonymised, letter_html=html, own_words=own_words,
                    issued=[x for x in context.issued if x.kind == kind], issued_letter=None,
                    may_issue=p.actor.may("complaint:decide"), status=status)


@router.get("/cases/{slug}/complaints/{ref}/letters/{kind}", response_class=HTMLResponse)
def letter(slug: str, ref: str, kind: str, anonymised: str = "", p: Page = Depends(signed_in)) -> HTMLResponse:  # noqa: B008
    context = _context(p, slug, ref, kind)
    if isinstance(context, HTMLResponse):
        return context
    return _draft_page(p, context, ref, kind, anonymised == "yes")


@router.post("/cases/{slug}/complaints/{ref}/letters/{kind}", response_class=HTMLResponse)
async def issue(slug: str, ref: str, kind: str, request: Request, p: Page = Depends(signed_in)) -> Response:  # noqa: B008
    form = {k: str(v) for k, v in (await request.form()).items()}
    p.check_csrf(form.get("csrf_token"))
    context = _context(p, slug, ref, kind)
    if isinstance(context, HTMLResponse):
        return context
    own_words = form.get("own_words", "")
    if form.get("action") != "issue":
        return _draft_page(p, context, ref, kind, False, own_words)
    try:
        made = letter_service.issue_letter(p.services.uow(), p.actor, slug, ref, kind, own_words, renderer(p))
    except Forbidden as exc:
        return forbidden(p, str(exc))
    except NotFound:
        return not_found(p, f"complaint ‘{ref}’ on case ‘{slug}’")
    return p.redirect(f"/cases/{slug}/complaints/{ref}/letters/{kind}/issued/{made.number}")


@router.get("/cases/{slug}/complaints/{ref}/letters/{kind}/pdf")
def letter_pdf(slug: str, ref: str, kind: str, anonymised: str = "", p: Page = Depends(signed_in)) -> Response:  # noqa: B008
    context = _context(p, slug, ref, kind)
    if isinstance(context, HTMLResponse):
        return context
    hidden = anonymised == "yes"
    draft = draft_letter(context.case, ref, kind, date.today())
    html = renderer(p)(context.case, draft, context.council, "", hidden)
    return _pdf(p, html, slug, ref, kind, hidden)


def _pdf(p: Page, letter_html: str, slug: str, ref: str, kind: str, anonymised: bool,
         number: int | None = None) -> Response:
    title = LETTERS[kind][0] + ("" if anonymised else f", complaint {ref}")
    html = p.ctx.templates.get_template("letters/pdf.html").render(pdf_title=title, letter_html=letter_html)
    name = pdf_filename(slug, ref, kind, anonymised)
    if number is not None:
        name = name.removesuffix(".pdf") + f"-issued-{number}.pdf"
    return Response(render_pdf(html), media_type="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _issued(p: Page, slug: str, ref: str, kind: str, number: int) -> tuple[
        letter_service.LetterContext, LetterRecord] | HTMLResponse:
    context = _context(p, slug, ref, kind)
    if isinstance(context, HTMLResponse):
        return context
    found = letter_service.issued_letter(context.issued, kind, number)
    if found is None:
        return not_found(p, f"letter {number} of {LETTERS[kind][1]}")
    return context, found


@router.get("/cases/{slug}/complaints/{ref}/letters/{kind}/issued/{number}", response_class=HTMLResponse)
def issued_page(slug: str, ref: str, kind: str, number: int, anonymised: str = "",
                p: Page = Depends(signed_in)) -> HTMLResponse:  # noqa: B008
    found = _issued(p, slug, ref, kind, number)
    if isinstance(found, HTMLResponse):
        return found
    context, stored = found
    hidden = anonymised == "yes"
    return p.render("letters/letter.html", title=f"{LETTERS[kind][0]} as issued, complaint {ref}",
                    section="cases", case=context.case, ref=ref, kind=kind, letter_title=LETTERS[kind][0],
                    anonymised=hidden, issued_letter=stored,
                    letter_html=stored.anonymised_html if hidden else stored.html)


@router.get("/cases/{slug}/complaints/{ref}/letters/{kind}/issued/{number}/pdf")
def issued_pdf(slug: str, ref: str, kind: str, number: int, anonymised: str = "",
               p: Page = Depends(signed_in)) -> Response:  # noqa: B008
    found = _issued(p, slug, ref, kind, number)
    if isinstance(found, HTMLResponse):
        return found
    _, stored = found
    hidden = anonymised == "yes"
    return _pdf(p, stored.anonymised_html if hidden else stored.html, slug, ref, kind, hidden, number)


def pdf_filename(slug: str, ref: str, kind: str, anonymised: bool) -> str:
    """'southend-24-007-529-C1-stage3-final-response.pdf'; an anonymised letter's name
    leaves out the case reference, as the letter does."""
    words = LETTERS[kind][0].lower().replace(" ", "-")
    name = f"{words}-anonymised" if anonymised else f"{slug}-{ref}-{words}"
    return re.sub(r"[^A-Za-z0-9._-]", "-", name) + ".pdf"
