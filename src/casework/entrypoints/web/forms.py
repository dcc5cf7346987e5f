"""Form errors in the GOV.UK pattern: an error summary at the top, each message again
beside its field, and "Error: " in the page title.

Each message is tied to the id of the input it is about, so the summary's links move the
focus there. Messages come from the same validation the file format uses (`Problem`s),
translated to the form's field ids by the route.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class FormErrors:
    """Ordered field id → message; the first message for a field wins."""

    messages: dict[str, str] = field(default_factory=dict)
    # Where the summary's link goes when not the field itself (a date's first wrong box).
    anchors: dict[str, str] = field(default_factory=dict)

    def add(self, field_id: str, message: str, anchor: str | None = None) -> None:
        if field_id not in self.messages and anchor:
            self.anchors[field_id] = anchor
        self.messages.setdefault(field_id, message)

    def extend(self, pairs: Iterable[tuple[str, str]]) -> None:
        for field_id, message in pairs:
            self.add(field_id, message)

    def __bool__(self) -> bool:
        return bool(self.messages)

    def __contains__(self, field_id: str) -> bool:
        return field_id in self.messages

    def summary(self) -> list[dict[str, str]]:
        """The `errorList` for govukErrorSummary."""
        return [{"text": message, "href": f"#{self.anchors.get(field_id, field_id)}"}
                for field_id, message in self.messages.items()]

    def message(self, field_id: str) -> dict[str, Any] | None:
        """The `errorMessage` for a field's macro (None: no error, no red border)."""
        text = self.messages.get(field_id)
        return {"text": text} if text else None
