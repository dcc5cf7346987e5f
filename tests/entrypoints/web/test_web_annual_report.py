"""The annual complaints report in the web app: the page links each figure to the complaints
it counts, and the published PDF (read back with pdftotext) and CSV name no one and hide
counts under five."""

from __future__ import annotations

import csv
import io
import re
import subprocess
from dataclasses import replace
from typing import Any

import pytest
from annual_year import NAMES, ev, hand_built_year
from store_backends import own_demo_council

from casework.domain.chronology import Case
from casework.service import cases
from casework.service.auth import add_user

PASSWORD = "correct horse battery"
YEAR = "year=2025-26"


@pytest.fixture(scope="module")
def annual_council(container: Any) -> str:
    """The hand-built year, plus five more statutory complaints received in 2025-26 by letter,
    so 'received' is 9 (published as 9) while most of its parts are under five."""
    council = own_demo_council(container, "annualshire")
    add_user(container.uow(), container.passwords, council, f"{council}.writer", PASSWORD, "caseworker")
    extra = Case(f"{council}-more", council, "More complaints", events=tuple(
        ev(f"m{n}", "complaint_received", f"2025-10-{n + 10:02d}", complaint=f"M{n}",
           procedure="statutory", received_how="letter") for n in range(1, 6)))
    # an import writes complaint events, so it needs a complaints handler, not the caseworker
    importer = add_user(container.uow(), container.passwords, council, f"{council}.importer", PASSWORD,
                        "team_manager")
    for chronology in [*hand_built_year(council), extra]:
        cases.import_case(container.uow(), importer, replace(chronology, council=council))
    add_user(container.uow(), container.passwords, council, f"{council}.manager", PASSWORD,
             "complaints_manager")
    return council


@pytest.fixture
def manager(sign_in_with: Any, annual_council: str) -> Any:
    return sign_in_with(f"{annual_council}.manager", PASSWORD)


def test_the_page_shows_both_years_and_each_number_links_to_what_it_counts(manager: Any) -> None:
    page = manager.get(f"/reports/annual?{YEAR}")
    assert page.status_code == 200, page.text
    assert "Annual complaints report 2025-26" in page.text and "2024-25" in page.text
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="casework-chart" role="img"' in page.text
    assert "<desc id=\"chart-received-desc\">Complaints received: 9 in 2025-26, 2 in 2024-25" in page.text
    link = "/reports/annual/figure?year=2025-26&amp;key=ended.withdrawn&amp;which=this"
    assert link in page.text
    listing = manager.get(link.replace("&amp;", "&"))
    assert listing.status_code == 200
    assert "/cases/annual-3/complaints/C3" in listing.text
    assert "/complaints/C1" not in listing.text


def test_the_published_pdf_hides_small_numbers_and_names_no_one(manager: Any, tmp_path: Any) -> None:
    response = manager.get(f"/reports/annual.pdf?{YEAR}")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    assert 'filename="complaints-annual-report-2025-26.pdf"' in response.headers["content-disposition"]
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.content)
    text = " ".join(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                                   capture_output=True, text=True).stdout.split())
    assert "Complaints received 9 fewer than 5" in text  # 9 this year, 2 the year before
    assert "Withdrawn by the complainant fewer than 5 0" in text
    assert "Median working days to respond fewer than 5" in text
    # Whole words only: the test council's name carries a random suffix ("Annualshire Bd5C1b")
    # that may contain a complaint's id as letters, which is not a complaint named.
    for private in (*NAMES, "annual-1", "annual-3", "ms_q", "C1", "C3", "not told", "£900"):
        assert not re.search(rf"(?<!\w){re.escape(private)}(?!\w)", text), f"the published report shows '{private}'"


def test_the_csv_holds_every_figure_for_both_years_published(manager: Any) -> None:
    response = manager.get(f"/reports/annual.csv?{YEAR}")
    assert response.status_code == 200
    rows = {r["key"]: r for r in csv.DictReader(io.StringIO(response.text))}
    assert (rows["received.all"]["2025-26"], rows["received.all"]["2024-25"]) == ("9", "fewer than 5")
    assert rows["received.how.letter"]["2025-26"] == "5"
    assert rows["stage3.responses"]["2025-26"] == "0"


def test_a_caseworker_is_not_shown_the_report_and_a_bad_year_is_explained(
        sign_in_with: Any, manager: Any, annual_council: str) -> None:
    worker = sign_in_with(f"{annual_council}.writer", PASSWORD)
    assert worker.get(f"/reports/annual?{YEAR}").status_code == 403
    assert "/reports/annual" not in worker.get("/").text
    bad = manager.get("/reports/annual?year=2025-27")
    assert bad.status_code == 422 and "write it as 2025-26" in bad.text.replace("Write", "write")


def test_a_user_turns_their_own_reminder_emails_off_and_on(sign_in_with: Any, container: Any,
                                                         annual_council: str) -> None:
    import re

    from casework.service.reminders import set_reminders

    set_reminders(container.uow(), f"{annual_council}.writer", True, "writer@annualshire.example")
    client = sign_in_with(f"{annual_council}.writer", PASSWORD)
    form = client.get("/account/reminders")
    assert form.status_code == 200 and "writer@annualshire.example" in form.text
    assert 'value="on" checked' in form.text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
    assert token is not None
    saved = client.post("/account/reminders", data={"reminders": "off", "csrf_token": token.group(1)})
    assert saved.status_code == 200 and "Your reminder emails are now off" in saved.text
    with container.uow() as uow:
        assert uow.users.by_username(f"{annual_council}.writer").reminders is False
    forged = client.post("/account/reminders", data={"reminders": "on", "csrf_token": "forged"})
    assert forged.status_code == 400
