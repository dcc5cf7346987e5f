"""Letters as issued: the manager's own words go into the page's draft, issuing stores the
letter as sent (in the audit log too), and reprinting it gives the same letter, its PDF's
text byte for byte (pdftotext); a reissue is a new letter; a stage not reached has none."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from case_builders import case, ev
from store_backends import own_demo_council

from casework.service import cases, trail
from casework.service.auth import add_user

PASSWORD = "correct horse battery"


def pdf_text(content: bytes) -> bytes:
    if shutil.which("pdftotext") is None:
        pytest.skip("needs poppler-utils' pdftotext (scripts/bootstrap installs it)")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "letter.pdf"
        path.write_bytes(content)
        return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                              capture_output=True).stdout


@pytest.fixture
def fresh(container: Any, sign_in_with: Any) -> Any:
    council = own_demo_council(container, "lettershire")
    with container.uow() as uow:
        uow.session.execute(__import__("sqlalchemy").text(
            "UPDATE councils SET display_name = 'Lettershire Borough Council' WHERE slug = :s"), {"s": council})
        uow.commit()
    manager = add_user(container.uow(), container.passwords, council, f"{council}.manager", PASSWORD,
                       "complaints_manager")
    chronology = case(
        ev("c", "complaint_received", "2025-03-03", complaint="C1", procedure="statutory",
           points={"1": "the plan was late", "2": "no one called back"}),
        ev("s1", "stage1_response", "2025-03-14", complaint="C1", findings={"1": "upheld", "2": "not_upheld"}),
        ev("r1", "remedy_offered", "2025-03-14", complaint="C1", purpose="distress", amount=300,
           points={"1": "", "2": ""}),
        ev("q2", "stage2_requested", "2025-03-20", complaint="C1"),
        ev("s2", "stage2_response", "2025-04-17", complaint="C1", findings={"1": "upheld", "2": "upheld"}))
    slug = cases.import_case(container.uow(), manager, replace(chronology, id=f"{council}-1", council=council))
    return {"http": sign_in_with(manager.username, PASSWORD), "slug": slug, "actor": manager,
            "container": container}


def _issue(http: Any, url: str, words: str) -> Any:
    token = re.search(r'name="csrf_token" value="([^"]+)"', http.get(url).text).group(1)
    return http.post(url, data={"csrf_token": token, "own_words": words, "action": "issue"},
                     follow_redirects=False)


def test_a_stage_1_draft_shows_only_stage_1_and_each_payment_once(fresh: Any) -> None:
    page = fresh["http"].get(f"/cases/{fresh['slug']}/complaints/C1/letters/stage1").text
    letter = page[page.index('<article class="casework-letter"'):]
    assert "no one called back: <strong>not upheld</strong>" in letter, "stage 2's upheld is not stage 1's"
    assert letter.count("£300") == 1 and "for points 1 and 2" in letter
    assert "Lettershire Borough Council" in letter and "Lettershire Borough Council Council" not in letter


def test_a_stage_not_reached_has_no_letter(fresh: Any) -> None:
    complaint = fresh["http"].get(f"/cases/{fresh['slug']}/complaints/C1").text
    assert 'data-letter="stage1"' in complaint and 'data-letter="stage2"' in complaint
    assert 'data-letter="stage3"' not in complaint
    assert fresh["http"].get(f"/cases/{fresh['slug']}/complaints/C1/letters/stage3").status_code == 404


def test_an_issued_letter_reprints_the_same_and_a_reissue_is_a_new_letter(fresh: Any) -> None:
    base = f"/cases/{fresh['slug']}/complaints/C1/letters/stage2"
    words = "I am sorry that no one called you back.\n\nWe have changed how calls are logged."
    issued = _issue(fresh["http"], base, words)
    assert issued.status_code == 303 and issued.headers["location"] == f"{base}/issued/1"
    first = fresh["http"].get(f"{base}/issued/1/pdf")
    text = pdf_text(first.content)
    assert b"I am sorry that no one called you back." in b" ".join(text.split())
    assert b"17 April 2025" in text
    assert b"(offered at an earlier stage; not a further payment)" in b" ".join(text.split())
    # The record moves on; the issued letter does not.
    cases.record_event(fresh["container"].uow(), fresh["actor"], fresh["slug"], cases.NewEvent(
        "remedy_offered", "2025-04-17", details={"complaint": "C1", "purpose": "time_and_trouble",
                                                 "amount": 150}))
    again = fresh["http"].get(f"{base}/issued/1/pdf")
    assert pdf_text(again.content) == text
    assert b"150" not in text
    reissued = _issue(fresh["http"], base, words)
    assert reissued.headers["location"] == f"{base}/issued/2"
    assert b"150" in pdf_text(fresh["http"].get(f"{base}/issued/2/pdf").content)
    log = trail.read_audit_log(fresh["container"].uow(), fresh["actor"])["items"]
    issues = [i for i in log if i["action"] == "issue" and i["record_type"] == "letter"]
    assert [i["record"] for i in issues] == [f"{fresh['slug']}/C1/stage2/2", f"{fresh['slug']}/C1/stage2/1"]


def test_a_stored_letter_cannot_be_changed_in_the_store(fresh: Any) -> None:
    from sqlalchemy import text as sql

    base = f"/cases/{fresh['slug']}/complaints/C1/letters/stage1"
    _issue(fresh["http"], base, "")
    with fresh["container"].uow() as uow, pytest.raises(Exception, match="never changed"):
        uow.session.execute(sql("UPDATE letters SET html = 'forged' WHERE case_slug = :s"), {"s": fresh["slug"]})
