"""Read a council's SSDA903 return (a folder of CSV files) into chronologies, one per child.

Each file is read row by row with the csv module and told apart by its header row (the
column names `csc-validator-be-903` expects; file names do not matter). A child's rows are
grouped under their `CHILD`, as compact dictionaries of strings, and each child becomes one
`Case` once every file has been read — a council's return is a few thousand children, so
only one council is held at a time, and cases are yielded one by one.

Every problem is a `Problem` naming the child, the file and row (`line`), the column and
what to do: a file that is not one of the return's tables, a missing required column, a
malformed or impossible date, a code outside the DfE code lists, a repeated or missing
child, a row for a child the Header does not list.

What a problem does not touch is audited. A bad row in Episodes, Reviews or the council's
Visits (a date or code the clocks depend on) holds the child back: with a row missing, its
chronology would show a review or a visit as late that was not. A bad row of a table no
rule reads (Missing, AD1, OC3…) is reported and left out; a code no clock reads (a review's
participation code, a legal status) is reported and kept. `children_read`, `skipped` and
`audited` say how much was audited.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from casework.domain.chronology import Case
from casework.domain.errors import CaseworkError, Problem
from casework.domain.ssda903 import CODES, COLUMNS, DATES, REQUIRED, Year, child_to_case, parse_date

# Tables whose bad rows hold the whole child back (the clocks read them).
_CLOCKED = frozenset({"Episodes", "Reviews", "Visits"})
# Codes that change which events a row gives: a bad one holds the child back.
_CLOCKED_CODES = frozenset({("Episodes", "RNE"), ("Episodes", "REC")})


def where(child_id: str) -> str:
    return f"CHILD {child_id}" if child_id else "a row with no CHILD"


class Ssda903Reader:
    def __init__(self, folder: str | Path, *, council: str, year: Year, strict: bool = False) -> None:
        self.folder = Path(folder)
        self.council = council
        self.year = year
        self.strict = strict
        self.problems: list[Problem] = []
        self.skipped: list[str] = []
        self.children_read = 0
        self.audited = 0
        self.tables_read: list[str] = []

    def files(self) -> list[Path]:
        if self.folder.is_file():
            return [self.folder]
        return sorted(p for p in self.folder.iterdir() if p.suffix.lower() == ".csv")

    def cases(self) -> Iterator[Case]:
        """Every child that can be audited, as a `Case`, in Header order."""
        self.problems, self.skipped, self.children_read, self.audited = [], [], 0, 0
        children, held = self._read()
        if self.strict and self.problems:
            raise CaseworkError(self.problems)
        for child_id, tables in children.items():
            self.children_read += 1
            if child_id in held:
                self.skipped.append(child_id)
                continue
            self.audited += 1
            yield child_to_case(child_id, tables, council=self.council, year=self.year, where=str(self.folder))

    def _read(self) -> tuple[dict[str, dict[str, list[dict[str, str]]]], set[str]]:
        children: dict[str, dict[str, list[dict[str, str]]]] = {}
        held: set[str] = set()
        orphans: dict[str, tuple[str, int, str]] = {}
        files = self.files()
        if not files:
            self.problems.append(Problem(str(self.folder), "", "no CSV file found",
                                         "name the folder holding the return's CSV files"))
        ordered = sorted(((self._table(p), p) for p in files), key=lambda tp: tp[0] != "Header")
        for table, path in ordered:
            if table is None:
                continue
            self.tables_read.append(table)
            for line, row in self._rows(path):
                child_id = row.get("CHILD", "").strip()
                row["CHILD"] = child_id
                if not child_id:
                    self.problems.append(Problem(where(""), f"{path.name}:CHILD", "the row has no CHILD",
                                                 "give every row the child's id", line))
                    continue
                bad, holds = self._check(table, row, path.name, line)
                if table == "Header":
                    if child_id in children:
                        self.problems.append(Problem(where(child_id), f"{path.name}:CHILD",
                                                     f"CHILD {child_id} is in the Header twice",
                                                     "merge the two rows or correct the id", line))
                        held.add(child_id)
                        continue
                    children[child_id] = {"Header": [row]}
                    if holds:
                        held.add(child_id)
                    continue
                if child_id not in children:
                    orphans.setdefault(child_id, (path.name, line, table))
                    continue
                if holds:
                    held.add(child_id)
                if not bad:
                    children[child_id].setdefault(table, []).append(row)
        if "Header" not in self.tables_read and files:
            self.problems.append(Problem(str(self.folder), "", "there is no Header file, so no child was read",
                                         "add the Header CSV (CHILD, SEX, DOB, ETHNIC, UPN, MOTHER, MC_DOB)"))
        for child_id, (name, line, table) in orphans.items():
            self.problems.append(Problem(where(child_id), f"{name}:CHILD",
                                         f"CHILD {child_id} has {table} rows but is not in the Header",
                                         "add the child to the Header file, or correct the id", line))
        if "Visits" in self.tables_read:  # the council's visits were given: a child with none has none
            for tables in children.values():
                tables.setdefault("Visits", [])
        return children, held

    def _table(self, path: Path) -> str | None:
        """Which table a file holds, by its header row; problems for an unknown or short file."""
        try:
            with open(path, newline="", encoding="utf-8-sig") as f:
                columns = [c.strip() for c in next(csv.reader(f), [])]
        except (OSError, UnicodeDecodeError) as exc:
            self.problems.append(Problem(str(path), "", f"cannot read the file ({exc})",
                                         "check the path, permissions and that it is UTF-8 text"))
            return None
        best = max(COLUMNS, key=lambda t: (len(set(COLUMNS[t]) & set(columns)), -len(COLUMNS[t])))
        known = set(COLUMNS[best])
        if "CHILD" not in columns or len(known & set(columns)) < 2:
            self.problems.append(Problem(str(path), "", f"{path.name} is not one of the return's tables "
                                         f"(its columns: {', '.join(columns[:8])})",
                                         "give the file the header row of its table, e.g. Header: "
                                         + ",".join(COLUMNS["Header"]), 1))
            return None
        missing = [c for c in ("CHILD", *REQUIRED.get(best, ())) if c not in columns]
        if missing:
            self.problems.append(Problem(str(path), f"{path.name}:{','.join(missing)}",
                                         f"{path.name} (the {best} table) has no column {', '.join(missing)}, "
                                         "so it was not read",
                                         f"add the column(s) to its header row: {','.join(COLUMNS[best])}", 1))
            return None
        extra = [c for c in columns if c not in known]
        if extra:
            self.problems.append(Problem(str(path), f"{path.name}:{','.join(extra)}",
                                         f"{path.name} has column(s) the {best} table does not: {', '.join(extra)}",
                                         "remove them or correct their names; they were not read", 1))
        return best

    def _rows(self, path: Path) -> Iterator[tuple[int, dict[str, str]]]:
        with open(path, newline="", encoding="utf-8-sig") as f:
            reader = csv.DictReader(f)
            for row in reader:
                yield reader.line_num, {(k or "").strip(): (v or "").strip() for k, v in row.items()
                                        if isinstance(v, str)}

    def _check(self, table: str, row: dict[str, str], name: str, line: int) -> tuple[bool, bool]:
        """(the row is bad and left out, the child is held back) after reporting its problems."""
        child = row["CHILD"]
        bad = holds = False
        clocked = table in _CLOCKED
        for column in REQUIRED.get(table, ()):
            if not row.get(column):
                self.problems.append(Problem(where(child), f"{name}:{column}", f"{column} is empty",
                                             f"give the {column} of every {table} row", line))
                bad, holds = True, holds or clocked
        for column in DATES.get(table, ()):
            raw = row.get(column, "")
            if not raw:
                continue
            try:
                day = parse_date(raw)
            except ValueError as exc:
                self.problems.append(Problem(where(child), f"{name}:{column}", _date_message(raw, exc),
                                             "write the date as DD/MM/YYYY, e.g. 01/04/2025", line))
                bad, holds = True, holds or clocked
                continue
            if table in _CLOCKED and column != "DOB" and day > self.year.end:
                self.problems.append(Problem(where(child), f"{name}:{column}",
                                             f"{column} {raw} is after the collection year ends "
                                             f"({self.year.end:%d/%m/%Y})",
                                             "correct the date, or check the --year given", line))
                bad = holds = True
        for (t, column), codes in CODES.items():
            value = row.get(column, "")
            if t == table and value and value not in codes:
                self.problems.append(Problem(where(child), f"{name}:{column}",
                                             f"{column} '{value}' is not in the DfE code list",
                                             f"use one of: {', '.join(sorted(codes))}", line))
                if (t, column) in _CLOCKED_CODES:
                    bad = holds = True
        if table == "Episodes" and row.get("DEC") and row.get("DECOM") and not bad:
            if parse_date(row["DEC"]) < parse_date(row["DECOM"]):
                self.problems.append(Problem(where(child), f"{name}:DEC", "DEC is before DECOM",
                                             "correct the episode's dates", line))
                bad = holds = True
            elif not row.get("REC"):
                self.problems.append(Problem(where(child), f"{name}:REC", "the episode ended (DEC) with no REC",
                                             "give the reason the episode ceased (X1 when a new one begins)", line))
                bad = holds = True
        if table == "Header" and bad:
            bad = False  # a bad date of birth: the child is held back, its row still names it
        return bad, holds


def _date_message(raw: str, exc: ValueError) -> str:
    text = str(exc)
    return text if "DD/MM/YYYY" in text else f"'{raw}' is not a real date ({text})"
