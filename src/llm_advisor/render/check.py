"""Drawing `check`: one line per violation (model, rule, the fact and its source), then a
summary; a table for markdown and CSV."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .output import Output

if TYPE_CHECKING:
    from ..results import PolicyCheck, Violation


def where(v: Violation) -> str:
    return v.model if v.host is None else f"{v.model}@{v.host}"


def render_check(out: Output, result: PolicyCheck, policy: str) -> None:
    if out.mode in ("markdown", "csv"):
        out.table(
            f"Policy {policy}: violations",
            ["model", "host", "rule", "fact", "source"],
            [[v.model, v.host or "", v.rule, v.fact, v.source] for v in result.violations],
        )
        if out.mode == "markdown":
            out.line(_summary(result, policy))
        return
    for v in result.violations:
        out.line(f"{where(v)}: {v.rule}: {v.fact} [source: {v.source}]")
    for c in result.checked:
        if not c.violations:
            via = f" (allowed on {', '.join(c.allowed)})" if c.host is None and c.allowed else ""
            out.line(f"ok: {c.query}{via}")
    out.line(_summary(result, policy))


def _summary(result: PolicyCheck, policy: str) -> str:
    n = len(result.checked)
    bad = sum(1 for c in result.checked if c.violations)
    what = f"{n} model{'s' if n != 1 else ''} checked against {policy}"
    if not result.violations:
        return f"{what}: no violations"
    v = len(result.violations)
    return f"{what}: {v} violation{'s' if v != 1 else ''} in {bad} of them"
