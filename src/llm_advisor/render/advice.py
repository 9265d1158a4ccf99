"""Drawing `recommend` advice: the verdict, both tables, exclusions and rule traces, or a
markdown report or one CSV table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.whatif import answer_words
from ..units import fmt_usd
from .output import Output

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..results import Advice, Binding, Flip, Recommendation

VERDICT_STYLE = {"open": "bold green", "closed": "bold blue", "hybrid": "bold magenta", "none": "bold red"}


WIDTHS = {"model": 24, "runs on": 24, "licence": 18}
"""The widest each text column may be, so that an option fits one 100-column line."""


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def runs_on(r: Recommendation) -> str:
    """'fireworks-ai API', 'aws-bedrock in account', '2x h100-sxm rented'."""
    d = r.deployment
    if d.mode == "per-token":
        return f"{d.host} {'in account' if d.kind == 'private-cloud' else 'API'}"
    return f"{d.gpus}x {d.gpu} {'rented' if d.mode == 'rented-gpus' else 'owned'}"


def quality_cell(r: Recommendation) -> str:
    return "—" if r.quality is None or r.quality.score is None else f"{r.quality.score:.0f}"


def common_notes(recs: list[Recommendation]) -> tuple[list[str], list[str]]:
    """Reasons and caveats every listed option shares (said once, not on each)."""
    if len(recs) < 2:
        return [], []
    reasons = [x for x in recs[0].reasons if all(x in r.reasons for r in recs[1:])]
    caveats = [x for x in recs[0].caveats if all(x in r.caveats for r in recs[1:])]
    return reasons, caveats


def _option_rows(side: list[Recommendation]) -> list[list[str]]:
    return [
        [
            str(i),
            _fit(r.model, WIDTHS["model"]),
            f"{r.score:.0f}",
            quality_cell(r),
            fmt_usd(r.monthly_cost_usd),
            _fit(runs_on(r), WIDTHS["runs on"]),
            _fit(r.license.id, WIDTHS["licence"]),
        ]
        for i, r in enumerate(side, 1)
    ]


HEADERS = ["#", "model", "score", "quality", "$/month", "runs on", "licence"]


def flip_line(f: Flip) -> str:
    """'with 400M tokens a month: closed, first pick qwen3.7-plus'."""
    then = "no option is left" if f.top is None else f"{f.verdict}, first pick {f.top}"
    return f"with {answer_words(f.requirement, f.value)}: {then}"


def binding_line(b: Binding) -> str:
    """'with time to market months' (and a second relaxation where one alone is not enough)."""
    relax = [answer_words(b.constraint, b.relax_to)]
    if b.also is not None:
        relax.append(answer_words(b.also.constraint, b.also.relax_to))
    return "with " + " and ".join(relax)


def _plan_lines(advice: Advice) -> list[str]:
    plan = advice.plan
    if plan is None:
        return []
    return [f"{i}. {step}" for i, step in enumerate(plan.steps, 1)]


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
    if advice.plan is not None:
        out.heading(f"Plan ({advice.plan.kind})")
        for line in _plan_lines(advice):
            out.line(f"  {line}")
        out.line()
    listed = [*advice.open, *advice.closed]
    shared_reasons, shared_caveats = common_notes(listed)
    for title, side in (("Open-weight options", advice.open), ("Closed / API options", advice.closed)):
        if not side:
            out.heading(f"{title}: none meet your constraints")
            out.line()
            continue
        out.table(title, HEADERS, _option_rows(side), widths=WIDTHS)
        for i, r in enumerate(side, 1):
            out.line(f"  {i}. {r.name} ({r.model})")
            for reason in r.reasons:
                if reason not in shared_reasons:
                    out.line(f"     + {reason}")
            for caveat in r.caveats:
                if caveat not in shared_caveats:
                    out.line(f"     ! {caveat}")
        out.line()
    if shared_reasons or shared_caveats:
        out.bullets("Every option listed", [f"+ {x}" for x in shared_reasons] + [f"! {x}" for x in shared_caveats])
    if advice.binding is not None:
        out.bullets("What would bring options back", [binding_line(advice.binding)])
    out.bullets("What would change this", [flip_line(f) for f in advice.flips])
    if explain:
        if advice.excluded:
            out.table(
                "Excluded models", ["model", "why not"], [[e.model, "; ".join(e.reasons)] for e in advice.excluded]
            )
        for r in listed:
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
        [[k, (", ".join(v) or "none") if isinstance(v, list) else str(v)] for k, v in req.items()],
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
            ["#", "model", "score", "quality", "$/month", "runs on", "licence"],
            [
                [
                    str(i),
                    f"{r.name} (`{r.model}`)",
                    f"{r.score:.0f}",
                    quality_cell(r),
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
    if advice.plan is not None:
        out.line(f"### Plan ({advice.plan.kind})")
        out.line()
        out.line(advice.plan.summary)
        out.line()
        for line in _plan_lines(advice):
            out.line(line)
        out.line()
    if advice.binding is not None:
        out.bullets("What would bring options back", [binding_line(advice.binding)])
    out.bullets("What would change this", [flip_line(f) for f in advice.flips])
    if advice.excluded:
        out.table("Excluded models", ["model", "why not"], [[e.model, "; ".join(e.reasons)] for e in advice.excluded])
    out.bullets("Assumptions", assumptions)
    listed = [*advice.open, *advice.closed]
    sources = []
    for r in listed:
        m = cat.models[r.model]
        sources.append(f"`{m.id}` (facts as of {m.as_of}): " + "; ".join(m.sources))
    out.bullets("Sources", sources)
