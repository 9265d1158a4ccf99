"""The building blocks of every record type: the ``record`` decorator (a frozen dataclass), the
constraints pydantic checks when a file is validated, and ``json_data``, a record as JSON data.

Records are plain frozen, slotted dataclasses, so reading a cached catalogue or building a
result needs neither pydantic nor its import time (about 0.6x of the whole start-up floor).
pydantic validates them only when catalogue files are read (``catalog/validate.py``), in JSON
mode and strict: each marker below tells it a field's bounds through
``__get_pydantic_core_schema__``, without this module importing pydantic.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")

CONFIG = {"extra": "forbid", "strict": True, "allow_inf_nan": False}
"""pydantic's settings for every record: unknown keys are errors, no type coercion, and no
``inf``/``nan`` (TOML has them; JSON has neither)."""


@dataclass_transform(frozen_default=True, kw_only_default=True)
def record(cls: type[T]) -> type[T]:
    """A record type: a frozen, slotted, keyword-only dataclass that pydantic validates strictly."""
    cls.__pydantic_config__ = CONFIG  # type: ignore[attr-defined]
    return dataclass(frozen=True, slots=True, kw_only=True)(cls)


class _Constraint:
    """Keys to set on the field's pydantic core schema (``ge``, ``pattern``, ...)."""

    __slots__ = ("keys",)

    def __init__(self, **keys: Any) -> None:
        self.keys = {k: v for k, v in keys.items() if v is not None}

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        schema = handler(source)
        schema.update(self.keys)
        return schema

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self.keys.items())})"


class Bounds(_Constraint):
    """Numeric bounds: ``Annotated[float, Bounds(ge=0, le=100)]``."""

    def __init__(self, *, ge: float | None = None, gt: float | None = None, le: float | None = None) -> None:
        super().__init__(ge=ge, gt=gt, le=le)


class Length(_Constraint):
    """Length bounds of a string or a list: ``Annotated[list[str], Length(min=1)]``."""

    def __init__(self, *, min: int | None = None, max: int | None = None) -> None:
        super().__init__(min_length=min, max_length=max)


class Pattern(_Constraint):
    """A string that matches a regular expression (and at most ``max`` characters)."""

    def __init__(self, pattern: str, *, max: int | None = None) -> None:
        super().__init__(pattern=pattern, max_length=max)


_FIELDS: dict[type, tuple[str, ...]] = {}


def json_data(value: Any) -> Any:
    """A record (or a list, tuple or dict of them) as JSON data, field by field in declaration
    order: dates as ISO strings, tuples as lists.  What pydantic's ``dump_python(mode="json")``
    gives (a test checks it on every catalogue record), without importing pydantic."""
    kind = type(value)
    if kind in _LEAVES:
        return value
    names = _FIELDS.get(kind)
    if names is None and hasattr(kind, "__dataclass_fields__"):
        names = _FIELDS[kind] = tuple(f.name for f in fields(value))
    if names is not None:
        return {name: json_data(getattr(value, name)) for name in names}
    if isinstance(value, list | tuple):
        return [json_data(v) for v in value]
    if isinstance(value, dict):
        return {k: json_data(v) for k, v in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


_LEAVES = frozenset({str, int, float, bool, type(None)})
"""Types that are their own JSON data (the common case, checked first)."""
