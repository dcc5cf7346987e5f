"""The agreed actions page: the council's own actions, a page at a time."""

from __future__ import annotations

from typing import Any

from casework.entrypoints.web.routes.actions import pagination


def test_the_actions_page_lists_only_the_users_own_councils_actions(sign_in_as: Any) -> None:
    southend = sign_in_as("southend-on-sea", "team_manager").get("/actions").text
    assert "/cases/southend-24-007-529" in southend
    assert "/cases/liverpool-24-010-960" not in southend and "/cases/sefton-21-004-199" not in southend
    assert "3 actions agreed in Southend-on-Sea" in southend
    assert "govuk-pagination" not in southend  # three fit on one page


def test_pagination_shows_the_first_last_and_neighbouring_pages_with_gaps_marked() -> None:
    links = pagination("/actions", page=5, per_page=50, total=500)
    assert links is not None
    shown = [i.get("number", "…") for i in links["items"]]
    assert shown == [1, "…", 4, 5, 6, "…", 10]
    assert [i["number"] for i in links["items"] if i.get("current")] == [5]
    assert links["previous"] == {"href": "/actions?page_number=4"}
    assert links["next"] == {"href": "/actions?page_number=6"}


def test_the_first_and_last_pages_have_no_link_beyond_them() -> None:
    first = pagination("/actions", page=1, per_page=50, total=51)
    assert first is not None and first["previous"] is None and first["next"] is not None
    last = pagination("/actions", page=2, per_page=50, total=51)
    assert last is not None and last["next"] is None
    assert pagination("/actions", page=1, per_page=50, total=50) is None


def test_a_long_list_is_split_into_pages_with_the_govuk_pagination_links(sign_in_as: Any, monkeypatch: Any) -> None:
    from casework.entrypoints.web.routes import actions as route

    monkeypatch.setattr(route, "PAGE_SIZE", 2)
    client = sign_in_as("southend-on-sea", "team_manager")
    second = client.get("/actions?page_number=2").text
    assert "Showing 3 to 3 of 3." in second
    assert second.count('<tr class="govuk-table__row">') == 2  # the header row and one action
    assert 'class="govuk-pagination__prev"' in second and 'href="/actions?page_number=1"' in second
    assert 'class="govuk-pagination__next"' not in second
    assert 'aria-current="page"' in second
