from __future__ import annotations

import datetime as dt
import json
import atexit
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
SCENARIOS = Path(__file__).resolve().parents[2] / "shared" / "scenarios"
TODAY = dt.date(2026, 11, 23)


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
