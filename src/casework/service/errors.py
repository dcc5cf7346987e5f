"""What a use case can refuse with, beside `CaseworkError` (bad input).

`NotFound` is also what another council's record looks like: the caller cannot tell a
record that does not exist from one they may not see.
"""

from __future__ import annotations

from casework.domain.errors import CaseworkError, Problem


class NotFound(Exception):
    def __init__(self, record_type: str, ref: object) -> None:
        self.record_type, self.ref = record_type, ref
        super().__init__(f"no {record_type} '{ref}'")


class Forbidden(Exception):
    """The actor may see the record but their role may not do this."""


class Unauthenticated(Exception):
    pass


class Throttled(Exception):
    """Too many failed sign-ins for this account or from this address: wait and try again."""

    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        minutes = max(1, -(-retry_after // 60))
        super().__init__(f"too many failed sign-ins; try again in {minutes} minute{'s' if minutes > 1 else ''}")


class Conflict(CaseworkError):
    """The request is well formed but clashes with what is stored (e.g. a duplicate id)."""

    def __init__(self, field: str, problem: str, fix: str) -> None:
        super().__init__(Problem("request", field, problem, fix))
