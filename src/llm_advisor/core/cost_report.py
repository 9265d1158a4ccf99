"""The data behind `llm-advisor cost`: options, sizing, break-even and chart series.  Pure."""

from __future__ import annotations

import datetime as dt

from ..catalog import Catalog
from ..records import Gpu, Model
from ..requirements import CostAssumptions, Workload
from ..results import Advice, CheapestApi, CostChart, CostReport, PlanCost, SelfHostPlan
from ..units import MAX_COUNT, fmt_price
from .costs import (
    best_configs,
    blended_price,
    break_even_tokens,
    cheapest_offering,
    configs,
    cost_options,
    datacentre_gpus,
    hourly_range,
    plan_cost,
    plan_from,
    token_cost,
)
from .serving import KV_BOUND_BYTES_PER_ACTIVE_B

CHART_POINTS = 13


def chart_volumes(tokens: int, break_even: int | None) -> list[int]:
    """Log-spaced monthly volumes spanning the stated volume and the break-even point."""
    lo = max(1_000_000, min(tokens, break_even or tokens) // 100)
    hi = max(tokens, break_even or 0) * 10
    hi = min(max(hi, lo * 100), MAX_COUNT)  # no volume beyond what an answer may state
    lo = min(lo, hi // 100)
    ratio = (hi / lo) ** (1 / (CHART_POINTS - 1))
    return sorted(
        {min(int(round(lo * ratio**i, -3)), MAX_COUNT) for i in range(CHART_POINTS)}
        | {tokens}
        | ({break_even} if break_even and break_even <= MAX_COUNT else set())
    )


def _plan_cost(
    plan: SelfHostPlan | None, cat: Catalog, break_even: int | None, payback: float | None
) -> PlanCost | None:
    if plan is None:
        return None
    s = plan.sizing
    gpu = cat.gpus[s.gpu]
    low, typical, providers = hourly_range(gpu)
    return PlanCost(
        mode=plan.mode,
        quantization=s.quantization,
        weights_gb=s.weights_gb,
        kv_cache_gb=s.kv_cache_gb,
        kv_cache_estimated=s.kv_estimated,
        vram_gb=s.vram_gb,
        gpu=s.gpu,
        gpu_name=gpu.name,
        gpu_memory_gb=s.gpu_memory_gb,
        gpus_per_replica=s.gpus_per_replica,
        servers_per_replica=s.servers_per_replica,
        replicas=plan.replicas,
        gpus=plan.gpus,
        servers=plan.servers,
        batch=s.batch,
        stream_tokens_per_s=s.stream_tokens_per_s,
        decode_tokens_per_s=s.decode_tokens_per_s,
        prefill_tokens_per_s=s.prefill_tokens_per_s,
        capacity_tokens_per_month=s.capacity_tokens_per_month,
        cost_per_replica_usd=plan.cost_per_replica_usd,
        monthly_cost_usd=plan.monthly_cost_usd,
        cost_breakdown=plan.cost_breakdown,
        staff_fte=plan.staff_fte,
        hourly_usd=typical,
        hourly_low_usd=low,
        hourly_providers=providers,
        low_usd=plan.low_usd,
        purchase_usd=gpu.purchase_usd,
        capex_usd=plan.capex_usd,
        payback_months=payback,
        break_even_tokens=break_even,
    )


def payback_months(owned: SelfHostPlan | None, alternatives: list[float]) -> float | None:
    """Months until buying the hardware beats the cheapest alternative (renting, an API): the
    purchase over what each month saves once it runs (power and people still cost)."""
    if owned is None or owned.capex_usd is None or not alternatives:
        return None
    running = owned.monthly_cost_usd - owned.cost_breakdown.get("hardware_usd", 0.0)
    saving = min(alternatives) - running
    if saving <= 0:
        return None
    return round(owned.capex_usd / saving, 1)


def cost_report(
    model: Model, cat: Catalog, gpus: list[Gpu], w: Workload, a: CostAssumptions, *, today: dt.date
) -> CostReport:
    """Every way to run ``model`` at the prices in force on ``today``, its GPU sizing, break-even
    volumes and the chart's series."""
    model = model.on(today)
    tokens, output_share = w.tokens, w.output_share
    all_cfgs = configs(model, gpus, w, a)
    cfgs = best_configs(model, gpus, w, a, cfgs=all_cfgs)
    plans = {mode: None if cfg is None else plan_from(cfg, mode, tokens, a) for mode, cfg in cfgs.items()}
    rented, owned = plans["rented-gpus"], plans["owned-gpus"]
    options = cost_options(model, gpus, w, a, plans)
    cheapest = cheapest_offering(model, w)
    be_rented = break_even_tokens(all_cfgs, "rented-gpus", cheapest[0], a) if rented and cheapest else None
    be_owned = break_even_tokens(all_cfgs, "owned-gpus", cheapest[0], a) if owned and cheapest else None
    alternatives = [o.monthly_cost_usd for o in options if o.mode != "owned-gpus" and o.monthly_cost_usd is not None]
    payback = payback_months(owned, alternatives)

    volumes = chart_volumes(tokens, be_rented or be_owned)
    series: dict[str, list[float | None]] = {}
    priced = sorted(
        ((p, o) for o in model.offerings if (p := blended_price(o, w)) is not None),
        key=lambda t: (t[0], t[1].host),
    )
    for _, off in priced[:4]:
        series[f"{off.host} ({off.kind})"] = [round(token_cost(off, w.at(v)) or 0.0, 2) for v in volumes]
    for label, mode in (("self-hosted, rented GPUs", "rented-gpus"), ("self-hosted, owned GPUs", "owned-gpus")):
        cfg = cfgs.get(mode)
        if cfg is not None:
            # The same GPU type and count at every volume: replicas (and staff) grow with it.
            series[label] = [round((plan_cost(cfg, mode, v, a) or (0.0,))[0], 2) for v in volumes]

    notes = []
    if not model.open_weights:
        notes.append("closed weights: no self-hosting; only the offerings above")
    elif rented is None and owned is None:
        notes.append(
            "no GPU in the catalogue fits this model at these settings"
            if model.params_b
            else "parameter count unpublished: cannot size GPUs"
        )
    if (rented and rented.sizing.kv_estimated) or (owned and owned.sizing.kv_estimated):
        notes.append(
            f"attention layout unpublished: KV cache sized by an upper bound ({KV_BOUND_BYTES_PER_ACTIVE_B:,.0f} bytes per token per billion active parameters)"
        )
    for off in model.offerings:
        for change in off.price_changes:
            notes.append(
                f"{off.host} ({off.kind}): {fmt_price(change.input)} in / {fmt_price(change.output)} out per M from {change.start_date} (announced)"
            )
    if cheapest and (rented or owned) and be_rented is None and be_owned is None:
        notes.append(
            f"self-hosting never beats {cheapest[1].host} at {a.utilisation:.0%} utilisation: a replica's capacity costs more than the API would charge for it"
        )
    gpu_ids = {p.sizing.gpu for p in (rented, owned) if p is not None}
    for gid in sorted(gpu_ids):
        if cat.gpus[gid].consumer:
            notes.append(
                f"{cat.gpus[gid].name} is a consumer card: NVIDIA's GeForce driver licence forbids data-centre deployment, it has no NVLink, and its street price varies"
            )

    return CostReport(
        today=today,
        model=model.id,
        name=model.name,
        open_weights=model.open_weights,
        tokens=tokens,
        output_share=output_share,
        options=options,
        self_hosting=_plan_cost(rented, cat, be_rented, None),
        owned_hardware=_plan_cost(owned, cat, be_owned, payback),
        cheapest_api=None
        if cheapest is None
        else CheapestApi(host=cheapest[1].host, kind=cheapest[1].kind, blended_usd_per_mtok=round(cheapest[0], 4)),
        break_even_tokens=be_rented,
        break_even_owned_tokens=be_owned,
        assumptions=a,
        chart=CostChart(volumes=volumes, series=series),
        notes=notes,
    )


def leading_costs(cat: Catalog, advice: Advice, a: CostAssumptions) -> list[CostReport]:
    """Every way to run the first open-weight and the first closed option of ``advice``, as
    ``cost_report`` prices them at the advice's workload (the decision report's charts)."""
    w = advice.requirements.workload()
    gpus = datacentre_gpus(cat.gpus)
    picks = [side[0] for side in (advice.open, advice.closed) if side]
    return [cost_report(cat.models[r.model], cat, gpus, w, a, today=advice.today) for r in picks]
