"""Reading a policy file (``policy.toml``): TOML, then the ``Policy`` type (pydantic, strictly:
unknown keys refused), each problem with its file, line and key.  The checks against the
catalogue (ids it lacks, rules that contradict each other) are the core's ``policy_problems``;
``line_of`` places them in the file too."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from ..atomic import Unreadable, read_text
from ..errors import Problem
from ..policy import Policy

POLICY_LIMIT = 1_000_000
"""The most a policy file may hold, in bytes."""


def line_of(text: str, loc: Sequence[str | int], value: object = None) -> int | None:
    """The line of ``loc`` (keys and list positions) in a policy's TOML text: the key's line,
    or the line of the list item ``value`` when the list spans several lines."""
    from .load import _line_of

    found = _line_of(text, [p for p in loc if isinstance(p, str)])
    if found is None or not isinstance(value, str):
        return found
    lines = text.splitlines()
    item = re.compile(r"""["']""" + re.escape(value) + r"""["']""")
    for n in range(found - 1, len(lines)):
        if item.search(lines[n]):
            return n + 1
        if n > found - 1 and "]" in lines[n].split("#", 1)[0]:
            break
    return found


def read_policy_text(path: Path, label: str | None = None) -> str | Problem:
    """The text of a policy file, or the problem that kept it from being read."""
    try:
        return read_text(path, POLICY_LIMIT, "a policy is a short TOML file")
    except Unreadable as exc:
        return Problem(label or str(path), None, None, exc.reason)


def parse_policy(text: str, rel: str) -> tuple[Policy | None, list[Problem]]:
    """The policy in ``text`` (a file's) and every problem of the file itself (None when it
    cannot be parsed or validated).  ``rel`` names the file in problems."""
    import tomllib

    from .load import _toml_line, _validation_problems
    from .validation import ValidationError, validate_record

    problems: list[Problem] = []
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        return None, [Problem(rel, _toml_line(exc), None, f"TOML syntax error: {message}")]
    except RecursionError:
        return None, [Problem(rel, None, None, "arrays or tables nested too deeply; a policy is a short TOML file")]
    try:
        policy = validate_record(Policy, data)
    except ValidationError as exc:
        for p in _validation_problems(exc, rel, text):
            # A list item is named by its key (its line and value say which item).
            field = ".".join(part for part in (p.field or "").split(".") if not part.isdigit()) or None
            message = _unknown_key(field or "") if p.message.startswith("unknown key") else p.message
            problems.append(Problem(p.file, p.line, field, message))
        problems.sort(key=lambda p: (p.line or 0, p.field or ""))
        return None, problems
    return policy, problems


def _unknown_key(field: str) -> str:
    import difflib

    from ..policy import POLICY_KEYS

    key = field.split(".")[0]
    if "." in field:
        return "unknown key: allow_hosts_by_sensitivity takes public, internal, confidential and regulated"
    close = difflib.get_close_matches(key, POLICY_KEYS, n=1)
    return "unknown key" + (f"; did you mean {close[0]!r}?" if close else f"; known keys: {', '.join(POLICY_KEYS)}")
