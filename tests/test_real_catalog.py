"""The shipped catalogue: valid, complete, corrected, and its prices agree with genai-prices."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re

import pytest

from llm_advisor import prices as pricecheck

from .conftest import TODAY

FAMILIES = [
    "gpt-neox",
    "llama",
    "mistral",
    "mixtral",
    "falcon",
    "gemma",
    "phi",
    "qwen",
    "gpt",
    "claude",
    "gemini",
    "grok",
    "deepseek",
    "gpt-oss",
]
LABS = ["openai", "anthropic", "google", "xai", "meta", "mistral", "deepseek", "alibaba", "microsoft"]
SEVENTEEN = [
    *LABS,
    "moonshot",
    "zhipu",
    "minimax",
    "nvidia",
    "cohere",
    "amazon",
    "ibm",
    "ai2",
]
"""The labs issue 12 asks the catalogue to cover: their current and previous flagships, the
cheap tier, and their small open models."""


def test_size_and_sources(real_catalog):
    assert len(real_catalog.models) >= 150
    assert sum(m.open_weights for m in real_catalog.models.values()) >= 20
    assert sum(not m.open_weights for m in real_catalog.models.values()) >= 20
    for m in real_catalog.models.values():
        assert m.sources, m.id
        assert m.as_of >= dt.date(2026, 1, 1), f"{m.id}: facts checked before 2026"


@pytest.mark.parametrize("family", FAMILIES)
def test_seed_families_present(real_catalog, family):
    assert real_catalog.family_members(family), family


@pytest.mark.parametrize("lab", LABS)
def test_each_major_lab_has_a_current_top_tier_model(real_catalog, lab):
    current = [m for m in real_catalog.models.values() if m.lab == lab and m.lifecycle.status == "active"]
    assert current, lab
    assert min(m.capability.tier for m in current) <= 2, lab


def test_self_hosted_favourites_present(real_catalog):
    for mid in (
        "gpt-oss-120b",
        "gpt-oss-20b",
        "qwen3-235b-a22b",
        "qwen3-32b",
        "gemma-4-31b",
        "llama-3.3-70b",
        "deepseek-r1",
    ):
        m = real_catalog.models[mid]
        assert m.open_weights and m.params_b, mid


def test_seed_corrections(real_catalog):
    cat = real_catalog
    phi = cat.models["phi-3-mini"]
    assert phi.lab == "microsoft" and phi.open_weights and cat.licenses[phi.license].spdx == "MIT"
    assert cat.models["gpt-neox-20b"].lab == "eleutherai"
    mixtral = cat.models["mixtral-8x7b"]
    assert (mixtral.params_b, mixtral.active_params_b) == (46.7, 12.9)
    for m in cat.models.values():
        if m.family in ("claude", "gpt"):
            assert m.params_b is None and m.active_params_b is None, m.id
    assert not any("constitutional" in m.id for m in cat.models.values())
    assert cat.resolve("bard").model.family == "gemini"
    gpt4 = cat.models["gpt-4"]
    assert gpt4.lifecycle.status == "retired" and gpt4.lifecycle.date == dt.date(2026, 10, 23)
    assert gpt4.offerings == []


def test_licence_business_terms(real_catalog):
    lic = real_catalog.licenses
    assert lic["llama3.1"].mau_limit == 700_000_000 and lic["llama3.1"].has_use_policy
    assert lic["llama4"].restricts_eu
    assert lic["falcon-180b"].restricts_hosting
    assert lic["gemma-terms"].has_use_policy
    assert lic["deepseek-license"].has_use_policy
    assert lic["mistral-research"].commercial_use == "no"


def test_retired_models_have_no_offerings_a_date_and_a_successor_or_a_reason(real_catalog):
    """A retired model is dated; it names the successor its vendor names, and where the vendor
    names none (Amazon for Nova Premier) its notes say so rather than an invented one."""
    for m in real_catalog.models.values():
        if m.lifecycle.status == "retired":
            assert m.offerings == [], m.id
            assert m.lifecycle.date is not None, m.id
            if m.lifecycle.successor:
                assert m.lifecycle.successor in real_catalog.models, m.id
            else:
                assert re.search(r"successor|replacement", m.notes or "", re.I), m.id


def test_hosts_include_private_cloud_platforms(real_catalog):
    for host in ("aws-bedrock", "azure-foundry", "google-vertex"):
        assert real_catalog.hosts[host].in_customer_account
    assert {h.kind for h in real_catalog.hosts.values()} >= {"lab-api", "cloud-platform", "inference-host", "self"}


def test_gpus(real_catalog):
    for gid in ("l4", "a10g", "l40s", "a100-40gb", "a100-80gb", "h100-sxm", "h200", "b200", "rtx-4090"):
        g = real_catalog.gpus[gid]
        assert g.memory_gb > 0 and g.bandwidth_gbs > 0 and g.sources


def _price_checks():
    """Every priced offering with a price_ref, checked against genai-prices on each day the
    catalogue states a price for and on each later day genai-prices changes it.  The checks do
    not depend on the day they run (``today`` only picks the prices shown beside them)."""
    if importlib.util.find_spec("genai_prices") is None:
        return []
    from llm_advisor.catalog import load_catalog
    from llm_advisor.core.audit import audit_prices

    return [c for c in audit_prices(load_catalog(), pricecheck.lookup, TODAY) if c.price_ref]


@pytest.mark.parametrize("check", _price_checks(), ids=lambda c: f"{c.model}@{c.host}")
def test_prices_agree_with_genai_prices_on_every_stated_day(check):
    assert check.status == "same", (check.price_ref, check.differences)
    assert check.dates_checked


def test_the_price_checks_ran():
    pytest.importorskip("genai_prices")
    checks = _price_checks()
    assert len(checks) >= 80
    assert any(len(c.dates_checked) > 1 for c in checks)  # dated changes are checked day by day


def test_most_offerings_are_checked_against_genai_prices(real_catalog):
    offerings = [o for m in real_catalog.models.values() for o in m.priced_offerings]
    assert sum(1 for o in offerings if o.price_ref) / len(offerings) >= 0.8
    assert all(o.source or o.price_ref for o in offerings)


def test_json_data_matches_pydantic(real_catalog):
    """The fast record dump is pydantic's JSON-mode dump of the record type, key order included,
    for every record in the catalogue."""
    import json

    from llm_advisor.base import json_data
    from llm_advisor.catalog.validation import adapter

    cat = real_catalog
    records = [
        *cat.models.values(),
        *cat.licenses.values(),
        *cat.hosts.values(),
        *cat.gpus.values(),
        *cat.labs.values(),
    ]
    for rec in records:
        assert json.dumps(json_data(rec)) == json.dumps(adapter(type(rec)).dump_python(rec, mode="json")), rec.id
    # also records with their defaults
    import datetime as dt

    from llm_advisor.records import Host

    bare = Host(id="x", name="X", kind="lab-api", sources=["abc"], as_of=dt.date(2026, 1, 1))
    assert json_data(bare) == adapter(Host).dump_python(bare, mode="json")


# Issue 12: a catalogue a team can trust ------------------------------------------------------


def test_every_source_can_be_opened(real_catalog):
    """The contract's grammar: an https:// URL, owner/repo@commit:path or 'package version:path',
    for every source of every model, host, licence and GPU."""
    from llm_advisor.catalog.sources import problem, sources_of

    bad = []
    for kind, records in (
        ("model", real_catalog.models),
        ("host", real_catalog.hosts),
        ("licence", real_catalog.licenses),
        ("gpu", real_catalog.gpus),
    ):
        for rid, rec in records.items():
            for path, source in sources_of(rec):
                if problem(source):
                    bad.append(f"{kind} {rid} {path}: {source[:80]}")
    assert bad == []
    assert problem("reference/models.csv row 3") and problem("search-index file 60031354217")


def test_seventeen_labs_are_covered(real_catalog):
    current = [m for m in real_catalog.on(TODAY).models.values() if m.lifecycle.status == "active"]
    for lab in SEVENTEEN:
        mine = [m for m in current if m.lab == lab]
        assert len(mine) >= 2 or lab in ("minimax",), (lab, [m.id for m in mine])
    small = {m.lab for m in current if m.open_weights and m.params_b is not None and m.params_b <= 10}
    assert small >= {"meta", "google", "microsoft", "mistral", "alibaba", "nvidia", "ibm", "ai2"}
    assert any(m.open_weights and "audio" in m.modalities for m in current)
    assert any(m.open_weights and "image" in m.modalities for m in current)


def test_named_errors_are_fixed(real_catalog):
    cat = real_catalog
    large4 = cat.models["mistral-large-4"]
    assert large4.open_weights and large4.weights_url.endswith("mistralai/Mistral-Large-4-1T-A52B")
    hosted, weights = cat.models["qwen3.8-max"], cat.models["qwen3.8-2.4t-a95b"]
    assert not hosted.open_weights and weights.open_weights and "image" in hosted.modalities
    assert cat.models["gpt-4"].lifecycle.successor == "gpt-5.6-sol"
    assert cat.models["grok-3"].lifecycle.successor == cat.models["grok-4"].lifecycle.successor == "grok-4.3"
    for mid in ("deepseek-r1", "deepseek-v3"):
        assert "together-ai" not in {o.host for o in cat.models[mid].offerings}, mid
    for off in cat.models["claude-fable-5.2"].offerings:
        assert off.retention_days == 30 and off.zero_retention is False
    for host in ("azure-foundry", "google-vertex", "aws-bedrock"):
        assert cat.hosts[host].certifications.hipaa_baa is True, host
    assert {cat.hosts[h].cloud for h in ("aws-bedrock", "azure-foundry", "google-vertex")} == {"aws", "azure", "gcp"}


def test_an_offerings_own_retention_reaches_the_advice(real_catalog):
    """Fable keeps traffic 30 days even under zero retention: regulated data is kept from it,
    and the caveat says so; its notes alone would not."""
    from llm_advisor.core.recommend import recommend
    from llm_advisor.requirements import Requirements

    regulated = recommend(
        real_catalog, Requirements(budget=10**6, tokens=10**8, sensitivity="regulated"), today=TODAY, top=50
    )
    assert "claude-fable-5.2" not in {r.model for r in regulated.closed}
    reasons = next(e.reasons for e in regulated.excluded if e.model == "claude-fable-5.2")
    assert any("30 days even under zero-retention" in r for r in reasons)


def test_lifecycle_dates_and_successors(real_catalog):
    for m in real_catalog.models.values():
        lc = m.lifecycle
        if lc.successor:
            assert lc.successor in real_catalog.models and lc.successor != m.id, m.id
        if lc.date is not None or lc.deprecated_on is not None:
            assert lc.source, f"{m.id}: a shutdown or deprecation date without a source"
        if lc.status in ("deprecated", "retired"):
            assert lc.date is not None, m.id
        if lc.deprecated_on and lc.date:
            assert lc.deprecated_on <= lc.date, m.id
    assert any(m.lifecycle.preview or any(o.preview for o in m.offerings) for m in real_catalog.models.values())


def test_benchmarks_are_plausible_and_dated(real_catalog):
    from llm_advisor.records import BENCHMARKS

    for m in real_catalog.models.values():
        for b in m.benchmarks:
            assert b.benchmark in BENCHMARKS
            if b.benchmark.startswith("lmarena"):
                assert 800 <= b.value <= 1800 and not b.self_reported, (m.id, b)
            else:
                assert 0 <= b.value <= 100, (m.id, b)
            assert b.as_of <= m.as_of, (m.id, b.benchmark)
    current = [m for m in real_catalog.on(TODAY).models.values() if m.lifecycle.status == "active"]
    measured = [m for m in current if m.benchmarks]
    assert len(measured) >= 0.75 * len(current), f"{len(measured)} of {len(current)} current models have scores"
    independent = [m for m in current if any(not b.self_reported for b in m.benchmarks)]
    assert len(independent) >= 100


def test_no_swe_bench_leaderboard_data_is_shipped(real_catalog):
    """SWE-bench's website data is CC BY-NC 4.0: its leaderboard rows are not shipped (a lab's
    own SWE-bench Verified figure, self-reported, is the lab's statement)."""
    for m in real_catalog.models.values():
        for b in m.benchmarks:
            assert not b.source.startswith("SWE-bench/"), m.id


def test_tiers_follow_the_documented_rule(real_catalog):
    from llm_advisor.core.quality import UNMEASURED, best_scores, derived_tier

    best = best_scores(list(real_catalog.models.values()))
    derived = 0
    for m in real_catalog.models.values():
        got = derived_tier(m, best)
        if got is None:
            assert m.capability.basis.startswith(UNMEASURED), m.id
        else:
            assert (m.capability.tier, m.capability.basis) == got, m.id
            derived += 1
    assert derived >= 100


def test_the_tier_rule_hand_computed(real_catalog):
    from llm_advisor.core.quality import tier_for_gap

    assert [tier_for_gap(g) for g in (0, 20, 20.1, 60, 61, 200, 201)] == [1, 1, 2, 2, 3, 3, 4]


def test_open_models_carry_sizing_facts(real_catalog):
    open_models = [m for m in real_catalog.models.values() if m.open_weights and m.params_b]
    sized = [m for m in open_models if m.architecture is not None]
    assert len(sized) >= 75
    for m in sized:
        arch = m.architecture
        assert arch.source
        if arch.experts_per_token is not None:
            assert arch.experts and arch.experts_per_token <= arch.experts, m.id
        if arch.sliding_window_layers:
            assert arch.sliding_window and arch.sliding_window_layers <= arch.layers, m.id
    precisions = {m.architecture.native_precision for m in sized}
    assert {"bf16", "fp8", "mxfp4"} <= precisions


def test_unmeasured_tiers_are_flagged_in_the_advice(real_catalog):
    from llm_advisor.core.quality import UNMEASURED
    from llm_advisor.core.recommend import recommend
    from llm_advisor.requirements import Requirements

    advice = recommend(real_catalog, Requirements(budget=10**5, tokens=10**8), today=TODAY, top=50)
    shown = advice.open + advice.closed
    for r in shown:
        unmeasured = real_catalog.models[r.model].capability.basis.startswith(UNMEASURED)
        assert (r.quality.score is None) == unmeasured, r.model  # a tier no score backs, no quality
        assert any("not measured independently" in c for c in r.caveats) == unmeasured, r.model
        if not unmeasured:  # the reason quotes the numbers behind it
            assert any("in the catalogue): quality" in x for x in r.reasons + [t.reason for t in r.trace]), r.model
    assert any(real_catalog.models[r.model].capability.basis.startswith(UNMEASURED) for r in shown)
