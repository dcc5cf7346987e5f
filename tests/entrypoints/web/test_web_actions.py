"""The agreed actions page: the council's own actions, a page at a time."""

from __future__ import annotations

import re
from typing import Any

from casework.entrypoints.web.registers import pagination


def _case_links(page: str) -> list[str]:
    table = page[page.index('id="actions"'):page.index("</table>")]
    return re.findall(r'Case <a class="govuk-link" href="/cases/([^"]+)">', table)


def test_the_actions_page_lists_only_the_users_own_councils_actions(sign_in_as: Any) -> None:
    southend = sign_in_as("southend-on-sea", "team_manager").get("/actions").text
    links = _case_links(southend)
    assert "southend-24-007-529" in links
    others = ("liverpool-24-010-960", "sefton-21-004-199", "sefton-24-009-485", "wirral-19-020-817")
    assert not set(links) & set(others)  # other councils’ seeds (Liverpool and Sefton agreed actions)
    assert f"{len(links)} actions found" in southend
    assert "govuk-pagination" not in southend  # they fit on one page


def test_pagination_shows_the_first_last_and_neighbouring_pages_with_gaps_marked() -> None:
    links = pagination("/actions", page=5, per_page=50, total=500, label="Pages")
    assert links is not None
    shown = [i.get("number", "…") for i in links["items"]]
    assert shown == [1, "…", 4, 5, 6, "…", 10]
    assert [i["number"] for i in links["items"] if i.get("current")] == [5]
    assert links["previous"] == {"href": "/actions?page_number=4"}
    assert links["next"] == {"href": "/actions?page_number=6"}


def test_the_first_and_last_pages_have_no_link_beyond_them() -> None:
    first = pagination("/actions", page=1, per_page=50, total=51, label="Pages")
    assert first is not None and first["previous"] is None and first["next"] is not None
    last = pagination("/actions", page=2, per_page=50, total=51, label="Pages")
    assert last is not None and last["next"] is None
    assert pagination("/actions", page=1, per_page=50, total=50, label="Pages") is None


def test_a_long_list_is_split_into_pages_with_the_govuk_pagination_links(sign_in_as: Any, monkeypatch: Any) -> None:
    from casework.service import registers as route

    client = sign_in_as("southend-on-sea", "team_manager")
    whole = _case_links(client.get("/actions").text)
    monkeypatch.setattr(route, "PER_PAGE", 2)
    last = -(-len(whole) // 2)
    pages = [client.get(f"/actions?page_number={n}").text for n in range(1, last + 1)]
    assert [slug for page in pages for slug in _case_links(page)] == whole
    assert f"Showing {2 * last - 1} to " in pages[-1] and f" of {len(whole)}." in pages[-1]
    assert 'class="govuk-pagination__prev"' in pages[-1] and f'href="/actions?page_number={last - 1}"' in pages[-1]
    assert 'class="govuk-pagination__next"' not in pages[-1]
    assert 'class="govuk-pagination__next"' in pages[0] and 'class="govuk-pagination__prev"' not in pages[0]
    assert 'aria-current="page"' in pages[-1]
