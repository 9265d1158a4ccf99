from __future__ import annotations

import atexit
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from llm_advisor.catalog import load_catalog
from llm_advisor.cli import main

# Tests never touch the user's cache directory, and leave no cache of their own behind.
os.environ["LLM_ADVISOR_CACHE_DIR"] = tempfile.mkdtemp(prefix="llm-advisor-test-cache-")
atexit.register(shutil.rmtree, os.environ["LLM_ADVISOR_CACHE_DIR"], True)

FIXTURE = Path(__file__).parent / "fixtures" / "catalog"
SHARED_SCENARIOS = Path(__file__).resolve().parents[2] / "shared" / "scenarios"
"""The project's shared scenarios, beside the repository when it is checked out in the
workplace; tests/scenarios/shared holds copies, so a bare clone runs them too."""

TODAY = dt.date(2026, 12, 1)
"""The day every test computes for.  No test reads the clock: the library gets ``today=TODAY``
and every CLI run gets ``LLM_ADVISOR_TODAY`` (a test that checks the default patches the
clock), so the suite gives the same results on any date (run it under ``faketime``)."""
os.environ["LLM_ADVISOR_TODAY"] = TODAY.isoformat()

FAKETIME_VARIABLES = (
    "LD_PRELOAD",
    "FAKETIME",
    "FAKETIME_NO_CACHE",
    "FAKETIME_DONT_FAKE_MONOTONIC",
    "FAKETIME_SHARED",
    "DONT_FAKE_MONOTONIC",
    "FAKETIME_DID_REEXEC",
)


def without_faketime(env: dict[str, str] | None = None) -> dict[str, str]:
    """``env`` (default: ours) without libfaketime's variables.  libfaketime opens a shared-memory
    file in every process it starts, so a child started with stdout closed would get that file as
    its stdout; tests of closed descriptors run their children without it."""
    return {k: v for k, v in (os.environ if env is None else env).items() if k not in FAKETIME_VARIABLES}


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    def json(self):
        return json.loads(self.stdout)


CLI_PROCESS = [sys.executable, "-c", "import sys; from llm_advisor.cli import main; sys.exit(main())"]
"""The real entry point in a child process, for what needs real file descriptors and signals."""


def run_cli_process(*args: str, **kwargs):
    import subprocess

    return subprocess.run([*CLI_PROCESS, *args], **kwargs)


def run_cli(*args: str, input: str | None = None, env: dict | None = None) -> Run:
    """Run the real entry point (with its error mapping), capturing stdout and stderr apart."""
    runner = CliRunner()
    base_env = {"LLM_ADVISOR_CATALOG": None, "NO_COLOR": None, "COLUMNS": "200"}
    with runner.isolation(input=input, env={**base_env, **(env or {})}) as (out, err, _):
        try:
            code = main(list(args))
        except SystemExit as exc:  # pragma: no cover - main never exits itself
            code = exc.code
        sys.stdout.flush()
        sys.stderr.flush()
        return Run(code, out.getvalue().decode(), err.getvalue().decode())


@pytest.fixture(scope="session")
def fixture_catalog():
    return load_catalog([FIXTURE], builtin=False)


@pytest.fixture(scope="session")
def real_catalog():
    return load_catalog()


def pytest_report_header(config):
    return f"llm-advisor: every test computes for {TODAY} (LLM_ADVISOR_TODAY; the clock is never read)"


def pytest_terminal_summary(terminalreporter):
    """Stale facts are a maintainer's job, never a red test: say so at the end of the run.
    (The only place the tests read the clock, and it changes no result.)"""
    from llm_advisor.core.freshness import STALE_AFTER_DAYS

    try:
        cat = load_catalog()
    except Exception:
        return
    oldest = min(m.as_of for m in cat.models.values())
    age = (dt.date.today() - oldest).days
    if age > STALE_AFTER_DAYS:
        stale = sorted(m.id for m in cat.models.values() if (dt.date.today() - m.as_of).days > STALE_AFTER_DAYS)
        terminalreporter.write_line(
            f"warning: {len(stale)} catalogue models were last checked over {STALE_AFTER_DAYS} days ago (oldest {oldest}, {age} days): "
            f"re-check their facts and run 'llm-advisor catalog audit' ({', '.join(stale[:5])}{', ...' if len(stale) > 5 else ''})",
            yellow=True,
        )


def revalidated(obj):
    """``obj`` (a record or result) through pydantic's strict JSON-mode validation of its own
    type, from its JSON: equal to ``obj`` when every value is what the type declares."""
    import json as _json

    from llm_advisor.base import json_data
    from llm_advisor.catalog.validation import adapter

    return adapter(type(obj)).validate_json(_json.dumps(json_data(obj)))
