from datetime import date

from casework.entrypoints.web.dashboard import bucket_of, dashboard

wed_26_nov_2025 = date(2025, 11, 26)


def _due(day: str, rule: str = "stage1_response") -> dict[str, str]:
    return {"status": "due", "due_latest": day, "rule": rule, "title": rule}


def test_due_dates_fall_into_this_week_next_week_or_later_by_monday_to_sunday_weeks():
    assert bucket_of(_due("2025-11-30"), wed_26_nov_2025) == "this_week"  # Sunday
    assert bucket_of(_due("2025-12-01"), wed_26_nov_2025) == "next_week"  # Monday
    assert bucket_of(_due("2025-12-07"), wed_26_nov_2025) == "next_week"
    assert bucket_of(_due("2025-12-08"), wed_26_nov_2025) == "later"
    assert bucket_of({"status": "overdue", "due_latest": "2025-12-20"}, wed_26_nov_2025) == "overdue"


def test_the_rules_with_most_overdue_come_first_with_counts_per_week():
    counts = [("a", "a", "this_week", 1), ("b", "b", "overdue", 1), ("a", "a", "next_week", 1)]
    board = dashboard(counts, {"overdue": [{"rule": "b"}]}, wed_26_nov_2025)
    assert board.counts == {"overdue": 1, "this_week": 1, "next_week": 1, "later": 0}
    assert [r.rule for r in board.by_rule] == ["b", "a"]
    assert board.by_rule[1].counts["next_week"] == 1
    assert board.items["overdue"] == [{"rule": "b"}] and board.items["later"] == []
