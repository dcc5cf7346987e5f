"""A finding as one flat row, the same for every return a council sends (CIN census, SSDA903):
the `census audit` and `ssda903 audit` commands write these columns to their findings CSV."""

from __future__ import annotations

from casework.domain.audit.findings import Finding

FINDING_FIELDS = ("case_id", "child", "rule_id", "kind", "certainty", "trigger_id", "outcome_id",
                  "due_latest", "late_by_max", "summary")


def finding_row(case_id: str, f: Finding) -> dict[str, object]:
    """One row of `FINDING_FIELDS` for finding `f` on case `case_id`."""
    return {"case_id": case_id, "child": ";".join(f.children), "rule_id": f.rule_id,
            "kind": f.kind, "certainty": f.certainty, "trigger_id": f.trigger_id,
            "outcome_id": f.outcome_id or "", "due_latest": f.due_latest,
            "late_by_max": f.late_by_max, "summary": f.summary}
