"""The complaint page: each stage's clock, points and findings stage by stage (overturns
shown), remedies and agreed actions; and the next steps the procedure allows, each
recorded through the `record_complaint_event` use case."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from casework.domain.chronology import Case
from casework.domain.complaints.letters import LETTER_KINDS
from casework.domain.errors import CaseworkError, Problem
from casework.domain.events import EVENT_TYPE_BY_NAME
from casework.entrypoints.web.fields import date_items
from casework.entrypoints.web.forms import FormErrors
from casework.entrypoints.web.labels import role
from casework.entrypoints.web.pages import Page, forbidden, not_found, signed_in
from casework.entrypoints.web.routes.corrections import may_supersede
from casework.entrypoints.web.steps import FINDING_WORDS, STEPS, Step, likely_next, read_step
from casework.service import complaints as complaint_service
from casework.service import letters as letter_service
from casework.service.complaints import StepRefused
from casework.service.errors import Forbidden, NotFound
from casework.service.event_guard import permission_for
from casework.service.web_queries import ComplaintPage, complaint_page

router = APIRouter(include_in_schema=False)


@router.get("/cases/{slug}/complaints/{ref}", response_class=HTMLResponse)
def show(slug: str, ref: str, p: Page = Depends(signed_in)) -> HTMLResponse:  # noqa: B008
    view = complaint_view(p, slug, ref)
    if isinstance(view, HTMLResponse):
        return view
    done = {e.type for e in view.events}
    ids = {e.id for e in view.events}
    timeline = [v for v in view.case.versions()
                if v.event.id in ids or (v.superseded_by is not None and v.event.complaint == ref)]
    return p.render("complaints/show.html", title=f"Complaint {ref}", section="cases", view=view,
                    event_types=EVENT_TYPE_BY_NAME, steps=STEPS, timeline=timeline,
                    may_supersede=may_supersede(p, view.case),
                    letters=letter_links(p, view.case, ref),
                    primary=likely_next(view.allowed_next, done))


def _step_page(p: Page, view: ComplaintPage, step: str, form: dict[str, str], errors: FormErrors,
               status: int = 200) -> HTMLResponse:
    spec = STEPS[step]
    return p.render("complaints/step.html", title=spec.heading, section="cases", view=view, step=step,
                    spec=spec, form=form, errors=errors, finding_words=FINDING_WORDS,
                    date_items=lambda name: date_items(form, name, name in errors), status=status)


def complaint_view(p: Page, slug: str, ref: str) -> ComplaintPage | HTMLResponse:
    """The complaint as of today, or the page saying there is none the user can see."""
    try:
        return complaint_page(p.services.uow(), p.actor, slug, ref, date.today())
    except NotFound:
        return not_found(p, f"complaint ‘{ref}’ on case ‘{slug}’")


def _load(p: Page, slug: str, ref: str, step: str) -> ComplaintPage | HTMLResponse:
    view = complaint_view(p, slug, ref)
    if isinstance(view, HTMLResponse):
        return view
    if step not in view.allowed_next or step not in STEPS:
        return _not_now(p, view, step)
    if not p.actor.may(permission_for(step)):
        return forbidden(p, f"a {role(p.actor.role).lower()} may not {STEPS[step].heading[:1].lower()}"
                            f"{STEPS[step].heading[1:]}")
    return view


def _not_now(p: Page, view: ComplaintPage, step: str) -> HTMLResponse:
    """A step the procedure does not allow now: said plainly (the table's own reason where a
    check refuses it), with the steps it does allow and the way back."""
    complaint = view.replay.complaint
    what = STEPS[step].heading if step in STEPS else "record this step"
    transition = complaint.procedure.transition(complaint.state, step) if view.replay.legal else None
    if transition is not None and transition.guard is not None:
        why = transition.guard.refusal
    else:
        why = f"the complaint stands at ‘{complaint.procedure.states.get(complaint.state, complaint.state)}’"
    offered = [STEPS[s].heading.lower() for s in view.allowed_next if s in STEPS]
    lines = [f"You cannot {what[:1].lower()}{what[1:]} now: {why}."]
    lines.append(f"From here you can {_either(offered)}." if offered else "The procedure allows no further step.")
    back = {"href": f"/cases/{view.case.id}/complaints/{view.ref}", "text": f"Back to complaint {view.ref}"}
    return p.render("errors/error.html", status=403, title="You cannot do this now", lines=lines, back=back)


def _either(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


@router.get("/cases/{slug}/complaints/{ref}/steps/{step}", response_class=HTMLResponse)
def step_form(slug: str, ref: str, step: str, p: Page = Depends(signed_in)) -> HTMLResponse:  # noqa: B008
    view = _load(p, slug, ref, step)
    if isinstance(view, HTMLResponse):
        return view
    return _step_page(p, view, step, {}, FormErrors())


@router.post("/cases/{slug}/complaints/{ref}/steps/{step}", response_class=HTMLResponse)
async def record_step(slug: str, ref: str, step: str, request: Request,
                      p: Page = Depends(signed_in)) -> Response:  # noqa: B008
    form = {k: str(v) for k, v in (await request.form()).items()}
    p.check_csrf(form.get("csrf_token"))
    view = _load(p, slug, ref, step)
    if isinstance(view, HTMLResponse):
        return view
    errors = FormErrors()
    points = tuple(str(n) for n in sorted(view.replay.complaint.points))
    when, details = read_step(step, form, points, date.today(), errors)
    if not errors and when is not None:
        findings = details.pop("findings", None)
        try:
            complaint_service.record_complaint_event(
                p.services.uow(), p.actor, slug, ref, step, when,
                findings=findings if isinstance(findings, dict) else None, details=details,
                note=form.get("note", "").strip())
            return p.redirect(f"/cases/{slug}/complaints/{ref}#timeline")
        except Forbidden as exc:
            return forbidden(p, str(exc))
        except StepRefused as exc:
            errors.add("when", f"This cannot be recorded now: {exc.reason}", "when-day")
        except CaseworkError as exc:
            errors.extend(problem_fields(exc.problems, STEPS[step]))
    return _step_page(p, view, step, form, errors, status=400)


def problem_fields(problems: list[Problem], spec: Step) -> list[tuple[str, str]]:
    """Each problem the service found, on the field it is about (the date, a detail, a finding)."""
    names = {f.name for f in spec.fields}
    pairs = []
    for problem in problems:
        field = problem.field.removeprefix("details.")
        if field.startswith("findings."):
            field = "finding-" + field.split(".", 1)[1]
        elif field not in names:
            field = "when" if field in ("date", "when", "type") else "note"
        pairs.append((field, f"{problem.problem[:1].upper()}{problem.problem[1:]}: {problem.fix}"))
    return pairs


def letter_links(p: Page, case: Case, ref: str) -> list[dict[str, object]]:
    """The letters of the stages this complaint has reached, each with those issued."""
    context = letter_service.letter_context(p.services.uow(), p.actor, case.id, ref)
    return [{"kind": kind, "title": LETTER_KINDS[kind].title,
             "issued": [x for x in context.issued if x.kind == kind]} for kind in context.reached]
