"""Drawing `catalog audit`: the offerings whose prices differ, and the counts."""

from __future__ import annotations

import datetime as dt

from ..results import PriceCheck
from .output import Output


def _pair(a: float | None, b: float | None) -> str:
    return "none" if a is None or b is None else f"{a:g} / {b:g}"


def render_audit(out: Output, shown: list[PriceCheck], counts: dict[str, int], snapshot: str, today: dt.date) -> None:
    rows = [
        [
            c.model,
            c.host,
            c.status,
            f"{c.catalog_input:g} / {c.catalog_output:g}",
            "—" if c.source_input is None else f"{c.source_input:g} / {c.source_output:g}",
            "; ".join(
                f"{d.date}: {_pair(d.catalog_input, d.catalog_output)} vs {_pair(d.source_input, d.source_output)}"
                for d in c.differences
            )
            or "—",
            c.catalog_as_of or "",
            c.price_ref or "—",
        ]
        for c in shown
    ]
    if rows:
        out.table(
            f"Prices against {snapshot}, in force on {today}",
            [
                "model",
                "host",
                "status",
                "catalogue in/out",
                "genai-prices in/out",
                "differs on",
                "catalogue as of",
                "price_ref",
            ],
            rows,
        )
    out.line(
        f"{counts['same']} same, {counts['changed']} changed, {counts['missing']} not in {snapshot}, {counts['unchecked']} without a price_ref"
    )
