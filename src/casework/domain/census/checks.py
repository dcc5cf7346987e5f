"""The checks a census return must pass before its clocks can be trusted, as DfE makes them.

Two kinds, because they matter differently to the audit:

- `episode_problems` — what stops an episode's clocks being judged: dates out of order,
  dates the census year cannot hold (after the reference date, or outside the year where
  the DfE validation rules say a date must fall in it), activity after the closure, and a
  ReferralNFA that contradicts the episode or cannot be told. The reader leaves such an
  episode out of the audit and reports it; the child's other episodes are audited.
- `value_problems` — codes outside the DfE code lists (sex, ethnicity, disability, primary
  need, reason for closure, category of abuse) and a child born after the reference date:
  reported, but no clock reads them, so the episodes are still audited.

Each problem names the child, the element path and line (where the record was read from a
file) and what to do. The DfE rule numbers (Data to Insight's `csc-validator-be-cin`) are
given in the comments, so a reader can compare.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from casework.domain.census.records import NOWHERE, At, CensusChild, CensusHeader, Episode, RawEpisode
from casework.domain.errors import Problem

# The DfE CIN census code set.
SEXES = frozenset({"M", "F", "U"})  # 4180
ETHNICITIES = frozenset({  # 4220
    "ABAN", "AIND", "AOTH", "APKN", "BAFR", "BCRB", "BOTH", "CHNE", "MOTH", "MWAS", "MWBA", "MWBC",
    "NOBT", "OOTH", "REFU", "WBRI", "WIRI", "WIRT", "WOTH", "WROM"})
DISABILITIES = frozenset({  # 8540
    "NONE", "MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS", "BEH", "CON", "AUT", "DDA"})
PRIMARY_NEEDS = frozenset(f"N{i}" for i in range(10))  # 8650
CLOSURE_REASONS = frozenset(f"RC{i}" for i in range(1, 10))  # 8640
ABUSE_CATEGORIES = frozenset({"NEG", "PHY", "SAB", "EMO", "MUL"})  # 8905, 8910
FLAGS = {"true": True, "1": True, "false": False, "0": False}


def child_where(child_id: str | None) -> str:
    """How a problem names the census child it belongs to."""
    return f"LAchildID {child_id}" if child_id else "a child with no LAchildID"


class _Checker:
    """Collects one child's problems, each at the element it names."""

    def __init__(self, child_id: str) -> None:
        self.where = child_where(child_id)
        self.problems: list[Problem] = []

    def add(self, at: At, problem: str, fix: str) -> None:
        self.problems.append(Problem(where=self.where, field=at[0], line=at[1], problem=problem, fix=fix))

    def order(self, day: date | None, after: date | None, at: At, what: str, prior: str) -> None:
        if day is not None and after is not None and day < after:
            self.add(at, f"the {what} ({day}) is before the {prior} ({after})",
                     f"correct the date: the {what} cannot come before the {prior}")

    def not_after(self, day: date | None, header: CensusHeader, at: At, what: str) -> None:
        if day is not None and day > header.reference_date:
            self.add(at, f"the {what} ({day}) is after the census reference date ({header.reference_date})",
                     f"correct the date; a {what} after {header.reference_date} belongs in next year's return")

    def in_year(self, day: date | None, header: CensusHeader, at: At, what: str) -> None:
        if day is not None and day < header.start:
            self.add(at, f"the {what} ({day}) is before the census year ({header.start} to "
                         f"{header.reference_date})",
                     f"correct the date, or leave the block out: the census returns a {what} only "
                     "when it falls in the year")
        self.not_after(day, header, at, what)

    def code(self, value: str | None, allowed: frozenset[str], at: At, what: str) -> None:
        if value is not None and value not in allowed:
            self.add(at, f"{what} '{value}' is not in the DfE code list",
                     f"use one of: {', '.join(sorted(allowed))}")


def episode_problems(child_id: str, episode: Episode, header: CensusHeader | None = None) -> list[Problem]:
    """What stops one episode's clocks being judged (empty when nothing does).

    Without a header only the order of dates is checked.
    """
    check = _Checker(child_id)
    _order(check, episode)
    if header is not None:
        _year(check, episode, header)
        _after_closure(check, episode)
        _no_further_action(check, episode)
    return check.problems


def _order(check: _Checker, ep: Episode) -> None:
    """Dates before the referral, or before what they follow."""
    at = ep.at.get
    check.order(ep.closure, ep.referral, at("closure", NOWHERE), "CINclosureDate", "CINreferralDate")
    check.order(ep.icpc, ep.referral, at("icpc", NOWHERE), "DateOfInitialCPC", "CINreferralDate")
    for a in ep.assessments:
        check.order(a.start, ep.referral, a.at.get("start", NOWHERE), "AssessmentActualStartDate",
                    "CINreferralDate")
        check.order(a.authorised, a.start, a.at.get("authorised", NOWHERE),
                    "AssessmentAuthorisationDate", "AssessmentActualStartDate")
    for p in ep.cin_plans:
        check.order(p.start, ep.referral, p.at.get("start", NOWHERE), "CINPlanStartDate", "CINreferralDate")
        check.order(p.end, p.start, p.at.get("end", NOWHERE), "CINPlanEndDate", "CINPlanStartDate")
    for s in ep.section47s:
        check.order(s.start, ep.referral, s.at.get("start", NOWHERE), "S47ActualStartDate", "CINreferralDate")
        check.order(s.icpc, s.start, s.at.get("icpc", NOWHERE), "DateOfInitialCPC", "S47ActualStartDate")
        if s.icpc is not None and s.icpc_not_required:
            check.add(s.at.get("icpc_not_required", NOWHERE),
                      f"ICPCnotRequired is true but a conference is dated {s.icpc}",
                      "set ICPCnotRequired to false, or remove the DateOfInitialCPC")
    for c in ep.cp_plans:
        check.order(c.start, ep.referral, c.at.get("start", NOWHERE), "CPPstartDate", "CINreferralDate")
        check.order(c.end, c.start, c.at.get("end", NOWHERE), "CPPendDate", "CPPstartDate")
        for j, review in enumerate(c.reviews):
            check.order(review, c.start, c.review_at[j] if j < len(c.review_at) else NOWHERE,
                        "CPPreviewDate", "CPPstartDate")


def _year(check: _Checker, ep: Episode, header: CensusHeader) -> None:
    """Dates the census year cannot hold, as the DfE rules place them (8600, 8620, 8696,
    8715, 8720, 8736, 8740, 8930); CIN plan dates feed no clock and are checked with values."""
    at = ep.at.get
    check.not_after(ep.referral, header, at("referral", NOWHERE), "CINreferralDate")
    check.in_year(ep.closure, header, at("closure", NOWHERE), "CINclosureDate")
    check.in_year(ep.icpc, header, at("icpc", NOWHERE), "DateOfInitialCPC")
    for a in ep.assessments:
        if a.authorised is None:
            check.in_year(a.start, header, a.at.get("start", NOWHERE), "AssessmentActualStartDate")
        else:
            check.not_after(a.start, header, a.at.get("start", NOWHERE), "AssessmentActualStartDate")
        check.in_year(a.authorised, header, a.at.get("authorised", NOWHERE), "AssessmentAuthorisationDate")
    for s in ep.section47s:
        if s.icpc is None and not s.icpc_not_required:
            check.in_year(s.start, header, s.at.get("start", NOWHERE), "S47ActualStartDate")
        else:
            check.not_after(s.start, header, s.at.get("start", NOWHERE), "S47ActualStartDate")
        check.in_year(s.icpc, header, s.at.get("icpc", NOWHERE), "DateOfInitialCPC")
    for c in ep.cp_plans:
        check.not_after(c.start, header, c.at.get("start", NOWHERE), "CPPstartDate")
        check.in_year(c.end, header, c.at.get("end", NOWHERE), "CPPendDate")
        for j, review in enumerate(c.reviews):
            check.not_after(review, header, c.review_at[j] if j < len(c.review_at) else NOWHERE,
                            "CPPreviewDate")


def _after_closure(check: _Checker, ep: Episode) -> None:
    """Work dated after the episode closed (8565): the closure would stop a clock the work answers."""
    if ep.closure is None:
        return
    dated: list[tuple[date | None, At, str]] = []
    for a in ep.assessments:
        dated += [(a.start, a.at.get("start", NOWHERE), "AssessmentActualStartDate"),
                  (a.authorised, a.at.get("authorised", NOWHERE), "AssessmentAuthorisationDate")]
    for s in ep.section47s:
        dated += [(s.start, s.at.get("start", NOWHERE), "S47ActualStartDate"),
                  (s.icpc, s.at.get("icpc", NOWHERE), "DateOfInitialCPC")]
    dated.append((ep.icpc, ep.at.get("icpc", NOWHERE), "DateOfInitialCPC"))
    for c in ep.cp_plans:
        dated.append((c.end, c.at.get("end", NOWHERE), "CPPendDate"))
        dated += [(r, c.review_at[j] if j < len(c.review_at) else NOWHERE, "CPPreviewDate")
                  for j, r in enumerate(c.reviews)]
    for day, at, what in dated:
        if day is not None and day > ep.closure:
            check.add(at, f"the {what} ({day}) is after the episode closed ({ep.closure})",
                      "correct the date, or the CINclosureDate: nothing happens in an episode after it closes")


def _no_further_action(check: _Checker, ep: Episode) -> None:
    """ReferralNFA against the episode: a referral with no further action has no assessment,
    enquiry or plan (4000, 8831, 8832); an episode with none and no flag cannot be judged (8568)."""
    at = ep.at.get("referral_nfa", ep.at.get("referral", NOWHERE))
    activity = bool(ep.assessments or ep.section47s or ep.cp_plans or ep.cin_plans)
    if ep.referral_nfa and activity:
        check.add(at, "ReferralNFA is true but the episode records an assessment, enquiry or plan",
                  "set ReferralNFA to false, or remove the work recorded after the referral")
    elif ep.referral_nfa is None and not activity:
        check.add(at, "the episode has no ReferralNFA and no assessment: whether one was needed "
                      "cannot be told", "give ReferralNFA (true for a referral with no further action)")


def value_problems(child: CensusChild, header: CensusHeader | None = None) -> list[Problem]:
    """Codes outside the DfE code lists, and a birth after the reference date: reported, not
    in the way of any clock."""
    check = _Checker(child.id)
    at = child.at.get
    check.code(child.sex, SEXES, at("sex", NOWHERE), "Sex")
    check.code(child.ethnicity, ETHNICITIES, at("ethnicity", NOWHERE), "Ethnicity")
    for i, code in enumerate(child.disabilities):
        check.code(code, DISABILITIES, at(f"disability{i}", NOWHERE), "Disability")
    if header is not None and child.birth_date is not None and child.birth_date > header.reference_date:
        check.add(at("birth", NOWHERE), f"the PersonBirthDate ({child.birth_date}) is after the census "
                  f"reference date ({header.reference_date})",
                  "correct the date; an unborn child has an ExpectedPersonBirthDate instead")
    for ep in child.episodes:
        check.code(ep.primary_need, PRIMARY_NEEDS, ep.at.get("primary_need", NOWHERE), "PrimaryNeedCode")
        check.code(ep.reason_for_closure, CLOSURE_REASONS, ep.at.get("reason_for_closure", NOWHERE),
                   "ReasonForClosure")
        for c in ep.cp_plans:
            check.code(c.category_of_abuse, ABUSE_CATEGORIES, c.at.get("category_of_abuse", NOWHERE),
                       "InitialCategoryOfAbuse")
            check.code(c.latest_category_of_abuse, ABUSE_CATEGORIES,
                       c.at.get("latest_category_of_abuse", NOWHERE), "LatestCategoryOfAbuse")
        if header is not None:
            _plans_in_year(check, ep, header)
    return check.problems


def _plans_in_year(check: _Checker, ep: Episode, header: CensusHeader) -> None:
    """CIN plan dates in the year (4010, 4013) and not after the closure (8565)."""
    for p in ep.cin_plans:
        check.not_after(p.start, header, p.at.get("start", NOWHERE), "CINPlanStartDate")
        check.in_year(p.end, header, p.at.get("end", NOWHERE), "CINPlanEndDate")
        for day, key, what in ((p.start, "start", "CINPlanStartDate"), (p.end, "end", "CINPlanEndDate")):
            if day is not None and ep.closure is not None and day > ep.closure:
                check.add(p.at.get(key, NOWHERE), f"the {what} ({day}) is after the episode closed "
                          f"({ep.closure})", "correct the date, or the CINclosureDate")


def header_problems(header: CensusHeader, at: Callable[[str], At] | None = None) -> list[Problem]:
    """The header's year against its reference date (DfE rule 100), and a reference date that
    is not 31 March. Reported; the audit still runs as of the reference date given."""
    where = (at or (lambda _: NOWHERE))
    problems: list[Problem] = []
    ref = header.reference_date
    if (ref.month, ref.day) != (3, 31):
        field, line = where("ReferenceDate")
        problems.append(Problem("census header", field, f"the ReferenceDate is {ref}, not 31 March",
                                f"give the census year's last day, {ref.year if ref.month <= 3 else ref.year + 1}"
                                "-03-31; casework audited as of the date given (choose another with --as-of)",
                                line))
    year = header.collection_year
    if year is not None and year != str(ref.year):
        field, line = where("Year")
        problems.append(Problem("census header", field,
                                f"the collection Year is '{year}' but the ReferenceDate is {ref}",
                                f"give the year the census ends in ({ref.year}), or correct the ReferenceDate",
                                line))
    return problems



def regular_child(sex: str | None, ethnicity: str | None, disabilities: Sequence[str], birth: date | None,
                  episodes: Sequence[RawEpisode], header: CensusHeader) -> bool:
    """True when `episode_problems` (with the header) would find nothing in any of the raw
    episodes and `value_problems` nothing in the child: the same checks, in a form that builds
    no records and no messages, for the national-scale path. False sends the child to the
    careful reader, which reports what is wrong; a test holds the two to agreeing."""
    if (sex is not None and sex not in SEXES) or (ethnicity is not None and ethnicity not in ETHNICITIES):
        return False
    if any(code not in DISABILITIES for code in disabilities):
        return False
    reference, start = header.reference_date, header.start
    if birth is not None and birth > reference:
        return False
    for (referral, closure, icpc, reason, _, need, nfa, _, assessments, plans, s47s, cpps) in episodes:
        # _no_further_action
        if nfa is None:
            if not (assessments or s47s or cpps or plans):
                return False
        elif nfa and (assessments or s47s or cpps or plans):
            return False
        # codes (value_problems)
        if (need is not None and need not in PRIMARY_NEEDS) or (reason is not None and reason not in CLOSURE_REASONS):
            return False
        # _order, _year and _after_closure: the referral on or before the reference date, a
        # closure and a CINdetails conference in the year and not before the referral.
        last = closure if closure is not None else reference  # nothing after the closure either
        if referral > reference:
            return False
        if closure is not None and not (start <= closure <= reference and closure >= referral):
            return False
        if icpc is not None and not (start <= icpc <= last and icpc >= referral):
            return False
        for a_start, authorised, _, _ in assessments:
            if a_start < referral or a_start > last:
                return False
            if authorised is None:
                if a_start < start:
                    return False
            elif authorised < a_start or authorised < start or authorised > last:
                return False
        for p_start, p_end in plans:  # order (episode_problems); year and closure (value_problems)
            if p_start < referral or p_start > last:
                return False
            if p_end is not None and (p_end < p_start or p_end < start or p_end > last):
                return False
        for s_start, s_icpc, not_required, _ in s47s:
            if s_start < referral or s_start > last:
                return False
            if s_icpc is None:
                if not not_required and s_start < start:
                    return False
            elif not_required or s_icpc < s_start or s_icpc < start or s_icpc > last:
                return False
        for c_start, c_end, reviews, category, latest, _ in cpps:
            if c_start < referral or c_start > reference:
                return False
            if c_end is not None and (c_end < c_start or c_end < start or c_end > last):
                return False
            for review in reviews:
                if review < c_start or review > last:
                    return False
            if (category is not None and category not in ABUSE_CATEGORIES) \
                    or (latest is not None and latest not in ABUSE_CATEGORIES):
                return False
    return True
