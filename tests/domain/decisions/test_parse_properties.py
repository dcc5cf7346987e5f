"""The parser is fed whole saved web pages: whatever the text, it answers and invents nothing."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casework.domain.decisions import Decision, parse_decision_text
from casework.domain.decisions.text import normalise

tue_22_apr_2025 = date(2025, 4, 22)
NOISE_LINES = (
    "Back to top",
    "Print this page",
    "Review your privacy settings",
    "Required cookies",
    "These cookies enable the website to function properly.",
    "Decision : ",
    "Category : >",
    "Decision date : 31 Feb 2025",
    "  1. Within weeks the Council will:",
    "  • £",
    "£ 12,34",
    "Agreed action",
    "Summary:",
    "(12 345 67)",
)
LOOKS_LIKE_A_DECISION = st.lists(
    st.one_of(
        st.sampled_from(NOISE_LINES),
        st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80),
        st.from_regex(r"\A {0,6}(\d\. |• )?[A-Za-z£ ,.:()>\d]{0,60}\Z"),
    ),
    max_size=40,
).map("\n".join)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_nothing_invented(decision: Decision, text: str) -> None:
    plain = normalise(text)
    if decision.reference is not None:
        assert re.fullmatch(r"\d{2} \d{3} \d{3}", decision.reference)
        assert decision.reference in plain
    if decision.organisation is not None:
        assert decision.organisation in plain
    if decision.complainant is not None:
        assert decision.complainant in plain
    for payment in decision.payments:
        assert payment.passage in plain
        assert payment.amount > 0
    for action in decision.actions:
        assert action.due is None or (decision.decided is not None and action.deadline is not None)
        if action.deadline is not None:
            assert action.deadline in plain
    for timescale in decision.timescales:
        assert timescale.text in plain


@SETTINGS
@given(st.text())
def test_arbitrary_text_never_crashes_the_parser(text: str) -> None:
    assert_nothing_invented(parse_decision_text(text), text)


@SETTINGS
@given(LOOKS_LIKE_A_DECISION)
def test_text_shaped_like_a_decision_never_crashes_the_parser(text: str) -> None:
    assert_nothing_invented(parse_decision_text(text), text)


@st.composite
def mutated_seed(draw: st.DrawFn, seeds: dict[str, str]) -> str:
    """A seed with lines deleted, paragraphs shuffled and page noise inserted."""
    lines = seeds[draw(st.sampled_from(sorted(seeds)))].splitlines()
    kept = [line for line in lines if draw(st.floats(0, 1)) > draw(st.sampled_from((0.0, 0.05, 0.3)))]
    paragraphs = "\n".join(kept).split("\n\n")
    order = draw(st.permutations(range(len(paragraphs)))) if draw(st.booleans()) else range(len(paragraphs))
    shuffled = [paragraphs[i] for i in order]
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(shuffled)))
        shuffled.insert(at, draw(st.one_of(st.sampled_from(NOISE_LINES), st.text(max_size=40))))
    return "\n\n".join(shuffled)


@SETTINGS
@given(data=st.data())
def test_mutated_seeds_never_crash_the_parser_or_invent_a_reference(seeds: dict[str, str], data: st.DataObject) -> None:
    text = data.draw(mutated_seed(seeds))
    assert_nothing_invented(parse_decision_text(text), text)


@SETTINGS
@given(data=st.data())
def test_a_seed_without_its_header_line_has_no_reference(seeds: dict[str, str], data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(sorted(seeds)))
    text = "\n".join(line for line in seeds[name].splitlines() if "(" not in line or ")" not in line[-2:])
    assert parse_decision_text(text).reference is None


def test_shuffled_paragraphs_inside_a_section_keep_its_payments(seeds: dict[str, str]) -> None:
    text = seeds["southend-24-007-529.txt"]
    action = "  • Pay Miss X £300 in recognition of the distress and uncertainty caused."
    apology = "  • Write to Miss X and apologise for the fault found in the stage three and during our investigation."
    swapped = text.replace(action, "@@").replace(apology, action).replace("@@", apology)
    assert swapped != text
    decision = parse_decision_text(swapped)
    assert [(a.kind, a.due) for a in decision.actions] == [
        ("payment", tue_22_apr_2025),
        ("apology", tue_22_apr_2025),
        ("service_improvement", tue_22_apr_2025),
    ]
    assert [(p.amount, p.purpose, p.payee) for p in decision.payments] == [(300, "distress", "Miss X")]
