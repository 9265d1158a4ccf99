"""`llm-advisor compare A B [C ...]`: models side by side."""

from __future__ import annotations

from ...errors import UsageError
from ..context import AppContext
from .values import share


def run(app: AppContext, *, models: list[str], output_share: str, json_: bool, plain: bool, fmt: str | None) -> int:
    out = app.use_output(json_, plain, fmt)
    if len(models) < 2:
        raise UsageError("compare needs at least two models, e.g. 'llm-advisor compare llama gpt-4'")
    from ...core.compare import compare

    blend = share(output_share, "--output-share")
    result = compare(app.dated(), models, today=app.today, output_share=blend)
    for r in result.resolved:
        if r.note:
            out.note(r.note)
    if out.mode == "json":
        from ...catalog.export import model_record

        cat = app.dated()
        records = []
        for r in result.resolved:
            rec = model_record(cat, r.model)
            rec["query"] = r.query
            rec["resolved_by"] = r.how
            rec["resolution_note"] = r.note
            records.append(rec)
        out.json(
            {
                "today": str(app.today),
                "models": records,
                "rows": [
                    {"group": row.group, "label": row.label, "values": row.values, "best": list(row.best)}
                    for row in result.rows
                ],
            }
        )
        return 0
    from ...render.compare import render_comparison

    render_comparison(out, result)
    for r in result.resolved:
        m = r.model
        if m.lifecycle.status == "retired":
            succ = f"; its successor is {m.lifecycle.successor}" if m.lifecycle.successor else ""
            out.warn(f"{m.id} was retired on {m.lifecycle.date}{succ}")
    return 0
