"""Validating catalogue data with pydantic: the only place the catalogue imports it.

Each record type is a frozen dataclass; pydantic checks a TOML table against it in JSON mode
and strictly (no coercion: ``"8"`` is not a number, ``"yes"`` not a boolean), after the table
is written as JSON (dates as ISO strings), so nested tables validate as their records.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

__all__ = ["ValidationError", "validate_record"]

T = TypeVar("T")
_ADAPTERS: dict[type, TypeAdapter[Any]] = {}


def _iso(value: Any) -> str:
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def validate_record(cls: type[T], data: dict[str, Any]) -> T:
    """``data`` (a TOML table) as a ``cls`` record; raises pydantic's ``ValidationError``."""
    result: T = adapter(cls).validate_json(json.dumps(data, default=_iso))
    return result


def adapter(cls: type) -> TypeAdapter[Any]:
    """The (cached) pydantic adapter of a record type: for JSON Schemas and for tests."""
    got = _ADAPTERS.get(cls)
    if got is None:
        got = _ADAPTERS[cls] = TypeAdapter(cls)
    return got
