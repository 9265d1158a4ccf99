"""The rows of a side-by-side comparison, as data.  Pure: rendering happens in render/.

Rows follow the dimensions the source articles use to contrast open and closed models: access
to weights, licence and commercial terms, customization, cost, deployment, data handling,
context, modalities, size, capability, support, release and lifecycle.  Where a row has a
clear "better" direction, the best column is marked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..catalog import Catalog
from ..records import TIER_NAMES, Benchmark, Model
from ..requirements import Workload
from ..results import Comparison, Row
from ..units import fmt_count, fmt_price
from .costs import cheapest_offering
from .freshness import stale_note


def _best(values: Sequence[float | None], *, lowest: bool) -> tuple[int, ...]:
    known = [v for v in values if v is not None]
    if len(known) < 2 or (len(set(known)) == 1 and len(known) == len(values)):
        return ()
    target = min(known) if lowest else max(known)
    return tuple(i for i, v in enumerate(values) if v == target)


COMPARED_BENCHMARKS = (
    ("lmarena-text", "LMArena score (text)"),
    ("lmarena-coding", "LMArena score (coding)"),
    ("swe-bench-verified", "SWE-bench Verified (% resolved)"),
    ("aider-polyglot", "Aider polyglot (% correct)"),
)
"""The measured-performance rows: independent leaderboards first (a row per benchmark)."""


def score_of(m: Model, benchmark: str) -> Benchmark | None:
    """A model's score on a benchmark: an independent measurement before a self-reported one,
    then the newest."""
    scores = [b for b in m.benchmarks if b.benchmark == benchmark]
    return min(scores, key=lambda b: (b.self_reported, -b.as_of.toordinal()), default=None)


def _transparency(m: Model) -> str:
    d = m.disclosure
    parts = ["weights published" if m.open_weights else "weights closed"]
    if m.architecture is not None:
        parts.append("architecture published")
    if d.technical_report:
        parts.append("technical report")
    if d.training_data:
        parts.append(f"training data: {d.training_data}")
    return "; ".join(parts)


def compare(catalog: Catalog, names: Sequence[str], *, today: dt.date, output_share: float = 0.25) -> Comparison:
    """Resolve each name (id, alias, family or near miss; ``NotFoundError`` for the first that
    matches nothing) and compare the models as they stand on ``today``."""
    catalog = catalog.on(today)
    resolved = [catalog.resolve(name) for name in names]
    rows = compare_rows(catalog, [r.model for r in resolved], today=today, output_share=output_share)
    return Comparison(today=today, resolved=resolved, rows=rows)


def _data_handling(cat: Catalog, m: Model) -> str:
    parts = []
    if m.open_weights:
        parts.append("self-hosted: stays on your servers")
    for off in m.offerings:
        host = cat.hosts.get(off.host)
        if host is None or off.kind == "self-hosted":
            continue
        if off.kind == "private-cloud":
            parts.append(f"{host.id}: in your cloud account")
            continue
        train = {True: "trains on data", False: "no training", None: "training unclear"}[host.trains_on_data]
        keep = f"{host.retention_days}d logs" if host.retention_days is not None else "retention unstated"
        zdr = ", ZDR" if host.zero_retention else ""
        parts.append(f"{host.id}: {train}, {keep}{zdr}")
    return "; ".join(dict.fromkeys(parts)) or "—"


def next_price_change(m: Model) -> str:
    """The next announced price change of each offering, as one line ('none announced' if none).
    Reads a model as it stands on a day (``Model.on``), whose changes are all still to come."""
    parts = [
        f"{o.host}: {fmt_price(o.price_changes[0].input)} / {fmt_price(o.price_changes[0].output)} from {o.price_changes[0].start_date}"
        for o in m.offerings
        if o.price_changes
    ]
    return "; ".join(parts) or "none announced"


def compare_rows(cat: Catalog, models: list[Model], *, today: dt.date, output_share: float = 0.25) -> list[Row]:
    """The rows, with prices and life cycles as they stand on ``today``."""
    models = [m.on(today) for m in models]
    lics = [cat.licenses[m.license] for m in models]
    rows: list[Row] = []

    def add(group: str, label: str, values: list[str], best: tuple[int, ...] = ()) -> None:
        rows.append(Row(group=group, label=label, values=values, best=best))

    add("identity", "Lab", [cat.lab_name(m.lab) for m in models])
    add("identity", "Family", [m.family for m in models])
    add("access", "Weights", ["open (downloadable)" if m.open_weights else "closed (API only)" for m in models])
    add("access", "Licence", [lic.name for lic in lics])
    commercial = {"yes": 2, "conditional": 1, "no": 0}
    add(
        "access",
        "Commercial use",
        [lic.commercial_use + (f" ({len(lic.conditions)} conditions)" if lic.conditions else "") for lic in lics],
        _best([commercial[lic.commercial_use] - 0.1 * len(lic.conditions) for lic in lics], lowest=False),
    )
    add(
        "access",
        "Licence conditions",
        ["; ".join(lic.conditions[:2]) + (" …" if len(lic.conditions) > 2 else "") or "none" for lic in lics],
    )
    ft = {
        "weights": "fine-tune the weights",
        "api": "vendor fine-tuning service",
        "weights+api": "weights, or a managed service",
        "none": "none",
        None: "unknown",
    }
    add("customization", "Fine-tuning", [ft[m.fine_tuning] for m in models])
    mix = Workload(tokens=1_000_000, output_share=output_share)
    cheapest = [cheapest_offering(m, mix) or (None, None) for m in models]
    blended = [c[0] for c in cheapest]
    add(
        "cost",
        f"Cheapest $/M tokens ({int(output_share * 100)}% output)",
        [f"{fmt_price(p)} via {o.host}" if o is not None else "not sold per token" for p, o in cheapest],
        _best(blended, lowest=True),
    )
    add(
        "cost",
        "Input / output $/M",
        [f"{fmt_price(o.input)} / {fmt_price(o.output)} ({o.host})" if o is not None else "—" for _, o in cheapest],
    )
    add("cost", "Announced price changes", [next_price_change(m) for m in models])
    add(
        "deployment",
        "Deployment options",
        [
            ", ".join(dict.fromkeys([f"{o.kind}" for o in m.offerings] + (["self-hosted"] if m.open_weights else [])))
            or "none"
            for m in models
        ],
        _best(
            [len({o.kind for o in m.offerings} | ({"self-hosted"} if m.open_weights else set())) for m in models],
            lowest=False,
        ),
    )
    add("deployment", "Hosts", [", ".join(dict.fromkeys(o.host for o in m.offerings)) or "—" for m in models])
    add("data", "Data handling", [_data_handling(cat, m) for m in models])
    add("specs", "Context", [fmt_count(m.context) for m in models], _best([m.context for m in models], lowest=False))
    add("specs", "Max output", [fmt_count(m.max_output) if m.max_output else "unpublished" for m in models])
    add(
        "specs",
        "Modalities",
        [", ".join(m.modalities) for m in models],
        _best([len(m.modalities) for m in models], lowest=False),
    )
    add(
        "specs",
        "Parameters (total / active)",
        [
            "undisclosed"
            if m.params_b is None
            else f"{m.params_b:g}B" + (f" / {m.active_params_b:g}B active" if m.is_moe else "")
            for m in models
        ],
    )
    add(
        "capability",
        "Capability tier",
        [f"{m.capability.tier} ({TIER_NAMES[m.capability.tier]})" for m in models],
        _best([m.capability.tier for m in models], lowest=True),
    )
    add("capability", "Strengths", [", ".join(m.strengths) or "—" for m in models])
    for benchmark, label in COMPARED_BENCHMARKS:
        scores = [score_of(m, benchmark) for m in models]
        add(
            "performance",
            label,
            [("—" if s is None else f"{s.value:g}" + (" (self-reported)" if s.self_reported else "")) for s in scores],
            _best([None if s is None else s.value for s in scores], lowest=False),
        )
    add("transparency", "Transparency", [_transparency(m) for m in models])
    add("safety", "Safety documentation", [m.disclosure.system_card or "none published" for m in models])
    add(
        "support",
        "Support",
        [
            "vendor support and SLA via the API provider"
            if not m.open_weights
            else "community; commercial support via hosts"
            for m in models
        ],
    )
    add(
        "lifecycle",
        "Released",
        [str(m.released) if m.released else "unpublished" for m in models],
        _best([m.released.toordinal() if m.released else None for m in models], lowest=False),
    )
    add("lifecycle", "Lifecycle", [_lifecycle(m) for m in models])
    add("sources", "Facts as of", [str(m.as_of) + (" (STALE)" if stale_note(m, today) else "") for m in models])
    return rows


def _lifecycle(m: Model) -> str:
    lc = m.lifecycle
    if lc.status == "active":
        return "active"
    succ = f" → {lc.successor}" if lc.successor else ""
    return f"{lc.status.upper()} {lc.date}{succ}"
