"""catalog audit: differences against genai-prices, --write overlays, stale flags."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from llm_advisor.audit import audit_prices, stale_note
from llm_advisor.catalog import builtin_catalog_dir

from .conftest import run_cli

pytest.importorskip("genai_prices")


def _drifted_overlay(tmp_path: Path) -> Path:
    root = tmp_path / "drift"
    (root / "models" / "openai").mkdir(parents=True)
    text = (builtin_catalog_dir() / "models" / "openai" / "gpt-4o.toml").read_text()
    assert "input = 2.5" in text or "input = 2.50" in text
    text = text.replace("input = 2.50", "input = 9.99").replace("input = 2.5\n", "input = 9.99\n")
    (root / "models" / "openai" / "gpt-4o.toml").write_text(text)
    return root


def test_builtin_catalogue_matches_its_snapshot():
    doc = run_cli("catalog", "audit", "--json").json()
    assert doc["counts"]["changed"] == 0 and doc["counts"]["missing"] == 0
    assert doc["counts"]["same"] >= 80


def test_drift_is_listed_and_written_as_an_overlay(tmp_path):
    drift = _drifted_overlay(tmp_path)
    r = run_cli("--catalog", str(drift), "catalog", "audit", "--plain")
    assert r.code == 0 and "gpt-4o" in r.stdout and "changed" in r.stdout and "9.99 / 10" in r.stdout
    doc = run_cli("--catalog", str(drift), "catalog", "audit", "--json").json()
    changed = [c for c in doc["checks"] if c["status"] == "changed"]
    assert {(c["model"], c["catalog_input"], c["source_input"]) for c in changed} >= {("gpt-4o", 9.99, 2.5)}
    out = tmp_path / "fresh"
    r = run_cli("--catalog", str(drift), "catalog", "audit", "--write", str(out))
    assert r.code == 0 and (out / "models" / "openai" / "gpt-4o.toml").exists()
    shown = run_cli("--catalog", str(out), "show", "gpt-4o", "--json").json()["model"]
    api = next(o for o in shown["offerings"] if o["host"] == "openai-api")
    assert api["input"] == 2.5 and "catalog audit" in api["source"]
    assert run_cli("catalog", "validate", str(out)).code == 0


def test_write_onto_a_file_is_an_error(tmp_path):
    f = tmp_path / "file"
    f.write_text("x")
    r = run_cli("--catalog", str(_drifted_overlay(tmp_path)), "catalog", "audit", "--write", str(f))
    assert r.code == 2 and "is a file" in r.stderr


def test_refresh_offline_says_so_and_goes_on(monkeypatch):
    from llm_advisor import pricecheck

    monkeypatch.setattr(pricecheck, "refresh", lambda: (False, "could not refresh prices (offline? test); using the bundled snapshot"))
    r = run_cli("catalog", "audit", "--refresh", "--json")
    assert r.code == 0 and "could not refresh" in r.stderr and r.json()["refreshed"] is False


def test_audit_with_a_fake_source(fixture_catalog):
    class P:
        input, output = 0.5, 2.0

    checks = audit_prices(fixture_catalog, lambda ref, day: P if ref else None, dt.date(2026, 11, 23))
    assert {c.status for c in checks} == {"unchecked"}  # the fixture carries no price_ref


def test_stale_note(fixture_catalog):
    m = fixture_catalog.models["alpha-8b"]  # as_of 2026-11-01
    assert stale_note(m, dt.date(2026, 11, 23)) is None
    note = stale_note(m, dt.date(2027, 11, 23))
    assert note and "2026-11-01" in note and "387 days ago" in note


def test_stale_models_are_flagged_in_show_compare_and_recommend(fixture_catalog):
    from llm_advisor.compare import compare_rows
    from llm_advisor.models import Requirements
    from llm_advisor.recommender import recommend
    from llm_advisor.views import show_sections

    later = dt.date(2027, 11, 23)
    m = fixture_catalog.models["alpha-8b"]
    assert any("STALE" in v for _, rows in show_sections(fixture_catalog, m, later) for _, v in rows)
    rows = compare_rows(fixture_catalog, [m, fixture_catalog.models["beta-pro"]], today=later)
    assert "STALE" in next(r for r in rows if r.label == "Facts as of").values[0]
    advice = recommend(fixture_catalog, Requirements(budget=10_000, tokens=10**7), today=later)
    assert all(any("days ago" in c for c in r.caveats) for r in advice.open + advice.closed)
    fresh = recommend(fixture_catalog, Requirements(budget=10_000, tokens=10**7), today=dt.date(2026, 11, 23))
    assert not any("days ago" in c for r in fresh.open + fresh.closed for c in r.caveats)
