"""The recommender on the fixture catalogue: hard constraints, rules, verdicts, properties."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from llm_advisor.core.recommend import recommend
from llm_advisor.core.rules import rule_weights
from llm_advisor.requirements import HOSTING_ORDER, Requirements

from .conftest import TODAY, revalidated


def advise(cat, top=50, **kw):
    base = {"budget": 2000, "tokens": 50_000_000}
    return recommend(cat, Requirements(**{**base, **kw}), today=TODAY, top=top)


def ids(side):
    return [r.model for r in side]


def excluded(advice):
    return {e.model: e.reasons for e in advice.excluded}


def test_retired_never_recommended(fixture_catalog):
    a = advise(fixture_catalog)
    assert "beta-old" not in ids(a.closed)
    assert any("retired" in r and "beta-pro" in r for r in excluded(a)["beta-old"])


def test_research_licence_excluded_only_for_commercial(fixture_catalog):
    assert "alpha-research" in excluded(advise(fixture_catalog))
    a = advise(fixture_catalog, commercial=False, time_to_market="months")  # its own GPUs, research use
    assert "alpha-research" in ids(a.open)


def test_air_gapped_needs_open_weights_on_owned_hardware(fixture_catalog):
    a = advise(fixture_catalog, hosting="air-gapped", budget=100_000, time_to_market="months")
    assert a.closed == [] and a.open
    assert all(r.deployment.mode == "owned-gpus" for r in a.open)
    assert "closed weights cannot run on an air-gapped network" in excluded(a)["beta-pro"]


def test_private_cloud_allows_cloud_platform_and_self_hosting(fixture_catalog):
    a = advise(fixture_catalog, hosting="private-cloud", budget=100_000)
    kinds = {r.deployment.kind for r in a.open + a.closed}
    assert kinds <= {"private-cloud", "self-hosted"}
    assert "beta-pro" in ids(a.closed)  # offered on the cloud platform
    assert "beta-mini" in excluded(a)  # only on the vendor API


def test_regulated_on_vendor_api_needs_baa_and_zero_retention(fixture_catalog):
    a = advise(fixture_catalog, sensitivity="regulated")
    assert "alpha-8b" not in [r.model for r in a.open if r.deployment.host == "fast-host"]
    for r in a.open + a.closed:
        if r.deployment.mode == "per-token":
            host = fixture_catalog.hosts[r.deployment.host]
            assert host.certifications.hipaa_baa is True and host.trains_on_data is False


def test_region_pins_hosts(fixture_catalog):
    a = advise(fixture_catalog, region="eu")
    for r in a.open + a.closed:
        if r.deployment.mode == "per-token":
            assert "eu" in fixture_catalog.hosts[r.deployment.host].regions


def test_context_and_modalities(fixture_catalog):
    a = advise(fixture_catalog, context=500_000, modalities=("text", "video"))
    assert ids(a.closed) == ["beta-pro"] and a.open == []
    assert any("does not accept video" in r for r in excluded(a)["alpha-70b"])


def test_budget_excludes_with_cost_in_reason(fixture_catalog):
    a = advise(fixture_catalog, budget=100)
    assert "beta-pro" in excluded(a)
    assert any("over the $100 budget" in r for r in excluded(a)["beta-pro"])


def test_fine_tuning(fixture_catalog):
    a = advise(fixture_catalog, customization="fine-tuning", budget=100_000)
    assert "beta-pro" in excluded(a)  # vendor offers no fine-tuning
    assert "beta-mini" in ids(a.closed)  # fine-tuning via the API
    assert all(r.deployment.kind == "self-hosted" for r in a.open)


def test_full_control_needs_open_weights(fixture_catalog):
    a = advise(fixture_catalog, customization="full-control", budget=100_000)
    assert a.closed == [] and a.verdict == "open"


def test_none_verdict_names_the_constraint(fixture_catalog):
    a = advise(fixture_catalog, context=10_000_000)
    assert a.verdict == "none" and not a.open and not a.closed
    assert "context window" in a.summary


def test_scores_and_reasons(fixture_catalog):
    a = advise(fixture_catalog)
    for r in a.open + a.closed:
        assert 0 <= r.score <= 100
        assert r.reasons, r.model
        assert {t.rule for t in r.trace} >= {"capability", "cost", "time_to_market"}


def test_priority_shifts_weights():
    q = rule_weights(Requirements(budget=1, tokens=1, priority="quality"))
    c = rule_weights(Requirements(budget=1, tokens=1, priority="cost"))
    assert q["capability"] > c["capability"] and q["cost"] < c["cost"]


def test_quality_priority_prefers_frontier(fixture_catalog):
    a = advise(fixture_catalog, priority="quality", budget=10_000)
    assert a.closed[0].model == "beta-pro"


def test_cost_priority_prefers_cheap(fixture_catalog):
    a = advise(fixture_catalog, priority="cost", budget=600)
    assert a.closed[0].model == "beta-mini"


def test_no_expertise_and_days_prefers_apis(fixture_catalog):
    a = advise(fixture_catalog, time_to_market="days", expertise="none")
    assert all(r.deployment.mode == "per-token" for r in a.open + a.closed)


# Properties -----------------------------------------------------------------------------

requirements = st.builds(
    Requirements,
    budget=st.floats(0, 1_000_000, allow_nan=False),
    tokens=st.integers(0, 10**11),
    output_share=st.floats(0, 1),
    sensitivity=st.sampled_from(["public", "internal", "confidential", "regulated"]),
    time_to_market=st.sampled_from(["days", "weeks", "months"]),
    hosting=st.sampled_from(list(HOSTING_ORDER)),
    customization=st.sampled_from(["none", "fine-tuning", "full-control"]),
    expertise=st.sampled_from(["none", "some", "strong"]),
    priority=st.sampled_from(["quality", "balanced", "cost"]),
    context=st.integers(1, 2_000_000),
    modalities=st.lists(st.sampled_from(["text", "image", "audio", "video"]), min_size=1, unique=True).map(tuple),
    commercial=st.booleans(),
    region=st.sampled_from(["any", "eu", "us"]),
    use_case=st.sampled_from(["general", "chat", "coding", "rag", "agents", "summarization", "extraction"]),
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


DAYS = st.dates(dt.date(2025, 1, 1), dt.date(2032, 12, 31))


def _meets_hard_constraints(cat, req, r, today=TODAY):
    m = cat.models[r.model]
    lic = cat.licenses[m.license]
    assert m.lifecycle.status != "retired"
    assert not (m.lifecycle.date and m.lifecycle.date <= today), "shut down by the day of the advice"
    assert m.context >= req.context
    assert set(req.modalities) <= set(m.modalities)
    assert not (req.commercial and lic.commercial_use == "no")
    assert r.monthly_cost_usd is not None and r.monthly_cost_usd <= req.budget + 1e-9
    level = HOSTING_ORDER.index(req.hosting)
    d = r.deployment
    if level >= HOSTING_ORDER.index("self-hosted"):
        assert m.open_weights and d.kind == "self-hosted"
    if level >= HOSTING_ORDER.index("on-prem"):
        assert d.mode == "owned-gpus"
    if req.hosting == "private-cloud":
        assert d.kind in ("private-cloud", "self-hosted")
    if req.customization == "full-control":
        assert m.open_weights and d.kind == "self-hosted"
    if d.mode == "per-token":
        host = cat.hosts[d.host]
        if req.region != "any":
            assert req.region in host.regions
        if req.sensitivity in ("confidential", "regulated"):
            assert host.trains_on_data is False
        if req.sensitivity == "regulated":
            assert host.certifications.hipaa_baa is True


@SETTINGS
@given(req=requirements, today=DAYS)
def test_every_option_meets_every_hard_constraint(fixture_catalog, req, today):
    a = recommend(fixture_catalog, req, today=today, top=100)
    assert a.today == today
    for r in a.open:
        assert r.open_weights and fixture_catalog.models[r.model].open_weights
        _meets_hard_constraints(fixture_catalog, req, r, today)
    for r in a.closed:
        assert not r.open_weights and not fixture_catalog.models[r.model].open_weights
        _meets_hard_constraints(fixture_catalog, req, r, today)
    listed = ids(a.open) + ids(a.closed)
    assert sorted(listed + [e.model for e in a.excluded]) == sorted(fixture_catalog.models)
    for side in (a.open, a.closed):
        keys = [(-r.score, r.model) for r in side]
        assert keys == sorted(keys)
    assert (a.verdict == "none") == (not a.open and not a.closed)


@SETTINGS
@given(req=requirements)
def test_advice_validates_against_its_own_types(fixture_catalog, req):
    """Exclusions, sizings and plans are built without validation in the hot loop; every value
    must still be what the type declares, so the whole advice re-validates strictly."""

    advice = recommend(fixture_catalog, req, today=TODAY)
    assert revalidated(advice) == advice


@SETTINGS
@given(req=requirements, today=DAYS)
def test_deterministic(fixture_catalog, req, today):
    one = recommend(fixture_catalog, req, today=today)
    two = recommend(fixture_catalog.on(today), req, today=today)  # a view of the day gives the same
    assert one == two


@SETTINGS
@given(req=requirements, extra=st.floats(0, 1_000_000, allow_nan=False))
def test_larger_budget_never_excludes_more(fixture_catalog, req, extra):
    small = recommend(fixture_catalog, req, today=TODAY, top=100)
    big = recommend(fixture_catalog, replace(req, budget=req.budget + extra), today=TODAY, top=100)
    assert set(ids(small.open) + ids(small.closed)) <= set(ids(big.open) + ids(big.closed))


@SETTINGS
@given(req=requirements, data=st.data())
def test_more_restrictive_hosting_never_adds_options(fixture_catalog, req, data):
    level = HOSTING_ORDER.index(req.hosting)
    stricter = data.draw(st.sampled_from(HOSTING_ORDER[level:]))
    loose = recommend(fixture_catalog, req, today=TODAY, top=100)
    tight = recommend(fixture_catalog, replace(req, hosting=stricter), today=TODAY, top=100)
    assert set(ids(tight.open) + ids(tight.closed)) <= set(ids(loose.open) + ids(loose.closed))


def test_break_even_turns_a_closed_lead_into_hybrid(fixture_catalog):
    m = fixture_catalog.models["alpha-70b"]
    pricey = replace(m, offerings=[replace(m.offerings[0], input=20.0, output=20.0)])
    cat = replace(fixture_catalog, models={**fixture_catalog.models, "alpha-70b": pricey}, _index=None)
    kw = {"budget": 1_000_000, "priority": "quality", "time_to_market": "days", "expertise": "none"}
    a = advise(cat, tokens=300_000_000, **kw)
    alpha = next(r for r in a.open if r.model == "alpha-70b")
    assert alpha.break_even_tokens and alpha.break_even_tokens <= 900_000_000
    assert a.closed[0].score - a.open[0].score >= 8  # a clear closed lead ...
    assert a.verdict == "hybrid" and "move volume" in a.summary and "Alpha 70B" in a.summary  # ... that does not last
    small = advise(cat, tokens=1_000_000, **kw)
    assert small.verdict == "closed"


@SETTINGS
@given(req=requirements, top=st.integers(1, 4))
def test_pruning_never_changes_the_answer(fixture_catalog, req, top):
    pruned = recommend(fixture_catalog, req, today=TODAY, top=top)
    full = recommend(fixture_catalog, req, today=TODAY, top=1000)
    assert pruned.open == full.open[:top]
    assert pruned.closed == full.closed[:top]
    assert pruned.excluded == full.excluded
    assert (pruned.verdict, pruned.summary) == (full.verdict, full.summary)  # --top only trims the lists


@pytest.mark.parametrize("hosting", ["anywhere", "private-cloud", "on-prem"])
@pytest.mark.parametrize("priority", ["quality", "cost"])
def test_pruning_on_the_real_catalogue(real_catalog, hosting, priority):
    req = Requirements(budget=5000, tokens=200_000_000, hosting=hosting, priority=priority, sensitivity="confidential")
    pruned = recommend(real_catalog, req, today=TODAY, top=3)
    full = recommend(real_catalog, req, today=TODAY, top=1000)
    assert [r.model for r in pruned.open] == [r.model for r in full.open[:3]]
    assert [r.model for r in pruned.closed] == [r.model for r in full.closed[:3]]
    assert pruned.verdict == full.verdict
    assert pruned.excluded == full.excluded


def test_time_to_market_rules_out_what_cannot_be_live_in_time(fixture_catalog):
    """GPU servers in days are out for any team but a strong one; owned GPUs in weeks need a
    strong team; where the hosting answer leaves only such ways, the answer is none, and time
    to market is why."""
    a = advise(fixture_catalog, time_to_market="days", expertise="none", budget=10**6, hosting="self-hosted")
    assert a.verdict == "none" and a.open == [] and a.closed == []
    assert all("time to market" in e.constraints for e in a.excluded if e.model in ("alpha-8b", "alpha-70b"))
    why = excluded(a)["alpha-8b"]
    assert any("cannot be live within days for a team without ML engineers" in r for r in why)
    strong = advise(fixture_catalog, time_to_market="weeks", expertise="strong", budget=10**6, hosting="on-prem")
    assert strong.open and all(r.deployment.mode == "owned-gpus" for r in strong.open)
    some = advise(fixture_catalog, time_to_market="weeks", expertise="some", budget=10**6, hosting="on-prem")
    assert some.open == []


def test_the_lifecycle_horizon(fixture_catalog):
    """beta-legacy shuts down on 2027-02-01.  With weeks to launch (42 days) and six months of
    use (180), it must be served until today + 222 days: listed on 2026-06-24, excluded with
    its date and successor from 2026-06-25, retired from 2027-02-01."""
    from llm_advisor.core.rules import horizon

    req = Requirements(budget=10_000, tokens=1_000_000)
    assert horizon(req, dt.date(2026, 6, 24)) == dt.date(2027, 2, 1)
    assert "beta-legacy" in ids(recommend(fixture_catalog, req, today=dt.date(2026, 6, 24), top=50).closed)
    after = recommend(fixture_catalog, req, today=dt.date(2026, 6, 25), top=50)
    assert "beta-legacy" not in ids(after.closed)
    assert excluded(after)["beta-legacy"] == [
        "shuts down on 2027-02-01, before 2027-02-02 (your weeks to launch and six months of use); its successor is beta-pro"
    ]
    days = replace(req, time_to_market="days")  # 7 + 180 days: listed until 2026-07-29
    assert "beta-legacy" in ids(recommend(fixture_catalog, days, today=dt.date(2026, 7, 29), top=50).closed)


@settings(max_examples=30, deadline=None)
@given(days=st.integers(1, 2000))
def test_a_later_shutdown_date_never_removes_an_option(fixture_catalog, days):
    legacy = fixture_catalog.models["beta-legacy"]
    later = replace(legacy.lifecycle, date=legacy.lifecycle.date + dt.timedelta(days=days))
    cat = replace(fixture_catalog, models={**fixture_catalog.models, "beta-legacy": replace(legacy, lifecycle=later)})
    req = Requirements(budget=10_000, tokens=1_000_000)
    for today in (dt.date(2026, 6, 1), dt.date(2026, 9, 1)):
        before = {
            (r.model, r.deployment.describe()) for r in recommend(fixture_catalog, req, today=today, top=50).closed
        }
        after = {(r.model, r.deployment.describe()) for r in recommend(cat, req, today=today, top=50).closed}
        assert before <= after
