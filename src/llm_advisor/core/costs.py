"""The cost model: what each way of running a model costs a month.  Pure functions.

Three ways to run a model:

* **per-token offerings** (a vendor API or a cloud platform inside the customer's account):
  input and output tokens times their prices;
* **self-hosted on rented GPUs**: enough GPU replicas, billed every hour of the month;
* **self-hosted on owned GPUs**: purchase price amortised over a period, plus power with a
  cooling overhead.

GPU sizing: memory = (weights + KV cache x concurrent sequences) x runtime overhead; the GPU
count per replica is the smallest power of two whose memory fits; decode throughput per replica
comes from memory bandwidth (each decode step reads the active weights once for the whole
batch, plus each sequence's KV cache); prefill throughput from FP16 compute.  Enough replicas
are run to serve the monthly volume at the stated average utilisation.  Every constant is a
field of ``CostAssumptions`` and is printed with the result.
"""

from __future__ import annotations

import math

from ..records import Gpu, Model, Offering, PriceChange
from ..requirements import CostAssumptions, Workload
from ..results import OptionCost, SelfHostPlan, Sizing

BYTES_PER_PARAM: dict[str, float] = {"fp16": 2.0, "fp8": 1.0, "int8": 1.0, "int4": 0.5}
MAX_TOKENS = 2**63 - 1
"""Upper clamp for computed token counts, so they stay finite 64-bit integers in JSON."""


# ---------------------------------------------------------------------------------------------
# Per-token
# ---------------------------------------------------------------------------------------------


def token_cost(offering: Offering | PriceChange, w: Workload) -> float | None:
    """Monthly USD for a workload at a per-token offering's prices, or at a dated price change
    (None if it is not priced).

    Input is priced at the audio input price when the workload's input is audio and the
    offering has one; the cached share of the input at the cached-input price where sold; the
    batch share of all tokens at the batch prices where sold (its cached input at the cheaper of
    the batch and the cached price).  A price the offering does not sell leaves that share at
    the standard price."""
    if offering.input is None or offering.output is None:
        return None
    audio = getattr(offering, "audio_input", None)
    p_in = audio if w.audio and audio is not None else offering.input
    cached = getattr(offering, "cached_input", None)
    p_cached = p_in if cached is None else min(cached, p_in)
    inputs, outputs = w.tokens * (1 - w.output_share), w.tokens * w.output_share

    def at(p_input: float, p_output: float, p_cache: float) -> float:
        return (1 - w.cache_share) * inputs * p_input + w.cache_share * inputs * p_cache + outputs * p_output

    cost = at(p_in, offering.output, p_cached)
    b_in, b_out = getattr(offering, "batch_input", None), getattr(offering, "batch_output", None)
    if w.batch_share and b_in is not None and b_out is not None:
        cost = (1 - w.batch_share) * cost + w.batch_share * at(b_in, b_out, min(p_cached, b_in))
    return cost / 1e6


def blended_price(offering: Offering, w: Workload) -> float | None:
    """USD per million tokens of the workload's mix (its volume aside)."""
    return token_cost(offering, w.at(1_000_000))


def cheapest_offering(model: Model, w: Workload) -> tuple[float, Offering] | None:
    """The per-token offering with the lowest blended price for the workload's mix (ties by
    host), with that price; None when the model is sold per token nowhere."""
    priced = [(price, o) for o in model.offerings if (price := blended_price(o, w)) is not None]
    return min(priced, key=lambda t: (t[0], t[1].host)) if priced else None


# ---------------------------------------------------------------------------------------------
# GPU sizing
# ---------------------------------------------------------------------------------------------

KV_FALLBACK_SHARE = 0.05
"""Without published architecture numbers, each sequence's KV cache at 8k context is taken as
5% of the FP16 weights (between a GQA model's ~1% and an MHA model's ~15%); scaled linearly
with context.  Said so in the output."""


def kv_cache_gb_per_sequence(model: Model, context: int, kv_bytes: float) -> tuple[float, bool]:
    """KV cache for one sequence: 2 x layers x KV heads x head dim x context x bytes."""
    arch = model.architecture
    if arch is not None:
        return 2 * arch.layers * arch.kv_heads * arch.head_dim * context * kv_bytes / 1e9, False
    params = model.params_b or 0.0
    return params * 2.0 * KV_FALLBACK_SHARE * (context / 8_192), True


SizingKey = tuple[bool, float | None, float | None, tuple[int, int, int] | None]


def sizing_key(model: Model) -> SizingKey:
    """Every fact about a model that GPU sizing and self-hosting plans read: models with equal
    keys get equal plans, so a catalogue of many fine-tunes of one base is sized once per base."""
    arch = model.architecture
    shape = None if arch is None else (arch.layers, arch.kv_heads, arch.head_dim)
    return (model.open_weights, model.params_b, model.active_params_b, shape)


def _sizing_numbers(
    model: Model, gpu: Gpu, a: CostAssumptions, output_share: float
) -> tuple[float, float, bool, float, int, float, float | None, int] | None:
    """The arithmetic behind ``size_on_gpu`` as a plain tuple (the recommender's inner loop)."""
    if model.params_b is None:
        return None
    if a.quantization == "fp8" and not gpu.fp8:
        return None
    bpp = BYTES_PER_PARAM[a.quantization]
    weights_gb = model.params_b * bpp
    kv_seq, estimated = kv_cache_gb_per_sequence(model, a.context, a.kv_bytes)
    kv_gb = kv_seq * a.concurrency
    vram = (weights_gb + kv_gb) * a.runtime_overhead
    n = 1
    while n * gpu.memory_gb < vram:
        n *= 2
        if n > a.max_gpus_per_replica:
            return None
    active = model.active_params_b or model.params_b
    # One decode step reads the active weights once for the batch and each sequence's KV
    # cache (half full on average).
    step_bytes = active * 1e9 * bpp + a.concurrency * kv_seq * 1e9 / 2
    step_s = step_bytes / (n * gpu.bandwidth_gbs * 1e9 * a.memory_bandwidth_utilisation)
    decode_tps = a.concurrency / step_s
    prefill_tps = None
    if gpu.fp16_tflops is not None:
        prefill_tps = n * gpu.fp16_tflops * 1e12 * a.compute_utilisation / (2 * active * 1e9)
    # Seconds of replica time one token (at the output share) costs.
    sec_per_token = output_share / decode_tps + ((1 - output_share) / prefill_tps if prefill_tps else 0.0)
    # A vanishing output share on a GPU without a published prefill rate makes the quotient
    # overflow to infinity; clamp it to the largest 64-bit count instead of crashing.
    capacity = 0
    if sec_per_token > 0:
        raw = a.hours_per_month * 3600 * a.utilisation / sec_per_token
        capacity = MAX_TOKENS if raw >= MAX_TOKENS else int(raw)
    return weights_gb, kv_gb, estimated, vram, n, decode_tps, prefill_tps, capacity


def size_on_gpu(model: Model, gpu: Gpu, a: CostAssumptions, output_share: float) -> Sizing | None:
    """How many of ``gpu`` one replica needs, and what it serves; None if it cannot fit."""
    got = _sizing_numbers(model, gpu, a, output_share)
    if got is None:
        return None
    weights_gb, kv_gb, estimated, vram, n, decode_tps, prefill_tps, capacity = got
    return Sizing(
        quantization=a.quantization,
        weights_gb=round(weights_gb, 2),
        kv_cache_gb=round(kv_gb, 2),
        kv_estimated=estimated,
        vram_gb=round(vram, 2),
        gpu=gpu.id,
        gpu_memory_gb=gpu.memory_gb,
        gpus_per_replica=n,
        decode_tokens_per_s=round(decode_tps, 1),
        prefill_tokens_per_s=round(prefill_tps, 1) if prefill_tps else None,
        capacity_tokens_per_month=capacity,
    )


def replica_cost(gpu: Gpu, n: int, mode: str, a: CostAssumptions) -> float | None:
    """Monthly cost of ``n`` GPUs running all month, rented or owned."""
    if mode == "rented-gpus":
        if gpu.hourly_usd is None:
            return None
        return n * gpu.hourly_usd * a.hours_per_month
    if gpu.purchase_usd is None:
        return None
    capex = n * gpu.purchase_usd / a.amortisation_months
    power = n * gpu.power_w / 1000 * a.hours_per_month * a.cooling_overhead * a.power_usd_per_kwh
    return capex + power


def plan_self_hosting_modes(
    model: Model,
    gpus: list[Gpu],
    w: Workload,
    a: CostAssumptions,
    modes: tuple[str, ...] = ("rented-gpus", "owned-gpus"),
) -> dict[str, SelfHostPlan | None]:
    """The cheapest GPU type and count that serve ``tokens`` a month, for each way of paying for
    GPUs (rented, owned), sizing each GPU once; None for a mode no GPU fits."""
    tokens, output_share = w.tokens, w.output_share
    best: dict[str, tuple[tuple[float, int, str], Gpu, int, float] | None] = dict.fromkeys(modes)
    if model.open_weights:
        for gpu in gpus:
            got = _sizing_numbers(model, gpu, a, output_share)
            if got is None or got[7] <= 0:
                continue
            n, capacity = got[4], got[7]
            replicas = max(1, math.ceil(tokens / capacity))
            for mode in modes:
                per_replica = replica_cost(gpu, n, mode, a)
                if per_replica is None:
                    continue
                key = (round(replicas * per_replica, 2), replicas * n, gpu.id)
                found = best[mode]
                if found is None or key < found[0]:
                    best[mode] = (key, gpu, replicas, per_replica)
    out: dict[str, SelfHostPlan | None] = {}
    for mode, found in best.items():
        if found is None:
            out[mode] = None
            continue
        (cost, gpus_total, _), gpu, replicas, per_replica = found
        sizing = size_on_gpu(model, gpu, a, output_share)
        assert sizing is not None
        out[mode] = SelfHostPlan(
            sizing=sizing,
            replicas=replicas,
            gpus=gpus_total,
            mode=mode,  # type: ignore[arg-type]
            monthly_cost_usd=cost,
            cost_per_replica_usd=round(per_replica, 2),
        )
    return out


def break_even_tokens(plan: SelfHostPlan, price_per_mtok: float) -> int | None:
    """Monthly volume above which ``plan``'s GPUs cost less than an API at ``price_per_mtok``.

    Self-hosting costs ``c`` per replica, each serving up to ``cap`` tokens; the API costs
    ``p`` per token.  Above ``c / p`` tokens one replica is cheaper; that only happens if one
    replica can serve that many (``c / p <= cap``); otherwise the API is cheaper at every volume
    (each extra replica adds the same ratio).
    """
    p = price_per_mtok / 1e6
    if p <= 0:  # free, or so close to free that the per-token price underflows
        return None
    threshold = plan.cost_per_replica_usd / p
    if threshold > plan.sizing.capacity_tokens_per_month:
        return None
    return math.ceil(threshold)


def cost_options(
    model: Model,
    gpus: list[Gpu],
    w: Workload,
    a: CostAssumptions,
    plans: dict[str, SelfHostPlan | None] | None = None,
) -> list[OptionCost]:
    """Every way to run ``model`` and its monthly cost, cheapest first (unknown last).

    ``plans`` (from ``plan_self_hosting_modes``) saves sizing the GPUs again."""
    options: list[OptionCost] = []
    for off in model.offerings:
        if off.kind == "self-hosted":
            continue
        options.append(
            OptionCost(
                kind=off.kind,
                host=off.host,
                mode="per-token",
                monthly_cost_usd=_round(token_cost(off, w)),
                input=off.input,
                output=off.output,
                note=off.note,
            )
        )
    if plans is None:
        plans = plan_self_hosting_modes(model, gpus, w, a)
    for mode, plan in plans.items():
        if plan is not None:
            options.append(
                OptionCost(
                    kind="self-hosted",
                    host="self",
                    mode=mode,  # type: ignore[arg-type]
                    monthly_cost_usd=plan.monthly_cost_usd,
                    gpu=plan.sizing.gpu,
                    gpus=plan.gpus,
                )
            )
    return sorted(options, key=lambda o: (o.monthly_cost_usd is None, o.monthly_cost_usd or 0.0, o.host, o.mode))


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
