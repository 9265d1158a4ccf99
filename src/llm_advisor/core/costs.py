"""The cost model: what each way of running a model costs a month, all in.  Pure functions.

Three ways to run a model:

* **per-token offerings** (a vendor API, or a managed service inside the customer's cloud
  account): tokens times their prices (batch, cached-input and audio prices where sold and
  asked for).  No staff time beyond what calling any API takes.
* **self-hosted on rented GPUs**: enough replicas to serve the volume (``serving`` says what
  one replica serves), billed every hour of the month at the typical published price (the
  lowest published price is shown beside it), plus the people who run it.
* **self-hosted on owned GPUs**: GPUs and servers written off over the amortisation period,
  power for GPUs and servers times the facility's PUE, plus the people, who also look after
  the hardware.

People: a self-hosted deployment takes ``ops_fte`` of an engineer plus ``ops_fte_per_server``
per server (owned servers add ``hardware_fte_per_server``), scaled by the team's expertise,
at ``fte_usd`` a year.  Every number is a field of ``CostAssumptions`` and is printed with the
result; the serving engine's calibrated constants are in ``serving.ENGINE``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..records import Gpu, Model, Offering, PriceChange
from ..requirements import STAFF_FACTOR, CostAssumptions, Workload
from ..results import OptionCost, SelfHostPlan, Sizing
from .serving import (
    ENGINE,
    PRECISION_BYTES,
    QUANTIZATION_PRECISION,
    Layout,
    Rates,
    Served,
    Shape,
    layout_of,
    rates_of,
    serve,
)

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
    the batch and the cached price).  A prompt longer than the offering's long-context
    threshold prices the whole request at the long-context rates (the other prices scaled by
    the same factor); a workload that must stay in one region pays a global price's in-region
    uplift; a fine-tuned variant's tokens cost its fine-tuned rates where stated.  A price the
    offering does not sell leaves that share at the standard price."""
    if offering.input is None or offering.output is None:
        return None
    base_in, base_out = offering.input, offering.output
    ft_in, ft_out = getattr(offering, "fine_tuned_input", None), getattr(offering, "fine_tuned_output", None)
    if w.fine_tuned and ft_in is not None and ft_out is not None:
        base_in, base_out = ft_in, ft_out
    scale_in = scale_out = 1.0
    above = getattr(offering, "long_context_above", None)
    if w.prompt_tokens is not None and above is not None and w.prompt_tokens > above:
        long_in, long_out = getattr(offering, "long_input", None), getattr(offering, "long_output", None)
        if long_in is not None and base_in > 0:
            scale_in = long_in / base_in
        if long_out is not None and base_out > 0:
            scale_out = long_out / base_out
    uplift = getattr(offering, "regional_uplift", None)
    if w.in_region and uplift and getattr(offering, "region_scope", None) != "regional":
        scale_in *= uplift
        scale_out *= uplift
    audio = getattr(offering, "audio_input", None)
    p_in = (audio if w.audio and audio is not None else base_in) * scale_in
    p_out = base_out * scale_out
    cached = getattr(offering, "cached_input", None)
    p_cached = p_in if cached is None else min(cached * scale_in, p_in)
    inputs, outputs = w.tokens * (1 - w.output_share), w.tokens * w.output_share

    def at(p_input: float, p_output: float, p_cache: float) -> float:
        return (1 - w.cache_share) * inputs * p_input + w.cache_share * inputs * p_cache + outputs * p_output

    cost = at(p_in, p_out, p_cached)
    b_in, b_out = getattr(offering, "batch_input", None), getattr(offering, "batch_output", None)
    if w.batch_share and b_in is not None and b_out is not None:
        b_in, b_out = b_in * scale_in, b_out * scale_out
        cost = (1 - w.batch_share) * cost + w.batch_share * at(b_in, b_out, min(p_cached, b_in))
    return cost / 1e6


def datacentre_gpus(gpus: Mapping[str, Gpu], named: Iterable[str] = ()) -> list[Gpu]:
    """The GPUs a self-hosting plan may use, by id: data-centre cards, and a consumer card only
    when the user names it."""
    wanted = set(named)
    return sorted((g for g in gpus.values() if not g.consumer or g.id in wanted), key=lambda g: g.id)


def blended_price(offering: Offering, w: Workload) -> float | None:
    """USD per million tokens of the workload's mix (its volume aside)."""
    return token_cost(offering, w.at(1_000_000))


def cheapest_offering(model: Model, w: Workload) -> tuple[float, Offering] | None:
    """The per-token offering with the lowest blended price for the workload's mix (ties by
    host), with that price; None when the model is sold per token nowhere."""
    priced = [(price, o) for o in model.offerings if (price := blended_price(o, w)) is not None]
    return min(priced, key=lambda t: (t[0], t[1].host)) if priced else None


# ---------------------------------------------------------------------------------------------
# GPU plans
# ---------------------------------------------------------------------------------------------

SizingKey = tuple[bool, float | None, float | None, object]


def sizing_key(model: Model) -> SizingKey:
    """Every fact about a model that GPU sizing and self-hosting plans read: models with equal
    keys get equal plans, so a catalogue of many fine-tunes of one base is sized once per base."""
    return (model.open_weights, model.params_b, model.active_params_b, model.architecture)


BATCH_UTILISATION = 0.9
"""Load a replica reaches on work that can wait (batch jobs fill the quiet hours)."""


def precision_of(lay: Layout, a: CostAssumptions) -> str:
    """The weights' precision: the one asked for, else the model's native one (BF16 where
    unpublished)."""
    if a.quantization != "native":
        return QUANTIZATION_PRECISION[a.quantization]
    return lay.native_precision if lay.native_precision and lay.native_precision != "fp32" else "bf16"


def replica_sizes(rates: Rates, max_gpus: int) -> list[int]:
    """GPU counts a replica may have: 1, 2, 4, 8 within a server, then whole servers."""
    node = rates.per_node
    sizes = [n for n in (1, 2, 4, 8, 16, 32, 64) if n <= node]
    k = 2
    while node * k <= max_gpus:
        sizes.append(node * k)
        k *= 2
    return [n for n in sizes if n <= max_gpus]


def request_shape(a: CostAssumptions, w: Workload, *, interactive: bool) -> Shape:
    """A request of ``context`` tokens split at the workload's output share."""
    out = max(1.0, a.context * w.output_share)
    return Shape(
        input_tokens=max(0.0, a.context - out),
        output_tokens=out,
        kv_bytes=a.kv_bytes,
        max_batch=a.max_batch,
        stream_speed=a.stream_speed if interactive else None,
    )


@dataclass(frozen=True, slots=True)
class Config:
    """One GPU type and count for a model: what a replica serves a month and costs."""

    gpu: Gpu
    precision: str
    served: Served
    """Interactive traffic (at the per-stream speed target)."""
    replica_months: float
    """Replicas needed all month for one token of the workload (interactive and batch shares)."""
    estimated: bool
    hardware: dict[str, dict[str, float] | None]
    """One replica's monthly hardware cost by kind, per way of paying (None: unpriced)."""

    @property
    def capacity(self) -> int:
        """Tokens of the workload's mix one replica serves a month."""
        return MAX_TOKENS if self.replica_months <= 0 else min(MAX_TOKENS, int(1 / self.replica_months))


MODES = ("rented-gpus", "owned-gpus")


def configs(model: Model, gpus: list[Gpu], w: Workload, a: CostAssumptions) -> list[Config]:
    """The GPU types and counts that serve ``model`` at the speed target, with their capacity
    and cost.  Per GPU type, counts go up from the smallest that fits and stop once two larger
    ones in a row serve fewer tokens per GPU (more GPUs then only add all-reduce time)."""
    lay = layout_of(model) if model.open_weights else None
    if lay is None:
        return []
    precision = precision_of(lay, a)
    interactive = request_shape(a, w, interactive=True)
    batch_shape = request_shape(a, w, interactive=False)
    seconds = a.hours_per_month * 3600
    out = []
    for gpu in gpus:
        priced = {mode: hardware_costs(gpu, 1, mode, a) for mode in MODES}
        if not any(priced.values()):
            continue
        rates = rates_of(gpu, precision)
        if rates is None:
            continue
        best_per_gpu, worse = 0.0, 0
        for n in replica_sizes(rates, a.max_gpus):
            live = serve(lay, rates, n, precision, interactive)
            if live is None:
                continue
            per_gpu = live.tokens_per_s / n
            if per_gpu <= best_per_gpu:
                worse += 1
                if worse >= 2:
                    break
            else:
                best_per_gpu, worse = per_gpu, 0
            per_token = (1 - w.batch_share) / (live.tokens_per_s * seconds * a.utilisation)
            if w.batch_share:
                bulk = serve(lay, rates, n, precision, batch_shape) or live
                per_token += w.batch_share / (bulk.tokens_per_s * seconds * BATCH_UTILISATION)
            hardware = {
                mode: None if unit is None else {k: v * n for k, v in unit.items()} for mode, unit in priced.items()
            }
            out.append(
                Config(
                    gpu=gpu,
                    precision=precision,
                    served=live,
                    replica_months=per_token,
                    estimated=lay.estimated,
                    hardware=hardware,
                )
            )
    return out


def servers_for(gpu: Gpu, gpus: int) -> int:
    return max(1, math.ceil(gpus / (gpu.max_per_node or 8)))


def hourly_range(gpu: Gpu) -> tuple[float | None, float | None, list[str]]:
    """(lowest, typical) on-demand USD per GPU-hour and the providers quoting them: the
    median of the published on-demand quotes, else the catalogue's typical price."""
    quotes = sorted(q.usd_per_hour for q in gpu.rental if q.commitment == "on-demand")
    providers = sorted({q.provider for q in gpu.rental if q.commitment == "on-demand"})
    if quotes:
        mid = len(quotes) // 2
        median = quotes[mid] if len(quotes) % 2 else (quotes[mid - 1] + quotes[mid]) / 2
        return quotes[0], gpu.hourly_usd if gpu.hourly_usd is not None else median, providers
    return gpu.hourly_usd, gpu.hourly_usd, providers


def server_price(gpu: Gpu, a: CostAssumptions) -> float:
    """A server for these GPUs, without them."""
    node = gpu.max_per_node or 8
    if gpu.node_usd is not None:
        return gpu.node_usd
    if gpu.system_usd is not None and gpu.purchase_usd is not None:
        return max(0.0, gpu.system_usd - node * gpu.purchase_usd)
    return a.server_usd


def server_power_w(gpu: Gpu, a: CostAssumptions) -> float:
    """What a server draws besides its GPUs."""
    node = gpu.max_per_node or 8
    if gpu.node_power_w is not None:
        return max(0.0, gpu.node_power_w - node * gpu.power_w)
    return a.server_power_w


def staff_fte(mode: str, servers: float, a: CostAssumptions) -> float:
    """Engineers' time a self-hosted deployment on ``servers`` servers' worth of GPUs takes (a
    part of a server counts as that part): a production service's fixed share, plus a share
    per server, plus the hardware's for owned servers; scaled by the team's expertise."""
    fte = (a.ops_fte if a.production else 0.0) + a.ops_fte_per_server * servers
    if mode == "owned-gpus":
        fte += a.hardware_fte_per_server * servers
    return fte * STAFF_FACTOR[a.expertise]


def hardware_costs(gpu: Gpu, n: int, mode: str, a: CostAssumptions, *, low: bool = False) -> dict[str, float] | None:
    """Monthly hardware cost of one replica of ``n`` GPUs, by kind; None if unpriced.  An owned
    replica smaller than a server pays its share of the server."""
    if mode == "rented-gpus":
        lowest, typical, _ = hourly_range(gpu)
        price = lowest if low else typical
        if price is None:
            return None
        return {"gpu_rental_usd": n * price * a.hours_per_month}
    if gpu.purchase_usd is None:
        return None
    share = n / (gpu.max_per_node or 8)
    capex = n * gpu.purchase_usd + share * server_price(gpu, a)
    watts = n * gpu.power_w + share * server_power_w(gpu, a)
    return {
        "hardware_usd": capex / a.amortisation_months,
        "power_usd": watts / 1000 * a.hours_per_month * a.cooling_overhead * a.power_usd_per_kwh,
    }


def capex(gpu: Gpu, gpus: int, a: CostAssumptions) -> float | None:
    if gpu.purchase_usd is None:
        return None
    return gpus * gpu.purchase_usd + servers_for(gpu, gpus) * server_price(gpu, a)


def plan_cost(
    cfg: Config, mode: str, tokens: int, a: CostAssumptions
) -> tuple[float, dict[str, float], int, int, float] | None:
    """(monthly USD, breakdown, replicas, servers, staff FTE) of serving ``tokens`` on ``cfg``."""
    per = cfg.hardware.get(mode)
    if per is None:
        return None
    replicas = max(1, math.ceil(tokens * cfg.replica_months - 1e-9))
    gpus = replicas * cfg.served.gpus
    servers = servers_for(cfg.gpu, gpus)
    fte = staff_fte(mode, gpus / (cfg.gpu.max_per_node or 8), a) if a.staff else 0.0
    breakdown = {k: round(v * replicas, 2) for k, v in per.items()}
    breakdown["staff_usd"] = round(fte * a.fte_usd / 12, 2)
    return round(sum(breakdown.values()), 2), breakdown, replicas, servers, fte


def _sizing(cfg: Config, tokens_per_month: int) -> Sizing:
    s = cfg.served
    return Sizing(
        quantization=cfg.precision,
        weights_gb=round(s.weights_gb, 2),
        kv_cache_gb=round(s.kv_gb, 2),
        kv_estimated=cfg.estimated,
        vram_gb=round(s.memory_gb, 2),
        gpu=cfg.gpu.id,
        gpu_memory_gb=cfg.gpu.memory_gb,
        gpus_per_replica=s.gpus,
        servers_per_replica=s.nodes,
        batch=s.batch,
        stream_tokens_per_s=round(s.stream_tokens_per_s, 1),
        decode_tokens_per_s=round(s.output_tokens_per_s, 1),
        prefill_tokens_per_s=round(s.prefill_tokens_per_s, 1),
        capacity_tokens_per_month=tokens_per_month,
    )


def plan_from(cfg: Config, mode: str, tokens: int, a: CostAssumptions) -> SelfHostPlan | None:
    got = plan_cost(cfg, mode, tokens, a)
    if got is None:
        return None
    cost, breakdown, replicas, servers, fte = got
    per = cfg.hardware.get(mode) or {}
    low = None
    if mode == "rented-gpus":
        cheap = hardware_costs(cfg.gpu, cfg.served.gpus, mode, a, low=True)
        if cheap is not None:
            low = round(cheap["gpu_rental_usd"] * replicas + breakdown["staff_usd"], 2)
    return SelfHostPlan(
        sizing=_sizing(cfg, cfg.capacity),
        replicas=replicas,
        gpus=replicas * cfg.served.gpus,
        servers=servers,
        mode=mode,  # type: ignore[arg-type]
        monthly_cost_usd=cost,
        cost_per_replica_usd=round(sum(per.values()), 2),
        cost_breakdown=breakdown,
        staff_fte=round(fte, 3),
        low_usd=low,
        capex_usd=None if mode == "rented-gpus" else capex(cfg.gpu, replicas * cfg.served.gpus, a),
    )


@dataclass(frozen=True, slots=True)
class FloorRow:
    """One GPU type as ``self_hosting_floor`` reads it: usable memory, and for each replica
    size and way of paying, a month of that many GPUs and the people for their servers."""

    gpu: Gpu
    usable_gb: float
    costs: tuple[tuple[int, tuple[tuple[str, float], ...]], ...]
    """(GPUs, ((mode, monthly USD), ...)) for each replica size, smallest first."""


def floor_table(gpus: list[Gpu], a: CostAssumptions) -> list[FloorRow]:
    """The GPUs, priced once for every model's ``self_hosting_floor``."""
    rows = []
    for gpu in gpus:
        if gpu.fp16_tflops is None:
            continue
        unit = {}
        for mode in MODES:
            per = hardware_costs(gpu, 1, mode, a)
            if per is not None:
                unit[mode] = sum(per.values())
        if not unit:
            continue
        rates = rates_of(gpu, "bf16")
        assert rates is not None
        costs = []
        for n in replica_sizes(rates, a.max_gpus):
            share = n / (gpu.max_per_node or 8)
            people = {mode: staff_fte(mode, share, a) * a.fte_usd / 12 if a.staff else 0.0 for mode in unit}
            costs.append((n, tuple((mode, unit[mode] * n + people[mode]) for mode in unit)))
        usable = gpu.memory_gb * ENGINE.memory_fraction - ENGINE.reserve_gb
        rows.append(FloorRow(gpu=gpu, usable_gb=usable, costs=tuple(costs)))
    return rows


def self_hosting_floor(
    model: Model, table: list[FloorRow], a: CostAssumptions
) -> dict[str, tuple[float, Gpu, int] | None]:
    """Per way of paying, the least any self-hosting plan can cost a month, without sizing
    throughput: the fewest GPUs of each type that hold the weights, for one month, and the
    people for one deployment.  A plan that serves the volume at the speed target costs at
    least this, so a budget below it rules self-hosting out."""
    out: dict[str, tuple[float, Gpu, int] | None] = dict.fromkeys(MODES)
    if not model.open_weights or model.params_b is None:
        return out
    native = model.architecture.native_precision if model.architecture else None
    if a.quantization != "native":
        precision = QUANTIZATION_PRECISION[a.quantization]
    else:
        precision = native if native and native != "fp32" else "bf16"
    weights_gb = model.params_b * PRECISION_BYTES[precision]
    for row in table:
        for n, priced in row.costs:
            if n * row.usable_gb > weights_gb:
                for mode, cost in priced:
                    found = out[mode]
                    if found is None or (cost, n, row.gpu.id) < (found[0], found[2], found[1].id):
                        out[mode] = (cost, row.gpu, n)
                break
    return {mode: None if f is None else (round(f[0], 2), f[1], f[2]) for mode, f in out.items()}


def best_configs(
    model: Model,
    gpus: list[Gpu],
    w: Workload,
    a: CostAssumptions,
    modes: tuple[str, ...] = ("rented-gpus", "owned-gpus"),
    cfgs: list[Config] | None = None,
) -> dict[str, Config | None]:
    """The cheapest configuration for the workload's volume in each way of paying for GPUs."""
    best: dict[str, tuple[tuple[float, int, int, str], Config] | None] = dict.fromkeys(modes)
    for cfg in configs(model, gpus, w, a) if cfgs is None else cfgs:
        for mode in modes:
            got = plan_cost(cfg, mode, w.tokens, a)
            if got is None:
                continue
            key = (got[0], got[2] * cfg.served.gpus, got[2], cfg.gpu.id)
            found = best[mode]
            if found is None or key < found[0]:
                best[mode] = (key, cfg)
    return {mode: None if found is None else found[1] for mode, found in best.items()}


def plan_self_hosting_modes(
    model: Model,
    gpus: list[Gpu],
    w: Workload,
    a: CostAssumptions,
    modes: tuple[str, ...] = ("rented-gpus", "owned-gpus"),
    cfgs: list[Config] | None = None,
) -> dict[str, SelfHostPlan | None]:
    """The cheapest GPU type and count that serve the workload, for each way of paying for
    GPUs (rented, owned); None for a mode no GPU serves.  ``cfgs`` (from ``configs``) saves
    sizing again."""
    return {
        mode: None if cfg is None else plan_from(cfg, mode, w.tokens, a)
        for mode, cfg in best_configs(model, gpus, w, a, modes, cfgs).items()
    }


def break_even_tokens(cfgs: list[Config], mode: str, price_per_mtok: float, a: CostAssumptions) -> int | None:
    """Monthly volume above which self-hosting (the cheapest of ``cfgs`` at each volume,
    replicas growing with it, staff with its servers) costs less than an API at
    ``price_per_mtok``; None if it never does."""
    p = price_per_mtok / 1e6
    if p <= 0:
        return None
    best: int | None = None
    for cfg in cfgs:
        per = cfg.hardware.get(mode)
        cap = cfg.capacity
        if per is None or cap <= 0:
            continue
        replica = sum(per.values())
        node = cfg.gpu.max_per_node or 8
        n = cfg.served.gpus

        def cost(k: int, replica: float = replica, node: int = node, n: int = n) -> float:
            staff = staff_fte(mode, k * n / node, a) * a.fte_usd / 12 if a.staff else 0.0
            return k * replica + staff

        # cost(k) / k falls as the fixed staff share spreads (and is constant without it): find
        # the first k at which k replicas cost less than the API charges for their capacity.
        k = 1
        while k <= 1 << 40 and cost(k) > k * cap * p:
            k *= 2
        if k > 1 << 40:
            continue
        lo = max(1, k // 2)
        while lo < k:
            mid = (lo + k) // 2
            if cost(mid) <= mid * cap * p:
                k = mid
            else:
                lo = mid + 1
        found = max(math.ceil(cost(k) / p), (k - 1) * cap + 1)
        best = found if best is None else min(best, found)
    return best


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
        cost = _round(token_cost(off, w))
        options.append(
            OptionCost(
                kind=off.kind,
                host=off.host,
                mode="per-token",
                monthly_cost_usd=cost,
                input=off.input,
                output=off.output,
                note=off.note,
                cost_breakdown=None if cost is None else {"api_usd": cost, "staff_usd": 0.0},
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
                    cost_breakdown=plan.cost_breakdown,
                )
            )
    return sorted(options, key=lambda o: (o.monthly_cost_usd is None, o.monthly_cost_usd or 0.0, o.host, o.mode))


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
