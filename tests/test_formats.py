"""--format markdown and csv for recommend, compare and cost."""

from __future__ import annotations

import csv
import io

from .conftest import run_cli

REC = ["recommend", "--budget", "2000", "--tokens", "50M", "--no-input", "--top", "3"]


def test_recommend_markdown_report():
    r = run_cli(*REC, "--format", "markdown")
    assert r.code == 0, r.stderr
    text = r.stdout
    for needle in (
        "# LLM recommendation",
        "**Verdict:",
        "### Requirements",
        "| budget |",
        "### Open-weight options",
        "### Closed / API options",
        "- why:",
        "### Excluded models",
        "## Sources",
        "## Assumptions",
    ):
        assert needle in text, needle


def test_recommend_csv_is_one_table():
    r = run_cli(*REC, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert r.code == 0 and rows
    assert {row["side"] for row in rows} == {"open", "closed"}
    assert all(float(row["score"]) <= 100 for row in rows)
    assert len([x for x in rows if x["side"] == "open"]) <= 3


def test_compare_markdown_marks_best_in_bold():
    r = run_cli("compare", "llama", "claude", "--format", "markdown")
    assert r.code == 0 and "| Context |" in r.stdout and "**" in r.stdout and "best in row" in r.stdout


def test_compare_and_cost_csv():
    rows = list(csv.reader(io.StringIO(run_cli("compare", "llama", "claude", "--format", "csv").stdout)))
    assert rows[0][1:] == ["llama-4-maverick", "claude-fable-5.2"] and any(r[0] == "Context" for r in rows)
    cost = list(
        csv.DictReader(io.StringIO(run_cli("cost", "gpt-oss-20b", "--tokens", "50M", "--format", "csv").stdout))
    )
    assert {"kind", "host", "monthly_cost_usd"} <= set(cost[0]) and any(c["kind"] == "self-hosted" for c in cost)


# The JSON writer ----------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner, max_size=5),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None)
@given(doc=_json, ascii_only=st.booleans())
def test_the_json_writer_writes_what_json_dumps_writes(doc, ascii_only):
    import json

    from llm_advisor.render.jsonout import dumps

    assert dumps(doc, ensure_ascii=ascii_only) == json.dumps(doc, indent=2, ensure_ascii=ascii_only, default=str)


def test_the_json_writer_hands_unusual_values_to_json_dumps():
    import datetime as dt
    import json

    from llm_advisor.render.jsonout import dumps

    for doc in ({1: "int key"}, {"day": dt.date(2026, 12, 1)}, [("a", 1)], {"x": {"y": [dt.date(2026, 1, 1)]}}):
        assert dumps(doc) == json.dumps(doc, indent=2, default=str)
