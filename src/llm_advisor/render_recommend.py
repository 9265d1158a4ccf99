"""Drawing `recommend` advice and `cost` reports (Rich on a terminal, plain text otherwise)."""

from __future__ import annotations

import math
from typing import Any

from .render import Output
from .units import fmt_count, fmt_usd

VERDICT_STYLE = {"open": "bold green", "closed": "bold blue", "hybrid": "bold magenta", "none": "bold red"}


def _short(items: list[str], n: int) -> str:
    return "; ".join(items[:n]) if items else "—"


def render_advice(out: Output, advice, cat, assumptions: list[str], *, explain: bool) -> None:
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
                r.deployment.describe(cat.hosts),
                r.license["name"] if len(r.license["name"]) < 40 else r.license["id"],
                _short(r.reasons, 2),
                _short(r.caveats, 2),
            ]
            for i, r in enumerate(side, 1)
        ]
        out.table(title, headers, rows)
    if explain:
        if advice.excluded:
            out.table("Excluded models", ["model", "why not"], [[e.model, "; ".join(e.reasons)] for e in advice.excluded])
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


def _advice_csv(out: Output, advice, cat) -> None:
    """One table a spreadsheet can take: every listed option, open then closed."""
    rows = []
    for side, recs in (("open", advice.open), ("closed", advice.closed)):
        for i, r in enumerate(recs, 1):
            rows.append([
                side, str(i), r.model, r.name, cat.lab_name(r.lab), f"{r.score:.1f}",
                "" if r.monthly_cost_usd is None else f"{r.monthly_cost_usd:.2f}",
                r.deployment.kind, r.deployment.host, r.deployment.gpu or "", "" if r.deployment.gpus is None else str(r.deployment.gpus),
                r.license["id"], str(r.context), "; ".join(r.reasons), "; ".join(r.caveats), advice.verdict,
            ])
    out.table(None, ["side", "rank", "model", "name", "lab", "score", "monthly_cost_usd", "kind", "host", "gpu", "gpus", "license", "context", "reasons", "caveats", "verdict"], rows)


def _advice_markdown(out: Output, advice, cat, assumptions: list[str]) -> None:
    """A report for a design document: requirements, verdict, both tables, reasons, exclusions, sources."""
    out.line("# LLM recommendation")
    out.line()
    out.line(f"**Verdict: {advice.verdict}.** {advice.summary}")
    out.line()
    req = advice.requirements.model_dump(mode="json")
    out.table("Requirements", ["requirement", "answer"], [[k, ", ".join(v) if isinstance(v, list) else str(v)] for k, v in req.items()])
    for title, side in (("Open-weight options", advice.open), ("Closed / API options", advice.closed)):
        if not side:
            out.line(f"### {title}")
            out.line()
            out.line("None meet the constraints.")
            out.line()
            continue
        out.table(title, ["#", "model", "score", "$/month", "runs on", "licence"], [
            [str(i), f"{r.name} (`{r.model}`)", f"{r.score:.0f}", fmt_usd(r.monthly_cost_usd), r.deployment.describe(), r.license["name"]]
            for i, r in enumerate(side, 1)
        ])
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


# ---------------------------------------------------------------------------------------------
# cost
# ---------------------------------------------------------------------------------------------


def render_cost(out: Output, report: dict[str, Any], cat) -> None:
    if out.mode == "csv":
        rows = [[o["kind"], o["host"], o["mode"], "" if o["input"] is None else f"{o['input']:g}", "" if o["output"] is None else f"{o['output']:g}", o["gpu"] or "", "" if o["gpus"] is None else str(o["gpus"]), "" if o["monthly_cost_usd"] is None else f"{o['monthly_cost_usd']:.2f}"] for o in report["options"]]
        out.table(None, ["kind", "host", "billing", "input_usd_per_mtok", "output_usd_per_mtok", "gpu", "gpus", "monthly_cost_usd"], rows)
        return
    out.heading(f"{report['name']} ({report['model']}): {fmt_count(report['tokens'])} tokens a month, {report['output_share']:.0%} output")
    out.line()
    rows = []
    for o in report["options"]:
        how = {"per-token": "per token", "rented-gpus": "rented GPUs", "owned-gpus": "owned GPUs"}[o["mode"]]
        detail = f"${o['input']:g} in / ${o['output']:g} out per M" if o["input"] is not None else f"{o['gpus']}x {o['gpu']}" if o["gpu"] else ""
        rows.append([o["kind"], o["host"], how, detail, fmt_usd(o["monthly_cost_usd"])])
    out.table("Ways to run it", ["kind", "host", "billing", "detail", "$/month"], rows)
    for key, title in (("self_hosting", "Self-hosting on rented GPUs"), ("owned_hardware", "Self-hosting on owned GPUs")):
        plan = report.get(key)
        if not plan:
            continue
        kv = f"{plan['kv_cache_gb']:g} GB" + (" (estimated: architecture unpublished)" if plan["kv_cache_estimated"] else "")
        price = f"${plan['hourly_usd']:g}/GPU-hour" if key == "self_hosting" else f"${plan['purchase_usd']:,.0f}/GPU"
        facts = [
            ["weights", f"{plan['weights_gb']:g} GB at {plan['quantization']}"],
            ["KV cache", kv],
            ["memory needed", f"{plan['vram_gb']:g} GB per replica"],
            ["GPU", f"{plan['gpu_name']} ({plan['gpu_memory_gb']:g} GB), {price}"],
            ["GPUs", f"{plan['gpus_per_replica']} per replica x {plan['replicas']} replica(s) = {plan['gpus']}"],
            ["throughput", f"{plan['decode_tokens_per_s']:,.0f} output tok/s per replica; capacity {fmt_count(plan['capacity_tokens_per_month'])} tokens/month"],
            ["monthly cost", fmt_usd(plan["monthly_cost_usd"])],
            ["break-even", f"cheaper than {report['cheapest_api']['host']} above {fmt_count(plan['break_even_tokens'])} tokens/month" if plan["break_even_tokens"] else "never cheaper than the cheapest API at this utilisation" if report["cheapest_api"] else "no API offering to compare"],
        ]
        out.table(title, ["", ""], facts, first_col_bold=True)
    chart = report["chart"]
    if out.mode == "rich" and chart["series"]:
        lines = ascii_chart(chart["volumes"], chart["series"], report["break_even_tokens"] or report["break_even_owned_tokens"])
        from rich.text import Text

        console = out.console()
        console.print(Text("Monthly cost against monthly volume (log-log)", style="bold"))
        for line in lines:
            console.print(Text.from_markup(line))
        out.line()
    for note in report["notes"]:
        out.line(f"note: {note}")
    a = report["assumptions"]
    out.bullets(
        "Assumptions (change with flags)",
        [
            f"--quantization {a['quantization']}, --context {fmt_count(a['context'])}, --concurrency {a['concurrency']}, --utilisation {a['utilisation']}",
            f"--amortisation-months {a['amortisation_months']}, --power-price {a['power_usd_per_kwh']} USD/kWh, --cooling-overhead {a['cooling_overhead']}",
            f"--runtime-overhead {a['runtime_overhead']}, --bandwidth-utilisation {a['memory_bandwidth_utilisation']}, --compute-utilisation {a['compute_utilisation']}, --kv-bytes {a['kv_bytes']}, --max-gpus {a['max_gpus_per_replica']}; 730 hours a month",
        ],
    )


MARKERS = [("●", "cyan"), ("■", "yellow"), ("▲", "green"), ("◆", "magenta"), ("✚", "red"), ("○", "blue")]


def ascii_chart(volumes: list[int], series: dict[str, list[float | None]], mark: int | None, width: int = 60, height: int = 14) -> list[str]:
    """A log-log chart as lines of Rich markup: one marker per series, '┊' at break-even."""
    values = [v for s in series.values() for v in s if v]
    if not values or len(volumes) < 2:
        return []
    lo_y, hi_y = math.log10(min(values)), math.log10(max(values))
    if hi_y - lo_y < 1e-9:
        hi_y = lo_y + 1
    lo_x, hi_x = math.log10(volumes[0]), math.log10(volumes[-1])
    grid = [[" "] * width for _ in range(height)]

    def col(v: float) -> int:
        return min(width - 1, max(0, round((math.log10(v) - lo_x) / (hi_x - lo_x) * (width - 1))))

    def row(y: float) -> int:
        return min(height - 1, max(0, round((hi_y - math.log10(y)) / (hi_y - lo_y) * (height - 1))))

    if mark:
        c = col(mark)
        for r in range(height):
            grid[r][c] = "[dim]┊[/dim]"
    for (name, ys), (symbol, colour) in zip(series.items(), MARKERS, strict=False):
        for v, y in zip(volumes, ys, strict=True):
            if y:
                grid[row(y)][col(v)] = f"[{colour}]{symbol}[/{colour}]"
    lines = []
    for r in range(height):
        label = fmt_usd(10 ** (hi_y - r * (hi_y - lo_y) / (height - 1))) if r in (0, height // 2, height - 1) else ""
        lines.append(f"{label:>9} │" + "".join(grid[r]))
    lines.append(" " * 10 + "└" + "─" * width)
    left, right = fmt_count(volumes[0]), fmt_count(volumes[-1])
    lines.append(" " * 11 + left + " " * max(1, width - len(left) - len(right)) + right + " tokens/month")
    legend = "   ".join(f"[{c}]{s}[/{c}] {n}" for n, (s, c) in zip(series, MARKERS, strict=False))
    lines.append(" " * 11 + legend + (f"   [dim]┊[/dim] break-even {fmt_count(mark)}" if mark else ""))
    return lines
