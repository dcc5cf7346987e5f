"""Who may do what: roles, permissions, and the councils an actor can see.

Every user belongs to one council and sees only its records. The one exception is an
Ombudsman investigator, who reads (never writes) the councils they have been granted.
An auditor reads everything in their council, including the audit log, and changes
nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from casework.service.errors import Forbidden

ROLES = (
    "caseworker", "team_manager", "complaints_manager", "investigating_officer",
    "independent_person", "panel_member", "ombudsman_investigator", "auditor",
)
_WRITERS = ("caseworker", "team_manager", "complaints_manager")
_COMPLAINT_HANDLERS = ("complaints_manager", "team_manager", "investigating_officer",
                       "independent_person", "panel_member")

_MANAGERS = ("complaints_manager", "team_manager")

PERMISSIONS: Mapping[str, tuple[str, ...]] = {
    "case:read": ROLES,
    "case:write": _WRITERS,
    # Procedural complaint steps: received, acknowledged, extended, requested, appointed.
    "complaint:write": _COMPLAINT_HANDLERS,
    # Adjudications: a stage's response with its findings, a panel refused, the Ombudsman's
    # complaint and decision recorded.
    "complaint:decide": _MANAGERS,
    # A stage 2 investigation's reports, a panel's hearing and report: by those who did them, or
    # recorded for them by a manager.
    "complaint:investigate": ("investigating_officer", "independent_person", *_MANAGERS),
    "complaint:panel": ("panel_member", *_MANAGERS),
    "remedy:write": _MANAGERS,
    "action:write": ("complaints_manager", "team_manager", "caseworker"),
    "action:verify": ("complaints_manager", "team_manager"),
    "audit_log:read": ("auditor", "complaints_manager"),
    # The annual complaints report counts every complaint in the council.
    "report:read": ("complaints_manager", "team_manager", "auditor"),
    # Ombudsman decisions are public; any signed-in user may search them.
    "decision:read": ROLES,
}

# The permission needed to record each event type, by category, with exceptions by name.
# Every path that writes an event checks it (service.event_guard).
EVENT_PERMISSIONS: Mapping[str, str] = {
    "child_in_need": "case:write", "child_protection": "case:write", "practice": "case:write",
    "support": "case:write", "complaint": "complaint:write", "remedy": "remedy:write",
    "ombudsman": "complaint:decide", "action": "action:write",
    **dict.fromkeys(("looked_after", "fostering", "adoption", "care_leaver", "private_fostering", "send"),
                    "case:write"),
    # A correction or withdrawal needs the superseded entry's permission (event_guard.permission_in).
    "record": "case:write",
    **dict.fromkeys(("stage1_response", "stage2_response", "stage3_response", "corporate_response",
                     "stage3_refused", "complaint_resolved", "complaint_refused_out_of_time"),
                    "complaint:decide"),
    "stage2_reports": "complaint:investigate",
    **dict.fromkeys(("stage3_panel", "stage3_panel_report"), "complaint:panel"),
}


@dataclass(frozen=True)
class Actor:
    """The user a use case acts for, as checked at login."""

    user_id: int | None
    username: str
    council_id: int
    council: str
    role: str
    team: str = ""
    granted_councils: tuple[int, ...] = ()
    name: str = ""  # the person's name, for pages to show instead of the login

    @property
    def readable_councils(self) -> tuple[int, ...]:
        """Own council first, so a case id that exists in two resolves to one's own."""
        if self.role == "ombudsman_investigator":
            return (self.council_id, *(c for c in self.granted_councils if c != self.council_id))
        return (self.council_id,)

    def councils(self, *, to_change: bool = False) -> tuple[int, ...]:
        """Whose records the actor may read, or (`to_change`) change: only their own council's."""
        return (self.council_id,) if to_change else self.readable_councils

    def may(self, permission: str) -> bool:
        return self.role in PERMISSIONS[permission]

    def require(self, permission: str) -> None:
        if not self.may(permission):
            allowed = ", ".join(PERMISSIONS[permission])
            raise Forbidden(f"a {self.role.replace('_', ' ')} may not do this ({permission}); "
                            f"ask one of: {allowed}")


def system_actor(council_id: int, council: str, how: str = "cli") -> Actor:
    """The command line acting on a council's behalf (import, export, demo data)."""
    return Actor(None, f"system ({how})", council_id, council, "team_manager")
