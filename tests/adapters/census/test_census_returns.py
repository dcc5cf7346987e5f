"""Census returns shaped as councils send them: carried-over children, referrals with no
further action, several assessments, dates out of the year, bad headers, awkward ids.

Each is audited without a false certain breach, and whatever the file cannot support is
reported (child, element path, line, what to do) while the rest is audited.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casework.adapters.census.batch import audit_file
from casework.adapters.census.reader import CensusReader
from casework.adapters.chronology_file import dump_case, read_case_text
from casework.domain.audit import audit_case
from casework.domain.census import case_id, census_rules
from casework.domain.rules import load_rules
from casework.entrypoints.cli import app

RULES = census_rules(load_rules())
runner = CliRunner()

HEADER = """<?xml version="1.0" encoding="utf-8"?>
<Message>
  <Header>
    <CollectionDetails>
      <Collection>CIN</Collection>
      <Year>{year}</Year>
      <ReferenceDate>{reference}</ReferenceDate>
    </CollectionDetails>
    <Source>
      <SourceLevel>L</SourceLevel>
      {lea}
    </Source>
  </Header>
  <Children>
"""
FOOTER = """  </Children>
</Message>
"""


def child(child_id: str, *episodes: str, extra: str = "", sex: str = "F", ethnicity: str = "WBRI") -> str:
    return f"""    <Child>
      <ChildIdentifiers>
        <LAchildID>{child_id}</LAchildID>
        <PersonBirthDate>2015-03-27</PersonBirthDate>
        <Sex>{sex}</Sex>{extra}
      </ChildIdentifiers>
      <ChildCharacteristics>
        <Ethnicity>{ethnicity}</Ethnicity>
        <Disabilities><Disability>NONE</Disability></Disabilities>
      </ChildCharacteristics>
{''.join(episodes)}    </Child>
"""


def episode(referral: str, body: str = "", nfa: str = "false", closure: str = "", need: str = "N1") -> str:
    closed = f"<CINclosureDate>{closure}</CINclosureDate><ReasonForClosure>RC7</ReasonForClosure>" \
        if closure else ""
    return f"""      <CINdetails>
        <CINreferralDate>{referral}</CINreferralDate>
        <ReferralSource>1A</ReferralSource>
        <PrimaryNeedCode>{need}</PrimaryNeedCode>{closed}
        <ReferralNFA>{nfa}</ReferralNFA>{body}
      </CINdetails>
"""


def assessment(start: str, done: str = "") -> str:
    authorised = f"<AssessmentAuthorisationDate>{done}</AssessmentAuthorisationDate>" if done else ""
    return f"<Assessments><AssessmentActualStartDate>{start}</AssessmentActualStartDate>{authorised}</Assessments>"


def plan(start: str) -> str:
    return f"<CINPlanDates><CINPlanStartDate>{start}</CINPlanStartDate></CINPlanDates>"


def census(tmp_path: Path, *children: str, year: str = "2026", reference: str = "2026-03-31",
           lea: str = "<LEA>201</LEA>", name: str = "return.xml") -> Path:
    path = tmp_path / name
    path.write_text(HEADER.format(year=year, reference=reference, lea=lea) + "".join(children) + FOOTER,
                    encoding="utf-8")
    return path


def findings(path: Path) -> list[tuple[str, str, str, str]]:
    """(case, rule, kind, certainty) from the per-case audit, checked against the column-wise one."""
    reader = CensusReader(path)
    per_case = sorted((c.id, f.rule_id, f.kind, f.certainty) for c in reader.cases()
                      for f in audit_case(c, date(2026, 3, 31), RULES).findings)
    rows = audit_file(path).findings
    batch = sorted(zip(rows["case_id"], rows["rule_id"], rows["kind"], rows["certainty"], strict=True))
    assert batch == per_case
    return per_case


def test_a_referral_with_no_further_action_needs_no_assessment_even_when_left_open(tmp_path: Path) -> None:
    path = census(tmp_path, child("NFA1", episode("2025-04-10", nfa="true", need="")),
                  child("NFA2", episode("2025-04-10", nfa="1", closure="2026-01-05", need="")),
                  child("OPEN", episode("2025-04-10")))
    assert findings(path) == [(case_id("OPEN", 1), "assessment_timescale", "overdue", "certain")]


def test_a_child_carried_over_without_this_years_assessment_is_not_a_certain_breach(tmp_path: Path) -> None:
    # Referred in December, assessed before 1 April (so not in this return), plan still open.
    carried = child("CARRIED", episode("2024-12-09", plan("2025-02-20")))
    # Carried over and assessed late in this year: the file cannot show an earlier assessment.
    late = child("LATE", episode("2025-02-03", assessment("2025-04-07", "2025-06-30")))
    path = census(tmp_path, carried, late)
    assert findings(path) == [
        (case_id("CARRIED", 1), "assessment_timescale", "not_evidenced", "possible"),
        (case_id("LATE", 1), "assessment_timescale", "late", "possible"),
    ]


def test_several_assessments_in_one_episode_the_first_in_time_meets_the_clock(tmp_path: Path) -> None:
    path = census(tmp_path, child("TWICE", episode(
        "2025-05-06", assessment("2025-05-07", "2025-06-02") + assessment("2025-09-01", "2026-01-20"))))
    assert findings(path) == []


@pytest.mark.parametrize(("body", "closure", "element", "words"), [
    (assessment("2025-05-07", "2026-04-20"), "", "Assessments[1]/AssessmentAuthorisationDate",
     "is after the census reference date (2026-03-31)"),
    ("", "2025-03-02", "CINclosureDate",
     "is before the census year (2025-04-01 to 2026-03-31)"),
    (assessment("2025-05-07", "2025-12-02"), "2025-09-01", "Assessments[1]/AssessmentAuthorisationDate",
     "is after the episode closed (2025-09-01)"),
    (assessment("2025-06-01"), "", "Assessments[1]/AssessmentActualStartDate",
     "is before the CINreferralDate"),
])
def test_an_episode_a_problem_touches_is_held_back_and_the_childs_other_episodes_audited(
        tmp_path: Path, body: str, closure: str, element: str, words: str) -> None:
    referral = "2025-02-03" if closure == "2025-03-02" else "2025-06-02" if "06-01" in body else "2025-05-06"
    path = census(tmp_path, child("TWO", episode(referral, body, closure=closure),
                                  episode("2025-10-06", assessment("2025-10-07"))))
    reader = CensusReader(path)
    cases = [c.id for c in reader.cases()]
    assert cases == [case_id("TWO", 2)]  # the second episode keeps its number
    assert (reader.episodes_read, reader.episodes_audited, reader.skipped) == (2, 1, [])
    [problem] = reader.problems
    assert problem.where == "LAchildID TWO"
    assert problem.field == f"Message/Children/Child[1]/CINdetails[1]/{element}"
    assert words in problem.problem and problem.fix and problem.line
    assert findings(path) == [(case_id("TWO", 2), "assessment_timescale", "overdue", "certain")]


def test_codes_outside_the_dfe_lists_and_stray_text_are_reported_and_the_child_still_audited(
        tmp_path: Path) -> None:
    path = census(tmp_path, child("CODES", episode("2025-04-10", need="N12"), sex="1", ethnicity="XXXX",
                                  extra="<UPNunknown>UN3</UPNunknown>PersonBirthDate"))
    reader = CensusReader(path)
    assert [c.id for c in reader.cases()] == [case_id("CODES", 1)]
    described = {(p.field.rsplit("/", 1)[-1], p.problem.split(" is")[0]) for p in reader.problems}
    assert described == {("Sex", "Sex '1'"), ("Ethnicity", "Ethnicity 'XXXX'"),
                         ("PrimaryNeedCode", "PrimaryNeedCode 'N12'"),
                         ("ChildIdentifiers", "stray text 'PersonBirthDate' inside <ChildIdentifiers>, outside any "
                                              "element")}
    assert all(p.line and p.fix for p in reader.problems)


def test_the_header_year_and_a_reference_date_not_31_march_are_reported(tmp_path: Path) -> None:
    path = census(tmp_path, child("A", episode("2025-04-10", assessment("2025-04-11", "2025-05-01"))),
                  year="2023", reference="2026-03-30")
    reader = CensusReader(path)
    assert len(list(reader.cases())) == 1
    problems = {p.field.rsplit("/", 1)[-1]: p for p in reader.problems}
    assert set(problems) == {"ReferenceDate", "Year"}
    assert "not 31 March" in problems["ReferenceDate"].problem
    assert "--as-of" in problems["ReferenceDate"].fix
    assert "'2023'" in problems["Year"].problem and problems["Year"].line == 6


def test_a_header_with_no_lea_stops_the_file_and_says_so(tmp_path: Path) -> None:
    path = census(tmp_path, child("A", episode("2025-04-10")), lea="")
    reader = CensusReader(path)
    assert list(reader.cases()) == []
    [problem] = reader.problems
    assert "no usable LEA" in problem.problem and "no child in this file was read" in problem.problem
    result = runner.invoke(app, ["census", "audit", str(path)])
    assert result.exit_code == 2
    assert "0 children read, 0 skipped; 0 of 0 episodes audited; 1 problem(s)" in result.output


def test_a_namespaced_or_truncated_file_is_reported_and_exits_non_zero(tmp_path: Path) -> None:
    good = census(tmp_path, child("A", episode("2025-04-10", assessment("2025-04-11", "2025-05-01"))),
                  child("B", episode("2025-04-10", assessment("2025-04-11", "2025-05-01"))))
    text = good.read_text(encoding="utf-8")
    spaced = tmp_path / "namespaced.xml"
    spaced.write_text(text.replace("<Message>", '<Message xmlns="http://www.dfe.gov.uk/CIN">'), encoding="utf-8")
    result = runner.invoke(app, ["census", "audit", str(spaced)])
    assert result.exit_code == 2 and "namespace" in result.output and "remove" in result.output
    cut = tmp_path / "truncated.xml"
    cut.write_text(text[:text.index("<LAchildID>B")], encoding="utf-8")
    result = runner.invoke(app, ["census", "audit", str(cut)])
    assert result.exit_code == 3 and "not well-formed" in result.output
    assert "1 of 1 episodes audited" in result.output


def test_upper_case_spaced_and_slashed_ids_are_kept_exactly_on_a_safe_case_id(tmp_path: Path) -> None:
    ids = ["DfEX0000001", "AB 1234", "12/345", "ab 1234"]
    path = census(tmp_path, *(child(i, episode("2025-04-10", assessment("2025-04-11", "2025-05-01")))
                              for i in ids))
    cases = list(CensusReader(path).cases())
    assert [c.children[0].id for c in cases] == ids
    assert len({c.id for c in cases}) == 4
    for case in cases:
        back = read_case_text(dump_case(case), f"{case.id}.yaml")  # the chronology format accepts the id
        assert (back.id, back.children[0].id) == (case.id, case.children[0].id)


def test_one_bad_file_in_a_batch_is_reported_and_the_others_audited(tmp_path: Path) -> None:
    folder = tmp_path / "returns"
    folder.mkdir()
    late = child("L1", episode("2025-04-10", assessment("2025-04-11", "2025-09-01")))
    census(folder, late, name="a.xml")
    census(folder, late, name="b.xml", lea="<LEA>202</LEA>")
    census(folder, late, name="c.xml", lea="")
    result = runner.invoke(app, ["census", "batch", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 3, result.output
    assert "c.xml" in result.output and "no usable LEA" in result.output
    assert "3 files: 2 children read, 0 skipped; 2 of 2 episodes audited; 1 problem(s)" in result.output
    text = (tmp_path / "out" / "findings.csv").read_text(encoding="utf-8")
    assert text.count("assessment_timescale") == 2


FULL_RETURN = """<?xml version='1.0' encoding='utf-8'?>
<Message>
  <Header>
    <CollectionDetails>
      <Collection>CIN</Collection>
      <Year>2026</Year>
      <ReferenceDate>2026-03-31</ReferenceDate>
    </CollectionDetails>
    <Source>
      <SourceLevel>L</SourceLevel>
      <LEA>201</LEA>
    </Source>
  </Header>
  <Children>
    <Child>
      <ChildIdentifiers>
        <LAchildID>DfE X/0001</LAchildID>
        <UPN>A123456789123</UPN>
        <FormerUPN>X98765432123B</FormerUPN>
        <UPNunknown>UN3</UPNunknown>
        <PersonBirthDate>2015-03-27</PersonBirthDate>
        <GenderCurrent>1</GenderCurrent>
        <Sex>M</Sex>
        <PersonDeathDate>2026-02-01</PersonDeathDate>
      </ChildIdentifiers>
      <ChildCharacteristics>
        <Ethnicity>WBRI</Ethnicity>
        <Disabilities>
          <Disability>HAND</Disability>
          <Disability>HEAR</Disability>
        </Disabilities>
      </ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2024-12-09</CINreferralDate>
        <ReferralSource>1A</ReferralSource>
        <PrimaryNeedCode>N1</PrimaryNeedCode>
        <CINclosureDate>2026-02-01</CINclosureDate>
        <ReasonForClosure>RC2</ReasonForClosure>
        <ReferralNFA>false</ReferralNFA>
        <Assessments>
          <AssessmentActualStartDate>2025-04-07</AssessmentActualStartDate>
          <AssessmentInternalReviewDate>2025-04-20</AssessmentInternalReviewDate>
          <AssessmentAuthorisationDate>2025-05-02</AssessmentAuthorisationDate>
          <FactorsIdentifiedAtAssessment>
            <AssessmentFactors>1C</AssessmentFactors>
            <AssessmentFactors>21</AssessmentFactors>
          </FactorsIdentifiedAtAssessment>
        </Assessments>
        <CINPlanDates>
          <CINPlanStartDate>2025-05-06</CINPlanStartDate>
          <CINPlanEndDate>2025-06-01</CINPlanEndDate>
        </CINPlanDates>
        <Section47>
          <S47ActualStartDate>2025-06-02</S47ActualStartDate>
          <InitialCPCtarget>2025-06-20</InitialCPCtarget>
          <DateOfInitialCPC>2025-06-17</DateOfInitialCPC>
          <ICPCnotRequired>false</ICPCnotRequired>
        </Section47>
        <ChildProtectionPlans>
          <CPPstartDate>2025-06-17</CPPstartDate>
          <CPPendDate>2026-01-14</CPPendDate>
          <InitialCategoryOfAbuse>PHY</InitialCategoryOfAbuse>
          <LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse>
          <NumberOfPreviousCPP>2</NumberOfPreviousCPP>
          <Reviews>
            <CPPreviewDate>2025-09-15</CPPreviewDate>
          </Reviews>
        </ChildProtectionPlans>
        <PreProceedingsandFGDM>
          <PPStartDate>2025-09-09</PPStartDate>
          <LBPSentDate>2025-09-20</LBPSentDate>
          <FGDMMeetingOffer>1</FGDMMeetingOffer>
          <PPOutcome>A</PPOutcome>
        </PreProceedingsandFGDM>
      </CINdetails>
    </Child>
  </Children>
</Message>
"""


def _elements(path: Path) -> list[tuple[str, str]]:
    """Every element of the children, as (path, text), in file order."""
    from lxml import etree
    tree = etree.parse(str(path))
    root = tree.getroot()
    out = [(tree.getpath(e), (e.text or "").strip()) for e in root.iter("*") if "Children" in tree.getpath(e)]
    out.append(("ReferenceDate", root.findtext("Header/CollectionDetails/ReferenceDate") or ""))
    return out


def test_a_return_with_every_optional_element_comes_back_from_the_store_element_for_element(
        tmp_path: Path) -> None:
    source = tmp_path / "full.xml"
    source.write_text(FULL_RETURN, encoding="utf-8")
    env = {"CASEWORK_DATABASE_URL": f"sqlite:///{tmp_path / 'cw.sqlite'}"}
    result = runner.invoke(app, ["census", "import", str(source)], env=env)
    assert result.exit_code == 0, result.output
    folder = tmp_path / "chronologies"
    folder.mkdir()
    [case] = CensusReader(source).cases()
    exported = runner.invoke(app, ["export", case.id, "-o", str(folder / f"{case.id}.yaml")], env=env)
    assert exported.exit_code == 0, exported.output
    # The store keeps that the record shows only the census year (no false certain breach later).
    assert "complete_from: 2025-04-01" in (folder / f"{case.id}.yaml").read_text(encoding="utf-8")
    out = tmp_path / "back.xml"
    result = runner.invoke(app, ["census", "export", "--year", "2025-26", "--council", "201",
                                 "--from", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert _elements(out) == _elements(source)
