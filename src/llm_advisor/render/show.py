"""What `show` prints, as rows of text grouped into sections.  Pure."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..catalog import Catalog
from ..catalog.export import offerings_of
from ..core.freshness import stale_note
from ..records import TIER_NAMES, Model
from ..units import fmt_count, fmt_price
from .output import Output


def _yn(value: bool | None) -> str:
    return {True: "yes", False: "no", None: "unknown"}[value]


LMARENA_CREDIT = "LMArena leaderboard data (lmarena.ai), CC BY 4.0"
"""The attribution the leaderboard's licence asks for, wherever its scores are shown."""


def _price(o: dict[str, Any]) -> str:
    """An offering's price in force (since when, from where), then each announced change."""
    text = (
        "not sold per token"
        if o["input"] is None
        else f"{fmt_price(o['input'])} in / {fmt_price(o['output'])} out per M"
    )
    if o.get("price_since"):
        text += f" since {o['price_since']}"
    if o.get("source"):
        text += f" ({o['source']})"
    for change in o.get("price_changes") or ():
        text += (
            f"; from {change['start_date']}: {fmt_price(change['input'])} in / {fmt_price(change['output'])} out per M"
        )
        if change.get("source"):
            text += f" ({change['source']})"
    return text


def show_sections(cat: Catalog, m: Model, today: dt.date) -> list[tuple[str, list[list[str]]]]:
    """Every fact about ``m`` as it stands on ``today`` (prices in force, announced changes)."""
    m = m.on(today)
    lic = cat.licenses[m.license]
    lc = m.lifecycle
    identity = [
        ["id", m.id],
        ["name", m.name],
        ["lab", f"{cat.lab_name(m.lab)} ({m.lab})"],
        ["family", m.family],
        ["aliases", ", ".join(m.aliases) or "—"],
        ["released", str(m.released) if m.released else "unpublished"],
        [
            "lifecycle",
            lc.status + (f" {lc.date}" if lc.date else "") + (f", successor {lc.successor}" if lc.successor else ""),
        ],
    ]
    if lc.source:
        identity.append(["lifecycle source", lc.source])
    specs = [
        ["weights", "open" + (f" ({m.weights_url})" if m.weights_url else "") if m.open_weights else "closed"],
        ["parameters", "undisclosed" if m.params_b is None else f"{m.params_b:g}B total"],
        ["active parameters", "undisclosed" if m.active_params_b is None else f"{m.active_params_b:g}B per token"],
        ["context", f"{fmt_count(m.context)} tokens ({m.context:,})"],
        ["max output", f"{m.max_output:,} tokens" if m.max_output else "unpublished"],
        ["modalities", ", ".join(m.modalities)],
        ["capability", f"tier {m.capability.tier} ({TIER_NAMES[m.capability.tier]}): {m.capability.basis}"],
        ["strengths", ", ".join(m.strengths) or "—"],
        ["fine-tuning", m.fine_tuning or "unknown"],
    ]
    if m.architecture:
        a = m.architecture
        specs.append(["architecture", f"{a.layers} layers, {a.kv_heads} KV heads, head dim {a.head_dim} ({a.source})"])
    else:
        specs.append(
            ["architecture", "unpublished (KV cache estimated when sizing GPUs)" if m.open_weights else "undisclosed"]
        )
    licence = [
        ["licence", f"{lic.name} ({lic.id})" + (f", SPDX {lic.spdx}" if lic.spdx else "")],
        ["commercial use", lic.commercial_use],
        *[["condition", c] for c in lic.conditions],
        ["licence source", "; ".join(lic.sources)],
    ]
    offers = []
    for o in offerings_of(m):
        host = cat.hosts.get(o["host"])
        name = host.name if host else o["host"]
        offers.append([f"{o['kind']}: {name}", _price(o)])
    data = []
    for host_id in dict.fromkeys(o.host for o in m.offerings):
        h = cat.hosts.get(host_id)
        if h is None:
            continue
        bits = [
            f"trains on data: {_yn(h.trains_on_data)}",
            f"retention: {h.retention_days} days" if h.retention_days is not None else "retention: unstated",
            f"zero retention: {_yn(h.zero_retention)}",
            f"SOC 2: {_yn(h.certifications.soc2)}",
            f"HIPAA BAA: {_yn(h.certifications.hipaa_baa)}",
            f"regions: {', '.join(h.regions) or 'unstated'}",
        ]
        data.append([h.id, "; ".join(bits)])
    stale = stale_note(m, today)
    sources = [["source", s] for s in m.sources] + [["as of", str(m.as_of) + (f" (STALE: {stale})" if stale else "")]]
    if m.notes:
        sources.insert(0, ["notes", m.notes])
    out = [
        (f"{m.name} ({m.id})", identity),
        ("Specifications", specs),
        ("Licence", licence),
        ("Where to run it", offers or [["—", "no offerings"]]),
    ]
    if data:
        out.append(("Data handling by host", data))
    quality = [
        [
            b.benchmark,
            f"{b.value:g}"
            + (f" ({b.setting})" if b.setting else "")
            + (" self-reported" if b.self_reported else "")
            + f", {b.as_of}: {b.source}",
        ]
        for b in sorted(m.benchmarks, key=lambda b: (b.benchmark, b.self_reported, b.as_of))
    ]
    if any(b.benchmark.startswith("lmarena") for b in m.benchmarks):
        quality.append(["credit", LMARENA_CREDIT])
    d = m.disclosure
    quality += [
        ["technical report", d.technical_report or "none published"],
        ["system card", d.system_card or "none published"],
        ["training data", d.training_data or "unknown"],
    ]
    out.append(("Measured quality and disclosure", quality))
    out.append(("Sources", sources))
    return out


def render_show(out: Output, cat: Catalog, m: Model, today: dt.date) -> None:
    for title, rows in show_sections(cat, m, today):
        out.table(title, ["fact", "value"], rows, first_col_bold=True)
