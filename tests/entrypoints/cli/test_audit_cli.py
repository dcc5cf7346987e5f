import json
from pathlib import Path

from typer.testing import CliRunner

from casework.entrypoints.cli import app

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
runner = CliRunner()

CLEAN = """case: clean-case
council: testshire
children: [{id: A}]
events:
  - {id: r, type: referral, date: 2025-03-03, children: [A]}
  - {id: d, type: referral_decision, date: 2025-03-04, children: [A]}
  - {id: s, type: assessment_started, date: 2025-03-04, children: [A]}
  - {id: a, type: assessment_completed, date: 2025-04-01, children: [A]}
"""


def test_a_case_with_certain_breaches_exits_1_and_shows_the_rule_and_citation():
    result = runner.invoke(app, ["audit", str(EXAMPLES / "wirral-19-020-817.yaml"), "--as-of", "2021-06-03"])
    assert result.exit_code == 1
    assert "assessment_timescale" in result.output
    assert "Working Together" in result.output


def test_a_case_without_certain_breaches_exits_0(tmp_path):
    path = tmp_path / "clean.yaml"
    path.write_text(CLEAN)
    result = runner.invoke(app, ["audit", str(path), "--as-of", "2025-04-02"])
    assert result.exit_code == 0, result.output
    assert "0 certain" in result.output


def test_bad_input_exits_2_naming_file_line_field_and_fix(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(CLEAN.replace("assessment_completed, date: 2025-04-01", "assessment_done, date: 2025-02-30"))
    result = runner.invoke(app, ["audit", str(path)])
    assert result.exit_code == 2
    assert f"{path}:8" in result.output
    assert "events.a.type" in result.output or "events.a.date" in result.output
    assert "nothing was changed" in result.output


def test_json_output_carries_the_working_and_certainty():
    result = runner.invoke(app, ["audit", str(EXAMPLES / "liverpool-24-010-960.yaml"),
                                 "--as-of", "2025-05-28", "--format", "json"])
    report = json.loads(result.output)
    stage1 = next(f for f in report["findings"] if f["rule"] == "stage1_response")
    assert stage1["certainty"] == "certain" and stage1["beyond_extension"] == "certain"
    assert any("working days from" in line for line in stage1["working"])


def test_markdown_output_lists_sources():
    result = runner.invoke(app, ["audit", str(EXAMPLES / "southend-24-007-529.yaml"),
                                 "--as-of", "2025-03-25", "--format", "markdown"])
    assert "## Sources" in result.output and "regulation 19(4)" in result.output


def test_an_impossible_as_of_date_is_refused_with_the_format_to_use():
    result = runner.invoke(app, ["audit", str(EXAMPLES / "southend-24-007-529.yaml"), "--as-of", "2025-13-01"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_rules_lists_every_rule_with_its_source():
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0
    for rule_id in ("stage1_response", "icpc_timescale", "cin_plan_review"):
        assert rule_id in result.output


def test_events_lists_census_fields():
    result = runner.invoke(app, ["events"])
    assert "CINreferralDate" in result.output and "strategy_discussion" in result.output
