"""A log-log chart of monthly cost against monthly volume, as lines of Rich markup."""

from __future__ import annotations

import math

from ..units import fmt_count, fmt_usd

MARKERS = [("●", "cyan"), ("■", "yellow"), ("▲", "green"), ("◆", "magenta"), ("✚", "red"), ("○", "blue")]


def ascii_chart(
    volumes: list[int], series: dict[str, list[float | None]], mark: int | None, width: int = 60, height: int = 14
) -> list[str]:
    """A log-log chart as lines of Rich markup: one marker per series, '┊' at break-even."""
    values = [v for s in series.values() for v in s if v]
    if not values or len(volumes) < 2:
        return []
    lo_y, hi_y = math.log10(min(values)), math.log10(max(values))
    if hi_y - lo_y < 1e-9:
        hi_y = lo_y + 1
    lo_x, hi_x = math.log10(volumes[0]), math.log10(volumes[-1])
    grid = [[" "] * width for _ in range(height)]

    def col(v: float) -> int:
        return min(width - 1, max(0, round((math.log10(v) - lo_x) / (hi_x - lo_x) * (width - 1))))

    def row(y: float) -> int:
        return min(height - 1, max(0, round((hi_y - math.log10(y)) / (hi_y - lo_y) * (height - 1))))

    if mark:
        c = col(mark)
        for r in range(height):
            grid[r][c] = "[dim]┊[/dim]"
    for ys, (symbol, colour) in zip(series.values(), MARKERS, strict=False):
        for v, y in zip(volumes, ys, strict=True):
            if y:
                grid[row(y)][col(v)] = f"[{colour}]{symbol}[/{colour}]"
    lines = []
    for r in range(height):
        label = fmt_usd(10 ** (hi_y - r * (hi_y - lo_y) / (height - 1))) if r in (0, height // 2, height - 1) else ""
        lines.append(f"{label:>9} │" + "".join(grid[r]))
    lines.append(" " * 10 + "└" + "─" * width)
    left, right = fmt_count(volumes[0]), fmt_count(volumes[-1])
    lines.append(" " * 11 + left + " " * max(1, width - len(left) - len(right)) + right + " tokens/month")
    legend = "   ".join(f"[{c}]{s}[/{c}] {n}" for n, (s, c) in zip(series, MARKERS, strict=False))
    lines.append(" " * 11 + legend + (f"   [dim]┊[/dim] break-even {fmt_count(mark)}" if mark else ""))
    return lines
