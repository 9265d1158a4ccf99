"""The project's exceptions.  The CLI maps each to an exit code; the library only raises."""

from __future__ import annotations

from dataclasses import dataclass


class AdvisorError(Exception):
    """Base class.  ``exit_code`` is the contract's exit code for this kind of failure."""

    exit_code = 2


class UsageError(AdvisorError):
    """A bad flag value, profile or option combination (exit 2)."""

    exit_code = 2


class NotFoundError(AdvisorError):
    """A model name that resolved to nothing (exit 1)."""

    exit_code = 1

    def __init__(self, query: str, suggestions: list[str]):
        self.query = query
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"no model matches {query!r}{hint} (see 'llm-advisor list')")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a catalogue: where it is and what to change."""

    file: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class CatalogError(AdvisorError):
    """A catalogue that cannot be loaded: every problem found, not just the first (exit 3)."""

    exit_code = 3

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.field or ""))
        first = str(self.problems[0]) if self.problems else "invalid catalogue"
        more = f" (and {len(self.problems) - 1} more; run 'llm-advisor catalog validate')" if len(self.problems) > 1 else ""
        super().__init__(first + more)
