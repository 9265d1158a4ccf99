"""`llm-advisor cost MODEL --tokens N`: every way to run a model, GPU sizing, break-even."""

from __future__ import annotations

from ...errors import UsageError
from ..context import AppContext
from .values import count, number, share


def run(
    app: AppContext,
    *,
    model: str,
    tokens: str | None,
    output_share: str,
    batch_share: str,
    cache_share: str,
    audio_input: bool,
    quantization: str,
    gpu: str | None,
    context: str,
    concurrency: str,
    utilisation: str,
    amortisation_months: str,
    power_price: str,
    cooling_overhead: str,
    runtime_overhead: str,
    bandwidth_utilisation: str,
    compute_utilisation: str,
    kv_bytes: str,
    max_gpus: str,
    json_: bool,
    plain: bool,
    fmt: str | None,
) -> int:
    from ...requirements import CostAssumptions, Workload

    out = app.use_output(json_, plain, fmt)
    if tokens is None:
        raise UsageError("missing --tokens: pass the monthly volume, e.g. --tokens 50M")
    n_tokens = count(tokens, "--tokens")
    ctx = count(context, "--context")
    w = Workload(
        tokens=n_tokens,
        output_share=share(output_share, "--output-share"),
        batch_share=share(batch_share, "--batch-share"),
        cache_share=share(cache_share, "--cache-share"),
        audio=audio_input,
    )
    a = CostAssumptions(
        quantization=quantization.strip().lower(),  # type: ignore[arg-type]
        context=ctx,
        concurrency=number(concurrency, "--concurrency"),  # type: ignore[arg-type]
        utilisation=number(utilisation, "--utilisation"),
        amortisation_months=number(amortisation_months, "--amortisation-months"),  # type: ignore[arg-type]
        power_usd_per_kwh=number(power_price, "--power-price"),
        cooling_overhead=number(cooling_overhead, "--cooling-overhead"),
        runtime_overhead=number(runtime_overhead, "--runtime-overhead"),
        memory_bandwidth_utilisation=number(bandwidth_utilisation, "--bandwidth-utilisation"),
        compute_utilisation=number(compute_utilisation, "--compute-utilisation"),
        kv_bytes=number(kv_bytes, "--kv-bytes"),
        max_gpus_per_replica=number(max_gpus, "--max-gpus"),  # type: ignore[arg-type]
    )
    cat = app.dated()
    res = cat.resolve(model)
    if res.note:
        out.note(res.note)
    gpus = sorted(cat.gpus.values(), key=lambda g: g.id)
    if gpu is not None:
        if gpu not in cat.gpus:
            raise UsageError(f"--gpu {gpu!r} is not in the catalogue; known: {', '.join(sorted(cat.gpus))}")
        gpus = [cat.gpus[gpu]]
    from ...core.cost_report import cost_report

    report = cost_report(res.model, cat, gpus, w, a, today=app.today)
    if out.mode == "json":
        from ...base import json_data

        out.json(json_data(report))
        return 0
    from ...render.cost import render_cost

    render_cost(out, report)
    return 0
