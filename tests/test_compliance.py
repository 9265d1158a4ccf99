"""Compliance regimes, the user's cloud, fine-tuning where it is sold, and answers the way
people give them: the rules one at a time, on hand-built records."""

from __future__ import annotations

import datetime as dt

import pytest

from llm_advisor.core.rules import (
    Option,
    compliance_assumption,
    host_exclusions,
    placement_exclusions,
    regimes,
)
from llm_advisor.errors import InvalidAnswer
from llm_advisor.records import Certifications, Host, Offering
from llm_advisor.requirements import Requirements, parse_value
from llm_advisor.results import Deployment


def host(**certs: object) -> Host:
    regions = certs.pop("regions", [])
    cloud = certs.pop("cloud", None)
    kind = "cloud-platform" if cloud else "lab-api"
    return Host(
        id="h",
        name="H",
        kind=kind,  # type: ignore[arg-type]
        trains_on_data=False,
        zero_retention=True,
        certifications=Certifications(**certs),  # type: ignore[arg-type]
        regions=regions,  # type: ignore[arg-type]
        cloud=cloud,  # type: ignore[arg-type]
        in_customer_account=bool(cloud),
        sources=["https://example.com/trust"],
        as_of=dt.date(2026, 11, 1),
    )


def req(**kw: object) -> Requirements:
    return Requirements(**{"budget": 1000, "tokens": 10**6, **kw})  # type: ignore[arg-type]


def kinds(reasons: list) -> list[str]:
    return [r.kind for r in reasons]


@pytest.mark.parametrize(
    ("text", "value"),
    [("40 million", 40_000_000), ("3 bn", 3_000_000_000), ("50M tokens a month", 50_000_000), ("1,000", 1000)],
)
def test_volumes_the_way_people_say_them(text, value):
    assert parse_value("tokens", text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("$1.5k", 1500.0), ("2,000 USD a month", 2000.0), ("1.5k dollars per month", 1500.0), ("$0", 0.0)],
)
def test_budgets_the_way_people_say_them(text, value):
    assert parse_value("budget", text) == value


def test_regions_clouds_and_regimes_by_their_everyday_names():
    assert parse_value("region", "USA") == "us" and parse_value("region", "Europe") == "eu"
    assert parse_value("cloud", "Amazon") == "aws" and parse_value("cloud", "Google Cloud") == "gcp"
    assert parse_value("compliance", "HIPAA and GDPR") == ("hipaa", "gdpr")
    assert parse_value("compliance", ["gdpr", "pci", "gdpr"]) == ("gdpr", "pci-dss")
    assert parse_value("compliance", "none") == ()


@pytest.mark.parametrize(("name", "value"), [("compliance", "sox"), ("cloud", "ibm"), ("budget", "aws")])
def test_a_bad_answer_names_what_it_must_be(name, value):
    with pytest.raises(InvalidAnswer) as got:
        parse_value(name, value)
    assert "must" in got.value.reason and "float" not in got.value.reason


def test_regulated_data_without_regimes_assumes_what_the_region_implies():
    assert regimes(req(sensitivity="regulated", region="eu")) == ("gdpr",)
    assert regimes(req(sensitivity="regulated", region="us")) == ("hipaa",)
    assert regimes(req(sensitivity="regulated")) == ("hipaa",)
    assert regimes(req(sensitivity="regulated", compliance=("pci-dss",))) == ("pci-dss",)
    assert regimes(req(sensitivity="confidential")) == ()
    assert "assumed GDPR (region EU)" in (compliance_assumption(req(sensitivity="regulated", region="eu")) or "")
    assert compliance_assumption(req(sensitivity="regulated", compliance=("gdpr",))) is None
    assert compliance_assumption(req(sensitivity="internal")) is None


def test_each_regime_needs_its_own_fact():
    assert kinds(host_exclusions(host(), "vendor-api", req(compliance=("hipaa",)))) == ["compliance"]
    assert host_exclusions(host(hipaa_baa=True), "vendor-api", req(compliance=("hipaa",))) == []
    # GDPR: a DPA, and EU processing or a transfer mechanism
    assert kinds(host_exclusions(host(gdpr_dpa=True), "vendor-api", req(compliance=("gdpr",)))) == ["compliance"]
    assert host_exclusions(host(gdpr_dpa=True, regions=["eu"]), "vendor-api", req(compliance=("gdpr",))) == []
    ok = host(gdpr_dpa=True, gdpr_transfer="SCCs in the DPA")
    assert host_exclusions(ok, "vendor-api", req(compliance=("gdpr",))) == []
    assert kinds(host_exclusions(host(gdpr_transfer="SCCs"), "vendor-api", req(compliance=("gdpr",)))) == ["compliance"]
    assert kinds(host_exclusions(host(hipaa_baa=True), "vendor-api", req(compliance=("pci-dss",)))) == ["compliance"]
    assert host_exclusions(host(pci_dss=True), "vendor-api", req(compliance=("pci-dss",))) == []
    assert host_exclusions(host(fedramp="Moderate"), "vendor-api", req(compliance=("fedramp",))) == []
    both = host_exclusions(host(hipaa_baa=True), "vendor-api", req(compliance=("hipaa", "fedramp")))
    assert [str(r) for r in both] == [
        "h: no FedRAMP authorisation for this service we can confirm; FedRAMP requires it"
    ]


def test_a_managed_service_in_your_account_only_in_your_cloud():
    azure = host(cloud="azure", hipaa_baa=True)
    assert kinds(host_exclusions(azure, "private-cloud", req(cloud="aws"))) == ["cloud"]
    assert host_exclusions(azure, "private-cloud", req(cloud="azure")) == []
    assert host_exclusions(azure, "private-cloud", req()) == []


def test_fine_tuning_only_where_the_host_sells_it(fixture_catalog):
    m = fixture_catalog.models["beta-mini"]
    d = Deployment(host="beta-api", kind="vendor-api", mode="per-token")
    sold = Offering(host="beta-api", kind="vendor-api", input=1, output=2, fine_tuning=True)
    unsold = Offering(host="beta-api", kind="vendor-api", input=1, output=2, fine_tuning=False)
    unknown = Offering(host="beta-api", kind="vendor-api", input=1, output=2)
    tune = req(customization="fine-tuning")
    assert placement_exclusions(m, Option(deployment=d, cost=1.0, host=None, offering=sold), tune) == []
    [no] = placement_exclusions(m, Option(deployment=d, cost=1.0, host=None, offering=unsold), tune)
    assert str(no) == "beta-api sells no fine-tuning of this model"
    [maybe] = placement_exclusions(m, Option(deployment=d, cost=1.0, host=None, offering=unknown), tune)
    assert "that we can confirm" in str(maybe)
    assert placement_exclusions(m, Option(deployment=d, cost=1.0, host=None, offering=unknown), req()) == []


def test_fine_tuned_prices_and_training_cost_reach_the_advice(real_catalog):
    """gpt-4.1-mini's fine-tuned price ($0.80 in / $3.20 out, training $5 per M, OpenAI's
    pricing page) is what a fine-tuning team pays; its shutdown is past the horizon only for
    a team that launches before it, so ask on a day long before."""
    from llm_advisor.core.recommend import recommend

    advice = recommend(
        real_catalog,
        req(customization="fine-tuning", time_to_market="days", tokens=10**7, budget=10**4),
        today=dt.date(2026, 6, 1),
        top=50,
    )
    [r] = [r for r in advice.closed if r.model == "gpt-4.1-mini"]
    # 7.5M input at $0.80 and 2.5M output at $3.20
    assert r.monthly_cost_usd == pytest.approx(7.5 * 0.80 + 2.5 * 3.20)
    assert any("training costs $5" in c for c in r.caveats)


def test_each_regime_says_what_is_left_to_sign(real_catalog):
    """A host meets a regime on paper; the advice says what the user must still put in place."""
    from llm_advisor.core.recommend import recommend

    advice = recommend(
        real_catalog,
        req(sensitivity="regulated", compliance=("hipaa", "gdpr"), region="us", budget=10**4, tokens=10**7),
        today=dt.date(2026, 12, 1),
        top=50,
    )
    api = [r for r in advice.open + advice.closed if r.deployment.mode == "per-token"]
    assert api
    for r in api:
        assert f"HIPAA: sign {r.deployment.host}'s business associate agreement before any PHI is sent" in r.caveats
        assert any(
            c.startswith(f"GDPR: put {r.deployment.host}'s data-processing agreement in place") for c in r.caveats
        )
    for r in advice.open + advice.closed:
        if r.deployment.mode != "per-token":
            assert not any(c.startswith(("HIPAA:", "GDPR:")) for c in r.caveats)  # your own hardware
