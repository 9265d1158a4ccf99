"""`recommend --format html`: one self-contained decision report.

The page carries everything behind the advice for the people who sign it off: the requirements,
the verdict and its plan, what would change it, both tables with every reason and caveat, the
cost of each way to run the leading options (a table and an SVG chart against volume), the
excluded models with their reasons, the assumptions, and the sources with their dates.  It
loads nothing (no script, font, image or style sheet from anywhere), reads on a phone (tables
scroll inside their box, long words wrap) and prints (no colour needed to tell the lines apart:
each has its own dash pattern and marker).
"""

from __future__ import annotations

import math
from html import escape
from typing import TYPE_CHECKING

from ..units import fmt_count, fmt_usd, printable
from .advice import binding_line, common_notes, flip_line, quality_cell, runs_on

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..results import Advice, CostReport, Recommendation

VERDICT_COLOUR = {"open": "#1a7f37", "closed": "#0b5cad", "hybrid": "#8250df", "none": "#b42318"}
LINES = [
    ("#0b5cad", "", "circle"),
    ("#d4700b", "7 4", "square"),
    ("#1a7f37", "2 3", "triangle"),
    ("#8250df", "10 3 2 3", "diamond"),
    ("#b42318", "4 2", "cross"),
    ("#3d4451", "1 2", "circle"),
]
"""Each series' colour, dash pattern and marker: told apart in colour and in grey alike."""

CSS = """
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --rule: #d1d9e0; --soft: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: var(--ink); background: #fff; overflow-wrap: anywhere; }
main { max-width: 980px; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; margin: 0.5rem 0; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.5rem; border-bottom: 1px solid var(--rule); padding-bottom: 0.2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 0.4rem; }
p, li { margin: 0.3rem 0; }
.meta { color: var(--muted); font-size: 0.9rem; }
.verdict { border-left: 6px solid; padding: 0.6rem 1rem; background: var(--soft); margin: 1rem 0; }
.verdict h2 { border: 0; margin: 0; font-size: 1.5rem; }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; width: 100%; min-width: 36rem; font-size: 0.92rem; }
table.narrow { min-width: 0; }
th, td { text-align: left; vertical-align: top; padding: 0.3rem 0.5rem; border-bottom: 1px solid var(--rule);
         overflow-wrap: break-word; }
th { background: var(--soft); font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; }
code { font: 0.88em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
ul.notes { list-style: none; padding-left: 0.5rem; }
ul.notes li::before { content: attr(data-mark) " "; font-weight: 700; }
.option { margin: 0.8rem 0 1rem; }
figure { margin: 0.8rem 0; }
svg { max-width: 100%; height: auto; display: block; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.3rem 1.2rem; font-size: 0.88rem; }
.legend svg { display: inline-block; vertical-align: middle; }
figcaption { color: var(--muted); font-size: 0.88rem; }
@media (max-width: 600px) { body { font-size: 15px; } main { padding: 0.6rem; } th, td { padding: 0.25rem 0.35rem; } }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .scroll { overflow: visible; }
  table { min-width: 0; }
  h2 { break-after: avoid; }
  tr, figure, .option { break-inside: avoid; }
  a { color: inherit; }
}
"""


def _e(text: object) -> str:
    return escape(printable(str(text)))


def _source(text: str) -> str:
    """A source as a link where it opens in a browser (an https URL, its quote as text)."""
    head, _, rest = text.partition(" ")
    if head.startswith("https://"):
        link = f'<a href="{escape(head, quote=True)}">{_e(head)}</a>'
        return link + (f" {_e(rest)}" if rest else "")
    return f"<code>{_e(text)}</code>"


def _table(
    headers: list[str], rows: list[list[str]], *, nums: set[int] | None = None, attrs: list[str] | None = None
) -> str:
    """A table of already escaped cells, in a box that scrolls on a narrow screen."""
    nums = nums or set()
    head = "".join(f'<th{" class=num" if i in nums else ""} scope="col">{h}</th>' for i, h in enumerate(headers))
    body = []
    for r_i, row in enumerate(rows):
        extra = f" {attrs[r_i]}" if attrs else ""
        cells = "".join(f"<td{' class=num' if i in nums else ''}>{c}</td>" for i, c in enumerate(row))
        body.append(f"<tr{extra}>{cells}</tr>")
    return f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>'


def _options(title: str, side: list[Recommendation], shared: tuple[list[str], list[str]], slug: str) -> str:
    if not side:
        return f'<section id="{slug}"><h2>{_e(title)}</h2><p>None meet your constraints.</p></section>'
    rows = [
        [
            str(i),
            f"{_e(r.name)}<br><code>{_e(r.model)}</code>",
            f"{r.score:.0f}",
            quality_cell(r),
            _e(fmt_usd(r.monthly_cost_usd)),
            _e(r.deployment.describe()),
            _e(r.license.name),
        ]
        for i, r in enumerate(side, 1)
    ]
    attrs = [f'data-model="{escape(r.model, quote=True)}"' for r in side]
    parts = [
        f'<section id="{slug}"><h2>{_e(title)}</h2>',
        _table(["#", "model", "score", "quality", "$/month", "runs on", "licence"], rows, nums={2, 3, 4}, attrs=attrs),
    ]
    for i, r in enumerate(side, 1):
        notes = [f'<li data-mark="+">{_e(x)}</li>' for x in r.reasons if x not in shared[0]]
        notes += [f'<li data-mark="!">{_e(x)}</li>' for x in r.caveats if x not in shared[1]]
        cost = ""
        if r.cost_breakdown:
            cost = (
                "<p class=meta>Cost: "
                + ", ".join(
                    f"{_e(k.removesuffix('_usd').replace('_', ' '))} {_e(fmt_usd(v))}"
                    for k, v in r.cost_breakdown.items()
                )
                + "</p>"
            )
        basis = ""
        if r.quality is not None and r.quality.basis:
            basis = (
                "<p class=meta>Measured: "
                + "; ".join(f"{_e(q.benchmark)} {q.value:g} ({_e(q.as_of)})" for q in r.quality.basis)
                + "</p>"
            )
        parts.append(
            f'<div class="option" data-model="{escape(r.model, quote=True)}"><h3>{i}. {_e(r.name)} '
            f"<code>{_e(r.model)}</code>: {_e(runs_on(r))}</h3>"
            f'<ul class="notes">{"".join(notes)}</ul>{cost}{basis}</div>'
        )
    parts.append("</section>")
    return "".join(parts)


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "square":
        return f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" fill="{colour}"/>'
    if kind == "triangle":
        return f'<path d="M{x:.1f},{y - 4.5:.1f} L{x + 4.5:.1f},{y + 3.5:.1f} L{x - 4.5:.1f},{y + 3.5:.1f} Z" fill="{colour}"/>'
    if kind == "diamond":
        return f'<path d="M{x:.1f},{y - 5:.1f} L{x + 5:.1f},{y:.1f} L{x:.1f},{y + 5:.1f} L{x - 5:.1f},{y:.1f} Z" fill="{colour}"/>'
    if kind == "cross":
        return f'<path d="M{x - 4:.1f},{y - 4:.1f} L{x + 4:.1f},{y + 4:.1f} M{x - 4:.1f},{y + 4:.1f} L{x + 4:.1f},{y - 4:.1f}" stroke="{colour}" stroke-width="2"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>'


def svg_chart(report: CostReport, tokens: int) -> str:
    """A log-log SVG chart of monthly cost against monthly volume, one line per way to run,
    with the stated volume marked; and its legend (HTML, so it wraps on a phone)."""
    volumes = report.chart.volumes
    merged: dict[tuple[float | None, ...], list[str]] = {}
    for name, ys in report.chart.series.items():
        if any(y for y in ys):
            merged.setdefault(tuple(ys), []).append(name)
    # Ways that cost the same at every volume share one line (and one legend entry).
    series = {", ".join(names): list(ys) for ys, names in merged.items()}
    values = [y for ys in series.values() for y in ys if y]
    if len(volumes) < 2 or not values:
        return ""
    w, h, left, right, top, bottom = 640, 300, 64, 16, 12, 40
    lo_x, hi_x = math.log10(volumes[0]), math.log10(volumes[-1])
    lo_y, hi_y = math.floor(math.log10(min(values))), math.ceil(math.log10(max(values)))
    if hi_y <= lo_y:
        hi_y = lo_y + 1

    def px(v: float) -> float:
        return left + (math.log10(v) - lo_x) / (hi_x - lo_x) * (w - left - right)

    def py(v: float) -> float:
        return top + (hi_y - math.log10(v)) / (hi_y - lo_y) * (h - top - bottom)

    out = [
        f'<svg viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" xmlns="http://www.w3.org/2000/svg" '
        f'aria-label="{escape(report.name, quote=True)}: monthly cost against monthly tokens">',
        f"<title>{_e(report.name)}: monthly cost (USD, log scale) against monthly tokens (log scale)</title>",
        f'<rect x="{left}" y="{top}" width="{w - left - right}" height="{h - top - bottom}" fill="#fff" stroke="#d1d9e0"/>',
    ]
    for d in range(lo_y, hi_y + 1):
        y = py(10**d)
        out.append(f'<line x1="{left}" x2="{w - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#eaeef2"/>')
        out.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="#59636e">{_e(fmt_usd(10**d))}</text>'
        )
    for d in range(math.ceil(lo_x), math.floor(hi_x) + 1):
        x = px(10**d)
        out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{h - bottom}" stroke="#eaeef2"/>')
        out.append(
            f'<text x="{x:.1f}" y="{h - bottom + 16}" text-anchor="middle" font-size="11" fill="#59636e">{_e(fmt_count(10**d))}</text>'
        )
    out.append(
        f'<text x="{(left + w - right) / 2:.0f}" y="{h - 6}" text-anchor="middle" font-size="11" fill="#59636e">tokens a month</text>'
    )
    if volumes[0] <= tokens <= volumes[-1] and tokens > 0:
        x = px(tokens)
        out.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{h - bottom}" stroke="#1f2328" stroke-dasharray="3 3"/>'
        )
        out.append(
            f'<text x="{x + 4:.1f}" y="{top + 12}" font-size="11" fill="#1f2328">your volume ({_e(fmt_count(tokens))})</text>'
        )
    legend = []
    for i, (name, ys) in enumerate(list(series.items())[: len(LINES)]):
        colour, dash, marker = LINES[i]
        pts = [(px(v), py(y)) for v, y in zip(volumes, ys, strict=True) if y]
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
        out.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dashes}><title>{_e(name)}</title></polyline>'
        )
        for x, y in pts[:: max(1, len(pts) // 5)]:
            out.append(_marker(marker, x, y, colour))
        swatch = (
            f'<svg width="34" height="12" viewBox="0 0 34 12" aria-hidden="true"><line x1="1" x2="33" y1="6" y2="6" '
            f'stroke="{colour}" stroke-width="2"{dashes}/>{_marker(marker, 17, 6, colour)}</svg>'
        )
        legend.append(f"<li>{swatch} {_e(name)}</li>")
    out.append("</svg>")
    return "".join(out) + f'<ul class="legend">{"".join(legend)}</ul>'


def _cost_section(reports: list[CostReport], tokens: int) -> str:
    if not reports:
        return ""
    parts = [
        '<section id="costs"><h2>Cost of each way to run the leading options</h2>',
        f"<p>Every way the catalogue prices, at {_e(fmt_count(tokens))} tokens a month and across volumes, whether or not your "
        "constraints allow it (the tables above say which way the advice picks).</p>",
    ]
    for rep in reports:
        rows = [
            [
                _e(o.host if o.mode == "per-token" else f"self-hosted, {o.gpus}x {o.gpu}"),
                _e(o.kind),
                _e(o.mode),
                _e(fmt_usd(o.monthly_cost_usd)),
            ]
            for o in rep.options
        ]
        parts.append(
            f'<div class="option" data-chart="{escape(rep.model, quote=True)}"><h3>{_e(rep.name)} <code>{_e(rep.model)}</code></h3>'
        )
        parts.append(_table(["where", "kind", "how it is paid", "$/month"], rows, nums={3}))
        be = [
            f"rented GPUs beat the cheapest API above {fmt_count(rep.break_even_tokens)} tokens a month"
            if rep.break_even_tokens
            else None,
            f"owned GPUs beat it above {fmt_count(rep.break_even_owned_tokens)}"
            if rep.break_even_owned_tokens
            else None,
        ]
        line = "; ".join(x for x in be if x)
        chart = svg_chart(rep, tokens)
        if chart:
            parts.append(
                f"<figure>{chart}<figcaption>Monthly cost against monthly tokens, both on log scales.{' ' + _e(line.capitalize()) + '.' if line else ''}</figcaption></figure>"
            )
        for note in rep.notes:
            parts.append(f"<p class=meta>{_e(note)}</p>")
        parts.append("</div>")
    parts.append("</section>")
    return "".join(parts)


def _requirements(advice: Advice) -> str:
    from ..base import json_data

    req = json_data(advice.requirements)
    rows = [
        [f"<code>{_e(k)}</code>", _e((", ".join(map(str, v)) or "none") if isinstance(v, list) else v)]
        for k, v in req.items()
    ]
    return '<section id="requirements"><h2>Requirements</h2>' + _table(["requirement", "answer"], rows) + "</section>"


def _sources(advice: Advice, cat: Catalog) -> str:
    listed = [*advice.open, *advice.closed]
    rows = []
    seen: set[str] = set()
    for r in listed:
        if r.model in seen:
            continue
        seen.add(r.model)
        m = cat.models[r.model]
        rows.append([f"model <code>{_e(m.id)}</code>", _e(m.as_of), "<br>".join(_source(s) for s in m.sources)])
    for host_id in sorted({r.deployment.host for r in listed}):
        host = cat.hosts.get(host_id)
        if host is not None and host_id not in seen:
            seen.add(host_id)
            rows.append(
                [f"host <code>{_e(host.id)}</code>", _e(host.as_of), "<br>".join(_source(s) for s in host.sources)]
            )
    for lic_id in sorted({r.license.id for r in listed}):
        lic = cat.licenses.get(lic_id)
        if lic is not None:
            rows.append([f"licence <code>{_e(lic.id)}</code>", "", "<br>".join(_source(s) for s in lic.sources)])
    if not rows:
        return ""
    return '<section id="sources"><h2>Sources</h2>' + _table(["fact", "as of", "source"], rows) + "</section>"


def render_html(
    advice: Advice, cat: Catalog, assumptions: list[str], reports: list[CostReport], *, version: str
) -> str:
    """The whole report as one HTML document."""
    colour = VERDICT_COLOUR[advice.verdict]
    listed = [*advice.open, *advice.closed]
    shared = common_notes(listed)
    body = [
        f"<header><h1>LLM recommendation</h1><p class=meta>Advice as of {_e(advice.today)}, "
        f"from llm-advisor {_e(version)} and its sourced catalogue.</p></header>",
        f'<section id="verdict" class="verdict" style="border-color:{colour}">'
        f'<h2 style="color:{colour}">Verdict: {_e(advice.verdict.upper())}</h2><p>{_e(advice.summary)}</p></section>',
    ]
    if advice.plan is not None:
        steps = "".join(f"<li>{_e(s)}</li>" for s in advice.plan.steps)
        switch = (
            f"<p class=meta>Switch at {_e(fmt_count(advice.plan.switch_at_tokens))} tokens a month.</p>"
            if advice.plan.switch_at_tokens
            else ""
        )
        body.append(
            f'<section id="plan"><h2>Plan: {_e(advice.plan.kind)}</h2><p>{_e(advice.plan.summary)}</p><ol>{steps}</ol>{switch}</section>'
        )
    changes = []
    if advice.binding is not None:
        changes.append(f"<li><strong>What would bring options back:</strong> {_e(binding_line(advice.binding))}</li>")
    changes += [f"<li>{_e(flip_line(f))}</li>" for f in advice.flips]
    if changes:
        body.append(f'<section id="changes"><h2>What would change this</h2><ul>{"".join(changes)}</ul></section>')
    body.append(_requirements(advice))
    body.append(_options("Open-weight options", advice.open, shared, "open"))
    body.append(_options("Closed / API options", advice.closed, shared, "closed"))
    if shared[0] or shared[1]:
        notes = [f'<li data-mark="+">{_e(x)}</li>' for x in shared[0]] + [
            f'<li data-mark="!">{_e(x)}</li>' for x in shared[1]
        ]
        body.append(
            f'<section id="shared"><h2>Every option listed</h2><ul class="notes">{"".join(notes)}</ul></section>'
        )
    body.append(_cost_section(reports, advice.requirements.tokens))
    if advice.excluded:
        rows = [
            [f"<code>{_e(e.model)}</code>", _e(", ".join(e.constraints)), _e("; ".join(e.reasons))]
            for e in advice.excluded
        ]
        body.append(
            f'<section id="excluded"><h2>Excluded models ({len(advice.excluded)})</h2>'
            + _table(["model", "constraints", "why not"], rows)
            + "</section>"
        )
    if assumptions:
        body.append(
            '<section id="assumptions"><h2>Assumptions</h2><ul>'
            + "".join(f"<li>{_e(a)}</li>" for a in assumptions)
            + "</ul></section>"
        )
    body.append(_sources(advice, cat))
    title = f"LLM recommendation: {advice.verdict} ({advice.today})"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>{_e(title)}</title><style>{CSS}</style></head>"
        f"<body><main>{''.join(body)}</main></body></html>\n"
    )
