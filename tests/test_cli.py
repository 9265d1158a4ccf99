"""Every command through the real entry point, in table, plain and JSON form, and its errors."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .conftest import run_cli

FORMS = [("--format", "table"), ("--plain",), ("--json",)]


def ok(*args, **kw):
    r = run_cli(*args, **kw)
    assert r.code == 0, (r.stdout, r.stderr)
    return r


def test_version_and_help():
    assert ok("--version").stdout.startswith("llm-advisor ")
    for cmd in ([], ["recommend"], ["compare"], ["list"], ["show"], ["cost"], ["catalog"], ["catalog", "validate"]):
        r = run_cli(*cmd, "--help")
        assert r.code == 0 and "Usage" in r.stdout


@pytest.mark.parametrize("form", FORMS)
def test_list_forms(form):
    r = ok("list", *form)
    assert r.stderr == ""
    if form == ("--json",):
        doc = r.json()
        assert doc["schema_version"] == 1 and len(doc["models"]) >= 40
        rec = doc["models"][0]
        for key in (
            "id",
            "name",
            "lab",
            "family",
            "aliases",
            "open_weights",
            "lifecycle",
            "license",
            "params_b",
            "active_params_b",
            "context",
            "modalities",
            "released",
            "offerings",
            "sources",
            "as_of",
        ):
            assert key in rec
        assert {"id", "name", "commercial_use"} <= set(rec["license"])
    elif form == ("--plain",):
        assert "\t" in r.stdout and "╭" not in r.stdout and "\x1b[" not in r.stdout
    else:
        assert "┃" in r.stdout or "│" in r.stdout


def test_list_filters():
    ids = lambda *a: [m["id"] for m in ok("list", "--json", *a).json()["models"]]  # noqa: E731
    assert all(not i.startswith(("gpt-5", "claude")) for i in ids("--open"))
    assert "gpt-oss-120b" in ids("--open")
    assert set(ids("--lab", "meta")) >= {"llama-3.3-70b", "muse-wonder-1.0"}
    assert all(i.startswith("llama") for i in ids("--family", "llama"))
    docs = ok("list", "--json", "--min-context", "1M").json()["models"]
    assert docs and all(m["context"] >= 1_000_000 for m in docs)
    assert "gpt-4" not in ids()  # retired models hidden by default
    assert "gpt-4" in ids("--all")
    assert ids("-q", "mixtral") == ["mixtral-8x22b", "mixtral-8x7b"]
    r = ok("list", "--json", "-q", "no-such-thing")
    assert r.json()["models"] == []


@pytest.mark.parametrize("form", FORMS)
def test_show_forms(form):
    r = ok("show", "mixtral-8x7b", *form)
    if form == ("--json",):
        m = r.json()["model"]
        assert (m["params_b"], m["active_params_b"]) == (46.7, 12.9)
        assert m["sources"] and m["as_of"]
        assert any(o["kind"] == "self-hosted" for o in m["offerings"])
    else:
        assert "46.7B" in r.stdout and "Sources" in r.stdout


@pytest.mark.parametrize("form", FORMS)
def test_compare_forms(form):
    r = ok("compare", "llama", "gpt-4", *form)
    assert "flagship" in r.stderr  # the family choice is explained
    if form == ("--json",):
        doc = r.json()
        assert [m["query"] for m in doc["models"]] == ["llama", "gpt-4"]
        gpt4 = doc["models"][1]
        assert gpt4["id"] == "gpt-4" and gpt4["lifecycle"]["status"] == "retired"
        assert gpt4["params_b"] is None
        labels = {row["label"] for row in doc["rows"]}
        for needed in (
            "Weights",
            "Licence",
            "Commercial use",
            "Fine-tuning",
            "Deployment options",
            "Data handling",
            "Context",
            "Modalities",
            "Capability tier",
            "Support",
            "Lifecycle",
        ):
            assert needed in labels
        assert any(row["best"] for row in doc["rows"])
    else:
        assert "RETIRED" in r.stdout
        assert "retired" in r.stderr


def test_compare_near_miss_and_three_models():
    r = ok("compare", "lama-3.3-70b", "claude", "gemini", "--json")
    assert "did you mean" in r.stderr
    assert len(r.json()["models"]) == 3


def test_not_found_exit_1_with_suggestions():
    r = run_cli("show", "zzzz-unknown")
    assert r.code == 1 and r.stdout == ""
    assert r.stderr.startswith("llm-advisor: error: no model matches") and r.stderr.count("\n") == 1
    r = run_cli("compare", "llama", "gpt-99x", "--json")
    assert r.code == 1
    doc = r.json()
    assert doc["error"]["code"] == 1 and doc["error"]["kind"] == "not_found" and doc["error"]["query"] == "gpt-99x"
    assert doc["error"]["message"] in r.stderr and "gpt-4" in doc["error"]["suggestions"]


@pytest.mark.parametrize(
    "args,needle",
    [
        (["compare", "llama"], "at least two"),
        (["list", "--open", "--closed"], "contradict"),
        (["list", "--min-context", "lots"], "--min-context"),
        (["list", "--lab", "nobody"], "--lab"),
        (["list", "--format", "yaml"], "--format"),
        (["list", "--json", "--format", "plain"], "contradict"),
        (["show"], "Missing argument"),
        (["list", "--bogus"], "No such option"),
        (["cost", "gpt-oss-20b"], "--tokens"),
        (["cost", "gpt-oss-20b", "--tokens", "-5"], "--tokens"),
        (["cost", "gpt-oss-20b", "--tokens", "5M", "--quantization", "fp4"], "--quantization"),
        (["cost", "gpt-oss-20b", "--tokens", "5M", "--gpu", "tpu"], "--gpu"),
        (["cost", "gpt-oss-20b", "--tokens", "5M", "--utilisation", "2"], "--utilisation"),
        (["catalog", "schema", "nope"], "catalog schema"),
    ],
)
def test_usage_errors_exit_2_one_line(args, needle):
    r = run_cli(*args)
    assert r.code == 2, r.stderr
    assert needle in r.stderr
    assert r.stderr.strip().count("\n") == 0, r.stderr
    assert "Traceback" not in r.stderr
    if "--json" in args:
        assert r.json()["error"]["code"] == 2  # asked for JSON: the error document
    else:
        assert r.stdout == ""


def test_catalog_validate_builtin():
    r = ok("catalog", "validate")
    assert r.stdout.startswith("catalogue OK:")
    assert ok("catalog", "validate", "--json").json()["valid"] is True


def test_catalog_validate_reports_every_problem(tmp_path):
    bad = tmp_path / "bad"
    (bad / "models" / "acme").mkdir(parents=True)
    (bad / "models" / "acme" / "one.toml").write_text(
        'name = "One"\nfamily = "one"\nopen_weights = true\nlicense = "nope"\ncontext = 1\nmodalities = ["text"]\nsources = ["xyz"]\nas_of = 2026-01-01\ncolour = 1\n[capability]\ntier = 9\nbasis = "because it is"\n'
    )
    (bad / "models" / "acme" / "two.toml").write_text("name = \n")
    r = run_cli("catalog", "validate", str(bad))
    assert r.code == 3
    lines = r.stderr.strip().splitlines()
    assert any("one.toml:4: license:" in line for line in lines)
    assert any("one.toml:9: colour: unknown key" in line for line in lines)
    assert any("one.toml:11: capability.tier" in line for line in lines)
    assert any("two.toml:1:" in line and "TOML syntax error" in line for line in lines)
    assert lines[-1] == "4 problem(s) found"


def test_bad_overlay_is_exit_3_for_every_command(tmp_path):
    bad = tmp_path / "bad"
    (bad / "hosts").mkdir(parents=True)
    (bad / "hosts" / "x.toml").write_text("kind = 'lab-api'\n")
    for args in (
        ["list"],
        ["show", "gpt-oss-20b"],
        ["compare", "llama", "claude"],
        ["recommend", "--budget", "1", "--tokens", "1", "--no-input"],
    ):
        r = run_cli("--catalog", str(bad), *args, "--json")
        assert r.code == 3, args
        problems = r.json()["error"]["problems"]
        assert {p["file"].rsplit("/", 2)[-2:] == ["hosts", "x.toml"] for p in problems} == {True}
        assert "hosts/x.toml" in r.stderr and "required key is missing" in r.stderr
    r = run_cli(*["list"], env={"LLM_ADVISOR_CATALOG": str(bad)})
    assert r.code == 3


def test_overlay_adds_a_user_model(tmp_path):
    over = tmp_path / "mine"
    (over / "models" / "acme").mkdir(parents=True)
    (over / "models" / "acme" / "acme-llama-ft.toml").write_text(
        'name = "ACME fine-tuned Llama"\nfamily = "acme"\nopen_weights = true\nlicense = "llama3.3"\n'
        'params_b = 70\ncontext = 128_000\nmodalities = ["text"]\nsources = ["internal"]\nas_of = 2026-11-01\n'
        '[capability]\ntier = 3\nbasis = "In-house fine-tune of Llama 3.3 70B."\n'
    )
    r = ok("--catalog", str(over), "show", "acme-llama-ft", "--json")
    assert r.json()["model"]["license"]["id"] == "llama3.3"


def test_catalog_schema_in_sync():
    doc = json.loads(ok("catalog", "schema").stdout)
    assert set(doc) == {"schema_version", "model", "host", "licenses", "gpus", "labs", "policy"}
    committed = Path(__file__).resolve().parents[1] / "schemas"
    for kind in ("model", "host", "licenses", "gpus", "labs", "policy"):
        on_disk = json.loads((committed / f"{kind}.schema.json").read_text())
        assert on_disk == doc[kind], f"schemas/{kind}.schema.json is stale: run scripts/update_schemas.py"
    assert "description" in doc["model"]["properties"]["context"]
    assert "id" not in doc["model"]["properties"]


@pytest.mark.parametrize("form", FORMS)
def test_cost_forms(form):
    r = ok("cost", "llama-3.3-70b", "--tokens", "50M", *form)
    if form == ("--json",):
        doc = r.json()
        assert doc["model"] == "llama-3.3-70b" and doc["tokens"] == 50_000_000
        assert doc["self_hosting"]["gpus"] >= 1 and doc["self_hosting"]["quantization"] == "bf16"
        assert {"quantization", "vram_gb", "gpu", "gpu_memory_gb", "gpus", "monthly_cost_usd", "cost_breakdown"} <= set(
            doc["self_hosting"]
        )
        assert doc["self_hosting"]["cost_breakdown"]["staff_usd"] > 0
        assert "break_even_tokens" in doc and doc["options"]
        assert doc["chart"]["volumes"] and doc["chart"]["series"]
    else:
        assert "Self-hosting on rented GPUs" in r.stdout and "Assumptions" in r.stdout


def test_cost_chart_and_flags_on_a_terminal_table():
    r = ok(
        "cost",
        "gpt-oss-20b",
        "--tokens",
        "2B",
        "--format",
        "table",
        "--quantization",
        "int4",
        "--max-gpus",
        "2",
        "--kv-bytes",
        "1",
        "--stream-speed",
        "20",
    )
    assert "Monthly cost against monthly volume" in r.stdout and "break-even" in r.stdout
    doc = ok(
        "cost",
        "gpt-oss-20b",
        "--tokens",
        "2B",
        "--json",
        "--quantization",
        "int4",
        "--max-gpus",
        "2",
        "--kv-bytes",
        "1",
        "--stream-speed",
        "20",
        "--fte-cost",
        "150000",
        "--expertise",
        "strong",
    ).json()
    a = doc["assumptions"]
    assert (a["quantization"], a["max_gpus"], a["kv_bytes"], a["stream_speed"]) == ("int4", 2, 1.0, 20.0)
    assert (a["fte_usd"], a["expertise"], a["staff"]) == (150_000.0, "strong", True)
    assert doc["self_hosting"]["weights_gb"] == pytest.approx(21 * 4.25 / 8, abs=0.01)  # 4-bit with group scales
    assert doc["self_hosting"]["stream_tokens_per_s"] >= 20
    series = doc["chart"]["series"]
    for ys in series.values():
        assert ys == sorted(ys)  # cost never falls as volume rises
    r = run_cli("cost", "gpt-oss-20b", "--tokens", "1M", "--stream-speed", "0")
    assert r.code == 2 and "--stream-speed" in r.stderr
    for gone in ("--runtime-overhead", "--concurrency", "--bandwidth-utilisation", "--compute-utilisation"):
        r = run_cli("cost", "gpt-oss-20b", "--tokens", "1M", gone, "1")
        assert r.code == 2 and f"{gone} was removed in 0.2" in r.stderr, r.stderr


def test_cost_closed_model_has_no_self_hosting():
    doc = ok("cost", "claude", "--tokens", "10M", "--json").json()
    assert doc["self_hosting"] is None and doc["break_even_tokens"] is None
    assert all(o["kind"] != "self-hosted" for o in doc["options"])


def test_json_stdout_is_one_document_even_with_notes():
    r = ok("compare", "llama", "claude", "--json")
    json.loads(r.stdout)  # notes went to stderr
    assert r.stderr


def test_shell_completion_of_choices():
    from llm_advisor.cli.app import complete_choices

    assert complete_choices("anywhere", "air-gapped", "on-prem")("a") == ["anywhere", "air-gapped"]


def test_shell_completion_end_to_end():
    from .conftest import run_cli_process

    env = {
        "_LLM_ADVISOR_COMPLETE": "complete_bash",
        "COMP_WORDS": "llm-advisor recommend --hosting a",
        "COMP_CWORD": "3",
        "PATH": "/usr/bin:/bin",
        "LLM_ADVISOR_CACHE_DIR": os.environ["LLM_ADVISOR_CACHE_DIR"],
    }
    r = run_cli_process(env=env, capture_output=True, text=True)
    assert r.stdout.split() == ["anywhere", "air-gapped"], r.stderr
    env.update(COMP_WORDS="llm-advisor show gemma-4", COMP_CWORD="2")
    r = run_cli_process(env=env, capture_output=True, text=True)
    assert set(r.stdout.split()) >= {"gemma-4-31b", "gemma-4-26b-a4b"}
