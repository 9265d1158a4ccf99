"""How fast a self-hosted model serves: memory, batching and throughput.  Pure functions.

A replica is ``n`` GPUs running one copy of the model: tensor-parallel inside one server (at
most ``max_per_node`` GPUs), pipeline-parallel across servers beyond that.  Its numbers:

* **Memory.**  The weights at their precision (the model's native one unless asked otherwise:
  gpt-oss ships in MXFP4, DeepSeek in FP8) must fit in the share of device memory an engine
  may use, less a reserve per GPU for activations, CUDA graphs and communication buffers.  What
  is left holds the KV cache, whose size per token comes from the attention layout: grouped
  query attention caches keys and values for every KV head of every full-attention layer;
  multi-head latent attention (DeepSeek) caches one compressed latent and a rotary key per layer;
  sliding-window layers cache at most their window; linear-attention layers keep a fixed state
  and no cache.  Where the layout is unpublished, a bound that grows with the *active*
  parameters stands in, and the result says it is an estimate.
* **Batch.**  The sequences decoded at once: as many as memory holds at their full length, at
  most the engine's batch limit, and, for interactive traffic, no more than keeps each stream at
  the per-stream speed target (a step must take at most 1 / target seconds).
* **A decode step** takes the longer of its memory time (the weights it touches, plus every
  sequence's KV cache) and its compute time (two FLOPs per active parameter per sequence at the
  weights' tensor rate, plus attention at the 16-bit rate), plus tensor-parallel all-reduces
  (two per layer: a latency and the activations over the GPU link) and fixed per-layer and
  per-step overheads.  A mixture-of-experts step touches more experts as the batch grows.
* **Prefill** is compute-bound: two FLOPs per active parameter per prompt token plus causal
  attention, plus its all-reduces.  A request costs its prefill time plus its share of the
  decode steps; throughput is requests (and tokens) per second at that cost.

The constants of ``ENGINE`` are calibrated against published measurements of tuned engines
(TensorRT-LLM's performance tables, vLLM and SGLang benchmarks): ``tests/data/throughput.toml``
lists them with their sources, and ``tests/test_serving_calibration.py`` holds every prediction
within 35% and the median within 20% (``scripts/calibrate_serving.py`` refits and reports).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..records import Gpu, Model

PRECISION_BYTES: dict[str, float] = {
    "fp32": 4.0,
    "bf16": 2.0,
    "fp16": 2.0,
    "fp8": 1.0,
    "int8": 1.0,
    "mxfp4": 4.25 / 8,  # 4-bit values and one 8-bit scale per 32
    "nvfp4": 4.5 / 8,  # 4-bit values and one FP8 scale per 16
    "int4": 4.25 / 8,  # 4-bit values with group scales (GPTQ/AWQ, group 128 at 16-bit: ~4.125)
}
"""Bytes per weight at each precision, block scales included."""

QUANTIZATION_PRECISION: dict[str, str] = {"fp16": "bf16", "fp8": "fp8", "int8": "int8", "int4": "int4"}
"""What each ``--quantization`` value means as a weight precision."""

KV_BOUND_BYTES_PER_ACTIVE_B = 40_960.0
"""Where the attention layout is unpublished: KV-cache bytes per token (at 16 bits) per billion
active parameters.  It is above every published grouped-query or latent layout in the
catalogue from 2024 on, at 4k-token sequences (the largest: Gemma 2 9B, 38,229; Llama 3.1 8B
is 16,384, Llama 3.3 70B 4,681); ``tests/test_serving.py`` checks that it stays so."""


@dataclass(frozen=True, slots=True)
class Engine:
    """A tuned serving engine's efficiencies and overheads (calibrated; see the module doc)."""

    memory_fraction: float = 0.92
    """Share of device memory the engine uses (vLLM's --gpu-memory-utilization, TensorRT-LLM's
    free_gpu_memory_fraction)."""
    reserve_gb: float = 1.5
    """Memory per GPU held for activations, CUDA graphs and communication buffers."""
    bandwidth_efficiency: float = 0.9
    """Share of peak memory bandwidth a decode step's reads reach."""
    linear_mfu: float = 0.3
    """Share of peak tensor throughput the decode step's matrix multiplies reach."""
    prefill_mfu: float = 0.7
    """Share of peak tensor throughput prefill's matrix multiplies reach."""
    moe_prefill_efficiency: float = 0.36
    """Prefill efficiency of a mixture of experts relative to a dense model (small, uneven
    expert matrix multiplies)."""
    attention_mfu: float = 0.2
    """Share of the 16-bit tensor rate attention reaches (decode and prefill)."""
    layer_overhead_us: float = 22.0
    """Fixed cost per layer per decode step (kernel launches, normalisation, routing)."""
    step_overhead_ms: float = 0.67
    """Fixed cost per decode step (scheduling, sampling)."""
    allreduce_latency_us: float = 13.4
    """Latency of one tensor-parallel all-reduce over NVLink or Infinity Fabric."""
    pcie_latency_factor: float = 2.6
    """How much longer an all-reduce's latency is over PCIe."""
    link_efficiency: float = 0.53
    """Share of the GPU link's bandwidth an all-reduce reaches."""
    prefill_comm_share: float = 0.72
    """Share of prefill's all-reduce time not hidden behind its compute."""
    pipeline_efficiency: float = 0.85
    """Throughput kept per server when a replica is pipelined across servers (bubbles)."""
    internode_latency_us: float = 10.0
    """Latency a pipeline hop between servers adds to each decode step, per hop."""


ENGINE = Engine()

DEFAULT_PCIE_GBS = 32.0
"""GPU-to-GPU bandwidth, one way, assumed for a card whose datasheet states none (PCIe 4.0 x16)."""
DEFAULT_NODE = 8
"""GPUs per server where the catalogue does not say."""


@dataclass(frozen=True, slots=True)
class Layout:
    """What serving reads from a model: parameters and attention layout."""

    total_b: float
    active_b: float
    layers: int
    kv_full: float
    """KV-cache elements per token over the full-attention layers (2 x KV heads x head dim per
    layer; for multi-head latent attention the latent rank plus the rotary dimension)."""
    kv_window: float
    """KV-cache elements per token over the sliding-window layers."""
    window: int | None
    attention_width: float
    """Query heads x the dimension attention multiplies by (the latent rank for MLA)."""
    attention_layers: int
    """Layers that attend over the context (sliding-window layers included)."""
    hidden: float
    expert_share: float
    """Share of the expert weights one token uses (experts per token / experts); 1 for dense."""
    native_precision: str | None
    estimated: bool
    """True when the attention layout is unpublished and the KV cache is a bound."""
    estimated_width: bool
    """True when hidden size or attention heads are unpublished and estimated from the size."""

    @property
    def moe(self) -> bool:
        return self.expert_share < 1.0


def layout_of(model: Model) -> Layout | None:
    """The serving layout of an open model with a parameter count; None otherwise."""
    if model.params_b is None:
        return None
    total = model.params_b
    active = min(model.active_params_b or total, total)
    arch = model.architecture
    if arch is None:
        layers = max(1, round(total ** (1 / 3) * 8))  # a rough depth; only overheads read it
        hidden = math.sqrt(active * 1e9 / (12 * layers))
        kv = KV_BOUND_BYTES_PER_ACTIVE_B * active / 2  # elements at 16 bits
        return Layout(
            total_b=total,
            active_b=active,
            layers=layers,
            kv_full=kv,
            kv_window=0.0,
            window=None,
            attention_width=hidden,
            attention_layers=layers,
            hidden=hidden,
            expert_share=active / total if total > active * 1.05 else 1.0,
            native_precision=None,
            estimated=True,
            estimated_width=True,
        )
    layers = arch.layers
    linear = min(arch.linear_attention_layers or 0, layers)
    window_layers = min(arch.sliding_window_layers or 0, layers - linear) if arch.sliding_window else 0
    full = layers - linear - window_layers
    if arch.kv_lora_rank:
        per_layer = float(arch.kv_lora_rank + (arch.qk_rope_head_dim or 0))
        width_per_head = float(arch.kv_lora_rank + (arch.qk_rope_head_dim or 0))
    else:
        per_layer = 2.0 * arch.kv_heads * arch.head_dim
        width_per_head = float(arch.head_dim)
    estimated_width = arch.hidden_size is None or arch.attention_heads is None
    hidden = float(arch.hidden_size) if arch.hidden_size else math.sqrt(active * 1e9 / (12 * layers))
    heads = arch.attention_heads or max(arch.kv_heads, round(hidden / arch.head_dim))
    if arch.experts and arch.experts_per_token:
        share = min(1.0, arch.experts_per_token / arch.experts)
    else:
        share = active / total if total > active * 1.05 else 1.0
    return Layout(
        total_b=total,
        active_b=active,
        layers=layers,
        kv_full=per_layer * full,
        kv_window=per_layer * window_layers,
        window=arch.sliding_window if window_layers else None,
        attention_width=heads * width_per_head,
        attention_layers=full + window_layers,
        hidden=hidden,
        expert_share=share,
        native_precision=arch.native_precision,
        estimated=False,
        estimated_width=estimated_width,
    )


def kv_bytes_per_token(lay: Layout, kv_bytes: float, tokens: float) -> float:
    """KV-cache bytes per token of a sequence ``tokens`` long (sliding-window layers cache at
    most their window, so their share per token falls as the sequence grows)."""
    windowed = lay.kv_window
    if windowed and lay.window is not None and tokens > lay.window:
        windowed *= lay.window / tokens
    return (lay.kv_full + windowed) * kv_bytes


@dataclass(frozen=True, slots=True)
class Rates:
    """One GPU type's numbers as serving uses them."""

    memory_gb: float
    bandwidth_gbs: float
    bf16_tflops: float
    linear_tflops: float
    """The tensor rate the weights' matrix multiplies run at (FP8 or FP4 where the GPU has it)."""
    link_gbs: float
    pcie: bool
    per_node: int


def rates_of(gpu: Gpu, precision: str) -> Rates | None:
    """None when the GPU's 16-bit tensor rate is unpublished (no throughput can be computed)."""
    if gpu.fp16_tflops is None:
        return None
    bf16 = gpu.fp16_tflops
    linear = bf16
    if precision == "fp8" and gpu.fp8:
        linear = gpu.fp8_tflops or 2 * bf16
    elif precision in ("mxfp4", "nvfp4") and gpu.fp4_tflops:
        linear = gpu.fp4_tflops
    elif precision in ("mxfp4", "nvfp4") and gpu.fp8:
        linear = gpu.fp8_tflops or 2 * bf16  # 4-bit weights, 8-bit activations (Hopper, Ada)
    pcie = gpu.interconnect in (None, "pcie")
    link = gpu.interconnect_gbs / 2 if gpu.interconnect_gbs else DEFAULT_PCIE_GBS  # datasheets add both directions
    return Rates(
        memory_gb=gpu.memory_gb,
        bandwidth_gbs=gpu.bandwidth_gbs,
        bf16_tflops=bf16,
        linear_tflops=linear,
        link_gbs=link,
        pcie=pcie,
        per_node=gpu.max_per_node or DEFAULT_NODE,
    )


@dataclass(frozen=True, slots=True)
class Served:
    """What one replica of ``gpus`` GPUs serves at a request shape."""

    gpus: int
    nodes: int
    weights_gb: float
    kv_gb: float
    """KV cache of the whole batch at full length."""
    memory_gb: float
    """Weights, KV cache and the per-GPU reserve: what the replica holds."""
    batch: int
    max_batch: int
    """Sequences memory (and the engine's limit) allow, before the speed target."""
    step_ms: float
    stream_tokens_per_s: float
    """Output tokens per second each stream sees at this batch."""
    output_tokens_per_s: float
    tokens_per_s: float
    """Prompt and output tokens served per second."""
    prefill_tokens_per_s: float


@dataclass(frozen=True, slots=True)
class Shape:
    """The requests: tokens in and out, KV precision, batch limit, speed target."""

    input_tokens: float
    output_tokens: float
    kv_bytes: float = 2.0
    max_batch: int = 256
    stream_speed: float | None = None
    """Output tokens per second each stream must see; None for batch work (any speed)."""


def fits(lay: Layout, rates: Rates, gpus: int, precision: str, engine: Engine = ENGINE) -> bool:
    """Whether the weights alone fit in ``gpus`` GPUs."""
    usable = gpus * (rates.memory_gb * engine.memory_fraction - engine.reserve_gb)
    return usable > lay.total_b * PRECISION_BYTES[precision]


@dataclass(frozen=True, slots=True)
class _Replica:
    """The invariants of one replica at one request shape: what a decode step and a prefill
    cost, before the batch is chosen."""

    lay: Layout
    gpus: int
    tp: int
    nodes: int
    bpp: float
    weights: float
    free: float
    kv_full: float
    kv_mean: float
    bw: float
    linear: float
    attn: float
    dense_w: float
    experts_w: float
    latency: float
    link: float
    ar_share: float
    attn_flops: float
    fixed: float

    def step(self, b: float) -> float:
        """Seconds of one decode step at batch ``b``: the longer of reading the weights it
        touches and every sequence's KV cache, and its compute; then its all-reduces and fixed
        overheads."""
        lay = self.lay
        if self.experts_w:
            touched = self.dense_w + self.experts_w * (1 - math.pow(1 - lay.expert_share, b))
        else:
            touched = self.dense_w
        memory = (touched * self.bpp + b * self.kv_mean) / self.bw
        compute = b * 2 * lay.active_b * 1e9 / self.linear + b * self.attn_flops / self.attn
        comm = 2 * lay.layers * self.ar_share * b * lay.hidden * 2 / self.link if self.tp > 1 else 0.0
        return max(memory, compute) + comm + self.fixed


def _replica(lay: Layout, rates: Rates, gpus: int, precision: str, shape: Shape, engine: Engine) -> _Replica | None:
    bpp = PRECISION_BYTES[precision]
    weights = lay.total_b * 1e9 * bpp
    usable = gpus * (rates.memory_gb * engine.memory_fraction - engine.reserve_gb) * 1e9
    free = usable - weights
    isl, osl = shape.input_tokens, shape.output_tokens
    full = isl + osl
    mean = isl + osl / 2
    kv_full = kv_bytes_per_token(lay, shape.kv_bytes, full) * full  # one sequence at its end
    kv_mean = kv_bytes_per_token(lay, shape.kv_bytes, mean) * mean
    tp = min(gpus, rates.per_node)
    nodes = max(1, math.ceil(gpus / rates.per_node))
    if free <= 0 or free < kv_full * nodes:
        return None
    total_w, active_w = lay.total_b * 1e9, lay.active_b * 1e9
    if lay.moe:
        experts_w = min(total_w, (total_w - active_w) / (1 - lay.expert_share))
        dense_w = total_w - experts_w
    else:
        experts_w, dense_w = 0.0, total_w
    latency = engine.allreduce_latency_us * 1e-6 * (engine.pcie_latency_factor if rates.pcie else 1.0)
    return _Replica(
        lay=lay,
        gpus=gpus,
        tp=tp,
        nodes=nodes,
        bpp=bpp,
        weights=weights,
        free=free,
        kv_full=kv_full,
        kv_mean=kv_mean,
        bw=tp * rates.bandwidth_gbs * 1e9 * engine.bandwidth_efficiency,
        linear=tp * rates.linear_tflops * 1e12 * engine.linear_mfu,
        attn=tp * rates.bf16_tflops * 1e12 * engine.attention_mfu,
        dense_w=dense_w,
        experts_w=experts_w,
        latency=latency,
        link=rates.link_gbs * 1e9 * engine.link_efficiency,
        ar_share=2 * (tp - 1) / tp if tp > 1 else 0.0,
        attn_flops=4 * lay.attention_layers * lay.attention_width * mean,
        fixed=(
            engine.step_overhead_ms * 1e-3
            + lay.layers * engine.layer_overhead_us * 1e-6
            + (nodes - 1) * engine.internode_latency_us * 1e-6
            + (2 * lay.layers * latency if tp > 1 else 0.0)
        ),
    )


def step_seconds(
    lay: Layout, rates: Rates, gpus: int, precision: str, shape: Shape, batch: int, engine: Engine = ENGINE
) -> float | None:
    """Seconds of one decode step of ``batch`` sequences (None when the model does not fit)."""
    rep = _replica(lay, rates, gpus, precision, shape, engine)
    return None if rep is None else rep.step(batch)


def serve(lay: Layout, rates: Rates, gpus: int, precision: str, shape: Shape, engine: Engine = ENGINE) -> Served | None:
    """The replica's numbers, or None when the model does not fit or cannot meet the speed.

    Across servers each holds a pipeline stage and ``nodes`` micro-batches are in flight, each
    of ``batch`` sequences; a token still passes every stage, so a step takes the whole
    model's time on one server."""
    rep = _replica(lay, rates, gpus, precision, shape, engine)
    if rep is None:
        return None
    nodes, tp = rep.nodes, rep.tp
    max_batch = max(1, min(shape.max_batch, int(rep.free // (rep.kv_full * nodes))))
    batch = max_batch
    if shape.stream_speed:
        target = 1.0 / shape.stream_speed
        if rep.step(1) > target:
            return None
        if not rep.experts_w:
            # step(b) = max(M + b m, b c) + b q + fixed: both branches are linear in b.
            m = rep.kv_mean / rep.bw
            c = 2 * lay.active_b * 1e9 / rep.linear + rep.attn_flops / rep.attn
            q = 2 * lay.layers * rep.ar_share * lay.hidden * 2 / rep.link if tp > 1 else 0.0
            room = target - rep.fixed
            limit = min((room - rep.dense_w * rep.bpp / rep.bw) / (m + q), room / (c + q))
            batch = max(1, min(max_batch, int(limit * (1 + 1e-12))))
            while batch > 1 and rep.step(batch) > target:  # rounding at the boundary
                batch -= 1
        else:
            lo, hi = 1, max_batch
            while lo < hi:  # the largest batch whose step meets the target (step grows with b)
                mid = (lo + hi + 1) // 2
                if rep.step(mid) <= target:
                    lo = mid
                else:
                    hi = mid - 1
            batch = lo
    t_step = rep.step(batch)
    isl, osl = shape.input_tokens, shape.output_tokens
    active_w = lay.active_b * 1e9
    moe_eff = engine.moe_prefill_efficiency if lay.moe else 1.0
    prefill = isl * 2 * active_w / (tp * rates.linear_tflops * 1e12 * engine.prefill_mfu * moe_eff)
    prefill += isl * 4 * lay.attention_layers * lay.attention_width * isl / 2 / rep.attn
    if tp > 1:
        prefill += (
            2 * lay.layers * (rep.latency + rep.ar_share * isl * lay.hidden * 2 / rep.link) * engine.prefill_comm_share
        )
    # GPU-seconds per request on the replica: its prefill and its share of the decode steps;
    # across servers the stages work on different requests at once.
    stage_eff = 1.0 if nodes == 1 else engine.pipeline_efficiency
    per_request = (prefill + osl * t_step / batch) / (nodes * stage_eff)
    return Served(
        gpus=gpus,
        nodes=nodes,
        weights_gb=rep.weights / 1e9,
        kv_gb=batch * nodes * rep.kv_full / 1e9,
        memory_gb=(rep.weights + batch * nodes * rep.kv_full) / 1e9 + gpus * engine.reserve_gb,
        batch=batch,
        max_batch=max_batch,
        step_ms=t_step * 1e3,
        stream_tokens_per_s=1.0 / t_step,
        output_tokens_per_s=osl / per_request,
        tokens_per_s=(isl + osl) / per_request,
        prefill_tokens_per_s=isl / prefill if prefill > 0 else 0.0,
    )


def throughput(
    model: Model,
    gpu: Gpu,
    gpus: int,
    *,
    precision: str | None = None,
    input_tokens: float,
    output_tokens: float,
    kv_bytes: float = 2.0,
    concurrency: int | None = None,
    max_batch: int = 2048,
    engine: Engine = ENGINE,
) -> Served | None:
    """Max-throughput serving of ``model`` on one replica of ``gpus`` GPUs (precision: the
    model's native one unless given), as a benchmark that queues every request measures it;
    ``concurrency`` caps the sequences in flight."""
    lay = layout_of(model)
    if lay is None:
        return None
    precision = precision or lay.native_precision or "bf16"
    rates = rates_of(gpu, precision)
    if rates is None:
        return None
    cap = max_batch if concurrency is None else max(1, concurrency)
    shape = Shape(input_tokens=input_tokens, output_tokens=output_tokens, kv_bytes=kv_bytes, max_batch=cap)
    return serve(lay, rates, gpus, precision, shape, engine)
