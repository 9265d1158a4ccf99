"""Where the built-in catalogue is."""

from __future__ import annotations

from pathlib import Path


def builtin_catalog_dir() -> Path:
    """The catalogue shipped with the package (wheel) or the repository's (source checkout)."""
    here = Path(__file__).resolve().parent
    packaged = here / "builtin"
    if packaged.is_dir():
        return packaged
    return here.parents[2] / "catalog"
