"""Drawing `recommend` advice: the verdict, both tables, exclusions and rule traces, or a
markdown report or one CSV table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..units import fmt_usd
from .output import Output

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..results import Advice

VERDICT_STYLE = {"open": "bold green", "closed": "bold blue", "hybrid": "bold magenta", "none": "bold red"}


def _short(items: list[str], n: int) -> str:
    return "; ".join(items[:n]) if items else "—"


def render_advice(out: Output, advice: Advice, cat: Catalog, assumptions: list[str], *, explain: bool) -> None:
    if out.mode == "csv":
        _advice_csv(out, advice, cat)
        return
    if out.mode == "markdown":
        _advice_markdown(out, advice, cat, assumptions)
        return
    verdict = advice.verdict.upper()
    out.heading(f"Verdict: {verdict}", VERDICT_STYLE[advice.verdict] if out.mode == "rich" else "bold")
    out.line(advice.summary)
    out.line()
    headers = ["#", "model", "score", "$/month", "runs on", "licence", "why", "caveats"]
    for title, side in (("Open-weight options", advice.open), ("Closed / API options", advice.closed)):
        if not side:
            out.heading(f"{title}: none meet your constraints")
            out.line()
            continue
        rows = [
            [
                str(i),
                f"{r.name} ({r.model})",
                f"{r.score:.0f}",
                fmt_usd(r.monthly_cost_usd),
                r.deployment.describe(),
                r.license.name if len(r.license.name) < 40 else r.license.id,
                _short(r.reasons, 2),
                _short(r.caveats, 2),
            ]
            for i, r in enumerate(side, 1)
        ]
        out.table(title, headers, rows)
    if explain:
        if advice.excluded:
            out.table(
                "Excluded models", ["model", "why not"], [[e.model, "; ".join(e.reasons)] for e in advice.excluded]
            )
        for r in [*advice.open, *advice.closed]:
            out.table(
                f"Rule trace: {r.model} ({r.score:.0f})",
                ["rule", "weight", "value", "points", "reason"],
                [[t.rule, f"{t.weight:g}", f"{t.value:.2f}", f"{t.points:.1f}", t.reason] for t in r.trace],
            )
    elif advice.excluded:
        out.line(f"{len(advice.excluded)} models excluded by hard constraints (--explain says why).")
        out.line()
    out.bullets("Assumptions", assumptions)


def _advice_csv(out: Output, advice: Advice, cat: Catalog) -> None:
    """One table a spreadsheet can take: every listed option, open then closed."""
    rows = []
    for side, recs in (("open", advice.open), ("closed", advice.closed)):
        for i, r in enumerate(recs, 1):
            rows.append(
                [
                    side,
                    str(i),
                    r.model,
                    r.name,
                    cat.lab_name(r.lab),
                    f"{r.score:.1f}",
                    "" if r.monthly_cost_usd is None else f"{r.monthly_cost_usd:.2f}",
                    r.deployment.kind,
                    r.deployment.host,
                    r.deployment.gpu or "",
                    "" if r.deployment.gpus is None else str(r.deployment.gpus),
                    r.license.id,
                    str(r.context),
                    "; ".join(r.reasons),
                    "; ".join(r.caveats),
                    advice.verdict,
                ]
            )
    out.table(
        None,
        [
            "side",
            "rank",
            "model",
            "name",
            "lab",
            "score",
            "monthly_cost_usd",
            "kind",
            "host",
            "gpu",
            "gpus",
            "license",
            "context",
            "reasons",
            "caveats",
            "verdict",
        ],
        rows,
    )


def _advice_markdown(out: Output, advice: Advice, cat: Catalog, assumptions: list[str]) -> None:
    """A report for a design document: requirements, verdict, both tables, reasons, exclusions, sources."""
    out.line("# LLM recommendation")
    out.line()
    out.line(f"**Verdict: {advice.verdict}.** {advice.summary}")
    out.line()
    from ..base import json_data

    req = json_data(advice.requirements)
    out.table(
        "Requirements",
        ["requirement", "answer"],
        [[k, ", ".join(v) if isinstance(v, list) else str(v)] for k, v in req.items()],
    )
    for title, side in (("Open-weight options", advice.open), ("Closed / API options", advice.closed)):
        if not side:
            out.line(f"### {title}")
            out.line()
            out.line("None meet the constraints.")
            out.line()
            continue
        out.table(
            title,
            ["#", "model", "score", "$/month", "runs on", "licence"],
            [
                [
                    str(i),
                    f"{r.name} (`{r.model}`)",
                    f"{r.score:.0f}",
                    fmt_usd(r.monthly_cost_usd),
                    r.deployment.describe(),
                    r.license.name,
                ]
                for i, r in enumerate(side, 1)
            ],
        )
        for r in side:
            out.line(f"**{r.name}**")
            out.line()
            for reason in r.reasons:
                out.line(f"- why: {reason}")
            for caveat in r.caveats:
                out.line(f"- caveat: {caveat}")
            out.line()
    if advice.excluded:
        out.table("Excluded models", ["model", "why not"], [[e.model, "; ".join(e.reasons)] for e in advice.excluded])
    out.bullets("Assumptions", assumptions)
    listed = [*advice.open, *advice.closed]
    sources = []
    for r in listed:
        m = cat.models[r.model]
        sources.append(f"`{m.id}` (facts as of {m.as_of}): " + "; ".join(m.sources))
    out.bullets("Sources", sources)
