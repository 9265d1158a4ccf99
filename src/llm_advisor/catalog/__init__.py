"""The catalogue: loading and validating its files, the merged ``Catalog``, name resolution,
the view of a day, the JSON records, the cache and the JSON Schema.

Importing the package costs little: loading and validation (pydantic, tomllib) are imported
only when a catalogue is read from its files, not when it comes from the cache.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .catalog import Catalog, Resolution
from .paths import builtin_catalog_dir

if TYPE_CHECKING:
    from .load import load_catalog, validate

__all__ = ["Catalog", "Resolution", "builtin_catalog_dir", "load_catalog", "validate"]


def __getattr__(name: str) -> Any:
    if name in ("load_catalog", "validate"):
        from . import load

        return getattr(load, name)
    raise AttributeError(name)
