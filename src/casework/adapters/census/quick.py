"""The census reader's quick path: one regular `<Child>` read in a single tight walk.

Almost every child in a real census is regular: each element where the census structure
puts it, every date in the form YYYY-MM-DD and real, every required date present, dates in
order. `quick_child` reads such a child with one pass over its subtree — direct `.text`,
dates looked up in a table of the days already seen, no element paths, no lines — and
gives up (`None`) at the first thing that is not regular. The reader then reads that child
again the careful way (`CensusReader._child`), which finds and reports every problem with
the child's `LAchildID`, the element path and the line, so the quick path never decides
what is wrong, only that nothing is.

The records it makes carry no positions (`at` is empty): they feed the column-wise audit,
which needs none. Tests check that, on synthetic censuses, it reads exactly the records the
careful path reads.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from casework.domain.census import CensusChild, CensusHeader, episode_problems, value_problems
from casework.domain.census.checks import regular_child
from casework.domain.census.records import (
    RawAssessment,
    RawCPPlan,
    RawEpisode,
    RawPlan,
    RawSection47,
    episode_from_raw,
)

# Days already read, by their text. Only real dates go in, so a hit needs no check; the
# table stops growing at a size no census reaches (a century of days).
_DAYS: dict[str, date] = {}
_MAX_DAYS = 40_000
_FLAGS = {"true": True, "1": True, "false": False, "0": False}

# Leaves the census may hold that the audit does not read: kept as text.
_CHILD_IDS = frozenset({"UPN", "FormerUPN", "UPNunknown", "ExpectedPersonBirthDate", "GenderCurrent",
                        "PersonDeathDate"})
_CIN_LEAVES = frozenset({"ReferralSource", "PrimaryNeedCode", "ReasonForClosure"})
_CPP_TEXTS = frozenset({"InitialCategoryOfAbuse", "LatestCategoryOfAbuse", "NumberOfPreviousCPP"})


class _Irregular(Exception):
    """The child is not regular: read it the careful way."""


def _irregular() -> str:
    raise _Irregular


def quick_child(element: Any, seen: set[str], header: CensusHeader) -> CensusChild | None:
    """The records of a regular `<Child>` element, or None to read it the careful way."""
    try:
        return _child(element, seen, header)
    except _Irregular:
        return None


def quick_raw(element: Any, seen: set[str], header: CensusHeader) -> tuple[str, list[RawEpisode]] | None:
    """A regular `<Child>` element's id and raw episodes (`casework.domain.census.RawEpisode`),
    for the column-wise audit, or None to read it the careful way. Regular means what it means
    for `quick_child`: the same walk, and `regular_child` for the checks `quick_child` makes
    with `episode_problems` and `value_problems`, without building the records."""
    try:
        child_id, birth, sex, ethnicity, disabilities, _, episodes = _walk_child(element, seen)
    except _Irregular:
        return None
    if not regular_child(sex or None, ethnicity, disabilities, birth, episodes, header):
        return None
    seen.add(child_id)
    return child_id, episodes


def _day(element: Any) -> date:
    raw = element.text
    day = _DAYS.get(raw)
    if day is not None and not len(element) and element.tail is None:
        return day
    if raw is None or len(raw) != 10 or raw[4] != "-" or raw[7] != "-" or not raw.isascii() \
            or not (raw[:4].isdigit() and raw[5:7].isdigit() and raw[8:].isdigit()) or len(element) \
            or element.tail is not None:
        raise _Irregular
    try:
        day = date(int(raw[:4]), int(raw[5:7]), int(raw[8:]))
    except ValueError:
        raise _Irregular from None
    if len(_DAYS) < _MAX_DAYS:
        _DAYS[raw] = day
    return day


def _leaf_text(element: Any) -> str | None:
    if len(element) or element.tail is not None:
        raise _Irregular
    text = element.text
    if text is None:
        return None
    text = text.strip()
    return text or None


def _child(element: Any, seen: set[str], header: CensusHeader) -> CensusChild | None:
    child_id, birth, sex, ethnicity, disabilities, kept, raws = _walk_child(element, seen)
    episodes = [episode_from_raw(raw) for raw in raws]
    for episode in episodes:
        if episode_problems(child_id, episode, header):
            raise _Irregular
    child = CensusChild(id=child_id, birth_date=birth, disabled=any(d != "NONE" for d in disabilities),
                        episodes=tuple(episodes), sex=sex or None, ethnicity=ethnicity, identifiers=kept,
                        disabilities=disabilities)
    if value_problems(child, header):
        raise _Irregular
    seen.add(child_id)
    return child


_Walked = tuple[str, "date | None", "str | None", "str | None", tuple[str, ...], dict[str, str], list[RawEpisode]]


def _walk_child(element: Any, seen: set[str]) -> _Walked:
    """One walk over a `<Child>`: its id, birth date, sex, ethnicity, disability codes, kept
    identifiers and raw episodes; `_Irregular` at the first thing out of place."""
    parent = element.getparent()
    if parent is None or parent.tag != "Children" or element.text is not None:
        raise _Irregular
    child_id: str | None = None
    birth: date | None = None
    sex: str | None = None
    ethnicity: str | None = None
    disabilities: tuple[str, ...] = ()
    kept: dict[str, str] = {}
    identifiers = characteristics = False
    episodes = []
    for part in element:
        tag = part.tag
        if part.tail is not None:
            raise _Irregular
        if tag == "CINdetails":
            episodes.append(_episode(part))
        elif tag == "ChildIdentifiers":
            if identifiers:
                raise _Irregular
            identifiers = True
            if part.text is not None:
                raise _Irregular
            for item in part:
                name = item.tag
                if name == "LAchildID":
                    if child_id is not None:
                        raise _Irregular
                    child_id = _leaf_text(item)
                    if child_id is None:
                        raise _Irregular
                elif name == "PersonBirthDate":
                    if birth is not None:
                        raise _Irregular
                    birth = _day(item)
                elif name == "Sex":
                    if sex is not None:
                        raise _Irregular
                    sex = _leaf_text(item) or ""
                elif name in _CHILD_IDS and name not in kept:
                    text = _leaf_text(item)
                    if text is not None:
                        kept[name] = text
                else:
                    raise _Irregular
        elif tag == "ChildCharacteristics":
            if characteristics:
                raise _Irregular
            characteristics = True
            disabilities, ethnicity = _characteristics(part)
        else:
            raise _Irregular
    if child_id is None or child_id in seen or not episodes:
        raise _Irregular
    return child_id, birth, sex, ethnicity, disabilities, kept, episodes


def _characteristics(part: Any) -> tuple[tuple[str, ...], str | None]:
    disabilities = False
    codes: list[str] = []
    ethnicity: str | None = None
    if part.text is not None:
        raise _Irregular
    for item in part:
        if item.tail is not None:
            raise _Irregular
        if item.tag == "Ethnicity":
            if ethnicity is not None:
                raise _Irregular
            ethnicity = _leaf_text(item) or ""
        elif item.tag == "Disabilities":
            if disabilities:
                raise _Irregular
            disabilities = True
            if item.text is not None:
                raise _Irregular
            for disability in item:
                if disability.tag != "Disability":
                    raise _Irregular
                value = _leaf_text(disability)
                if value is None:
                    raise _Irregular
                codes.append(value.upper())
        else:
            raise _Irregular
    return tuple(codes), ethnicity or None


def _episode(cin: Any) -> RawEpisode:
    referral = closure = icpc = None
    reason = source = need = None
    nfa: bool | None = None
    pre: tuple[tuple[str, str], ...] | None = None
    assessments, plans, s47s, cpps = [], [], [], []
    if cin.text is not None:
        raise _Irregular
    for item in cin:  # the tests in the order the elements are most common
        tag = item.tag
        if item.tail is not None:
            raise _Irregular
        if tag == "CINreferralDate":
            if referral is not None:
                raise _Irregular
            referral = _day(item)
        elif tag in _CIN_LEAVES:
            if len(item):
                raise _Irregular
            text = item.text
            text = (text.strip() or None) if text is not None else None
            if tag == "ReferralSource":
                if source is not None:
                    raise _Irregular
                source = text or ""
            elif tag == "PrimaryNeedCode":
                if need is not None:
                    raise _Irregular
                need = text or ""
            else:
                if reason is not None:
                    raise _Irregular
                reason = text or ""
        elif tag == "ReferralNFA":
            if nfa is not None:
                raise _Irregular
            nfa = _FLAGS.get((_leaf_text(item) or "").lower())
            if nfa is None:
                raise _Irregular
        elif tag == "CINclosureDate":
            if closure is not None:
                raise _Irregular
            closure = _day(item)
        elif tag == "Assessments":
            assessments.append(_assessment(item))
        elif tag == "CINPlanDates":
            plans.append(_plan(item))
        elif tag == "Section47":
            s47s.append(_section47(item))
        elif tag == "ChildProtectionPlans":
            cpps.append(_cp_plan(item))
        elif tag == "DateOfInitialCPC":
            if icpc is not None:
                raise _Irregular
            icpc = _day(item)
        elif tag == "PreProceedingsandFGDM" and pre is None:
            pre = tuple((e.tag, (e.text or "").strip()) for e in item)
            if any(len(e) or not isinstance(e.tag, str) for e in item):
                raise _Irregular
        else:
            raise _Irregular
    if referral is None:
        raise _Irregular
    return (referral, closure, icpc, reason or None, source or None, need or None, nfa, pre, tuple(assessments),
            tuple(plans), tuple(s47s), tuple(cpps))


def _assessment(block: Any) -> RawAssessment:
    start = done = review = None
    factors: tuple[str, ...] | None = None
    if block.text is not None:
        raise _Irregular
    for item in block:
        tag = item.tag
        if item.tail is not None:
            raise _Irregular
        if tag == "AssessmentActualStartDate":
            if start is not None:
                raise _Irregular
            start = _day(item)
        elif tag == "AssessmentAuthorisationDate":
            if done is not None:
                raise _Irregular
            done = _day(item)
        elif tag == "AssessmentInternalReviewDate":
            if review is not None:
                raise _Irregular
            review = _day(item)
        elif tag == "FactorsIdentifiedAtAssessment":
            if factors is not None or item.text is not None:
                raise _Irregular
            factors = tuple((_leaf_text(f) or "") if f.tag == "AssessmentFactors" else _irregular()
                            for f in item)
        else:
            raise _Irregular
    if start is None:
        raise _Irregular
    return (start, done, review, factors or ())


def _plan(block: Any) -> RawPlan:
    start = end = None
    if block.text is not None:
        raise _Irregular
    for item in block:
        tag = item.tag
        if item.tail is not None:
            raise _Irregular
        if tag == "CINPlanStartDate":
            if start is not None:
                raise _Irregular
            start = _day(item)
        elif tag == "CINPlanEndDate":
            if end is not None:
                raise _Irregular
            end = _day(item)
        else:
            raise _Irregular
    if start is None:
        raise _Irregular
    return (start, end)


def _section47(block: Any) -> RawSection47:
    start = icpc = target = None
    not_required: bool | None = None
    flagged = False
    if block.text is not None:
        raise _Irregular
    for item in block:
        tag = item.tag
        if item.tail is not None:
            raise _Irregular
        if tag == "S47ActualStartDate":
            if start is not None:
                raise _Irregular
            start = _day(item)
        elif tag == "DateOfInitialCPC":
            if icpc is not None:
                raise _Irregular
            icpc = _day(item)
        elif tag == "InitialCPCtarget":  # the council's; kept, not audited
            if target is not None:
                raise _Irregular
            target = _day(item)
        elif tag == "ICPCnotRequired":
            if flagged:
                raise _Irregular
            flagged = True
            value = _FLAGS.get((_leaf_text(item) or "").lower())
            if value is None:
                raise _Irregular
            not_required = value
        else:
            raise _Irregular
    if start is None:
        raise _Irregular
    return (start, icpc, not_required, target)


def _cp_plan(block: Any) -> RawCPPlan:
    start = end = None
    reviews: list[date] = []
    texts: dict[str, str] = {}
    if block.text is not None:
        raise _Irregular
    for item in block:
        tag = item.tag
        if item.tail is not None:
            raise _Irregular
        if tag == "CPPstartDate":
            if start is not None:
                raise _Irregular
            start = _day(item)
        elif tag == "CPPendDate":
            if end is not None:
                raise _Irregular
            end = _day(item)
        elif tag == "Reviews":
            if item.text is not None:
                raise _Irregular
            for review in item:
                if review.tag != "CPPreviewDate" or review.tail is not None:
                    raise _Irregular
                reviews.append(_day(review))
        elif tag in _CPP_TEXTS:
            if tag in texts:
                raise _Irregular
            texts[tag] = _leaf_text(item) or ""
        else:
            raise _Irregular
    if start is None:
        raise _Irregular
    previous = texts.get("NumberOfPreviousCPP") or None
    if previous is not None and not (previous.isascii() and previous.isdigit()):
        raise _Irregular
    reviews.sort()
    return (start, end, tuple(reviews), texts.get("InitialCategoryOfAbuse") or None,
            texts.get("LatestCategoryOfAbuse") or None, int(previous) if previous is not None else None)
