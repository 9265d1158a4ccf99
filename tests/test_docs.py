"""The docs stay true: every `$ llm-advisor` example in README.md and docs/ shows what the
command prints today, and every command has a page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_command_has_a_docs_page():
    for cmd in ("recommend", "compare", "list", "show", "cost", "catalog"):
        page = ROOT / "docs" / f"{cmd}.md"
        assert page.exists(), page
        assert "jq" in page.read_text() or cmd == "catalog", page
        assert f"docs/{cmd}.md" in (ROOT / "README.md").read_text()


def test_examples_are_up_to_date():
    """Generated for a fixed --today (scripts/readme_examples.py), so they never rot with the
    calendar; they change only when the catalogue or the code does."""
    r = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "readme_examples.py"), "--check"], capture_output=True, text=True
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_the_library_example_runs():
    """docs/library.md's example is the public API in use: it must run as written."""
    import re

    text = (ROOT / "docs" / "library.md").read_text()
    (code,) = re.findall(r"```python\n(.*?)```", text, re.S)
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "no-such-model" in r.stdout and "budget must be a non-negative" in r.stdout


def test_the_public_api_is_exported_and_typed():
    import llm_advisor

    for name in llm_advisor.__all__:
        assert getattr(llm_advisor, name) is not None, name
    assert (ROOT / "src" / "llm_advisor" / "py.typed").exists()
