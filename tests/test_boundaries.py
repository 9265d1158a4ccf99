"""The pure core stays pure: no Rich, Typer, os or I/O in the recommender and cost model."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "llm_advisor"
PURE = ["models.py", "costs.py", "recommender.py", "units.py", "compare.py", "views.py", "cost_report.py", "audit.py"]
FORBIDDEN = {"rich", "typer", "os", "sys", "subprocess", "pathlib", "click"}


@pytest.mark.parametrize("name", PURE)
def test_pure_modules_import_no_io_or_ui(name):
    tree = ast.parse((SRC / name).read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            mods = [a.name.split(".")[0] for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            mods = [(node.module or "").split(".")[0]]
        else:
            continue
        assert not FORBIDDEN & set(mods), f"{name} imports {mods}"
        if isinstance(node, ast.ImportFrom) and node.level == 0:
            continue
    assert "open(" not in (SRC / name).read_text()


def test_json_commands_do_not_import_rich():
    code = (
        "import sys; from llm_advisor.cli import main; "
        "rc = main(['compare', 'llama', 'claude', '--json']); "
        "assert rc == 0, rc; "
        "bad = sorted(m for m in sys.modules if m.startswith('rich')); "
        "sys.stderr.write(repr(bad)); sys.exit(1 if bad else 0)"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-2000:]


def test_library_api():
    import datetime as dt

    from llm_advisor import Requirements, load_catalog, recommend

    advice = recommend(load_catalog(), Requirements(budget=2000, tokens=50_000_000), today=dt.date(2026, 11, 23))
    assert advice.verdict in ("open", "closed", "hybrid")
