"""The decisions corpus: add, fetch and search, one interface over SQLite and PostgreSQL.

Search text is written as on a web search box, and reads the same on both databases:

    delay "stage two"               every word or phrase must appear (words match stems)
    distress OR "time and trouble"  OR makes the terms either side alternatives
    safeguarding -respite           leave out decisions mentioning a word after '-'

OR binds its neighbours only: `cin OR "child in need" review` needs "review" and either
name. A term written one of the ways statements write the same thing finds the others too:
"stage 2" and "stage two" (stages 1 to 3), "s47", "s.47" and "section 47" (any section),
"CIN" and "child in need" — typed as a phrase or as bare words.

We read the text once (`parse_query`) and build each database's own query from it: an
FTS5 MATCH expression for SQLite (each term quoted, so no user text is read as FTS5 syntax;
English stop words dropped as PostgreSQL drops them), and tsquery functions over phrases for
PostgreSQL (not `websearch_to_tsquery`, whose OR binds more loosely than AND). Results come
best match first (BM25 on SQLite, cover density on PostgreSQL), then newest; with no search
text, newest first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import reduce
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, func, literal_column, select, text
from sqlalchemy.orm import Session, selectinload

from casework.adapters.store.decision_codec import decision_from_json, decision_to_json
from casework.adapters.store.decision_schema import DecisionPaymentRow, DecisionRow
from casework.adapters.store.repositories import count_rows
from casework.domain.decisions import Decision
from casework.service.ports import DecisionFilters

__all__ = ["DecisionFilters", "DecisionRepository", "apply_filters", "fts5_query", "parse_query"]

# PostgreSQL's English stop words that commonly appear in searches; FTS5 has none.
STOPWORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "he", "in", "is",
    "it", "its", "of", "on", "or", "that", "the", "this", "to", "was", "were", "will", "with",
    "not", "no", "but", "her", "his", "she", "they", "them", "their", "there",
})
_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+")
_STAGE_NUMBERS = {"1": "one", "2": "two", "3": "three"}
_SECTION = re.compile(r"s(\d{1,3}[a-z]?)")


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]
    negated: bool = False


@dataclass
class ParsedQuery:
    """Groups of alternatives (every group must match) and the terms to leave out."""

    groups: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)


def synonyms(words: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The ways statements write what `words` names, `words` first.

    >>> synonyms(("stage", "two")), synonyms(("cin",))
    ((('stage', 'two'), ('stage', '2')), (('cin',), ('child', 'in', 'need')))
    >>> synonyms(("s", "47"))
    (('s', '47'), ('s47',), ('section', '47'))
    """
    ways: list[tuple[str, ...]] = [words]
    numbers = {**_STAGE_NUMBERS, **{v: k for k, v in _STAGE_NUMBERS.items()}}
    if len(words) == 2 and words[0] == "stage" and words[1] in numbers:
        ways.append(("stage", numbers[words[1]]))
    section = _SECTION.fullmatch(words[0]) if len(words) == 1 else None
    number = section.group(1) if section else (
        words[1] if len(words) == 2 and words[0] in ("s", "section") and words[1][:1].isdigit() else None)
    if number:
        ways += [("s", number), (f"s{number}",), ("section", number)]
    if words in (("cin",), ("child", "in", "need")):
        ways += [("cin",), ("child", "in", "need")]
    return tuple(dict.fromkeys(ways))


Token = tuple[bool, str | None, str | None]  # (negated, "phrase" or None, bare word or None)


def _joined(tokens: list[Token]) -> list[Token]:
    """Bare words that name one thing together read as one phrase: stage 2, section 47,
    child in need (so each can find its other spellings)."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        negated, _, bare = tokens[i]
        following = [t[2].lower() if t[2] and not t[0] else None for t in tokens[i + 1 : i + 3]]
        word = (bare or "").lower().lstrip("-")
        if word in ("stage", "section", "s", "s.") and following[:1] and following[0] and (
                following[0] in _STAGE_NUMBERS or following[0] in _STAGE_NUMBERS.values()
                or following[0][:1].isdigit()):
            out.append((negated, f"{word} {following[0]}", None))
            i += 2
            continue
        if word == "child" and following == ["in", "need"]:
            out.append((negated, "child in need", None))
            i += 3
            continue
        out.append(tokens[i])
        i += 1
    return out


def parse_query(query: str) -> ParsedQuery:
    """Read web-search syntax: words, "phrases", OR between terms, -term to exclude; each
    term stands for itself or any of its other spellings (`synonyms`)."""
    parsed = ParsedQuery()
    join_next = False
    tokens: list[Token] = []
    for match in _TOKEN.finditer(query):
        negated, phrase, bare = match.group(1) == "-", match.group(2), match.group(3)
        if bare is not None and bare.startswith("-") and len(bare) > 1 and bare.upper() != "OR":
            negated, bare = True, bare[1:]
        tokens.append((negated, phrase, bare))
    for negated, phrase, bare in _joined(tokens):
        if bare is not None and bare.upper() == "OR":
            join_next = bool(parsed.groups)
            continue
        words = tuple(w.lower() for w in _WORD.findall(phrase if phrase is not None else bare or ""))
        if len(words) == 1 and words[0] in STOPWORDS:
            words = ()
        if not words:
            continue
        terms = [Term(way, negated) for way in synonyms(words)]
        if negated:
            parsed.excluded.extend(terms)
        elif join_next:
            parsed.groups[-1].extend(t for t in terms if t not in parsed.groups[-1])
        else:
            parsed.groups.append(terms)
        join_next = False
    return parsed


def _fts5_term(term: Term) -> str:
    return '"' + " ".join(term.words) + '"'


def fts5_query(groups: Sequence[Sequence[Term]]) -> str:
    """An FTS5 MATCH expression: groups ANDed, alternatives ORed, every term quoted.

    >>> fts5_query(parse_query('delay "stage 2" OR panel').groups)
    '"delay" AND ("stage 2" OR "stage two" OR "panel")'
    """
    parts = []
    for group in groups:
        alternatives = " OR ".join(_fts5_term(t) for t in group)
        parts.append(f"({alternatives})" if len(group) > 1 else alternatives)
    return " AND ".join(parts)


def apply_filters(filters: DecisionFilters, query: Select[Any]) -> Select[Any]:
    """`query` narrowed to the decisions `filters` allows."""
    if filters.organisation:
        pattern = "%" + re.sub(r"([\\%_])", r"\\\1", filters.organisation) + "%"
        query = query.where(DecisionRow.organisation.ilike(pattern, escape="\\"))
    if filters.outcome:
        query = query.where(func.lower(DecisionRow.outcome) == filters.outcome.lower())
    if filters.subcategory:
        query = query.where(func.lower(DecisionRow.subcategory) == filters.subcategory.lower())
    if filters.year is not None:
        query = query.where(DecisionRow.year == filters.year)
    if filters.purpose:
        query = query.where(exists().where(DecisionPaymentRow.decision_id == DecisionRow.id,
                                           DecisionPaymentRow.purpose == filters.purpose))
    if filters.fault_found is not None:
        query = query.where(DecisionRow.fault_found.is_(filters.fault_found))
    return query


class DecisionRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    @property
    def _dialect(self) -> str:
        return self.session.get_bind().dialect.name

    def exists(self, reference: str) -> bool:
        return self.session.scalar(select(func.count()).select_from(DecisionRow).where(
            DecisionRow.reference == reference)) != 0

    def add(self, decision: Decision, body: str, source: str = "") -> DecisionRow:
        if decision.reference is None:
            raise ValueError("a decision is stored under its reference; this one has none")
        row = DecisionRow(
            reference=decision.reference, organisation=decision.organisation,
            category=decision.category, subcategory=decision.subcategory,
            outcome=decision.outcome, decided=decision.decided, year=decision.year,
            complainant=decision.complainant, fault_found=decision.findings.fault_found,
            shared_with_ofsted=decision.shared_with_ofsted, summary=decision.summary or "",
            body=body, data=decision_to_json(decision), source=source,
            ingested_at=datetime.now(UTC),
            payments=[DecisionPaymentRow(position=i, purpose=p.purpose, amount=p.amount,
                                         payee=p.payee, per_child=p.per_child,
                                         children=p.children, section=p.section)
                      for i, p in enumerate(decision.payments)],
        )
        self.session.add(row)
        self.session.flush()
        return row

    def get(self, reference: str) -> DecisionRow | None:
        return self.session.scalar(select(DecisionRow).where(DecisionRow.reference == reference)
                                   .options(selectinload(DecisionRow.payments)))

    def all_decisions(self, filters: DecisionFilters | None = None) -> list[Decision]:
        """Every stored decision as parsed (for remedy benchmarks), oldest reference first."""
        query = apply_filters(filters or DecisionFilters(), select(DecisionRow.data))
        return [decision_from_json(data) for data in self.session.scalars(query.order_by(DecisionRow.reference))]

    def search(self, query: str = "", filters: DecisionFilters | None = None, offset: int = 0,
               limit: int | None = None) -> tuple[Sequence[DecisionRow], int]:
        """Decisions matching the search text and filters, best first; and how many match."""
        parsed = parse_query(query)
        statement = apply_filters(filters or DecisionFilters(), select(DecisionRow))
        order: list[Any] = []
        if parsed.groups or parsed.excluded:
            statement, order = (self._sqlite if self._dialect == "sqlite" else self._postgres)(
                statement, parsed)
        total = count_rows(self.session, statement)
        rows = self.session.scalars(
            statement.order_by(*order, DecisionRow.decided.desc(), DecisionRow.reference)
            .offset(offset).limit(limit).options(selectinload(DecisionRow.payments))).all()
        return rows, total

    @staticmethod
    def _sqlite(statement: Select[Any], parsed: ParsedQuery) -> tuple[Select[Any], list[Any]]:
        def matching(name: str, expression: str) -> Any:
            return text(f"decisions_fts MATCH :{name}").bindparams(**{name: expression})

        order: list[Any] = []
        if parsed.groups:
            rank: ColumnElement[Any] = literal_column("bm25(decisions_fts, 10.0, 10.0, 4.0, 1.0)")
            hits = (select(literal_column("rowid").label("id"), rank.label("rank"))
                    .select_from(text("decisions_fts"))
                    .where(matching("match", fts5_query(parsed.groups))).subquery("hits"))
            statement = statement.join(hits, hits.c.id == DecisionRow.id)
            order = [hits.c.rank]
        for i, term in enumerate(parsed.excluded):
            statement = statement.where(DecisionRow.id.not_in(
                select(literal_column("rowid")).select_from(text("decisions_fts"))
                .where(matching(f"excluded_{i}", _fts5_term(term)))))
        return statement, order

    @staticmethod
    def _postgres(statement: Select[Any], parsed: ParsedQuery) -> tuple[Select[Any], list[Any]]:
        vector: ColumnElement[Any] = literal_column("decisions.search_vector")
        english: ColumnElement[Any] = literal_column("'english'::regconfig")

        def term(t: Term) -> Any:
            # PostgreSQL reads "s.47" as one word and drops a lone "s" as a stop word.
            section = len(t.words) == 2 and t.words[0] == "s"
            return func.phraseto_tsquery(english, f"s.{t.words[1]}" if section else " ".join(t.words))

        groups = [reduce(func.tsquery_or, (term(t) for t in g)) for g in parsed.groups]
        excluded = [func.tsquery_not(term(t)) for t in parsed.excluded]
        tsquery = reduce(func.tsquery_and, groups + excluded)
        matched: ColumnElement[bool] = vector.op("@@")(tsquery)
        order = [func.ts_rank_cd(vector, tsquery).desc()] if parsed.groups else []
        return statement.where(matched), order

    def facets(self) -> dict[str, list[Any]]:
        """The values each filter can take in the stored corpus (for the search form)."""
        def distinct(column: Any) -> list[Any]:
            return [v for v in self.session.scalars(
                select(column).where(column.is_not(None)).distinct().order_by(column)).all()]
        return {"organisation": distinct(DecisionRow.organisation),
                "outcome": distinct(DecisionRow.outcome),
                "subcategory": distinct(DecisionRow.subcategory),
                "year": distinct(DecisionRow.year),
                "purpose": distinct(DecisionPaymentRow.purpose)}
