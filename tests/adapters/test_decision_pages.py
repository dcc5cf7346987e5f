"""A saved decision page yields the same decision as the statement's plain text."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from html import escape
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casework.adapters.decision_pages import page_to_text, parse_decision_page
from casework.domain.decisions import parse_decision_text
from casework.domain.decisions.text import heading_kind

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "decisions"
SEED_FILES = sorted(path.name for path in SEEDS.glob("*.txt"))
MARKER = re.compile(r"^(?P<indent> *)(?:(?P<number>\d+)\.|•)\s+(?P<text>.*)$")
HEADER = re.compile(r"^(?:Category|Decision|Decision date) : ")

COOKIE_BANNER = """
<div id="cookie-banner" class="cookie-banner" role="region">
  <p>We use cookies to make this site work. <a href="/cookies">Cookie settings</a></p>
  <button>Accept analytics cookies</button>
</div>"""
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} - Local Government and Social Care Ombudsman</title>
<script>window.dataLayer = [];</script><style>.x {{ color: red }}</style></head>
<body>{banner}
<header class="site-header"><a class="skip-link" href="#content">Skip to content</a>
<nav><ul><li><a href="/">Home</a></li><li><a href="/decisions">Decisions</a></li></ul></nav></header>
<main id="content"><div class="decision">
{body}
</div></main>
<footer><!-- footer -->{cookies}</footer>
</body></html>"""


def seed_page(text: str) -> str:
    """The seed statement laid out as the Ombudsman's site does: h1, details, h2, ol/ul."""
    out: list[str] = []
    lists: list[tuple[int, str]] = []  # open lists: (indent, "ol"|"ul"), each with an open <li>

    def close_to(indent: int, tag: str | None = None) -> None:
        while lists and (lists[-1][0] > indent or (lists[-1][0] == indent and lists[-1][1] != tag)):
            out.append(f"</li></{lists.pop()[1]}>")

    lines = [line for line in text.splitlines() if line.strip()]
    out.append(f'<h1>{escape(lines[0])}</h1>\n<div class="decision-details">')
    body_started = False
    for line in lines[1:]:
        marker = MARKER.match(line)
        if HEADER.match(line):
            out.append(f"<p>{escape(line)}</p>")
        elif line.startswith("Summary:"):
            out.append(f"</div>\n<p><strong>Summary:</strong> {escape(line[len('Summary:') :].strip())}</p>")
        elif marker:
            indent, tag = len(marker["indent"]), "ol" if marker["number"] else "ul"
            close_to(indent, tag)
            if lists and lists[-1] == (indent, tag):
                out.append(f"</li><li>{escape(marker['text'])}")
            else:
                lists.append((indent, tag))
                out.append(f"<{tag}><li>{escape(marker['text'])}")
        else:
            close_to(-1)
            if line.strip() == "Back to top":
                out.append('<p class="back-to-top"><a href="#top">Back to top</a></p>')
            elif line.startswith("Review your privacy settings"):
                break  # the cookie settings panel goes in the footer
            elif not line.startswith(" ") and (heading_kind(line) or (len(line) < 90 and not line.endswith("."))):
                level = "h2" if heading_kind(line) or not body_started else "h3"
                body_started = True
                out.append(f"<{level}>{escape(line)}</{level}>")
            else:
                out.append(f"<p>{escape(line.strip())}</p>")
    close_to(-1)
    return PAGE.format(
        title=escape(lines[0]),
        banner=COOKIE_BANNER,
        body="\n".join(out),
        cookies='<div class="cookie-settings"><h2>Review your privacy settings</h2><p>Required cookies</p></div>',
    )


def seed_text(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", SEED_FILES)
def test_a_seed_saved_as_a_web_page_parses_to_the_same_decision_as_its_text(name: str) -> None:
    text = seed_text(name)
    assert parse_decision_page(seed_page(text)) == parse_decision_text(text)


def test_the_southend_page_gives_every_field() -> None:
    decision = parse_decision_page(seed_page(seed_text("southend-24-007-529.txt")).encode("utf-8"))
    assert decision.organisation == "Southend-on-Sea City Council"
    assert decision.reference == "24 007 529"
    assert (decision.category, decision.subcategory, decision.outcome) == (
        "Children's care services",
        "Other",
        "Upheld",
    )
    assert decision.decided == date(2025, 3, 25)
    assert decision.complainant == "Miss X"
    assert [(p.amount, p.purpose, p.payee) for p in decision.payments] == [(Decimal("300"), "distress", "Miss X")]
    assert [(a.kind, a.deadline, a.due) for a in decision.actions] == [
        ("apology", "Within four weeks", date(2025, 4, 22)),
        ("payment", "Within four weeks", date(2025, 4, 22)),
        ("service_improvement", "Within four weeks", date(2025, 4, 22)),
    ]
    assert decision.shared_with_ofsted is True
    assert decision.findings.fault_found is True


def test_the_cookie_banner_navigation_and_scripts_are_not_part_of_the_text() -> None:
    text = page_to_text(seed_page(seed_text("wirral-19-020-817.txt")))
    for furniture in ("We use cookies", "Accept analytics", "Skip to content", "Decisions", "dataLayer", "Review your"):
        assert furniture not in text
    assert text.startswith("Wirral Metropolitan Borough Council (19 020 817)\n")


def test_a_page_with_its_headings_in_bold_paragraphs_still_finds_the_agreed_action() -> None:
    page = """<html><body><h1>Sefton Metropolitan Borough Council (21 004 199)</h1>
    <p>Decision date : 21 Apr 2022</p>
    <p><strong>Agreed action</strong></p>
    <ol><li>To address the injustice caused by fault, by 20 May 2022 the Council has agreed to:
      <ul><li>Apologise to Ms E for the upset caused.</li></ul></li></ol>
    </body></html>"""
    decision = parse_decision_page(page)
    assert [(a.kind, a.text, a.due) for a in decision.actions] == [
        ("apology", "Apologise to Ms E for the upset caused.", date(2022, 5, 20))
    ]


@pytest.mark.parametrize("start", ['start=""', 'start="x"', ""])
def test_a_numbered_list_without_a_usable_start_counts_from_one(start: str) -> None:
    page = f"<html><body><ol {start}><li>First point.</li><li>Second point.</li></ol></body></html>"
    assert page_to_text(page) == "  1. First point.\n  2. Second point.\n"


@settings(max_examples=60, deadline=None)
@given(st.one_of(st.text(), st.binary(max_size=200)))
def test_any_page_content_renders_without_crashing(content: str | bytes) -> None:
    decision = parse_decision_page(content)
    assert decision.reference is None or decision.reference in page_to_text(content)


def test_control_characters_beside_a_comment_or_script_are_dropped_not_raised():
    page = (b"<html><body><h1>Wirral Metropolitan Borough Council (19 020 817)</h1>"
            b"<p>Summary: fault<!-- saved -->\x0b found.</p><script>x</script>\x01<p>end\x00</p></body></html>")
    assert page_to_text(page) == ("Wirral Metropolitan Borough Council (19 020 817)\n"
                                  "  Summary: fault found.\n  end\n")
    assert page_to_text(page.decode("latin-1")) == page_to_text(page)
