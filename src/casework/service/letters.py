"""Stage letters: drafted from the record as it stood at that stage, issued once and kept.

Issuing stores what was sent: the letter's text (as rendered, named and anonymised), its
date, the manager's own words and the findings and remedies it gave. A stored letter is
never changed (the store refuses it); issuing the stage's letter again stores a new one with
the next number. Each issue is recorded in the audit log in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Protocol

from casework.domain.chronology import Case
from casework.domain.complaints.letters import LETTER_KINDS, LetterDraft, draft_letter, stages_reached
from casework.service.access import Actor, system_actor
from casework.service.cases import load_case_row, load_complaint_case
from casework.service.errors import NotFound
from casework.service.ports import LetterRecord, UnitOfWork
from casework.service.trail import record


class LetterRenderer(Protocol):
    """The letter's text from its draft (the web's letter template)."""

    def __call__(self, case: Case, draft: LetterDraft, council: str, own_words: str,
                 anonymised: bool) -> str: ...


@dataclass(frozen=True)
class LetterContext:
    case: Case
    council: str  # the council's name as it writes it
    reached: tuple[str, ...]
    issued: tuple[LetterRecord, ...]


def council_display_name(uow: UnitOfWork, council_id: int) -> str:
    """The council's name as it writes it; its stored name while none is set."""
    council = uow.councils.get(council_id)
    if council is None:
        return ""
    return council.display_name or council.name or council.slug


def name_council(uow: UnitOfWork, slug: str, display_name: str) -> None:
    """Set the council's name as it writes it in its letters (the command line's; logged)."""
    with uow:
        council = uow.councils.by_slug(slug)
        if council is None:
            raise NotFound("council", slug)
        uow.councils.set_display_name(council.id, display_name.strip())
        record(uow, system_actor(council.id, council.slug), "update", "council", slug,
               f"display name set to '{display_name.strip()}'")
        uow.commit()


def letter_context(uow: UnitOfWork, actor: Actor, slug: str, ref: str) -> LetterContext:
    """The case, the council's name, the stages reached and the letters issued so far."""
    actor.require("case:read")
    with uow:
        row, case = load_complaint_case(uow, actor, slug, ref)
        context = LetterContext(case, council_display_name(uow, row.council_id),
                                stages_reached(case, ref),
                                tuple(uow.letters.for_complaint(row.council_id, slug, ref)))
        uow.commit()
    return context


def issue_letter(uow: UnitOfWork, actor: Actor, slug: str, ref: str, kind: str, own_words: str,
                 render: LetterRenderer, today: date | None = None) -> LetterRecord:
    """Store the stage's letter as it is sent now, with the manager's own words."""
    actor.require("complaint:decide")
    with uow:
        row = load_case_row(uow, actor, slug, to_change=True)
        case = uow.cases.as_case(row)
        if kind not in LETTER_KINDS or kind not in stages_reached(case, ref):
            raise NotFound("letter", f"{slug}/{ref}/{kind}")
        draft = draft_letter(case, ref, kind, today or date.today())
        council = council_display_name(uow, row.council_id)
        words = own_words.strip().replace("\r\n", "\n")
        earlier = [x.number for x in uow.letters.for_complaint(row.council_id, slug, ref) if x.kind == kind]
        number = max(earlier, default=0) + 1
        letter = uow.letters.add(
            council_id=row.council_id, case_slug=slug, complaint_ref=ref, kind=kind, number=number,
            issued_at=datetime.now(UTC), issued_by=actor.username, letter_date=str(draft.dated),
            own_words=words, html=render(case, draft, council, words, False),
            anonymised_html=render(case, draft, council, words, True),
            findings=[{"point": p.number, "summary": p.summary, "finding": p.finding}
                      for p in draft.points],
            remedies=[{"remedy": r.event_id, "purpose": r.purpose,
                       "amount": None if r.amount is None else str(r.amount),
                       "per_child": r.per_child, "points": list(r.points)} for r in draft.payments])
        record(uow, actor, "issue", "letter", f"{slug}/{ref}/{kind}/{number}",
               f"{draft.kind.title} issued (letter {number}), dated {draft.dated}")
        uow.commit()
    return letter


def issued_letter(letters: Sequence[LetterRecord], kind: str, number: int) -> LetterRecord | None:
    return next((x for x in letters if x.kind == kind and x.number == number), None)
