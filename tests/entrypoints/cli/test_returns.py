"""The census and SSDA903 commands print problems alike, and a field in square brackets is
shown as written, not swallowed as Rich markup."""

from __future__ import annotations

from rich.console import Console

from casework.domain.errors import Problem
from casework.entrypoints.cli.returns import list_problems


def printed(problems: list[Problem], **how: str) -> str:
    console = Console(record=True, width=200)
    list_problems(console, problems, 1, "skipped", **how)
    return console.export_text()


def test_a_field_and_text_that_look_like_markup_are_shown_as_written() -> None:
    problem = Problem("census.xml", "sex", "[bold]X[/bold] is not a sex code", "use M, F, U or I", line=12)
    text = printed([problem])
    assert "1 problem(s); 1 child(ren) skipped:" in text
    assert "census.xml, line 12 [sex]: [bold]X[/bold] is not a sex code" in text
    assert "→ use M, F, U or I" in text
    assert "(sex)" in printed([problem], field_as=" ({})")


def test_nothing_is_printed_without_problems() -> None:
    assert printed([]) == ""
