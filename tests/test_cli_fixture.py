"""The commands' logic through the real entry point, on the small fixture catalogue in place of
the built-in one, so that each expectation is exact and none breaks when the real data changes.
(tests/test_cli.py checks the commands on the real catalogue.)"""

from __future__ import annotations

import pytest

from .conftest import FIXTURE, run_cli


@pytest.fixture(autouse=True)
def fixture_is_the_builtin(monkeypatch, tmp_path):
    from llm_advisor.catalog import paths

    monkeypatch.setattr(paths, "builtin_catalog_dir", lambda: FIXTURE)
    monkeypatch.setenv("LLM_ADVISOR_CACHE_DIR", str(tmp_path / "cache"))


def ok(*args):
    r = run_cli(*args)
    assert r.code == 0, r.stderr
    return r


def ids(*args):
    return [m["id"] for m in ok("list", "--json", *args).json()["models"]]


def test_list_filters():
    assert ids() == [
        "alpha-70b",
        "alpha-8b",
        "alpha-research",
        "beta-legacy",
        "beta-mini",
        "beta-pro",
    ]  # retired beta-old hidden
    assert ids("--all")[-2:] == ["beta-old", "beta-pro"]
    assert ids("--open") == ["alpha-70b", "alpha-8b", "alpha-research"]
    assert ids("--closed", "--lab", "beta") == ["beta-legacy", "beta-mini", "beta-pro"]
    assert ids("--family", "alpha") == ["alpha-70b", "alpha-8b"]
    assert ids("--min-context", "200k") == ["beta-mini", "beta-pro"]
    assert ids("-q", "a8") == ["alpha-8b"]  # by alias
    assert ids("-q", "old") == ["beta-old"]  # a query finds retired models too


def test_list_plain_is_one_tab_separated_line_a_model():
    lines = ok("list", "--plain").stdout.splitlines()
    assert lines[1] == "alpha-8b\tAlpha 8B\tAlpha Labs\topen\t128k\t0.12\tactive"  # 0.75 x $0.10 + 0.25 x $0.20


def test_show_resolves_aliases_families_and_near_misses():
    r = ok("show", "a8", "--json")
    assert r.json()["model"]["id"] == "alpha-8b" and r.json()["model"]["resolved_by"] == "alias"
    r = ok("show", "beta", "--json")
    assert r.json()["model"]["id"] == "beta-pro" and "flagship beta-pro" in r.stderr
    r = ok("show", "alpha-8c", "--json")
    assert r.json()["model"]["id"] == "alpha-8b" and "did you mean 'alpha-8b'" in r.stderr
    r = run_cli("show", "gamma", "--json")
    assert r.code == 1 and r.json()["error"]["kind"] == "not_found"


def test_compare_marks_the_best_in_each_row():
    doc = ok("compare", "beta-pro", "beta-mini", "--json").json()
    rows = {r["label"]: r for r in doc["rows"]}
    assert rows["Context"]["values"] == ["1M", "200k"] and rows["Context"]["best"] == [0]
    assert rows["Cheapest $/M tokens (25% output)"]["values"] == ["$10 via beta-api", "$0.875 via beta-api"]
    assert rows["Cheapest $/M tokens (25% output)"]["best"] == [1]
    assert rows["Announced price changes"]["values"] == ["beta-api: $6 / $30 from 2027-03-01", "none announced"]


def test_cost_of_every_way_to_run_it():
    doc = ok("cost", "alpha-8b", "--tokens", "100M", "--json").json()
    options = [(o["host"], o["mode"], o["monthly_cost_usd"]) for o in doc["options"]]
    # API: 75M x $0.10 + 25M x $0.20 = $12.50.  One small GPU holds the 16 GB of weights and
    # eight 4k-token sequences.  People: a production deployment's 0.25 of an engineer + 0.05
    # per server (1/8 of one here; owned: + 0.05 more), x1.5 for "some" expertise, at $190,000.
    # Owned: ($3,600 + 1/8 of a $60,000 server) / 60 months = $185; (300 W + 1/8 of 3,000 W)
    # x 730 h x 1.54 PUE x $0.146 = $110.79; 0.39375 FTE = $6,234.37.
    # Rented: $1 x 730 h = $730; 0.384375 FTE = $6,085.94.
    assert options == [
        ("fast-host", "per-token", 12.5),
        ("self", "owned-gpus", 6530.16),
        ("self", "rented-gpus", 6815.94),
    ]
    assert doc["self_hosting"]["gpu"] == "small" and doc["self_hosting"]["gpus"] == 1
    assert doc["owned_hardware"]["cost_breakdown"] == {"hardware_usd": 185.0, "power_usd": 110.79, "staff_usd": 6234.37}
    bare = ok("cost", "alpha-8b", "--tokens", "100M", "--json", "--no-staff").json()
    assert (
        bare["self_hosting"]["monthly_cost_usd"] == 730.0 and bare["self_hosting"]["cost_breakdown"]["staff_usd"] == 0
    )


def test_recommend_on_the_fixture():
    doc = ok("recommend", "--budget", "1000", "--tokens", "10M", "--no-input", "--json", "--top", "50").json()
    listed = {r["model"] for r in doc["open"] + doc["closed"]}
    excluded = {e["model"]: e["reasons"] for e in doc["excluded"]}
    assert listed | set(excluded) == {
        "alpha-70b",
        "alpha-8b",
        "alpha-research",
        "beta-legacy",
        "beta-mini",
        "beta-old",
        "beta-pro",
    }
    assert excluded["beta-old"] == ["retired on 2026-01-01; its successor is beta-pro"]
    assert any("does not allow commercial use" in r for r in excluded["alpha-research"])
    # Self-hosting costs people: on $1,000 a month none of it fits, and the exclusions say so.
    none = run_cli(
        "recommend", "--budget", "1000", "--tokens", "10M", "--no-input", "--json", "--hosting", "self-hosted"
    )
    assert none.code == 1 and none.json()["verdict"] == "none"
    reasons = {e["model"]: e["reasons"] for e in none.json()["excluded"]}
    assert any("at least" in r and "people" in r for r in reasons["alpha-8b"])
    doc = ok(
        "recommend",
        *("--budget", "20000", "--tokens", "10M", "--no-input", "--json", "--hosting", "air-gapped"),
        *("--time-to-market", "months"),
    ).json()
    assert doc["closed"] == [] and doc["open"] and all(r["deployment"]["mode"] == "owned-gpus" for r in doc["open"])
    for r in doc["open"]:
        assert r["cost_breakdown"]["staff_usd"] > 0
        assert sum(r["cost_breakdown"].values()) == pytest.approx(r["monthly_cost_usd"], abs=0.02)


def test_a_user_catalogue_overlays_the_fixture(tmp_path):
    over = tmp_path / "mine"
    (over / "models" / "alpha").mkdir(parents=True)
    text = (
        (FIXTURE / "models" / "alpha" / "alpha-8b.toml")
        .read_text()
        .replace('name = "Alpha 8B"', 'name = "Alpha 8B (ours)"')
    )
    (over / "models" / "alpha" / "alpha-8b.toml").write_text(text)
    assert ok("--catalog", str(over), "show", "alpha-8b", "--json").json()["model"]["name"] == "Alpha 8B (ours)"


def test_compare_shows_measured_performance_transparency_and_safety():
    rows = {r["label"]: r for r in ok("compare", "beta-pro", "beta-mini", "alpha-8b", "--json").json()["rows"]}
    assert rows["LMArena score (text)"]["values"] == ["1400", "1310", "—"] and rows["LMArena score (text)"]["best"] == [
        0
    ]
    assert rows["SWE-bench Verified (% resolved)"]["values"] == ["70.5 (self-reported)", "—", "—"]
    assert rows["Transparency"]["values"][0] == "weights closed; training data: summary"
    assert rows["Transparency"]["values"][2] == "weights published; architecture published"
    assert rows["Safety documentation"]["values"] == [
        "https://beta.example/system-card",
        "none published",
        "none published",
    ]


def test_show_lists_the_scores_and_credits_the_arena():
    text = ok("show", "beta-pro", "--plain").stdout
    assert (
        "swe-bench-verified  70.5 (agentic scaffold) self-reported, 2026-09-01: https://beta.example/report (fixture)"
        in text
    )
    assert "LMArena leaderboard data (lmarena.ai), CC BY 4.0" in text
    assert "LMArena" not in ok("show", "alpha-8b", "--plain").stdout  # no arena score, no credit
