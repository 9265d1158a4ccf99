"""Compare the catalogue's API prices with an independent price source.  Pure: the price
lookup is passed in (``pricecheck.lookup`` in the CLI), so tests can use any source."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from .catalog import Catalog
from .models import Model

STALE_AFTER_DAYS = 180
"""Facts older than this are flagged as stale in show, compare and recommend."""


def stale_note(model: Model, today: dt.date, after_days: int = STALE_AFTER_DAYS) -> str | None:
    """'facts last checked 2026-01-02 (325 days ago)' when the model's as_of is too old."""
    age = (today - model.as_of).days
    if age > after_days:
        return f"facts last checked {model.as_of} ({age} days ago): prices and terms may have changed"
    return None


@dataclass(frozen=True)
class PriceCheck:
    model: str
    host: str
    price_ref: str | None
    status: str  # "same", "changed", "missing" (ref not in the source), "unchecked" (no ref)
    catalog_input: float | None
    catalog_output: float | None
    source_input: float | None = None
    source_output: float | None = None
    catalog_as_of: str | None = None


def audit_prices(cat: Catalog, lookup: Callable[[str, dt.date], Any], today: dt.date, *, tolerance: float = 0.005) -> list[PriceCheck]:
    """Every priced offering checked against ``lookup(ref, today)`` (None when not found)."""
    out = []
    for m in cat.models.values():
        for off in m.priced_offerings:
            base = dict(model=m.id, host=off.host, price_ref=off.price_ref, catalog_input=off.input, catalog_output=off.output, catalog_as_of=str(m.as_of))
            if not off.price_ref:
                out.append(PriceCheck(status="unchecked", **base))
                continue
            ref = lookup(off.price_ref, today)
            if ref is None:
                out.append(PriceCheck(status="missing", **base))
                continue
            same = abs(ref.input - off.input) <= tolerance * max(1.0, ref.input) and abs(ref.output - off.output) <= tolerance * max(1.0, ref.output)
            out.append(PriceCheck(status="same" if same else "changed", source_input=ref.input, source_output=ref.output, **base))
    return out


def updated_models(cat: Catalog, checks: list[PriceCheck], today: dt.date, snapshot: str) -> dict[str, dict[str, Any]]:
    """Model id -> its full catalogue data with the changed prices applied, ready for TOML."""
    changed: dict[str, dict[tuple[str, str], PriceCheck]] = {}
    for c in checks:
        if c.status == "changed":
            changed.setdefault(c.model, {})[(c.host, c.price_ref or "")] = c
    out = {}
    for model_id, by_offer in changed.items():
        m = cat.models[model_id]
        data = m.model_dump(mode="python", exclude_none=True, exclude={"id", "lab"})
        for off in data.get("offerings", []):
            c = by_offer.get((off["host"], off.get("price_ref") or ""))
            if c is not None:
                off["input"], off["output"] = c.source_input, c.source_output
                off["source"] = f"{snapshot} {c.price_ref} (catalog audit {today})"
        # as_of stays: only prices were re-checked, and each new price's source carries its date.
        out[model_id] = data
    return out


def as_dicts(checks: list[PriceCheck]) -> list[dict[str, Any]]:
    return [asdict(c) for c in checks]
