"""The letters as PDFs: WeasyPrint's output read back as text with pypdf."""

from __future__ import annotations

import io
import re
from typing import Any

from case_builders import case
from pypdf import PdfReader

from casework.domain.chronology import Person
from casework.entrypoints.web.routes.letters import pdf_filename, redactor

LETTER = "/cases/southend-24-007-529/complaints/C1/letters/stage3"


def _pdf_text(response: Any) -> tuple[PdfReader, str]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(response.content))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def _assert_pages_numbered(reader: PdfReader) -> None:
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        assert re.search(rf"Page {number} of {total}\b", page.extract_text())


def test_the_stage3_letter_pdf_is_one_a4_page_with_the_complaints_facts(southend_manager: Any) -> None:
    response = southend_manager.get(LETTER + "/pdf")
    reader, text = _pdf_text(response)
    assert len(reader.pages) == 1
    _assert_pages_numbered(reader)
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    text = " ".join(text.split())
    assert "Dear Miss X," in text
    assert "Southend-on-Sea City Council" in text, "the council's name as it writes it"
    assert "Our reference: southend-24-007-529/C1" in text
    assert "Stage 3 final response to your complaint" in text
    assert "not followed: upheld (at stage 2 this was partially upheld)" in text
    assert "Local Government and Social Care Ombudsman" in text
    assert 'filename="southend-24-007-529-C1-stage-3-final-response.pdf"' in response.headers["content-disposition"]


def test_the_anonymised_letter_pdf_names_no_child_person_or_case(southend_manager: Any) -> None:
    response = southend_manager.get(LETTER + "/pdf?anonymised=yes")
    reader, text = _pdf_text(response)
    _assert_pages_numbered(reader)
    text = " ".join(text.split())
    assert "Dear Person A," in text
    assert "its impact on Child A" in text and "Person A was not consulted" in text
    for identifying in ("Miss X", "miss_x", "Child Y", "Children: Y", "southend-24-007-529"):
        assert identifying not in text
    disposition = response.headers["content-disposition"]
    assert 'filename="stage-3-final-response-anonymised.pdf"' in disposition


def test_the_letter_page_links_its_pdf(southend_manager: Any) -> None:
    page = southend_manager.get(LETTER + "?anonymised=yes").text
    assert f'href="{LETTER}/pdf?anonymised=yes" download>Download the draft as a PDF' in page
    complaint = southend_manager.get("/cases/southend-24-007-529/complaints/C1").text
    assert complaint.count("/pdf?anonymised=yes") == 3 and complaint.count('/pdf" download') == 3


def test_another_councils_letter_pdf_is_not_found(sign_in_as: Any) -> None:
    sefton = sign_in_as("sefton", "complaints_manager")
    response = sefton.get(LETTER + "/pdf")
    assert response.status_code == 404
    assert not response.content.startswith(b"%PDF")


def test_an_unknown_letter_kind_is_not_found(southend_manager: Any) -> None:
    assert southend_manager.get("/cases/southend-24-007-529/complaints/C1/letters/stage9/pdf").status_code == 404


def test_anonymising_replaces_the_names_the_record_uses_and_leaves_ordinary_words() -> None:
    c = case(children=("A", "Sam"), people=(Person("mr_b", "father", ("A",)),))
    redact = redactor(c, anonymised=True)
    assert redact("A social worker saw Child A and Sam; Mr B and mr_b were told") == (
        "A social worker saw Child A and Child B; Person A and Person A were told")
    assert redactor(c, anonymised=False)("Child A and Sam") == "Child A and Sam"


def test_a_pdf_file_name_keeps_to_safe_characters() -> None:
    assert pdf_filename("case 1", 'C"1', "stage1", anonymised=False) == "case-1-C-1-stage-1-response.pdf"
