"""`llm-advisor list`: the catalogue, filtered."""

from __future__ import annotations

from ...errors import UsageError
from ..context import AppContext


def run(
    app: AppContext,
    *,
    open_: bool,
    closed: bool,
    lab: str | None,
    family: str | None,
    min_context: str | None,
    query: str | None,
    all_: bool,
    json_: bool,
    plain: bool,
    fmt: str | None,
) -> int:
    from ...units import parse_count

    out = app.use_output(json_, plain, fmt)
    if open_ and closed:
        raise UsageError("--open and --closed contradict each other; give one")
    try:
        min_ctx = parse_count(min_context) if min_context is not None else None
    except ValueError as exc:
        raise UsageError(f"--min-context {exc}") from None
    cat = app.dated()
    labs = {m.lab for m in cat.models.values()}
    if lab is not None and lab.lower() not in labs:
        raise UsageError(f"--lab {lab!r} is not a lab in the catalogue; known: {', '.join(sorted(labs))}")
    families = {m.family for m in cat.models.values()}
    if family is not None and family.lower() not in families:
        raise UsageError(f"--family {family!r} is not a family in the catalogue; known: {', '.join(sorted(families))}")
    text = (query or "").lower()
    models = [
        m
        for m in cat.models.values()
        if (not open_ or m.open_weights)
        and (not closed or not m.open_weights)
        and (lab is None or m.lab == lab.lower())
        and (family is None or m.family == family.lower())
        and (min_ctx is None or m.context >= min_ctx)
        and (all_ or query or m.lifecycle.status != "retired")
        and (not text or any(text in s.lower() for s in (m.id, m.name, m.lab, m.family, *m.aliases)))
    ]
    if out.mode == "json":
        from ...catalog.export import model_record

        out.json({"today": str(app.today), "models": [model_record(cat, m) for m in models]})
        return 0
    from ...render.listing import render_list

    render_list(out, cat, models)
    if not models:
        out.say("no models match these filters")
    return 0
