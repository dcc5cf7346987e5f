"""The column-wise audit: the timescale rules over every case of a partition at once.

`table_from_census` / `table_from_cases` lay events out as columns (`EventTable`);
`audit_table` evaluates the rule records over them (`Findings`), with the per-case
audit's semantics; `finding_rows` and `summarise` turn the result into rows for files
and breach rates by council × rule × month. All pure: one partition in, columns out.
"""

from casework.domain.batch.audit import KINDS, Findings, audit_table, batchable
from casework.domain.batch.summary import Summary, finding_rows, merge, summarise
from casework.domain.batch.table import EventTable, TableBuilder, matcher_keys, table_from_cases, table_from_census

__all__ = ["KINDS", "EventTable", "Findings", "Summary", "TableBuilder", "audit_table", "batchable",
           "finding_rows", "matcher_keys", "merge", "summarise", "table_from_cases", "table_from_census"]
