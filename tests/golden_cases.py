"""The commands whose output is kept as golden files in tests/golden/ (one file a case: exit
code, stdout, stderr), for a fixed --today on the built-in catalogue.  A refactor must leave
them byte-identical; a change of behaviour shows up as a diff to review, then
`python scripts/update_golden.py` rewrites them."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
SCENARIOS = HERE / "scenarios" / "shared"
TODAY = "2026-12-01"
FORMS = {"table": ["--format", "table"], "plain": ["--plain"], "json": ["--json"]}


def _cases() -> dict[str, list[str]]:
    cases: dict[str, list[str]] = {}
    for path in sorted(SCENARIOS.glob("*.toml")):
        base = ["recommend", "--profile", f"tests/scenarios/shared/{path.name}", "--no-input"]
        for form, flags in FORMS.items():
            cases[f"recommend-{path.stem}-{form}"] = [*base, *flags]
        cases[f"recommend-{path.stem}-json-explain-top50"] = [*base, "--json", "--explain", "--top", "50"]
        cases[f"recommend-{path.stem}-markdown"] = [*base, "--format", "markdown"]
        cases[f"recommend-{path.stem}-csv"] = [*base, "--format", "csv"]
    calls = {
        "show-gemini-4-argon": ["show", "gemini-4-argon"],
        "show-llama-family": ["show", "llama"],
        "show-mixtral-8x7b": ["show", "mixtral-8x7b"],
        "show-gpt-4-retired": ["show", "gpt-4"],
        "compare-llama-gpt-4": ["compare", "llama", "gpt-4"],
        "compare-claude-gemini-mistral": ["compare", "claude", "gemini", "mistral"],
        "compare-near-miss": ["compare", "lama-3.3-70b", "qwen"],
        "cost-llama-3.3-70b-200m": ["cost", "llama-3.3-70b", "--tokens", "200M"],
        "cost-gpt-oss-20b-int4": ["cost", "gpt-oss-20b", "--tokens", "2B", "--quantization", "int4", "--max-gpus", "2"],
        "cost-claude-10m": ["cost", "claude", "--tokens", "10M"],
        "list": ["list"],
        "list-open-128k": ["list", "--open", "--min-context", "128k"],
        "list-anthropic-all": ["list", "--lab", "anthropic", "--all"],
        "catalog-audit": ["catalog", "audit", "--all"],
    }
    for name, args in calls.items():
        for form, flags in FORMS.items():
            cases[f"{name}-{form}"] = [*args, *flags]
    cases["compare-markdown"] = ["compare", "llama", "claude", "--format", "markdown"]
    cases["cost-csv"] = ["cost", "qwen3-32b", "--tokens", "1B", "--format", "csv"]
    cases["catalog-validate"] = ["catalog", "validate"]
    cases["catalog-validate-json"] = ["catalog", "validate", "--json"]
    errors = {
        "error-show-not-found": ["show", "zzz-no-such-model"],
        "error-compare-one": ["compare", "llama"],
        "error-budget-text": ["recommend", "--budget", "lots", "--tokens", "1M", "--no-input"],
        "error-missing-answers": ["recommend", "--no-input"],
        "error-cost-no-tokens": ["cost", "gpt-oss-20b"],
        "error-bad-today": ["--today", "2026-02-30", "list"],
    }
    for name, args in errors.items():
        cases[f"{name}-plain"] = args
        cases[f"{name}-json"] = [*args, "--json"]
    return cases


CASES = _cases()


def render(code: int, stdout: str, stderr: str, args: list[str]) -> str:
    return f"$ llm-advisor --today {TODAY} {' '.join(args)}\nexit: {code}\n--- stdout\n{stdout}--- stderr\n{stderr}"


CHILD = """
import contextlib, io, json, sys
from llm_advisor.cli import main
runs = {}
for name, args in json.loads(sys.argv[1]).items():
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--today", sys.argv[2], *args])
    runs[name] = [code, out.getvalue(), err.getvalue()]
sys.stdout.write(json.dumps(runs))
"""


def run_all(cwd: Path, cache_dir: Path) -> dict[str, str]:
    """Every case, run in one child process from the repository root; name -> golden text."""
    import json
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("LLM_ADVISOR_")}
    env.update(NO_COLOR="1", COLUMNS="160", LLM_ADVISOR_CACHE_DIR=str(cache_dir), TZ="UTC")
    r = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(CASES), TODAY],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        check=False,
    )
    if r.returncode != 0:
        raise RuntimeError(r.stderr[-3000:])
    runs = json.loads(r.stdout)
    return {name: render(*runs[name], CASES[name]) for name in CASES}
