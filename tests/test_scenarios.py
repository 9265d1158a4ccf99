"""Every scenario through `recommend --profile FILE --json --no-input --top 50`: the project's
shared floor (copies in tests/scenarios/shared, so a bare clone runs them; the originals in
../shared/scenarios too when they are there and differ) and our own (tests/scenarios)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from .conftest import SHARED_SCENARIOS, run_cli

HERE = Path(__file__).parent / "scenarios"
COPIES = sorted((HERE / "shared").glob("*.toml"))
OURS = sorted(HERE.glob("*.toml"))


def _shared_originals() -> list[Path]:
    """../shared's scenarios that our copies do not already hold byte for byte."""
    copies = {p.name: p.read_bytes() for p in COPIES}
    return [p for p in sorted(SHARED_SCENARIOS.glob("*.toml")) if copies.get(p.name) != p.read_bytes()]


FILES = [*COPIES, *_shared_originals(), *OURS]
KNOWN_KEYS = {
    "exit_code",
    "exit_code_in",
    "verdict",
    "closed_empty",
    "open_empty",
    "open_nonempty",
    "closed_nonempty",
    "deployment_kinds",
    "deployment_modes",
    "within_budget",
    "min_context",
    "modalities",
    "models_in",
    "models_not_in",
    "hosts_not_in",
    "max_gpus",
    "excluded",
    "summary_contains",
    "binding",
    "plan_kind",
}


KNOWN_UNSOUND: dict[str, str] = {}
"""Scenarios whose advice is known to be unsound at --top 50, with the issue that fixes it;
strict, so the fix turns them green and then this entry must go."""


def _id(path: Path) -> str:
    where = "shared" if path.parent.name == "shared" or path.parent == SHARED_SCENARIOS else "ours"
    return f"{where}/{path.stem}" + ("@shared-dir" if path.parent == SHARED_SCENARIOS else "")


def test_scenarios_exist():
    assert len(COPIES) >= 6, "copies of the shared scenarios are missing from tests/scenarios/shared"
    assert len(OURS) >= 8


def _param(path: Path):
    reason = KNOWN_UNSOUND.get(path.stem) if path.parent == HERE else None
    return pytest.param(path, id=_id(path), marks=[pytest.mark.xfail(reason=reason, strict=True)] if reason else [])


@pytest.mark.parametrize("path", [_param(p) for p in FILES])
def test_scenario(path):
    spec = tomllib.loads(path.read_text())
    expect = spec.get("expect", {})
    unknown = set(expect) - KNOWN_KEYS
    assert not unknown, f"{path.name}: [expect] keys this test does not check: {sorted(unknown)}"
    top = spec.get("scenario", {}).get("top", 50)  # how deep the advice must be sound; never less than 50
    assert top >= 50, f"{path.name}: [scenario] top must be at least 50"
    r = run_cli("recommend", "--profile", str(path), "--json", "--no-input", "--top", str(top))
    codes = expect.get("exit_code_in", [expect.get("exit_code", 0)])
    assert r.code in codes, r.stderr
    doc = r.json()
    listed = doc["open"] + doc["closed"]
    if "verdict" in expect:
        assert doc["verdict"] in expect["verdict"], doc["summary"]
    for side in ("open", "closed"):
        if expect.get(f"{side}_empty"):
            assert doc[side] == [], [x["model"] for x in doc[side]]
        if expect.get(f"{side}_nonempty"):
            assert doc[side], doc["summary"]
    if "deployment_kinds" in expect:
        assert {x["deployment"]["kind"] for x in listed} <= set(expect["deployment_kinds"])
    if "deployment_modes" in expect:
        modes = {x["deployment"]["mode"] for x in listed if x["deployment"]["kind"] == "self-hosted"}
        assert modes <= set(expect["deployment_modes"]), modes
    if "max_gpus" in expect:
        assert all((x["deployment"]["gpus"] or 0) <= expect["max_gpus"] for x in listed)
    if expect.get("within_budget"):
        budget = doc["requirements"]["budget"]
        assert all(x["monthly_cost_usd"] is not None and x["monthly_cost_usd"] <= budget for x in listed)
    if "min_context" in expect:
        assert all(x["context"] >= expect["min_context"] for x in listed)
    if "modalities" in expect:
        for x in listed:
            shown = run_cli("show", x["model"], "--json").json()["model"]
            assert set(expect["modalities"]) <= set(shown["modalities"])
    for key in expect.get("models_in", []):
        assert key in [x["model"] for x in listed]
    for key in expect.get("models_not_in", []):
        assert key not in [x["model"] for x in listed]
    for host in expect.get("hosts_not_in", []):
        assert host not in [x["deployment"]["host"] for x in listed]
    for key in expect.get("excluded", []):
        assert key in [x["model"] for x in doc["excluded"]]
    if "summary_contains" in expect:
        assert expect["summary_contains"] in doc["summary"]
    if "binding" in expect:
        assert doc["binding"] is not None and doc["binding"]["constraint"] == expect["binding"], doc["binding"]
    if "plan_kind" in expect:
        assert doc["plan"] is not None and doc["plan"]["kind"] in expect["plan_kind"], doc["plan"]
    assert doc["summary"]
    _holds_for_every_scenario(doc, listed)


# The hosts' facts, read here from the TOML files themselves: an oracle the recommender's own
# rule functions play no part in.
REGIME_MET = {
    "hipaa": lambda h: h.get("certifications", {}).get("hipaa_baa") is True,
    "gdpr": lambda h: (
        h.get("certifications", {}).get("gdpr_dpa") is True
        and ("eu" in h.get("regions", []) or bool(h.get("certifications", {}).get("gdpr_transfer")))
    ),
    "pci-dss": lambda h: h.get("certifications", {}).get("pci_dss") is True,
    "fedramp": lambda h: bool(h.get("certifications", {}).get("fedramp")),
}
HOSTS = {
    p.stem: tomllib.loads(p.read_text())
    for p in sorted((Path(__file__).parents[1] / "catalog" / "hosts").glob("*.toml"))
}


def _holds_for_every_scenario(doc, listed):
    """Contract 0.2 for every scenario: a hybrid carries its plan (and only a hybrid does); a
    none carries ``binding``; no preview for confidential or regulated data; every host that
    sees the data meets each regime (those given, or for regulated data what the region
    implies); a managed service in the user's account only in the user's cloud; every option
    shows its measured quality and basis."""
    req = doc["requirements"]
    assert (doc["plan"] is not None) == (doc["verdict"] == "hybrid"), doc["plan"]
    if doc["verdict"] == "none":
        assert "binding" in doc
    regimes = req["compliance"] or (
        {"eu": ["gdpr"], "us": ["hipaa"], "any": ["hipaa"]}[req["region"]] if req["sensitivity"] == "regulated" else []
    )
    for x in listed:
        d = x["deployment"]
        if req["sensitivity"] in ("confidential", "regulated"):
            assert not x["lifecycle"]["preview"], x["model"]
        if d["mode"] == "per-token":
            host = HOSTS[d["host"]]
            for regime in regimes:
                assert REGIME_MET[regime](host), (x["model"], d["host"], regime)
            if d["kind"] == "private-cloud" and req["cloud"] != "any":
                assert host.get("cloud") == req["cloud"], (x["model"], d["host"])
        assert set(x["quality"]) >= {"score", "basis"}
        for point in x["quality"]["basis"]:
            assert set(point) >= {"benchmark", "value", "source", "as_of"}
    # The contract's 0.2 rules hold for every scenario: no consumer GPU (none is named in a
    # profile), and no model that shuts down before launch plus six months of use.
    import datetime as dt

    from llm_advisor.catalog import load_catalog

    gpus = load_catalog().gpus
    ttm = {"days": 7, "weeks": 42, "months": 180}[doc["requirements"]["time_to_market"]]
    horizon = dt.date.fromisoformat(doc["today"]) + dt.timedelta(days=ttm + 180)
    for x in listed:
        gpu = x["deployment"].get("gpu")
        assert gpu is None or not gpus[gpu].consumer, (x["model"], gpu)
        shutdown = x["lifecycle"]["shutdown"]
        assert shutdown is None or dt.date.fromisoformat(shutdown) >= horizon, (x["model"], shutdown)
