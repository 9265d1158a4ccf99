"""The date is an input: `--today`, LLM_ADVISOR_TODAY, the system date as the default, one read
of the clock, and prices and life cycles as they stand on that day."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from llm_advisor.core.recommend import recommend
from llm_advisor.requirements import Requirements

from .conftest import TODAY, run_cli

SRC = Path(__file__).resolve().parents[1] / "src" / "llm_advisor"
REC = ["recommend", "--budget", "5000", "--tokens", "10M", "--no-input"]


# --today, the environment, the default ------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [REC, ["cost", "gemini-4-argon", "--tokens", "10M"], ["compare", "llama", "claude"], ["show", "gpt-4o"], ["list"]],
)
def test_json_carries_the_day(args):
    r = run_cli("--today", "2027-02-03", *args, "--json")
    assert r.code == 0, r.stderr
    assert r.json()["today"] == "2027-02-03"


def test_the_environment_sets_the_day_and_the_flag_wins():
    assert run_cli(*REC, "--json", env={"LLM_ADVISOR_TODAY": "2027-01-02"}).json()["today"] == "2027-01-02"
    assert (
        run_cli("--today", "2027-05-06", *REC, "--json", env={"LLM_ADVISOR_TODAY": "2027-01-02"}).json()["today"]
        == "2027-05-06"
    )


def test_without_either_the_system_date_is_used(monkeypatch):
    from llm_advisor.cli import context

    monkeypatch.setattr(context, "system_date", lambda: dt.date(2031, 5, 6))
    r = run_cli(*REC, "--json", env={"LLM_ADVISOR_TODAY": None})
    assert r.json()["today"] == "2031-05-06"
    assert run_cli(*REC, "--json", env={"LLM_ADVISOR_TODAY": ""}).json()["today"] == "2031-05-06"  # empty = unset


@pytest.mark.parametrize(
    "value,needle",
    [
        ("2026-13-01", "use YYYY-MM-DD"),
        ("2026-02-30", "use YYYY-MM-DD"),
        ("20261201", "use YYYY-MM-DD"),
        ("2026-W48-2", "use YYYY-MM-DD"),
        ("2026-12-01T10:00", "use YYYY-MM-DD"),
        ("1/12/2026", "use YYYY-MM-DD"),
        ("tomorrow", "use YYYY-MM-DD"),
        (" ", "use YYYY-MM-DD"),
        ("٢٠٢٦-١٢-٠١", "use YYYY-MM-DD"),
        ("0001-01-01", "out of range"),
        ("9999-12-31", "out of range"),
    ],
)
@pytest.mark.parametrize("where", ["flag", "env"])
def test_a_bad_date_is_a_usage_error_that_shows_the_form(value, needle, where):
    if where == "flag":
        r = run_cli("--today", value, *REC, "--json")
        assert "--today" in r.stderr
    else:
        r = run_cli(*REC, "--json", env={"LLM_ADVISOR_TODAY": value})
        assert "LLM_ADVISOR_TODAY" in r.stderr
    assert r.code == 2 and needle in r.stderr
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert r.json()["error"]["code"] == 2 and needle in r.json()["error"]["message"]  # asked for JSON


def test_the_clock_is_read_in_one_place():
    """Only cli.context.system_date reads the clock; everything else is handed the day."""
    clock = {
        ("date", "today"),
        ("datetime", "now"),
        ("datetime", "today"),
        ("datetime", "utcnow"),
        ("time", "time"),
        ("time", "localtime"),
        ("time", "gmtime"),
    }
    found = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text())
        owner_of = {}
        for func in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)):
            for node in ast.walk(func):
                owner_of[id(node)] = func.name  # inner functions are walked later and win
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute | ast.Name):
                owner = node.value.attr if isinstance(node.value, ast.Attribute) else node.value.id
                if (owner, node.attr) in clock:
                    found.append(f"{path.relative_to(SRC)}:{owner_of.get(id(node), '<module>')}")
    assert found == ["cli/context.py:system_date"], found


# Prices in force on the day ------------------------------------------------------------------

REQ = Requirements(budget=105, tokens=10_000_000)
"""beta-pro on beta-api: $5 / $25 per M until 2027-02-28, $6 / $30 from 2027-03-01.  10M
tokens at 25% output: 7.5M x $5 + 2.5M x $25 = $100, then 7.5M x $6 + 2.5M x $30 = $120; on
the cloud platform ($5.50 / $27.50) $110, over this budget."""


def test_costs_use_the_price_in_force_on_the_day(fixture_catalog):
    from llm_advisor.core.cost_report import cost_report
    from llm_advisor.requirements import CostAssumptions

    def api_cost(day):
        report = cost_report(
            fixture_catalog.models["beta-pro"], fixture_catalog, [], REQ.workload(), CostAssumptions(), today=day
        )
        return next(o.monthly_cost_usd for o in report.options if o.host == "beta-api")

    assert (api_cost(dt.date(2027, 2, 28)), api_cost(dt.date(2027, 3, 1))) == (100.0, 120.0)


def test_the_budget_is_checked_at_the_price_of_the_day(fixture_catalog):
    before = recommend(fixture_catalog, REQ, today=dt.date(2027, 2, 28))
    pro = next(r for r in before.closed if r.model == "beta-pro")
    assert (pro.deployment.host, pro.monthly_cost_usd) == ("beta-api", 100.0)
    after = recommend(fixture_catalog, REQ, today=dt.date(2027, 3, 1))
    assert "beta-pro" not in [r.model for r in after.closed]
    assert (
        "beta-api (vendor-api): $120/month is over the $105 budget"
        in {e.model: e.reasons for e in after.excluded}["beta-pro"]
    )
    assert (before.today, after.today) == (dt.date(2027, 2, 28), dt.date(2027, 3, 1))


def test_an_announced_change_is_a_caveat_with_its_cost(fixture_catalog):
    advice = recommend(fixture_catalog, REQ, today=TODAY)
    pro = next(r for r in advice.closed if r.model == "beta-pro")
    assert "beta-api's price changes on 2027-03-01 to $6 in / $30 out per M ($120/month at your volume)" in pro.caveats


def test_the_view_of_a_day(fixture_catalog):
    cat = fixture_catalog
    view = cat.on(dt.date(2027, 3, 1))
    assert view.on(dt.date(2027, 3, 1)) is view and view.written is cat
    off = view.models["beta-pro"].offerings[0]
    assert (off.input, off.output, off.price_since, off.price_changes) == (6.0, 30.0, dt.date(2027, 3, 1), [])
    assert off.source == "fixture: an announced list-price rise"
    assert view.models["alpha-8b"] is cat.models["alpha-8b"]  # unchanged models are not copied
    back = view.on(dt.date(2026, 12, 1)).models["beta-pro"].offerings[0]  # from the written catalogue
    assert (back.input, [c.start_date for c in back.price_changes]) == (5.0, [dt.date(2027, 3, 1)])


def test_a_catalogue_changed_in_code_is_viewed_afresh(fixture_catalog):
    """Which models carry dates is found when a catalogue is built, so a copy with a changed
    model (dataclasses.replace) must find it again."""
    import dataclasses

    from llm_advisor.records import Lifecycle

    m = fixture_catalog.models["alpha-8b"]
    ending = dataclasses.replace(m, lifecycle=Lifecycle(status="deprecated", date=dt.date(2027, 1, 1), source="test"))
    cat = dataclasses.replace(fixture_catalog, models={**fixture_catalog.models, "alpha-8b": ending}, _index=None)
    assert cat.on(dt.date(2027, 1, 1)).models["alpha-8b"].lifecycle.status == "retired"


def test_a_deprecated_model_is_retired_from_its_shutdown_date(fixture_catalog):
    """beta-legacy: shutdown announced for 2027-02-01, successor beta-pro."""
    req = Requirements(budget=10_000, tokens=1_000_000)
    still = recommend(fixture_catalog, req, today=dt.date(2026, 6, 1), top=50)  # within the lifecycle horizon
    legacy = next(r for r in still.closed if r.model == "beta-legacy")
    assert any("shuts it down on 2027-02-01" in c for c in legacy.caveats)
    assert (legacy.lifecycle.status, legacy.lifecycle.shutdown, legacy.lifecycle.successor) == (
        "deprecated",
        dt.date(2027, 2, 1),
        "beta-pro",
    )
    gone = recommend(fixture_catalog, req, today=dt.date(2027, 2, 1), top=50)
    assert "beta-legacy" not in [r.model for r in gone.closed]
    reasons = {e.model: e.reasons for e in gone.excluded}["beta-legacy"]
    assert reasons == ["retired on 2027-02-01; its successor is beta-pro"]
    view = fixture_catalog.on(dt.date(2027, 2, 1)).models["beta-legacy"]
    assert view.lifecycle.status == "retired" and view.offerings == []


def test_show_and_compare_give_the_price_in_force_and_the_next_change():
    r = run_cli("--today", "2026-11-30", "show", "gemini-4-argon", "--plain")
    assert "$2 in / $10 out per M" in r.stdout and "from 2026-12-01: $4 in / $20 out per M" in r.stdout
    r = run_cli("--today", "2026-12-01", "show", "gemini-4-argon", "--plain")
    api = next(line for line in r.stdout.splitlines() if line.startswith("vendor-api: Google Gemini API"))
    assert "$4 in / $20 out per M since 2026-12-01" in api and "; from" not in api
    doc = run_cli("--today", "2026-11-30", "show", "gemini-4-argon", "--json").json()["model"]
    api = next(o for o in doc["offerings"] if o["host"] == "gemini-api")
    assert (api["input"], api["output"]) == (2.0, 10.0)
    assert [(c["start_date"], c["input"], c["output"]) for c in api["price_changes"]] == [("2026-12-01", 4.0, 20.0)]
    doc = run_cli("--today", "2026-11-30", "compare", "gemini-4-argon", "gpt-4o", "--json").json()
    row = next(r for r in doc["rows"] if r["label"] == "Announced price changes")
    assert row["values"][0].startswith("gemini-api: $4 / $20 from 2026-12-01") and row["values"][1] == "none announced"


def test_cost_uses_the_price_of_the_day_and_names_the_next_change():
    def api(day):
        doc = run_cli("--today", day, "cost", "gemini-4-argon", "--tokens", "100M", "--json").json()
        return doc, next(o for o in doc["options"] if o["host"] == "gemini-api")

    doc, before = api("2026-11-30")
    assert (before["input"], before["output"], before["monthly_cost_usd"]) == (2.0, 10.0, 400.0)  # 75M x $2 + 25M x $10
    assert any("from 2026-12-01" in n for n in doc["notes"])
    doc, after = api("2026-12-01")
    assert (after["input"], after["output"], after["monthly_cost_usd"]) == (4.0, 20.0, 800.0)
    assert not any("announced" in n for n in doc["notes"])


def test_a_past_day_uses_the_price_then():
    """Mistral Large 4: launch $0.68 / $2.09, $1.36 / $4.18 from 2026-10-20, $0.70 / $2.10 from 2026-10-29."""
    prices = {}
    for day in ("2026-10-19", "2026-10-20", "2026-10-28", "2026-10-29"):
        off = run_cli("--today", day, "show", "mistral-large-4", "--json").json()["model"]["offerings"][0]
        prices[day] = (off["input"], off["output"])
    assert prices == {
        "2026-10-19": (0.68, 2.09),
        "2026-10-20": (1.36, 4.18),
        "2026-10-28": (1.36, 4.18),
        "2026-10-29": (0.7, 2.1),
    }


def test_list_hides_models_retired_by_the_day():
    ids = lambda day: [m["id"] for m in run_cli("--today", day, "list", "--json").json()["models"]]  # noqa: E731
    assert "gemini-2.5-flash" in ids("2026-11-30")  # shutdown announced for 2026-12-01
    assert "gemini-2.5-flash" not in ids("2026-12-01")


def test_catalog_new_dates_its_template(tmp_path):
    assert run_cli("--today", "2027-04-05", "catalog", "new", "m1", "--lab", "acme", "--dir", str(tmp_path)).code == 0
    assert "as_of = 2027-04-05" in (tmp_path / "models" / "acme" / "m1.toml").read_text()


def test_price_changes_are_validated(tmp_path):
    from .conftest import FIXTURE

    base = (FIXTURE / "models" / "beta" / "beta-mini.toml").read_text()
    cases = {
        "out-of-order": base
        + "\n[[offerings.price_changes]]\nstart_date = 2027-05-01\ninput = 1\noutput = 2\n\n[[offerings.price_changes]]\nstart_date = 2027-04-01\ninput = 1\noutput = 2\n",
        "since-after": base.replace("output = 2.0", "output = 2.0\nprice_since = 2027-06-01")
        + "\n[[offerings.price_changes]]\nstart_date = 2027-05-01\ninput = 1\noutput = 2\n",
        "negative": base + "\n[[offerings.price_changes]]\nstart_date = 2027-05-01\ninput = -1\noutput = 2\n",
        "missing-output": base + "\n[[offerings.price_changes]]\nstart_date = 2027-05-01\ninput = 1\n",
    }
    for name, text in cases.items():
        root = tmp_path / name
        (root / "models" / "beta").mkdir(parents=True)
        (root / "models" / "beta" / "beta-mini.toml").write_text(text)
        r = run_cli("catalog", "validate", str(root))
        assert r.code == 3 and "offerings.0" in r.stderr, (name, r.stderr)


def test_a_global_option_after_the_command_says_where_it_goes():
    r = run_cli("show", "gpt-4o", "--today", "2026-12-01")
    assert r.code == 2 and "--today goes before the command, e.g. 'llm-advisor --today 2026-12-01 show ...'" in r.stderr
