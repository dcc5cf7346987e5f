"""The five seed decisions, read from the copies kept with the tests (tests/fixtures/decisions)."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "decisions"


@pytest.fixture(scope="session")
def seeds() -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(FIXTURES.glob("*.txt"))}
