"""Read-only queries the web pages need beyond the API's: a complaint as its procedure
sees it (replayed through the transition table), with its audit findings, the clocks
still running and those met in time (all from one audit), and the steps the procedure
allows next.

Nothing here changes state: the complaint is replayed from the stored chronology with
the domain's own table (`domain.complaints.replay_complaint`), and each read is logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from casework.domain.audit import audit_case
from casework.domain.chronology import Case
from casework.domain.complaints import Replay, complaint_events, replay_complaint
from casework.domain.events import Event
from casework.service.access import Actor
from casework.service.cases import load_complaint_case
from casework.service.ports import UnitOfWork
from casework.service.read_models import (
    DeadlineView,
    FindingView,
    MetView,
    deadline_view,
    finding_view,
    met_view,
)
from casework.service.trail import record


@dataclass(frozen=True)
class ComplaintPage:
    case: Case
    ref: str
    replay: Replay
    events: tuple[Event, ...]
    findings: tuple[FindingView, ...]
    due: tuple[DeadlineView, ...]
    met: tuple[MetView, ...]
    allowed_next: tuple[str, ...]
    as_of: date


def complaint_page(uow: UnitOfWork, actor: Actor, slug: str, ref: str, as_of: date) -> ComplaintPage:
    """The complaint `ref` on case `slug`: its replay, events, audit findings and next steps.

    Next steps are offered only when the recorded steps are themselves legal; after a
    refused step the page shows the refusal instead.
    """
    actor.require("case:read")
    with uow:
        row, case = load_complaint_case(uow, actor, slug, ref)
        record(uow, actor, "read", "complaint", f"{slug}/{ref}", "complaint page",
               council_id=row.council_id)
        uow.commit()
    replay = replay_complaint(case, ref)
    report = audit_case(case, as_of)
    return ComplaintPage(
        case=case, ref=ref, replay=replay, events=complaint_events(case, ref),
        findings=tuple(finding_view(f) for f in report.findings if f.complaint == ref),
        due=tuple(deadline_view(d) for d in report.due if d.complaint == ref),
        met=tuple(met_view(m) for m in report.met if m.complaint == ref),
        allowed_next=replay.complaint.allowed_next() if replay.legal else (),
        as_of=as_of,
    )
