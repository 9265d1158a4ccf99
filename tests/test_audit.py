"""catalog audit: differences against genai-prices, --write overlays, stale flags."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest

from llm_advisor.catalog import builtin_catalog_dir, load_catalog
from llm_advisor.core.audit import audit_prices
from llm_advisor.core.freshness import stale_note

from .conftest import TODAY, run_cli

pytest.importorskip("genai_prices")


def _drifted_overlay(tmp_path: Path) -> Path:
    root = tmp_path / "drift"
    (root / "models" / "openai").mkdir(parents=True)
    text = (builtin_catalog_dir() / "models" / "openai" / "gpt-4o.toml").read_text()
    assert "input = 2.5" in text or "input = 2.50" in text
    text = text.replace("input = 2.50", "input = 9.99").replace("input = 2.5\n", "input = 9.99\n")
    (root / "models" / "openai" / "gpt-4o.toml").write_text(text)
    return root


@pytest.mark.parametrize("today", ["2026-11-23", "2026-12-01", "2027-06-19", "2031-01-01"])
def test_builtin_catalogue_matches_its_snapshot_whatever_the_day(today):
    """Every stated price is checked on its own day, so the audit's verdict does not move with
    the calendar (it went red overnight when it compared prices on the day it ran)."""
    doc = run_cli("--today", today, "catalog", "audit", "--json").json()
    assert doc["counts"]["changed"] == 0 and doc["counts"]["missing"] == 0
    assert doc["counts"]["same"] >= 80
    assert doc["today"] == today


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
    from llm_advisor import prices as pricecheck

    monkeypatch.setattr(
        pricecheck, "refresh", lambda: (False, "could not refresh prices (offline? test); using the bundled snapshot")
    )
    r = run_cli("catalog", "audit", "--refresh", "--json")
    assert r.code == 0 and "could not refresh" in r.stderr and r.json()["refreshed"] is False


def test_offerings_without_a_price_ref_are_unchecked(fixture_catalog):
    asked = []
    checks = audit_prices(fixture_catalog, lambda ref, day: asked.append(ref), TODAY)
    assert checks and {c.status for c in checks} == {"unchecked"}  # the fixture carries no price_ref
    assert asked == []


# A price source with a schedule, as genai-prices has them: (first day or None, input, output).
SCHEDULE = [(None, 5.0, 25.0), (dt.date(2027, 3, 1), 6.0, 30.0)]


def _source(schedule):
    """A fake lookup(ref, day) that answers from ``schedule`` and records every day asked."""
    asked: list[dt.date] = []

    def lookup(ref, day):
        asked.append(day)
        price = [row for row in schedule if row[0] is None or row[0] <= day][-1]
        return SimpleNamespace(input=price[1], output=price[2], changes=tuple(row[0] for row in schedule if row[0]))

    return lookup, asked


def _with_ref(cat, update_offering=None):
    """The fixture with beta-pro's beta-api offering checked against a price_ref."""
    import dataclasses

    m = cat.models["beta-pro"]
    off = dataclasses.replace(m.offerings[0], **{"price_ref": "beta/beta-pro", **(update_offering or {})})
    pro = dataclasses.replace(m, offerings=[off, *m.offerings[1:]])
    return dataclasses.replace(cat, models={**cat.models, "beta-pro": pro}, _index=None)


def _check(cat, lookup, today=TODAY):
    (check,) = [c for c in audit_prices(cat, lookup, today) if c.price_ref]
    return check


def test_every_stated_price_is_checked_on_its_own_day(fixture_catalog):
    lookup, asked = _source(SCHEDULE)
    check = _check(_with_ref(fixture_catalog), lookup)
    assert check.status == "same" and check.differences == ()
    # the first price on the model's as_of, the change on its start date
    assert check.dates_checked == ("2026-11-01", "2027-03-01")
    assert {dt.date(2026, 11, 1), dt.date(2027, 3, 1)} <= set(asked)


@pytest.mark.parametrize(
    "today", [dt.date(2026, 11, 2), dt.date(2027, 2, 28), dt.date(2027, 3, 1), dt.date(2035, 1, 1)]
)
def test_the_verdict_does_not_depend_on_the_day_it_runs(fixture_catalog, today):
    lookup, _ = _source(SCHEDULE)
    good = _check(_with_ref(fixture_catalog), lookup, today)
    assert good.status == "same"
    assert (good.catalog_input, good.source_input) == ((5.0, 5.0) if today < dt.date(2027, 3, 1) else (6.0, 6.0))
    wrong = _check(_with_ref(fixture_catalog, {"input": 4.0}), lookup, today)
    assert wrong.status == "changed"


def test_a_wrong_first_price_fails_on_its_day(fixture_catalog):
    lookup, _ = _source(SCHEDULE)
    check = _check(_with_ref(fixture_catalog, {"input": 4.5}), lookup)
    assert check.status == "changed"
    assert [(d.date, d.catalog_input, d.source_input) for d in check.differences] == [("2026-11-01", 4.5, 5.0)]


def test_a_wrong_dated_price_fails_on_its_day(fixture_catalog):
    from llm_advisor.records import PriceChange

    lookup, _ = _source(SCHEDULE)
    change = PriceChange(start_date=dt.date(2027, 3, 1), input=6.0, output=31.0)
    check = _check(_with_ref(fixture_catalog, {"price_changes": [change]}), lookup)
    assert [(d.date, d.catalog_output, d.source_output) for d in check.differences] == [("2027-03-01", 31.0, 30.0)]


def test_a_change_the_catalogue_lacks_fails_on_its_day(fixture_catalog):
    lookup, _ = _source([*SCHEDULE, (dt.date(2027, 9, 1), 7.0, 35.0)])
    check = _check(_with_ref(fixture_catalog), lookup)
    assert [(d.date, d.catalog_input, d.source_input) for d in check.differences] == [("2027-09-01", 6.0, 7.0)]


def test_a_change_the_source_lacks_fails_on_its_day(fixture_catalog):
    lookup, _ = _source(SCHEDULE[:1])
    check = _check(_with_ref(fixture_catalog), lookup)
    assert [(d.date, d.catalog_input, d.source_input) for d in check.differences] == [("2027-03-01", 6.0, 5.0)]


def test_history_before_the_first_checked_day_is_not_required(fixture_catalog):
    """A price change the source records before the catalogue's first price was read (as_of)
    is history the catalogue need not repeat."""
    lookup, _ = _source([(None, 9.0, 9.0), (dt.date(2025, 1, 1), 5.0, 25.0), (dt.date(2027, 3, 1), 6.0, 30.0)])
    assert _check(_with_ref(fixture_catalog), lookup).status == "same"


def test_an_unknown_ref_is_missing(fixture_catalog):
    check = _check(_with_ref(fixture_catalog), lambda ref, day: None)
    assert check.status == "missing"


def test_write_replaces_the_schedule_with_the_sources(fixture_catalog):
    from llm_advisor.core.audit import updated_models

    lookup, _ = _source([(None, 5.0, 25.0), (dt.date(2027, 5, 1), 7.0, 35.0)])
    cat = _with_ref(fixture_catalog, {"input": 4.0})
    checks = audit_prices(cat, lookup, TODAY)
    data = updated_models(cat, checks, lookup, TODAY, "genai-prices 9")
    off = data["beta-pro"]["offerings"][0]
    assert (off["input"], off["output"]) == (5.0, 25.0)
    assert [(c["start_date"], c["input"], c["output"]) for c in off["price_changes"]] == [
        (dt.date(2027, 5, 1), 7.0, 35.0)
    ]
    assert "catalog audit 2026-12-01" in off["source"] and "price_changes" not in data["beta-pro"]["offerings"][1]


def test_stale_note(fixture_catalog):
    m = fixture_catalog.models["alpha-8b"]  # as_of 2026-11-01
    assert stale_note(m, dt.date(2026, 11, 23)) is None
    note = stale_note(m, dt.date(2027, 11, 23))
    assert note and "2026-11-01" in note and "387 days ago" in note


def test_stale_models_are_flagged_in_show_compare_and_recommend(fixture_catalog):
    from llm_advisor.core.compare import compare_rows
    from llm_advisor.core.recommend import recommend
    from llm_advisor.render.show import show_sections
    from llm_advisor.requirements import Requirements

    later = dt.date(2027, 11, 23)
    m = fixture_catalog.models["alpha-8b"]
    assert any("STALE" in v for _, rows in show_sections(fixture_catalog, m, later) for _, v in rows)
    rows = compare_rows(fixture_catalog, [m, fixture_catalog.models["beta-pro"]], today=later)
    assert "STALE" in next(r for r in rows if r.label == "Facts as of").values[0]
    advice = recommend(fixture_catalog, Requirements(budget=10_000, tokens=10**7), today=later)
    assert all(any("days ago" in c for c in r.caveats) for r in advice.open + advice.closed)
    fresh = recommend(fixture_catalog, Requirements(budget=10_000, tokens=10**7), today=dt.date(2026, 11, 23))
    assert not any("days ago" in c for r in fresh.open + fresh.closed for c in r.caveats)


def test_missing_lists_what_the_labs_price_that_the_catalogue_lacks(fixture_catalog):
    """Only providers behind the catalogue's lab APIs are listed; a model any offering refers to,
    or that the source marks deprecated, is not."""
    from llm_advisor.core.audit import missing_models

    cat = _with_ref(fixture_catalog)  # beta-pro on beta-api (a lab API) refers to beta/beta-pro
    listing = {
        "beta": [
            ("beta", "beta-pro", "Beta Pro", False),
            ("beta", "beta-next", "Beta Next", False),
            ("beta", "beta-2019", "Beta 2019", True),
        ],
        "fast": [("fast", "x", "X", False)],
    }
    asked = []

    def models_of(providers):
        asked.append(set(providers))
        return [row for p in providers for row in listing.get(p, [])]

    got = missing_models(cat, lambda ref: tuple(ref.split("/", 1)), models_of)
    assert got == [{"provider": "beta", "model": "beta-next", "name": "Beta Next"}]
    assert asked == [{"beta"}]


def test_missing_from_the_command_line():
    doc = run_cli("catalog", "audit", "--missing", "--json").json()
    lacking = {(m["provider"], m["model"]) for m in doc["missing"]}
    assert lacking and ("openai", "gpt-4o") not in lacking  # in the catalogue
    cat = load_catalog()
    lab_providers = {
        off.price_ref.split("/", 1)[0]
        for m in cat.models.values()
        for off in m.offerings
        if off.price_ref and cat.hosts[off.host].kind == "lab-api"
    }
    assert {"openai", "anthropic", "google", "mistral"} <= lab_providers
    assert {p for p, _ in lacking} <= lab_providers  # only the providers of the labs' own APIs
    r = run_cli("catalog", "audit", "--missing", "--write", "x")
    assert r.code == 2 and "--missing" in r.stderr


def test_batch_cached_and_audio_prices_are_checked(fixture_catalog):
    """A stated extra price is compared on the day of the latest stated price; a wrong one, or
    one the source does not sell, fails."""

    def lookup(ref, day):
        base = (5.0, 25.0) if day < dt.date(2027, 3, 1) else (6.0, 30.0)
        return SimpleNamespace(
            input=base[0],
            output=base[1],
            changes=(dt.date(2027, 3, 1),),
            cached_input=base[0] / 10,
            batch_input=base[0] / 2,
            batch_output=base[1] / 2,
            audio_input=None,
        )

    good = _check(_with_ref(fixture_catalog, {"cached_input": 0.6, "batch_input": 3.0, "batch_output": 15.0}), lookup)
    assert good.status == "same", good.differences
    wrong = _check(_with_ref(fixture_catalog, {"cached_input": 0.5, "audio_input": 9.0}), lookup)
    assert [(d.date, d.catalog_input, d.source_input) for d in wrong.differences] == [
        ("2027-03-01 (cached_input)", 0.5, 0.6),
        ("2027-03-01 (audio_input)", 9.0, None),
    ]


def test_the_batch_price_is_the_one_in_force_on_the_day():
    """genai-prices' batch variants start on dates: before Anthropic's (2026-10-14) there is none."""
    from llm_advisor import prices

    assert prices.lookup("anthropic/claude-sonnet-4-5", dt.date(2026, 12, 1)).batch_input == 1.5
    assert prices.lookup("anthropic/claude-sonnet-4-5", dt.date(2026, 10, 1)).batch_input is None
