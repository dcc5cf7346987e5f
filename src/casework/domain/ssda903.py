"""The DfE children looked after return (SSDA903) as chronologies: one case per child.

The return is a set of CSV tables (Header, Episodes, Reviews, UASC, OC2, OC3, AD1,
PlacedAdoption, PrevPerm, Missing), each row naming its child by `CHILD`. This module is
the pure half of reading and writing it: one child's rows (as strings, already checked by
the reader) to a `Case` in the event vocabulary, and a `Case` back to rows. The CSV files
themselves are handled by `casework.adapters.ssda903`. docs/ssda903-mapping.md gives the
mapping table by table; event ids name the row they came from (`ep3.place` is the third
episode's placement, `r2` the second review, `m1.end` the first missing episode's end),
so a case read from the return writes back to the same rows.

A return holds one year (1 April to 31 March): a case records the first day it shows
(`complete_from`) and is complete only for what the return records; visits and care plans
are not in it, so a missing one is *not evidenced*, never a certain breach. A council's own
record of visits (`Visits`: CHILD, VISIT_DATE — casework's, not the DfE's) may be read
alongside; with it the case is complete for visits too.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from casework.domain.audit import Finding, audit_case
from casework.domain.batch import EventTable, Findings, audit_table, table_from_cases
from casework.domain.chronology import Case, Child
from casework.domain.dates import CaseDate
from casework.domain.events import Event
from casework.domain.rules.model import Rule

# The columns of each table, as the DfE's validator (csc-validator-be-903) reads them.
COLUMNS: dict[str, tuple[str, ...]] = {
    "Header": ("CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"),
    "Episodes": ("CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
                 "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"),
    "Reviews": ("CHILD", "DOB", "REVIEW", "REVIEW_CODE"),
    "UASC": ("CHILD", "SEX", "DOB", "DUC"),
    "OC2": ("CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS",
            "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED",
            "INTERVENTION_OFFERED"),
    "OC3": ("CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"),
    "AD1": ("CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"),
    "PlacedAdoption": ("CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"),
    "PrevPerm": ("CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"),
    "Missing": ("CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"),
    "Visits": ("CHILD", "VISIT_DATE"),  # the council's own record, not part of the DfE return
}
# The file name each table is written under (as the DfE guidance names the files).
FILE_NAMES: dict[str, str] = {
    "Header": "header.csv", "Episodes": "episodes.csv", "Reviews": "reviews.csv", "UASC": "uasc.csv",
    "OC2": "oc2.csv", "OC3": "oc3.csv", "AD1": "ad1.csv", "PlacedAdoption": "placed_for_adoption.csv",
    "PrevPerm": "prev_perm.csv", "Missing": "missing.csv", "Visits": "visits.csv",
}
# The columns that hold dates (DD/MM/YYYY in the return); DATE_PERM may be part of a date.
DATES: dict[str, tuple[str, ...]] = {
    "Header": ("DOB", "MC_DOB"), "Episodes": ("DECOM", "DEC"), "Reviews": ("REVIEW",),
    "AD1": ("DATE_INT", "DATE_MATCH"), "PlacedAdoption": ("DATE_PLACED", "DATE_PLACED_CEASED"),
    "Missing": ("MIS_START", "MIS_END"), "Visits": ("VISIT_DATE",),
}
# Columns a row cannot do without (beyond CHILD).
REQUIRED: dict[str, tuple[str, ...]] = {
    "Header": ("DOB",), "Episodes": ("DECOM", "RNE", "LS", "PLACE"), "Reviews": ("REVIEW",),
    "Missing": ("MIS_START",), "Visits": ("VISIT_DATE",), "PlacedAdoption": ("DATE_PLACED",),
}
# The DfE code lists the audit depends on (a row with another code is reported, not audited).
CODES: dict[tuple[str, str], frozenset[str]] = {
    ("Episodes", "RNE"): frozenset({"S", "P", "L", "T", "U", "B"}),
    ("Episodes", "REC"): frozenset({"X1", "E11", "E12", "E13", "E14", "E15", "E16", "E17", "E2", "E3",
                                    "E41", "E45", "E46", "E47", "E48", "E4A", "E4B", "E5", "E6", "E7",
                                    "E8", "E9"}),
    ("Episodes", "LS"): frozenset({"C1", "C2", "D1", "E1", "J1", "J2", "J3", "L1", "L2", "L3", "V2",
                                   "V3", "V4"}),
    ("Reviews", "REVIEW_CODE"): frozenset({"PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"}),
    ("Missing", "MISSING"): frozenset({"M", "A"}),
}
PLACEMENT_CHANGES = frozenset({"S", "P", "B", "T", "U"})
LEGAL_CHANGES = frozenset({"L", "B", "T", "U"})
# Event types the return (with a council's visits, when given) records.
RETURN_EVENT_TYPES = frozenset({
    "became_looked_after", "legal_status_changed", "placement_started", "placement_ended",
    "ceased_looked_after", "lac_review", "went_missing", "returned", "adoption_decision",
    "adoption_match", "adoption_decision_reversed", "health_assessment", "care_leaver_contact"})
# Header columns kept on the child's identifiers, and the tables kept there whole.
_IDENTIFIERS = ("UPN", "MOTHER", "MC_DOB")
_KEPT_WHOLE = ("UASC", "OC2", "PrevPerm")

Row = Mapping[str, str]


@dataclass(frozen=True)
class Year:
    """A collection year: 1 April to 31 March, named like 2025-26."""

    name: str
    start: date
    end: date

    @classmethod
    def parse(cls, name: str) -> Year:
        m = re.fullmatch(r"(\d{4})-(\d{2})", name.strip())
        if not m or (int(m[1]) + 1) % 100 != int(m[2]):
            raise ValueError(f"'{name}' is not a collection year like 2025-26")
        first = int(m[1])
        return cls(name.strip(), date(first, 4, 1), date(first + 1, 3, 31))


def parse_date(raw: str) -> date:
    """A return's date, DD/MM/YYYY (ValueError otherwise)."""
    m = re.fullmatch(r"(\d{2})/(\d{2})/(\d{4})", raw.strip())
    if not m:
        raise ValueError(f"'{raw}' is not a date in the return's form DD/MM/YYYY")
    return date(int(m[3]), int(m[2]), int(m[1]))


def format_date(day: date | None) -> str:
    return "" if day is None else day.strftime("%d/%m/%Y")


_SAFE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_UNSAFE = re.compile(r"[^a-z0-9_.-]+")


def case_id(child_id: str, council: str) -> str:
    """The case id of a child in a council's return (safe in a file name and a URL)."""
    if _SAFE.match(child_id):
        return f"lac-{council}-{child_id}"
    slug = _UNSAFE.sub("-", child_id.lower()).strip("-_.") or "child"
    return f"lac-{council}-{slug}-{hashlib.sha256(child_id.encode()).hexdigest()[:8]}"


def ssda903_rules(rules: Iterable[Rule], visits: bool = True) -> tuple[Rule, ...]:
    """The looked-after timescales a return can evidence: every trigger and outcome is an event
    the return records (lac_visit too when the council's visits are read). Care plans are not
    in the return, so the care plan rule is left out rather than reported on every child."""
    known = RETURN_EVENT_TYPES | ({"lac_visit"} if visits else set())
    return tuple(r for r in rules if r.check == "timescale" and r.area == "looked_after" and r.trigger
                 and all(m.type in known for m in (*r.trigger, *r.satisfied_by)))


def starts_in_year(case: Case, year_start: date) -> bool:
    """Whether the return shows the child's period of care starting (so its first review in the
    return is the first review): `lac_review_second` is audited only then."""
    return any(e.type == "became_looked_after" and e.date.earliest >= year_start for e in case.events)


def audit_return_case(case: Case, as_of: date, year: Year, rules: Sequence[Rule]) -> list[Finding]:
    """A case read from a return, audited on the return's rules; `lac_review_second` only when
    the return shows the period of care starting (else its first review is not the first)."""
    chosen = [r for r in rules if r.id != "lac_review_second" or starts_in_year(case, year.start)]
    return list(audit_case(case, as_of, chosen).findings)


def audit_returns_columnwise(cases: Iterable[Case], as_of: date, year: Year,
                             rules: Sequence[Rule]) -> list[tuple[EventTable, Findings]]:
    """`audit_return_case` over many cases at once, column-wise (`casework.domain.batch`), with
    the same rule records: the cases whose period of care the return shows starting in one
    table (every rule), the others in another (all but `lac_review_second`)."""
    starting: list[Case] = []
    others: list[Case] = []
    for case in cases:
        (starting if starts_in_year(case, year.start) else others).append(case)
    later = tuple(r for r in rules if r.id != "lac_review_second")
    parts = []
    for group, chosen in ((starting, tuple(rules)), (others, later)):
        table = table_from_cases(group, chosen)
        parts.append((table, audit_table(table, as_of, chosen)))
    return parts


def _d(raw: str) -> date | None:
    return parse_date(raw) if raw.strip() else None


def child_to_case(child_id: str, tables: Mapping[str, Sequence[Row]], *, council: str, year: Year,
                  where: str = "") -> Case:
    """One child's rows (every value already checked) as a chronology."""
    header = (tables.get("Header") or [{}])[0]
    identifiers = {k: header[k] for k in _IDENTIFIERS if header.get(k, "").strip()}
    for table in _KEPT_WHOLE:
        for row in tables.get(table, ())[:1]:
            identifiers.update({f"{table}.{k}": v for k, v in row.items() if k not in ("CHILD", "DOB", "SEX")})
    dob = _d(header.get("DOB", ""))
    kid = (child_id,)
    events: list[Event] = []

    def add(event_id: str, type_: str, day: date | CaseDate, **details: object) -> None:
        events.append(Event(id=event_id, type=type_, date=day if isinstance(day, CaseDate) else CaseDate.exact(day),
                            children=kid, details={k: v for k, v in details.items() if v not in (None, "")}))

    episodes = sorted(tables.get("Episodes", ()), key=lambda r: parse_date(r["DECOM"]))
    for n, row in enumerate(episodes, 1):
        start, rne = parse_date(row["DECOM"]), row["RNE"].strip()
        if rne == "S":
            add(f"ep{n}.start", "became_looked_after", start, legal_status=row["LS"],
                category_of_need=row.get("CIN", ""))
        if rne in PLACEMENT_CHANGES:
            add(f"ep{n}.place", "placement_started", start, placement_type=row["PLACE"],
                provider=row.get("PLACE_PROVIDER", ""), urn=row.get("URN", ""), new_episode_reason=rne,
                legal_status=row["LS"], category_of_need=row.get("CIN", ""),
                home_postcode=row.get("HOME_POST", ""), placement_postcode=row.get("PL_POST", ""))
        if rne in LEGAL_CHANGES:
            add(f"ep{n}.ls", "legal_status_changed", start, legal_status=row["LS"])
        end, rec = _d(row.get("DEC", "")), row.get("REC", "").strip()
        if end is None:
            continue
        following = episodes[n]["RNE"].strip() if n < len(episodes) else None
        if rec != "X1" or following in PLACEMENT_CHANGES:
            add(f"ep{n}.end", "placement_ended", end, reason_episode_ceased=rec,
                reason_place_change=row.get("REASON_PLACE_CHANGE", ""))
        if rec != "X1":
            add(f"ep{n}.ceased", "ceased_looked_after", end, reason_episode_ceased=rec)
    for k, row in enumerate(sorted(tables.get("Reviews", ()), key=lambda r: parse_date(r["REVIEW"])), 1):
        add(f"r{k}", "lac_review", parse_date(row["REVIEW"]), participation=row.get("REVIEW_CODE", ""))
    for k, row in enumerate(sorted(tables.get("Missing", ()), key=lambda r: parse_date(r["MIS_START"])), 1):
        add(f"m{k}.start", "went_missing", parse_date(row["MIS_START"]), missing_type=row.get("MISSING", ""))
        if (back := _d(row.get("MIS_END", ""))) is not None:
            add(f"m{k}.end", "returned", back, episode=f"m{k}.start")
    for row in tables.get("OC2", ())[:1]:
        if row.get("HEALTH_CHECK", "").strip() == "1":  # a yes for the year, with no date
            add("oc2.health", "health_assessment", CaseDate.between(CaseDate.exact(year.start),
                                                                    CaseDate.exact(year.end)))
    for row in tables.get("OC3", ())[:1]:
        add("oc3", "care_leaver_contact", _around_birthday(dob, year), in_touch=row.get("IN_TOUCH", ""),
            activity=row.get("ACTIV", ""), accommodation=row.get("ACCOM", ""))
    for row in tables.get("AD1", ())[:1]:
        if (day := _d(row.get("DATE_INT", ""))) is not None:
            add("ad1.int", "adoption_decision", day)
        if (day := _d(row.get("DATE_MATCH", ""))) is not None:
            adopters = row.get("NB_ADOPTR", "").strip()
            add("ad1.match", "adoption_match", day,
                foster_care={"1": True, "0": False}.get(row.get("FOSTER_CARE", "").strip()),
                adopters=int(adopters) if adopters.isdigit() else None,
                adopters_sex=row.get("SEX_ADOPTR", ""), adopters_legal_status=row.get("LS_ADOPTR", ""))
    for k, row in enumerate(tables.get("PlacedAdoption", ()), 1):
        add(f"pa{k}.placed", "adoption_decision", parse_date(row["DATE_PLACED"]))
        if (day := _d(row.get("DATE_PLACED_CEASED", ""))) is not None:
            add(f"pa{k}.ceased", "adoption_decision_reversed", day, reason=row.get("REASON_PLACED_CEASED", ""))
    visits = tables.get("Visits")
    for k, row in enumerate(sorted(visits or (), key=lambda r: parse_date(r["VISIT_DATE"])), 1):
        add(f"v{k}", "lac_visit", parse_date(row["VISIT_DATE"]))
    covered = RETURN_EVENT_TYPES | ({"lac_visit"} if visits is not None else set())
    return Case(
        id=case_id(child_id, council), council=council,
        title=f"SSDA903 {year.name}: child {child_id}", source=f"SSDA903 {year.name}, LA {council}",
        where=where,
        children=(Child(child_id, dob, sex=header.get("SEX") or None, ethnicity=header.get("ETHNIC") or None,
                        identifiers=identifiers),),
        events=tuple(events), complete_for=frozenset(covered), complete_from=year.start,
    )


def _around_birthday(dob: date | None, year: Year) -> CaseDate:
    """The contact OC3 records is around the child's birthday in the year (a month either side)."""
    if dob is None:
        return CaseDate.between(CaseDate.exact(year.start), CaseDate.exact(year.end))
    birthday = _birthday_in(dob, year)
    return CaseDate.between(CaseDate.exact(max(birthday - timedelta(days=31), year.start)),
                            CaseDate.exact(min(birthday + timedelta(days=31), year.end)))


def _birthday_in(dob: date, year: Year) -> date:
    for y in (year.start.year, year.end.year):
        try:
            day = dob.replace(year=y)
        except ValueError:  # 29 February
            day = date(y, 3, 1)
        if year.start <= day <= year.end:
            return day
    return year.start


def case_to_rows(case: Case) -> dict[str, list[dict[str, str]]]:
    """A child's chronology back to the return's rows (the inverse of `child_to_case`).

    Episodes are rebuilt from the events' ids (`ep<n>.…`); a row whose placement did not change
    (RNE L) repeats the previous row's placement, as the return asks. Events the return has
    no column for (visits aside, which go to the council's Visits table) are left out."""
    child = case.children[0]
    ids = dict(child.identifiers)
    dob = format_date(child.date_of_birth)
    tables: dict[str, list[dict[str, str]]] = {name: [] for name in COLUMNS}
    tables["Header"].append({"CHILD": child.id, "SEX": child.sex or "", "DOB": dob,
                             "ETHNIC": child.ethnicity or "", "UPN": ids.get("UPN", ""),
                             "MOTHER": ids.get("MOTHER", ""), "MC_DOB": ids.get("MC_DOB", "")})
    for table in _KEPT_WHOLE:
        kept = {k.split(".", 1)[1]: v for k, v in ids.items() if k.startswith(f"{table}.")}
        if kept:
            row = {c: "" for c in COLUMNS[table]} | kept | {"CHILD": child.id, "DOB": dob}
            if "SEX" in row:
                row["SEX"] = child.sex or ""
            tables[table].append(row)
    by_id = {e.id: e for e in case.events}
    numbers = sorted({int(m[1]) for e in case.events if (m := re.match(r"ep(\d+)\.", e.id))})
    previous: dict[str, str] = {}
    rows: list[dict[str, str]] = []
    for n in numbers:
        start, place, legal = (by_id.get(f"ep{n}.{s}") for s in ("start", "place", "ls"))
        first = start or place or legal
        assert first is not None
        row = dict(previous) | {"CHILD": child.id, "DECOM": format_date(first.date.earliest)}
        if place is not None:
            row |= {"PLACE": str(place.details.get("placement_type", "")),
                    "PLACE_PROVIDER": str(place.details.get("provider", "")),
                    "URN": str(place.details.get("urn", "")),
                    "HOME_POST": str(place.details.get("home_postcode", "")),
                    "PL_POST": str(place.details.get("placement_postcode", "")),
                    "LS": str(place.details.get("legal_status", row.get("LS", ""))),
                    "CIN": str(place.details.get("category_of_need", row.get("CIN", "")))}
        if start is not None:
            row |= {"LS": str(start.details.get("legal_status", "")),
                    "CIN": str(start.details.get("category_of_need", ""))}
        if legal is not None:
            row["LS"] = str(legal.details.get("legal_status", ""))
        rne = str(place.details.get("new_episode_reason", "")) if place is not None else ""
        row["RNE"] = rne or ("S" if start is not None else "B" if place and legal else "P" if place else "L")
        row |= {"DEC": "", "REC": "", "REASON_PLACE_CHANGE": ""}
        previous = {k: v for k, v in row.items() if k not in ("DEC", "REC", "REASON_PLACE_CHANGE")}
        rows.append(row)
    for i, (n, row) in enumerate(zip(numbers, rows, strict=True)):
        end, ceased = by_id.get(f"ep{n}.end"), by_id.get(f"ep{n}.ceased")
        closing = ceased or end
        if closing is not None:
            row["DEC"] = format_date(closing.date.earliest)
            row["REC"] = str(closing.details.get("reason_episode_ceased", ""))
            if end is not None:
                row["REASON_PLACE_CHANGE"] = str(end.details.get("reason_place_change", ""))
        elif i + 1 < len(rows):  # a new episode begins: this one ceases that day (X1)
            row["DEC"], row["REC"] = rows[i + 1]["DECOM"], "X1"
    tables["Episodes"] = [{c: row.get(c, "") for c in COLUMNS["Episodes"]} for row in rows]
    for e in case.events:
        d = e.details
        if e.type == "lac_review":
            tables["Reviews"].append({"CHILD": child.id, "DOB": dob, "REVIEW": format_date(e.date.earliest),
                                      "REVIEW_CODE": str(d.get("participation", ""))})
        elif e.type == "went_missing":
            back = by_id.get(e.id.replace(".start", ".end")) if e.id.endswith(".start") else None
            back = back or next((b for b in case.events if b.type == "returned" and b.details.get("episode") == e.id),
                                None)
            tables["Missing"].append({"CHILD": child.id, "DOB": dob, "MISSING": str(d.get("missing_type", "")),
                                      "MIS_START": format_date(e.date.earliest),
                                      "MIS_END": format_date(back.date.earliest) if back else ""})
        elif e.type == "care_leaver_contact":
            tables["OC3"].append({"CHILD": child.id, "DOB": dob, "IN_TOUCH": str(d.get("in_touch", "")),
                                  "ACTIV": str(d.get("activity", "")), "ACCOM": str(d.get("accommodation", ""))})
        elif e.type == "lac_visit":
            tables["Visits"].append({"CHILD": child.id, "VISIT_DATE": format_date(e.date.earliest)})
        elif e.type == "adoption_decision" and e.id.startswith("pa"):
            ceased = by_id.get(e.id.replace(".placed", ".ceased"))
            tables["PlacedAdoption"].append({
                "CHILD": child.id, "DOB": dob, "DATE_PLACED": format_date(e.date.earliest),
                "DATE_PLACED_CEASED": format_date(ceased.date.earliest) if ceased else "",
                "REASON_PLACED_CEASED": str(ceased.details.get("reason", "")) if ceased else ""})
    interest, match = by_id.get("ad1.int"), by_id.get("ad1.match")
    if interest is not None or match is not None:
        md = match.details if match is not None else {}
        fc = md.get("foster_care")
        tables["AD1"].append({"CHILD": child.id, "DOB": dob,
                              "DATE_INT": format_date(interest.date.earliest) if interest else "",
                              "DATE_MATCH": format_date(match.date.earliest) if match else "",
                              "FOSTER_CARE": "" if fc is None else "1" if fc else "0",
                              "NB_ADOPTR": str(md.get("adopters", "")), "SEX_ADOPTR": str(md.get("adopters_sex", "")),
                              "LS_ADOPTR": str(md.get("adopters_legal_status", ""))})
    return tables
