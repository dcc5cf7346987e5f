"""The register pages over a real store (SQLite and PostgreSQL): filters as GET parameters,
CSV downloads safe to open in a spreadsheet, errors in words, forms only for roles that can
submit them, and a number of SQL statements per page that does not grow with the cases."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date, timedelta

import pytest
from case_builders import case, ev
from sqlalchemy import event
from store_backends import PASSWORD, web_client

from casework.domain.chronology import Child
from casework.service import cases, complaints

today = date.today()


@pytest.fixture(scope="module")
def app(container):
    from casework.entrypoints.api import create_app

    return create_app(container=container)


def _add_case(world, actor, slug, child="Kai", complainant=None):
    new = replace(case(ev("referral", "referral", (today - timedelta(days=200)).isoformat(), (child,))),
                  id=slug, council=world.a, children=(Child(child),))
    cases.import_case(world.container.uow(), actor, new, team="north team", worker=actor.username)
    if complainant:
        complaints.receive_complaint(world.container.uow(), actor, slug, "C1", (today - timedelta(days=3)).isoformat(),
                                     points={"1": "late"}, details={"complainant": complainant}, children=(child,))


def _rows(response):
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    return list(csv.reader(io.StringIO(response.text)))


def test_a_csv_download_has_the_filtered_rows_and_no_cell_a_spreadsheet_would_run(app, world):
    manager = world.user(world.a, "complaints_manager")
    _add_case(world, manager, "north-1", complainant="=HYPERLINK(\"http://evil\")")
    _add_case(world, manager, "north-2", child="Lena", complainant="+44 123")
    _add_case(world, manager, "south-1", child="Maya")
    web = web_client(app, manager.username, PASSWORD)

    rows = _rows(web.get("/cases.csv?search=north"))
    assert rows[0][:2] == ["Case", "Title"] and [r[0] for r in rows[1:]] == ["north-1", "north-2"]
    complaint_rows = _rows(web.get("/complaints.csv"))
    names = sorted(r[2] for r in complaint_rows[1:])
    assert names == ["'+44 123", "'=HYPERLINK(\"http://evil\")"]
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in complaint_rows for cell in row)
    assert _rows(web.get("/complaints.csv?stage=stage2"))[1:] == []


def test_a_bad_filter_or_a_page_past_the_end_gets_a_page_saying_so_not_a_server_error(app, world):
    manager = world.user(world.a, "complaints_manager")
    _add_case(world, manager, "only-1")
    web = web_client(app, manager.username, PASSWORD)
    past = web.get("/cases?page_number=5")
    assert past.status_code == 404 and "There is no page 5: the last page is page 1." in past.text
    for url in ("/cases?page_number=0", "/complaints?page_number=-3", "/actions?page_number=99999999999999"):
        assert web.get(url).status_code in (400, 404), url
    assert web.get("/cases?page_number=two").status_code == 400
    bad = web.get("/complaints?stage=stage9")
    assert bad.status_code == 400 and "is not a stage" in bad.text
    bad_day = web.get("/audit-log?since=yesterday")
    assert bad_day.status_code == 400 and "is not a date" in bad_day.text


@pytest.mark.parametrize("role", ["caseworker", "team_manager", "complaints_manager", "investigating_officer",
                                  "independent_person", "panel_member", "ombudsman_investigator", "auditor"])
def test_each_role_sees_only_the_registers_and_forms_it_can_use(app, world, role):
    from casework.service.access import PERMISSIONS

    actor = world.user(world.a, role)
    web = web_client(app, actor.username, PASSWORD)
    cases_page = web.get("/cases").text
    assert ('href="/cases/new"' in cases_page) == (role in PERMISSIONS["case:write"])
    audit = web.get("/audit-log")
    reads_log = role in PERMISSIONS["audit_log:read"]
    assert audit.status_code == (200 if reads_log else 403)
    assert ('href="/audit-log"' in cases_page) == reads_log
    for url in ("/complaints", "/actions"):
        assert web.get(url).status_code == 200
    assert web.get("/audit-log.csv").status_code == (200 if reads_log else 403)


def _statements(container, client, url):
    counted = []

    def count(*_args):
        counted.append(1)
    event.listen(container.engine, "before_cursor_execute", count)
    try:
        response = client.get(url)
    finally:
        event.remove(container.engine, "before_cursor_execute", count)
    assert response.status_code == 200, response.text
    return len(counted)


def test_the_statements_a_register_page_runs_do_not_grow_with_the_cases(app, world):
    manager = world.user(world.a, "complaints_manager")
    _add_case(world, manager, "grow-000", complainant="First Person")
    web = web_client(app, manager.username, PASSWORD)
    pages = ("/", "/cases", "/cases?search=grow", "/complaints", "/complaints?timescale=overdue", "/actions",
             "/cases.csv", "/complaints.csv")
    before = {url: _statements(world.container, web, url) for url in pages}
    for n in range(1, 13):
        _add_case(world, manager, f"grow-{n:03d}", complainant=f"Person {n}" if n % 2 else None)
    after = {url: _statements(world.container, web, url) for url in pages}
    assert after == before
