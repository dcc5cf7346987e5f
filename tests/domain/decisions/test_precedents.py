from __future__ import annotations

import pytest

from casework.domain.decisions.precedents import parse_precedent_words, precedent_searches
from casework.domain.errors import CaseworkError
from casework.domain.rules import load_rules


def test_every_shipped_rule_has_precedent_search_words_beside_it():
    rule_ids = {rule.id for rule in load_rules()}
    assert set(precedent_searches()) == rule_ids
    assert precedent_searches()["stage1_response"].startswith("complaint")


def test_an_examples_file_without_precedent_words_is_refused_naming_its_line():
    with pytest.raises(CaseworkError) as refused:
        parse_precedent_words("examples: []\nprecedents:\n", "x.examples.yaml")
    problem = refused.value.problems[0]
    assert (problem.where, problem.field, problem.line) == ("x.examples.yaml", "precedents", 2)


def test_an_examples_file_with_an_unknown_key_is_refused():
    with pytest.raises(CaseworkError, match="unknown key 'precedent'"):
        parse_precedent_words("precedent: delay\nprecedents: delay\n", "x.examples.yaml")


def test_an_examples_file_that_is_not_a_mapping_is_refused():
    with pytest.raises(CaseworkError, match="one mapping"):
        parse_precedent_words("- delay\n- stage two\n", "x.examples.yaml")
