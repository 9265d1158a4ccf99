"""`llm-advisor check --policy FILE MODEL[@HOST] ...`: models against a team's policy, for CI."""

from __future__ import annotations

import sys
from pathlib import Path

from ...errors import UsageError
from ..context import AppContext

LIST_LIMIT = 1_000_000
"""The most a --from-file list may hold, in bytes."""


def read_targets(path: str) -> list[str]:
    """``MODEL`` or ``MODEL@HOST`` a line from ``path`` (``-``: standard input); blank lines and
    ``#`` comments (whole lines or after an entry) are skipped."""
    from ...atomic import Unreadable, read_text

    label = f"--from-file {path}"
    if path == "-":
        try:
            text = sys.stdin.read(LIST_LIMIT + 1) if sys.stdin is not None else ""
        except (OSError, ValueError):
            text = ""
        if len(text) > LIST_LIMIT:
            raise UsageError(f"{label}: more than {LIST_LIMIT:,} characters; one model a line")
    else:
        try:
            text = read_text(Path(path), LIST_LIMIT, "give a text file, one model a line")
        except Unreadable as exc:
            raise UsageError(f"{label}: {exc.reason}") from None
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        entry = line.split("#", 1)[0].strip()
        if not entry:
            continue
        if any(c.isspace() for c in entry):
            raise UsageError(f"{label}:{n}: {entry!r}: one model (or model@host) a line")
        out.append(entry)
    return out


def run(
    app: AppContext,
    *,
    models: list[str] | None,
    policy: str,
    from_file: str | None,
    sensitivity: str | None,
    json_: bool,
    plain: bool,
    fmt: str | None,
) -> int:
    from ...base import json_data
    from ...core.policy import UnknownTarget, check, resolve_target
    from ...errors import InvalidAnswer
    from ...requirements import parse_value
    from ..files import load_policy

    out = app.use_output(json_, plain, fmt)
    level = None
    if sensitivity is not None:
        try:
            level = parse_value("sensitivity", sensitivity)
        except InvalidAnswer as exc:
            raise UsageError(f"--sensitivity {exc.reason}") from None
    queries = list(models or []) + (read_targets(from_file) if from_file is not None else [])
    if not queries:
        raise UsageError("name the models to check: MODEL[@HOST] ... or --from-file FILE (one a line)")
    cat = app.dated()
    rules = load_policy(Path(policy), cat, cache_dir=app.cache_dir, overlays=app.overlays)
    targets = []
    for q in queries:
        try:
            m, host = resolve_target(cat, q)
        except UnknownTarget as exc:
            raise UsageError(str(exc)) from None
        targets.append((q, m, host))
    if not rules.rules():
        out.note(f"{policy} has no rules: every model passes")
    result = check(rules, cat, targets, app.today, sensitivity=level)
    if out.mode == "json":
        out.json({"policy": policy, **json_data(result)})
        return 1 if result.violations else 0
    from ...render.check import render_check

    render_check(out, result, policy)
    return 1 if result.violations else 0
