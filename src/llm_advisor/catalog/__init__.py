"""The catalogue: loading and validating its files, the merged ``Catalog``, name resolution,
the view of a day, the JSON records, the cache and the JSON Schema.

Importing the package costs nothing: each name is imported when first used, so loading and
validation (pydantic, tomllib) come only when a catalogue is read from its files, and shell
completion reaches the cache's names list without the record types.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .catalog import Catalog, Resolution
    from .load import load_catalog, validate
    from .paths import builtin_catalog_dir

__all__ = ["Catalog", "Resolution", "builtin_catalog_dir", "load_catalog", "validate"]
_WHERE = {
    "Catalog": "catalog",
    "Resolution": "catalog",
    "load_catalog": "load",
    "validate": "load",
    "builtin_catalog_dir": "paths",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    raise AttributeError(name)
