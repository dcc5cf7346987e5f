"""Human labels for the codes the records keep, in one place: every page shows a role, a
complaint's stage and state, a procedure, an event, a person or a worker through these, never
the code itself ("stage2_started", "parent_a", "wirral.caseworker").

Each is a Jinja filter (`templating.environment`). Where the domain already says what a code
means (an event type's meaning, a procedure table's states) that is the label, so there is
nothing here to keep in step by hand.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from casework.domain import wording
from casework.domain.complaints.stages import STAGES, stage_of, state_words
from casework.domain.events import EVENT_TYPE_BY_NAME

ROLES: Mapping[str, str] = {
    "caseworker": "Caseworker", "team_manager": "Team manager", "complaints_manager": "Complaints manager",
    "investigating_officer": "Investigating officer", "independent_person": "Independent person",
    "panel_member": "Review panel member", "ombudsman_investigator": "Ombudsman investigator",
    "auditor": "Auditor",
}
PROCEDURES: Mapping[str, str] = {"statutory": "Statutory (Children Act 1989)",
                                 "corporate": "Corporate (the council’s own)"}
STAGE_TAGS: Mapping[str, str] = {"stage1": "govuk-tag--blue", "stage2": "govuk-tag--purple",
                                 "stage3": "govuk-tag--pink", "ombudsman": "govuk-tag--orange",
                                 "closed": "govuk-tag--grey"}
# How the audit log names what was done, as words.
AUDIT_ACTIONS: Mapping[str, str] = {
    "read": "Read", "list": "Listed", "create": "Created", "import": "Imported", "export": "Exported",
    "update": "Changed", "replace": "Replaced", "login": "Signed in",
}
# What a rule rests on (a rule source's `basis`), as a reader would say it.
BASES: Mapping[str, str] = {
    "law": "law", "guidance": "statutory guidance", "code": "the Ombudsman's complaint handling code",
    "local": "the council's own standard", "seed": "as an Ombudsman decision applied it",
}
RECORD_TYPES: Mapping[str, str] = {"case": "case", "complaint": "complaint", "action": "agreed action",
                                   "audit_log": "audit log", "user": "user", "decision": "Ombudsman decision",
                                   "report": "report"}


def role(code: str) -> str:
    """'team_manager' → 'Team manager'."""
    return ROLES.get(code, code.replace("_", " ").capitalize())


def procedure(code: str) -> str:
    return PROCEDURES.get(code, code.replace("_", " ").capitalize())


def stage(procedure_code: str, state: str) -> str:
    """The stage a complaint in `state` is at: 'Stage 2'."""
    return STAGES[stage_of(procedure_code, state)]


def state(procedure_code: str, code: str) -> str:
    """What the state means, as the procedure's table says: 'Stage 1 response sent'."""
    return state_words(procedure_code, code)


def event(code: str) -> str:
    """An event type as the domain describes it: 'Referral received by children's social care'."""
    found = EVENT_TYPE_BY_NAME.get(code)
    meaning = found.meaning if found else code.replace("_", " ")
    return meaning[:1].upper() + meaning[1:]


def person(code: str) -> str:
    """A person or child recorded by pseudonym: 'parent_a' → 'Parent A', 'A' → 'Child A'."""
    return wording.person(code)


def worker(username: str, name: str | None = None) -> str:
    """A worker by name when the council knows them; otherwise the login, said to be one."""
    if not username:
        return "Not assigned"
    return name or f"{username} (login name)"


def audit_action(code: str) -> str:
    return AUDIT_ACTIONS.get(code, code.replace("_", " ").capitalize())


def record_type(code: str) -> str:
    return RECORD_TYPES.get(code, code.replace("_", " "))


def basis(code: str) -> str:
    """What a rule rests on, in words: 'guidance' → 'statutory guidance'."""
    return BASES.get(code, code.replace("_", " "))


def citation(text: str) -> str:
    """A rule's citation, with the rule file's "[unconfirmed]" said in words."""
    return text.replace(" [unconfirmed]", " (not yet checked against the published text)")


def finding_stage(code: str) -> str:
    """The stage a finding was made at: 'stage2_response' → 'Stage 2', 'corporate_stage1' →
    'Stage 1'; any other step by what it is."""
    found = re.search(r"stage(\d)", code)
    return f"Stage {found.group(1)}" if found else event(code)


_EVENT_NAME = re.compile(r"\b(" + "|".join(sorted(EVENT_TYPE_BY_NAME, key=len, reverse=True)) + r")\b")


def working(step: str) -> str:
    """One line of a finding's working as words: the quoted record ids the audit names the
    events by are left out, and each event type is said as what it is."""
    without_ids = re.sub(r" '[^' ]+'", "", step)
    return _EVENT_NAME.sub(lambda m: event(m.group(1)).lower(), without_ids)
