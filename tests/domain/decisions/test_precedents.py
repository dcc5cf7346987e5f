from __future__ import annotations

import pytest

from casework.domain.decisions.precedents import parse_precedent_searches, precedent_searches
from casework.domain.errors import CaseworkError
from casework.domain.rules import load_rules


def test_every_shipped_rule_has_precedent_search_words_and_no_entry_names_an_unknown_rule():
    rule_ids = {rule.id for rule in load_rules()}
    assert set(precedent_searches()) == rule_ids


def test_a_precedent_entry_without_words_is_refused_naming_its_line():
    with pytest.raises(CaseworkError) as refused:
        parse_precedent_searches("stage1_response: complaint delay\nstage2_response:\n", "p.yaml")
    problem = refused.value.problems[0]
    assert (problem.where, problem.field, problem.line) == ("p.yaml", "stage2_response", 2)


def test_a_precedent_file_that_is_not_a_mapping_is_refused():
    with pytest.raises(CaseworkError, match="not a mapping"):
        parse_precedent_searches("- delay\n- stage two\n", "p.yaml")
