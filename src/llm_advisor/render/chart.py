"""A log-log chart of monthly cost against monthly volume, as lines of Rich markup."""

from __future__ import annotations

import math

from ..units import fmt_count, fmt_usd

MARKERS = [("●", "cyan"), ("■", "yellow"), ("▲", "green"), ("◆", "magenta"), ("✚", "red"), ("○", "blue")]


SHARED = ("◎", "white")
"""The marker of a cell where series with different values meet."""


def ascii_chart(
    volumes: list[int], series: dict[str, list[float | None]], mark: int | None, width: int = 60, height: int = 14
) -> list[str]:
    """A log-log chart as lines of Rich markup: one marker per series, '┊' at break-even.

    Every series stays visible: series with the same values share one marker (the legend names
    them together); where different series meet in one cell it shows ◎; a series that would
    vanish under the others moves to the nearest free row."""
    merged: dict[tuple[float | None, ...], list[str]] = {}
    for name, ys in series.items():
        merged.setdefault(tuple(ys), []).append(name)
    groups = [(", ".join(names), list(ys)) for ys, names in merged.items()]
    values = [v for _, ys in groups for v in ys if v]
    if not values or len(volumes) < 2:
        return []
    lo_y, hi_y = math.log10(min(values)), math.log10(max(values))
    if hi_y - lo_y < 1e-9:
        hi_y = lo_y + 1
    lo_x, hi_x = math.log10(volumes[0]), math.log10(volumes[-1])

    def col(v: float) -> int:
        return min(width - 1, max(0, round((math.log10(v) - lo_x) / (hi_x - lo_x) * (width - 1))))

    def row(y: float) -> int:
        return min(height - 1, max(0, round((hi_y - math.log10(y)) / (hi_y - lo_y) * (height - 1))))

    owners: dict[tuple[int, int], set[int]] = {}
    for i, (_, ys) in enumerate(groups[: len(MARKERS)]):
        for v, y in zip(volumes, ys, strict=True):
            if y:
                owners.setdefault((row(y), col(v)), set()).add(i)
    for i in range(min(len(groups), len(MARKERS))):
        if any(o == {i} for o in owners.values()):
            continue
        # Hidden everywhere: move its first point to the nearest free cell of its column.
        cells = sorted(cell for cell, o in owners.items() if i in o)
        if not cells:
            continue
        r, c = cells[0]
        for dr in (1, -1, 2, -2, 3, -3):
            if 0 <= r + dr < height and (r + dr, c) not in owners:
                owners[cells[0]].discard(i)
                owners[(r + dr, c)] = {i}
                break
    grid = [[" "] * width for _ in range(height)]
    if mark:
        c = col(mark)
        for r in range(height):
            grid[r][c] = "[dim]┊[/dim]"
    for (r, c), o in owners.items():
        if not o:
            continue
        symbol, colour = MARKERS[next(iter(o))] if len(o) == 1 else SHARED
        grid[r][c] = f"[{colour}]{symbol}[/{colour}]"
    lines = []
    for r in range(height):
        label = fmt_usd(10 ** (hi_y - r * (hi_y - lo_y) / (height - 1))) if r in (0, height // 2, height - 1) else ""
        lines.append(f"{label:>9} │" + "".join(grid[r]))
    lines.append(" " * 10 + "└" + "─" * width)
    left, right = fmt_count(volumes[0]), fmt_count(volumes[-1])
    lines.append(" " * 11 + left + " " * max(1, width - len(left) - len(right)) + right + " tokens/month")
    legend = [f"[{c}]{s}[/{c}] {_markup_safe(n)}" for (n, _), (s, c) in zip(groups, MARKERS, strict=False)]
    if any(len(o) > 1 for o in owners.values()):
        legend.append(f"[{SHARED[1]}]{SHARED[0]}[/{SHARED[1]}] several")
    if mark:
        legend.append(f"[dim]┊[/dim] break-even {fmt_count(mark)}")
    lines.extend(" " * 11 + item for item in legend)
    return lines


def _markup_safe(text: str) -> str:
    """A catalogue name as text inside the chart's markup (no tag of its own can open)."""
    from ..units import printable

    return printable(text).replace("[", "\\[")
