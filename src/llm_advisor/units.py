"""Parsing and formatting of token counts and money.  Pure functions."""

from __future__ import annotations

import math
import re

_SUFFIX = {
    "": 1,
    "k": 1_000,
    "thousand": 1_000,
    "m": 1_000_000,
    "mm": 1_000_000,
    "mn": 1_000_000,
    "million": 1_000_000,
    "millions": 1_000_000,
    "b": 1_000_000_000,
    "bn": 1_000_000_000,
    "billion": 1_000_000_000,
    "billions": 1_000_000_000,
    "g": 1_000_000_000,
    "t": 1_000_000_000_000,
    "trillion": 1_000_000_000_000,
}
MAX_COUNT = 10**18
"""The largest count any answer may give (tokens, a context): one limit for flags, profiles and
the interview alike."""
_NUMBER = re.compile(
    r"^\s*([0-9][0-9_,]*(?:\.[0-9]+)?|\.[0-9]+)\s*(thousand|millions?|billions?|trillion|mm|mn|bn|[kmbgt]?)\s*"
    r"(?:tokens?)?\s*(?:(?:a|per|/)\s*(?:month|mo))?\s*$",
    re.IGNORECASE,
)


def parse_count(text: str | int | float) -> int:
    """'50M' -> 50_000_000, '2.5B', '800k', '128_000', '1,000' -> int.  Raises ValueError with
    the reason ("must be a number ..."), for the caller to prefix with the name of the value."""
    if isinstance(text, bool):
        raise ValueError(f"must be a number like 50M, not {text!r}")
    if isinstance(text, int):
        if text < 0:
            raise ValueError(f"must not be negative (got {text})")
        if text > MAX_COUNT:
            raise ValueError(f"is too large (got {text:.3g}; at most 1e18)")
        return text
    if isinstance(text, float):
        if not math.isfinite(text) or text < 0:
            raise ValueError(f"must be a non-negative number (got {text})")
        if text > MAX_COUNT:
            raise ValueError(f"is too large (got {text:.3g}; at most 1e18)")
        return round(text)
    match = _NUMBER.match(str(text))
    if not match:
        raise ValueError(f"must be a number with an optional k, M, B suffix, like 50M (got {text!r})")
    number = float(match.group(1).replace("_", "").replace(",", ""))
    value = number * _SUFFIX[match.group(2).lower()]
    if not math.isfinite(value) or value > MAX_COUNT:
        raise ValueError(f"is too large (got {text!r})")
    return round(value)


def fmt_count(n: int | float | None) -> str:
    """50_000_000 -> '50M'; 1_048_576 -> '1.05M'; 2048 -> '2k'."""
    if n is None:
        return "—"
    if isinstance(n, int) and n >= 1024:
        # Context windows are often binary: 8192 -> 8k, 131072 -> 128k, 1048576 -> 1M.
        if n % 1_048_576 == 0:
            return f"{n // 1_048_576}M"
        if n % 1024 == 0 and n % 1000 != 0 and n < 1_048_576:
            return f"{n // 1024}k"
    n = float(n)
    for suffix, size in (("T", 1e12), ("B", 1e9), ("M", 1e6), ("k", 1e3)):
        if abs(n) >= size:
            value = n / size
            text = f"{value:.2f}".rstrip("0").rstrip(".") if value < 10 else f"{value:.1f}".rstrip("0").rstrip(".")
            if value >= 100:
                text = f"{value:.0f}"
            return f"{text}{suffix}"
    return f"{n:.0f}"


def fmt_usd(value: float | None, *, per: str = "") -> str:
    if value is None:
        return "—"
    if value >= 100:
        text = f"${value:,.0f}"
    elif value >= 1:
        text = f"${value:,.2f}"
    elif value == 0:
        text = "$0"
    else:
        text = f"${value:.3f}".rstrip("0")
    return text + per


def fmt_price(value: float | None) -> str:
    """USD per million tokens, no thousands rounding."""
    if value is None:
        return "—"
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return f"${text}"


_CONTROLS = {c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7F, 0xA0)) if c not in (0x09, 0x0A)}


def printable(text: str) -> str:
    """Text as text on a terminal: control characters (an escape sequence in a catalogue name
    or a file name, a bell) shown as ``\\x1b`` instead of acting; tabs and newlines stay."""
    return text.translate(_CONTROLS) if any(ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 for ch in text) else text
