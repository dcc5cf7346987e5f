"""Writing the census: what the writer writes, the reader reads back to the same chronologies."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from casework.adapters.census.reader import CensusReader
from casework.adapters.census.writer import write_census, write_children
from casework.adapters.chronology_file import read_case_text
from casework.domain.census import (
    Assessment,
    CensusChild,
    CensusHeader,
    CINPlan,
    CPPlan,
    Episode,
    Section47,
    episode_to_case,
)
from casework.domain.chronology import Case
from casework.domain.errors import CaseworkError

HEADER = CensusHeader("201", date(2026, 3, 31))
tue_1_apr_2025 = date(2025, 4, 1)


def plain(case: Case) -> Case:
    """A case without where it was read from (file and line differ between two files)."""
    return replace(case, where="", events=tuple(replace(e, line=None) for e in case.events))


YEAR_START, REFERENCE = date(2025, 4, 1), date(2026, 3, 31)


@st.composite
def after(draw: st.DrawFn, day: date, most: int = 200) -> date:
    """A day on or after `day`, no later than the reference date (the census holds none later)."""
    return min(day + timedelta(days=draw(st.integers(0, most))), REFERENCE)


@st.composite
def episodes(draw: st.DrawFn) -> Episode:
    """Episodes a census year can hold: some carried over from the year before, every later
    date in the year, nothing after the closure."""
    referral = draw(after(date(2024, 10, 1), 540))
    start = max(referral, YEAR_START)
    maybe = st.booleans()
    assessments = tuple(
        Assessment(a_start, draw(after(a_start)) if draw(maybe) else None,
                   draw(st.none() | after(a_start, 20)), tuple(draw(st.lists(st.sampled_from(["2B", "3A", "21"]),
                                                                             max_size=2, unique=True))))
        for a_start in [draw(after(start, 60)) for _ in range(draw(st.integers(0, 2)))])
    plans = tuple(CINPlan(p_start, draw(after(p_start)) if draw(maybe) else None)
                  for p_start in [draw(after(start)) for _ in range(draw(st.integers(0, 2)))])
    s47s = []
    for _ in range(draw(st.integers(0, 2))):
        s_start = draw(after(start, 30))
        icpc = draw(after(s_start, 40)) if draw(maybe) else None
        s47s.append(Section47(s_start, icpc, None if icpc else draw(st.sampled_from([None, True, False])),
                              draw(after(s_start, 30))))  # a return gives its target
    plans_cp = []
    for _ in range(draw(st.integers(0, 2))):
        c_start = draw(after(start))
        reviews = tuple(sorted(draw(st.lists(after(c_start, 400), max_size=4))))
        plans_cp.append(CPPlan(c_start, draw(after(c_start, 500)) if draw(maybe) else None, reviews,
                               draw(st.sampled_from([None, "NEG", "MUL"])),
                               draw(st.sampled_from([None, "EMO"])), draw(st.none() | st.integers(0, 5))))
    icpc = draw(after(start, 90)) if draw(maybe) else None
    days = [start, icpc, *(d for a in assessments for d in (a.start, a.authorised)),
            *(d for p in plans for d in (p.start, p.end)), *(d for s in s47s for d in (s.start, s.icpc)),
            *(d for c in plans_cp for d in (c.start, c.end, *c.reviews))]
    activity = bool(assessments or plans or s47s or plans_cp)
    return Episode(
        referral=referral,
        closure=draw(after(max(d for d in days if d is not None), 100)) if draw(maybe) else None,
        reason_for_closure=draw(st.sampled_from([None, "RC1", "RC8"])),
        referral_source=draw(st.sampled_from([None, "1A", "5C"])),
        primary_need=draw(st.sampled_from([None, "N1", "N5"])),
        icpc=icpc, assessments=assessments, cin_plans=plans, section47s=tuple(s47s), cp_plans=tuple(plans_cp),
        referral_nfa=draw(st.sampled_from([False] if activity else [True, False])),
        pre_proceedings=draw(st.none() | st.just((("PPStartDate", "2025-09-09"), ("PPOutcome", "A")))))


identifiers = st.dictionaries(st.sampled_from(["UPN", "FormerUPN", "UPNunknown", "GenderCurrent"]),
                              st.from_regex(r"[A-Z0-9]{1,13}", fullmatch=True), max_size=3)
children = st.lists(
    st.builds(CensusChild, id=st.from_regex(r"[A-Z]{2}[ /]?[0-9]{4}", fullmatch=True),
              birth_date=st.none() | st.dates(date(2005, 1, 1), date(2024, 1, 1)),
              episodes=st.lists(episodes(), min_size=1, max_size=3).map(tuple),
              sex=st.sampled_from([None, "M", "F", "U"]), ethnicity=st.sampled_from([None, "WBRI", "MWBC"]),
              identifiers=identifiers,
              disabilities=st.lists(st.sampled_from(["NONE", "HAND", "AUT"]), min_size=1, max_size=2,
                                    unique=True).map(tuple))
    .map(lambda c: replace(c, disabled=any(d != "NONE" for d in c.disabilities))),
    min_size=1, max_size=4, unique_by=lambda c: c.id)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(children)
def test_a_written_census_reads_back_to_the_same_chronologies(kids: list[CensusChild]) -> None:
    expected = [plain(episode_to_case(child, n, ep, HEADER))
                for child in kids for n, ep in enumerate(child.episodes, 1)]
    with TemporaryDirectory() as tmp:
        first, second = Path(tmp) / "first.xml", Path(tmp) / "second.xml"
        write_children(first, HEADER, kids)
        reader = CensusReader(first, strict=True)
        read_back = list(reader.cases())
        assert [plain(c) for c in read_back] == expected
        write_census(second, read_back, council="201", year="2025-26")
        assert [plain(c) for c in CensusReader(second, strict=True).cases()] == expected


CHRONOLOGY = """
case: wirral-p
council: wirral
children: [{id: P, disabled: true}]
events:
  - {id: r, type: referral, date: 2025-05-06, children: [P]}
  - {id: s, type: strategy_discussion, date: 2025-05-07, details: {s47_initiated: true}}
  - {id: as, type: assessment_started, date: 2025-05-07}
  - {id: conf, type: icpc, date: 2025-06-02, details: {cp_plan: true}}
  - {id: plan, type: cp_plan_started, date: 2025-06-02}
  - {id: visit1, type: visit, date: 2025-06-10}
  - {id: ad, type: assessment_completed, date: 2025-06-20}
  - {id: rev, type: rcpc, date: 2025-08-28}
"""


def test_a_chronology_from_a_file_is_written_in_census_blocks_and_its_other_events_counted(
        tmp_path: Path) -> None:
    case = read_case_text(CHRONOLOGY, "wirral-p.yaml")
    summary = write_census(tmp_path / "out.xml", [case], council="344", year="2025-26")
    assert (summary.children, summary.episodes, summary.omitted_events) == (1, 1, 1)
    [back] = CensusReader(tmp_path / "out.xml", strict=True).cases()
    assert back.council == "344"
    assert sorted((e.type, e.date.earliest) for e in back.events) == sorted(
        (e.type, e.date.earliest) for e in case.events if e.type != "visit")
    assert next(back.of_type("icpc")).details == {"cp_plan": True}


def test_an_initial_conference_is_recorded_once_in_its_section_47_block(tmp_path: Path) -> None:
    case = read_case_text(CHRONOLOGY, "wirral-p.yaml")
    write_census(tmp_path / "out.xml", [case], council="344", year="2025-26")
    tree = etree.parse(str(tmp_path / "out.xml"))
    assert tree.xpath("//Section47/DateOfInitialCPC/text()") == ["2025-06-02"]
    assert tree.xpath("//CINdetails/DateOfInitialCPC") == []


def test_sex_ethnicity_primary_need_and_categories_of_abuse_are_written_and_read_back(tmp_path: Path) -> None:
    text = (CHRONOLOGY.replace("{id: P, disabled: true}", "{id: P, disabled: true, sex: F, ethnicity: MWBC}")
            .replace("children: [P]}", "children: [P], details: {primary_need: N1}}")
            .replace("type: cp_plan_started, date: 2025-06-02}",
                     "type: cp_plan_started, date: 2025-06-02, details: {category_of_abuse: NEG, "
                     "latest_category_of_abuse: EMO, previous_plans: 1}}"))
    write_census(tmp_path / "out.xml", [read_case_text(text, "wirral-p.yaml")], council="344", year="2025-26")
    tree = etree.parse(str(tmp_path / "out.xml"))
    assert [tree.findtext(f".//{tag}") for tag in ("Sex", "Ethnicity", "PrimaryNeedCode", "InitialCategoryOfAbuse",
                                                  "LatestCategoryOfAbuse", "NumberOfPreviousCPP")] == \
        ["F", "MWBC", "N1", "NEG", "EMO", "1"]
    [back] = CensusReader(tmp_path / "out.xml", strict=True).cases()
    assert (back.children[0].sex, back.children[0].ethnicity) == ("F", "MWBC")
    assert next(back.of_type("referral")).details == {"primary_need": "N1", "no_further_action": False}
    assert next(back.of_type("cp_plan_started")).details == {
        "category_of_abuse": "NEG", "latest_category_of_abuse": "EMO", "previous_plans": 1}


def test_a_case_that_is_not_one_census_episode_is_refused_and_nothing_written(tmp_path: Path) -> None:
    case = read_case_text(CHRONOLOGY.replace("- {id: r, type: referral, date: 2025-05-06, children: [P]}",
                                             "- {id: r, type: contact, date: 2025-05-06}"), "x.yaml")
    with pytest.raises(CaseworkError) as error:
        write_census(tmp_path / "out.xml", [case], council="344", year="2025-26")
    assert "one referral" in str(error.value)
    assert not (tmp_path / "out.xml").exists()


def test_the_census_year_names_its_reference_date() -> None:
    assert HEADER.year == "2025-26"
    assert HEADER.start == tue_1_apr_2025
