"""The cost chart: every series stays visible."""

from __future__ import annotations

from llm_advisor.render.chart import MARKERS, SHARED, ascii_chart


def test_identical_series_share_one_marker_and_one_legend_line():
    volumes = [10**6, 10**7, 10**8, 10**9]
    series = {"a (vendor-api)": [1, 10, 100, 1000], "b (vendor-api)": [1, 10, 100, 1000], "self": [500, 500, 500, 1000]}
    lines = ascii_chart(volumes, series, None)
    legend = [line for line in lines if "(vendor-api)" in line]
    assert len(legend) == 1 and "a (vendor-api), b (vendor-api)" in legend[0]
    body = "\n".join(lines[:-4])
    assert MARKERS[0][0] in body and MARKERS[1][0] in body


def test_a_series_under_another_is_moved_into_view():
    """0.1 drew each series over the last: a series that met another at every point vanished,
    though the legend listed it (the issue's invisible aws-bedrock)."""
    volumes = [10**6, 10**7, 10**8]
    series = {"first": [100, 1000, 10_000], "second": [101, 1010, 10_100], "third": [5, 50, 500]}
    lines = ascii_chart(volumes, series, None, width=20, height=6)
    body = "\n".join(lines[:6])
    for symbol, _ in MARKERS[:3]:
        assert symbol in body, symbol
    assert SHARED[0] in body  # where they meet, the cell says so
