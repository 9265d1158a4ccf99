"""Drawing a `cost` report: every way to run the model, the GPU plans, the chart, the notes."""

from __future__ import annotations

from ..results import CostReport
from ..units import fmt_count, fmt_usd
from .chart import ascii_chart
from .output import Output


def render_cost(out: Output, report: CostReport) -> None:
    if out.mode == "csv":
        rows = [
            [
                o.kind,
                o.host,
                o.mode,
                "" if o.input is None else f"{o.input:g}",
                "" if o.output is None else f"{o.output:g}",
                o.gpu or "",
                "" if o.gpus is None else str(o.gpus),
                "" if o.monthly_cost_usd is None else f"{o.monthly_cost_usd:.2f}",
            ]
            for o in report.options
        ]
        out.table(
            None,
            ["kind", "host", "billing", "input_usd_per_mtok", "output_usd_per_mtok", "gpu", "gpus", "monthly_cost_usd"],
            rows,
        )
        return
    out.heading(
        f"{report.name} ({report.model}): {fmt_count(report.tokens)} tokens a month, {report.output_share:.0%} output"
    )
    out.line()
    rows = []
    for o in report.options:
        how = {"per-token": "per token", "rented-gpus": "rented GPUs", "owned-gpus": "owned GPUs"}[o.mode]
        detail = (
            f"${o.input:g} in / ${o.output:g} out per M"
            if o.input is not None
            else f"{o.gpus}x {o.gpu}"
            if o.gpu
            else ""
        )
        rows.append([o.kind, o.host, how, detail, fmt_usd(o.monthly_cost_usd)])
    out.table("Ways to run it", ["kind", "host", "billing", "detail", "$/month"], rows)
    for key, title in (
        ("self_hosting", "Self-hosting on rented GPUs"),
        ("owned_hardware", "Self-hosting on owned GPUs"),
    ):
        plan = getattr(report, key)
        if not plan:
            continue
        kv = f"{plan.kv_cache_gb:g} GB" + (" (estimated: architecture unpublished)" if plan.kv_cache_estimated else "")
        price = f"${plan.hourly_usd:g}/GPU-hour" if key == "self_hosting" else f"${plan.purchase_usd:,.0f}/GPU"
        facts = [
            ["weights", f"{plan.weights_gb:g} GB at {plan.quantization}"],
            ["KV cache", kv],
            ["memory needed", f"{plan.vram_gb:g} GB per replica"],
            ["GPU", f"{plan.gpu_name} ({plan.gpu_memory_gb:g} GB), {price}"],
            ["GPUs", f"{plan.gpus_per_replica} per replica x {plan.replicas} replica(s) = {plan.gpus}"],
            [
                "throughput",
                f"{plan.decode_tokens_per_s:,.0f} output tok/s per replica; capacity {fmt_count(plan.capacity_tokens_per_month)} tokens/month",
            ],
            ["monthly cost", fmt_usd(plan.monthly_cost_usd)],
            [
                "break-even",
                f"cheaper than {report.cheapest_api.host if report.cheapest_api else '-'} above {fmt_count(plan.break_even_tokens)} tokens/month"
                if plan.break_even_tokens
                else "never cheaper than the cheapest API at this utilisation"
                if report.cheapest_api
                else "no API offering to compare",
            ],
        ]
        out.table(title, ["", ""], facts, first_col_bold=True)
    chart = report.chart
    if out.mode == "rich" and chart.series:
        lines = ascii_chart(chart.volumes, chart.series, report.break_even_tokens or report.break_even_owned_tokens)
        from rich.text import Text

        console = out.console()
        console.print(Text("Monthly cost against monthly volume (log-log)", style="bold"))
        for line in lines:
            console.print(Text.from_markup(line))
        out.line()
    for note in report.notes:
        out.line(f"note: {note}")
    a = report.assumptions
    out.bullets(
        "Assumptions (change with flags)",
        [
            f"--quantization {a.quantization}, --context {fmt_count(a.context)}, --concurrency {a.concurrency}, --utilisation {a.utilisation}",
            f"--amortisation-months {a.amortisation_months}, --power-price {a.power_usd_per_kwh} USD/kWh, --cooling-overhead {a.cooling_overhead}",
            f"--runtime-overhead {a.runtime_overhead}, --bandwidth-utilisation {a.memory_bandwidth_utilisation}, --compute-utilisation {a.compute_utilisation}, --kv-bytes {a.kv_bytes}, --max-gpus {a.max_gpus_per_replica}; {a.hours_per_month} hours a month",
        ],
    )
