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


def test_size_and_sources(real_catalog):
    assert len(real_catalog.models) >= 45
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
