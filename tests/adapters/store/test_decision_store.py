"""The decisions corpus on SQLite (FTS5) and PostgreSQL (tsvector): one search, same answers."""

from __future__ import annotations

import pytest
from decision_texts import SEED_NAMES, new_reference, new_tag, variant
from sqlalchemy import delete, update

from casework.adapters.store.decision_codec import decision_from_json
from casework.adapters.store.decision_repository import fts5_query, parse_query
from casework.adapters.store.decision_schema import DecisionRow
from casework.domain.decisions import parse_decision_text
from casework.service.ports import DecisionFilters


def _store(container, tag, names=SEED_NAMES):
    """Each seed under a new reference, as '<tag> Council'; returns {seed name: reference}."""
    stored = {}
    with container.uow() as uow:
        for name in names:
            reference, text = variant(name, tag)
            uow.decisions.add(parse_decision_text(text), text, name)
            stored[name] = reference
        uow.commit()
    return stored


def _found(container, query, **filters):
    with container.uow() as uow:
        rows, total = uow.decisions.search(query, DecisionFilters(**filters))
        assert total == len(rows)
        return {r.reference for r in rows}


def test_a_stored_decision_reads_back_exactly_as_the_parser_found_it(container):
    reference, text = variant("wirral-19-020-817.txt", new_tag())
    parsed = parse_decision_text(text)
    with container.uow() as uow:
        uow.decisions.add(parsed, text, "wirral.txt")
        uow.commit()
    with container.uow() as uow:
        row = uow.decisions.get(reference)
        assert decision_from_json(row.data) == parsed
        assert row.body == text and row.year == 2021 and row.fault_found is True
        assert [(p.purpose, p.amount, p.children) for p in row.payments if p.per_child] == [
            ("distress", 200, 5)]
        assert uow.decisions.exists(reference)


def test_search_matches_word_stems_and_phrases_on_both_databases(container):
    tag = new_tag()
    refs = _store(container, tag)
    liverpool, southend, sefton_485 = (refs["liverpool-24-010-960.txt"],
                                       refs["southend-24-007-529.txt"], refs["sefton-24-009-485.txt"])
    assert _found(container, tag) == set(refs.values())
    # "delays" finds "delay" and "delayed": the stem matches on both databases
    assert _found(container, f"{tag} delays") == {liverpool, southend, sefton_485}
    assert _found(container, f'{tag} "direct payments"') == {liverpool, refs["wirral-19-020-817.txt"]}
    assert _found(container, f'{tag} "core group"') == {refs["sefton-21-004-199.txt"]}


def test_or_joins_its_neighbours_and_a_minus_leaves_decisions_out(container):
    tag = new_tag()
    refs = _store(container, tag)
    assert _found(container, f'{tag} "core group" OR "direct payments"') == {
        refs["sefton-21-004-199.txt"], refs["liverpool-24-010-960.txt"],
        refs["wirral-19-020-817.txt"]}
    assert _found(container, f'{tag} "core group" OR "direct payments" respite') == {
        refs["sefton-21-004-199.txt"], refs["liverpool-24-010-960.txt"]}
    assert _found(container, f"{tag} safeguarding -respite") == (
        _found(container, f"{tag} safeguarding") - _found(container, f"{tag} respite"))
    assert refs["sefton-24-009-485.txt"] not in _found(container, f"{tag} -respite")


@pytest.mark.parametrize("query", ['"', "NEAR(", "a AND", "*", "-", "OR", "col:umn", "'", "(("])
def test_search_text_that_looks_like_query_syntax_is_read_as_plain_words(container, query):
    tag = new_tag()
    refs = _store(container, tag, SEED_NAMES[:1])
    assert _found(container, f"{tag} {query}") <= set(refs.values())


def test_filters_narrow_by_organisation_outcome_subcategory_year_and_payment_purpose(container):
    tag = new_tag()
    refs = _store(container, tag)
    everything = set(refs.values())
    assert _found(container, "", organisation=tag.upper()) == everything
    assert _found(container, tag, outcome="not upheld") == {refs["sefton-24-009-485.txt"]}
    assert _found(container, tag, subcategory="Child protection") == {
        refs["sefton-21-004-199.txt"], refs["sefton-24-009-485.txt"]}
    assert _found(container, tag, year=2025) == {
        refs["liverpool-24-010-960.txt"], refs["sefton-24-009-485.txt"],
        refs["southend-24-007-529.txt"]}
    assert _found(container, tag, purpose="financial_loss") == {refs["liverpool-24-010-960.txt"]}
    assert _found(container, tag, fault_found=False) == {refs["sefton-24-009-485.txt"]}
    assert _found(container, tag, year=2025, purpose="time_and_trouble") == {
        refs["sefton-24-009-485.txt"]}


def test_the_best_match_comes_first_then_the_newest(container):
    tag = new_tag()
    refs = _store(container, tag)
    with container.uow() as uow:
        rows, _ = uow.decisions.search("", DecisionFilters(organisation=tag))
        assert [r.decided for r in rows] == sorted((r.decided for r in rows), reverse=True)
        best, _ = uow.decisions.search(f'{tag} "core group" conference', None, 0, 1)
        assert [r.reference for r in best] == [refs["sefton-21-004-199.txt"]]


def test_the_search_index_follows_edits_and_removals(container):
    tag, other = new_tag(), new_tag()
    reference = _store(container, tag, SEED_NAMES[:1])[SEED_NAMES[0]]
    with container.uow() as uow:
        uow.session.execute(update(DecisionRow).where(DecisionRow.reference == reference)
                            .values(organisation="Renamed Council", summary=f"{other} summary",
                                    body=f"{other} text"))
        uow.commit()
    assert _found(container, other) == {reference}
    assert _found(container, tag) == set()
    with container.uow() as uow:
        uow.session.execute(delete(DecisionRow).where(DecisionRow.reference == reference))
        uow.commit()
    assert _found(container, other) == set()


def test_search_text_is_read_once_into_groups_of_alternatives_and_exclusions():
    parsed = parse_query('the delays "stage two" OR panel -respite OR')
    assert [[t.words for t in g] for g in parsed.groups] == [
        [("delays",)], [("stage", "two"), ("stage", "2"), ("panel",)]]
    assert [t.words for t in parsed.excluded] == [("respite",)]
    assert fts5_query(parsed.groups) == '"delays" AND ("stage two" OR "stage 2" OR "panel")'
    assert parse_query('"" - OR the').groups == []


def _statement(tag: str, reference: str, words: str) -> str:
    return (f"{tag.title()} Council ({reference})\n\nCategory : Children's care services > Other\n\n"
            f"Decision : Upheld\n\nDecision date : 01 Jan 2025\n\nSummary: {tag} {words}\n")


def test_stage_section_and_child_in_need_are_found_however_the_statement_writes_them(container):
    tag = new_tag()
    written = {"stage two": "the stage two report was late", "stage 2": "the stage 2 report was late",
               "section 47": "section 47 enquiries began", "s47": "s47 enquiries began",
               "s.47": "s.47 enquiries began", "child in need": "the child in need plan lapsed",
               "CIN": "the CIN plan lapsed"}
    refs = {}
    with container.uow() as uow:
        for key, words in written.items():
            reference = new_reference()
            text = _statement(tag, reference, words)
            uow.decisions.add(parse_decision_text(text), text, f"{key}.txt")
            refs[key] = reference
        uow.commit()
    stages = {refs["stage two"], refs["stage 2"]}
    sections = {refs["section 47"], refs["s47"], refs["s.47"]}
    cin = {refs["child in need"], refs["CIN"]}
    for query in ('"stage 2"', "stage two", '"stage two" report', "stage 2"):
        assert _found(container, f"{tag} {query}") == stages, query
    for query in ("s47", '"section 47"', "s.47", "section 47 enquiries"):
        assert _found(container, f"{tag} {query}") == sections, query
    for query in ("cin", "child in need", '"child in need" plan', "CIN OR nothing"):
        assert _found(container, f"{tag} {query}") == cin, query
    assert _found(container, f"{tag} -cin -s47") == stages
