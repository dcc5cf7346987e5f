"""Parsing Ombudsman decisions: statements per second on one core, on a synthesised corpus.

Builds a corpus by varying the five seed statements — reference, decision date,
complainant's pseudonym, every amount, and the order of the numbered paragraphs inside
each section — then parses it in this process and prints decisions per second (target:
at least 200 a second). Two baselines are timed in the same run on the same corpus:

- splitting each statement into lines and paragraphs (the least any parser must do), and
- parsing the unvaried seeds the same number of times (varied text should cost the same).

Every parsed statement is checked against what was put into it (reference, date,
complainant, the number of payments); a mismatch fails the run before any speed is shown.

Then adversarial text: hypothesis builds statements from fragments chosen to stress each
scan of the parser (amounts, deadlines, names, Acts, list markers, lines and sentences
without end), each at two sizes eight times apart. It reports the worst time per kilobyte
against the seed statements' time per kilobyte measured here, and the worst growth (time
per kilobyte at the larger size over the smaller: about 1 when every scan is linear, about
8 for a quadratic one). Budget: at most 60 times the seeds' time per kilobyte, and a growth
of at most 2.5.

Times are this process's CPU time (single-threaded, so one core), which stays meaningful
on a machine busy with other work.

    .venv/bin/python benchmarks/decisions_parse.py [--documents 5000] [--seed 7] [--adversarial 40]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casework.domain.decisions import parse_decision_text

TARGET_PER_SECOND = 200.0
MOST_PER_KB_TIMES_SEEDS = 60.0
MOST_GROWTH = 2.5
ADVERSARIAL_SIZES = (6_000, 48_000)  # characters: the larger eight times the smaller
ADVERSARIAL_HEAD = "Wirral Metropolitan Borough Council (19 020 817)\n\nDecision : Upheld\n\nSummary: "
# Each fragment aims at one scan: sums and their wording, deadlines and periods, people and
# pronouns, the law's titles, list markers and headings, fault words, and plain filler.
FRAGMENTS = (
    "The Council will pay, ", "£1 ", "£1, ", "£1,000 ", "£", "pay her £1 ", "a total of £2 ", "£3 per month ",
    "£200 per child ", "offered Mrs X ", "do not find ", "fault. ", "was fault ", "no fault ",
    "likely we would find ", "within 5 working days ", "within three months ", "complete the above ",
    "stage two ", "Mrs X complains ", "Mr and Mrs X ", "her ", "to Y ", "on behalf of ", "whom I call ",
    "section 1, and ", "s 1 and 2 of the ABC ", "Act 1989 ", "Regulations ", "guidance, 'A", "(", "  1. ",
    "• ", "Finding: x. ", "Category : a > ", "agreed to ", "It will ", "is satisfactory remedy ",
    "An apology, ", "review of ", "share with ", "Ofsted ", "provide evidence ", "which it calculated as ",
    "and ", ", ", "    ", "a",
)
SEEDS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "decisions"
REFERENCE = re.compile(r"\b\d{2} \d{3} \d{3}\b")
DECISION_DATE = re.compile(r"^(Decision date : )(.+)$", re.MULTILINE)
AMOUNT = re.compile(r"£(\d{1,3}(?:,\d{3})+|\d+)(\.\d{2})?")
PSEUDONYMS = ("Mrs X", "Ms B", "Miss K", "Mrs Y", "Ms E", "Miss X")
NUMBERED = re.compile(r"^  \d+\. ")


@dataclass(frozen=True)
class Synthetic:
    text: str
    reference: str
    decided: date
    complainant: str
    payments: int


def _vary_amounts(text: str, rng: random.Random) -> str:
    # One factor for the whole statement: mentions of one payment stay one payment, and
    # different payments stay different.
    factor = Decimal(rng.choice((50, 75, 125, 150, 200))) / 100

    def scaled(match: re.Match[str]) -> str:
        value = (Decimal(match.group(1).replace(",", "")) * factor).quantize(Decimal("1"))
        pence = match.group(2) or ""
        return f"£{value:,}{pence}"

    return AMOUNT.sub(scaled, text)


def _shuffle_paragraphs(text: str, rng: random.Random) -> str:
    """Shuffle runs of top-level numbered paragraphs (with their bullets) inside a section."""
    out: list[str] = []
    run: list[list[str]] = []
    for line in text.split("\n"):
        if NUMBERED.match(line):
            run.append([line])
        elif run and (line.startswith("    ") or not line.strip()):
            run[-1].append(line)
        else:
            rng.shuffle(run)
            out += [item for paragraph in run for item in paragraph]
            run = []
            out.append(line)
    rng.shuffle(run)
    out += [item for paragraph in run for item in paragraph]
    return "\n".join(out)


def synthesise(seeds: Sequence[str], n: int, rng: random.Random) -> list[Synthetic]:
    parsed_seeds = [parse_decision_text(s) for s in seeds]
    corpus = []
    for i in range(n):
        k = i % len(seeds)
        seed, parsed = seeds[k], parsed_seeds[k]
        reference = f"{rng.randint(10, 26):02d} {rng.randint(0, 999):03d} {rng.randint(0, 999):03d}"
        decided = date(2019, 1, 1) + timedelta(days=rng.randint(0, 7 * 365))
        complainant = rng.choice(PSEUDONYMS)
        text = REFERENCE.sub(reference, seed, count=1)
        text = DECISION_DATE.sub(lambda m, d=decided: m.group(1) + d.strftime("%d %b %Y"), text, count=1)
        if parsed.complainant:
            # Any space between title and letter: statements also write "Mrs\u00a0X".
            title, letter = parsed.complainant.rsplit(" ", 1)
            text = re.sub(rf"\b{re.escape(title)}\s{letter}\b", complainant, text)
        text = _vary_amounts(text, rng)
        if rng.random() < 0.5:
            text = _shuffle_paragraphs(text, rng)
        corpus.append(Synthetic(text, reference, decided, complainant, len(parsed.payments)))
    return corpus


def timed(work: Callable[[], object]) -> float:
    """CPU seconds this process spent on `work`: one core's time, whatever else the machine runs."""
    start = time.process_time()
    work()
    return time.process_time() - start


def check(corpus: Sequence[Synthetic]) -> list[str]:
    wrong = []
    for i, doc in enumerate(corpus):
        d = parse_decision_text(doc.text)
        got = (d.reference, d.decided, d.complainant, len(d.payments))
        want = (doc.reference, doc.decided, doc.complainant, doc.payments)
        if got != want:
            wrong.append(f"document {i}: parsed {got}, put in {want}")
    return wrong


@dataclass
class Worst:
    per_kb: float = 0.0  # CPU seconds per 1,000 characters
    growth: float = 0.0
    per_kb_case: str = ""
    growth_case: str = ""


def adversarial(examples: int) -> Worst:
    """The worst time per kilobyte and growth over `examples` hypothesis-built texts."""
    worst = Worst()

    @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=3), st.sampled_from(("", "\n", ". ")))
    def probe(fragments: list[str], separator: str) -> None:
        unit = separator.join(fragments) + (separator or " ")
        small, large = (ADVERSARIAL_HEAD + unit * (size // len(unit)) for size in ADVERSARIAL_SIZES)
        per_kb = [timed(lambda t=text: parse_decision_text(t)) / len(text) * 1000 for text in (small, large)]
        case = repr(unit)
        if max(per_kb) > worst.per_kb:
            worst.per_kb, worst.per_kb_case = max(per_kb), case
        growth = per_kb[1] / max(per_kb[0], 1e-6)
        if growth > worst.growth and per_kb[1] > 1e-4:  # growth of sub-0.1 ms/kB times is noise
            worst.growth, worst.growth_case = growth, case

    probe()
    return worst


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--adversarial", type=int, default=40, help="hypothesis examples of adversarial text")
    args = parser.parse_args(argv)

    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    corpus = synthesise(seeds, args.documents, random.Random(args.seed))
    wrong = check(corpus[:500])
    if wrong:
        print("parser disagrees with the synthesised corpus:", *wrong[:10], sep="\n  ", file=sys.stderr)
        return 1
    texts = [doc.text for doc in corpus]
    plain = [seeds[i % len(seeds)] for i in range(len(texts))]

    split = timed(lambda: [(t.splitlines(), t.split("\n\n")) for t in texts])
    parse = timed(lambda: [parse_decision_text(t) for t in texts])
    parse_plain = timed(lambda: [parse_decision_text(t) for t in plain])

    per_second = len(texts) / parse
    size = sum(map(len, texts)) / len(texts)
    print(f"corpus: {len(texts)} statements varied from {len(seeds)} seeds, {size / 1000:.1f} kB each on average")
    print(f"parse, one core:        {parse:7.3f} s  → {per_second:8.0f} decisions/s (target ≥ {TARGET_PER_SECOND:.0f})")
    print(f"baseline, split lines:  {split:7.3f} s  → parsing costs {parse / split:6.1f}× splitting")
    print(f"baseline, plain seeds:  {parse_plain:7.3f} s  → varied/plain ratio {parse / parse_plain:5.2f}")
    seeds_per_kb = parse_plain / sum(map(len, plain)) * 1000
    worst = adversarial(args.adversarial)
    ratio = worst.per_kb / seeds_per_kb
    print(f"adversarial text, {args.adversarial} examples at {ADVERSARIAL_SIZES[0] // 1000} and "
          f"{ADVERSARIAL_SIZES[1] // 1000} kB:")
    print(f"  worst time per kB:  {worst.per_kb * 1000:7.2f} ms  → {ratio:5.1f}× the seed statements' "
          f"{seeds_per_kb * 1000:.2f} ms (budget ≤ {MOST_PER_KB_TIMES_SEEDS:.0f}×)  {worst.per_kb_case}")
    print(f"  worst growth:       {worst.growth:7.2f}  (time per kB at 8× the size; budget ≤ {MOST_GROWTH})  "
          f"{worst.growth_case}")
    print("times are CPU seconds of this one process")
    failed = False
    if per_second < TARGET_PER_SECOND:
        print(f"BELOW TARGET: {per_second:.0f} decisions/s < {TARGET_PER_SECOND:.0f}", file=sys.stderr)
        failed = True
    if ratio > MOST_PER_KB_TIMES_SEEDS or worst.growth > MOST_GROWTH:
        print("OVER BUDGET on adversarial text", file=sys.stderr)
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
