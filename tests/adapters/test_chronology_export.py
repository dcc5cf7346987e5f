from pathlib import Path

import pytest

from casework.adapters.chronology_file import dump_case, read_case_file, read_case_text

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_an_exported_seed_reads_back_equal_and_exports_to_the_same_text(path):
    case = read_case_file(path)
    text = dump_case(case)
    again = read_case_text(text, "export.yaml")
    assert again == case
    assert dump_case(again) == text
    assert "&id" not in text and "*id" not in text
