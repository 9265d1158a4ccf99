"""The cost model: hand-computed cases, properties, and published sizings."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from llm_advisor.core.costs import (
    blended_price,
    break_even_tokens,
    kv_cache_gb_per_sequence,
    plan_self_hosting_modes,
    size_on_gpu,
    token_cost,
)
from llm_advisor.requirements import CostAssumptions, Workload

from .conftest import revalidated

A = CostAssumptions()


def plan_self_hosting(model, gpus, tokens, share, mode, a):
    return plan_self_hosting_modes(model, gpus, Workload(tokens=tokens, output_share=share), a, modes=(mode,))[mode]


def test_token_cost_hand_computed(fixture_catalog):
    off = fixture_catalog.models["beta-pro"].offerings[0]  # $5 in / $25 out
    # 50M tokens, 25% output: 37.5M x $5 + 12.5M x $25 = 187.5 + 312.5
    assert token_cost(off, Workload(tokens=50_000_000)) == pytest.approx(500.0)
    assert blended_price(off, Workload(tokens=1)) == pytest.approx(10.0)
    assert token_cost(off, Workload(tokens=0)) == 0


def test_batch_cache_and_audio_prices_hand_computed(fixture_catalog):
    """$5 / $25 per M, cached input $0.50, batch $2.50 / $12.50, audio input $20.
    10M tokens, 25% output: 7.5M input, 2.5M output."""
    off = replace(
        fixture_catalog.models["beta-pro"].offerings[0],
        cached_input=0.5,
        batch_input=2.5,
        batch_output=12.5,
        audio_input=20.0,
    )
    w = Workload(tokens=10_000_000)
    assert token_cost(off, w) == pytest.approx(37.5 + 62.5)
    # 40% of the input cached: 4.5M x $5 + 3M x $0.50 + 2.5M x $25
    assert token_cost(off, replace(w, cache_share=0.4)) == pytest.approx(22.5 + 1.5 + 62.5)
    # half through batch: half of $100 + half of (7.5M x $2.50 + 2.5M x $12.50)
    assert token_cost(off, replace(w, batch_share=0.5)) == pytest.approx(50 + 0.5 * (18.75 + 31.25))
    # audio input: 7.5M x $20 + 2.5M x $25
    assert token_cost(off, replace(w, audio=True)) == pytest.approx(150 + 62.5)
    # a host that sells no batch or cached price charges the standard price for those shares
    plain = fixture_catalog.models["beta-pro"].offerings[0]
    assert token_cost(plain, replace(w, batch_share=0.5, cache_share=0.4)) == pytest.approx(100.0)


def test_kv_cache_formula(fixture_catalog):
    m = fixture_catalog.models["alpha-8b"]  # 32 layers, 8 KV heads, head dim 128
    gb, estimated = kv_cache_gb_per_sequence(m, 8192, 2.0)
    assert not estimated
    assert gb == pytest.approx(2 * 32 * 8 * 128 * 8192 * 2 / 1e9)


def test_kv_fallback_is_flagged(fixture_catalog):
    m = fixture_catalog.models["alpha-research"]  # no architecture published
    gb, estimated = kv_cache_gb_per_sequence(m, 8192, 2.0)
    assert estimated and gb == pytest.approx(30 * 2 * 0.05)


def test_sizing_hand_computed(fixture_catalog):
    m = fixture_catalog.models["alpha-8b"]
    small = fixture_catalog.gpus["small"]  # 24 GB, 1000 GB/s, 100 TFLOPS, $1/h, $3,600
    s = size_on_gpu(m, small, A, 0.25)
    kv = 2 * 32 * 8 * 128 * 8192 * 2 / 1e9
    vram = (16 + 8 * kv) * 1.2
    assert s.vram_gb == pytest.approx(vram, abs=0.01)
    assert s.gpus_per_replica == 2  # 29.5 GB does not fit one 24 GB card
    step = (8e9 * 2 + 8 * kv * 1e9 / 2) / (2 * 1000e9 * 0.6)
    decode = 8 / step
    prefill = 2 * 100e12 * 0.4 / (2 * 8e9)
    assert s.decode_tokens_per_s == pytest.approx(decode, abs=0.1)
    assert s.prefill_tokens_per_s == pytest.approx(prefill)
    capacity = 730 * 3600 * 0.5 / (0.25 / decode + 0.75 / prefill)
    assert s.capacity_tokens_per_month == pytest.approx(capacity, rel=1e-3)


def test_rented_and_owned_cost_hand_computed(fixture_catalog):
    m = fixture_catalog.models["alpha-8b"]
    small = [fixture_catalog.gpus["small"]]
    rented = plan_self_hosting(m, small, 100_000_000, 0.25, "rented-gpus", A)
    owned = plan_self_hosting(m, small, 100_000_000, 0.25, "owned-gpus", A)
    assert rented.monthly_cost_usd == pytest.approx(2 * 1.0 * 730)
    # 2 x $3,600 / 36 months + 2 x 0.3 kW x 730 h x 1.4 PUE x $0.15
    assert owned.monthly_cost_usd == pytest.approx(2 * 3600 / 36 + 2 * 0.3 * 730 * 1.4 * 0.15)


def test_replicas_grow_with_volume(fixture_catalog):
    m = fixture_catalog.models["alpha-8b"]
    small = [fixture_catalog.gpus["small"]]
    one = plan_self_hosting(m, small, 1_000_000, 0.25, "rented-gpus", A)
    cap = one.sizing.capacity_tokens_per_month
    many = plan_self_hosting(m, small, cap * 3 + 1, 0.25, "rented-gpus", A)
    assert (one.replicas, many.replicas) == (1, 4)
    assert many.monthly_cost_usd == pytest.approx(4 * one.monthly_cost_usd)


def test_break_even_hand_computed(fixture_catalog):
    """alpha-8b on two small GPUs, owned: 2 x $3,600 / 36 months + 2 x 0.3 kW x 730 h x 1.4 PUE
    x $0.15/kWh = $200 + $91.98 = $291.98 a month per replica.  An API at $1 per million tokens
    costs as much at 291.98M tokens a month; one replica serves more than that, so above it
    self-hosting is cheaper."""
    m = fixture_catalog.models["alpha-8b"]
    plan = plan_self_hosting(m, [fixture_catalog.gpus["small"]], 1_000_000, 0.25, "owned-gpus", A)
    assert plan.cost_per_replica_usd == pytest.approx(291.98)
    assert plan.sizing.capacity_tokens_per_month > 291_980_000
    assert break_even_tokens(plan, 1.0) == pytest.approx(291_980_000, abs=1)
    # At $0.0001 per million the API would charge $29 for a replica's whole capacity (a few
    # hundred million tokens): self-hosting never beats it.
    assert break_even_tokens(plan, 0.0001) is None
    assert break_even_tokens(plan, 0) is None


def test_closed_models_have_no_self_hosting(fixture_catalog):
    m = fixture_catalog.models["beta-pro"]
    assert plan_self_hosting(m, list(fixture_catalog.gpus.values()), 10**8, 0.25, "rented-gpus", A) is None


def test_fp8_needs_hardware_support(fixture_catalog, real_catalog):
    m = real_catalog.models["llama-3.3-70b"]
    a100 = real_catalog.gpus["a100-80gb"]
    assert not a100.fp8
    assert size_on_gpu(m, a100, CostAssumptions(quantization="fp8"), 0.25) is None


# Known published sizings -----------------------------------------------------------------


def test_70b_fp16_needs_more_than_one_80gb_gpu(real_catalog):
    m = real_catalog.models["llama-3.3-70b"]
    s = size_on_gpu(m, real_catalog.gpus["h100-sxm"], A, 0.25)
    assert s.weights_gb == pytest.approx(140)
    assert s.gpus_per_replica > 1


def test_70b_int4_fits_one_80gb_gpu(real_catalog):
    m = real_catalog.models["llama-3.3-70b"]
    s = size_on_gpu(m, real_catalog.gpus["h100-sxm"], CostAssumptions(quantization="int4"), 0.25)
    assert s.weights_gb == pytest.approx(35)
    assert s.gpus_per_replica == 1


# Properties -----------------------------------------------------------------------------

volumes = st.integers(min_value=0, max_value=50_000_000_000)


@settings(max_examples=60, deadline=None)
@given(v1=volumes, v2=volumes, mode=st.sampled_from(["rented-gpus", "owned-gpus"]), share=st.floats(0, 1))
def test_cost_never_falls_as_volume_rises(fixture_catalog, v1, v2, mode, share):
    lo, hi = sorted((v1, v2))
    gpus = list(fixture_catalog.gpus.values())
    for m in fixture_catalog.models.values():
        for off in m.priced_offerings:
            assert (
                token_cost(off, Workload(tokens=lo, output_share=share))
                <= token_cost(off, Workload(tokens=hi, output_share=share)) + 1e-9
            )
        a, b = plan_self_hosting(m, gpus, lo, share, mode, A), plan_self_hosting(m, gpus, hi, share, mode, A)
        for plan in (a, b):  # built without validation: the values must still fit the types
            if plan is not None:
                assert revalidated(plan) == plan
        if a is not None and b is not None:
            assert a.monthly_cost_usd <= b.monthly_cost_usd + 1e-6


@settings(max_examples=40, deadline=None)
@given(ctx=st.integers(512, 262_144), conc=st.integers(1, 64))
def test_more_bytes_per_parameter_never_needs_fewer_gpus(real_catalog, ctx, conc):
    order = ["int4", "int8", "fp16"]
    for mid in ("llama-3.3-70b", "gpt-oss-20b", "mixtral-8x7b"):
        m = real_catalog.models[mid]
        for gpu in real_catalog.gpus.values():
            counts = []
            for q in order:
                s = size_on_gpu(m, gpu, CostAssumptions(quantization=q, context=ctx, concurrency=conc), 0.25)
                counts.append(math.inf if s is None else s.gpus_per_replica)
            assert counts == sorted(counts), (mid, gpu.id, counts)


def test_vanishing_output_share_does_not_overflow(real_catalog):
    """Found by Hypothesis: a subnormal output share on a GPU without a published prefill rate
    overflowed the capacity to infinity and crashed `recommend`."""
    gpu = next(g for g in real_catalog.gpus.values() if g.fp16_tflops is None)
    m = real_catalog.models["gemma-4-31b"]
    a = CostAssumptions(context=1)
    sizing = size_on_gpu(m, gpu, a, 2.225073858507e-311)
    assert sizing is not None and 0 < sizing.capacity_tokens_per_month <= 2**63 - 1


def test_sizing_key_holds_everything_sizing_reads(real_catalog):
    """The recommender sizes each sizing_key once; changing any fact outside the key must not
    change a plan, and changing a fact inside it must change the key."""
    from llm_advisor.core.costs import sizing_key

    gpus = list(real_catalog.gpus.values())
    m = real_catalog.models["llama-3.3-70b"]
    other = real_catalog.models["qwen3-32b"]
    twin = replace(
        m,
        id="twin",
        name="Twin",
        context=8_000,
        offerings=[],
        license=other.license,
        capability=other.capability,
        released=other.released,
        modalities=other.modalities,
    )
    assert sizing_key(twin) == sizing_key(m)
    for volume in (1_000_000, 10**9):
        w = Workload(tokens=volume)
        assert plan_self_hosting_modes(twin, gpus, w, A) == plan_self_hosting_modes(m, gpus, w, A)
    for change in (
        {"params_b": 71.0},
        {"active_params_b": 7.0},
        {"architecture": other.architecture},
        {"open_weights": False},
    ):
        assert sizing_key(_unchecked(m, **change)) != sizing_key(m), change


def _unchecked(record, **changes):
    """A copy of a frozen record with fields changed, skipping its consistency checks (a closed
    model with weights is no valid record, but sizing_key must still tell it apart)."""
    import copy

    clone = copy.copy(record)
    for name, value in changes.items():
        object.__setattr__(clone, name, value)
    return clone
