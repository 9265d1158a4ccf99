"""`llm-advisor show MODEL`: every fact about one model, with its sources and date."""

from __future__ import annotations

from ..context import AppContext


def run(app: AppContext, *, model: str, json_: bool, plain: bool, fmt: str | None) -> int:
    out = app.use_output(json_, plain, fmt)
    cat = app.dated()
    res = cat.resolve(model)
    if res.note:
        out.note(res.note)
    if out.mode == "json":
        from ...catalog.export import model_record
        from ...core.freshness import stale_note

        record = model_record(cat, res.model)
        record["query"] = model
        record["resolved_by"] = res.how
        record["stale"] = stale_note(res.model, app.today)
        out.json({"today": str(app.today), "model": record})
        return 0
    from ...render.show import render_show

    render_show(out, cat, res.model, app.today)
    return 0
