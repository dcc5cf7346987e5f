"""The actions a council agreed (or was asked) to take, wherever the statement gives them.

Investigated statements list them under "Agreed action" (or "Action", "Recommendations"),
each with its deadline. Early resolutions give them in "My assessment": "We therefore asked
the Council to consider remedying the injustice caused by: providing Ms X with an apology;
issuing its stage 2 response; and paying Ms X £150", with the deadline in a later sentence
("will complete the above within four weeks"). Many statements, and every one cut short
before its actions, state them in the summary: "It has agreed to apologise to Mr X, pay him
£300 … and review its procedures"; "An apology, payment to Mrs B and procedural changes are
satisfactory remedy".

So actions are read from the first of these places that gives any: the action section's
items; lists in the assessment, findings and decision; the summary. A list is cut into
actions where an item starts with a verb of remedy ("pay", "apologising", "review"); other
pieces (", including reimbursing …", " and Y") stay with the item before them.

>>> [a.text for a in agreed_actions_in(["It has agreed to apologise to Mr X, pay him £300 and review its procedures."])]
['apologise to Mr X', 'pay him £300', 'review its procedures']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from casework.domain.decisions.text import sentences

_BASE_VERBS = (
    "apologise", "apologize", "pay", "make", "review", "remind", "provide", "confirm", "offer", "write",
    "carry", "consider", "share", "hold", "backdate", "refund", "reimburse", "complete", "issue", "arrange",
    "put", "take", "train", "send", "reassess", "undertake", "act", "improve", "audit", "investigate",
    "update", "explain", "ensure", "amend", "reconsider", "produce", "contact", "meet", "give", "identify",
    "create", "develop", "introduce", "circulate", "remove", "correct", "redact", "assess", "appoint",
    "convene", "check", "publish",
)


def _forms(verb: str) -> set[str]:
    stem = verb[:-1] if verb.endswith("e") and verb not in ("see",) else verb
    doubled = verb + verb[-1] if verb in ("put", "set") else stem
    return {verb, verb + "s", stem + "ing", doubled + "ing"}


VERB_FORMS = frozenset(form for verb in _BASE_VERBS for form in _forms(verb))
DEADLINE = re.compile(
    r"\bwithin\s+(?:\d{1,3}|[a-z-]+)\s+(?:working\s+days?|calendar\s+days?|days?|weeks?|months?)"
    r"(?:\s+of\s+(?:the\s+date\s+of\s+)?(?:our|my|the|this)\s+(?:final\s+)?decision)?"
    r"|\bby\s+\d{1,2}\s+[A-Z][a-z]{2,8}\s+\d{4}",
    re.IGNORECASE,
)
# Who is to act, and how: "the Council has agreed to", "It will", "We recommend the Council",
# "we therefore asked the Council to". "the Council" is written with a capital for the
# council complained about; "the council should" is the law speaking of councils in general.
TRIGGER = re.compile(
    r"\b(?:(?:[Tt]he (?:Council|Authority)|[Ii]t)\s+(?:has\s+|have\s+|had\s+)?"
    r"(?:now\s+|also\s+|already\s+|therefore\s+)*"
    r"(?:agreed(?:\s+to)?|will|should|been asked to|accepted (?:our|the) recommendations?\s+to)"
    r"|(?:[Ww]e|I)\s+(?:have\s+)?(?:therefore\s+)?(?:recommend(?:ed)?|asked)(?:\s+that)?(?:\s+to)?"
    r"(?:\s+the Council)?(?:\s+to)?"
    r")\s+",
)
_LEAD_IN = re.compile(
    r"^(?:(?:to|now|also|further|then)\s+)+"
    r"|^(?:consider\s+)?(?:resolve|resolving|remedy|remedying)\b[^:;]*?\bby\b\s*:?\s*"
    r"|^actions?\b[^,;:]*?\bincluding\s+",
    re.IGNORECASE,
)
_NOT_AN_ACTION = re.compile(r"^(?:have|not|be|had|consider this guidance)\b", re.IGNORECASE)
_GENERIC = re.compile(
    r"^(?:provid\w*|offer\w*|giv\w*)?\s*(?:an?\s+)?(?:suitable|proportionate|appropriate|satisfactory|several|"
    r"some|further)\s+remed|^(?:this|that|it|these)$",
    re.IGNORECASE,
)
_LEADING_DEADLINE = re.compile(rf"(?:{DEADLINE.pattern})\s*[:,]?\s*", re.IGNORECASE)
_PIECES = re.compile(r"(\s*;\s*(?:and\s*;?\s*)?|\s*,\s*(?:and\s+|or\s+)?|\s+and\s+)")
_NOMINAL = re.compile(
    r"^(?P<list>.+?)\s+(?:is|are)\s+(?:an?\s+)?(?:satisfactory|suitable|appropriate|sufficient|proportionate)\s+remed",
)
_PAYMENT_NOUN = re.compile(r"^(?:an?\s+)?(?:\w+\s+){0,2}(?:payment|apology|remedy|sum)\b", re.IGNORECASE)
# A list of remedies has a handful of items; a sentence with more triggers or items than
# this is not one (and reading each against the whole sentence would grow with its square).
MOST_PER_SENTENCE = 40
CARRIER = re.compile(r"\b(?:complete|carry out|do)\s+(?:the above|these|this|the actions|the following|them)\b",
                     re.IGNORECASE)


@dataclass(frozen=True)
class Found:
    """An action as read: its text, its own deadline phrase (if any), and the text before it
    in its sentence (whom a pronoun in it refers to)."""

    text: str
    deadline: str | None
    context: str


def starts_with_verb(text: str) -> bool:
    words = text.split(maxsplit=2)
    if not words:
        return False
    first = words[0].lower().strip(",;:")
    return first in VERB_FORMS or (first == "back" and len(words) > 1 and words[1].lower().startswith("pay"))


def _clean(text: str) -> str:
    return re.sub(r"(?:\s*[;,])?\s*(?:\band\b|\bor\b)?\s*[;,]?\s*$", "", text).strip()


def _split(tail: str, nominal: bool) -> list[str]:
    """Cut a list of remedies into items: a new item wherever a piece starts with a verb (or,
    for a nominal list, at every separator); other pieces rejoin the item before them."""
    pieces = _PIECES.split(tail)
    items: list[list[str]] = []  # each item's pieces, joined at the end (not re-copied per piece)
    for i in range(0, len(pieces), 2):
        piece = _LEAD_IN.sub("", pieces[i].strip())
        if not items or nominal or starts_with_verb(piece):
            items.append([piece])
        else:
            items[-1] += [pieces[i - 1], pieces[i]]
    joined = (_clean("".join(item)) for item in items)
    return [item for item in joined if item]


def _usable(item: str, first: bool, recommended: bool) -> bool:
    if _NOT_AN_ACTION.match(item) or _GENERIC.search(item):
        return False
    return starts_with_verb(item) or (first and recommended and bool(_PAYMENT_NOUN.match(item)))


def in_sentence(sentence: str) -> list[Found]:
    """The actions one sentence lists after each 'the Council has agreed to' (and kin)."""
    triggers = list(TRIGGER.finditer(sentence))[:MOST_PER_SENTENCE]
    found: list[Found] = []
    for n, trigger in enumerate(triggers):
        end = triggers[n + 1].start() if n + 1 < len(triggers) else len(sentence)
        tail = _LEAD_IN.sub("", sentence[trigger.end() : end].strip().rstrip("."))
        before = sentence[: trigger.start()]
        shared = DEADLINE.search(before)
        leading = _LEADING_DEADLINE.match(tail)  # "should within one month: apologise …; pay …"
        if leading:
            shared, tail = leading, tail[leading.end() :]
        recommended = "recommend" in trigger.group(0).lower()
        for i, item in enumerate(_split(tail, nominal=False)[:MOST_PER_SENTENCE]):
            item = _LEAD_IN.sub("", item)
            if not _usable(item, i == 0, recommended):
                continue
            own = DEADLINE.search(item)
            deadline = own.group(0) if own else shared.group(0).rstrip(" :,") if shared else None
            found.append(Found(item, deadline, sentence[: sentence.find(item)] if item in sentence else before))
    nominal = _NOMINAL.match(sentence)
    if not found and nominal:
        for item in _split(nominal.group("list"), nominal=True)[:MOST_PER_SENTENCE]:
            if not _GENERIC.search(item):
                found.append(Found(item, None, sentence[: sentence.find(item)]))
    return found


def agreed_actions_in(texts: Iterable[str]) -> list[Found]:
    """Actions listed in sentences of these texts (summary or assessment paragraphs)."""
    return [found for text in texts for sentence in sentences(text) for found in in_sentence(sentence)]


def listed_after_intro(blocks: Sequence[tuple[str, bool]]) -> list[Found]:
    """Items (text, is-a-list-item) following an intro that ends in ':' and asks for action."""
    found: list[Found] = []
    intro: str | None = None
    for text, item in blocks:
        if item and intro is not None:
            body = _clean(text)
            if starts_with_verb(body) and not _NOT_AN_ACTION.match(body):
                own = DEADLINE.search(body)
                found.append(Found(body, own.group(0) if own else None, ""))
            continue
        intro = text if text.rstrip().endswith(":") and TRIGGER.search(text) else None
    return found


def carried_deadline(texts: Iterable[str]) -> str | None:
    """A deadline given for actions listed elsewhere: 'will complete the above within four weeks'."""
    for text in texts:
        for sentence in sentences(text):
            if CARRIER.search(sentence):
                deadline = DEADLINE.search(sentence)
                if deadline:
                    return deadline.group(0)
    return None
