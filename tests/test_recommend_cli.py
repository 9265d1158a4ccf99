"""`recommend` through the CLI: flags, profiles, saving, defaults, output forms."""

from __future__ import annotations

import tomllib

import pytest

from .conftest import run_cli

BASE = ["recommend", "--budget", "2000", "--tokens", "50M", "--no-input"]


@pytest.mark.parametrize("form", [("--format", "table"), ("--plain",), ("--json",)])
def test_forms(form):
    r = run_cli(*BASE, *form)
    assert r.code == 0, r.stderr
    if form == ("--json",):
        doc = r.json()
        assert doc["schema_version"] == 1
        assert doc["verdict"] in ("open", "closed", "hybrid")
        assert doc["requirements"]["tokens"] == 50_000_000 and doc["requirements"]["output_share"] == 0.25
        for side in ("open", "closed"):
            assert 0 < len(doc[side]) <= 5
            for rec in doc[side]:
                assert {
                    "model",
                    "name",
                    "lab",
                    "open_weights",
                    "score",
                    "deployment",
                    "monthly_cost_usd",
                    "context",
                    "license",
                    "reasons",
                    "caveats",
                } <= set(rec)
                assert rec["open_weights"] is (side == "open")
        assert any("assumed" in a for a in doc["assumptions"])
    else:
        assert "Open-weight options" in r.stdout and "Closed / API options" in r.stdout and "Verdict" in r.stdout


def test_explain_adds_exclusions_and_trace():
    r = run_cli(*BASE, "--plain", "--explain")
    assert "Excluded models" in r.stdout and "Rule trace" in r.stdout
    doc = run_cli(*BASE, "--json", "--explain").json()
    assert "trace" in doc["open"][0] and doc["excluded"]


def test_top():
    doc = run_cli(*BASE, "--json", "--top", "2").json()
    assert len(doc["open"]) <= 2 and len(doc["closed"]) <= 2


def test_missing_required_without_terminal():
    r = run_cli("recommend", "--tokens", "5M", "--no-input")
    assert r.code == 2 and "--budget" in r.stderr
    r = run_cli("recommend", "--json")  # no terminal in tests: no prompt
    assert r.code == 2 and "--budget" in r.stderr and "--tokens" in r.stderr
    assert r.json()["error"] == {
        "code": 2,
        "message": r.stderr.removeprefix("llm-advisor: error: ").strip(),
        "kind": "usage",
    }


@pytest.mark.parametrize(
    "flag,value",
    [
        ("--budget", "-1"),
        ("--budget", "lots"),
        ("--tokens", "many"),
        ("--output-share", "1.5"),
        ("--sensitivity", "secret"),
        ("--hosting", "moon"),
        ("--context", "0"),
        ("--modalities", "smell"),
        ("--region", "mars"),
        ("--use-case", "poetry"),
        ("--priority", "speed"),
        ("--expertise", "guru"),
        ("--customization", "paint"),
        ("--time-to-market", "years"),
        ("--top", "0"),
    ],
)
def test_bad_flag_values(flag, value):
    r = run_cli(*BASE, flag, value)
    assert r.code == 2 and flag in r.stderr and r.stderr.count("\n") == 1, r.stderr


def test_profile_and_flags_override(tmp_path):
    p = tmp_path / "p.toml"
    p.write_text('budget = 500\ntokens = "20M"\nhosting = "air-gapped"\n')
    doc = run_cli("recommend", "--profile", str(p), "--json", "--no-input").json()
    assert doc["requirements"]["hosting"] == "air-gapped" and doc["closed"] == []
    doc = run_cli("recommend", "--profile", str(p), "--hosting", "anywhere", "--json", "--no-input").json()
    assert doc["requirements"]["hosting"] == "anywhere" and doc["requirements"]["budget"] == 500


@pytest.mark.parametrize(
    "content,needle",
    [
        ("budget = \n", "TOML syntax error"),
        ("", "no answers"),
        ('budgte = 5\ntokens = "1M"\n', "did you mean 'budget'"),
        ('budget = "x"\ntokens = "1M"\n', "budget"),
        ("budget = 5\ntokens = true\n", "tokens"),
    ],
)
def test_bad_profiles(tmp_path, content, needle):
    p = tmp_path / "p.toml"
    p.write_text(content)
    r = run_cli("recommend", "--profile", str(p), "--no-input", "--json")
    assert r.code == 2 and needle in r.stderr and needle in r.json()["error"]["message"]


def test_binary_and_directory_profiles(tmp_path):
    b = tmp_path / "b.toml"
    b.write_bytes(b"\xff\xfe\x00binary")
    assert "not UTF-8" in run_cli("recommend", "--profile", str(b), "--no-input").stderr
    assert "is a directory" in run_cli("recommend", "--profile", str(tmp_path), "--no-input").stderr
    assert "no such file" in run_cli("recommend", "--profile", str(tmp_path / "nope.toml"), "--no-input").stderr


def test_save_profile_round_trip(tmp_path):
    out = tmp_path / "saved.toml"
    r = run_cli(*BASE, "--hosting", "private-cloud", "--modalities", "text,image", "--save-profile", str(out), "--json")
    assert r.code == 0
    saved = tomllib.loads(out.read_text())
    assert saved["budget"] == 2000 and saved["tokens"] == 50_000_000 and saved["modalities"] == ["text", "image"]
    again = run_cli("recommend", "--profile", str(out), "--json", "--no-input").json()
    assert again["requirements"] == r.json()["requirements"]
    assert [x.name for x in tmp_path.iterdir()] == ["saved.toml"]  # no temporary file left


def test_save_profile_into_missing_folder(tmp_path):
    r = run_cli(*BASE, "--save-profile", str(tmp_path / "no" / "p.toml"))
    assert r.code == 2 and "does not exist" in r.stderr


def test_interview_from_stdin_when_asked_for(monkeypatch):
    # Without a terminal the interview is skipped: defaults are listed as assumptions.
    doc = run_cli(*BASE, "--json").json()
    assert any("sensitivity not given" in a for a in doc["assumptions"])
