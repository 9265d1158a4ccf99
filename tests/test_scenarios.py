"""Every scenario (the shared floor and our own) through `recommend --profile FILE --json --no-input`."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from .conftest import SCENARIOS, run_cli

OURS = Path(__file__).parent / "scenarios"
FILES = sorted(SCENARIOS.glob("*.toml")) + sorted(OURS.glob("*.toml"))


def test_scenarios_exist():
    assert len(list(SCENARIOS.glob("*.toml"))) >= 6, f"shared scenarios missing at {SCENARIOS}"
    assert len(list(OURS.glob("*.toml"))) >= 8


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_scenario(path):
    spec = tomllib.loads(path.read_text())
    expect = spec.get("expect", {})
    r = run_cli("recommend", "--profile", str(path), "--json", "--no-input")
    assert r.code == expect.get("exit_code", 0), r.stderr
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
    assert doc["summary"]
