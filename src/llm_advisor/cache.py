"""A cache of the validated catalogue, so repeated runs skip parsing and validation.

The key is the package version, the size and modification time of the modules whose classes
are pickled, and every catalogue file's path, size and modification time (built-in and
overlays), so any change to any of them rebuilds the cache transparently.  The
cache lives in ``$LLM_ADVISOR_CACHE_DIR``, else ``$XDG_CACHE_HOME/llm-advisor``, else
``~/.cache/llm-advisor``; ``LLM_ADVISOR_NO_CACHE=1`` turns it off.  Only catalogues that
validated are cached; a cache that cannot be read or written is ignored.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
from collections.abc import Iterable
from pathlib import Path

from . import __version__
from .catalog import Catalog, builtin_catalog_dir, load_catalog
from .files import write_atomic

FORMAT = 1


def cache_dir() -> Path:
    if os.environ.get("LLM_ADVISOR_CACHE_DIR"):
        return Path(os.environ["LLM_ADVISOR_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "llm-advisor"


def _entries(folder: str, prefix: str):
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
    from . import catalog, models

    parts = []
    for module in (models, catalog):
        try:
            st = os.stat(module.__file__)  # type: ignore[arg-type]
            parts.append(f"{st.st_size}:{st.st_mtime_ns}")
        except (OSError, TypeError):
            parts.append("?")
    return ":".join(parts)


def _fingerprint(roots: list[Path]) -> str:
    h = hashlib.sha256(f"{FORMAT}:{__version__}:{_code_stamp()}".encode())
    for root in roots:
        base = str(root.resolve())
        h.update(f"\0root:{base}".encode())
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
        h.update("\0".join(parts).encode())
    return h.hexdigest()[:32]


def load_catalog_cached(overlays: Iterable[Path | str] = ()) -> Catalog:
    """``load_catalog(overlays)``, from the cache when nothing changed since the last run."""
    overlays = [Path(p) for p in overlays]
    if os.environ.get("LLM_ADVISOR_NO_CACHE"):
        return load_catalog(overlays)
    path = cache_dir() / f"catalog-{_fingerprint([builtin_catalog_dir(), *overlays])}.pickle"
    try:
        with path.open("rb") as fh:
            cat = _unpickle(fh)
        if isinstance(cat, Catalog):
            return cat
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        pass
    cat = load_catalog(overlays)  # raises CatalogError: nothing is cached then
    _store(path, cat)
    return cat


def _unpickle(fh):
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


def _store(path: Path, cat: Catalog) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("catalog-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
        write_atomic(path, lambda fh: pickle.dump(cat, fh, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass  # an unwritable cache only costs speed
