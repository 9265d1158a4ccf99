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
import os
import pickle
import re
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from ..atomic import remove_stale, write_atomic
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


OURS = re.compile(r"llm-advisor-(?:catalog-[0-9a-f]{32}\.pickle|names-[0-9a-f]{32}\.txt)")
"""The files the cache writes; it removes no other (a shared cache folder holds other tools')."""
OUR_TEMPORARIES = re.compile(r"\.llm-advisor-(?:catalog-[0-9a-f]{32}\.pickle|names-[0-9a-f]{32}\.txt)\.[^.]+\.tmp")


def _store(path: Path, names: Path, cat: Catalog) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, lambda fh: pickle.dump(cat, fh, protocol=pickle.HIGHEST_PROTOCOL))
        write_atomic(names, "\n".join(cat.names()) + "\n")
        for entry in os.scandir(path.parent):
            if OURS.fullmatch(entry.name) and entry.name not in (path.name, names.name) and entry.is_file():
                os.unlink(entry.path)  # an older catalogue's cache: ours by its name
        remove_stale(path.parent, OUR_TEMPORARIES, now=path.stat().st_mtime)
    except OSError:
        pass  # an unwritable cache only costs speed
