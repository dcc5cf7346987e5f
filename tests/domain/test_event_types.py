"""The sweep: every event type is documented (design.md habit 9).

Each type says what it means and which category it belongs to; a census field, where it
has one, is one of the DfE children in need census names; every rule names only known
types and only details those types carry; and `casework events` lists every type.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from typer.testing import CliRunner

from casework.domain.dates import CaseDate
from casework.domain.events import EVENT_TYPE_BY_NAME, EVENT_TYPES, Detail, EventType
from casework.domain.rules import Matcher, Rule, load_rules
from casework.entrypoints.cli import app

# The DfE children in need census names the rules need (rules.md §6).
CIN_CENSUS_FIELDS = frozenset({
    "CINreferralDate", "AssessmentActualStartDate", "AssessmentAuthorisationDate",
    "S47ActualStartDate", "InitialCPCtarget", "DateOfInitialCPC", "CPPstartDate", "CPPendDate",
    "CPPreviewDate", "CINPlanStartDate", "CINPlanEndDate", "CINclosureDate", "ReasonForClosure",
})
CATEGORIES = frozenset({
    "child_in_need", "child_protection", "practice", "support", "complaint", "ombudsman",
    "remedy", "action", "looked_after", "fostering", "adoption", "care_leaver",
    "private_fostering", "send",
    "record",  # corrections and withdrawals of other entries (domain/corrections.py)
})
# The DfE children looked after return (SSDA903): its tables and their columns, as the DfE's
# validator names them (docs/ssda903-mapping.md).
SSDA903_COLUMNS = {
    "Header": {"CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"},
    "Episodes": {"CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
                 "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"},
    "Reviews": {"CHILD", "DOB", "REVIEW", "REVIEW_CODE"},
    "OC2": {"CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS",
            "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED",
            "INTERVENTION_OFFERED"},
    "OC3": {"CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"},
    "AD1": {"CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"},
    "PlacedAdoption": {"CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"},
    "PrevPerm": {"CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"},
    "Missing": {"CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"},
}

TYPE_NAMES = [t.name for t in EVENT_TYPES]
RULES = load_rules()


def _rule_matchers(rule: Rule) -> list[tuple[str, Matcher]]:
    """Every matcher a rule holds, with the key it is written under."""
    found = [(key, m) for key in ("trigger", "satisfied_by", "stopped_by", "only_if", "also_from")
             for m in getattr(rule, key)]
    if rule.extension is not None:
        found += [("extension.by", m) for m in rule.extension.by]
    return found


def _fits(detail: Detail, value: object) -> bool:
    """Whether a matcher's value can ever equal a recorded value of this detail.

    None matches an event that does not record the detail at all.
    """
    if value is None:
        return not detail.required
    if detail.kind == "bool":
        return isinstance(value, bool)
    if detail.kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if detail.kind == "choice":
        return value in detail.choices
    if detail.kind == "date":
        return isinstance(value, date | CaseDate)
    return isinstance(value, str)


def test_event_type_names_are_unique_and_indexed() -> None:
    assert len(set(TYPE_NAMES)) == len(TYPE_NAMES)
    assert list(EVENT_TYPE_BY_NAME) == TYPE_NAMES


@pytest.mark.parametrize("etype", EVENT_TYPES, ids=TYPE_NAMES)
def test_every_event_type_has_a_meaning_and_a_known_category(etype: EventType) -> None:
    assert etype.meaning.strip(), f"give event type {etype.name} a meaning in events.py"
    assert etype.category in CATEGORIES, (
        f"event type {etype.name}: category '{etype.category}' is not one of {sorted(CATEGORIES)}")


@pytest.mark.parametrize("etype", EVENT_TYPES, ids=TYPE_NAMES)
def test_every_detail_of_an_event_type_says_what_it_means(etype: EventType) -> None:
    for key, detail in etype.details.items():
        assert detail.meaning.strip(), f"give detail '{key}' of {etype.name} a meaning"
        assert (detail.kind == "choice") == bool(detail.choices), (
            f"detail '{key}' of {etype.name}: a choice lists its choices, and only a choice does")


@pytest.mark.parametrize("etype", [t for t in EVENT_TYPES if t.census_field is not None],
                         ids=[t.name for t in EVENT_TYPES if t.census_field is not None])
def test_every_census_field_is_a_dfe_children_in_need_census_name(etype: EventType) -> None:
    assert etype.census_field in CIN_CENSUS_FIELDS


@pytest.mark.parametrize("etype", [t for t in EVENT_TYPES if t.ssda903 is not None],
                         ids=[t.name for t in EVENT_TYPES if t.ssda903 is not None])
def test_every_ssda903_field_names_a_table_and_column_of_the_return(etype: EventType) -> None:
    assert etype.ssda903 is not None
    for table, column in re.findall(r"(\w+)\.(\w+)", etype.ssda903):
        assert column in SSDA903_COLUMNS.get(table, set()), f"{etype.name}: {table}.{column}"
    assert etype.census_field is None, "a looked-after event is not a children in need census field"


def test_the_ssda903_codes_a_detail_quotes_name_their_column() -> None:
    columns = set().union(*SSDA903_COLUMNS.values())
    for etype in EVENT_TYPES:
        for key, detail in etype.details.items():
            for named in re.findall(r"SSDA903 (?:\w+ )?([A-Z_]{2,})\b", detail.meaning):
                assert named in columns, f"{etype.name}.{key} names {named}"


def test_no_census_field_is_claimed_by_two_event_types() -> None:
    fields = [t.census_field for t in EVENT_TYPES if t.census_field is not None]
    assert len(fields) == len(set(fields))


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_every_rule_matches_known_event_types_by_known_details(rule: Rule) -> None:
    for key, matcher in _rule_matchers(rule):
        etype = EVENT_TYPE_BY_NAME.get(matcher.type)
        assert etype is not None, f"rule {rule.id} {key}: '{matcher.type}' is not an event type"
        for name, value in (*matcher.details.items(), *matcher.unless.items()):
            detail = etype.details.get(name)
            assert detail is not None, (
                f"rule {rule.id} {key}: a {matcher.type} has no detail '{name}' "
                f"(it has: {', '.join(etype.details) or 'none'})")
            assert _fits(detail, value), (
                f"rule {rule.id} {key}: {matcher.type}.{name} is a {detail.kind}; "
                f"{value!r} can never match it")


def test_a_matcher_value_of_the_wrong_kind_is_caught() -> None:
    # The sweep above must be able to fail: a bool detail written as text never matches.
    assert not _fits(EVENT_TYPE_BY_NAME["icpc"].details["cp_plan"], "yes")
    assert not _fits(EVENT_TYPE_BY_NAME["corporate_response"].details["stage"], None)
    assert _fits(EVENT_TYPE_BY_NAME["complaint_acknowledged"].details["stage"], None)


def test_casework_events_lists_every_type_with_its_census_field() -> None:
    result = CliRunner().invoke(app, ["events"])
    assert result.exit_code == 0, result.output
    rows = {line.split("│")[1].strip(): line for line in result.output.splitlines()
            if line.count("│") > 2 and line.split("│")[1].strip()}
    missing = [name for name in TYPE_NAMES if name not in rows]
    assert missing == [], f"`casework events` does not list {missing}"
    for etype in EVENT_TYPES:
        if etype.census_field is not None:
            assert etype.census_field in rows[etype.name]
        if etype.ssda903 is not None:
            assert "SSDA903" in rows[etype.name]
