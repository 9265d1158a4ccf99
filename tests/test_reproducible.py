"""The same catalogue, requirements and --today give byte-for-byte the same output on every run:
whatever the hash seed (set and dict order), the time zone, and whether the catalogue came from a
cold cache, a warm one or no cache at all."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .conftest import TODAY

SCENARIOS = Path(__file__).parent / "scenarios" / "shared"
COMMANDS = [
    [
        "recommend",
        "--profile",
        str(SCENARIOS / "bank-private-cloud.toml"),
        "--no-input",
        "--json",
        "--explain",
        "--top",
        "50",
    ],
    ["recommend", "--profile", str(SCENARIOS / "startup-mvp.toml"), "--no-input", "--plain", "--explain"],
    ["recommend", "--profile", str(SCENARIOS / "academic-lab.toml"), "--no-input", "--format", "markdown"],
    ["compare", "llama", "gpt-4", "claude", "--json"],
    ["compare", "gemini", "mistral", "--plain"],
    ["show", "gemini-4-argon", "--plain"],
    ["cost", "llama-3.3-70b", "--tokens", "200M", "--json"],
    ["list", "--plain", "--all"],
    ["catalog", "audit", "--all", "--json"],
]

CHILD = """
import contextlib, io, json, sys
from llm_advisor.cli import main
runs = []
for args in json.loads(sys.argv[1]):
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(args)
    runs.append([code, out.getvalue()])
sys.stdout.write(json.dumps(runs))
"""


def _run(seed: str, tz: str, cache: Path | None) -> list:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LLM_ADVISOR_")}
    env.update(PYTHONHASHSEED=seed, TZ=tz, LLM_ADVISOR_TODAY=TODAY.isoformat(), NO_COLOR="1", COLUMNS="120")
    if cache is None:
        env["LLM_ADVISOR_NO_CACHE"] = "1"
    else:
        env["LLM_ADVISOR_CACHE_DIR"] = str(cache)
    r = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(COMMANDS)], capture_output=True, text=True, env=env, check=False
    )
    assert r.returncode == 0, r.stderr[-2000:]
    return json.loads(r.stdout)


def test_output_is_byte_for_byte_the_same_on_every_run(tmp_path):
    cold = _run("1", "UTC", tmp_path / "cache")
    warm = _run("2", "Pacific/Kiritimati", tmp_path / "cache")
    uncached = _run("3", "America/Adak", None)
    assert all(code in (0, 1) and out for code, out in cold), cold
    for i, args in enumerate(COMMANDS):
        assert warm[i] == cold[i], f"warm cache differs: {args}"
        assert uncached[i] == cold[i], f"no cache differs: {args}"
