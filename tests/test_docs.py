"""The docs stay true: every `$ llm-advisor` example in README.md and docs/ shows what the
command prints today, and every command has a page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_command_has_a_docs_page():
    for cmd in ("recommend", "compare", "list", "show", "cost", "catalog", "policy", "report"):
        page = ROOT / "docs" / f"{cmd}.md"
        assert page.exists(), page
        assert "jq" in page.read_text() or cmd in ("catalog", "report"), page
        assert f"docs/{cmd}.md" in (ROOT / "README.md").read_text()
    policy = (ROOT / "docs" / "policy.md").read_text()
    assert "runs-on:" in policy and "llm-advisor check --policy" in policy  # the GitHub Actions example


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


def test_the_cost_model_doc_states_the_calibration_as_it_is(real_catalog):
    """docs/cost-model.md quotes the calibration's worst and median error: they must be what the
    table gives today."""
    import importlib.util
    import re
    import statistics

    spec = importlib.util.spec_from_file_location("calibrate_serving", ROOT / "scripts" / "calibrate_serving.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rows = module.errors(real_catalog)
    worst = max(abs(e) for _, _, e in rows)
    median = statistics.median(abs(e) for _, _, e in rows)
    text = (ROOT / "docs" / "cost-model.md").read_text()
    stated = re.search(r"(\d+) points: worst (\d+)%, median (\d+)%", text)
    assert stated, "docs/cost-model.md no longer states the calibration"
    assert (int(stated[1]), int(stated[2]), int(stated[3])) == (len(rows), round(worst * 100), round(median * 100))


def test_the_readme_counts_the_catalogue_as_it_is(real_catalog):
    import re

    from .conftest import TODAY

    text = (ROOT / "README.md").read_text()
    models = list(real_catalog.models.values())
    dated = list(real_catalog.on(TODAY).models.values())
    scores = [b for m in models for b in m.benchmarks]
    got = {
        "models": len(models),
        "labs": len({m.lab for m in models}),
        "open": sum(m.open_weights for m in models),
        "active": sum(m.lifecycle.status == "active" for m in dated),
        "scores": len(scores),
        "scored": sum(1 for m in models if m.benchmarks),
        "independent": sum(1 for m in models if any(not b.self_reported for b in m.benchmarks)),
        "sized": sum(1 for m in models if m.open_weights and m.architecture is not None),
    }
    patterns = {
        "models": r"(\d+) models from \d+ labs",
        "labs": r"\d+ models from (\d+) labs",
        "open": r"\((\d+) with open weights",
        "active": r"(\d+) active on",
        "scores": r"(\d+) scores on \d+ models",
        "scored": r"\d+ scores on (\d+) models",
        "independent": r"independent, on (\d+) models",
        "sized": r"For (\d+) open models the attention layout",
    }
    for key, pattern in patterns.items():
        found = re.search(pattern, text)
        assert found, key
        assert int(found[1]) == got[key], (key, found[1], got[key])
