"""The serving model: memory from the attention layout, the batch, the decode step."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from llm_advisor.core.serving import (
    ENGINE,
    KV_BOUND_BYTES_PER_ACTIVE_B,
    PRECISION_BYTES,
    Shape,
    kv_bytes_per_token,
    layout_of,
    rates_of,
    serve,
    step_seconds,
)


def test_gqa_kv_cache_per_token(real_catalog):
    lay = layout_of(real_catalog.models["llama-3.3-70b"])  # 80 layers, 8 KV heads of 128
    assert kv_bytes_per_token(lay, 2.0, 8192) == 2 * 80 * 8 * 128 * 2
    assert not lay.estimated and not lay.moe


def test_mla_kv_cache_is_the_latent(real_catalog):
    """DeepSeek-V3 caches a 512-wide latent and a 64-wide rotary key per layer (as SGLang stores
    it): 8 sequences of 8k tokens take about 4.6 GB, not the 524 GB of 0.1's fallback."""
    lay = layout_of(real_catalog.models["deepseek-v3"])
    per_token = kv_bytes_per_token(lay, 2.0, 8192)
    assert per_token == 61 * (512 + 64) * 2
    assert 8 * 8192 * per_token / 1e9 == pytest.approx(4.6, abs=0.05)


def test_sliding_window_layers_cache_at_most_their_window(real_catalog):
    """gpt-oss-120b: 18 of 36 layers attend to a 128-token window."""
    lay = layout_of(real_catalog.models["gpt-oss-120b"])
    full_layer = 2 * 8 * 64 * 2
    short = kv_bytes_per_token(lay, 2.0, 128)
    long = kv_bytes_per_token(lay, 2.0, 128_000)
    assert short == 36 * full_layer
    assert long == pytest.approx(18 * full_layer + 18 * full_layer * 128 / 128_000)


def test_linear_attention_layers_keep_no_cache(real_catalog):
    """Nemotron 3 Nano: 23 of its 52 layers are Mamba-2 blocks."""
    lay = layout_of(real_catalog.models["nemotron-3-nano-30b-a3b"])
    assert kv_bytes_per_token(lay, 2.0, 4096) == (52 - 23) * 2 * 2 * 128 * 2


def test_unknown_layout_is_a_bound_on_active_parameters(fixture_catalog, real_catalog):
    """Without a published layout the KV cache is bounded by the active, not the total,
    parameters; the bound is above every grouped-query layout the catalogue publishes (at
    4k-token sequences)."""
    lay = layout_of(fixture_catalog.models["alpha-research"])
    assert lay.estimated
    assert kv_bytes_per_token(lay, 2.0, 4096) == pytest.approx(KV_BOUND_BYTES_PER_ACTIVE_B * lay.active_b)
    checked = 0
    for m in real_catalog.models.values():
        arch = m.architecture
        if arch is None or arch.kv_lora_rank or m.params_b is None or m.released is None or m.released.year < 2024:
            continue
        if arch.kv_heads >= (arch.attention_heads or 10**9):  # multi-head attention, no grouping
            continue
        per_b = kv_bytes_per_token(layout_of(m), 2.0, 4096) / layout_of(m).active_b
        assert per_b <= KV_BOUND_BYTES_PER_ACTIVE_B, (m.id, per_b)
        checked += 1
    assert checked >= 20


def test_native_precisions_are_known(real_catalog):
    for m in real_catalog.models.values():
        if m.architecture and m.architecture.native_precision:
            assert m.architecture.native_precision in PRECISION_BYTES, m.id


def test_memory_holds_weights_kv_and_reserve(real_catalog):
    lay = layout_of(real_catalog.models["llama-3.3-70b"])
    h100 = rates_of(real_catalog.gpus["h100-sxm"], "fp8")
    shape = Shape(input_tokens=3072, output_tokens=1024, max_batch=10_000)
    s = serve(lay, h100, 2, "fp8", shape)
    usable = 2 * (80 * ENGINE.memory_fraction - ENGINE.reserve_gb)
    per_seq = kv_bytes_per_token(lay, 2.0, 4096) * 4096 / 1e9
    assert s.weights_gb == pytest.approx(70)
    assert s.max_batch == int((usable - 70) / per_seq)
    assert s.memory_gb <= 2 * 80


def test_the_batch_is_the_largest_that_meets_the_speed(real_catalog):
    for mid in ("llama-3.1-8b", "gpt-oss-120b", "qwen3-32b", "deepseek-v3"):
        lay = layout_of(real_catalog.models[mid])
        precision = lay.native_precision or "bf16"
        for gid, n in (("h100-sxm", 1), ("h100-sxm", 8), ("l40s", 2), ("h200", 8)):
            rates = rates_of(real_catalog.gpus[gid], precision)
            shape = Shape(input_tokens=3072, output_tokens=1024, stream_speed=30)
            s = serve(lay, rates, n, precision, shape)
            if s is None:
                continue
            assert s.stream_tokens_per_s >= 30 - 1e-9
            if s.batch < s.max_batch:
                slower = step_seconds(lay, rates, n, precision, shape, s.batch + 1)
                assert slower > 1 / 30, (mid, gid, n)


@settings(max_examples=60, deadline=None)
@given(b1=st.integers(1, 512), b2=st.integers(1, 512), ctx=st.integers(256, 65_536))
def test_a_step_never_gets_faster_with_more_sequences(real_catalog, b1, b2, ctx):
    lo, hi = sorted((b1, b2))
    for mid in ("llama-3.1-8b", "mixtral-8x7b", "deepseek-v3"):
        lay = layout_of(real_catalog.models[mid])
        precision = lay.native_precision or "bf16"
        rates = rates_of(real_catalog.gpus["h200"], precision)
        shape = Shape(input_tokens=ctx * 0.75, output_tokens=ctx * 0.25)
        a, b = step_seconds(lay, rates, 8, precision, shape, lo), step_seconds(lay, rates, 8, precision, shape, hi)
        if a is not None:
            assert a <= b + 1e-12


@settings(max_examples=40, deadline=None)
@given(speed=st.floats(1, 200))
def test_a_faster_speed_target_never_serves_more(real_catalog, speed):
    lay = layout_of(real_catalog.models["qwen3-32b"])
    rates = rates_of(real_catalog.gpus["h100-sxm"], "bf16")
    base = Shape(input_tokens=3072, output_tokens=1024)
    slow = serve(lay, rates, 1, "bf16", replace(base, stream_speed=speed))
    fast = serve(lay, rates, 1, "bf16", replace(base, stream_speed=speed * 1.5))
    if fast is not None:
        assert slow is not None and fast.tokens_per_s <= slow.tokens_per_s + 1e-6


def test_pcie_cards_pay_for_all_reduces(real_catalog):
    """Four L40S over PCIe lose more to tensor parallelism than four H100s over NVLink."""
    lay = layout_of(real_catalog.models["llama-3.1-70b"])
    shape = Shape(input_tokens=1000, output_tokens=1000, max_batch=2048)

    def scaling(gid: str) -> float:
        rates = rates_of(real_catalog.gpus[gid], "fp8")
        one_step = step_seconds(lay, rates, 4, "fp8", shape, 64)
        solo = replace(rates, per_node=1)  # the same four GPUs without tensor parallelism
        return one_step / step_seconds(lay, solo, 4, "fp8", shape, 64)

    assert scaling("l40s") > scaling("h100-sxm")
