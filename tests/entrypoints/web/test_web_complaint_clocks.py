"""The complaint page lists the clocks met in time (started, due, met on) beside the
breached and running ones, as the audit reports them."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from case_builders import case, ev
from store_backends import own_demo_council

from casework.domain.chronology import Person
from casework.service import cases
from casework.service.auth import add_user

PASSWORD = "correct horse battery"


def test_a_stage1_response_in_time_shows_as_a_met_clock_with_its_dates(container: Any, sign_in_with: Any) -> None:
    council = own_demo_council(container)
    manager = add_user(container.uow(), container.passwords, council, f"{council}.manager", PASSWORD,
                       "complaints_manager")
    chronology = case(
        ev("c", "complaint_received", "2025-03-03", complaint="C1", procedure="statutory", points={"1": "the plan"}),
        ev("x", "stage1_extended", "2025-03-10", complaint="C1"),
        ev("r", "stage1_response", "2025-03-28", complaint="C1", findings={"1": "upheld"}),
        people=(Person("mrs_k", "mother", ("A",)),))
    slug = cases.import_case(container.uow(), manager, replace(chronology, id=f"{council}-1", council=council))
    page = sign_in_with(manager.username, PASSWORD).get(f"/cases/{slug}/complaints/C1").text
    met = re.search(r'<ul class="govuk-list govuk-list--bullet" id="clocks-met">(.*?)</ul>', page, re.S)
    assert met is not None
    text = " ".join(re.sub(r"<[^>]+>", " ", met.group(1)).split())
    assert text.startswith("Met Stage 1 response within 10 working days, extendable to 20 working days: "
                           "started Monday 3 March 2025, due 31 March 2025 (extended), met on Friday 28 March 2025")
    assert 'casework-timeline__item--met' in page
    assert 'data-rule="stage1_response"' in met.group(1)
