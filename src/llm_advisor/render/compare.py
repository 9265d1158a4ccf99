"""Drawing `compare`: one column per model, one row per dimension, the best in each row marked."""

from __future__ import annotations

from ..results import Comparison
from .output import Output


def render_comparison(out: Output, result: Comparison) -> None:
    headers = ["", *(r.model.id for r in result.resolved)]
    out.table(
        "Comparison" if out.mode in ("rich", "markdown") else None,
        headers,
        [[row.label, *row.values] for row in result.rows],
        best=[set(row.best) for row in result.rows],
        first_col_bold=True,
        caption={"rich": "★ best in row", "markdown": "**Bold**: best in row."}.get(out.mode, "* best in row"),
    )
