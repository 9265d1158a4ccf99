"""The 0.2 rules as properties over random requirements on the built-in catalogue: compliance
and budget move the options the way they must, every flip holds when tried, every binding
relaxation brings options back, and a hybrid always carries a plan with numbers."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from llm_advisor.catalog import load_catalog
from llm_advisor.core.recommend import recommend
from llm_advisor.core.rules import regimes
from llm_advisor.requirements import CHOICES, REGIMES, Requirements

from .conftest import TODAY

CATALOG = load_catalog()

requirements = st.builds(
    Requirements,
    budget=st.sampled_from([5.0, 50.0, 300.0, 2_000.0, 10_000.0, 60_000.0]),
    tokens=st.sampled_from([100_000, 5_000_000, 40_000_000, 300_000_000, 2_000_000_000]),
    sensitivity=st.sampled_from(CHOICES["sensitivity"]),
    time_to_market=st.sampled_from(CHOICES["time_to_market"]),
    hosting=st.sampled_from(CHOICES["hosting"]),
    expertise=st.sampled_from(CHOICES["expertise"]),
    region=st.sampled_from(CHOICES["region"]),
    cloud=st.sampled_from(CHOICES["cloud"]),
    compliance=st.lists(st.sampled_from(REGIMES), max_size=2, unique=True).map(tuple),
    use_case=st.sampled_from(CHOICES["use_case"]),
    customization=st.sampled_from(CHOICES["customization"]),
)
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def available(req: Requirements) -> set[str]:
    """Every model some allowed way can run: all but the excluded (a full run lists every
    exclusion, whatever --top cuts from the lists)."""
    a = recommend(CATALOG, req, today=TODAY, what_if=False)
    return set(CATALOG.models) - {e.model for e in a.excluded}


def outcome(req: Requirements) -> tuple[str, str | None]:
    """The verdict and first pick, as the flips report them."""
    a = recommend(CATALOG, req, today=TODAY, what_if=False)
    if a.verdict == "open":
        return a.verdict, a.open[0].model
    if a.verdict == "closed":
        return a.verdict, a.closed[0].model
    leaders = a.open[:1] + a.closed[:1]
    best = min(leaders, key=lambda r: (-r.score, r.monthly_cost_usd or 0.0, r.model)) if leaders else None
    return a.verdict, best.model if best else None


@SETTINGS
@given(requirements, st.sampled_from(REGIMES))
def test_adding_a_compliance_regime_never_adds_an_option(req, regime):
    """Against the regimes in force: those given, or for regulated data the region's, which a
    given list replaces (so they are made explicit first)."""
    base = replace(req, compliance=regimes(req))
    more = replace(base, compliance=tuple(sorted({*base.compliance, regime}, key=REGIMES.index)))
    assert available(base) == available(req)
    assert available(more) <= available(base)


@SETTINGS
@given(requirements, st.sampled_from([1.5, 4.0, 20.0]))
def test_a_larger_budget_never_removes_an_option(req, factor):
    assert available(req) <= available(replace(req, budget=req.budget * factor))


@SETTINGS
@given(requirements)
def test_every_flip_holds_when_tried(req):
    advice = recommend(CATALOG, req, today=TODAY)
    for flip in advice.flips:
        value = tuple(flip.value) if isinstance(flip.value, list) else flip.value
        assert outcome(replace(req, **{flip.requirement: value})) == (flip.verdict, flip.top), flip
        assert (flip.verdict, flip.top) != outcome(req), flip  # and it does change the answer


@SETTINGS
@given(requirements)
def test_a_binding_relaxation_brings_options_back(req):
    advice = recommend(CATALOG, req, today=TODAY)
    if advice.verdict != "none":
        assert advice.binding is None
        return
    b = advice.binding
    if b is None:
        return  # no one or two changes are enough: the summary says so
    relaxed = replace(req, **{b.constraint: tuple(b.relax_to) if isinstance(b.relax_to, list) else b.relax_to})
    if b.also is not None:
        also = b.also.relax_to
        relaxed = replace(relaxed, **{b.also.constraint: tuple(also) if isinstance(also, list) else also})
        # and neither alone is enough
        single = replace(req, **{b.constraint: getattr(relaxed, b.constraint)})
        assert recommend(CATALOG, single, today=TODAY, what_if=False).verdict == "none"
    assert recommend(CATALOG, relaxed, today=TODAY, what_if=False).verdict != "none"


@SETTINGS
@given(requirements)
def test_a_hybrid_is_a_plan_with_numbers(req):
    advice = recommend(CATALOG, req, today=TODAY)
    assert (advice.plan is not None) == (advice.verdict == "hybrid")
    if advice.plan is not None:
        assert advice.plan.steps and any("$" in step for step in advice.plan.steps)
        assert (advice.plan.switch_at_tokens is not None) == (advice.plan.kind == "phase-by-volume")


def test_each_plan_kind_is_reachable():
    """Route by sensitivity, phase by volume and cascade each come out of some requirements
    (so none is dead code), with the numbers each needs."""
    cases = {
        "route-by-sensitivity": Requirements(
            budget=5000,
            tokens=60_000_000,
            sensitivity="confidential",
            priority="quality",
            use_case="rag",
            expertise="none",
        ),
        "cascade": Requirements(
            budget=300,
            tokens=20_000_000,
            sensitivity="public",
            time_to_market="days",
            expertise="none",
            use_case="chat",
        ),
        "phase-by-volume": Requirements(
            budget=20_000, tokens=10_000_000_000, priority="quality", time_to_market="months"
        ),
    }
    for kind, req in cases.items():
        plan = recommend(CATALOG, req, today=TODAY).plan
        assert plan is not None and plan.kind == kind, (kind, plan)
        if kind == "phase-by-volume":
            assert plan.switch_at_tokens is not None and plan.switch_at_tokens <= 3 * req.tokens
        if kind == "cascade":
            assert "20%" in " ".join(plan.steps)
