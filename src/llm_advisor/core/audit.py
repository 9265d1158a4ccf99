"""Compare the catalogue's API prices with an independent price source.  Pure: the price
lookup is passed in (``prices.lookup`` in the CLI), so tests can use any source."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from ..catalog import Catalog
from ..records import Offering
from ..results import PriceCheck, PriceDifference


def base_price_day(off: Offering, as_of: dt.date) -> dt.date:
    """The day an offering's first price is checked on: its model's ``as_of`` (when it was read),
    or the day before its first change if that comes earlier, but not before ``price_since``."""
    day = as_of
    if off.price_changes:
        day = min(day, off.price_changes[0].start_date - dt.timedelta(days=1))
    if off.price_since is not None:
        day = max(day, off.price_since)
    return day


def _same(a: float, b: float, tolerance: float) -> bool:
    return abs(a - b) <= tolerance * max(1.0, b)


EXTRA_PRICES = (
    "cached_input",
    "audio_input",
    "batch_input",
    "batch_output",
    "long_context_above",
    "long_input",
    "long_output",
)
"""Prices beside the standard ones that an offering may state and the source may know."""


def _extra_differences(
    off: Offering, days: list[dt.date], lookup: Callable[[str, dt.date], Any], tolerance: float
) -> list[PriceDifference]:
    """Each batch, cached or audio price the catalogue states, checked on the day of the
    offering's latest stated price (these prices carry no schedule of their own)."""
    stated = [name for name in EXTRA_PRICES if getattr(off, name) is not None]
    if not stated or off.price_ref is None:
        return []
    day = max(c.start_date for c in off.price_changes) if off.price_changes else days[0]
    theirs = lookup(off.price_ref, day)
    out = []
    for name in stated:
        ours, source = getattr(off, name), getattr(theirs, name, None)
        if source is None or not _same(ours, source, tolerance):
            out.append(
                PriceDifference(
                    date=f"{day} ({name})",
                    catalog_input=ours,
                    catalog_output=None,
                    source_input=source,
                    source_output=None,
                )
            )
    return out


def audit_prices(
    cat: Catalog, lookup: Callable[[str, dt.date], Any], today: dt.date, *, tolerance: float = 0.005
) -> list[PriceCheck]:
    """Every priced offering checked against ``lookup(ref, day)`` (a price with ``input``,
    ``output`` and ``changes``, the days its source's price changes; None when not found) on
    each day the catalogue states a price for, and on each later day the source changes it.

    The result does not depend on ``today``, which only picks the prices shown beside it: a wrong
    price fails on the day it is stated for, and an announced change the catalogue lacks fails
    on its day, whenever the audit runs."""
    out = []
    for m in cat.written.models.values():
        for off in m.priced_offerings:
            now = off.on(today)
            base: dict[str, Any] = {
                "model": m.id,
                "host": off.host,
                "price_ref": off.price_ref,
                "catalog_input": now.input,
                "catalog_output": now.output,
                "catalog_as_of": str(m.as_of),
            }
            if not off.price_ref:
                out.append(PriceCheck(status="unchecked", **base))
                continue
            first_day = base_price_day(off, m.as_of)
            first = lookup(off.price_ref, first_day)
            if first is None:
                out.append(PriceCheck(status="missing", **base))
                continue
            days = sorted(
                {first_day, *(c.start_date for c in off.price_changes), *(d for d in first.changes if d > first_day)}
            )
            differences = []
            for day in days:
                ours = off.on(day)
                theirs = first if day == first_day else lookup(off.price_ref, day)
                if (
                    theirs is None
                    or ours.input is None
                    or ours.output is None
                    or not (_same(ours.input, theirs.input, tolerance) and _same(ours.output, theirs.output, tolerance))
                ):
                    differences.append(
                        PriceDifference(
                            date=str(day),
                            catalog_input=ours.input,
                            catalog_output=ours.output,
                            source_input=getattr(theirs, "input", None),
                            source_output=getattr(theirs, "output", None),
                        )
                    )
            differences += _extra_differences(off, days, lookup, tolerance)
            current = lookup(off.price_ref, today)
            out.append(
                PriceCheck(
                    status="changed" if differences else "same",
                    source_input=getattr(current, "input", None),
                    source_output=getattr(current, "output", None),
                    dates_checked=tuple(str(d) for d in days),
                    differences=tuple(differences),
                    **base,
                )
            )
    return out


def updated_models(
    cat: Catalog, checks: list[PriceCheck], lookup: Callable[[str, dt.date], Any], today: dt.date, snapshot: str
) -> dict[str, dict[str, Any]]:
    """Model id -> its full catalogue data with each changed offering's price schedule replaced
    by the source's (its price on the first checked day, then each later change), ready for TOML."""
    changed: dict[str, set[tuple[str, str]]] = {}
    for c in checks:
        if c.status == "changed":
            changed.setdefault(c.model, set()).add((c.host, c.price_ref or ""))
    written = cat.written
    out = {}
    for model_id, offers in changed.items():
        m = written.models[model_id]
        data = _without_none({k: v for k, v in asdict(m).items() if k not in ("id", "lab")})
        for off, raw in zip(m.offerings, data.get("offerings", []), strict=True):
            if (off.host, off.price_ref or "") not in offers:
                continue
            ref = off.price_ref or ""
            source = f"{snapshot} {ref} (catalog audit {today})"
            first_day = base_price_day(off, m.as_of)
            first = lookup(ref, first_day)
            raw["input"], raw["output"], raw["source"] = first.input, first.output, source
            raw.pop("price_since", None)
            changes = []
            for day in (d for d in first.changes if d > first_day):
                got = lookup(ref, day)
                if got is not None:
                    changes.append({"start_date": day, "input": got.input, "output": got.output, "source": source})
            raw["price_changes"] = changes
        for raw in data.get("offerings", []):
            if not raw["price_changes"]:
                del raw["price_changes"]  # an empty list is the default: keep the file short
        # as_of stays: only prices were re-checked, and each new price's source carries its date.
        out[model_id] = data
    return out


def _without_none(value: Any) -> Any:
    """Data for a TOML file: None (an unknown fact) is left out, as the catalogue writes it."""
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [_without_none(v) for v in value]
    return value


def missing_models(
    cat: Catalog,
    resolve: Callable[[str], tuple[str, str] | None],
    listing: Callable[[set[str]], list[tuple[str, str, str, bool]]],
    *,
    hosts_of_kind: tuple[str, ...] = ("lab-api",),
) -> list[dict[str, str]]:
    """The models the price source prices at the labs' own APIs (or at the hosts of the kinds
    given) that no offering of the catalogue refers to: what the catalogue lacks, for a
    maintainer to add or to decide to leave out.  Deprecated entries are left out."""
    covered: set[tuple[str, str]] = set()
    providers: set[str] = set()
    for m in cat.written.models.values():
        for off in m.offerings:
            if not off.price_ref:
                continue
            got = resolve(off.price_ref)
            if got is None:
                continue
            covered.add(got)
            host = cat.hosts.get(off.host)
            if host is not None and host.kind in hosts_of_kind:
                providers.add(off.price_ref.split("/", 1)[0])
    return [
        {"provider": provider, "model": model, "name": name}
        for provider, model, name, deprecated in sorted(listing(providers))
        if not deprecated and (provider, model) not in covered
    ]
