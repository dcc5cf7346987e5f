"""Issuing a stage's letter on SQLite and PostgreSQL: stored as sent, numbered, logged, and
never changed by the store; a stage not reached or a role that may not decide is refused."""

from __future__ import annotations

import pytest
from case_builders import ev
from sqlalchemy import text

from casework.domain.chronology import Case, Child
from casework.service import cases, letters
from casework.service.errors import Forbidden, NotFound


def _render(case, draft, council, own_words, anonymised):  # type: ignore[no-untyped-def]
    return f"{council}|{draft.kind.key}|{draft.dated}|{own_words}|{anonymised}|{len(draft.payments)}"


def _complaint(world, manager) -> str:  # type: ignore[no-untyped-def]
    return cases.import_case(world.container.uow(), manager, Case(
        id="lettered", council=manager.council, children=(Child("A"),), events=(
            ev("c", "complaint_received", "2025-03-03", complaint="C1", procedure="statutory"),
            ev("s1", "stage1_response", "2025-03-14", complaint="C1"))))


def test_an_issued_letter_is_stored_numbered_logged_and_never_changed(world):
    manager = world.user(world.a, "complaints_manager")
    slug = _complaint(world, manager)
    first = letters.issue_letter(world.container.uow(), manager, slug, "C1", "stage1", "Sorry.", _render)
    second = letters.issue_letter(world.container.uow(), manager, slug, "C1", "stage1", "Sorry.", _render)
    assert (first.number, second.number) == (1, 2)
    assert first.html.endswith("|stage1|14 Mar 2025|Sorry.|False|0")
    context = letters.letter_context(world.container.uow(), manager, slug, "C1")
    assert [x.number for x in context.issued] == [1, 2] and context.reached == ("stage1",)
    with world.container.uow() as uow:
        with pytest.raises(Exception, match="never changed"):
            uow.session.execute(text("UPDATE letters SET html = 'x' WHERE case_slug = 'lettered'"))
        uow.rollback()
        with pytest.raises(Exception, match="never changed"):
            uow.session.execute(text("DELETE FROM letters WHERE case_slug = 'lettered'"))


def test_a_letter_of_a_stage_not_reached_or_by_a_caseworker_is_refused(world):
    manager = world.user(world.a, "complaints_manager")
    worker = world.user(world.a, "caseworker")
    slug = _complaint(world, manager)
    with pytest.raises(NotFound):
        letters.issue_letter(world.container.uow(), manager, slug, "C1", "stage2", "", _render)
    with pytest.raises(Forbidden):
        letters.issue_letter(world.container.uow(), worker, slug, "C1", "stage1", "", _render)
    assert letters.letter_context(world.container.uow(), manager, slug, "C1").issued == ()
