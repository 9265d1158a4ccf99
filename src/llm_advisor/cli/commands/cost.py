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
    region: str,
    quantization: str,
    gpu: str | None,
    context: str,
    stream_speed: str,
    max_batch: str,
    utilisation: str,
    amortisation_months: str,
    power_price: str,
    cooling_overhead: str,
    server_price: str,
    server_power: str,
    kv_bytes: str,
    max_gpus: str,
    fte_cost: str,
    ops_fte: str,
    expertise: str,
    no_staff: bool,
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
        in_region=region.strip().lower() != "any",
        prompt_tokens=int(ctx * (1 - share(output_share, "--output-share"))),
    )
    if region.strip().lower() not in ("any", "eu", "us"):
        raise UsageError(f"--region must be one of any, eu, us (got {region!r})")
    a = CostAssumptions(
        quantization=quantization.strip().lower(),  # type: ignore[arg-type]
        context=ctx,
        stream_speed=number(stream_speed, "--stream-speed"),
        max_batch=number(max_batch, "--max-batch"),  # type: ignore[arg-type]
        utilisation=number(utilisation, "--utilisation"),
        amortisation_months=number(amortisation_months, "--amortisation-months"),  # type: ignore[arg-type]
        power_usd_per_kwh=number(power_price, "--power-price"),
        cooling_overhead=number(cooling_overhead, "--cooling-overhead"),
        server_usd=number(server_price, "--server-price"),
        server_power_w=number(server_power, "--server-power"),
        kv_bytes=number(kv_bytes, "--kv-bytes"),
        max_gpus=number(max_gpus, "--max-gpus"),  # type: ignore[arg-type]
        fte_usd=number(fte_cost, "--fte-cost"),
        ops_fte=number(ops_fte, "--ops-fte"),
        expertise=expertise.strip().lower(),  # type: ignore[arg-type]
        staff=not no_staff,
    )
    cat = app.dated()
    res = cat.resolve(model)
    if res.note:
        out.note(res.note)
    from ...core.costs import datacentre_gpus

    gpus = datacentre_gpus(cat.gpus)
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
