"""Read a DfE children in need census XML file, streaming, into chronologies.

`CensusReader(path).cases()` yields one `Case` per `CINdetails` episode while lxml's
`iterparse` walks the file, clearing each `Child` once read, so a file of 100,000
children never sits in memory whole. Every problem — malformed XML, a malformed or
impossible date, an element in the wrong place, stray text, a date out of order or outside
the census year, a code outside the DfE code lists, a duplicate `LAchildID` — is a
`Problem` naming the child's `LAchildID`, the element path and the line.

What is audited is what a problem does not touch. A problem in one episode (a date it
cannot hold, work after its closure…) holds that episode back: the child's other
episodes are audited. A problem that touches no clock (a code outside the code list,
stray text) is reported and everything is audited. Only a child that cannot be told apart
(no or a repeated `LAchildID`, elements misplaced outside its episodes) is skipped whole,
and a file whose header gives no LEA or ReferenceDate is not read at all. The counts are
kept (`children_read`, `skipped`, `episodes_read`, `episodes_held`) so every caller can
say what was and was not audited.

With `strict=True` the whole file is checked first and refused (`CaseworkError` listing
every problem) before a single case is yielded.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from lxml import etree

from casework.adapters.census.quick import quick_child, quick_raw
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
    header_problems,
    value_problems,
)
from casework.domain.census.records import IDENTIFIERS, RawEpisode
from casework.domain.chronology import Case
from casework.domain.errors import CaseworkError, Problem

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_TRUE, _FALSE = {"true", "1"}, {"false", "0"}
_EPISODE = re.compile(r"/CINdetails\[(\d+)\]")


def _discard(*_: object) -> None:
    """A `regular` that keeps nothing (strict mode's checking pass)."""


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
        self.episodes_read = 0
        self.episodes_held = 0

    @property
    def episodes_audited(self) -> int:
        """Episodes read and not held back by a problem (skipped children's not counted)."""
        return self.episodes_read - self.episodes_held

    def cases(self) -> Iterator[Case]:
        """Every episode that can be audited, as a `Case`, in file order."""
        for child in self.children():
            assert self.header is not None
            for number, episode in enumerate(child.episodes, 1):
                if not episode.held:
                    yield episode_to_case(child, number, episode, self.header, where=str(self.path))

    def children(self, located: bool = True,
                 regular: Callable[[str, list[RawEpisode], CensusHeader], None] | None = None) -> Iterator[CensusChild]:
        """Every child with an episode that can be audited, as census records (the column-wise
        audit reads these); an episode a problem holds back is kept, marked `held`.

        `located=False` leaves out where each value was read (element path and line), which
        lets a regular child be read by the quick path (`quick.quick_child`); any other child
        is still read the careful way, so problems are reported the same either way.

        With `regular` (and `located=False`), each regular child is not yielded but handed to
        `regular` as its id, its raw episodes (`RawEpisode`, as `quick.quick_raw` reads them)
        and the header — the column-wise audit's way to skip building records it does not
        keep (`TableBuilder.add_regular_child`). Only the other children are yielded.
        """
        if self.strict:
            for _ in self._walk(located, None if regular is None else _discard):
                pass
            if self.problems:
                raise CaseworkError(self.problems)
            self.problems, self.skipped = [], []
        yield from self._walk(located, regular)

    def _walk(self, located: bool = True,
              regular: Callable[[str, list[RawEpisode], CensusHeader], None] | None = None) -> Iterator[CensusChild]:
        seen: set[str] = set()
        current: str | None = None
        self.children_read = self.episodes_read = self.episodes_held = 0
        # The safe options are set here, not left to lxml's defaults: no entity expansion, no
        # network, no DTD loading, and lxml's limits on depth and text size kept (huge_tree off).
        context = etree.iterparse(str(self.path), events=("start", "end"),
                                  tag=("Header", "Child", "LAchildID"), remove_blank_text=True,
                                  resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
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
                    if self.header is None:
                        return  # without the council and the year nothing can be audited
                elif element.tag == "Child":
                    if regular is not None and not located and self.header is not None:
                        raw = quick_raw(element, seen, self.header)
                        if raw is not None:
                            self.episodes_read += len(raw[1])
                            self.children_read += 1
                            self.problems.extend(_strays(element))
                            _release(element)
                            regular(raw[0], raw[1], self.header)
                            continue
                    child = None if located or self.header is None else quick_child(element, seen, self.header)
                    if child is None:
                        element.set("_position", str(self.children_read))
                        child = self._child(element, seen)
                    else:
                        self.episodes_read += len(child.episodes)
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

    def _header(self, element: Any) -> CensusHeader | None:
        """The header, or None (its problems recorded) when it gives no council or year."""
        misplaced, strays = _misplaced(element, "census header")
        problems = misplaced + strays
        path = _path(element)
        council = (element.findtext("Source/LEA") or "").strip()
        ref = element.find("CollectionDetails/ReferenceDate")
        year = element.find("CollectionDetails/Year")
        reference: date | None = None
        if ref is not None:
            reference = _read_date(ref, None, problems, f"{path}/CollectionDetails/ReferenceDate")
        if not council or reference is None:
            missing = " and ".join(n for n, bad in (("LEA", not council), ("ReferenceDate", reference is None))
                                   if bad)
            problems.append(Problem(str(self.path), path, f"the header has no usable {missing}, so no "
                                    "child in this file was read",
                                    "give Header/Source/LEA and Header/CollectionDetails/ReferenceDate "
                                    "(YYYY-MM-DD)", element.sourceline))
            self.problems.extend(problems)
            return None
        header = CensusHeader(council=council, reference_date=reference,
                              collection_year=(year.text or "").strip() if year is not None else None)

        def at(name: str) -> At:
            found = element.find(f"CollectionDetails/{name}")
            return (f"{path}/CollectionDetails/{name}", found.sourceline if found is not None else None)

        self.problems.extend(problems + header_problems(header, at))
        return header

    def _child(self, element: Any, seen: set[str]) -> CensusChild | None:
        """A child read the careful way: every problem reported, held episodes marked."""
        id_element = element.find("ChildIdentifiers/LAchildID")
        child_id = (id_element.text or "").strip() if id_element is not None else ""
        where = child_where(child_id)
        misplaced, strays = _misplaced(element, where)
        whole: list[Problem] = []  # problems that stop the whole child being audited
        by_episode: dict[int, list[Problem]] = {}
        for problem in misplaced:
            found = _EPISODE.search(problem.field)
            if found:
                by_episode.setdefault(int(found[1]), []).append(problem)
            else:
                whole.append(problem)
        if not child_id:
            whole.append(Problem(where, _path(element) + "/ChildIdentifiers/LAchildID",
                                 "the child has no LAchildID", "give every child its LAchildID",
                                 element.sourceline))
        elif child_id in seen:
            whole.append(Problem(where, _path(id_element),
                                 f"LAchildID {child_id} is used by an earlier child too",
                                 "merge the two children's episodes under one Child, or correct the id",
                                 id_element.sourceline))
        seen.add(child_id)
        if self.header is None:
            whole.append(Problem(where, _path(element), "the census header is missing",
                                 "put the Header before Children", element.sourceline))
        reported: list[Problem] = list(strays)
        record = _read_child(element, child_id, self.header, reported, by_episode)
        self.episodes_read += len(element.findall("CINdetails"))
        problems = sorted(whole + reported + [p for ps in by_episode.values() for p in ps],
                          key=lambda p: p.line or 0)
        self.problems.extend(problems)
        audited = [e for e in record.episodes if not e.held] if not whole else []
        self.episodes_held += len(element.findall("CINdetails")) - len(audited)
        if not audited:
            self.skipped.append(child_id or f"line {element.sourceline}")
            return None
        return record


def _read_child(element: Any, child_id: str, header: CensusHeader | None, reported: list[Problem],
                by_episode: dict[int, list[Problem]]) -> CensusChild:
    """The child's records; problems that touch no clock go to `reported`, an episode's own
    to `by_episode` (an episode with any is marked held)."""
    where = child_where(child_id)
    child_path = _path(element)
    at: dict[str, At] = {}
    birth = element.find("ChildIdentifiers/PersonBirthDate")
    birth_path = f"{child_path}/ChildIdentifiers/PersonBirthDate"
    if birth is not None:
        at["birth"] = (birth_path, birth.sourceline)
    disabilities = []
    for i, d in enumerate(element.iterfind("ChildCharacteristics/Disabilities/Disability")):
        disabilities.append((d.text or "").strip().upper())
        at[f"disability{i}"] = (f"{child_path}/ChildCharacteristics/Disabilities/Disability[{i + 1}]",
                                d.sourceline)
    for key, name in (("sex", "ChildIdentifiers/Sex"), ("ethnicity", "ChildCharacteristics/Ethnicity")):
        found = element.find(name)
        if found is not None:
            at[key] = (f"{child_path}/{name}", found.sourceline)
    identifiers = {name: text for name in IDENTIFIERS
                   if (text := _text(element, f"ChildIdentifiers/{name}")) is not None}
    episodes = []
    cins = element.findall("CINdetails")
    for number, cin in enumerate(cins, 1):
        own = by_episode.setdefault(number, [])
        episode = _episode(cin, where, own, f"{child_path}/CINdetails[{number}]")
        if episode is None:
            continue
        own.extend(episode_problems(child_id, episode, header))
        episodes.append(replace(episode, held=bool(own)))
    if not cins:
        reported.append(Problem(where, child_path, "the child has no CINdetails",
                                "give each child at least one CINdetails episode", element.sourceline))
    child = CensusChild(
        id=child_id,
        birth_date=_read_date(birth, where, reported, birth_path) if birth is not None else None,
        disabled=any(d and d != "NONE" for d in disabilities),
        episodes=tuple(episodes),
        sex=_text(element, "ChildIdentifiers/Sex"),
        ethnicity=_text(element, "ChildCharacteristics/Ethnicity"),
        identifiers=identifiers, disabilities=tuple(disabilities), at=at,
    )
    reported.extend(value_problems(child, header))
    return child


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
    for key, name in (("primary_need", "PrimaryNeedCode"), ("reason_for_closure", "ReasonForClosure")):
        found = cin.find(name)
        if found is not None:
            at[key] = (f"{path}/{name}", found.sourceline)
    nfa = _flag(cin, "ReferralNFA", where, problems, path, at, "referral_nfa")
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
    block = cin.find("PreProceedingsandFGDM")
    return Episode(
        referral=dates["referral"], closure=dates["closure"], icpc=dates["icpc"],
        reason_for_closure=_text(cin, "ReasonForClosure"), referral_source=_text(cin, "ReferralSource"),
        primary_need=_text(cin, "PrimaryNeedCode"),
        assessments=tuple(a for a in assessments if a is not None),
        cin_plans=tuple(p for p in plans if p is not None),
        section47s=tuple(s for s in s47s if s is not None),
        cp_plans=tuple(c for c in cpps if c is not None), referral_nfa=nfa,
        pre_proceedings=_leaves(block) if block is not None else None, at=at,
    )


def _flag(block: Any, name: str, where: str, problems: list[Problem], path: str,
          at: dict[str, At] | None = None, key: str = "") -> bool | None:
    """A census true/false (true, false, 1 or 0), None when absent; anything else a problem."""
    flag = block.find(name)
    if flag is None:
        return None
    if at is not None:
        at[key] = (f"{path}/{name}", flag.sourceline)
    value = (flag.text or "").strip().lower()
    if value not in _TRUE | _FALSE:
        problems.append(Problem(where, f"{path}/{name}", f"{name} is '{value}'", "write true or false",
                                flag.sourceline))
        return None
    return value in _TRUE


def _leaves(block: Any) -> tuple[tuple[str, str], ...]:
    """A block casework keeps but does not read: its elements' names and texts, in order."""
    return tuple((e.tag, (e.text or "").strip()) for e in block.iter() if e is not block
                 and isinstance(e.tag, str) and not len(e))


def _required(block: Any, name: str, where: str, problems: list[Problem], path: str) -> tuple[date | None, At]:
    day, at = _date_of(block, name, where, problems, path)
    if day is None and block.find(name) is None:
        problems.append(Problem(where, f"{path}/{name}", f"<{block.tag}> has no <{name}>",
                                f"give the {name}, or remove the empty <{block.tag}>", block.sourceline))
    return day, at


def _assessment(block: Any, where: str, problems: list[Problem], path: str) -> CensusAssessment | None:
    start, start_at = _required(block, "AssessmentActualStartDate", where, problems, path)
    done, done_at = _date_of(block, "AssessmentAuthorisationDate", where, problems, path)
    review, _ = _date_of(block, "AssessmentInternalReviewDate", where, problems, path)
    factors = tuple((f.text or "").strip() for f in block.iterfind("FactorsIdentifiedAtAssessment/AssessmentFactors"))
    if start is None:
        return None
    return CensusAssessment(start, done, review, factors, at={"start": start_at, "authorised": done_at})


def _plan(block: Any, where: str, problems: list[Problem], path: str) -> CINPlan | None:
    start, start_at = _required(block, "CINPlanStartDate", where, problems, path)
    end, end_at = _date_of(block, "CINPlanEndDate", where, problems, path)
    return CINPlan(start, end, at={"start": start_at, "end": end_at}) if start else None


def _section47(block: Any, where: str, problems: list[Problem], path: str) -> Section47 | None:
    start, start_at = _required(block, "S47ActualStartDate", where, problems, path)
    icpc, icpc_at = _date_of(block, "DateOfInitialCPC", where, problems, path)
    target, _ = _date_of(block, "InitialCPCtarget", where, problems, path)  # the council's; kept, not audited
    at: dict[str, At] = {"start": start_at, "icpc": icpc_at, "icpc_not_required": (path, block.sourceline)}
    not_required = _flag(block, "ICPCnotRequired", where, problems, path, at, "icpc_not_required")
    if start is None:
        return None
    return Section47(start, icpc, not_required, target, at=at)


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
    at = {"start": start_at, "end": end_at}
    for key, name in (("category_of_abuse", "InitialCategoryOfAbuse"),
                      ("latest_category_of_abuse", "LatestCategoryOfAbuse")):
        found = block.find(name)
        if found is not None:
            at[key] = (f"{path}/{name}", found.sourceline)
    return CPPlan(start, end, tuple(reviews[i] for i in order),
                  category_of_abuse=_text(block, "InitialCategoryOfAbuse"),
                  latest_category_of_abuse=_text(block, "LatestCategoryOfAbuse"),
                  previous_plans=int(previous) if previous is not None and counted else None,
                  at=at, review_at=tuple(review_at[i] for i in order))


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


def _misplaced(root: Any, where: str) -> tuple[list[Problem], list[Problem]]:
    """Elements whose parent is not where the census structure puts them, and stray text
    (text outside any leaf element, such as a tag name typed after a closing tag)."""
    problems: list[Problem] = []
    strays: list[Problem] = []
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
        if len(node) and node.text and node.text.strip():
            strays.append(_stray_text(node.text, node, where, node.sourceline))
        for element in node:
            if not isinstance(element.tag, str):
                continue
            if element.tag not in allowed:
                problems.append(_misplaced_problem(element, node, where))
            if element.tail and element.tail.strip():
                strays.append(_stray_text(element.tail, node, where, element.sourceline))
            if len(element):
                stack.append(element)
    problems.sort(key=lambda p: p.line or 0)
    return problems, strays


def _stray_text(text: str, parent: Any, where: str, line: int | None) -> Problem:
    shown = " ".join(text.split())
    return Problem(where, _path(parent), f"stray text '{shown[:40]}' inside <{parent.tag}>, outside any element",
                   "remove it: text belongs inside an element, e.g. <PersonBirthDate>2015-03-27</PersonBirthDate>",
                   line)


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
    """Elements and text between children that are not children (checked before they are freed)."""
    found = [_stray(s) for s in child.itersiblings(preceding=True) if s.tag != "Child"]
    if child.tail and child.tail.strip():
        found.append(_stray_text(child.tail, child.getparent(), "census file", child.sourceline))
    return found


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
    if root.tag.startswith("{"):
        namespace, _, name = root.tag[1:].partition("}")
        return [Problem("census file", name, f"the file's elements are in the XML namespace '{namespace}', "
                        "so none was read", f"remove xmlns=\"{namespace}\" from <{name}>: the children in "
                        "need census uses no namespace", root.sourceline)]
    if root.tag != "Message":
        return [Problem("census file", root.tag, f"the file's root is <{root.tag}>, not <Message>",
                        "is this a children in need census file?", root.sourceline)]
    problems = [_stray(e) for e in root if isinstance(e.tag, str) and e.tag not in ALLOWED["Message"]]
    for children in root.iterfind("Children"):
        problems += [_stray(e) for e in children if isinstance(e.tag, str) and e.tag != "Child"]
    return problems
