from __future__ import annotations

from datetime import timedelta

import pytest
from store_backends import PASSWORD, seed

from casework.domain.errors import CaseworkError
from casework.service import auth, cases, reports, trail
from casework.service.errors import Forbidden


def test_a_user_with_an_unknown_role_and_short_password_gets_both_problems(world):
    with pytest.raises(CaseworkError) as raised:
        auth.add_user(world.container.uow(), world.container.passwords, world.a, "x", "short",
                      "wizard")
    assert {p.field for p in raised.value.problems} == {"password", "role"}


def test_only_the_right_password_opens_a_session_and_the_session_ends_on_sign_out(world):
    user = world.user(world.a, "caseworker")
    c = world.container
    assert auth.authenticate(c.uow(), c.passwords, user.username, "wrong password") is None
    actor, token = auth.start_session(c.uow(), c.passwords, user.username, PASSWORD)
    assert auth.actor_for_session(c.uow(), token) == actor
    assert auth.actor_for_token(c.uow(), token, auth.API) is None  # a session is not an API token
    auth.end_session(c.uow(), token)
    assert auth.actor_for_session(c.uow(), token) is None


def test_the_due_and_overdue_list_matches_the_audit_and_filters_by_rule(world):
    worker = world.user(world.a, "team_manager")
    case = seed("southend-24-007-529.yaml", world.a)
    cases.import_case(world.container.uow(), worker, case, team="south")
    from casework.domain.audit import audit_case

    last = max(e.date.earliest for e in case.events)
    for as_of in (last, last + timedelta(days=90)):
        report = audit_case(case, as_of)
        listed = reports.list_due_and_overdue(world.container.uow(), worker, as_of, per_page=500)
        assert listed.total == len(report.overdue) + len(report.due)
        assert listed.total > 0 or as_of != last
        for rule_id in {i["rule"] for i in listed.items}:
            only = reports.list_due_and_overdue(world.container.uow(), worker, as_of, rule=rule_id)
            assert {i["rule"] for i in only.items} == {rule_id}
    elsewhere = reports.list_due_and_overdue(world.container.uow(), worker, last, team="north")
    assert elsewhere.total == 0


def test_every_read_and_change_is_in_the_audit_log_and_only_auditors_read_it(world):
    worker = world.user(world.a, "team_manager")
    auditor = world.user(world.a, "auditor")
    uow = world.container.uow
    cases.import_case(uow(), worker, seed("wirral-19-020-817.yaml", world.a))
    cases.get_case(uow(), worker, "wirral-19-020-817")
    cases.update_case(uow(), worker, "wirral-19-020-817", team="north")
    log = trail.read_audit_log(uow(), auditor, record_id="wirral-19-020-817")
    assert [(i["user"], i["action"]) for i in reversed(log["items"])] == [
        (worker.username, "create"), (worker.username, "read"), (worker.username, "update")]
    with pytest.raises(Forbidden):
        trail.read_audit_log(uow(), worker)
