"""The audit log's hash chain: each entry's hash covers the previous entry's hash and the
entry's own canonical content, so changing, removing or reordering any entry breaks every
link after it.

The format is a contract with every database already written: entry `seq` (1, 2, 3 …)
has `entry_hash = sha256(prev_hash + "\\n" + canonical(entry))` in hex, where `prev_hash`
is the hash of entry `seq - 1` (sixty-four zeros for the first) and `canonical` is the
JSON of the fields in `CHAINED_FIELDS` with sorted keys, no spaces, UTF-8, and `at` as UTC
ISO 8601 to the microsecond. A column added to the log later is not covered unless it is
added here, which is a new chain format: keep this one as it is.

>>> entry = {"seq": 1, "at": "2025-03-03T09:00:00.000000Z", "user_id": 7, "username": "ann",
...          "council_id": 1, "action": "read", "record_type": "case", "record_id": "c-1",
...          "detail": ""}
>>> link(GENESIS, entry)[:16]
'd21a96d3d0d79ffd'
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64
CHAINED_FIELDS = ("seq", "at", "user_id", "username", "council_id", "action", "record_type",
                  "record_id", "detail")


def utc_text(moment: datetime) -> str:
    """`moment` as the chain writes it; a naive time (SQLite hands those back) is UTC."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(entry: Mapping[str, Any]) -> str:
    """The entry's content as the hash reads it (fields outside `CHAINED_FIELDS` ignored)."""
    content = {name: entry[name] for name in CHAINED_FIELDS}
    if isinstance(content["at"], datetime):
        content["at"] = utc_text(content["at"])
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def link(prev_hash: str, entry: Mapping[str, Any]) -> str:
    """The hash of `entry` following an entry whose hash is `prev_hash`."""
    return hashlib.sha256(f"{prev_hash}\n{canonical(entry)}".encode()).hexdigest()


@dataclass(frozen=True)
class Break:
    """The first place the chain does not hold: which entry, and what is wrong there."""

    seq: int
    entry_id: int | None
    problem: str

    def __str__(self) -> str:
        where = f"entry {self.seq}" + (f" (id {self.entry_id})" if self.entry_id is not None else "")
        return f"{where}: {self.problem}"


def first_break(entries: Any, expected_seq: int = 1, prev_hash: str = GENESIS) -> tuple[Break | None, int, str]:
    """Walk `entries` (mappings with `id`, the chained fields, `prev_hash`, `entry_hash`, in
    `seq` order) from `expected_seq`; the first break, or None with the next seq and the last
    hash, so a long log can be checked a batch at a time."""
    for entry in entries:
        seq, entry_id = entry["seq"], entry.get("id")
        if seq != expected_seq:
            problem = (f"entries {expected_seq} to {seq - 1} are missing" if seq > expected_seq
                       else f"entry {seq} appears twice or out of order")
            return Break(expected_seq, entry_id, problem), expected_seq, prev_hash
        if entry["prev_hash"] != prev_hash:
            return Break(seq, entry_id, "it does not follow the entry before it (its previous "
                         "hash differs): an entry before it was changed, removed or added"), seq, prev_hash
        if entry["entry_hash"] != link(prev_hash, entry):
            return Break(seq, entry_id, "its content no longer matches its hash: the entry was "
                         "changed after it was written"), seq, prev_hash
        expected_seq, prev_hash = seq + 1, entry["entry_hash"]
    return None, expected_seq, prev_hash
