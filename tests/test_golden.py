"""Golden output: every case in tests/golden_cases.py prints exactly what tests/golden/ holds
(exit code, stdout and stderr), byte for byte.  Regenerate with scripts/update_golden.py and
review the diff: these files are how a refactor proves it changed nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from .golden_cases import CASES, GOLDEN, run_all

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    return run_all(ROOT, tmp_path_factory.mktemp("golden-cache"))


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(outputs, name):
    path = GOLDEN / f"{name}.txt"
    assert path.exists(), f"no golden file for {name}: run scripts/update_golden.py"
    assert outputs[name] == path.read_text(), f"{name} changed: review, then run scripts/update_golden.py"


def test_no_stray_golden_files():
    assert {p.stem for p in GOLDEN.glob("*.txt")} == set(CASES)
