"""Drawing `list`: one model a row (tab-separated when piped, like gh)."""

from __future__ import annotations

from ..catalog import Catalog
from ..core.costs import cheapest_offering
from ..records import Model
from ..requirements import Workload
from ..units import fmt_count
from .output import Output

LIST_MIX = Workload(tokens=1_000_000, output_share=0.25)
"""The mix `list` prices models at: a quarter of the tokens output."""


def render_list(out: Output, cat: Catalog, models: list[Model]) -> None:
    rows = []
    for m in models:
        cheapest = cheapest_offering(m, LIST_MIX)
        rows.append(
            [
                m.id,
                m.name,
                cat.lab_name(m.lab),
                "open" if m.open_weights else "closed",
                fmt_count(m.context),
                f"{cheapest[0]:.2f}" if cheapest is not None else "—",
                m.lifecycle.status if m.lifecycle.status == "active" else f"{m.lifecycle.status} {m.lifecycle.date}",
            ]
        )
    headers = ["id", "name", "lab", "weights", "context", "$/M (blended)", "status"]
    out.table(f"{len(rows)} models" if out.mode == "rich" else None, headers, rows, tsv=out.mode == "plain")
