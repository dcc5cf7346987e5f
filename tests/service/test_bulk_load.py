"""Loading a council's history in batches: everything a single import writes, written in
one transaction per batch; a re-run skips what is stored; one bad case reported alone."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from store_backends import EXAMPLES, seed_names

from casework.adapters.chronology_file import read_case_file
from casework.adapters.synthetic_cases import synthetic_cases
from casework.domain.audit.ledger import clock_records
from casework.service import trail
from casework.service.bulk import load_cases
from casework.service.cases import case_summary, import_case


def _cases(council: str):  # type: ignore[no-untyped-def]
    seeds = [replace(read_case_file(EXAMPLES / n), council=council) for n in seed_names()]
    made_up = synthetic_cases("sefton", date(2026, 12, 10), count=6)
    return seeds + [replace(c, council=council) for c in made_up]


def _stored(world, actor):  # type: ignore[no-untyped-def]
    uow = world.container.uow()
    with uow:
        rows, _ = uow.cases.list((actor.council_id,))
        return {r.slug: (uow.cases.as_case(r), uow.clocks.for_case(r.id),
                         [(a.event_slug, a.due_on) for a in uow.actions.for_case(r.id)],
                         [(c.ref, c.state) for c in uow.complaints.for_case(r.id)])
                for r in rows}


def test_a_batch_load_stores_what_one_import_at_a_time_stores(world):
    one_by_one = world.user(world.a, "auditor")
    singly = world.user(world.a, "team_manager")
    for case in _cases(world.a):
        import_case(world.container.uow(), singly, case)
    loaded = load_cases(world.container.uow, _cases(world.b), batch=4)
    assert loaded.stored == len(_cases(world.b)) and not loaded.refused and not loaded.skipped
    in_b = world.user(world.b, "auditor")
    mine, theirs = _stored(world, one_by_one), _stored(world, in_b)
    assert sorted(mine) == sorted(theirs)
    for slug, (case, clocks, actions, complaints) in theirs.items():
        assert case == replace(mine[slug][0], council=world.b)
        assert clocks == list(clock_records(case)) == mine[slug][1]
        assert (actions, complaints) == mine[slug][2:]
    log = trail.read_audit_log(world.container.uow(), in_b, per_page=500)
    created = [i["record"] for i in log["items"] if i["action"] == "create"]
    assert sorted(created) == sorted(theirs)
    assert trail.verify_chain(world.container.uow()).ok  # a batch's entries chained in one go


def test_a_rerun_skips_what_is_stored_and_a_bad_case_is_refused_alone(world):
    cases = _cases(world.a)
    first = load_cases(world.container.uow, cases[:3], batch=2)  # then "interrupted"
    assert first.stored == 3
    twice = [*cases[3:], replace(cases[4], title="the same id again")]
    again = load_cases(world.container.uow, cases[:3] + twice, batch=50)
    assert sorted(again.skipped) == sorted(c.id for c in cases[:3])
    assert again.stored == len(cases) - 3
    assert [case_id for case_id, _ in again.refused] == [cases[4].id]
    assert "already exists" in again.refused[0][1][0].problem
    reader = world.user(world.a, "auditor")
    stored = case_summary(world.container.uow(), world.container.files.chronologies, reader, cases[4].id)
    assert stored["title"] == cases[4].title  # the first of the two, whole
