"""The fast path parses what the Typer app declares, and answers exactly as the app does: the
same stdout, stderr and exit code for the same command line, valid or not."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from llm_advisor.cli import fastpath

from .conftest import FIXTURE, run_cli

ROOT = Path(__file__).resolve().parents[1]
POLICY = str(ROOT / "docs" / "examples" / "policy.toml")


def test_the_spec_is_generated_from_the_app():
    r = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "update_cli_spec.py"), "--check"], capture_output=True, text=True
    )
    assert r.returncode == 0, r.stdout + r.stderr


def both(monkeypatch, *args, env=None):
    """(fast path, Typer path) runs of one command line."""
    fast = run_cli(*args, env=env)
    with monkeypatch.context() as m:
        m.setattr(fastpath, "parse", lambda a: None)
        slow = run_cli(*args, env=env)
    return fast, slow


LINES = [
    ["compare", "llama", "gpt-4", "--json"],
    ["compare", "--json", "llama", "gpt-4", "--output-share=0.5"],
    ["compare", "llama", "--plain", "claude", "--output-share", "50%"],
    ["compare", "llama"],
    ["compare", "llama", "--", "--json"],
    ["compare", "llama", "claude", "--json", "--json"],
    ["show", "gpt-4o", "--format", "markdown"],
    ["show", "gpt-4o", "gpt-4"],
    ["show"],
    ["show", "--json=yes", "gpt-4o"],
    ["show", "zzz", "--json"],
    ["list", "-q", "llama", "--plain"],
    ["list", "-qmixtral", "--json"],
    ["list", "--lab=meta", "--lab", "openai", "--plain"],
    ["list", "--min-context"],
    ["list", "--open", "--closed"],
    ["list", "--opn"],
    ["--today", "2026-11-30", "cost", "gemini-4-argon", "--tokens", "10M", "--json"],
    ["--today=2027-01-01", "--catalog", str(FIXTURE), "list", "--json"],
    ["cost", "gpt-oss-20b", "--tokens", "5M", "--max-gpus", "2", "--quantization", "INT4", "--plain"],
    ["cost", "gpt-oss-20b", "--tokens", "5M", "--concurrency", "2.5"],
    ["recommend", "--budget", "300", "--tokens", "20M", "--no-input", "--non-commercial", "--plain", "--top", "2"],
    ["recommend", "--budget", "300", "--tokens", "20M", "--no-input", "--commercial", "--json", "--explain"],
    ["recommend", "--budget", "-5", "--tokens", "20M", "--no-input", "--json"],
    ["recommend", "--tokens", "20M", "--no-input", "--json"],
    ["recommend", "--budget", "300", "--tokens", "20M", "--no-input", "--top", "five"],
    ["recommend", "--budget", "300", "--tokens", "20M", "--no-input", "-h"],
    ["--version"],
    ["--catalog"],
    ["--bogus", "list"],
    ["check", "--policy", POLICY, "gpt-4o", "gemma-4-31b", "--json"],
    ["check", f"--policy={POLICY}", "kimi-k2@groq", "--plain"],
    ["check", "gpt-4o"],
    ["check", "--policy", POLICY],
    ["check", "--policy", "nowhere.toml", "gpt-4o"],
    ["check", "--policy", POLICY, "--sensitivity", "secret", "gpt-4o"],
]


@pytest.mark.parametrize("args", LINES, ids=[" ".join(a)[:60] for a in LINES])
def test_fast_and_typer_paths_answer_alike(monkeypatch, args):
    fast, slow = both(monkeypatch, *args)
    assert (fast.code, fast.stdout, fast.stderr) == (slow.code, slow.stdout, slow.stderr)


def test_the_fast_path_takes_the_common_commands_and_nothing_odd():
    assert fastpath.parse(["compare", "llama", "gpt-4", "--json"]) is not None
    assert fastpath.parse(["--today", "2026-12-01", "recommend", "--budget", "1", "--tokens", "1"]) is not None
    assert fastpath.parse(["check", "--policy", "p.toml", "gpt-4o", "--json"]) is not None
    assert fastpath.parse(["check", "gpt-4o"]) is None  # --policy is required: Click says so
    for odd in (
        ["compare", "--help"],
        ["catalog", "validate"],
        ["--version"],
        ["list", "--bogus"],
        ["show"],
        ["show", "a", "b"],
        ["--install-completion"],
    ):
        assert fastpath.parse(odd) is None, odd


def test_environment_options_reach_the_fast_path(monkeypatch):
    fast, slow = both(
        monkeypatch, "list", "--json", env={"LLM_ADVISOR_CATALOG": str(FIXTURE), "LLM_ADVISOR_TODAY": "2027-03-01"}
    )
    assert fast.stdout == slow.stdout and '"today": "2027-03-01"' in fast.stdout and "alpha-8b" in fast.stdout
    fast, slow = both(monkeypatch, "list", "--json", env={"LLM_ADVISOR_TODAY": "someday"})
    assert (
        (fast.code, fast.stderr)
        == (slow.code, slow.stderr)
        == (2, "llm-advisor: error: LLM_ADVISOR_TODAY='someday' is not a date: use YYYY-MM-DD, e.g. 2026-12-01\n")
    )


WORDS = st.sampled_from(
    [
        "compare",
        "show",
        "list",
        "cost",
        "recommend",
        "check",
        "--policy",
        "llama",
        "gpt-4o",
        "claude",
        "zzz",
        "--json",
        "--plain",
        "--format",
        "csv",
        "--output-share",
        "0.3",
        "--tokens",
        "5M",
        "--budget",
        "100",
        "--no-input",
        "-q",
        "--",
        "--top",
        "3",
        "--lab",
        "meta",
        "--today",
        "2026-12-05",
        "--open",
        "--commercial",
        "--non-commercial",
        "-",
        "",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(args=st.lists(WORDS, min_size=1, max_size=7))
def test_any_command_line_gets_the_same_answer_on_both_paths(monkeypatch, args):
    fast, slow = both(monkeypatch, *args)
    assert (fast.code, fast.stdout, fast.stderr) == (slow.code, slow.stdout, slow.stderr), args


# Completion -----------------------------------------------------------------------------------


def _complete(words: str, cword: int, *, fast: bool, extra: dict | None = None) -> subprocess.CompletedProcess:
    env = {
        "_LLM_ADVISOR_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(cword),
        "PATH": "/usr/bin:/bin",
        "LLM_ADVISOR_CACHE_DIR": os.environ["LLM_ADVISOR_CACHE_DIR"],
        **(extra or {}),
    }
    code = "import sys; from llm_advisor.cli import main; sys.exit(main())"
    if not fast:
        code = "import sys; from llm_advisor.cli import completion; completion.fast_complete = lambda env: None; from llm_advisor.cli import main; sys.exit(main())"
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)


@pytest.mark.parametrize(
    "words,cword",
    [
        ("llm-advisor show gemma-4", 2),
        ("llm-advisor compare llama cl", 3),
        ("llm-advisor cost --tokens 5M gpt-oss", 4),
        ("llm-advisor --today 2026-12-01 show gpt4", 4),
        ("llm-advisor show gpt-4o ", 3),
        ("llm-advisor recommend --hosting a", 3),
        ("llm-advisor show --", 2),
        ("llm-advisor cost gpt-4o --tokens ", 4),
        ("llm-advisor check --policy p.toml gpt-4o gemma-4-3", 5),
        ("llm-advisor check --policy ", 3),
    ],
)
def test_fast_completion_answers_as_typer_does(words, cword):
    _complete(words, cword, fast=False)  # warm the names list
    fast, slow = _complete(words, cword, fast=True), _complete(words, cword, fast=False)
    assert (fast.returncode, fast.stdout) == (slow.returncode, slow.stdout), words


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "typer"])
@pytest.mark.parametrize("how", ["flag", "env"])
def test_a_user_catalogues_models_complete(fast, how):
    """Completion runs without the app's callback, so it builds the catalogue from the command
    line itself: models of --catalog or LLM_ADVISOR_CATALOG complete too."""
    if how == "flag":
        r = _complete(f"llm-advisor --catalog {FIXTURE} show alp", 4, fast=fast)
    else:
        r = _complete("llm-advisor show alp", 2, fast=fast, extra={"LLM_ADVISOR_CATALOG": str(FIXTURE)})
    assert set(r.stdout.split()) >= {"alpha-8b", "alpha-70b", "alpha-research", "alpha"}, r.stderr


@pytest.mark.parametrize("shell,action", [("zsh", ""), ("fish", "get-args"), ("fish", "is-args")])
@pytest.mark.parametrize("line", ["llm-advisor show gemma-4", "llm-advisor compare llama ", "llm-advisor show zzzz"])
def test_fast_completion_in_zsh_and_fish(shell, action, line):
    extra = {
        "_LLM_ADVISOR_COMPLETE": f"complete_{shell}",
        "_TYPER_COMPLETE_ARGS": line,
        "_TYPER_COMPLETE_FISH_ACTION": action,
    }
    fast, slow = _complete("", 0, fast=True, extra=extra), _complete("", 0, fast=False, extra=extra)
    assert (fast.returncode, fast.stdout) == (slow.returncode, slow.stdout), (shell, action, line)
