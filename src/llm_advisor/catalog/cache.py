"""A cache of the validated catalogue, so repeated runs skip parsing and validation.

The key is the package version, the size and modification time of the modules whose classes
are pickled, and every catalogue file's path, size and modification time (built-in and
overlays), so any change to any of them rebuilds the cache transparently.  Beside the pickle
lies the catalogue's names (ids, aliases, families), so shell completion can answer without
loading the catalogue.  The caller says where the cache lives (the CLI reads the environment);
only catalogues that validated are cached; a cache that cannot be read or written is ignored.
"""

from __future__ import annotations

import gc
import pickle
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from ..atomic import write_atomic
from .catalog import Catalog
from .fingerprint import cache_paths as _paths
from .fingerprint import fingerprint

__all__ = ["fingerprint", "load_catalog_cached"]


def load_catalog_cached(overlays: Iterable[Path | str] = (), *, cache_dir: Path | None) -> Catalog:
    """``load_catalog(overlays)``, from the cache in ``cache_dir`` when nothing changed since the
    last run (``cache_dir`` None: no cache)."""
    roots = [Path(p) for p in overlays]
    if cache_dir is not None:
        path, names = _paths(cache_dir, roots)
        try:
            with path.open("rb") as fh:
                cached = _unpickle(fh)
            if isinstance(cached, Catalog):
                return cached
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
            pass
    from .load import load_catalog  # parsing and validation: only when the cache cannot serve

    enabled = gc.isenabled()
    gc.disable()  # as in _unpickle: parsing builds a long-lived catalogue, no garbage
    try:
        cat = load_catalog(roots)  # raises CatalogError: nothing is cached then
        gc.freeze()
    finally:
        if enabled:
            gc.enable()
    if cache_dir is None:
        return cat
    _store(path, names, cat)
    return cat


def _unpickle(fh: BinaryIO) -> object:
    """``pickle.load`` with the cyclic garbage collector paused: unpickling allocates hundreds
    of thousands of objects and none of them is garbage, yet each allocation burst would start
    a collection that walks them all (about 40% of the load time of a 10,000-model catalogue).
    What it loaded is then frozen (``gc.freeze``) for the same reason."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        loaded = pickle.load(fh)
        # The catalogue lives as long as the process: move it out of the collector's sight, or
        # every later collection walks all of it again (a third of the rest of a 10,000-model
        # run went to collections that found nothing).
        gc.freeze()
        return loaded
    finally:
        if enabled:
            gc.enable()


def _store(path: Path, names: Path, cat: Catalog) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in [*path.parent.glob("catalog-*.pickle"), *path.parent.glob("names-*.txt")]:
            if old not in (path, names):
                old.unlink(missing_ok=True)
        write_atomic(path, lambda fh: pickle.dump(cat, fh, protocol=pickle.HIGHEST_PROTOCOL))
        write_atomic(names, "\n".join(cat.names()) + "\n")
    except OSError:
        pass  # an unwritable cache only costs speed
