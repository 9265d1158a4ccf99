"""How old the catalogue's facts are, on a given day.  Pure."""

from __future__ import annotations

import datetime as dt

from ..records import Model

STALE_AFTER_DAYS = 180
"""Facts older than this are flagged as stale in show, compare and recommend."""


def stale_note(model: Model, today: dt.date, after_days: int = STALE_AFTER_DAYS) -> str | None:
    """'facts last checked 2026-01-02 (325 days ago)' when the model's as_of is too old."""
    age = (today - model.as_of).days
    if age > after_days:
        return f"facts last checked {model.as_of} ({age} days ago): prices and terms may have changed"
    return None
