from __future__ import annotations

from datetime import date

import pytest
from store_backends import seed, seed_names

from casework.adapters.chronology_file import case_to_mapping, dump_case, read_case_text
from casework.service.access import system_actor
from casework.service.cases import export_case, get_case, import_case


def _actor(container, council):
    with container.uow() as uow:
        row = uow.councils.by_slug(council) or uow.councils.add(council)
        uow.commit()
        return system_actor(row.id, row.slug, "test")


@pytest.mark.parametrize("name", seed_names())
def test_every_seed_chronology_comes_back_from_the_store_exactly_as_it_went_in(container, world,
                                                                              name):
    case = seed(name, world.a)
    actor = _actor(container, world.a)
    import_case(container.uow(), actor, case)
    assert case_to_mapping(get_case(container.uow(), actor, case.id)) == case_to_mapping(case)
    exported = export_case(container.uow(), container.files.chronologies, actor, case.id)
    assert case_to_mapping(read_case_text(exported, "export")) == case_to_mapping(case)


def test_imprecise_dates_and_date_details_survive_storage(container, world):
    text = f"""
case: dates-1
council: {world.a}
children: [{{id: P, date_of_birth: 2015-02-03}}]
events:
  - {{id: ref, type: referral, date: late 2023-03, children: [P]}}
  - {{id: w, type: work_agreed, date: 2023-04-03, children: [P],
      details: {{work: direct work, due: 2023-05-02}}}}
  - {{id: a, type: assessment_completed, date: {{after: ref, before: 2023-06}}, children: [P]}}
  - {{id: y, type: visit, date: 2023, children: [P], note: "a visit sometime in 2023"}}
"""
    case = read_case_text(text, "dates.yaml")
    actor = _actor(container, world.a)
    import_case(container.uow(), actor, case)
    stored = get_case(container.uow(), actor, "dates-1")
    assert stored.event("w").details["due"] == date(2023, 5, 2)
    assert stored.event("a").date == case.event("a").date
    assert stored.children == case.children
    assert dump_case(stored) == dump_case(case)
    assert case_to_mapping(stored) == case_to_mapping(case)


def test_a_childs_census_sex_and_ethnicity_survive_storage_and_export(container, world):
    text = f"""
case: census-codes-1
council: {world.a}
children:
  - {{id: A, date_of_birth: 2014-06-01, sex: F, ethnicity: MWBC}}
  - {{id: B, sex: U}}
  - {{id: C, ethnicity: WBRI, disabled: true}}
  - {{id: D}}
events:
  - {{id: ref, type: referral, date: 2023-03-06, children: [A, B, C, D]}}
"""
    case = read_case_text(text, "census-codes.yaml")
    assert [(c.sex, c.ethnicity) for c in case.children] == [
        ("F", "MWBC"), ("U", None), (None, "WBRI"), (None, None)]
    actor = _actor(container, world.a)
    import_case(container.uow(), actor, case)
    stored = get_case(container.uow(), actor, "census-codes-1")
    assert stored.children == case.children
    exported = read_case_text(export_case(container.uow(), container.files.chronologies, actor, "census-codes-1"),
                              "export")
    assert exported.children == case.children
    assert case_to_mapping(exported) == case_to_mapping(case)
