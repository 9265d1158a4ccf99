"""Look catalogue prices up in pydantic's genai-prices snapshot (optional dependency).

``price_ref`` in an offering is ``"provider/model"`` as genai-prices names them.  A provider's
fallback providers are followed the way genai-prices follows them (Azure falls back to OpenAI).

Run ``python -m llm_advisor.prices openai/gpt-4o`` to print a price schedule (every dated
price genai-prices knows), or
``python -m llm_advisor.prices --find aws llama`` to list a provider's model ids.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .errors import PricesUnavailable


@dataclass(frozen=True)
class RefPrice:
    """genai-prices' standard price of one model on one day."""

    ref: str
    model_id: str
    input: float
    output: float
    snapshot: str
    changes: tuple[dt.date, ...] = ()
    """Every day on which genai-prices has the standard price change (its whole schedule,
    whatever the day asked for)."""
    cached_input: float | None = None
    """Its ``cache_read_mtok`` on that day."""
    audio_input: float | None = None
    """Its ``input_audio_mtok`` on that day."""
    batch_input: float | None = None
    """The input price of its ``processing = batch`` variant on that day (None: no batch price)."""
    batch_output: float | None = None
    long_context_above: int | None = None
    """The prompt length (tokens) from which its input and output are priced at the first
    higher tier (genai-prices' ``TieredPrices``); None without tiers."""
    long_input: float | None = None
    long_output: float | None = None


def require() -> None:
    """Raise ``PricesUnavailable`` unless genai-prices can be imported."""
    import importlib.util

    if importlib.util.find_spec("genai_prices") is None:
        raise PricesUnavailable()


def _snapshot() -> Any:
    try:
        from genai_prices import data_snapshot
    except ImportError as exc:  # pragma: no cover - exercised when the extra is missing
        raise PricesUnavailable() from exc
    return data_snapshot.get_snapshot()


def _tier(value: Any) -> tuple[int, float] | None:
    """The first tier above the base of a ``TieredPrices`` (start tokens, price)."""
    tiers = getattr(value, "tiers", None)
    if not tiers:
        return None
    return int(tiers[0].start), float(tiers[0].price)


def _base(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, Decimal | int | float):
        return float(value)
    base = getattr(value, "base", None)  # TieredPrices: the price below the first threshold
    return float(base) if base is not None else None


def snapshot_version() -> str:
    try:
        from importlib.metadata import version

        return f"genai-prices {version('genai-prices')}"
    except Exception:
        return "genai-prices"


def lookup(ref: str, on: dt.date) -> RefPrice | None:
    """The standard input/output price of ``provider/model`` on a date, or None if unknown."""
    snap = _snapshot()
    provider_id, _, model_ref = ref.partition("/")
    try:
        _, info = snap.find_provider_model(model_ref, None, provider_id, None)
    except LookupError:
        return None
    when = dt.datetime.combine(on, dt.time(12), tzinfo=dt.UTC)
    prices = info.get_prices(when)
    inp, out = _base(prices.input_mtok), _base(prices.output_mtok)
    if inp is None or out is None:
        return None
    batch = info.get_prices(when, {"processing": "batch"})
    has_batch = any(
        v.when.get("processing") == "batch" and (v.constraint is None or v.constraint.active(when))
        for v in info.price_variants or ()
    )
    return RefPrice(
        ref,
        info.id,
        inp,
        out,
        snapshot_version(),
        _change_days(info),
        cached_input=_base(prices.cache_read_mtok),
        audio_input=_base(prices.input_audio_mtok),
        batch_input=_base(batch.input_mtok) if has_batch else None,
        batch_output=_base(batch.output_mtok) if has_batch else None,
        **_long(prices),
    )


def _long(prices: Any) -> dict[str, Any]:
    tin, tout = _tier(prices.input_mtok), _tier(prices.output_mtok)
    if tin is None:
        return {}
    return {
        "long_context_above": tin[0],
        "long_input": tin[1],
        "long_output": tout[1] if tout is not None else _base(prices.output_mtok),
    }


def _change_days(info: Any) -> tuple[dt.date, ...]:
    """The start dates of a model's dated standard prices (genai-prices' ``ConditionalPrice``
    with a ``StartDateConstraint``; time-of-day prices such as off-peak rates are not dates)."""
    if not isinstance(info.prices, list):
        return ()
    days = {getattr(c.constraint, "start_date", None) for c in info.prices if c.constraint is not None}
    return tuple(sorted(d for d in days if isinstance(d, dt.date)))


def schedule(ref: str) -> list[tuple[dt.date | None, float, float]] | None:
    """Every standard price genai-prices has for ``provider/model``: (first day or None for the
    first price, input, output), oldest first; None if unknown."""
    first = lookup(ref, dt.date.min)
    if first is None:
        return None
    rows: list[tuple[dt.date | None, float, float]] = [(None, first.input, first.output)]
    for day in first.changes:
        got = lookup(ref, day)
        if got is not None:
            rows.append((day, got.input, got.output))
    return rows


def resolve(ref: str) -> tuple[str, str] | None:
    """The (provider id, model id) genai-prices answers ``provider/model`` with, following its
    matching rules and fallbacks; None if unknown."""
    provider_id, _, model_ref = ref.partition("/")
    try:
        provider, info = _snapshot().find_provider_model(model_ref, None, provider_id, None)
    except LookupError:
        return None
    return provider.id, info.id


def models_of(provider_ids: set[str]) -> list[tuple[str, str, str, bool]]:
    """(provider id, model id, name, deprecated) of every model genai-prices prices at these
    providers (their own entries, not their fallbacks)."""
    out = []
    for provider in _snapshot().providers:
        if provider.id in provider_ids:
            out += [(provider.id, m.id, m.name or m.id, bool(m.deprecated)) for m in provider.models]
    return out


def refresh() -> tuple[bool, str]:
    """Fetch genai-prices' latest data for this run; (done, a message saying what happened)."""
    try:
        from genai_prices import data_snapshot
        from genai_prices.update_prices import UpdatePrices

        snap = UpdatePrices().fetch()
        if snap is None:
            return False, "could not refresh prices: no data returned; using the bundled snapshot"
        data_snapshot.set_custom_snapshot(snap)
        return True, "refreshed prices from genai-prices' online data"
    except ImportError:
        raise PricesUnavailable() from None
    except Exception as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return (
            False,
            f"could not refresh prices (offline? {reason[:120]}); using the bundled snapshot of {snapshot_version()}",
        )


def find(provider_id: str, text: str) -> list[str]:
    snap = _snapshot()
    for provider in snap.providers:
        if provider.id == provider_id:
            return [m.id for m in provider.models if text.lower() in m.id.lower()]
    return []


def main(argv: list[str]) -> int:
    if argv[:1] == ["--find"] and len(argv) == 3:
        print("\n".join(find(argv[1], argv[2])))
        return 0
    for ref in argv:
        rows = schedule(ref)
        if rows is None:
            print(ref, "-> not found")
            continue
        print(
            ref, "->", "; ".join(f"{'from ' + str(day) + ': ' if day else ''}in {i:g} out {o:g}" for day, i, o in rows)
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
