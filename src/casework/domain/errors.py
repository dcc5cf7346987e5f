"""One error type for bad input, wherever it comes from.

A council officer who gets an error needs to know *where* (file and line, or API field),
*what* is wrong and *what to do*. Validation collects every problem it finds, so one run
reports them all, and raises them together; nothing is written when any problem exists.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input.

    `where` names the source (a file path, "request body", a census child id), `line` the
    1-based line when known, `field` the dotted path of the offending value.
    """

    where: str
    field: str
    problem: str
    fix: str
    line: int | None = None

    def __str__(self) -> str:
        place = self.where if self.line is None else f"{self.where}:{self.line}"
        field = f" [{self.field}]" if self.field else ""
        return f"{place}{field}: {self.problem} — {self.fix}"

    def as_dict(self) -> dict[str, str | int | None]:
        return {
            "where": self.where,
            "line": self.line,
            "field": self.field,
            "problem": self.problem,
            "fix": self.fix,
        }


class CaseworkError(Exception):
    """Bad input: one or more `Problem`s, reported together."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems: list[Problem] = [problems] if isinstance(problems, Problem) else problems
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def single(
        cls, where: str, field: str, problem: str, fix: str, line: int | None = None
    ) -> CaseworkError:
        return cls(Problem(where=where, field=field, problem=problem, fix=fix, line=line))
