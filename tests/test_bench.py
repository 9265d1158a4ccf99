"""The benchmark's synthetic catalogues are valid catalogues, so its figures measure real work."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from llm_advisor.catalog import load_catalog
from llm_advisor.core.costs import sizing_key

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench.py"


def _bench():
    spec = importlib.util.spec_from_file_location("bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_synthetic_catalogue_validates_and_sizes_are_distinct(tmp_path):
    overlay = _bench().synthetic_catalog(150, tmp_path / "cat")
    cat = load_catalog([overlay])
    synthetic = [m for m in cat.models.values() if m.id.startswith("synthetic-")]
    assert len(synthetic) == 150
    sized = [sizing_key(m) for m in synthetic if m.params_b is not None]
    assert len(set(sized)) == len(sized), "copies share a size: the sizing memo would flatter the benchmark"


def test_same_sizes_option_makes_exact_copies(tmp_path):
    overlay = _bench().synthetic_catalog(140, tmp_path / "cat", distinct=False)
    cat = load_catalog([overlay])
    sized = [sizing_key(m) for m in cat.models.values() if m.id.startswith("synthetic-") and m.params_b is not None]
    assert len(set(sized)) < len(sized)
