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

import datetime as dt

from ..records import Benchmark, Model

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
