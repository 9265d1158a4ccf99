"""Drawing a `cost` report: every way to run the model, the GPU plans, the chart, the notes."""

from __future__ import annotations

from ..requirements import STAFF_FACTOR
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
        kv = f"{plan.kv_cache_gb:g} GB for {plan.batch} sequences" + (
            " (an upper bound: attention layout unpublished)" if plan.kv_cache_estimated else ""
        )
        if key == "self_hosting":
            price = f"${plan.hourly_usd:g}/GPU-hour typical" if plan.hourly_usd is not None else "unpriced"
            if plan.hourly_low_usd is not None and plan.hourly_low_usd != plan.hourly_usd:
                price += f" (from ${plan.hourly_low_usd:g}"
                price += f"; {len(plan.hourly_providers)} providers quoted)" if plan.hourly_providers else ")"
        else:
            price = f"${plan.purchase_usd:,.0f}/GPU"
        servers = f", {plan.servers} server{'s' if plan.servers != 1 else ''}"
        facts = [
            ["weights", f"{plan.weights_gb:g} GB at {plan.quantization}"],
            ["KV cache", kv],
            ["memory needed", f"{plan.vram_gb:g} GB per replica"],
            ["GPU", f"{plan.gpu_name} ({plan.gpu_memory_gb:g} GB), {price}"],
            ["GPUs", f"{plan.gpus_per_replica} per replica x {plan.replicas} replica(s) = {plan.gpus}{servers}"],
            [
                "throughput",
                f"{plan.decode_tokens_per_s:,.0f} output tok/s per replica, {plan.stream_tokens_per_s:,.0f} per stream;"
                f" capacity {fmt_count(plan.capacity_tokens_per_month)} tokens/month",
            ],
            ["monthly cost", fmt_usd(plan.monthly_cost_usd) + _breakdown(plan.cost_breakdown)],
        ]
        if plan.low_usd is not None and plan.low_usd < plan.monthly_cost_usd:
            facts.append(["at the lowest price", fmt_usd(plan.low_usd)])
        if plan.staff_fte:
            facts.append(["people", f"{plan.staff_fte:g} of an engineer"])
        if key == "owned_hardware" and plan.capex_usd is not None:
            payback = (
                f"pays back in {plan.payback_months:g} months against the cheapest alternative"
                if plan.payback_months is not None
                else "never pays back against the cheapest alternative"
            )
            facts.append(["purchase", f"{fmt_usd(plan.capex_usd)} (GPUs and servers); {payback}"])
        facts.append(
            [
                "break-even",
                f"cheaper than {report.cheapest_api.host if report.cheapest_api else '-'} above {fmt_count(plan.break_even_tokens)} tokens/month"
                if plan.break_even_tokens
                else "never cheaper than the cheapest API at this utilisation"
                if report.cheapest_api
                else "no API offering to compare",
            ]
        )
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
    staff = (
        f"--fte-cost {a.fte_usd:,.0f} USD/year, --ops-fte {a.ops_fte:g} per deployment (+{a.ops_fte_per_server:g} per server,"
        f" +{a.hardware_fte_per_server:g} per owned server), --expertise {a.expertise} (x{STAFF_FACTOR[a.expertise]:g})"
        if a.staff
        else "--no-staff: people's time left out"
    )
    out.bullets(
        "Assumptions (change with flags)",
        [
            f"--quantization {a.quantization}, --context {fmt_count(a.context)} tokens a request, --stream-speed {a.stream_speed:g} tokens/s,"
            f" --max-batch {a.max_batch}, --utilisation {a.utilisation}, --kv-bytes {a.kv_bytes}, --max-gpus {a.max_gpus}",
            f"--amortisation-months {a.amortisation_months}, --power-price {a.power_usd_per_kwh} USD/kWh, --cooling-overhead {a.cooling_overhead} (PUE),"
            f" --server-price {a.server_usd:,.0f} USD and --server-power {a.server_power_w:,.0f} W where the catalogue has none; {a.hours_per_month} hours a month",
            staff,
            "serving efficiencies calibrated against published benchmarks (docs/cost-model.md)",
        ],
    )


BREAKDOWN_LABELS = {
    "api_usd": "API",
    "gpu_rental_usd": "GPU rental",
    "hardware_usd": "GPUs and servers written off",
    "power_usd": "power",
    "staff_usd": "people",
}


def _breakdown(parts: dict[str, float]) -> str:
    shown = [f"{BREAKDOWN_LABELS.get(k, k)} {fmt_usd(v)}" for k, v in parts.items() if v]
    return f" ({' + '.join(shown)})" if len(shown) > 1 else ""
