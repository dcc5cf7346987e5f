"""Reading the census: one case per episode, and one fixture per class of bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from casework.adapters.census.reader import CensusReader
from casework.domain.census import case_id
from casework.domain.chronology import check_case
from casework.domain.errors import CaseworkError

FIXTURES = Path(__file__).parent / "fixtures"
BAD = FIXTURES / "bad"


def read(path: Path, strict: bool = False) -> tuple[list[str], CensusReader]:
    reader = CensusReader(path, strict=strict)
    return [c.id for c in reader.cases()], reader


def test_each_episode_becomes_a_case_in_the_event_vocabulary() -> None:
    ids, reader = read(FIXTURES / "good.xml")
    assert ids == [case_id("GOOD1", 1), case_id("GOOD3", 1)]
    case = next(CensusReader(FIXTURES / "good.xml").cases())
    assert case.council == "201"
    assert [(e.type, e.date.earliest.isoformat()) for e in case.events] == [
        ("referral", "2025-04-07"), ("assessment_started", "2025-04-08"),
        ("assessment_completed", "2025-06-20"),
    ]
    assert check_case(case) == []
    assert reader.problems == []


@pytest.mark.parametrize(("fixture", "child", "path", "line", "words"), [
    ("impossible_date", "BAD2",
     "Message/Children/Child[2]/CINdetails[1]/Assessments[1]/AssessmentAuthorisationDate", 35,
     "'2025-06-31' is not a real date"),
    ("malformed_date", "BAD2",
     "Message/Children/Child[2]/CINdetails[1]/Assessments[1]/AssessmentAuthorisationDate", 35,
     "not a date in the census form YYYY-MM-DD"),
    ("date_before_referral", "BAD2",
     "Message/Children/Child[2]/CINdetails[1]/Assessments[1]/AssessmentActualStartDate", 34,
     "is before the CINreferralDate (2025-04-07)"),
    ("misplaced_element", "BAD2", "Message/Children/Child[2]/CINdetails[1]/CPPreviewDate[1]", 37,
     "<CPPreviewDate> does not belong inside <CINdetails>"),
    ("duplicate_child", "GOOD1", "Message/Children/Child[2]/ChildIdentifiers/LAchildID", 29,
     "LAchildID GOOD1 is used by an earlier child too"),
])
def test_a_bad_child_is_skipped_and_reported_with_its_id_path_and_line(
        fixture: str, child: str, path: str, line: int, words: str) -> None:
    ids, reader = read(BAD / f"{fixture}.xml")
    assert ids == [case_id("GOOD1", 1), case_id("GOOD3", 1)]
    assert reader.skipped == [child]
    [problem] = reader.problems
    assert problem.where == f"LAchildID {child}"
    assert problem.field == path
    assert problem.line == line
    assert words in problem.problem
    assert problem.fix


def test_malformed_xml_is_reported_at_its_line_and_reading_stops_there() -> None:
    ids, reader = read(BAD / "malformed_xml.xml")
    assert ids == [case_id("GOOD1", 1)]
    [problem] = reader.problems
    assert problem.where == "LAchildID BAD2"
    assert problem.field == "Message/Children/Child[2]"
    assert problem.line == 32
    assert "not well-formed" in problem.problem
    assert "nothing after this line was read" in problem.fix


@pytest.mark.parametrize("fixture", sorted(p.stem for p in BAD.glob("*.xml")))
def test_strict_refuses_the_whole_file_before_yielding_any_case(fixture: str) -> None:
    reader = CensusReader(BAD / f"{fixture}.xml", strict=True)
    cases = reader.cases()
    with pytest.raises(CaseworkError) as error:
        next(cases)
    assert error.value.problems
    assert all(p.line is not None for p in error.value.problems)


def test_a_conference_not_required_becomes_unsubstantiated_enquiries_dated_by_their_bounds(
        tmp_path: Path) -> None:
    text = (FIXTURES / "good.xml").read_text().replace(
        "        </Assessments>\n",
        "        </Assessments>\n        <Section47>\n          <S47ActualStartDate>2025-04-09"
        "</S47ActualStartDate>\n          <ICPCnotRequired>true</ICPCnotRequired>\n"
        "        </Section47>\n", 1)
    path = tmp_path / "s47.xml"
    path.write_text(text)
    case = next(CensusReader(path).cases())
    enquiry = next(case.of_type("s47_enquiry"))
    assert enquiry.details == {"concerns_substantiated": False}
    assert (enquiry.date.earliest.isoformat(), enquiry.date.latest.isoformat()) == (
        "2025-04-09", "2026-03-31")
    assert next(case.of_type("strategy_discussion")).details == {"s47_initiated": True}
