"""The project's exceptions.  The library raises them with the facts (which field, which value,
which names) and plain words; only the CLI (``cli/errors.py``) words them for a command line
and maps each to an exit code."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class AdvisorError(Exception):
    """Base class.  ``exit_code`` is the contract's exit code for this kind of failure."""

    exit_code = 2


class UsageError(AdvisorError):
    """A request that cannot be carried out as given: contradictory options, an unreadable or
    invalid profile, a file that cannot be written (exit 2)."""

    exit_code = 2


class InvalidAnswer(UsageError, ValueError):
    """A requirement or cost assumption that is not allowed: ``field`` (its name, e.g.
    ``budget``), the ``value`` given and the ``reason`` ("must be ... (got ...)")."""

    def __init__(self, field: str, value: Any, reason: str):
        self.field, self.value, self.reason = field, value, reason
        super().__init__(f"{field} {reason}")


class MissingAnswers(UsageError):
    """Requirements that have no default were not given (``fields``: their names)."""

    def __init__(self, fields: list[str]):
        self.fields = fields
        super().__init__(f"missing {' and '.join(fields)}: these answers have no default")


class NotFoundError(AdvisorError):
    """A model name that resolved to nothing (exit 1), with the closest names."""

    exit_code = 1

    def __init__(self, query: str, suggestions: list[str]):
        self.query = query
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"no model matches {query!r}{hint}")


class PricesUnavailable(AdvisorError):
    """The optional price source (genai-prices) is not installed (exit 2)."""

    exit_code = 2

    def __init__(self) -> None:
        super().__init__("the price audit needs genai-prices, which is not installed")


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
        super().__init__(_first_of(self.problems, "invalid catalogue", ""))


class PolicyError(UsageError):
    """A policy file that cannot be used: every problem found, with file, line and key (exit 2)."""

    exit_code = 2

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.field or ""))
        where = self.problems[0].file if self.problems else ""
        hint = f": 'llm-advisor catalog validate {where}' lists them"
        super().__init__(_first_of(self.problems, "invalid policy", hint))


def _first_of(problems: list[Problem], empty: str, hint: str) -> str:
    """The first problem, and how many more there are (``hint`` says where to see them)."""
    first = str(problems[0]) if problems else empty
    return first + (f" (and {len(problems) - 1} more{hint})" if len(problems) > 1 else "")
