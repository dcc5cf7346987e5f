"""The quick path reads exactly what the careful path reads, and leaves every bad child to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from casework.adapters.census.reader import CensusReader
from casework.adapters.census.synth import FaultRates, synth
from casework.domain.batch import TableBuilder, matcher_keys
from casework.domain.census import CensusChild, census_rules
from casework.domain.errors import CaseworkError
from casework.domain.rules import load_rules

FIXTURES = Path(__file__).parent / "fixtures"
BAD = FIXTURES / "bad"

FULL_CHILD = """    <Child>
      <ChildIdentifiers>
        <LAchildID>FULL1</LAchildID>
        <UPN>A123456789012</UPN>
        <PersonBirthDate>2015-02-03</PersonBirthDate>
        <Sex>F</Sex>
      </ChildIdentifiers>
      <ChildCharacteristics>
        <Ethnicity>WBRI</Ethnicity>
        <Disabilities>
          <Disability>HAND</Disability>
        </Disabilities>
      </ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2025-05-06</CINreferralDate>
        <ReferralSource>1A</ReferralSource>
        <PrimaryNeedCode>N1</PrimaryNeedCode>
        <CINclosureDate>2026-02-02</CINclosureDate>
        <ReasonForClosure>RC1</ReasonForClosure>
        <DateOfInitialCPC>2025-05-27</DateOfInitialCPC>
        <ReferralNFA>false</ReferralNFA>
        <Assessments>
          <AssessmentActualStartDate>2025-05-07</AssessmentActualStartDate>
          <AssessmentInternalReviewDate>2025-05-20</AssessmentInternalReviewDate>
          <AssessmentAuthorisationDate>2025-06-02</AssessmentAuthorisationDate>
          <FactorsIdentifiedAtAssessment>
            <AssessmentFactors>2B</AssessmentFactors>
          </FactorsIdentifiedAtAssessment>
        </Assessments>
        <CINPlanDates>
          <CINPlanStartDate>2025-06-03</CINPlanStartDate>
          <CINPlanEndDate>2025-07-01</CINPlanEndDate>
        </CINPlanDates>
        <Section47>
          <S47ActualStartDate>2025-05-08</S47ActualStartDate>
          <InitialCPCtarget>2025-05-30</InitialCPCtarget>
          <DateOfInitialCPC>2025-05-27</DateOfInitialCPC>
          <ICPCnotRequired>false</ICPCnotRequired>
        </Section47>
        <Section47>
          <S47ActualStartDate>2025-09-01</S47ActualStartDate>
          <ICPCnotRequired>true</ICPCnotRequired>
        </Section47>
        <ChildProtectionPlans>
          <CPPstartDate>2025-05-27</CPPstartDate>
          <CPPendDate>2026-01-20</CPPendDate>
          <InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>
          <LatestCategoryOfAbuse>EMO</LatestCategoryOfAbuse>
          <NumberOfPreviousCPP>2</NumberOfPreviousCPP>
          <Reviews>
            <CPPreviewDate>2025-12-01</CPPreviewDate>
            <CPPreviewDate>2025-08-20</CPPreviewDate>
          </Reviews>
        </ChildProtectionPlans>
        <PreProceedingsandFGDM>
          <Anything>held as it is</Anything>
        </PreProceedingsandFGDM>
      </CINdetails>
    </Child>
"""


def both(path: Path, strict: bool = False) -> tuple[tuple[list[CensusChild], list[object], list[str]], ...]:
    readings = []
    for located in (True, False):
        reader = CensusReader(path, strict=strict)
        children = list(reader.children(located=located))
        readings.append((children, reader.problems, reader.skipped))
    return tuple(readings)


def test_a_synthetic_census_reads_the_same_records_either_way(tmp_path: Path) -> None:
    rates = FaultRates(assessment_late=0.2, assessment_open=0.1, icpc_late=0.3, icpc_missing=0.1,
                       rcpc_first_late=0.3, rcpc_review_late=0.3)
    synth(councils=2, children=400, seed=5, out_dir=tmp_path, fault_rates=rates)
    for path in sorted(tmp_path.glob("*.xml")):
        careful, quick = both(path)
        assert careful[0], path.name
        assert quick == careful


def test_every_field_a_child_can_hold_reads_the_same_either_way(tmp_path: Path) -> None:
    path = tmp_path / "full.xml"
    path.write_text((FIXTURES / "good.xml").read_text().replace("  </Children>", FULL_CHILD + "  </Children>"))
    careful, quick = both(path)
    assert quick == careful
    full = careful[0][-1]
    assert (full.id, full.sex, full.ethnicity, full.disabled) == ("FULL1", "F", "WBRI", True)
    [episode] = full.episodes
    assert episode.primary_need == "N1"
    [plan] = episode.cp_plans
    assert (plan.category_of_abuse, plan.latest_category_of_abuse, plan.previous_plans) == ("NEG", "EMO", 2)
    assert [d.isoformat() for d in plan.reviews] == ["2025-08-20", "2025-12-01"]
    assert [s.icpc_not_required for s in episode.section47s] == [False, True]


@pytest.mark.parametrize("fixture", sorted(p.stem for p in BAD.glob("*.xml")))
def test_a_bad_child_gets_the_same_report_either_way(fixture: str) -> None:
    careful, quick = both(BAD / f"{fixture}.xml")
    assert careful[1]
    assert quick == careful


@pytest.mark.parametrize("fixture", sorted(p.stem for p in BAD.glob("*.xml")))
def test_strict_refuses_a_bad_file_the_same_way_either_way(fixture: str) -> None:
    errors = []
    for located in (True, False):
        with pytest.raises(CaseworkError) as error:
            list(CensusReader(BAD / f"{fixture}.xml", strict=True).children(located=located))
        errors.append(error.value.problems)
    assert errors[0] == errors[1]


@pytest.mark.parametrize(("original", "changed"), [
    ("<CINreferralDate>2025-05-06</CINreferralDate>", "<CINreferralDate> 2025-05-06 </CINreferralDate>"),
    ("<Sex>F</Sex>", "<Sex>F</Sex><Sex>M</Sex>"),
    ("<NumberOfPreviousCPP>2</NumberOfPreviousCPP>", "<NumberOfPreviousCPP>two</NumberOfPreviousCPP>"),
    ("<NumberOfPreviousCPP>2</NumberOfPreviousCPP>", "<NumberOfPreviousCPP>²</NumberOfPreviousCPP>"),
    ("<ICPCnotRequired>true</ICPCnotRequired>", "<ICPCnotRequired>maybe</ICPCnotRequired>"),
    ("<CPPendDate>2026-01-20</CPPendDate>", "<CPPendDate>2025-04-01</CPPendDate>"),
    ("<ReferralNFA>false</ReferralNFA>", "<ReferralNFA><CPPreviewDate>2025-06-01</CPPreviewDate></ReferralNFA>"),
    ("<Ethnicity>WBRI</Ethnicity>", "<!-- a note --><Ethnicity>WBRI</Ethnicity>"),
])
def test_an_irregular_child_is_read_the_careful_way(tmp_path: Path, original: str, changed: str) -> None:
    path = tmp_path / "odd.xml"
    text = (FIXTURES / "good.xml").read_text().replace("  </Children>", FULL_CHILD + "  </Children>")
    path.write_text(text.replace(original, changed, 1))
    careful, quick = both(path)
    assert quick == careful
    for keys in KEYS:
        records, raw = tables(path, keys)
        assert raw == records


# Every detail a census event carries, so the raw path's details are compared, not only the
# few the census rules look at.
ALL_DETAILS = frozenset({"source", "primary_need", "no_further_action", "pre_proceedings", "cp_plan", "review_date",
                         "factors", "s47_initiated", "icpc_target", "concerns_substantiated", "category_of_abuse",
                         "latest_category_of_abuse", "previous_plans", "reason_for_closure"})


YIELDED: dict[bool, int] = {}


def tables(path: Path, keys: frozenset[str], strict: bool = False) -> list[tuple[object, ...]]:
    """The table, counts and problems read with records for every child, and with regular
    children handed over raw (`TableBuilder.add_regular_child`), as `census batch` reads."""
    readings = []
    for raw in (False, True):
        reader = CensusReader(path, strict=strict)
        builder = TableBuilder(keys)
        YIELDED[raw] = 0
        for child in reader.children(located=False, regular=builder.add_regular_child if raw else None):
            assert reader.header is not None
            builder.add_census_child(child, reader.header)
            YIELDED[raw] += 1
        table = builder.build()
        columns = tuple(getattr(table, name).tolist() for name in
                        ("unit", "earliest", "latest", "event_id", "signature", "unit_case", "unit_child",
                         "unit_council", "unit_record", "unit_from"))
        readings.append((columns, table.event_ids, table.signatures, table.records, reader.problems,
                         reader.skipped, reader.children_read, reader.episodes_read, reader.episodes_held))
    return readings


KEYS = [matcher_keys(census_rules(load_rules())), ALL_DETAILS]


@pytest.mark.parametrize("keys", KEYS)
def test_regular_children_handed_over_raw_make_the_same_table(tmp_path: Path, keys: frozenset[str]) -> None:
    rates = FaultRates(assessment_late=0.2, assessment_open=0.1, icpc_late=0.3, icpc_missing=0.1,
                       rcpc_first_late=0.3, rcpc_review_late=0.3)
    synth(councils=2, children=400, seed=5, out_dir=tmp_path, fault_rates=rates)
    full = tmp_path / "full.xml"
    full.write_text((FIXTURES / "good.xml").read_text().replace("  </Children>", FULL_CHILD + "  </Children>"))
    for path in [*sorted(tmp_path.glob("cin_*.xml")), full]:
        records, raw = tables(path, keys)
        assert records[0][0], path.name
        assert raw == records, path.name
        assert YIELDED[True] < YIELDED[False] / 10, "regular children are handed over raw, not as records"


@pytest.mark.parametrize("fixture", sorted(p.stem for p in BAD.glob("*.xml")))
def test_a_bad_child_makes_the_same_table_when_regular_children_are_handed_over_raw(fixture: str) -> None:
    for keys in KEYS:
        records, raw = tables(BAD / f"{fixture}.xml", keys)
        assert raw == records


@pytest.mark.parametrize("fixture", sorted(p.stem for p in BAD.glob("*.xml")))
def test_strict_refuses_a_bad_file_the_same_way_when_regular_children_are_handed_over_raw(fixture: str) -> None:
    errors = []
    for raw in (False, True):
        builder = TableBuilder(KEYS[0])
        with pytest.raises(CaseworkError) as error:
            list(CensusReader(BAD / f"{fixture}.xml", strict=True).children(
                located=False, regular=builder.add_regular_child if raw else None))
        errors.append(error.value.problems)
        assert not len(builder.build())  # nothing is handed over from a file refused whole
    assert errors[0] == errors[1]
