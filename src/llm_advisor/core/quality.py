"""Capability tiers derived from measurements.  Pure.

A model with an independent LMArena text score (style control on, the overall board arena.ai
shows) gets its tier from how far it sits below the best score of the same leaderboard
snapshot among the catalogue's models (arena scores are Elo-like: a gap of 20 points means
winning about 47% of head-to-head votes, 60 about 41%, 200 about 24%):

    gap <= 20  -> tier 1 (frontier)
    gap <= 60  -> tier 2 (strong)
    gap <= 200 -> tier 3 (capable)
    otherwise  -> tier 4 (basic or legacy)

A model the leaderboard has not measured (released after the snapshot, or never listed) keeps
the tier its lab's positioning gives it, and its ``basis`` says it is not measured
independently.  ``scripts/derive_tiers.py`` writes the tiers into the catalogue files and
``tests/test_real_catalog.py`` holds every file to this rule.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

from ..records import Benchmark, Model
from ..results import Quality, QualityPoint

TIER_GAPS: tuple[float, float, float] = (20.0, 60.0, 200.0)
"""The largest gap below the best score for tiers 1, 2 and 3."""
BOARD = "lmarena-text"
UNMEASURED = "Not measured independently"
"""How the basis of a tier that no leaderboard score backs begins."""


def arena_score(model: Model) -> Benchmark | None:
    """The model's independent LMArena text score (the latest snapshot it has)."""
    scores = [b for b in model.benchmarks if b.benchmark == BOARD and not b.self_reported]
    return max(scores, key=lambda b: b.as_of) if scores else None


def best_scores(models: list[Model]) -> dict[dt.date, float]:
    """The best LMArena text score of each snapshot date among ``models``."""
    best: dict[dt.date, float] = {}
    for m in models:
        s = arena_score(m)
        if s is not None and s.value > best.get(s.as_of, float("-inf")):
            best[s.as_of] = s.value
    return best


def tier_for_gap(gap: float) -> int:
    for tier, limit in enumerate(TIER_GAPS, start=1):
        if gap <= limit:
            return tier
    return 4


def derived_tier(model: Model, best: dict[dt.date, float]) -> tuple[int, str] | None:
    """The tier the rule gives ``model`` and the sentence that says why; None when no
    independent score backs one."""
    s = arena_score(model)
    if s is None or s.as_of not in best:
        return None
    gap = best[s.as_of] - s.value
    tier = tier_for_gap(gap)
    basis = (
        f"Derived from LMArena text (style control, {s.as_of}): {s.value:g}, "
        + ("the best in the catalogue" if gap <= 0 else f"{gap:.0f} below the catalogue's best ({best[s.as_of]:g})")
        + f"; tier rule: gap up to {TIER_GAPS[0]:g} -> 1, {TIER_GAPS[1]:g} -> 2, {TIER_GAPS[2]:g} -> 3, more -> 4."
    )
    return tier, basis


# ---------------------------------------------------------------------------------------------
# Quality for a task: the measured scores that matter for the use case
# ---------------------------------------------------------------------------------------------

ARENA_BOARDS = frozenset({"lmarena-text", "lmarena-coding", "lmarena-vision", "lmarena-webdev"})
"""Elo-like leaderboards: a score is compared with the best by the share of votes it would win."""
TASK_BOARDS: dict[str, tuple[str, ...]] = {
    "general": ("lmarena-text",),
    "chat": ("lmarena-text",),
    "summarization": ("lmarena-text",),
    "rag": ("lmarena-text",),
    "extraction": ("lmarena-text",),
    "coding": ("lmarena-coding", "lmarena-webdev", "aider-polyglot"),
    "agents": ("lmarena-webdev", "lmarena-text"),
}
"""The independent boards each use case is judged on (self-reported scores never count: a lab
grading its own model is not a measurement we can compare)."""
VISION_BOARD = "lmarena-vision"
"""Added to the basis when the work needs image input."""
BOARD_NAMES = {
    "lmarena-text": "LMArena text",
    "lmarena-coding": "LMArena coding",
    "lmarena-vision": "LMArena vision",
    "lmarena-webdev": "LMArena WebDev",
    "aider-polyglot": "Aider polyglot",
}
TIER_FLOOR = {
    tier: round(200.0 / (1.0 + math.pow(10.0, gap / 400.0)), 1) for tier, gap in enumerate((*TIER_GAPS, 400.0), start=1)
}
"""The component at the bottom of each tier: a score 20, 60, 200 and 400 points below the best
(94.2, 82.9, 48.1, 18.2)."""
TIER_QUALITY = {tier: TIER_FLOOR[min(tier + 1, 4)] for tier in TIER_FLOOR}
"""The quality a model no leaderboard measures counts at: the bottom of the tier below the
one its lab's placement gives (a claim is not a measurement, so it never outranks one it has
not matched): 82.9 for a tier-1 claim, 48.1 for tier 2, 18.2 for tiers 3 and 4."""


@dataclass(frozen=True, slots=True)
class Boards:
    """Every independent score in the catalogue, by board and snapshot, lowest first."""

    values: dict[tuple[str, dt.date | None], list[float]]


def board_key(b: Benchmark) -> tuple[str, dt.date | None]:
    """Arena scores compare within one snapshot (their scale drifts between snapshots); a
    percentage compares with every model's latest on that benchmark."""
    return (b.benchmark, b.as_of if b.benchmark in ARENA_BOARDS else None)


def boards(models: Iterable[Model]) -> Boards:
    """The catalogue's independent scores on each board (and arena snapshot), lowest first."""
    values: dict[tuple[str, dt.date | None], list[float]] = {}
    for m in models:
        for b in latest_independent(m).values():
            values.setdefault(board_key(b), []).append(b.value)
    for v in values.values():
        v.sort()
    return Boards(values=values)


def latest_independent(m: Model) -> dict[str, Benchmark]:
    """The model's latest independent score on each board."""
    out: dict[str, Benchmark] = {}
    for b in m.benchmarks:
        if not b.self_reported and (b.benchmark not in out or b.as_of > out[b.benchmark].as_of):
            out[b.benchmark] = b
    return out


def component(benchmark: str, value: float, best: float) -> float:
    """0-100: an arena score as twice the share of votes it would win against the best
    (the best scores 100, 20 points below about 94, 200 below about 48); a percentage as a
    share of the best."""
    if benchmark in ARENA_BOARDS:
        return 200.0 / (1.0 + math.pow(10.0, (best - value) / 400.0))
    return 100.0 * value / best if best > 0 else 0.0


def basis_boards(use_case: str, modalities: Iterable[str]) -> tuple[str, ...]:
    names = TASK_BOARDS.get(use_case, TASK_BOARDS["general"])
    return (*names, VISION_BOARD) if "image" in modalities and VISION_BOARD not in names else names


def task_quality(m: Model, use_case: str, modalities: Iterable[str], stats: Boards) -> Quality:
    """The model's measured quality for the task: the mean of its components on the task's
    boards (None when none measures it), and the scores behind it with their rank."""
    latest = latest_independent(m)
    names = basis_boards(use_case, modalities)
    if not any(n in latest for n in names):
        names = basis_boards("general", modalities)  # not measured on the task: its overall score
    basis = []
    for name in names:
        b = latest.get(name)
        if b is None:
            continue
        ranked = stats.values.get(board_key(b), [b.value])  # ascending
        rank = 1 + len(ranked) - bisect.bisect_right(ranked, b.value)
        basis.append(
            QualityPoint(
                benchmark=name,
                value=b.value,
                source=b.source,
                as_of=b.as_of,
                rank=rank,
                of=len(ranked),
                component=round(component(name, b.value, ranked[-1]), 1),
            )
        )
    score = round(sum(p.component for p in basis) / len(basis), 1) if basis else None
    return Quality(score=score, basis=basis)


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def describe_point(p: QualityPoint) -> str:
    """'LMArena coding 1,472 (3rd of 126 in the catalogue)'."""
    value = f"{p.value:,.0f}" if p.benchmark in ARENA_BOARDS else f"{p.value:g}%"
    return f"{BOARD_NAMES.get(p.benchmark, p.benchmark)} {value} ({ordinal(p.rank)} of {p.of} in the catalogue)"
