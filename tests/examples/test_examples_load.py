"""The five seed chronologies in examples/ read cleanly and say where each event comes from."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from casework.adapters.chronology_file import read_case_file

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

EXPECTED = {
    "sefton-24-009-485": ("sefton", {"J", "K", "L"}),
    "wirral-19-020-817": ("wirral", {"P", "Q", "R", "S", "T"}),
    "sefton-21-004-199": ("sefton", {"F", "G", "H"}),
    "southend-24-007-529": ("southend-on-sea", {"Y"}),
    "liverpool-24-010-960": ("liverpool", {"D"}),
}


def test_the_examples_folder_holds_exactly_the_five_seed_cases():
    assert {p.stem for p in EXAMPLES.glob("*.yaml")} == set(EXPECTED)


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_each_example_reads_without_problems_with_its_council_and_children(stem):
    case = read_case_file(EXAMPLES / f"{stem}.yaml")
    council, children = EXPECTED[stem]
    assert (case.id, case.council, set(case.child_ids)) == (stem, council, children)
    assert case.events


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_every_event_cites_its_paragraph_in_a_comment_and_in_source(stem):
    path = EXAMPLES / f"{stem}.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    for event in read_case_file(path).events:
        assert re.match(r"^(header; )?paras? \d", event.source), (event.id, event.source)
        assert event.line is not None
        block = comment_above(lines, event.line)
        assert re.search(r"\b(paras? \d|header)", block), (
            f"{stem}: event '{event.id}' (line {event.line}) has no comment naming its paragraph")


def comment_above(lines: list[str], line: int) -> str:
    """The comment block directly above an event's first line."""
    block = []
    index = line - 2
    while index >= 0 and lines[index].strip().startswith("#"):
        block.append(lines[index])
        index -= 1
    return "\n".join(reversed(block))


def test_the_readme_describes_every_example():
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    for stem in EXPECTED:
        assert f"{stem}.yaml" in readme
