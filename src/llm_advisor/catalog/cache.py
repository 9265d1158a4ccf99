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
from collections.abc import Iterable
from pathlib import Path

from .. import __version__
from ..atomic import write_atomic
from .catalog import Catalog
from .paths import builtin_catalog_dir

FORMAT = 2


def _entries(folder: str, prefix: str) -> Iterable[str]:
    """(relative name, size, mtime) of the .toml files in a folder, via one scandir."""
    try:
        with os.scandir(folder) as it:
            for e in it:
                if e.name.endswith(".toml") and e.is_file():
                    st = e.stat()
                    yield f"{prefix}{e.name}:{st.st_size}:{st.st_mtime_ns}"
    except OSError:
        return


def _code_stamp() -> str:
    """Size and mtime of the modules whose classes are pickled, so a changed type (an editable
    install, or a reinstall without a version bump) never meets a cache of the old shape."""
    from .. import records, results
    from . import catalog

    parts = []
    for module in (records, results, catalog):
        try:
            st = os.stat(module.__file__)  # type: ignore[arg-type]
            parts.append(f"{st.st_size}:{st.st_mtime_ns}")
        except (OSError, TypeError):
            parts.append("?")
    return ":".join(parts)


def fingerprint(roots: list[Path]) -> str:
    """The cache key of a catalogue made of these directories, as they are now."""
    import hashlib

    h = hashlib.sha256(f"{FORMAT}:{__version__}:{_code_stamp()}".encode())
    for root in roots:
        base = str(root.resolve())
        h.update(f"\0root:{base}".encode(errors="surrogateescape"))
        if not root.is_dir():
            h.update(b"\0missing")
            continue
        parts = sorted(_entries(base, ""))
        parts += sorted(_entries(os.path.join(base, "hosts"), "hosts/"))
        models = os.path.join(base, "models")
        parts += sorted(_entries(models, "models/"))
        try:
            labs = sorted(e.name for e in os.scandir(models) if e.is_dir())
        except OSError:
            labs = []
        for lab in labs:
            parts += sorted(_entries(os.path.join(models, lab), f"models/{lab}/"))
        h.update("\0".join(parts).encode(errors="surrogateescape"))
    return h.hexdigest()[:32]


def _paths(cache_dir: Path, overlays: list[Path]) -> tuple[Path, Path]:
    key = fingerprint([builtin_catalog_dir(), *overlays])
    return cache_dir / f"catalog-{key}.pickle", cache_dir / f"names-{key}.txt"


def load_catalog_cached(overlays: Iterable[Path | str] = (), *, cache_dir: Path | None) -> Catalog:
    """``load_catalog(overlays)``, from the cache in ``cache_dir`` when nothing changed since the
    last run (``cache_dir`` None: no cache)."""
    overlays = [Path(p) for p in overlays]
    if cache_dir is not None:
        path, names = _paths(cache_dir, overlays)
        try:
            with path.open("rb") as fh:
                cached = _unpickle(fh)
            if isinstance(cached, Catalog):
                return cached
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
            pass
    from .load import load_catalog  # parsing and validation: only when the cache cannot serve

    cat = load_catalog(overlays)  # raises CatalogError: nothing is cached then
    if cache_dir is None:
        return cat
    _store(path, names, cat)
    return cat


def cached_names(overlays: Iterable[Path | str], *, cache_dir: Path) -> list[str] | None:
    """The names (ids, aliases, families) of the catalogue these overlays make, from beside its
    cache; None when no cache of the catalogue as it is now exists."""
    _, names = _paths(cache_dir, [Path(p) for p in overlays])
    try:
        return names.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None


def _unpickle(fh):  # type: ignore[no-untyped-def]
    """``pickle.load`` with the cyclic garbage collector paused: unpickling allocates hundreds
    of thousands of objects and none of them is garbage, yet each allocation burst would start
    a collection that walks them all (about 40% of the load time of a 10,000-model catalogue)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(fh)
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
