"""Flag values given as text, checked with the library's rules and worded with the flag."""

from __future__ import annotations

from ...errors import InvalidAnswer, UsageError


def share(text: str, flag: str) -> float:
    """A share from 0 to 1 (``0.25``, ``25%``)."""
    from ...requirements import parse_value

    try:
        value: float = parse_value("output_share", text)
    except InvalidAnswer as exc:
        raise UsageError(f"{flag} {exc.reason}") from None
    return value


def count(text: str, flag: str) -> int:
    """A count of tokens (``50M``, ``128k``)."""
    from ...units import parse_count

    try:
        return parse_count(text)
    except ValueError as exc:
        raise UsageError(f"{flag} {exc}") from None


def whole(text: str, flag: str, low: int, high: int) -> int:
    """A whole number within bounds."""
    try:
        value = int(text.strip().replace("_", ""))
    except ValueError:
        raise UsageError(f"{flag} must be a whole number from {low} to {high} (got {text!r})") from None
    if not low <= value <= high:
        raise UsageError(f"{flag} must be from {low} to {high} (got {text!r})")
    return value


def number(text: str, flag: str) -> float:
    """A finite number (bounds are the caller's)."""
    import math

    try:
        value = float(text.strip().replace("_", ""))
    except ValueError:
        raise UsageError(f"{flag} must be a number (got {text!r})") from None
    if not math.isfinite(value):
        raise UsageError(f"{flag} must be a finite number (got {text!r})")
    return value
