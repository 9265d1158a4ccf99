"""The cost model: hand-computed cases, properties, and what publishers say their models need."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from llm_advisor.core.costs import (
    blended_price,
    break_even_tokens,
    configs,
    floor_table,
    hardware_costs,
    hourly_range,
    plan_self_hosting_modes,
    self_hosting_floor,
    sizing_key,
    staff_fte,
    token_cost,
)
from llm_advisor.records import RentalQuote
from llm_advisor.requirements import STAFF_FACTOR, CostAssumptions, Workload

from .conftest import revalidated

A = CostAssumptions()
NO_STAFF = CostAssumptions(staff=False)


def plan(model, gpus, tokens, mode, a=A, share=0.25, **mix):
    w = Workload(tokens=tokens, output_share=share, **mix)
    return plan_self_hosting_modes(model, gpus, w, a, modes=(mode,))[mode]


# Per token ---------------------------------------------------------------------------------


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


def test_long_context_region_and_fine_tuned_prices_hand_computed(fixture_catalog):
    """$5 / $25; above 200k prompt tokens $10 / $37.50; 1.1x in region; fine-tuned $7 / $30.
    10M tokens, 25% output."""
    off = replace(
        fixture_catalog.models["beta-pro"].offerings[0],
        long_context_above=200_000,
        long_input=10.0,
        long_output=37.5,
        cached_input=0.5,
        region_scope="global",
        regional_uplift=1.1,
        fine_tuned_input=7.0,
        fine_tuned_output=30.0,
    )
    w = Workload(tokens=10_000_000)
    assert token_cost(off, replace(w, prompt_tokens=200_000)) == pytest.approx(100.0)  # at the threshold: standard
    # every token of a longer request at the long rates: 7.5M x $10 + 2.5M x $37.50
    assert token_cost(off, replace(w, prompt_tokens=200_001)) == pytest.approx(75 + 93.75)
    # its cached input scales with the input: 40% cached at $0.50 x 2
    assert token_cost(off, replace(w, prompt_tokens=300_000, cache_share=0.4)) == pytest.approx(45 + 3 + 93.75)
    assert token_cost(off, replace(w, in_region=True)) == pytest.approx(110.0)
    assert token_cost(replace(off, region_scope="regional"), replace(w, in_region=True)) == pytest.approx(100.0)
    assert token_cost(off, replace(w, fine_tuned=True)) == pytest.approx(7.5 * 7 + 2.5 * 30)


def test_long_context_tiers_come_from_genai_prices(real_catalog):
    off = next(o for o in real_catalog.models["gemini-2.5-pro"].offerings if o.host == "gemini-api")
    assert (off.long_context_above, off.long_input, off.long_output) == (200_000, 2.5, 15.0)


# Hardware, people ---------------------------------------------------------------------------


def test_rented_and_owned_hardware_hand_computed(fixture_catalog):
    small = fixture_catalog.gpus["small"]  # $1/h, $3,600, 300 W; 8 a server (the default)
    assert hardware_costs(small, 2, "rented-gpus", A) == {"gpu_rental_usd": 2 * 1.0 * 730}
    owned = hardware_costs(small, 2, "owned-gpus", A)
    # 2 GPUs and a quarter of a $60,000 server over 60 months; 2 x 300 W + a quarter of the
    # server's 3,000 W, x 730 h x 1.54 PUE x $0.146/kWh
    assert owned["hardware_usd"] == pytest.approx((2 * 3600 + 60_000 / 4) / 60)
    assert owned["power_usd"] == pytest.approx((600 + 750) / 1000 * 730 * 1.54 * 0.146)


def test_a_whole_systems_price_and_power_stand_in_for_the_server(real_catalog):
    """The DGX B200's list price less its eight GPUs is the server; its 14.3 kW less eight
    1,000 W GPUs is the server's draw."""
    b200 = real_catalog.gpus["b200"]
    from llm_advisor.core.costs import server_power_w, server_price

    assert server_price(b200, A) == pytest.approx(b200.system_usd - 8 * b200.purchase_usd)
    assert server_power_w(b200, A) == pytest.approx(b200.node_power_w - 8 * b200.power_w)


def test_rental_range_is_the_published_quotes(fixture_catalog):
    small = fixture_catalog.gpus["small"]
    quotes = [
        RentalQuote(provider=p, usd_per_hour=v, date=small.as_of, source="fixture", commitment=c)
        for p, v, c in (("a", 0.8, "on-demand"), ("b", 1.4, "on-demand"), ("c", 0.3, "spot"), ("d", 0.1, "unstated"))
    ]
    low, typical, providers = hourly_range(replace(small, rental=quotes, hourly_usd=None))
    assert (low, typical, providers) == (0.8, pytest.approx(1.1), ["a", "b"])  # spot and unstated left out
    low, typical, _ = hourly_range(replace(small, rental=quotes))
    assert (low, typical) == (0.8, 1.0)  # the catalogue's typical price where it states one


def test_staff_time_hand_computed():
    # a strong team: 0.25 for a production service + 0.05 per server; owned servers add 0.05 each
    strong = CostAssumptions(expertise="strong")
    assert staff_fte("rented-gpus", 2, strong) == pytest.approx(0.35)
    assert staff_fte("owned-gpus", 2, strong) == pytest.approx(0.45)
    assert staff_fte("rented-gpus", 2, A) == pytest.approx(0.35 * STAFF_FACTOR["some"])
    # research use has no on-call: a quarter of a server's GPUs take a quarter of its share
    research = CostAssumptions(expertise="strong", production=False)
    assert staff_fte("rented-gpus", 0.25, research) == pytest.approx(0.0125)


def test_plan_cost_adds_up_and_staff_can_be_left_out(fixture_catalog):
    m = fixture_catalog.models["alpha-8b"]
    gpus = list(fixture_catalog.gpus.values())
    for mode in ("rented-gpus", "owned-gpus"):
        with_staff = plan(m, gpus, 100_000_000, mode)
        assert sum(with_staff.cost_breakdown.values()) == pytest.approx(with_staff.monthly_cost_usd, abs=0.02)
        assert with_staff.cost_breakdown["staff_usd"] == pytest.approx(with_staff.staff_fte * 190_000 / 12, rel=2e-3)
        without = plan(m, gpus, 100_000_000, mode, NO_STAFF)
        assert without.cost_breakdown["staff_usd"] == 0
        assert without.monthly_cost_usd == pytest.approx(
            with_staff.monthly_cost_usd - with_staff.cost_breakdown["staff_usd"], abs=0.02
        )


def test_replicas_grow_with_volume(fixture_catalog):
    from llm_advisor.core.costs import plan_cost

    m = fixture_catalog.models["alpha-8b"]
    cfg = configs(m, [fixture_catalog.gpus["small"]], Workload(tokens=10**6), NO_STAFF)[0]
    cap = cfg.capacity
    one = plan_cost(cfg, "rented-gpus", 1_000_000, NO_STAFF)
    many = plan_cost(cfg, "rented-gpus", cap * 3 + cap // 2, NO_STAFF)
    assert (one[2], many[2]) == (1, 4)
    assert many[0] == pytest.approx(4 * one[0])


def test_break_even_with_and_without_staff(fixture_catalog):
    """Without people, one replica at c a month beats an API at p per token above c / p
    tokens.  With people, the fixed share of an engineer has to be earned back too: the break
    even lies higher, and where the API is cheap enough never."""
    m = fixture_catalog.models["alpha-8b"]
    cfgs = [
        c for c in configs(m, [fixture_catalog.gpus["small"]], Workload(tokens=10**6), NO_STAFF) if c.served.gpus == 1
    ]
    replica = sum(cfgs[0].hardware["owned-gpus"].values())
    threshold = replica / 1e-6  # at $1 per million tokens
    assert threshold < cfgs[0].capacity
    assert break_even_tokens(cfgs, "owned-gpus", 1.0, NO_STAFF) == pytest.approx(threshold, abs=1)
    staffed = break_even_tokens(cfgs, "owned-gpus", 1.0, A)
    assert staffed is None or staffed > threshold
    assert break_even_tokens(cfgs, "owned-gpus", 1e-9, NO_STAFF) is None
    assert break_even_tokens(cfgs, "owned-gpus", 0, NO_STAFF) is None


def test_break_even_is_where_the_costs_cross(real_catalog):
    """At the break-even volume the cheapest plan costs no more than the API; one token below
    it, more."""
    m = real_catalog.models["llama-3.3-70b"]
    gpus = [real_catalog.gpus["h100-sxm"], real_catalog.gpus["h200"]]
    price = 2.0  # USD per million tokens
    cfgs = configs(m, gpus, Workload(tokens=10**9), A)
    be = break_even_tokens(cfgs, "rented-gpus", price, A)
    assert be is not None

    def cheapest(tokens):
        return plan(m, gpus, tokens, "rented-gpus").monthly_cost_usd

    assert cheapest(be) <= be * price / 1e6 + 0.01
    assert cheapest(be - 1) > (be - 1) * price / 1e6 - 0.01


def test_closed_models_have_no_self_hosting(fixture_catalog):
    m = fixture_catalog.models["beta-pro"]
    assert plan(m, list(fixture_catalog.gpus.values()), 10**8, "rented-gpus") is None


def test_the_floor_is_below_every_plan(real_catalog):
    """The recommender skips sizing when even the floor is over budget: it must never be above
    a real plan."""
    gpus = [g for g in real_catalog.gpus.values() if not g.consumer]
    table = floor_table(gpus, A)
    for mid in ("llama-3.3-70b", "gpt-oss-120b", "deepseek-v3", "qwen3-32b", "gemma-3-4b"):
        m = real_catalog.models[mid]
        floors = self_hosting_floor(m, table, A)
        for tokens in (10**6, 10**9, 10**11):
            for mode, p in plan_self_hosting_modes(m, gpus, Workload(tokens=tokens), A).items():
                if p is not None:
                    assert floors[mode] is not None and floors[mode][0] <= p.monthly_cost_usd + 0.01, (mid, mode)


# What publishers say their models need ------------------------------------------------------


def _fewest(model, gpu, a=A):
    """The fewest GPUs of one type a replica of ``model`` runs on at the speed target."""
    found = [c.served.gpus for c in configs(model, [gpu], Workload(tokens=10**8), a)]
    return min(found) if found else None


def test_gpt_oss_120b_runs_on_one_80gb_gpu(real_catalog):
    """OpenAI: 'gpt-oss-120b ... runs efficiently on a single 80 GB GPU' in its native MXFP4
    (https://openai.com/index/introducing-gpt-oss/); GPUStack served it on one H100
    (tests/data/throughput.toml)."""
    m = real_catalog.models["gpt-oss-120b"]
    assert _fewest(m, real_catalog.gpus["h100-sxm"]) == 1
    assert _fewest(m, real_catalog.gpus["a100-80gb"]) == 1


def test_gpt_oss_20b_fits_16gb(real_catalog):
    """OpenAI: gpt-oss-20b 'can run on edge devices with just 16 GB of memory'."""
    m = real_catalog.models["gpt-oss-20b"]
    assert _fewest(m, real_catalog.gpus["t4"]) == 1


def test_deepseek_v3_needs_a_full_h200_server(real_catalog):
    """DeepSeek's FP8 weights (671 GB) fill eight H200s, as TensorRT-LLM's DeepSeek-R1 guide
    runs it (tests/data/throughput.toml); on 80 GB H100s they need two servers."""
    m = real_catalog.models["deepseek-v3"]
    assert m.architecture.native_precision == "fp8"
    assert _fewest(m, real_catalog.gpus["h200"]) == 8
    assert _fewest(m, real_catalog.gpus["h100-sxm"]) == 16


def test_llama_70b_sizes(real_catalog):
    """Llama 3.3 70B: BF16 weights (140 GB) fit one 192 GB MI300X (the 1.2 factor of 0.1 pushed
    them past it); at FP8 TensorRT-LLM serves it on two H100s (tests/data/throughput.toml); at
    BF16 one 80 GB GPU cannot hold it."""
    m = real_catalog.models["llama-3.3-70b"]
    assert _fewest(m, real_catalog.gpus["mi300x"]) == 1
    assert _fewest(m, real_catalog.gpus["h100-sxm"], CostAssumptions(quantization="fp8")) <= 2
    assert _fewest(m, real_catalog.gpus["h100-sxm"]) >= 2


def test_a_small_model_runs_on_one_small_gpu(real_catalog):
    """Llama 3.1 8B runs on one L40S (TensorRT-LLM's table, tests/data/throughput.toml).  On an
    L4 (300 GB/s) one BF16 decode step reads 16 GB, about 60 ms: under 30 tokens/s per stream,
    so one L4 serves it only at FP8 or a slower speed target."""
    m = real_catalog.models["llama-3.1-8b"]
    assert _fewest(m, real_catalog.gpus["l40s"]) == 1
    assert _fewest(m, real_catalog.gpus["l4"], CostAssumptions(quantization="fp8")) == 1
    assert _fewest(m, real_catalog.gpus["l4"], CostAssumptions(stream_speed=10)) == 1


def test_native_precision_is_the_default(real_catalog):
    m = real_catalog.models["gpt-oss-120b"]
    native = next(iter(configs(m, [real_catalog.gpus["h100-sxm"]], Workload(tokens=10**8), A)))
    bf16 = next(
        iter(configs(m, [real_catalog.gpus["h100-sxm"]], Workload(tokens=10**8), CostAssumptions(quantization="fp16")))
    )
    assert native.precision == "mxfp4" and native.served.weights_gb == pytest.approx(117 * 4.25 / 8)
    assert bf16.precision == "bf16" and bf16.served.gpus >= 2


def test_consumer_cards_only_when_named(real_catalog):
    from llm_advisor.core.recommend import recommend
    from llm_advisor.requirements import Requirements

    from .conftest import TODAY

    req = Requirements(budget=10**6, tokens=10**10, hosting="self-hosted")
    advice = recommend(real_catalog, req, today=TODAY, top=50)
    consumer = {g.id for g in real_catalog.gpus.values() if g.consumer}
    assert consumer
    assert not {r.deployment.gpu for r in advice.open} & consumer


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
        w_lo, w_hi = Workload(tokens=lo, output_share=share), Workload(tokens=hi, output_share=share)
        for cfg in configs(m, gpus, w_lo, A):  # fixed hardware: the same GPU type and count
            from llm_advisor.core.costs import plan_cost

            a, b = plan_cost(cfg, mode, lo, A), plan_cost(cfg, mode, hi, A)
            if a is not None and b is not None:
                assert a[0] <= b[0] + 1e-6
        for p in (plan(m, gpus, lo, mode, share=share), plan(m, gpus, hi, mode, share=share)):
            if p is not None:  # built without validation: the values must still fit the types
                assert revalidated(p) == p
        del w_hi


@settings(max_examples=40, deadline=None)
@given(ctx=st.integers(512, 131_072), batch=st.integers(1, 1024))
def test_more_bytes_per_parameter_never_needs_fewer_gpus(real_catalog, ctx, batch):
    order = ["int4", "fp8", "fp16"]
    for mid in ("llama-3.3-70b", "gpt-oss-20b", "mixtral-8x7b"):
        m = real_catalog.models[mid]
        for gpu in real_catalog.gpus.values():
            counts = []
            for q in order:
                a = CostAssumptions(quantization=q, context=ctx, max_batch=batch)
                found = [c.served.gpus for c in configs(m, [gpu], Workload(tokens=10**8), a)]
                counts.append(min(found) if found else float("inf"))
            assert counts == sorted(counts), (mid, gpu.id, counts)


@settings(max_examples=40, deadline=None)
@given(extra=st.floats(1.0, 4.0))
def test_more_memory_per_gpu_never_needs_more_gpus(real_catalog, extra):
    for mid in ("llama-3.3-70b", "deepseek-v3", "qwen3-32b"):
        m = real_catalog.models[mid]
        for gpu in (real_catalog.gpus["h100-sxm"], real_catalog.gpus["l40s"]):
            bigger = replace(gpu, memory_gb=gpu.memory_gb * extra)
            a = [c.served.gpus for c in configs(m, [gpu], Workload(tokens=10**8), A)]
            b = [c.served.gpus for c in configs(m, [bigger], Workload(tokens=10**8), A)]
            if a:
                assert b and min(b) <= min(a), (mid, gpu.id, extra)


@settings(max_examples=40, deadline=None)
@given(share=st.floats(0, 1), tokens=st.integers(10**6, 10**11))
def test_a_batch_share_never_raises_a_cost(real_catalog, share, tokens):
    gpus = [real_catalog.gpus["h100-sxm"], real_catalog.gpus["l40s"]]
    for mid in ("llama-3.1-8b", "gpt-oss-120b"):
        m = real_catalog.models[mid]
        for off in m.priced_offerings:
            assert (
                token_cost(off, Workload(tokens=tokens, batch_share=share))
                <= token_cost(off, Workload(tokens=tokens)) + 1e-6
            )
        for mode in ("rented-gpus", "owned-gpus"):
            with_batch, without = plan(m, gpus, tokens, mode, batch_share=share), plan(m, gpus, tokens, mode)
            if without is not None:
                assert with_batch is not None and with_batch.monthly_cost_usd <= without.monthly_cost_usd + 0.01


def test_sizing_key_holds_everything_sizing_reads(real_catalog):
    """The recommender sizes each sizing_key once; changing any fact outside the key must not
    change a plan, and changing a fact inside it must change the key."""
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
