from __future__ import annotations

from datetime import date

import pytest
from store_backends import EXAMPLES, seed_names

from casework.adapters.chronology_file import case_to_mapping, read_case_file, read_case_text
from casework.domain.audit import audit_case

AS_OF = date(2025, 6, 30)


def _import(client, headers, name, council):
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    original = read_case_file(EXAMPLES / name)
    text = text.replace(f"council: {original.council}", f"council: {council}", 1)
    response = client.post("/api/cases", headers=headers, json={"chronology": text})
    assert response.status_code == 201, response.text
    return original


@pytest.mark.parametrize("name", seed_names())
def test_each_seed_case_imports_exports_and_audits_through_the_api(client, login, world, name):
    headers = login(world.user(world.a, "team_manager"))
    original = _import(client, headers, name, world.a)
    exported = client.get(f"/api/cases/{original.id}/export", headers=headers)
    assert exported.headers["content-type"].startswith("application/yaml")
    assert case_to_mapping(read_case_text(exported.text, "export")) == {
        **case_to_mapping(original), "council": world.a}
    audit = client.get(f"/api/cases/{original.id}/audit", headers=headers,
                       params={"as_of": AS_OF.isoformat()})
    assert audit.status_code == 200
    expected = audit_case(original, AS_OF).as_dict()
    findings = audit.json()["findings"]
    # beside the domain's findings, each carries the decisions that are precedents for it
    assert [{k: v for k, v in f.items() if k != "precedents"} for f in findings] == (
        expected["findings"])
    assert all(isinstance(f["precedents"], list) for f in findings)
    assert audit.json()["findings"], "every seed decision found fault"


def test_the_audit_log_records_every_api_read_and_write(client, login, world):
    worker = world.user(world.a, "team_manager")
    headers = login(worker)
    case = _import(client, headers, "wirral-19-020-817.yaml", world.a).id
    client.get(f"/api/cases/{case}", headers=headers)
    client.get(f"/api/cases/{case}/complaints/C1", headers=headers)
    client.patch(f"/api/cases/{case}", headers=headers, json={"worker": worker.username})
    log = client.get("/api/audit-log", headers=login(world.user(world.a, "auditor")),
                     params={"per_page": 500}).json()["items"]
    mine = [(i["action"], i["record_type"], i["record"]) for i in reversed(log)
            if i["user"] == worker.username]
    assert mine == [("login", "user", worker.username), ("create", "case", case),
                    ("read", "case", case), ("read", "case", case),
                    ("read", "complaint", f"{case}/C1"), ("update", "case", case)]


MALFORMED = [
    ("post", "/api/cases/{case}/events", {"type": "visit", "date": "2024-13-01"}, "date"),
    ("post", "/api/cases/{case}/events", {"type": "visitt", "date": "2024-02-01"}, "type"),
    ("post", "/api/cases/{case}/events", {"type": "visit", "dat": "2024-02-01"}, "date"),
    ("post", "/api/cases/{case}/complaints", {"ref": "C2", "received": "soon"}, "received"),
    ("post", "/api/cases/{case}/complaints", {"ref": "C 2", "received": "2024-02-01"}, "ref"),
    ("post", "/api/cases/{case}/complaints/C1/events",
     {"type": "stage1_response", "date": "2024-02-01", "findings": {"1": "maybe"}}, "findings.1"),
    ("post", "/api/cases/{case}/complaints/C1/remedies",
     {"purpose": "apology", "date": "2024-02-01"}, "purpose"),
    ("post", "/api/cases/{case}/actions", {"what": "apologise", "decided": "2024-02-01"},
     "deadline"),
    ("patch", "/api/cases/{case}", {"team": "north", "colour": "blue"}, "colour"),
    ("post", "/api/cases", {"chronology": "case: Bad Id\ncouncil: x\n"}, "case"),
]


@pytest.mark.parametrize(("method", "path", "body", "field"), MALFORMED)
def test_a_malformed_request_names_the_field_and_fix_and_changes_nothing(
        client, login, world, method, path, body, field):
    headers = login(world.user(world.a, "complaints_manager"))
    case = _import(client, headers, "wirral-19-020-817.yaml", world.a).id
    before = client.get(f"/api/cases/{case}/export", headers=headers).text
    response = client.request(method, path.format(case=case), headers=headers, json=body)
    assert response.status_code == 422, response.text
    problems = response.json()["problems"]
    assert any(p["field"].endswith(field) for p in problems), problems
    assert all(p["fix"] for p in problems)
    assert client.get(f"/api/cases/{case}/export", headers=headers).text == before
