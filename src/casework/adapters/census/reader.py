"""Read a DfE children in need census XML file, streaming, into chronologies.

`CensusReader(path).cases()` yields one `Case` per `CINdetails` episode while lxml's
`iterparse` walks the file, clearing each `Child` once read, so a file of 100,000
children never sits in memory whole. Every problem — malformed XML, a malformed or
impossible date, an element in the wrong place, a date before the referral, a duplicate
`LAchildID` — is a `Problem` naming the child's `LAchildID`, the element path and the line.

By default a bad child is skipped and reported (`reader.problems`, `reader.skipped`); with
`strict=True` the whole file is checked first and refused (`CaseworkError` listing every
problem) before a single case is yielded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from lxml import etree

from casework.adapters.census.quick import quick_child
from casework.adapters.census.structure import ALLOWED, HOME, OPAQUE
from casework.domain.census import Assessment as CensusAssessment
from casework.domain.census import (
    At,
    CensusChild,
    CensusHeader,
    CINPlan,
    CPPlan,
    Episode,
    Section47,
    child_where,
    episode_problems,
    episode_to_case,
)
from casework.domain.chronology import Case
from casework.domain.errors import CaseworkError, Problem

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_TRUE, _FALSE = {"true", "1"}, {"false", "0"}


class _BadChild(Exception):
    """Raised inside one child's reading once its problems are recorded."""


class CensusReader:
    def __init__(self, path: str | Path, *, strict: bool = False) -> None:
        self.path = Path(path)
        self.strict = strict
        self.header: CensusHeader | None = None
        self.problems: list[Problem] = []
        self.skipped: list[str] = []
        self.children_read = 0

    def cases(self) -> Iterator[Case]:
        """Every good episode as a `Case`, in file order."""
        for child in self.children():
            assert self.header is not None
            for number, episode in enumerate(child.episodes, 1):
                yield episode_to_case(child, number, episode, self.header, where=str(self.path))

    def children(self, located: bool = True) -> Iterator[CensusChild]:
        """Every good child as census records (the column-wise audit reads these).

        `located=False` leaves out where each value was read (element path and line), which
        lets a regular child be read by the quick path (`quick.quick_child`); any other child
        is still read the careful way, so problems are reported the same either way.
        """
        if self.strict:
            for _ in self._walk(located):
                pass
            if self.problems:
                raise CaseworkError(self.problems)
            self.problems, self.skipped = [], []
        yield from self._walk(located)

    def _walk(self, located: bool = True) -> Iterator[CensusChild]:
        seen: set[str] = set()
        current: str | None = None
        self.children_read = 0
        context = etree.iterparse(str(self.path), events=("start", "end"),
                                  tag=("Header", "Child", "LAchildID"), remove_blank_text=True)
        try:
            for event, element in context:
                if event == "start":
                    if element.tag == "Child":
                        current = None
                    continue
                if element.tag == "LAchildID":
                    current = (element.text or "").strip() or None
                elif element.tag == "Header":
                    self.header = self._header(element)
                elif element.tag == "Child":
                    child = None if located or self.header is None else quick_child(element, seen)
                    if child is None:
                        element.set("_position", str(self.children_read))
                        child = self._child(element, seen)
                    self.children_read += 1
                    self.problems.extend(_strays(element))
                    _release(element)
                    if child is not None:
                        yield child
            self.problems.extend(_top_level(context.root))
        except etree.XMLSyntaxError as exc:
            self.problems.append(Problem(
                where=child_where(current) if current else str(self.path),
                field=f"Message/Children/Child[{self.children_read + 1}]" if current else "",
                line=exc.lineno, problem=f"the file is not well-formed XML ({exc.msg})",
                fix="repair the file (an unclosed or misspelt tag?); nothing after this line was read"))
            if current:
                self.skipped.append(current)
        except OSError as exc:
            raise CaseworkError.single(str(self.path), "", f"cannot read the file ({exc})",
                                       "check the path and permissions") from exc

    def _header(self, element: Any) -> CensusHeader:
        problems = _misplaced(element, "")
        path = _path(element)
        council = (element.findtext("Source/LEA") or "").strip()
        ref = element.find("CollectionDetails/ReferenceDate")
        reference: date | None = None
        if ref is not None:
            reference = _read_date(ref, None, problems)
        if not council or reference is None:
            problems.append(Problem(str(self.path), path, "the header has no LEA or ReferenceDate",
                                    "give Header/Source/LEA and Header/CollectionDetails/ReferenceDate",
                                    element.sourceline))
        if problems:
            raise CaseworkError(problems)
        assert reference is not None
        return CensusHeader(council=council, reference_date=reference)

    def _child(self, element: Any, seen: set[str]) -> CensusChild | None:
        id_element = element.find("ChildIdentifiers/LAchildID")
        child_id = (id_element.text or "").strip() if id_element is not None else ""
        where = child_where(child_id)
        problems = _misplaced(element, where)
        if not child_id:
            problems.append(Problem(where, _path(element) + "/ChildIdentifiers/LAchildID",
                                    "the child has no LAchildID", "give every child its LAchildID",
                                    element.sourceline))
        elif child_id in seen:
            problems.append(Problem(where, _path(id_element),
                                    f"LAchildID {child_id} is used by an earlier child too",
                                    "merge the two children's episodes under one Child, or correct the id",
                                    id_element.sourceline))
        seen.add(child_id)
        if self.header is None:
            problems.append(Problem(where, _path(element), "the census header is missing",
                                    "put the Header before Children", element.sourceline))
        try:
            record = _read_child(element, child_id, problems)
        except _BadChild:
            record = None
        if problems:
            self.problems.extend(problems)
            self.skipped.append(child_id or f"line {element.sourceline}")
            return None
        return record


def _read_child(element: Any, child_id: str, problems: list[Problem]) -> CensusChild:
    where = child_where(child_id)
    birth = element.find("ChildIdentifiers/PersonBirthDate")
    disabilities = [(d.text or "").strip().upper()
                    for d in element.iterfind("ChildCharacteristics/Disabilities/Disability")]
    episodes = []
    child_path = _path(element)
    for number, cin in enumerate(element.iterfind("CINdetails"), 1):
        episode = _episode(cin, where, problems, f"{child_path}/CINdetails[{number}]")
        if episode is not None:
            problems.extend(episode_problems(child_id, episode))
            episodes.append(episode)
    if not episodes and not problems:
        problems.append(Problem(where, child_path, "the child has no CINdetails",
                                "give each child at least one CINdetails episode", element.sourceline))
    return CensusChild(
        id=child_id,
        birth_date=_read_date(birth, where, problems, f"{child_path}/ChildIdentifiers/PersonBirthDate")
        if birth is not None else None,
        disabled=any(d and d != "NONE" for d in disabilities),
        episodes=tuple(episodes),
        sex=_text(element, "ChildIdentifiers/Sex"),
        ethnicity=_text(element, "ChildCharacteristics/Ethnicity"),
    )


def _episode(cin: Any, where: str, problems: list[Problem], path: str) -> Episode | None:
    """One CINdetails block; `path` is its element path (built as the child is walked, so the
    paths every date carries cost a string join, not a walk up the tree)."""
    before = len(problems)
    dates: dict[str, date | None] = {}
    at: dict[str, At] = {}
    for key, name in (("referral", "CINreferralDate"), ("closure", "CINclosureDate"),
                      ("icpc", "DateOfInitialCPC")):
        dates[key], at[key] = _date_of(cin, name, where, problems, path)
    if dates["referral"] is None and len(problems) == before:
        problems.append(Problem(where, path + "/CINreferralDate", "the episode has no CINreferralDate",
                                "every CINdetails starts with its referral date", cin.sourceline))
    assessments = [_assessment(a, where, problems, f"{path}/Assessments[{i}]")
                   for i, a in enumerate(cin.iterfind("Assessments"), 1)]
    plans = [_plan(p, where, problems, f"{path}/CINPlanDates[{i}]")
             for i, p in enumerate(cin.iterfind("CINPlanDates"), 1)]
    s47s = [_section47(s, where, problems, f"{path}/Section47[{i}]")
            for i, s in enumerate(cin.iterfind("Section47"), 1)]
    cpps = [_cp_plan(c, where, problems, f"{path}/ChildProtectionPlans[{i}]")
            for i, c in enumerate(cin.iterfind("ChildProtectionPlans"), 1)]
    if len(problems) > before or dates["referral"] is None:
        return None
    return Episode(
        referral=dates["referral"], closure=dates["closure"], icpc=dates["icpc"],
        reason_for_closure=_text(cin, "ReasonForClosure"), referral_source=_text(cin, "ReferralSource"),
        primary_need=_text(cin, "PrimaryNeedCode"),
        assessments=tuple(a for a in assessments if a is not None),
        cin_plans=tuple(p for p in plans if p is not None),
        section47s=tuple(s for s in s47s if s is not None),
        cp_plans=tuple(c for c in cpps if c is not None), at=at,
    )


def _required(block: Any, name: str, where: str, problems: list[Problem], path: str) -> tuple[date | None, At]:
    day, at = _date_of(block, name, where, problems, path)
    if day is None and block.find(name) is None:
        problems.append(Problem(where, f"{path}/{name}", f"<{block.tag}> has no <{name}>",
                                f"give the {name}, or remove the empty <{block.tag}>", block.sourceline))
    return day, at


def _assessment(block: Any, where: str, problems: list[Problem], path: str) -> CensusAssessment | None:
    start, start_at = _required(block, "AssessmentActualStartDate", where, problems, path)
    done, done_at = _date_of(block, "AssessmentAuthorisationDate", where, problems, path)
    if start is None:
        return None
    return CensusAssessment(start, done, at={"start": start_at, "authorised": done_at})


def _plan(block: Any, where: str, problems: list[Problem], path: str) -> CINPlan | None:
    start, start_at = _required(block, "CINPlanStartDate", where, problems, path)
    end, end_at = _date_of(block, "CINPlanEndDate", where, problems, path)
    return CINPlan(start, end, at={"start": start_at, "end": end_at}) if start else None


def _section47(block: Any, where: str, problems: list[Problem], path: str) -> Section47 | None:
    start, start_at = _required(block, "S47ActualStartDate", where, problems, path)
    icpc, icpc_at = _date_of(block, "DateOfInitialCPC", where, problems, path)
    _date_of(block, "InitialCPCtarget", where, problems, path)  # derived by the council; checked, not kept
    flag = block.find("ICPCnotRequired")
    not_required: bool | None = None
    if flag is not None:
        value = (flag.text or "").strip().lower()
        if value not in _TRUE | _FALSE:
            problems.append(Problem(where, f"{path}/ICPCnotRequired", f"ICPCnotRequired is '{value}'",
                                    "write true or false", flag.sourceline))
        not_required = value in _TRUE
    flag_at: At = (f"{path}/ICPCnotRequired", flag.sourceline) if flag is not None else (path, block.sourceline)
    if start is None:
        return None
    return Section47(start, icpc, not_required,
                     at={"start": start_at, "icpc": icpc_at, "icpc_not_required": flag_at})


def _cp_plan(block: Any, where: str, problems: list[Problem], path: str) -> CPPlan | None:
    start, start_at = _required(block, "CPPstartDate", where, problems, path)
    end, end_at = _date_of(block, "CPPendDate", where, problems, path)
    reviews, review_at = [], []
    for r, group in enumerate(block.iterfind("Reviews"), 1):
        for k, review in enumerate(group.iterfind("CPPreviewDate"), 1):
            review_path = f"{path}/Reviews[{r}]/CPPreviewDate[{k}]"
            day = _read_date(review, where, problems, review_path)
            if day is not None:
                reviews.append(day)
                review_at.append((review_path, review.sourceline))
    previous = _text(block, "NumberOfPreviousCPP")
    counted = previous is not None and previous.isascii() and previous.isdigit()  # "²" is a digit to isdigit()
    if previous is not None and not counted:
        element = block.find("NumberOfPreviousCPP")
        problems.append(Problem(where, f"{path}/NumberOfPreviousCPP", f"NumberOfPreviousCPP is '{previous}'",
                                "write the number of earlier plans as a whole number (0 if none)",
                                element.sourceline))
    if start is None:
        return None
    order = sorted(range(len(reviews)), key=lambda i: reviews[i])
    return CPPlan(start, end, tuple(reviews[i] for i in order),
                  category_of_abuse=_text(block, "InitialCategoryOfAbuse"),
                  latest_category_of_abuse=_text(block, "LatestCategoryOfAbuse"),
                  previous_plans=int(previous) if previous is not None and counted else None,
                  at={"start": start_at, "end": end_at}, review_at=tuple(review_at[i] for i in order))


def _date_of(block: Any, name: str, where: str, problems: list[Problem], path: str) -> tuple[date | None, At]:
    element = block.find(name)
    full = f"{path}/{name}"
    if element is None:
        return None, (full, block.sourceline)
    return _read_date(element, where, problems, full), (full, element.sourceline)


def _read_date(element: Any, where: str | None, problems: list[Problem], path: str | None = None) -> date | None:
    raw = (element.text or "").strip()
    if len(raw) == 10 and raw[4] == "-" and raw[7] == "-" and raw.isascii() and raw[:4].isdigit() \
            and raw[5:7].isdigit() and raw[8:].isdigit():
        try:  # the common case, without the regular expression
            return date(int(raw[:4]), int(raw[5:7]), int(raw[8:]))
        except ValueError:
            pass
    m = _DATE.match(raw)
    problem = None
    if not raw:
        problem = f"<{element.tag}> is empty"
    elif not m:
        problem = f"'{raw}' is not a date in the census form YYYY-MM-DD"
    else:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError as exc:
            problem = f"'{raw}' is not a real date ({exc})"
    problems.append(Problem(where or "census header", path or _path(element), problem,
                            "write the date as YYYY-MM-DD, e.g. 2025-04-01", element.sourceline))
    return None


def _text(block: Any, name: str) -> str | None:
    value = block.findtext(name)
    return value.strip() if value is not None and value.strip() else None


def _misplaced(root: Any, where: str) -> list[Problem]:
    """Elements whose parent is not where the census structure puts them."""
    problems: list[Problem] = []
    parent = root.getparent()
    if parent is not None and parent.tag not in OPAQUE and not _inside_opaque(parent) \
            and root.tag not in ALLOWED.get(parent.tag, frozenset()):
        problems.append(_misplaced_problem(root, parent, where))
    stack = [root]
    while stack:  # top down; nothing inside an opaque block is checked
        node = stack.pop()
        if node.tag in OPAQUE:
            continue
        allowed = ALLOWED.get(node.tag, frozenset())
        for element in node:
            if not isinstance(element.tag, str):
                continue
            if element.tag not in allowed:
                problems.append(_misplaced_problem(element, node, where))
            if len(element):
                stack.append(element)
    problems.sort(key=lambda p: p.line or 0)
    return problems


def _misplaced_problem(element: Any, parent: Any, where: str) -> Problem:
    home = HOME.get(element.tag)
    fix = (f"move it inside <{home}>" if home else
           "remove it: it is not an element of the children in need census")
    return Problem(where, _path(element), f"<{element.tag}> does not belong inside <{parent.tag}>",
                   fix, element.sourceline)


def _inside_opaque(element: Any) -> bool:
    return any(a.tag in OPAQUE for a in element.iterancestors())


def _path(element: Any) -> str:
    """Message/Children/Child[3]/CINdetails[1]/Assessments[2]/AssessmentAuthorisationDate."""
    parts = []
    node = element
    while node is not None:
        parent = node.getparent()
        name = node.tag
        if parent is not None and node.tag in _REPEATED:
            name = f"{node.tag}[{_position(node)}]"
        parts.append(name)
        node = parent
    return "/".join(reversed(parts))


def _position(node: Any) -> int:
    """1-based position among same-named siblings, counting children already released."""
    if node.tag == "Child":  # earlier children are freed as the file is read: count kept on the element
        return int(node.get("_position", "0")) + 1
    return 1 + sum(1 for s in node.itersiblings(preceding=True) if s.tag == node.tag)


_REPEATED = frozenset({"Child", "CINdetails", "Assessments", "CINPlanDates", "Section47",
                       "ChildProtectionPlans", "Reviews", "CPPreviewDate", "Disability"})


def _release(element: Any) -> None:
    """Free a read child and everything before it in <Children>."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _strays(child: Any) -> list[Problem]:
    """Elements between children that are not children (checked before they are freed)."""
    return [_stray(s) for s in child.itersiblings(preceding=True) if s.tag != "Child"]


def _stray(element: Any) -> Problem:
    home = HOME.get(element.tag)
    parent = element.getparent()
    return Problem("census file", _path(element),
                   f"<{element.tag}> does not belong inside <{parent.tag if parent is not None else ''}>",
                   f"move it inside <{home}>" if home else "remove it", element.sourceline)


def _top_level(root: Any) -> list[Problem]:
    """The file's outer shape: a Message holding a Header and Children, nothing else."""
    if root is None:
        return []
    if root.tag != "Message":
        return [Problem("census file", root.tag, f"the file's root is <{root.tag}>, not <Message>",
                        "is this a children in need census file?", root.sourceline)]
    problems = [_stray(e) for e in root if isinstance(e.tag, str) and e.tag not in ALLOWED["Message"]]
    for children in root.iterfind("Children"):
        problems += [_stray(e) for e in children if isinstance(e.tag, str) and e.tag != "Child"]
    return problems
