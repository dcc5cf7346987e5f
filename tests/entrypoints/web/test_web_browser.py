"""The web app in Debian's headless Chromium: the journeys people take, each page checked
with axe-core (WCAG 2.2 AA) and photographed into artifacts/screenshots/."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from case_builders import case, ev
from store_backends import own_demo_council

from casework.service import cases
from casework.service import registers as register_service
from casework.service.auth import add_user
from casework.service.demo import demo_username

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
REPO = Path(__file__).resolve().parents[3]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "artifacts" / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="session")
def browser_context() -> Iterator[Any]:
    if not Path(CHROMIUM).exists() or not AXE.exists():
        pytest.skip("needs Debian's Chromium and node_modules (run scripts/bootstrap)")
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="casework-chromium-")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=ARGS, bypass_csp=True,  # to inject axe
            viewport={"width": 1100, "height": 900})
        yield context
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser_context: Any, live_server: str) -> Iterator[Any]:
    browser_context.clear_cookies()
    tab = browser_context.new_page()
    tab.set_default_timeout(15000)
    tab.base = live_server
    yield tab
    tab.close()


def check(tab: Any, name: str) -> None:
    """No axe-core violation of WCAG 2.2 A/AA, GOV.UK styles loaded; screenshot saved."""
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    violations = [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
                  for v in result["violations"]]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    assert violations == [], f"{name}: {json.dumps(violations, indent=1)}"
    font = tab.evaluate("getComputedStyle(document.querySelector('h1')).fontWeight")
    assert font == "700", f"{name}: GOV.UK Frontend styles did not load"


def sign_in(tab: Any, username: str, password: str) -> None:
    tab.goto(tab.base + "/sign-in")
    tab.fill("#username", username)
    tab.fill("#password", password)
    tab.click("button:has-text('Sign in')")


def test_a_caseworker_sees_the_breaches_records_an_event_and_the_audit_changes(page: Any, demo_password: str) -> None:
    page.goto(page.base + "/cases/wirral-19-020-817")
    assert page.url.endswith("/sign-in?next=/cases/wirral-19-020-817")
    page.fill("#username", demo_username("wirral", "caseworker"))
    page.fill("#password", "wrong password")
    page.click("button:has-text('Sign in')")
    assert page.locator(".govuk-error-summary").inner_text().count("not right") == 1
    check(page, "01-sign-in-error")
    page.fill("#password", demo_password)
    page.click("button:has-text('Sign in')")
    assert page.url.endswith("/cases/wirral-19-020-817")
    check(page, "02-case")
    missed = page.locator("tr[data-rule='cin_plan_first_review']")
    assert missed.count() == 2  # P, Q and T; R and S: two plans, each never reviewed
    before = page.locator("#audit-summary").inner_text()

    page.select_option("#event-type", "cin_review")
    page.fill("#event-date", "2018-13-40")
    page.click("button:has-text('Record the event')")
    summary = page.locator(".govuk-error-summary")
    assert "is not a real date" in summary.inner_text()
    assert page.locator("#event-date-error").is_visible()
    assert page.title().startswith("Error: ")
    check(page, "03-case-event-error")

    page.fill("#event-date", "2018-11-15")
    for child in ("P", "Q", "T"):
        page.check(f"input[name='children'][value='{child}']")
    page.fill("#event-note", "first review of the plans")
    page.click("button:has-text('Record the event')")
    assert "added" in page.locator(".govuk-notification-banner").inner_text()
    assert "15 November 2018" in page.locator("#chronology + p + ol").inner_text()
    assert page.locator("tr[data-rule='cin_plan_first_review']").count() == 1
    assert page.locator("#audit-summary").inner_text() != before
    check(page, "04-case-event-added")

    page.goto(page.base + "/")
    assert page.locator("h1").inner_text() == "What is due"
    check(page, "05-home")
    page.goto(page.base + "/cases")
    assert page.locator("a[href='/cases/wirral-19-020-817']").count() == 1
    check(page, "06-cases")


def test_the_southend_complaint_shows_the_stage3_panel_breach_and_only_legal_steps(
        page: Any, demo_password: str) -> None:
    sign_in(page, demo_username("southend-on-sea", "complaints_manager"), demo_password)
    page.goto(page.base + "/cases/southend-24-007-529/complaints/C1")
    panel = page.locator("tr[data-rule='stage3_panel']")
    assert panel.count() == 1
    assert panel.get_attribute("data-certainty") == "certain"
    assert "Overturned at a later stage" in page.locator("#point-1").inner_text()
    steps = [re.sub(r".*/steps/", "", a) for a in
             page.locator("#next-steps ~ .govuk-button-group a").evaluate_all("els => els.map(e => e.href)")]
    assert steps and "complaint_received" not in steps and "stage1_response" not in steps
    check(page, "07-complaint")
    page.goto(page.base + "/cases/southend-24-007-529/complaints/C1/steps/stage1_response")
    assert page.locator("h1").inner_text() == "You cannot do this now"
    page.goto(page.base + "/cases/southend-24-007-529/complaints/C1/letters/stage3?anonymised=yes")
    letter = page.locator(".casework-letter").inner_text()
    assert "Dear Person A" in letter and "southend-24-007-529" not in letter
    check(page, "08-letter-stage3-anonymised")
    page.goto(page.base + "/actions")
    statuses = page.locator("#actions tbody tr td:last-child").all_inner_texts()
    assert statuses and statuses[0].strip() == "Overdue"
    check(page, "09-actions")


def test_the_liverpool_arrears_are_worked_out_with_the_working_shown(page: Any) -> None:
    page.goto(page.base + "/remedies")
    check(page, "10-remedies")
    # Decision 24 010 960 states the period (3 Jul to 26 Nov 2023), the £542.25 paid and the
    # £1,102.58 still owed, but not the weekly rate; £78.3252 is the rate those figures imply.
    for name, value in (("due-from-day", "3"), ("due-from-month", "7"), ("due-from-year", "2023"),
                        ("started-from-day", "27"), ("started-from-month", "11"),
                        ("started-from-year", "2023"), ("rate", "78.3252"), ("paid", "542.25")):
        page.fill(f"#{name}", value)
    page.check("#per")
    page.click("button:has-text('Work out the loss')")
    result = page.locator("#loss-result").inner_text()
    assert "Monday 3 July 2023 to Sunday 26 November 2023" in result
    assert "147 days" in result
    assert "Outstanding: £1,102.58" in result
    check(page, "11-remedies-liverpool")
    page.fill("#amount", "600")
    page.check("input[name='purpose'][value='distress']")
    for name, value in (("decided-day", "24"), ("decided-month", "6"), ("decided-year", "2025")):
        page.fill(f"#{name}", value)
    page.click("button:has-text('Judge the payment')")
    assert "above the range" in page.locator("#payment-result .govuk-warning-text").inner_text()
    check(page, "12-remedies-payment-warning")


def test_another_councils_user_is_refused_the_case(page: Any, demo_password: str) -> None:
    sign_in(page, demo_username("sefton", "team_manager"), demo_password)
    response = page.goto(page.base + "/cases/wirral-19-020-817")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    assert "Child in need plans" not in page.content()
    check(page, "13-other-council-refused")


def test_staff_search_the_ombudsman_decisions_open_one_and_compare_a_payment(page: Any, demo_password: str) -> None:
    sign_in(page, demo_username("sefton", "caseworker"), demo_password)
    page.goto(page.base + "/decisions")
    assert "5 decisions" in page.locator("#results-heading").inner_text()
    check(page, "14-decisions")
    page.fill("#q", '"core group"')
    page.select_option("#outcome", "Upheld")
    page.click("button:has-text('Search decisions')")
    assert page.locator("#results-heading").inner_text() == "1 decision"
    check(page, "15-decisions-search")
    page.click("text=Sefton Metropolitan Borough Council (21 004 199)")
    assert page.url.endswith("/decisions/21-004-199")
    check(page, "16-decision")
    page.goto(page.base + "/remedies")
    page.fill("#amount", "400")
    page.check("input[name='purpose'][value='delay']")
    for name, value in (("decided-day", "24"), ("decided-month", "6"), ("decided-year", "2025")):
        page.fill(f"#{name}", value)
    page.select_option("#theme", "delay at stage 2")
    page.click("button:has-text('Judge the payment')")
    benchmark = page.locator("#benchmark").inner_text()
    assert "median £521.13, from £300 to £1,102.58" in benchmark
    check(page, "17-remedies-benchmark")


def test_the_clocks_met_list_and_the_actions_pagination_pass_axe(
        page: Any, container: Any, monkeypatch: Any) -> None:
    # A council of its own, so the seeds' pages and counts are untouched: one complaint
    # answered in time (a met clock) and seven agreed actions, shown one to a page so the
    # middle page has previous and next links, numbered pages and both ellipses.
    council, password = own_demo_council(container), "correct horse battery"
    manager = add_user(container.uow(), container.passwords, council, f"{council}.manager", password,
                       "complaints_manager")
    actions = [ev(f"a{n}", "action_agreed", "2025-04-01", action=f"action {n}",
                  deadline=f"by {n} May 2025", complaint="C1") for n in range(1, 8)]
    chronology = case(
        ev("c", "complaint_received", "2025-03-03", complaint="C1", procedure="statutory",
           points={"1": "the plan"}),
        ev("r", "stage1_response", "2025-03-14", complaint="C1", findings={"1": "upheld"}),
        *actions)
    slug = cases.import_case(container.uow(), manager, replace(chronology, id=f"{council}-1", council=council))
    sign_in(page, manager.username, password)

    page.goto(page.base + f"/cases/{slug}/complaints/C1")
    met = page.locator("#clocks-met li[data-rule='stage1_response']")
    assert met.count() == 1 and "met on Friday 14 March 2025" in met.inner_text()
    check(page, "18-complaint-clocks-met")

    monkeypatch.setattr(register_service, "PER_PAGE", 1)
    page.goto(page.base + "/actions?page_number=4")
    nav = page.locator("nav.govuk-pagination")
    assert nav.count() == 1
    assert nav.locator(".govuk-pagination__item--ellipsis").count() == 2
    assert nav.locator("[aria-current='page']").inner_text().strip() == "4"
    assert nav.locator(".govuk-pagination__prev a").get_attribute("href") == "/actions?page_number=3"
    assert nav.locator(".govuk-pagination__next a").get_attribute("href") == "/actions?page_number=5"
    check(page, "19-actions-paginated")


def test_the_annual_report_page_its_charts_and_a_figures_complaints_pass_axe(page: Any, container: Any) -> None:
    from annual_year import hand_built_year

    council, password = own_demo_council(container, "annualshire"), "correct horse battery"
    manager = add_user(container.uow(), container.passwords, council, f"{council}.manager", password,
                       "complaints_manager")
    writer = add_user(container.uow(), container.passwords, council, f"{council}.writer", password,
                      "team_manager")
    for chronology in hand_built_year(council):
        cases.import_case(container.uow(), writer, chronology)
    sign_in(page, manager.username, password)
    page.click("a:has-text('Annual report')")
    page.fill("#year", "2025-26")
    page.click("button:has-text('Show this year')")
    assert page.locator("h1").inner_text() == "Annual complaints report 2025-26"
    chart = page.locator("svg[aria-labelledby^='chart-received']")
    assert chart.count() == 1
    assert "Complaints received: 4 in 2025-26" in (chart.locator("desc").text_content() or "")
    check(page, "20-annual-report")
    page.locator("table:has(caption:has-text('Complaints ended early')) a").first.click()
    assert "Withdrawn by the complainant" in page.locator("h1").inner_text()
    check(page, "21-annual-report-figure")
    page.click("a:has-text('Complaint C3')")
    assert "C3" in page.locator("h1").inner_text()
    page.click("a:has-text('Reminder emails')")
    page.check("input[value='off']")
    page.click("button:has-text('Save')")
    assert "Your reminder emails are now off" in page.locator(".govuk-notification-banner").inner_text()
    check(page, "22-reminder-emails")


def _check_narrow(tab: Any, name: str) -> None:
    """axe at 1280 px and at 375 px, and no page wider than a 375 px screen."""
    tab.set_viewport_size({"width": 1280, "height": 900})
    check(tab, f"{name}-1280")
    tab.set_viewport_size({"width": 375, "height": 800})
    check(tab, f"{name}-375")
    wide = tab.evaluate("document.documentElement.scrollWidth")
    assert wide <= 375, f"{name}: the page is {wide} px wide at 375 px"
    tab.set_viewport_size({"width": 1280, "height": 900})


def _fill_date(tab: Any, name: str, day: int, month: int, year: int) -> None:
    for part, value in (("day", day), ("month", month), ("year", year)):
        tab.fill(f"#{name}-{part}", str(value))


def _step(tab: Any, step: str, day: int, month: int, year: int, **fields: str) -> None:
    tab.click(f"#next-steps ~ .govuk-button-group a[data-step='{step}']")
    _fill_date(tab, "when", day, month, year)
    for selector, value in fields.items():
        if value == "check":
            tab.check(f"#{selector}")
        else:
            tab.fill(f"#{selector}", value)
    tab.click("button:has-text('Record this step')")
    assert "/steps/" not in tab.url, tab.locator(".govuk-error-summary").all_inner_texts()


def _pdf_text(tab: Any, url: str) -> bytes:
    """The PDF at `url`, fetched in the signed-in session, as pdftotext reads it."""
    response = tab.request.get(tab.base + url)
    assert response.ok and response.body().startswith(b"%PDF-"), url
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "letter.pdf"
        path.write_bytes(response.body())
        return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True).stdout


def _issue_each_stages_letter_and_reprint_it(tab: Any, slug: str) -> None:
    """Each stage's letter: the manager's own words typed into the draft, issued, and reprinted
    the same, byte for byte in the PDF's text."""
    for kind, words in (("stage1", "I am sorry the plan was not reviewed."),
                        ("stage2", "I have read both reports and agree with them."),
                        ("stage3", "The panel's recommendations are accepted in full.")):
        tab.goto(tab.base + f"/cases/{slug}/complaints/C1")
        tab.click(f"li[data-letter='{kind}'] > a.govuk-link >> nth=0")
        tab.fill("#own-words", words)
        tab.click("button:has-text('Update the draft')")
        assert words in tab.locator("article.casework-letter").inner_text()
        if kind == "stage1":
            _check_narrow(tab, "26-letter-draft")
        tab.click("#issue-letter")
        assert re.search(rf"/letters/{kind}/issued/1$", tab.url), tab.url
        assert words in tab.locator("article.casework-letter").inner_text()
        if kind == "stage3":
            _check_narrow(tab, "27-letter-as-issued")
        pdf = tab.locator("#issued-pdf").get_attribute("href")
        first = _pdf_text(tab, pdf)
        assert words.encode() in b" ".join(first.split())
        assert _pdf_text(tab, pdf) == first, f"{kind}: the reprint differs"
    tab.goto(tab.base + f"/cases/{slug}/complaints/C1")


def test_a_complaints_manager_takes_a_complaint_from_intake_to_verified_action(page: Any, container: Any) -> None:
    council, password = own_demo_council(container, "journeyshire"), "correct horse battery"
    manager = add_user(container.uow(), container.passwords, council, f"{council}.manager", password,
                       "complaints_manager")
    add_user(container.uow(), container.passwords, council, f"{council}.team", password, "team_manager")
    slug = cases.import_case(container.uow(), manager, replace(case(), id=f"{council}-1", council=council))
    sign_in(page, manager.username, password)

    page.goto(page.base + f"/cases/{slug}")
    page.click("#new-complaint")
    page.click("button:has-text('Take in the complaint')")
    # GOV.UK Frontend's script moves the focus to the error summary once it has loaded.
    page.wait_for_function("document.activeElement && document.activeElement.closest('.govuk-error-summary') !== null")
    _check_narrow(page, "20-intake-errors")
    page.fill("#complainant", "Ms K")
    page.fill("#relationship", "mother")
    page.check("#children-A")
    _fill_date(page, "received", 3, 3, 2025)
    page.check("input[name='received_how'][value='email']")
    page.fill("#point-1", "the plan was not reviewed")
    page.click("button:has-text('Add another point')")
    page.fill("#point-2", "no one called back")
    page.check("input[name='advocate_requested'][value='no']")
    page.fill("#procedure_reason", "services to a child in need")
    page.click("button:has-text('Take in the complaint')")
    assert page.url.endswith(f"/cases/{slug}/complaints/C1")
    assert page.locator("#next-steps ~ .govuk-button-group a.govuk-button:not(.govuk-button--secondary)").get_attribute(
        "data-step") == "complaint_acknowledged"
    _check_narrow(page, "21-complaint-received")

    page.click("#next-steps ~ .govuk-button-group a[data-step='stage1_response']")
    _fill_date(page, "when", 14, 3, 2099)
    page.check("#finding-1")
    page.click("button:has-text('Record this step')")
    assert "must be today or in the past" in page.locator(".govuk-error-summary").inner_text()
    _check_narrow(page, "22-step-error")
    _fill_date(page, "when", 14, 3, 2025)
    page.click("button:has-text('Record this step')")
    met = page.locator("#clocks-met li[data-rule='stage1_response']")
    assert "met on Friday 14 March 2025" in met.inner_text()
    assert "Upheld" in page.locator("#point-1").inner_text() or "upheld" in page.locator("#point-1").inner_text()

    page.click("a:has-text('Record a remedy')")
    page.click("a:has-text('Work the amount out with the remedy calculator')")
    page.fill("#amount", "300")
    page.check("input[name='purpose'][value='distress']")
    _fill_date(page, "decided", 14, 3, 2025)
    page.click("button:has-text('Judge the payment')")
    page.click("#use-payment")
    assert page.input_value("#amount") == "300"
    page.check("input[name='points'][value='1']")
    _fill_date(page, "when", 14, 3, 2025)
    _check_narrow(page, "23-remedy-form")
    page.click("button:has-text('Record the remedy')")
    assert "£300" in page.locator("#point-1").inner_text()

    _step(page, "stage2_requested", 20, 3, 2025)
    # A wrong date: the response went on 17 April, typed as 17 July; the clock shows it late.
    _step(page, "stage2_response", 17, 7, 2025, **{"finding-1": "check"})
    assert page.locator("tr[data-rule='stage2_response']").count() == 1
    page.click("#timeline + ol li:has-text('Adjudication response sent') a:has-text('Correct this entry')")
    assert page.input_value("#date-month") == "7"
    page.fill("#date-month", "4")
    page.click("button:has-text('Correct the entry')")
    assert "Enter why the entry is wrong" in page.locator(".govuk-error-summary").inner_text()
    _check_narrow(page, "23b-correct-an-entry-error")
    page.fill("#reason", "typed July for April")
    page.click("button:has-text('Correct the entry')")
    assert page.url.endswith(f"/cases/{slug}/complaints/C1#timeline")
    assert page.locator("tr[data-rule='stage2_response']").count() == 0
    met = page.locator("#clocks-met li[data-rule='stage2_response']")
    assert "met on Thursday 17 April 2025" in met.inner_text()
    struck = page.locator("#timeline + ol li.casework-timeline__item--superseded")
    assert "17 July 2025" in struck.locator("del").inner_text()
    assert f"by {manager.username}: typed July for April" in struck.inner_text()
    _check_narrow(page, "23c-complaint-with-a-corrected-entry")
    _step(page, "stage3_requested", 22, 4, 2025)
    _step(page, "stage3_panel", 20, 5, 2025, members="A Chair\nB Member", **{"finding-1": "check"})
    _step(page, "stage3_panel_report", 27, 5, 2025)
    _step(page, "stage3_response", 10, 6, 2025, **{"finding-1": "check"})
    _issue_each_stages_letter_and_reprint_it(page, slug)
    _step(page, "ombudsman_complaint", 1, 7, 2025)
    page.click("#next-steps ~ .govuk-button-group a[data-step='ombudsman_decision']")
    _fill_date(page, "when", 1, 10, 2025)
    page.fill("#reference", "25 001 002")
    page.check("input[name='outcome'][value='upheld']")
    page.check("input[name='fault'][value='yes']")
    _check_narrow(page, "24-ombudsman-decision")
    page.click("button:has-text('Record this step')")
    _step(page, "action_agreed", 1, 10, 2025, action="apologise in writing", deadline="within four weeks")
    assert page.locator("tr[data-rule]").count() == 0, "no clock of this complaint is breached"

    page.goto(page.base + "/actions")
    page.click("a:has-text('Add evidence')")
    page.fill("#note", "apology letter sent")
    _fill_date(page, "on", 15, 10, 2025)
    page.click("button:has-text('Add the evidence')")
    assert "Awaiting verification" in page.locator("#actions").inner_text()
    _check_narrow(page, "25-actions-awaiting-verification")

    page.click("button:has-text('Sign out')")
    sign_in(page, f"{council}.team", password)
    page.goto(page.base + "/actions")
    page.click("#actions button:has-text('Verify')")
    assert "Done and verified" in page.locator("#actions").inner_text()


# --- Every page at 375 px, as on a phone: the document is no wider than the screen (wide
# tables become labelled blocks or scroll inside their own box) and axe finds no fault. Each
# HTML page route of the app must be visited, so a new page joins this sweep or fails it.

NARROW_CASE = "southend-24-007-529"
NOT_PAGES = (".csv", ".pdf", "/pdf", "/api", "/docs", "/redoc", "/openapi", "/sign-out", "/static", "/govuk", "/assets")


def _narrow(tab: Any, url: str, name: str) -> None:
    response = tab.goto(tab.base + url)
    assert response is not None and response.status in (200, 400, 403, 404), (url, response and response.status)
    tab.set_viewport_size({"width": 375, "height": 800})
    wide = tab.evaluate("document.documentElement.scrollWidth")
    assert wide <= 375, f"{url}: the page is {wide} px wide on a 375 px screen"
    check(tab, f"narrow-{name}")
    tab.set_viewport_size({"width": 1100, "height": 900})


def _first(tab: Any, url: str, pattern: str) -> str:
    tab.goto(tab.base + url)
    found = re.findall(pattern, tab.content())
    assert found, f"{url} links to nothing like {pattern}"
    return str(found[0]).replace("&amp;", "&")


def _html_routes(app: Any) -> set[str]:
    return {route.path for route in app.routes
            if "GET" in getattr(route, "methods", set()) and not route.path.startswith(NOT_PAGES)
            and not route.path.endswith(NOT_PAGES)}


def test_every_page_fits_a_375px_screen_and_passes_axe(page: Any, demo_password: str, app: Any) -> None:
    _narrow(page, "/sign-in", "sign-in")
    sign_in(page, "southend-on-sea.complaints_manager", demo_password)
    complaint = f"/cases/{NARROW_CASE}/complaints/C1"
    urls = {
        "/": "/", "/cases": "/cases?search=southend", "/cases/new": "/cases/new",
        "/complaints": "/complaints", "/actions": "/actions?status=overdue", "/audit-log": "/audit-log",
        "/cases/{slug}": f"/cases/{NARROW_CASE}", "/cases/{slug}/new-complaint": f"/cases/{NARROW_CASE}/new-complaint",
        "/cases/{slug}/complaints/{ref}": complaint,
        "/cases/{slug}/complaints/{ref}/remedies/new": f"{complaint}/remedies/new",
        "/cases/{slug}/complaints/{ref}/letters/{kind}": f"{complaint}/letters/stage1",
        "/remedies": "/remedies?amount=300&purpose=distress&on=2024-01-01",
        "/decisions": "/decisions", "/reports/annual": "/reports/annual", "/account/reminders": "/account/reminders",
        "/sign-in": "/sign-in",
    }
    urls["/cases/{slug}/complaints/{ref}/steps/{step}"] = _first(
        page, complaint, r'href="(/cases/[^"]+/steps/[a-z0-9_]+)"')
    urls["/actions/{action_id}/evidence"] = _first(page, "/actions", r'href="(/actions/\d+/evidence)"')
    urls["/decisions/{reference}"] = _first(page, "/decisions", r'href="(/decisions/[^"?]+)"')
    urls["/reports/annual/figure"] = _first(page, "/reports/annual", r'href="(/reports/annual/figure\?[^"]+)"')
    missing = _html_routes(app) - set(urls)
    assert missing == set(), f"pages this sweep does not visit: {sorted(missing)}"
    for route, url in urls.items():
        _narrow(page, url, re.sub(r"[^a-z0-9]+", "-", route).strip("-") or "home")
    _narrow(page, "/no-such-page", "not-found")
    page.goto(page.base + "/cases/new")
    page.click("button:has-text('Open the case')")  # every field wrong: the error summary at 375 px
    _narrow_current(page, "new-case-errors")


def _narrow_current(tab: Any, name: str) -> None:
    tab.set_viewport_size({"width": 375, "height": 800})
    assert tab.evaluate("document.documentElement.scrollWidth") <= 375, name
    check(tab, f"narrow-{name}")
    tab.set_viewport_size({"width": 1100, "height": 900})
